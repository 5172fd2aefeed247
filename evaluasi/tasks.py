"""Celery tasks of the rules: thin, idempotent wrappers around evaluasi.services."""

import logging

from celery import shared_task
from django.db import transaction

from core.errors import WrongState
from core.tasks import RetryingTask

from . import services

log = logging.getLogger(__name__)


@shared_task(base=RetryingTask, name="evaluasi.tasks.terapkan_aturan_task")
def terapkan_aturan_task(periode_id: int, pegawai_ids: list[int]) -> dict:
    """Apply the active rules to ASN whose evaluations were just finalised; running it twice records once.

    A period reopened meanwhile is no longer final: the task then records nothing and says why.
    """
    try:
        hasil = services.terapkan_aturan(None, periode_id, pegawai_ids=pegawai_ids)
    except WrongState as exc:
        log.warning("Aturan tidak diterapkan pada periode %s: %s", periode_id, exc.message)
        return {"ditolak": exc.message}
    return {"baru": hasil.baru, "tetap": hasil.tetap, "digantikan": hasil.digantikan}


def jadwalkan_penerapan(sender, *, periode_id, unit_id, pegawai_ids, **kwargs):
    """Receiver of kinerja.penilaian.signals.unit_difinalkan: queue the task once the finalisation has committed."""

    def kirim():
        try:
            terapkan_aturan_task.delay(periode_id, list(pegawai_ids))
        except Exception:
            # The finalisation stands; an administrator can still apply the rules from the page or command.
            log.exception("Penerapan aturan periode %s unit %s tidak dapat dimasukkan ke antrean", periode_id, unit_id)

    transaction.on_commit(kirim)
