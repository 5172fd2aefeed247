"""The client's address when the app runs behind reverse proxies of our own (docker compose's nginx, TLS)."""

from django.conf import settings


def client_address(request) -> str:
    """The client address our proxies recorded in X-Forwarded-For, or REMOTE_ADDR without proxies.

    Each proxy appends the address it received the request from, so with TRUSTED_PROXIES = N the N-th entry from
    the right is the client as our outermost proxy saw it. Entries further left were written by the client and
    are ignored, so nobody escapes a per-address limit (login throttling, public forms) by sending the header.
    With N = 0 (no proxy, the default) the header is ignored altogether. Reads only the header, so calling it
    again after ClientAddressMiddleware gives the same answer (django-axes calls it as AXES_CLIENT_IP_CALLABLE).
    """
    jumlah = settings.TRUSTED_PROXIES
    alamat = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if jumlah and len(alamat) >= jumlah:
        return alamat[-jumlah]
    return request.META.get("REMOTE_ADDR", "")


class ClientAddressMiddleware:
    """Set REMOTE_ADDR to client_address(), so every per-address limit counts the client, not the proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META["REMOTE_ADDR"] = client_address(request)
        return self.get_response(request)
