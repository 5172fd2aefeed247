"""Where a page may send the user next: only a path on this site, never a link to another host."""

from django.utils.http import url_has_allowed_host_and_scheme


def local_url(target: str | None, fallback: str) -> str:
    """`target` when it is a path on this site (e.g. a posted "kembali" or a notification's link), else `fallback`."""
    if target and target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return target
    return fallback
