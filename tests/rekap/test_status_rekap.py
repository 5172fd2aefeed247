"""Dashboards are never silently stale: a finalisation marks them behind until the roll-up has run, and a roll-up
that fails for good is shown on the dashboards, in the admin and in the bell of every administrator, once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.models import Notifikasi
from kinerja.penilaian import services_periode as svc_periode
from rekap import services, tasks
from rekap.models import RekapKinerja, StatusRekap
from tests.conftest import galat_sqlite
from tests.factories import UserFactory
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.django_db


def _terkunci(*args, **kwargs):
    raise galat_sqlite()


def _halaman(client, periode):
    organisasi = client.get(reverse("rekap:organisasi"), {"periode": periode.pk})
    assert organisasi.status_code == 200
    return organisasi.content.decode()


def test_a_finalised_unit_marks_the_dashboards_behind_until_its_roll_up_has_run(
    org, login, django_capture_on_commit_callbacks
):
    s = Skenario(org)
    s.nilai(org.staf_a1)
    services.hitung_rekap([s.periode.pk])
    assert "sedang diperbarui" not in _halaman(login(org.hr_a), s.periode)

    with django_capture_on_commit_callbacks() as setelah_commit:
        svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    # Committed, the roll-up not yet run (the worker is busy): both dashboards say their figures are behind.
    assert "sedang diperbarui" in _halaman(login(org.hr_a), s.periode)
    tim = login(org.atasan_a).get(reverse("rekap:tim"), {"periode": s.periode.pk}).content.decode()
    assert "sedang diperbarui" in tim
    assert RekapKinerja.objects.get(unit_kerja=org.bidang_a, periode=s.periode).jumlah_final == 0

    for callback in setelah_commit:
        callback()
    assert RekapKinerja.objects.get(unit_kerja=org.bidang_a, periode=s.periode).jumlah_final == 1
    assert "sedang diperbarui" not in _halaman(login(org.hr_a), s.periode)
    assert not StatusRekap.objects.get(periode=s.periode).tertinggal


def test_a_roll_up_the_database_refuses_for_a_moment_ends_done(org, ulang_inline, monkeypatch):
    s = Skenario(org)
    s.nilai(org.staf_a1)
    asli, percobaan = services.hitung_rekap, []

    def sesekali_terkunci(ids):
        percobaan.append(1)
        return _terkunci() if len(percobaan) < 3 else asli(ids)

    monkeypatch.setattr(services, "hitung_rekap", sesekali_terkunci)
    assert tasks.hitung_rekap_periode.delay(s.periode.pk).successful()
    assert len(percobaan) == 3
    assert RekapKinerja.objects.get(unit_kerja=org.bidang_a, periode=s.periode).jumlah_dinilai == 1
    assert not StatusRekap.objects.get(periode=s.periode).gagal
    assert not Notifikasi.objects.filter(penerima=org.admin).exists()


def test_a_roll_up_that_keeps_failing_is_reported_to_administrators_once(org, login, ulang_inline, monkeypatch):
    s = Skenario(org)
    services.hitung_rekap([s.periode.pk])
    superuser = UserFactory(is_superuser=True, is_staff=True)
    UserFactory(is_superuser=True, is_active=False)  # a former administrator is not told
    monkeypatch.setattr(services, "hitung_rekap", _terkunci)

    assert tasks.hitung_rekap_periode.delay(s.periode.pk).failed()
    status = StatusRekap.objects.get(periode=s.periode)
    assert status.gagal and "database is locked" in status.galat
    diberi_tahu = Notifikasi.objects.filter(judul="Rekap kinerja gagal dihitung")
    assert sorted(diberi_tahu.values_list("penerima_id", flat=True)) == sorted([org.admin.pk, superuser.pk])
    # The dashboards say the figures are the previous ones, and the administrator finds the failure in the admin.
    assert "gagal dihitung" in _halaman(login(org.hr_a), s.periode)
    admin = login(superuser).get(reverse("admin:rekap_statusrekap_changelist")).content.decode()
    assert "Gagal: angka dasbor belum diperbarui" in admin

    # Failing again tells nobody again; the nightly run failing records its periods too.
    assert tasks.hitung_rekap_terjadwal.delay().failed()
    assert diberi_tahu.count() == 2

    monkeypatch.undo()
    assert tasks.hitung_rekap_periode.delay(s.periode.pk).successful()
    assert not StatusRekap.objects.get(periode=s.periode).gagal
    assert "gagal dihitung" not in _halaman(login(org.hr_a), s.periode)


def test_healthz_tells_a_failing_or_lost_roll_up_without_failing_the_probe(org, client, monkeypatch):
    s = Skenario(org)
    services.hitung_rekap([s.periode.pk])
    assert client.get("/healthz").json()["latar"] == {"rekap": "ok"}

    # A finalisation whose roll-up has not run half an hour later: its task was lost or is stuck.
    services.minta_rekap(s.periode.pk)
    assert client.get("/healthz").json()["latar"] == {"rekap": "ok"}
    sekarang = timezone.now()
    StatusRekap.objects.filter(periode=s.periode).update(
        dihitung_pada=sekarang - datetime.timedelta(minutes=40), diminta_pada=sekarang - datetime.timedelta(minutes=31)
    )
    respons = client.get("/healthz")
    assert (respons.status_code, respons.json()["latar"]) == (200, {"rekap": "tertinggal"})

    services.catat_rekap_gagal([s.periode.pk], galat_sqlite())
    respons = client.get("/healthz")
    assert (respons.status_code, respons.json()["latar"]) == (200, {"rekap": "gagal"})
    assert "locked" not in respons.content.decode()  # the error itself is for the admin, not for anyone who asks

    services.hitung_rekap([s.periode.pk])
    assert client.get("/healthz").json()["latar"] == {"rekap": "ok"}
