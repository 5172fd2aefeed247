"""Writes of notifications: a new one for a user, and marking a user's notifications read."""

from django.db import transaction
from django.utils import timezone

from .models import Notifikasi


def beri_tahu(penerima_user, judul, pesan="", tautan=""):
    """Notify one user in the app (nobody when the ASN has no account)."""
    if penerima_user is not None:
        Notifikasi.objects.create(penerima=penerima_user, judul=judul, pesan=pesan, tautan=tautan)


@transaction.atomic
def tandai_notifikasi_dibaca(user, notifikasi_ids=None) -> int:
    """Mark the user's notifications read (the given ones, or all); returns how many changed."""
    qs = Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True)
    if notifikasi_ids is not None:
        qs = qs.filter(pk__in=notifikasi_ids)
    return qs.update(dibaca_pada=timezone.now())
