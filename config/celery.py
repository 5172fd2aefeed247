"""The Celery app: configured from Django settings (CELERY_* names)."""

import logging
import os

from celery import Celery

from core.health import check_services

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

logger = logging.getLogger(__name__)

app = Celery("kinerja_asn")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The kinerja app keeps its tasks in its sub-packages: the roster import's and the evaluations'.
app.autodiscover_tasks(["kinerja.pegawai", "kinerja.penilaian"])


@app.task(name="config.periksa_layanan")
def periksa_layanan():
    """Run the health checks from the worker (beat schedules it), so an outage shows in the worker's log too."""
    hasil = check_services()
    if any(status != "ok" for status in hasil.values()):
        logger.warning("Layanan bermasalah menurut worker: %s", hasil)
    return hasil
