"""The background import on the real services: Redis as broker and a real Celery worker, PostgreSQL's row locks
(CI: REQUIRE_SERVICES=1)."""

import datetime
import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, transaction
from django.utils import timezone

from config.celery import app as celery_app
from core.roles import GRUP_ADMINISTRATOR
from kinerja.models import ImporRoster, Pegawai
from kinerja.pegawai import services, tasks
from tests.conftest import perlu_layanan
from tests.factories import UserFactory
from tests.kinerja.pegawai.berkas_roster import roster_kecil, xlsx

pytestmark = pytest.mark.services


@pytest.fixture
def redis_url():
    url = django_settings.REDIS_URL
    if not url:
        perlu_layanan("REDIS_URL tidak diset: impor latar belakang dengan worker Celery sungguhan butuh Redis.")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        perlu_layanan(f"Redis di {url} tidak dapat dihubungi: {exc}")
    return url


@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_runs_the_background_import_to_done(redis_url, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    settings.ROSTER_BACKGROUND_ROWS = 2
    # The worker thread opens its own connection; closing it after each task lets the test database be dropped.
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    admin = UserFactory(groups=[GRUP_ADMINISTRATOR])
    job = services.buat_impor_roster(admin, SimpleUploadedFile("roster.xlsx", xlsx(roster_kecil())))

    with start_worker(celery_app, perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        job = services.konfirmasi_impor_roster(job, admin, nonaktifkan_yang_hilang=False)
        assert job.status == ImporRoster.Status.ANTRI
        batas = time.monotonic() + 30
        while time.monotonic() < batas:
            job.refresh_from_db()
            if job.status != ImporRoster.Status.ANTRI:
                break
            time.sleep(0.2)

    assert job.status == ImporRoster.Status.SELESAI, job.galat
    assert job.progres == 100 and job.ringkasan["jumlah_baru"] == 3
    assert Pegawai.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_an_import_running_on_a_worker_is_not_queued_again(settings, tmp_path, monkeypatch):
    if connections["default"].vendor != "postgresql":
        perlu_layanan("DATABASE_URL bukan PostgreSQL: uji ini butuh penguncian baris sungguhan")
    settings.MEDIA_ROOT = tmp_path
    admin = UserFactory(groups=[GRUP_ADMINISTRATOR])
    job = services.buat_impor_roster(admin, SimpleUploadedFile("roster.xlsx", xlsx(roster_kecil())))
    lama = timezone.now() - datetime.timedelta(minutes=30)
    ImporRoster.objects.filter(pk=job.pk).update(status=ImporRoster.Status.ANTRI, diperbarui=lama)
    antre = []
    monkeypatch.setattr(tasks.impor_roster, "delay", antre.append)
    terkunci, selesai = threading.Event(), threading.Event()

    def pekerja():
        # As jalankan_impor_roster holds the job's row for the whole import.
        try:
            with transaction.atomic():
                ImporRoster.objects.select_for_update().get(pk=job.pk)
                terkunci.set()
                selesai.wait(10)
        finally:
            connections.close_all()

    utas = threading.Thread(target=pekerja)
    utas.start()
    try:
        assert terkunci.wait(10)
        assert services.antrekan_ulang_impor_tertahan(menit=10) == []
    finally:
        selesai.set()
        utas.join()
    assert antre == []
    assert services.antrekan_ulang_impor_tertahan(menit=10) == [job.pk]
    assert antre == [job.pk]
