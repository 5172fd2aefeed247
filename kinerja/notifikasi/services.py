"""Writes of notifications: a new one for a user, and marking a user's notifications read (by the user, or because
they did what the notifications asked)."""

from django.db import transaction
from django.utils import timezone

from .models import Notifikasi


def beri_tahu(penerima_user, judul, pesan="", tautan="", tindakan=""):
    """Notify one user in the app (nobody when the ASN has no account); `tindakan` (Notifikasi.Tindakan) when it asks
    them to act on what `tautan` points to."""
    if penerima_user is not None:
        Notifikasi.objects.create(penerima=penerima_user, judul=judul, pesan=pesan, tautan=tautan, tindakan=tindakan)


def tandai_ditindaklanjuti(user, tindakan: str, tautan: str) -> int:
    """The user has done what their notifications about `tautan` asked (`tindakan`): they are read from now on.
    Called inside the transaction of the service that acts, so both happen or neither; other users' notifications,
    and the user's others about the same page (a note in the dialog), stay as they are. Returns how many changed."""
    return Notifikasi.objects.filter(penerima=user, tindakan=tindakan, tautan=tautan, dibaca_pada__isnull=True).update(
        dibaca_pada=timezone.now()
    )


@transaction.atomic
def tandai_notifikasi_dibaca(user, notifikasi_ids=None) -> int:
    """Mark the user's notifications read (the given ones, or all); returns how many changed."""
    qs = Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True)
    if notifikasi_ids is not None:
        qs = qs.filter(pk__in=notifikasi_ids)
    return qs.update(dibaca_pada=timezone.now())
