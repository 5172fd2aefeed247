from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from .notifikasi.selectors import notifikasi_belum_dibaca
from .pegawai.permissions import peran as peran_user


def _user(request):
    # A request refused before AuthenticationMiddleware ran (an unknown Host: the 400 page) has no user.
    return getattr(request, "user", None) or AnonymousUser()


def peran(request):
    """Expose the user's roles to templates so the navigation shows each role what it may use."""
    return {"peran": peran_user(_user(request))}


def fragmen(request):
    """How long the cached page fragments live (core/cache.py); 0 caches nothing. A view may override it."""
    return {"fragmen_detik": settings.FRAGMEN_CACHE_DETIK}


def notifikasi(request):
    """The navbar bell's unread count: read with the user of the request (kinerja.backends), else counted when a
    page shows the bell."""
    user = _user(request)
    return {"jumlah_notifikasi": SimpleLazyObject(lambda: notifikasi_belum_dibaca(user))}
