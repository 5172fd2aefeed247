"""Finalising a unit checks its predikat distribution against the curve; an override needs a reason and is logged."""

import pytest

from core.errors import NotPermitted, WrongState
from kinerja.models import (
    EvaluasiDikecualikan,
    EvaluasiKinerja,
    KinerjaOrganisasi,
    PengaturanKinerja,
    PengecualianKurva,
)
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian.services_periode import PelanggaranKurva
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario


def _dua_sangat_baik(s):
    # Istimewa allows at most 70% Sangat Baik; 2 of 2 is 100%.
    s.nilai(s.org.staf_a1, "DI_ATAS", "DI_ATAS")
    s.nilai(s.org.staf_a2, "DI_ATAS", "DI_ATAS")


def test_a_violation_blocks_finalising_and_changes_nothing(org):
    s = Skenario(org)
    _dua_sangat_baik(s)
    with pytest.raises(PelanggaranKurva) as info:
        svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    assert info.value.pelanggaran == [
        "Capaian organisasi Istimewa: Sangat Baik paling banyak 70% (saat ini 100,0%: 2 dari 2)"
    ]
    assert set(EvaluasiKinerja.objects.filter(periode=s.periode).values_list("status", flat=True)) == {
        "DRAFT",
        "DINILAI",
    }
    assert "Kurva dinilai atas 2 dari 3 evaluasi unit; 1 dikecualikan dengan alasan." in info.value.message
    assert not PengecualianKurva.objects.exists() and not EvaluasiDikecualikan.objects.exists()


def test_an_override_with_a_reason_finalises_and_is_logged(org):
    s = Skenario(org)
    _dua_sangat_baik(s)
    hasil = svc_periode.finalkan_unit(
        org.hr_a.user,
        s.periode.pk,
        org.bidang_a.pk,
        alasan_pengecualian="Dua pegawai meraih penghargaan nasional",
        pengecualian=s.belum_dinilai(),
    )
    assert hasil.difinalkan == 2
    log = PengecualianKurva.objects.get()
    assert (log.oleh, log.alasan, log.jumlah_difinalkan) == (
        org.hr_a.user,
        "Dua pegawai meraih penghargaan nasional",
        2,
    )
    assert "Sangat Baik paling banyak 70%" in log.pelanggaran
    ev = s.evaluasi()
    assert ev.status == "FINAL" and ev.difinalkan_oleh == org.hr_a.user
    assert ev.riwayat.get(aksi="DIFINALKAN").alasan == "Pengecualian kurva: Dua pegawai meraih penghargaan nasional"


def test_a_conforming_unit_finalises_without_an_override(org):
    s = Skenario(org)
    s.nilai(org.staf_a1, "DI_ATAS", "DI_ATAS")
    s.nilai(org.staf_a2, "SESUAI", "SESUAI")
    hasil = svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    assert (hasil.difinalkan, hasil.pelanggaran, hasil.pengecualian) == (2, [], None)
    assert not PengecualianKurva.objects.exists()


def test_the_curve_percentages_are_agency_settings(org):
    s = Skenario(org)
    _dua_sangat_baik(s)
    kurva = {k: [] for k in KinerjaOrganisasi.Capaian.values}
    kurva["ISTIMEWA"] = [{"predikat": ["SANGAT_BAIK"], "persen": 100, "minimal": False}]
    svc_periode.simpan_pengaturan(org.admin, batas_capaian=120, rumus_efisiensi_tinggi=True, kurva=kurva)
    assert (
        svc_periode.finalkan_unit(
            org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai()
        ).pelanggaran
        == []
    )


def test_an_invalid_curve_setting_is_refused(org):
    with pytest.raises(Exception, match="Kurva harus memuat"):
        svc_periode.simpan_pengaturan(org.admin, batas_capaian=120, rumus_efisiensi_tinggi=True, kurva={"ISTIMEWA": []})
    with pytest.raises(NotPermitted):
        svc_periode.simpan_pengaturan(org.hr_a.user, batas_capaian=150, rumus_efisiensi_tinggi=True, kurva=None)
    assert PengaturanKinerja.aktif().batas_capaian == 120


def test_hr_of_another_unit_cannot_finalise(org):
    s = Skenario(org)
    s.nilai()
    with pytest.raises(NotPermitted):
        svc_periode.finalkan_unit(org.hr_b.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    assert s.evaluasi().status == "DINILAI"


def test_finalising_needs_the_units_organisational_performance(org):
    s = Skenario(org)
    KinerjaOrganisasi.objects.all().delete()
    s.nilai()
    with pytest.raises(WrongState, match="Tetapkan dulu capaian kinerja organisasi"):
        svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    assert s.evaluasi().status == "DINILAI"


def test_the_organisational_performance_is_frozen_once_the_unit_has_final_evaluations(org):
    s = Skenario(org)
    s.ke_status("FINAL")
    with pytest.raises(WrongState, match="sudah memiliki evaluasi final"):
        svc_periode.tetapkan_kinerja_organisasi(org.hr_a.user, s.periode.pk, org.bidang_a.pk, "KURANG")
    assert KinerjaOrganisasi.objects.get().capaian == "ISTIMEWA"


def test_finalising_refuses_when_an_evaluation_changed_since_the_page_was_read(org):
    s = Skenario(org)
    ev = s.nilai()
    dilihat = {ev.pk: ev.versi - 1}
    with pytest.raises(Exception, match="muat ulang halaman"):
        svc_periode.finalkan_unit(
            org.hr_a.user, s.periode.pk, org.bidang_a.pk, versi=dilihat, pengecualian=s.belum_dinilai()
        )
    assert s.evaluasi().status == "DINILAI"
    svc_periode.finalkan_unit(
        org.hr_a.user, s.periode.pk, org.bidang_a.pk, versi={ev.pk: ev.versi}, pengecualian=s.belum_dinilai()
    )
    assert s.evaluasi().status == "FINAL"
