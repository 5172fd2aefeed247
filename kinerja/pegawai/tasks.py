"""Celery tasks: thin, idempotent wrappers around services."""

from celery import shared_task

from . import services


@shared_task(name="kinerja.impor_roster")
def impor_roster(job_id: int) -> str:
    """Run a confirmed roster import in the background; running it twice imports once (see jalankan_impor_roster)."""
    return services.jalankan_impor_roster(job_id).status


@shared_task(name="kinerja.antrekan_ulang_impor_tertahan")
def antrekan_ulang_impor_tertahan() -> list[int]:
    """Every 5 minutes: queue again the confirmed imports the queue has lost (see the service)."""
    return services.antrekan_ulang_impor_tertahan()
