"""An imported e-Kinerja result counts wherever a result rated here does: the rules' facts and the rules applied
after it comes in, the unit's curve, the roll-ups behind the dashboards; and a unit importing from e-Kinerja gets
no evaluations to fill when the period's evaluations are created."""

import pytest

from evaluasi.metrik import SUMBER_KINERJA
from evaluasi.models import Konsekuensi
from kinerja.models import EvaluasiKinerja
from kinerja.penilaian import selectors, services_periode
from kinerja.penilaian import services_ekinerja as svc
from rekap import services as rekap
from rekap.models import RekapKinerja, RekapTim
from tests.evaluasi.bantuan import pastikan_aturan_bawaan
from tests.factories import EvaluasiKinerjaFactory, PeriodeFactory
from tests.kinerja.penilaian.bantuan_ekinerja import baris, impor


@pytest.fixture
def tw1(db):
    return PeriodeFactory(tahun=2026, jenis="TRIWULANAN", nomor=1)


def test_the_rules_read_an_imported_predikat_like_one_rated_here(org, tw1):
    EvaluasiKinerjaFactory(
        pegawai=org.staf_a2, periode=tw1, status="FINAL", rating_hasil_kerja="SESUAI", rating_perilaku_kerja="SESUAI"
    )
    impor(
        org.admin,
        [baris(org.staf_a1, hasil="Di Bawah Ekspektasi", perilaku="Di Bawah Ekspektasi", predikat="Sangat Kurang")],
    )
    fakta = SUMBER_KINERJA.hitung([org.staf_a1.pk, org.staf_a2.pk], tw1)
    assert fakta[org.staf_a1.pk]["predikat"] == "SANGAT_KURANG"
    assert fakta[org.staf_a1.pk]["rating_hasil_kerja"] == "DI_BAWAH"
    assert fakta[org.staf_a2.pk]["predikat"] == "BAIK"


def test_an_import_applies_the_rules_to_its_asn_as_a_finalisation_does(org, django_capture_on_commit_callbacks):
    pastikan_aturan_bawaan()
    tw1 = PeriodeFactory(tahun=2026, jenis="TRIWULANAN", nomor=1, status="DITUTUP")
    with django_capture_on_commit_callbacks(execute=True):
        impor(
            org.admin,
            [
                baris(
                    org.staf_a1,
                    periode=str(tw1),
                    hasil="Di Bawah Ekspektasi",
                    perilaku="Di Bawah Ekspektasi",
                    predikat="Sangat Kurang",
                )
            ],
        )
    k = Konsekuensi.objects.get(pegawai=org.staf_a1, periode=tw1)
    assert (k.kode, k.bukti["pemicu"]) == ("PEMBINAAN", {"predikat": "SANGAT_KURANG"})


def test_the_units_curve_and_its_finalise_page_count_imported_results(org, tw1):
    EvaluasiKinerjaFactory(
        pegawai=org.staf_a2, periode=tw1, status="DINILAI", rating_hasil_kerja="SESUAI", rating_perilaku_kerja="SESUAI"
    )
    impor(org.admin, [baris(org.staf_a1)])
    assert selectors.jumlah_predikat(tw1.pk, org.opd_a.pk) == {"SANGAT_BAIK": 1, "BAIK": 1}
    ringkasan = selectors.ringkasan_finalisasi(tw1.pk, org.opd_a.pk)
    assert (ringkasan.dinilai_kurva, ringkasan.jumlah_diimpor) == (2, 1)


def test_the_roll_ups_behind_the_dashboards_count_imported_results(org, tw1):
    impor(org.admin, [baris(org.staf_a1), baris(org.staf_a2, hasil="Sesuai Ekspektasi", predikat="Baik")])
    rekap.hitung_rekap([tw1.pk])
    r = RekapKinerja.objects.get(unit_kerja=org.opd_a, periode=tw1)
    assert (r.jumlah_evaluasi, r.jumlah_final, r.jumlah_sangat_baik, r.jumlah_baik) == (2, 2, 1, 1)
    assert RekapKinerja.objects.get(unit_kerja=org.prov, periode=tw1).jumlah_final == 2
    # The imported evaluations name the ASN's appraiser by the roster: the team's roll-up (and Tim Saya) count them.
    tim = RekapTim.objects.get(atasan=org.atasan_a, periode=tw1)
    assert (tim.jumlah_final, tim.jumlah_sangat_baik) == (2, 1)
    assert set(EvaluasiKinerja.objects.values_list("atasan_id", "atasan_penilai_id")) == {
        (org.atasan_a.pk, org.kepala.pk)
    }


def test_units_importing_from_e_kinerja_get_no_evaluations_to_fill(org, tw1):
    svc.simpan_sumber_evaluasi(org.admin, org.opd_a.pk, "IMPOR")
    svc.simpan_sumber_evaluasi(org.admin, org.bidang_a.pk, "LOKAL")  # a sub-unit may override its parent
    hasil = services_periode.buat_evaluasi_periode(org.admin, tw1.pk, [org.prov.pk])
    dibuat = set(EvaluasiKinerja.objects.values_list("pegawai__unit_kerja_id", flat=True))
    assert org.opd_a.pk not in dibuat and {org.bidang_a.pk, org.opd_b.pk} <= dibuat
    assert hasil.diimpor == 2  # kepala and hr_a sit in OPD A itself
