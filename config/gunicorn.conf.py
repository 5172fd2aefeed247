"""Gunicorn settings for the web service: docker-compose.yml and bench/halaman.py both start gunicorn with
`-c config/gunicorn.conf.py`, so the benchmark measures the production configuration.

Each environment variable below overrides its default; the defaults suit a small (2-core) server.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# One process per core, each with three threads: a page spends part of its time waiting on PostgreSQL and Redis,
# and the other threads of the process run meanwhile. More processes than cores only preempt one another: on the
# 2-core benchmark machine (bench/halaman.py, 16 users) 5 processes × 2 threads served 152-165 requests/s with a
# p95 of 220-240 ms, 2 × 3 served 171-179/s with a p95 of 160-170 ms.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 3))
# Loading Django once before forking saves memory per worker and start-up time; no connection is opened at import.
preload_app = True
# A page takes well under a second; 30 s kills only a hung worker. Keep-alive for the proxy in front.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Workers are not recycled (no max_requests): memory must stay flat without it, and bench/halaman.py checks that.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = os.environ.get(
    "GUNICORN_ACCESS_LOG_FORMAT", '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
)
