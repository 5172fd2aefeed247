"""Celery tasks of the roster: thin, idempotent wrappers around services, and the receiver that queues them."""

import logging
from smtplib import SMTPException

from celery import shared_task
from celery.signals import task_failure
from django.dispatch import receiver

from core.tasks import RetryingTask

from . import services, services_sandi
from .signals import impor_roster_menunggu_worker

log = logging.getLogger(__name__)


# The name it was queued under before kinerja/ had sub-packages: messages already queued still find it.
@shared_task(base=RetryingTask, name="kinerja.tasks.impor_roster")
def impor_roster(job_id: int) -> str:
    """Run a confirmed roster import in the background; running it twice imports once (see jalankan_impor_roster)."""
    return services.jalankan_impor_roster(job_id).status


@shared_task(base=RetryingTask, name="kinerja.antrekan_ulang_impor_tertahan")
def antrekan_ulang_impor_tertahan() -> list[int]:
    """Every 5 minutes: queue again the confirmed imports the queue has lost (see the service)."""
    return services.antrekan_ulang_impor_tertahan()


@receiver(impor_roster_menunggu_worker, dispatch_uid="antrekan_impor_roster")
def antrekan_impor_roster(sender, job_id: int, **kwargs) -> None:
    """Queue a confirmed import for the worker; a broker that cannot take it fails the job, visibly."""
    try:
        impor_roster.delay(job_id)
    except Exception:
        log.exception("Impor roster %s tidak dapat dimasukkan ke antrean", job_id)
        services.gagalkan_impor(job_id, "Antrean tugas latar belakang tidak tersedia; tidak ada data yang diubah.")


@task_failure.connect(dispatch_uid="impor_roster_gagal")
def impor_roster_gagal(sender=None, args=None, kwargs=None, **_):
    """An import the database refused through every retry fails visibly instead of staying queued."""
    if sender.name == impor_roster.name:
        job_id = (args or [None])[0] or (kwargs or {}).get("job_id")
        try:
            services.gagalkan_impor(job_id, "Basis data tidak tersedia saat mengimpor; tidak ada data yang diubah.")
        except Exception:
            log.exception("Impor roster %s tidak dapat ditandai gagal", job_id)


@shared_task(bind=True, name="kinerja.kirim_email_atur_ulang_sandi", max_retries=4, soft_time_limit=60, time_limit=90)
def kirim_email_atur_ulang_sandi(self, user_id: int, email: str) -> bool:
    """Email one reset link; a mail server error retries with backoff (the link is made afresh each time)."""
    try:
        return services_sandi.kirim_email_atur_ulang_sandi(user_id, email)
    except (SMTPException, OSError) as exc:
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc


def antrekan_email_atur_ulang_sandi(email: str) -> int:
    """Queue a reset email for each account `email` reaches (none for an unknown address). On the worker, so the
    answer takes as long whether or not the address is known; a broker that refuses is logged, and the answer stays
    the same."""
    jumlah = 0
    for user_id, alamat in services_sandi.alamat_akun(email):
        try:
            kirim_email_atur_ulang_sandi.delay(user_id, alamat)
            jumlah += 1
        except Exception:
            log.exception("Email atur ulang kata sandi untuk akun %s tidak dapat dimasukkan ke antrean", user_id)
    return jumlah
