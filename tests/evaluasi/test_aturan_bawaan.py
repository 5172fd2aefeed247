"""The default rules shipped by migration 0002, evaluated by the engine at every boundary of PP 94/2021."""

import pytest

from evaluasi import engine
from evaluasi.models import Aturan

# PP 94/2021, unexcused absence (Pasal 4 huruf f): cumulative working days in one year → penalty.
# Light: Pasal 9; medium: Pasal 10; heavy: Pasal 11 ayat (2) huruf d (penalty kinds: Pasal 8).
TABEL_PP94 = [
    (0, None),
    (2, None),  # 1–2 days carry no listed penalty
    (3, "TEGURAN_LISAN"),  # Pasal 9: 3 days
    (4, "TEGURAN_TERTULIS"),  # Pasal 9: 4–6 days
    (6, "TEGURAN_TERTULIS"),
    (7, "PERNYATAAN_TIDAK_PUAS"),  # Pasal 9: 7–10 days
    (10, "PERNYATAAN_TIDAK_PUAS"),
    (11, "POTONG_TUNJANGAN_25_6_BULAN"),  # Pasal 10: 11–13 days
    (13, "POTONG_TUNJANGAN_25_6_BULAN"),
    (14, "POTONG_TUNJANGAN_25_9_BULAN"),  # Pasal 10: 14–16 days
    (16, "POTONG_TUNJANGAN_25_9_BULAN"),
    (17, "POTONG_TUNJANGAN_25_12_BULAN"),  # Pasal 10: 17–20 days
    (20, "POTONG_TUNJANGAN_25_12_BULAN"),
    (21, "PENURUNAN_JABATAN_12_BULAN"),  # Pasal 11 ayat (2) huruf d angka 1: 21–24 days
    (24, "PENURUNAN_JABATAN_12_BULAN"),
    (25, "PEMBEBASAN_JABATAN_12_BULAN"),  # Pasal 11 ayat (2) huruf d angka 2: 25–27 days
    (27, "PEMBEBASAN_JABATAN_12_BULAN"),
    (28, "PDHTAPS"),  # Pasal 11 ayat (2) huruf d angka 3: 28 days or more
    (60, "PDHTAPS"),
]


@pytest.fixture
def aturan_bawaan(db):
    return list(Aturan.objects.filter(aktif=True))


def kode(aturan, **metrik):
    return [h.kode for h in engine.evaluate(aturan, metrik)]


def test_the_default_rules_are_in_the_database_after_migrate_and_pass_their_own_checks(aturan_bawaan):
    assert len(aturan_bawaan) == 13
    for a in aturan_bawaan:
        a.full_clean()
    assert {a.kode_konsekuensi for a in aturan_bawaan} >= {
        "TEGURAN_LISAN",
        "TEGURAN_TERTULIS",
        "PERNYATAAN_TIDAK_PUAS",
        "POTONG_TUNJANGAN_25_6_BULAN",
        "POTONG_TUNJANGAN_25_9_BULAN",
        "POTONG_TUNJANGAN_25_12_BULAN",
        "PENURUNAN_JABATAN_12_BULAN",
        "PEMBEBASAN_JABATAN_12_BULAN",
        "PDHTAPS",
    }


@pytest.mark.parametrize(("hari", "diharapkan"), TABEL_PP94)
def test_cumulative_unexcused_absence_gets_the_pp94_penalty_of_its_band(aturan_bawaan, hari, diharapkan):
    hasil = kode(aturan_bawaan, hari_tanpa_keterangan=hari, hari_tanpa_keterangan_berturut=0)
    assert hasil == ([diharapkan] if diharapkan else [])


@pytest.mark.parametrize(
    ("berturut", "diharapkan"),
    [(9, ["PERNYATAAN_TIDAK_PUAS"]), (10, ["PDHTAPS"]), (15, ["PDHTAPS"])],  # 9 days: only the cumulative rule
)
def test_ten_consecutive_days_absent_is_pdhtaps_pasal_11_ayat_2_huruf_d_angka_4(aturan_bawaan, berturut, diharapkan):
    assert kode(aturan_bawaan, hari_tanpa_keterangan=berturut, hari_tanpa_keterangan_berturut=berturut) == diharapkan
    a = next(a for a in aturan_bawaan if a.kondisi[0]["metrik"] == "hari_tanpa_keterangan_berturut")
    assert a.dasar_hukum.startswith("PP 94/2021 Pasal 11 ayat (2) huruf d angka 4")
    assert "Pasal 15 ayat (2)" in a.dasar_hukum


