"""Periods: opening, creating evaluations in bulk without duplicates, closing (read-only), reopening."""

import pytest
from django.core.exceptions import ValidationError

from core.errors import NotPermitted, WrongState
from kinerja.models import EvaluasiKinerja, PembukaanKembaliPeriode, Periode
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian.tasks import buat_evaluasi_periode_task
from tests.factories import PegawaiFactory
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario, buka_periode


def test_hr_opens_a_period_once(org):
    periode = buka_periode(org.hr_a.user)
    assert (periode.status, periode.dibuat_oleh) == ("DIBUKA", org.hr_a.user)
    with pytest.raises(ValidationError):
        buka_periode(org.hr_b.user)
    assert Periode.objects.count() == 1


@pytest.mark.parametrize("pelaku", ["staf_a1", "atasan_a"])
def test_an_asn_cannot_open_a_period(org, pelaku):
    with pytest.raises(NotPermitted):
        buka_periode(getattr(org, pelaku).user)
    assert not Periode.objects.exists()


def test_a_period_number_must_fit_its_type(org):
    with pytest.raises(ValidationError) as info:
        buka_periode(org.hr_a.user, nomor=5)
    assert "nomor" in info.value.message_dict


def test_creating_evaluations_covers_active_asn_of_the_unit_tree_and_records_the_ppk(org):
    PegawaiFactory(unit_kerja=org.bidang_a, atasan=org.atasan_a, aktif=False)
    periode = buka_periode(org.hr_a.user)
    hasil = svc_periode.buat_evaluasi_periode(org.hr_a.user, periode.pk, [org.opd_a.pk])
    semua = EvaluasiKinerja.objects.filter(periode=periode)
    harapan = {org.kepala, org.atasan_a, org.staf_a1, org.staf_a2, org.hr_a}
    assert {e.pegawai for e in semua} == harapan
    assert hasil.dibuat == len(harapan)
    assert semua.get(pegawai=org.staf_a1).atasan == org.atasan_a
    assert semua.get(pegawai=org.kepala).atasan is None


def test_creating_evaluations_twice_creates_no_duplicates(org):
    periode = buka_periode(org.hr_a.user)
    svc_periode.buat_evaluasi_periode(org.hr_a.user, periode.pk, [org.opd_a.pk])
    hasil = svc_periode.buat_evaluasi_periode(org.hr_a.user, periode.pk, [org.opd_a.pk, org.bidang_a.pk])
    assert (hasil.dibuat, hasil.sudah_ada) == (0, 5)
    assert EvaluasiKinerja.objects.filter(periode=periode).count() == 5


def test_the_background_task_creates_the_same_evaluations_and_is_idempotent(org):
    periode = buka_periode(org.hr_a.user)
    assert buat_evaluasi_periode_task.apply(args=(org.hr_a.user.pk, periode.pk, [org.opd_a.pk])).get() == {
        "dibuat": 5,
        "sudah_ada": 0,
        "diimpor": 0,
    }
    assert buat_evaluasi_periode_task.apply(args=(org.hr_a.user.pk, periode.pk, [org.opd_a.pk])).get() == {
        "dibuat": 0,
        "sudah_ada": 5,
        "diimpor": 0,
    }


def test_hr_cannot_create_evaluations_for_another_units_asn(org):
    periode = buka_periode(org.hr_a.user)
    with pytest.raises(NotPermitted):
        svc_periode.buat_evaluasi_periode(org.hr_b.user, periode.pk, [org.opd_a.pk])
    assert not EvaluasiKinerja.objects.exists()


def test_a_closed_period_is_read_only(org):
    s = Skenario(org)
    svc_periode.tutup_periode(org.admin, s.periode.pk)
    ev = s.evaluasi()
    with pytest.raises(WrongState, match="sudah ditutup"):
        s.isi()
    with pytest.raises(WrongState, match="sudah ditutup"):
        svc_periode.buat_evaluasi_periode(org.hr_a.user, s.periode.pk, [org.opd_a.pk])
    assert svc.aksi_tersedia(org.staf_a1.user, ev) == set()
    assert s.evaluasi().versi == ev.versi


@pytest.mark.parametrize("pelaku", ["hr_a", "staf_a1"])
def test_only_an_administrator_reopens_a_period(org, pelaku):
    periode = buka_periode(org.hr_a.user)
    svc_periode.tutup_periode(org.admin, periode.pk)
    with pytest.raises(NotPermitted):
        svc_periode.buka_kembali_periode(getattr(org, pelaku).user, periode.pk, "Salah tutup")
    assert Periode.objects.get(pk=periode.pk).status == "DITUTUP"
    assert not PembukaanKembaliPeriode.objects.exists()


def test_reopening_needs_a_reason_and_is_logged(org):
    periode = buka_periode(org.hr_a.user)
    svc_periode.tutup_periode(org.admin, periode.pk)
    with pytest.raises(ValidationError):
        svc_periode.buka_kembali_periode(org.admin, periode.pk, "   ")
    assert Periode.objects.get(pk=periode.pk).status == "DITUTUP"
    svc_periode.buka_kembali_periode(org.admin, periode.pk, "Perpanjangan batas pengisian")
    assert Periode.objects.get(pk=periode.pk).status == "DIBUKA"
    log = PembukaanKembaliPeriode.objects.get()
    assert (log.oleh, log.alasan) == (org.admin, "Perpanjangan batas pengisian")
    with pytest.raises(WrongState, match="masih dibuka"):
        svc_periode.buka_kembali_periode(org.admin, periode.pk, "lagi")
