"""Reminders and roll-ups on a real Celery worker fed through Redis (CI: REQUIRE_SERVICES=1), and the beat schedule."""

import datetime
import time

import pytest
from celery.schedules import crontab
from django.conf import settings as django_settings
from django.utils import timezone

from config.celery import app as celery_app
from kinerja.models import Notifikasi, Pegawai, Periode
from rekap import tasks
from rekap.models import PengingatTerkirim, RekapKinerja
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

from .email_gagal import GagalDulu


def _tunggu(kondisi, detik=30):
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        if kondisi():
            return True
        time.sleep(0.2)
    return False


def _skenario_batas_tiga_hari_lagi(org):
    """The Skenario with its filling deadline three days from today (WITA), so today's run reminds."""
    skenario = Skenario(org)
    hari_ini = timezone.localdate()
    Periode.objects.filter(pk=skenario.periode.pk).update(
        batas_pengisian=hari_ini + datetime.timedelta(days=3), batas_penilaian=hari_ini + datetime.timedelta(days=10)
    )
    for i, p in enumerate(Pegawai.objects.all()):
        p.email = f"asn{i}@gorontaloprov.go.id"
        p.save(update_fields=["email"])
    return skenario


def test_the_beat_schedule_runs_reminders_on_working_days_at_0730_and_roll_ups_at_0100_wita():
    jadwal = django_settings.CELERY_BEAT_SCHEDULE
    assert celery_app.conf.timezone == "Asia/Makassar"
    pengingat = jadwal["pengingat-evaluasi"]
    assert pengingat["task"] == tasks.kirim_pengingat_harian.name
    assert pengingat["schedule"] == crontab(hour=7, minute=30, day_of_week="mon-fri")
    assert pengingat["schedule"].day_of_week == {1, 2, 3, 4, 5}
    rekap = jadwal["rekap-malam"]
    assert rekap["task"] == tasks.hitung_rekap_terjadwal.name
    assert rekap["schedule"] == crontab(hour=1, minute=0)
    # Every scheduled task is one the worker knows: import the task modules as a starting worker does.
    celery_app.loader.import_default_modules()
    assert {j["task"] for j in jadwal.values()} <= set(celery_app.tasks)


def test_the_0730_run_falls_at_0730_wita_which_is_2330_utc_the_day_before():
    dari_settings = django_settings.CELERY_BEAT_SCHEDULE["pengingat-evaluasi"]["schedule"]
    wita = datetime.timezone(datetime.timedelta(hours=8))
    jumat = datetime.datetime(2026, 4, 3, 8, 0, tzinfo=wita)
    # The configured crontab, evaluated by the app (its timezone) as if it were Friday 08:00 WITA.
    jadwal = crontab(
        minute=dari_settings._orig_minute,
        hour=dari_settings._orig_hour,
        day_of_week=dari_settings._orig_day_of_week,
        nowfun=lambda: jumat,
        app=celery_app,
    )
    berikut = jumat + jadwal.remaining_estimate(jumat)
    assert berikut.astimezone(wita) == datetime.datetime(2026, 4, 6, 7, 30, tzinfo=wita)
    assert berikut.astimezone(datetime.UTC) == datetime.datetime(2026, 4, 5, 23, 30, tzinfo=datetime.UTC)


@pytest.mark.services
def test_the_daily_task_run_twice_through_redis_reminds_each_person_once(org, celery_worker_redis, mailoutbox):
    _skenario_batas_tiga_hari_lagi(org)
    tasks.kirim_pengingat_harian.delay()
    tasks.kirim_pengingat_harian.delay()

    def selesai():
        klaim = PengingatTerkirim.objects.all()
        return klaim.exists() and not klaim.exclude(email="").filter(email_dikirim_pada__isnull=True).exists()

    assert _tunggu(selesai), "worker tidak menyelesaikan pengingat dalam 30 detik"
    time.sleep(1)  # let the second run finish too, so a duplicate would have been written
    klaim = PengingatTerkirim.objects.all()
    assert klaim.filter(jenis="PENGISIAN").count() == 5  # OPD A's five ASN with draft evaluations
    assert Notifikasi.objects.filter(judul__contains="batas pengisian 3 hari lagi").count() == 5
    assert len(mailoutbox) == klaim.exclude(email="").count()
    assert len({tuple(m.to) for m in mailoutbox}) == len(mailoutbox)


@pytest.mark.services
def test_a_failing_email_is_retried_by_the_worker_with_backoff(org, celery_worker_redis, mailoutbox, settings):
    settings.EMAIL_BACKEND = "tests.rekap.email_gagal.GagalDulu"
    settings.PENGINGAT_EMAIL_JEDA_DETIK = 1
    _skenario_batas_tiga_hari_lagi(org)
    Pegawai.objects.exclude(pk=org.staf_a1.pk).update(email="")
    GagalDulu.sisa_gagal, GagalDulu.percobaan = 1, 0
    tasks.kirim_pengingat_harian.delay()
    assert _tunggu(lambda: len(mailoutbox) == 1), f"email tidak terkirim setelah dicoba ulang ({GagalDulu.percobaan}x)"
    assert GagalDulu.percobaan == 2
    assert mailoutbox[0].to == [Pegawai.objects.get(pk=org.staf_a1.pk).email]
    klaim = PengingatTerkirim.objects.get(penerima=org.staf_a1.user, jenis="PENGISIAN")
    assert klaim.email_dikirim_pada is not None


@pytest.mark.services
def test_the_nightly_roll_up_runs_on_the_worker(org, celery_worker_redis):
    skenario = Skenario(org)
    tasks.hitung_rekap_terjadwal.delay()
    assert _tunggu(lambda: RekapKinerja.objects.filter(periode=skenario.periode, unit_kerja=org.prov).exists())
    assert RekapKinerja.objects.get(periode=skenario.periode, unit_kerja=org.prov).jumlah_evaluasi == 5
