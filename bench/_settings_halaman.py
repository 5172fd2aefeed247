"""Settings of the page benchmark's gunicorn: the production settings, plus the floor views' URLconf.

The floor views live only here (bench._urls_halaman), never in the product's URLs, so the access-matrix test
never sees them. Plain HTTP on 127.0.0.1 (no TLS in front), and the per-address budgets of the citizens' forms
lifted: in the benchmark one address plays every citizen.
"""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

ROOT_URLCONF = "bench._urls_halaman"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
# No collectstatic in the scratch run; the pages measured do not serve static files.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_AUTOREFRESH = True
LAYANAN_BATAS_PERMOHONAN_DARING = LAYANAN_BATAS_LACAK = 10**9
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
