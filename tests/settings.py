"""Settings for the test suite: the real settings (same environment variables) minus what gets in the way.

The test client and live_server speak plain HTTP, while production redirects to https and marks cookies
Secure; templates must render without a collectstatic manifest; the production password hasher costs
~0.3 s per password and tests check logic, not key stretching. This has to be a settings module rather
than a fixture because live_server builds its middleware before any fixture could override settings.
Production values are checked by tests/test_deploy.py, which runs config.settings in a subprocess.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import STORAGES

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No collectstatic output exists under test: look files up per request, as in development, instead of
# scanning an absent STATIC_ROOT at start-up.
WHITENOISE_AUTOREFRESH = True
# Without Redis, each test run gets a fresh in-memory cache rather than the development file cache in var/.
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# django-axes refuses an authenticate() without a request, which Client.login() and direct authenticate()
# calls make; tests of throttling, and the browser journeys through the login form, switch it on.
AXES_ENABLED = False
# Under pytest-xdist every test process sends to and runs a worker on its own queue: on a shared Redis database a
# worker of one process would otherwise take the other's tasks (and run them against the wrong test database), and
# its purge would drop them.
if REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER"):  # noqa: F405
    CELERY_TASK_DEFAULT_QUEUE = f"celery-{os.environ['PYTEST_XDIST_WORKER']}"
# tests/config/test_tulis_bersamaan.py runs a test against a SQLite file, as `make run` uses, instead of memory.
if os.environ.get("KINERJA_UJI_SQLITE"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["KINERJA_UJI_SQLITE"]}  # noqa: F405
# The cached page fragments and the public IKM figures keep their production lifetimes (FRAGMEN_CACHE_DETIK,
# IKM_CACHE_DETIK): the tests check the pages users get, cache included. Each test starts with an empty cache of
# its own (tests/conftest.py, _cache_sendiri).
