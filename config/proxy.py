"""The client's address when the app runs behind reverse proxies of our own (docker compose's nginx, TLS)."""

from django.conf import settings


class AlamatKlienMiddleware:
    """Set REMOTE_ADDR to the client address our proxies recorded in X-Forwarded-For.

    Each proxy appends the address it received the request from, so with TRUSTED_PROXIES = N the N-th entry from
    the right is the client as our outermost proxy saw it. Entries further left were written by the client and
    are ignored, so nobody escapes a per-address limit by sending the header. With N = 0 (no proxy, the
    default) the header is ignored altogether.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        jumlah = settings.TRUSTED_PROXIES
        if jumlah:
            alamat = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
            if len(alamat) >= jumlah:
                request.META["REMOTE_ADDR"] = alamat[-jumlah]
        return self.get_response(request)
