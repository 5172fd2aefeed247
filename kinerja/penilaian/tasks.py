"""Background work of periodic evaluation: thin wrappers around services, safe to run twice."""

import logging

from celery import shared_task
from celery.signals import task_failure
from django.contrib.auth import get_user_model
from django.dispatch import receiver

from core.tasks import RetryingTask

from . import services_ekinerja, services_periode
from .signals import impor_ekinerja_menunggu_worker

log = logging.getLogger(__name__)


# The name it was queued under before kinerja/ had sub-packages: messages already queued still find it.
@shared_task(base=RetryingTask, name="kinerja.tasks_evaluasi.buat_evaluasi_periode_task")
def buat_evaluasi_periode_task(user_id: int, periode_id: int, unit_ids: list[int]) -> dict:
    """Create a period's evaluations for thousands of ASN off the request; idempotent like the service."""
    user = get_user_model().objects.get(pk=user_id)
    hasil = services_periode.buat_evaluasi_periode(user, periode_id, unit_ids)
    return {"dibuat": hasil.dibuat, "sudah_ada": hasil.sudah_ada, "diimpor": hasil.diimpor}


@shared_task(base=RetryingTask, name="kinerja.impor_ekinerja")
def impor_ekinerja(job_id: int) -> str:
    """Run a confirmed e-Kinerja import in the background; running it twice imports once."""
    return services_ekinerja.jalankan_impor_ekinerja(job_id).status


@receiver(impor_ekinerja_menunggu_worker, dispatch_uid="antrekan_impor_ekinerja")
def antrekan_impor_ekinerja(sender, job_id: int, **kwargs) -> None:
    """Queue a confirmed import for the worker; a broker that cannot take it fails the job, visibly."""
    try:
        impor_ekinerja.delay(job_id)
    except Exception:
        log.exception("Impor e-Kinerja %s tidak dapat dimasukkan ke antrean", job_id)
        services_ekinerja.gagalkan_impor_ekinerja(
            job_id, "Antrean tugas latar belakang tidak tersedia; tidak ada data yang diubah."
        )


@task_failure.connect(dispatch_uid="impor_ekinerja_gagal")
def impor_ekinerja_gagal(sender=None, args=None, kwargs=None, **_):
    """An import the database refused through every retry fails visibly instead of staying queued."""
    if sender.name == impor_ekinerja.name:
        job_id = (args or [None])[0] or (kwargs or {}).get("job_id")
        try:
            services_ekinerja.gagalkan_impor_ekinerja(
                job_id, "Basis data tidak tersedia saat mengimpor; tidak ada data yang diubah."
            )
        except Exception:
            log.exception("Impor e-Kinerja %s tidak dapat ditandai gagal", job_id)
