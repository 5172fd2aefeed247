"""Reads of notifications: the bell's count, a user's list, and the one a link opens."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import Notifikasi


def notifikasi_belum_dibaca(user) -> int:
    """The navbar bell's count: read with the user of a request (kinerja.backends), else counted here."""
    sudah = getattr(user, "_belum_dibaca", None)
    if sudah is not None:
        return sudah
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True).count()


def jumlah_belum_dibaca():
    """An annotation on users: how many of their notifications are unread (one counting subquery)."""
    belum = (
        Notifikasi.objects.filter(penerima=OuterRef("pk"), dibaca_pada__isnull=True)
        .order_by()
        .values("penerima")
        .annotate(n=Count("pk"))
    )
    return Coalesce(Subquery(belum.values("n")), 0)


def daftar_notifikasi(user, batas: int = 50):
    return Notifikasi.objects.filter(penerima=user)[:batas]


def notifikasi_milik(user):
    """The user's notifications (another user's are never found)."""
    return Notifikasi.objects.filter(penerima=user)
