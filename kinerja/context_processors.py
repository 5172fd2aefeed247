from django.utils.functional import SimpleLazyObject

from .permissions import peran as peran_user
from .selectors_evaluasi import notifikasi_belum_dibaca


def peran(request):
    """Expose the user's roles to templates so the navigation shows each role what it may use."""
    return {"peran": peran_user(request.user)}


def notifikasi(request):
    """The navbar bell's unread count: one COUNT query, run only when a page shows the bell."""
    user = request.user
    return {"jumlah_notifikasi": SimpleLazyObject(lambda: notifikasi_belum_dibaca(user))}
