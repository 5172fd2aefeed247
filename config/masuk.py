"""Login throttling (django-axes): the client's address behind a reverse proxy, and the lockout page."""

import ipaddress

from django.conf import settings
from django.shortcuts import render


def _terpercaya(alamat: str) -> bool:
    try:
        ip = ipaddress.ip_address(alamat.strip())
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(jaringan, strict=False) for jaringan in settings.TRUSTED_PROXIES)


def alamat_klien(request) -> str:
    """REMOTE_ADDR, or, when that is one of TRUSTED_PROXIES, the nearest X-Forwarded-For hop not a proxy.

    Walked from the right: each proxy appends the address it received from, so entries left of the first
    untrusted one were written by the client and prove nothing.
    """
    alamat = request.META.get("REMOTE_ADDR", "")
    if not _terpercaya(alamat):
        return alamat
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop = hop.strip()
        if not hop:
            continue
        if not _terpercaya(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return alamat
        alamat = hop
    return alamat


def halaman_terkunci(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout explained in Indonesian, with the wait, as 429 Too Many Requests."""
    menit = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    konteks = {"batas_gagal": settings.AXES_FAILURE_LIMIT, "menit": menit}
    return render(request, "registration/terkunci.html", konteks, status=429)
