"""The hourly overdue task: flags running requests past their deadline and tells the unit head once."""

import datetime
import threading

import pytest
from celery.signals import task_success
from django.utils import timezone

from kinerja.models import Notifikasi, UnitKerja
from layanan import tasks
from layanan.models import Permohonan
from tests.layanan.factories import JenisLayananFactory, PermohonanFactory

S = Permohonan.Status
LALU = datetime.timedelta(hours=2)


def buat_permohonan(lay):
    """Two overdue running requests, and three that must not be flagged: paused, done, not yet due."""
    sekarang = timezone.now()
    terlambat = [
        PermohonanFactory(jenis_layanan=lay.jenis, status=S.DITERIMA, batas_waktu=sekarang - LALU),
        PermohonanFactory(jenis_layanan=lay.jenis_jam, status=S.DIPROSES, batas_waktu=sekarang - LALU),
    ]
    PermohonanFactory(
        jenis_layanan=lay.jenis, status=S.MENUNGGU_PEMOHON, jeda_sejak=sekarang, batas_waktu=sekarang - LALU
    )
    PermohonanFactory(jenis_layanan=lay.jenis, status=S.SELESAI, selesai_pada=sekarang, batas_waktu=sekarang - LALU)
    PermohonanFactory(jenis_layanan=lay.jenis, status=S.DIPROSES, batas_waktu=sekarang + LALU)
    return terlambat


@pytest.mark.django_db
def test_it_flags_overdue_requests_and_notifies_the_unit_head_once(lay):
    terlambat = buat_permohonan(lay)
    assert tasks.tandai_terlambat.delay().get() == 2
    assert set(Permohonan.objects.filter(terlambat_ditandai_pada__isnull=False)) == set(terlambat)
    notifikasi = Notifikasi.objects.filter(penerima=lay.kepala_b.user)
    assert sorted(n.judul for n in notifikasi) == sorted(
        f"Permohonan {p.nomor_tiket} melewati batas waktu" for p in terlambat
    )
    assert {n.tautan for n in notifikasi} == {f"/layanan/permohonan/{p.pk}/" for p in terlambat}
    # Again (a retry, the next hour): nothing new.
    assert tasks.tandai_terlambat.delay().get() == 0
    assert Notifikasi.objects.count() == 2


@pytest.mark.django_db
def test_a_unit_without_a_head_escalates_to_the_nearest_head_above(lay):
    seksi = UnitKerja.objects.create(kode="75.02.09", nama="Seksi Tanpa Kepala", induk=lay.opd_b)
    jenis = JenisLayananFactory(unit_kerja=seksi)
    PermohonanFactory(jenis_layanan=jenis, batas_waktu=timezone.now() - LALU)
    tasks.tandai_terlambat.delay().get()
    assert Notifikasi.objects.get().penerima == lay.kepala_b.user


@pytest.mark.django_db
def test_without_any_head_the_request_is_still_flagged(lay):
    PermohonanFactory(jenis_layanan=lay.jenis_a, batas_waktu=timezone.now() - LALU)
    assert tasks.tandai_terlambat.delay().get() == 1
    assert not Notifikasi.objects.exists()


def test_the_beat_schedule_runs_it_hourly_in_wita(settings):
    jadwal = settings.CELERY_BEAT_SCHEDULE["layanan-tandai-terlambat"]
    assert jadwal["task"] == tasks.tandai_terlambat.name
    assert jadwal["schedule"].minute == {0} and len(jadwal["schedule"].hour) == 24
    assert settings.CELERY_TIMEZONE == "Asia/Makassar"


@pytest.mark.services
def test_two_runs_on_a_real_worker_notify_once(lay, celery_worker_redis):
    terlambat = buat_permohonan(lay)
    selesai, hasil = threading.Semaphore(0), []

    def catat(sender=None, result=None, **kwargs):
        if sender.name == tasks.tandai_terlambat.name:
            hasil.append(result)
            selesai.release()

    task_success.connect(catat, weak=False)
    try:
        tasks.tandai_terlambat.delay()
        tasks.tandai_terlambat.delay()
        for _ in range(2):
            assert selesai.acquire(timeout=30), "worker tidak menjalankan tugas dalam 30 detik"
    finally:
        task_success.disconnect(catat)
    assert sorted(hasil) == [0, 2]
    assert Notifikasi.objects.filter(penerima=lay.kepala_b.user).count() == len(terlambat)
