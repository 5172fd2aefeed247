"""Liveness of the services the app depends on: /healthz for load balancers and docker-compose."""

import logging

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)

PATHS = {"/healthz", "/healthz/"}


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
    """200 with every service "ok", or 503 naming what is down."""
    hasil = check_services()
    gagal = sorted(nama for nama, status in hasil.items() if status != "ok")
    if gagal:
        logger.warning("Pemeriksaan kesehatan gagal: %s", hasil)
        return JsonResponse({**hasil, "gagal": gagal}, status=503)
    return JsonResponse(hasil)


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
