"""Celery tasks of the service desk: thin wrappers around services."""

from celery import shared_task

from core.tasks import RetryingTask

from . import services


@shared_task(base=RetryingTask, name="layanan.tandai_terlambat")
def tandai_terlambat():
    """Hourly (CELERY_BEAT_SCHEDULE): flag newly overdue requests and notify their unit heads, once each."""
    return services.tandai_terlambat()
