"""Login throttling (django-axes): the lockout page."""

from django.conf import settings
from django.shortcuts import render


def lockout_page(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout explained in Indonesian, with the wait, as 429 Too Many Requests."""
    menit = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    konteks = {"batas_gagal": settings.AXES_FAILURE_LIMIT, "menit": menit}
    return render(request, "registration/terkunci.html", konteks, status=429)
