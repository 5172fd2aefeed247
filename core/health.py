"""Liveness of the services the app depends on: /healthz for load balancers and docker-compose; and the state of
background work an app registers (register_background_check), shown there without failing the probe."""

import logging

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)

PATHS = {"/healthz", "/healthz/"}
# name -> a callable answering "ok" or a one-word state ("gagal", "tertinggal"), registered by the apps.
_BACKGROUND_CHECKS = {}


def register_background_check(name: str, check) -> None:
    """Show the state of an app's background work (e.g. rekap's roll-ups) on /healthz. A failing roll-up is for an
    administrator to act on, not a reason for a load balancer to take the web server out: it never makes a 503."""
    _BACKGROUND_CHECKS[name] = check


def check_background() -> dict[str, str]:
    hasil = {}
    for name, check in _BACKGROUND_CHECKS.items():
        try:
            hasil[name] = check()
        except Exception:
            logger.exception("Pemeriksaan kesehatan: keadaan %s tidak dapat dibaca", name)
            hasil[name] = "tidak diketahui"
    return hasil


def check_services() -> dict[str, str]:
    """Check the database and, when REDIS_URL is set, Redis; each maps to "ok" or "gagal".

    The error itself goes to the log only: anyone may call /healthz, and a driver's message names hosts and ports.
    """
    hasil = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        hasil["database"] = "ok"
    except Exception:  # any failure means "down"; the log says why
        logger.exception("Pemeriksaan kesehatan: basis data tidak dapat dihubungi")
        hasil["database"] = "gagal"
    if settings.REDIS_URL:
        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
            hasil["redis"] = "ok"
        except Exception:
            logger.exception("Pemeriksaan kesehatan: Redis tidak dapat dihubungi")
            hasil["redis"] = "gagal"
    return hasil


def healthz(request):
    """200 with every service "ok" (and, under "latar", the state of the registered background work), or 503
    naming what is down."""
    hasil = check_services()
    gagal = sorted(nama for nama, status in hasil.items() if status != "ok")
    if gagal:
        logger.warning("Pemeriksaan kesehatan gagal: %s", hasil)
        return JsonResponse({**hasil, "gagal": gagal}, status=503)
    latar = check_background()
    if any(status != "ok" for status in latar.values()):
        logger.warning("Pekerjaan latar belakang bermasalah: %s", latar)
    return JsonResponse({**hasil, **({"latar": latar} if latar else {})})


class HealthCheckMiddleware:
    """Answers /healthz before host validation and the HTTPS redirect.

    Probes come from inside the network by IP over plain HTTP (docker's healthcheck, a load balancer), so
    they would otherwise be refused by ALLOWED_HOSTS or redirected by SECURE_SSL_REDIRECT.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in PATHS and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
