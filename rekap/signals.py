"""Refresh the roll-ups of a period right after one of its units is finalised."""

from django.db import transaction
from django.dispatch import receiver

from kinerja.penilaian.signals import unit_difinalkan


@receiver(unit_difinalkan, dispatch_uid="rekap_setelah_finalisasi")
def rekap_setelah_finalisasi(sender, periode_id, **kwargs):
    from .tasks import hitung_rekap_periode

    # After commit: the worker must see the final rows, and a rolled-back finalisation enqueues nothing.
    transaction.on_commit(lambda: hitung_rekap_periode.delay(periode_id))
