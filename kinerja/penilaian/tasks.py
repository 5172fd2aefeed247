"""Background work of periodic evaluation: thin wrappers around services, safe to run twice."""

from celery import shared_task
from django.contrib.auth import get_user_model

from core.tasks import RetryingTask

from . import services_periode


# The name it was queued under before kinerja/ had sub-packages: messages already queued still find it.
@shared_task(base=RetryingTask, name="kinerja.tasks_evaluasi.buat_evaluasi_periode_task")
def buat_evaluasi_periode_task(user_id: int, periode_id: int, unit_ids: list[int]) -> dict:
    """Create a period's evaluations for thousands of ASN off the request; idempotent like the service."""
    user = get_user_model().objects.get(pk=user_id)
    hasil = services_periode.buat_evaluasi_periode(user, periode_id, unit_ids)
    return {"dibuat": hasil.dibuat, "sudah_ada": hasil.sudah_ada}
