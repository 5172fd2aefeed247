"""Gunicorn settings for the web service: docker-compose.yml and bench/halaman.py both start gunicorn with
`-c config/gunicorn.conf.py`, so the benchmark measures the production configuration.

Each environment variable below overrides its default; the defaults suit a small (2-core) server.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# One process per core, each with three threads: a page spends part of its time waiting on PostgreSQL and Redis,
# and the other threads of the process run meanwhile. More processes than cores only preempt one another
# (bench/halaman.py; the figures are in bench/results.md, Keputusan).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 3))
# A process accepts a connection only when one of its threads is free. By default (1,000) a gthread process accepts
# every connection it sees and queues it behind its own busy threads, while the other process may sit idle; capped,
# waiting requests stay in the kernel's listen queue and go to whichever process frees a thread first (the same
# benchmark measured it: bench/results.md, Keputusan).
worker_connections = threads
# Loading Django once before forking saves memory per worker and start-up time; no connection is opened at import.
preload_app = True
# A page takes well under a second; 30 s kills only a hung worker.
timeout = 30
graceful_timeout = 30
# No keep-alive: the compose nginx (nginx/kinerja.conf) opens a new connection to gunicorn for every request, and
# an idle kept-alive connection would hold one of the capped connection slots above.
keepalive = 0
# Workers are not recycled (no max_requests): memory must stay flat without it, and bench/halaman.py checks that.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = os.environ.get(
    "GUNICORN_ACCESS_LOG_FORMAT", '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
)
