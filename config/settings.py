"""Settings, read from the environment (see .env.example) with safe defaults for development."""

import importlib.util
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-dev-only-change-me-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "axes",
    "core",
    "kinerja",
    "layanan",
    "evaluasi",
    "rekap",
    "audit",
    "demo",
]

MIDDLEWARE = [
    "core.proxy.ClientAddressMiddleware",
    "core.health.HealthCheckMiddleware",
    # Turns a database or Redis failure in a view or template into the 503 page; one raised inside another
    # middleware reaches handler500 (core.outage.server_error), which gives the same page.
    "core.outage.ServiceOutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Cache-Control: private, no-store on what depends on the session; just inside it, so it sees every response
    # after the view, the messages and axes have read the session.
    "core.cache_headers.PrivatePagesMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "audit.middleware.PelakuAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lockout flagged during the view into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kinerja.context_processors.peran",
                "kinerja.context_processors.notifikasi",
                "kinerja.context_processors.fragmen",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: the web server, the Celery worker and beat write to one file at once. WAL lets readers
    # read while one writes; IMMEDIATE takes the write lock when a transaction begins, so two writers queue behind
    # the busy timeout instead of one failing at once with "database is locked" when its read lock cannot be
    # upgraded; the timeout outlasts the longest write transaction of `make run` (a roll-up, a roster import).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=60),
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Django's RedisCache that a Redis outage degrades to no cache (every read a miss) rather than to a 503.
    CACHES = {"default": {"BACKEND": "core.cache_backend.DegradingRedisCache", "LOCATION": REDIS_URL}}
else:
    # Shared by the web server and the Celery worker of `make run` (import progress, rate limits), unlike locmem.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": VAR_DIR / "cache"}
    }

# Sessions in the database that every instance shares (a request may reach any web instance), read from it alone:
# through the cache (cached_db) a logout or a new session key made while Redis was unreachable would not reach the
# copy Redis still holds, which would be served again once it is back. One primary-key query a request is cheap.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out username and address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the roles with the user of each request.
    "kinerja.backends.BackendPeran",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Ten rather than Django's eight: each extra character multiplies the guesses an attacker needs.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"
# Password reset by email: requests per hour from one client address (an office network shares one) and for one
# submitted email address, known or not; a reset link (emailed, or handed over by an administrator) works once,
# for this many hours.
SANDI_BATAS_PER_ALAMAT = env.int("SANDI_BATAS_PER_ALAMAT", default=20)
SANDI_BATAS_PER_EMAIL = env.int("SANDI_BATAS_PER_EMAIL", default=3)
PASSWORD_RESET_TIMEOUT = env.int("SANDI_TAUTAN_JAM", default=24) * 60 * 60

# Login throttling (django-axes): failures are counted per username *and* address together, so a colleague
# mistyping on the same office network never locks anyone else out, and a guesser cannot lock out a user
# from elsewhere. A successful login clears the count; administrators see and delete lockouts in the admin.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failures are counted in the database (axes' default, named so it stays so): logins go on while Redis is down.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_RESET_ON_SUCCESS = True
# No "AXES: BEGIN version ..." banner on every manage.py command and worker start.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_page"
# The client's address behind our reverse proxies (TRUSTED_PROXIES), as every per-address limit sees it.
AXES_CLIENT_IP_CALLABLE = "core.proxy.client_address"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploaded files (roster and attendance imports between preview and confirm, evidence) go through the default
# storage, which every web instance and worker must share: MEDIA_ROOT on a shared volume, or an S3-compatible
# bucket with django-storages (an optional install, see README) when the instances run on several machines.
STORAGE_BACKEND = env.str("STORAGE_BACKEND", default="filesystem")
if STORAGE_BACKEND == "filesystem":
    _penyimpanan_berkas = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured('STORAGE_BACKEND=s3 membutuhkan django-storages: pip install "django-storages[s3]"')
    _penyimpanan_berkas = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            # Evidence keeps its uploaded name; two files with one name must not replace each other.
            "file_overwrite": False,
            # Files are private: evidence is served by a view that checks who asks, never by a public URL.
            "querystring_auth": True,
        },
    }
