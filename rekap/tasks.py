"""Celery tasks of roll-ups and reminders: thin wrappers around the services, taking ids, safe to run twice;
and the receivers that queue them and record a roll-up that failed for good."""

import logging
from smtplib import SMTPException

from celery import shared_task
from celery.signals import task_failure
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.db import transaction
from django.dispatch import receiver

from core.tasks import RetryingTask
from kinerja.penilaian.signals import unit_difinalkan

from . import services, services_pengingat
from .signals import email_pengingat_menunggu

log = logging.getLogger(__name__)


@shared_task(base=RetryingTask, name="rekap.hitung_rekap_terjadwal", soft_time_limit=10 * 60, time_limit=12 * 60)
def hitung_rekap_terjadwal() -> dict:
    """Nightly (01:00 WITA): recompute the roll-ups of every period whose figures may have changed."""
    hasil = services.hitung_rekap_terjadwal()
    return {"periode": hasil.periode, "baris_unit": hasil.baris_unit, "baris_tim": hasil.baris_tim}


@shared_task(base=RetryingTask, name="rekap.hitung_rekap_periode", soft_time_limit=5 * 60, time_limit=6 * 60)
def hitung_rekap_periode(periode_id: int) -> dict:
    """One period's roll-ups, right after a unit of it was finalised."""
    hasil = services.hitung_rekap([periode_id])
    return {"periode": hasil.periode, "baris_unit": hasil.baris_unit, "baris_tim": hasil.baris_tim}


@shared_task(base=RetryingTask, name="rekap.kirim_pengingat_harian", soft_time_limit=5 * 60, time_limit=6 * 60)
def kirim_pengingat_harian() -> dict:
    """Every working day at 07:30 WITA: claim and deliver the day's evaluation reminders (exactly once each)."""
    hasil = services_pengingat.kirim_pengingat()
    return {"calon": hasil.calon, "terkirim": hasil.terkirim, "email": hasil.email}


@shared_task(name="rekap.antre_email_pengingat", soft_time_limit=60, time_limit=90)
def antre_email_pengingat(klaim_ids: list[int]) -> int:
    """Fan a batch of claimed reminders out into one email task per recipient, so each retries on its own."""
    for klaim_id in klaim_ids:
        kirim_email_pengingat.delay(klaim_id)
    return len(klaim_ids)


@shared_task(
    bind=True, base=RetryingTask, name="rekap.kirim_email_pengingat", max_retries=6, soft_time_limit=60, time_limit=90
)
def kirim_email_pengingat(self, klaim_id: int) -> bool:
    """Email one reminder; a mail server error retries with exponential backoff and jitter."""
    try:
        return services_pengingat.kirim_email(klaim_id)
    except (SMTPException, OSError) as exc:
        jeda = get_exponential_backoff_interval(
            factor=settings.PENGINGAT_EMAIL_JEDA_DETIK, retries=self.request.retries, maximum=3600, full_jitter=True
        )
        raise self.retry(exc=exc, countdown=jeda) from exc


@receiver(unit_difinalkan, dispatch_uid="rekap_setelah_finalisasi")
def rekap_setelah_finalisasi(sender, periode_id, **kwargs):
    """Refresh the roll-ups of a period right after one of its units is finalised; until then its dashboards say
    that newer figures are coming."""
    services.minta_rekap(periode_id)
    # After commit: the worker must see the final rows, and a rolled-back finalisation enqueues nothing. A broker
    # that cannot take it is logged; the period stays marked as behind and the nightly run recomputes it.
    transaction.on_commit(lambda: hitung_rekap_periode.delay(periode_id), robust=True)


@task_failure.connect(dispatch_uid="rekap_gagal")
def rekap_gagal(sender=None, args=None, kwargs=None, exception=None, **_):
    """A roll-up that failed for good (retries used up, or an error no retry cures) is shown to administrators."""
    if sender.name == hitung_rekap_periode.name:
        periode_ids = [(args or [None])[0] or (kwargs or {}).get("periode_id")]
    elif sender.name == hitung_rekap_terjadwal.name:
        periode_ids = list(services.periode_perlu_rekap())
    else:
        return
    try:
        services.catat_rekap_gagal(periode_ids, exception)
    except Exception:  # the database may be what failed; the worker log still has both errors
        log.exception("Kegagalan rekap periode %s tidak dapat dicatat", periode_ids)


@receiver(email_pengingat_menunggu, dispatch_uid="antre_email_pengingat")
def antrekan_email_pengingat(sender, klaim_ids, **kwargs):
    antre_email_pengingat.delay(klaim_ids)