def test_only_the_heaviest_absence_penalty_applies_twelve_days_with_ten_in_a_row_is_pdhtaps_alone(aturan_bawaan):
    hasil = engine.evaluate(aturan_bawaan, {"hari_tanpa_keterangan": 12, "hari_tanpa_keterangan_berturut": 10})
    assert [h.kode for h in hasil] == ["PDHTAPS"]
    assert hasil[0].pemicu == {"hari_tanpa_keterangan_berturut": 10}


def test_an_outcome_names_its_rule_and_the_values_that_triggered_it(aturan_bawaan):
    (hasil,) = engine.evaluate(aturan_bawaan, {"hari_tanpa_keterangan": 5})
    assert hasil.aturan.nama == "Tidak masuk kerja 4–6 hari kerja"
    assert hasil.aturan.dasar_hukum.startswith("PP 94/2021 Pasal 9")
    assert hasil.pemicu == {"hari_tanpa_keterangan": 5}


def test_sangat_baik_two_periods_in_a_row_is_an_award_nomination(aturan_bawaan):
    dua_kali = {"predikat": "SANGAT_BAIK", "riwayat": [{"predikat": "SANGAT_BAIK"}]}
    assert kode(aturan_bawaan, **dua_kali) == ["USUL_PENGHARGAAN"]
    hasil = engine.evaluate(aturan_bawaan, dua_kali)
    assert hasil[0].pemicu == {"predikat": ["SANGAT_BAIK", "SANGAT_BAIK"]}


@pytest.mark.parametrize(
    "riwayat",
    [
        [],  # no earlier period
        [{}],  # the earlier period has no evaluation: the run is broken
        [{"predikat": "BAIK"}],
    ],
)
def test_sangat_baik_once_is_not_yet_an_award_nomination(aturan_bawaan, riwayat):
    assert kode(aturan_bawaan, predikat="SANGAT_BAIK", riwayat=riwayat) == []


def test_sangat_kurang_leads_to_coaching(aturan_bawaan):
    assert kode(aturan_bawaan, predikat="SANGAT_KURANG") == ["PEMBINAAN"]


# PP 11/2017 Pasal 203 as amended by PP 17/2020: a PNS develops competency at least 20 JP a year (1 JP = 45
# minutes, Peraturan LAN 10/2018). No source sets that minimum for PPPK (Peraturan LAN 15/2020 governs theirs).
@pytest.mark.parametrize(
    ("status", "jenis", "jp", "diharapkan"),
    [
        ("PNS", "TAHUNAN", 19, ["REKOMENDASI_PELATIHAN"]),
        ("PNS", "TAHUNAN", 20, []),
        ("PNS", "TRIWULANAN", 0, []),
        ("PPPK", "TAHUNAN", 0, []),  # the PPPK rule ships inactive
        ("PPPK", "TAHUNAN", 19, []),
    ],
)
def test_fewer_than_20_jp_in_an_annual_period_recommends_training_to_a_pns_only(
    aturan_bawaan, status, jenis, jp, diharapkan
):
    assert kode(aturan_bawaan, status_kepegawaian=status, jenis_periode=jenis, jp_pelatihan=jp) == diharapkan


def test_the_pns_training_rule_cites_pasal_203_and_the_jp_of_45_minutes(aturan_bawaan):
    (a,) = [a for a in aturan_bawaan if a.kode_konsekuensi == "REKOMENDASI_PELATIHAN"]
    assert a.nama == "Pelatihan PNS kurang dari 20 JP setahun"
    assert "PP 11/2017 Pasal 203 sebagaimana diubah PP 17/2020" in a.dasar_hukum
    assert "Peraturan LAN 10/2018 (1 JP = 45 menit)" in a.dasar_hukum
    assert a.versi == 2  # what it decides changed: outcomes of version 1 stay as they were


def test_the_pppk_training_rule_is_inactive_and_says_why_and_when_activated_applies_to_pppk_only(db):
    a = Aturan.objects.get(nama__startswith="Pelatihan PPPK")
    assert not a.aktif
    assert "Peraturan LAN 15/2020" in a.dasar_hukum and "belum terkonfirmasi" in a.dasar_hukum
    assert "Nonaktif bawaan" in a.uraian_konsekuensi
    a.full_clean()
    a.aktif = True
    assert kode([a], status_kepegawaian="PPPK", jenis_periode="TAHUNAN", jp_pelatihan=19) == ["REKOMENDASI_PELATIHAN"]
    assert kode([a], status_kepegawaian="PNS", jenis_periode="TAHUNAN", jp_pelatihan=19) == []


def test_an_absence_penalty_already_given_this_year_is_not_proposed_again(aturan_bawaan):
    lisan = next(a for a in aturan_bawaan if a.kode_konsekuensi == "TEGURAN_LISAN")
    assert kode(aturan_bawaan, hari_tanpa_keterangan=3, diberikan_tahun_ini={lisan.pk}) == []
