"""Celery tasks of roll-ups and reminders: thin wrappers around the services, taking ids, safe to run twice;
and the receivers that queue them."""

from smtplib import SMTPException

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.db import transaction
from django.dispatch import receiver

from kinerja.penilaian.signals import unit_difinalkan

from . import services, services_pengingat
from .signals import email_pengingat_menunggu


@shared_task(name="rekap.hitung_rekap_terjadwal", soft_time_limit=10 * 60, time_limit=12 * 60)
def hitung_rekap_terjadwal() -> dict:
    """Nightly (01:00 WITA): recompute the roll-ups of every period whose figures may have changed."""
    hasil = services.hitung_rekap_terjadwal()
    return {"periode": hasil.periode, "baris_unit": hasil.baris_unit, "baris_tim": hasil.baris_tim}


@shared_task(name="rekap.hitung_rekap_periode", soft_time_limit=5 * 60, time_limit=6 * 60)
def hitung_rekap_periode(periode_id: int) -> dict:
    """One period's roll-ups, right after a unit of it was finalised."""
    hasil = services.hitung_rekap([periode_id])
    return {"periode": hasil.periode, "baris_unit": hasil.baris_unit, "baris_tim": hasil.baris_tim}


@shared_task(name="rekap.kirim_pengingat_harian", soft_time_limit=5 * 60, time_limit=6 * 60)
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


@shared_task(bind=True, name="rekap.kirim_email_pengingat", max_retries=6, soft_time_limit=60, time_limit=90)
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
    """Refresh the roll-ups of a period right after one of its units is finalised."""
    # After commit: the worker must see the final rows, and a rolled-back finalisation enqueues nothing.
    transaction.on_commit(lambda: hitung_rekap_periode.delay(periode_id))


@receiver(email_pengingat_menunggu, dispatch_uid="antre_email_pengingat")
def antrekan_email_pengingat(sender, klaim_ids, **kwargs):
    antre_email_pengingat.delay(klaim_ids)
