"""PostgreSQL or Redis unreachable: a plain 503 page in Indonesian instead of a traceback or a 500."""

import logging
import sys

import redis
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults
from kombu.exceptions import OperationalError as BrokerTidakTersedia

logger = logging.getLogger(__name__)

# The database, Redis as the Celery broker (a task sent while it is down), and Redis reached directly; the cache
# does not raise them, it degrades to none (core/cache_backend.py).
SERVICE_ERRORS = (OperationalError, InterfaceError, redis.ConnectionError, redis.TimeoutError, BrokerTidakTersedia)
# Seconds a browser or proxy is told to wait; a restart of either service takes about this long.
RETRY_AFTER_SECONDS = 30


def outage_response(request, exc: BaseException) -> HttpResponse:
    """Log the failure and answer 503 with Retry-After.

    Rendered without the request: context processors and the user lookup would query the very database
    that is down.
    """
    logger.error("Layanan tidak tersedia saat %s %s: %r", request.method, request.path, exc, exc_info=exc)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class ServiceOutageMiddleware:
    """Turns a database or Redis failure raised by a view or while rendering its template into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if isinstance(exc, SERVICE_ERRORS):
            return outage_response(request, exc)
        return None


def server_error(request):
    """handler500: the same 503 page when the failure came from a middleware (e.g. saving the session).

    Django converts an exception raised inside another middleware into a response at that middleware,
    so ServiceOutageMiddleware never sees it; it ends here, with the exception still being handled.
    """
    exc = sys.exc_info()[1]
    if isinstance(exc, SERVICE_ERRORS):
        return outage_response(request, exc)
    return defaults.server_error(request)
