"""Celery tasks of the roster: thin, idempotent wrappers around services, and the receiver that queues them."""

import logging

from celery import shared_task
from django.dispatch import receiver

from . import services
from .signals import impor_roster_menunggu_worker

log = logging.getLogger(__name__)


# The name it was queued under before kinerja/ had sub-packages: messages already queued still find it.
@shared_task(name="kinerja.tasks.impor_roster")
def impor_roster(job_id: int) -> str:
    """Run a confirmed roster import in the background; running it twice imports once (see jalankan_impor_roster)."""
    return services.jalankan_impor_roster(job_id).status


@shared_task(name="kinerja.antrekan_ulang_impor_tertahan")
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
        services.gagalkan_impor_tanpa_antrean(job_id)
