"""Where a page may send the user next: only a path on this site, never a link to another host."""

from django.utils.http import url_has_allowed_host_and_scheme


def tujuan_lokal(tujuan: str | None, cadangan: str) -> str:
    """`tujuan` when it is a path on this site (e.g. a posted "kembali" or a notification's link), else `cadangan`."""
    if tujuan and tujuan.startswith("/") and url_has_allowed_host_and_scheme(tujuan, allowed_hosts=None):
        return tujuan
    return cadangan