else:
    raise ImproperlyConfigured(f"STORAGE_BACKEND harus 'filesystem' atau 's3', bukan {STORAGE_BACKEND!r}.")
STORAGES = {
    "default": _penyimpanan_berkas,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads: the roster file limit is checked by the import form; Django's own limits stay close to it.
ROSTER_MAX_UPLOAD_MB = env.int("ROSTER_MAX_UPLOAD_MB", default=20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Rosters larger than this import as a background task with a progress bar.
ROSTER_BACKGROUND_ROWS = env.int("ROSTER_BACKGROUND_ROWS", default=2000)
# A confirmed background import still queued, and not running, after this many minutes is queued again
# (kinerja.pegawai.services.antrekan_ulang_impor_tertahan, every 5 minutes on Celery beat).
ROSTER_ANTRE_ULANG_MENIT = env.int("ROSTER_ANTRE_ULANG_MENIT", default=10)
# "Buat evaluasi" for more active ASN than this runs as a background task.
EVALUASI_LATAR_BELAKANG = env.int("EVALUASI_LATAR_BELAKANG", default=1000)
# e-Kinerja result files with more rows than this import as a background task with a progress bar.
EKINERJA_BACKGROUND_ROWS = env.int("EKINERJA_BACKGROUND_ROWS", default=2000)

# Public service forms: submissions per client address (online requests per hour, tracking per 10 minutes).
LAYANAN_BATAS_PERMOHONAN_DARING = env.int("LAYANAN_BATAS_PERMOHONAN_DARING", default=5)
LAYANAN_BATAS_LACAK = env.int("LAYANAN_BATAS_LACAK", default=20)
# The public IKM pages aggregate a year of surveys (hundreds of thousands at province scale) for anyone who asks;
# their figures are kept in the cache this many seconds (0: computed on every request).
IKM_CACHE_DETIK = env.int("IKM_CACHE_DETIK", default=300)
# The heaviest parts of the main pages (Tim Saya, the ASN search, the HR list, the realisation form, the
# organisation dashboard's figures) are cached this many seconds (0: rendered on every request). Any write of the
# data they show makes a fresh one at once (core/cache.py); the time only bounds how long an unused one
# takes room in the cache.
FRAGMEN_CACHE_DETIK = env.int("FRAGMEN_CACHE_DETIK", default=600)
# Attendance and training-hours uploads (evaluasi), checked by their import form.
EVALUASI_MAX_UPLOAD_MB = env.int("EVALUASI_MAX_UPLOAD_MB", default=10)
# Every .xlsx, .xlsb and .ods upload is checked before parsing (zip bombs, core.spreadsheet_formats.check_archive):
# parts in the archive, total unpacked size, and compression ratio of a part; a province-wide roster stays far
# below them.
XLSX_MAX_ENTRIES = env.int("XLSX_MAX_ENTRIES", default=1000)
XLSX_MAX_UNPACKED_MB = env.int("XLSX_MAX_UNPACKED_MB", default=300)
XLSX_MAX_RATIO = env.int("XLSX_MAX_RATIO", default=200)
# Evidence files attached to a realisation (core.files).
BUKTI_MAX_MB = env.int("BUKTI_MAX_MB", default=5)
# All the documents of one online request together: below nginx's client_max_body_size (25 MB), so a citizen
# with many requirements hears the limit in Indonesian from the form rather than nginx's 413.
PERSYARATAN_TOTAL_MAX_MB = env.int("PERSYARATAN_TOTAL_MAX_MB", default=20)

# Django's renderer, with <select> written in Python (core/form_renderer.py).
FORM_RENDERER = "core.form_renderer.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kinerja ASN Gorontalo <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where links in emails point (no request to take the host from in a background task).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Evaluation reminders: days before the filling deadline on which ASN who have not submitted are reminded.
PENGINGAT_HARI_SEBELUM_BATAS = env.list("PENGINGAT_HARI_SEBELUM_BATAS", cast=int, default=[7, 3, 1])
# Base of the exponential backoff (seconds) when a reminder email fails; retries wait up to 30 s, 60 s, 120 s...
PENGINGAT_EMAIL_JEDA_DETIK = 30
# Tasks that write retry a transient database error (core/tasks.py): the first wait, doubled per attempt up to the
# cap, with jitter; eight attempts span about ten minutes, longer than a database restart.
TASK_RETRY_DELAY_SECONDS = env.int("TASK_RETRY_DELAY_SECONDS", default=5)
TASK_RETRY_MAX_DELAY_SECONDS = env.int("TASK_RETRY_MAX_DELAY_SECONDS", default=300)

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport (no server needed).
CELERY_BROKER_DIR = VAR_DIR / "celery"
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
# Redis keeps a task a worker took until the worker acknowledges it at the end (ACKS_LATE); if the whole worker
# dies (killed, out of memory, power cut) Redis hands the task out again after this many seconds. It must exceed
# the longest a task may run, the hard limit above (per-task limits are lower), and the longest retry countdown
# (reminder emails, 16 minutes), or a task still running or waiting would also go to a second worker. A worker
# stopped normally (SIGTERM) gives its tasks back at once; only a dead worker's tasks wait this long.
_visibility_timeout = env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * CELERY_TASK_TIME_LIMIT)
if _visibility_timeout <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        f"CELERY_VISIBILITY_TIMEOUT ({_visibility_timeout} detik) harus lebih lama dari batas waktu tugas "
        f"CELERY_TASK_TIME_LIMIT ({CELERY_TASK_TIME_LIMIT} detik)."
    )
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": _visibility_timeout}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "store_processed": False,
        # Exchange tables; kombu's default is "control" in the current directory.
        "control_folder": str(CELERY_BROKER_DIR / "control"),
    }
    # The transport does not create its folders, and the web process, `make run` and a bare
    # `celery -A config worker` all need them, so they are made wherever settings load.
    for _folder in ("queue", "processed", "control"):
        (CELERY_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Periodic tasks live here, in code, so a change to the schedule is reviewed like any other change.
# Crontab times are WITA (CELERY_TIMEZONE).
CELERY_BEAT_SCHEDULE = {
    "periksa-layanan": {"task": "config.periksa_layanan", "schedule": 5 * 60},
    # On the hour, WITA (CELERY_TIMEZONE): flag requests that passed their deadline and tell the unit head.
    "layanan-tandai-terlambat": {"task": "layanan.tandai_terlambat", "schedule": crontab(minute=0)},
    "pengingat-evaluasi": {
        "task": "rekap.kirim_pengingat_harian",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon-fri"),
    },
    "rekap-malam": {"task": "rekap.hitung_rekap_terjadwal", "schedule": crontab(hour=1, minute=0)},
    # Confirmed roster imports whose queue message was lost go back in the queue.
    "impor-tertahan": {"task": "kinerja.antrekan_ulang_impor_tertahan", "schedule": 5 * 60},
}
CELERY_BEAT_SCHEDULE_FILENAME = env.str("CELERY_BEAT_SCHEDULE_FILENAME", default=str(VAR_DIR / "celerybeat-schedule"))

# Production hardening: on unless DEBUG, each switchable for a plain-HTTP staging box.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies of our own append to X-Forwarded-For (docker compose's nginx: 1); 0 trusts none.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# Office PCs are shared: closing the browser ends the session, and a session lasts one working day at most.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content Security Policy (django-csp): only our own scripts, styles and fonts. Pages carry no inline
# scripts, event handlers or style attributes; widths are set from data attributes by static/js.
# data: images are Bootstrap's SVG icons (navbar toggler, select arrow, close button) inside its CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # django-import-export's admin export page (admin/import_export/export.html) is the one page with
        # inline attributes: onchange="onSelectToggleChange(event)", style="padding: 0;" and
        # style="font-weight: bold;". Exactly those are allowed, by their hashes; nothing else inline runs.
        "script-src-attr": ["'unsafe-hashes'", "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='"],
        "style-src-attr": [
            "'unsafe-hashes'",
            "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA='",
            "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs='",
        ],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
