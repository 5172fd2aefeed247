"""Gunicorn settings for the web service: docker-compose.yml and bench/halaman.py both start gunicorn with
`-c config/gunicorn.conf.py`, so the benchmark measures the production configuration.

Each environment variable below overrides its default; the defaults suit a small (2-core) server.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# A page spends part of its time waiting on PostgreSQL and Redis: gthread lets a worker serve a second request
# meanwhile, and 2 × cores + 1 processes keep every core busy while others wait. On 2 cores that is 5 × 2 = 10
# requests in flight, enough for 16 users without queueing long behind one slow page, and few enough that the
# pages' own CPU work is not split among more threads than the GIL can run.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 2))
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
