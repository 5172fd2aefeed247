"""Predikat matrix and distribution curve: PermenPANRB 6/2022 Lampiran; SE MenPANRB 3/2023 (DOMAIN.md §1)."""

import pytest

from kinerja.penilaian.predikat import cek_kurva_distribusi, predikat_kinerja


@pytest.mark.parametrize(
    "hasil_kerja, perilaku_kerja, predikat",
    [
        ("DI_ATAS", "DI_BAWAH", "KURANG"),
        ("DI_ATAS", "SESUAI", "BAIK"),
        ("DI_ATAS", "DI_ATAS", "SANGAT_BAIK"),
        ("SESUAI", "DI_BAWAH", "KURANG"),
        ("SESUAI", "SESUAI", "BAIK"),
        ("SESUAI", "DI_ATAS", "BAIK"),
        ("DI_BAWAH", "DI_BAWAH", "SANGAT_KURANG"),
        ("DI_BAWAH", "SESUAI", "BUTUH_PERBAIKAN"),
        ("DI_BAWAH", "DI_ATAS", "BUTUH_PERBAIKAN"),
    ],
)
def test_it_follows_the_matrix_of_permenpanrb_6_2022(hasil_kerja, perilaku_kerja, predikat):
    assert predikat_kinerja(hasil_kerja, perilaku_kerja) == predikat


@pytest.mark.parametrize("pair", [("BAGUS", "SESUAI"), ("SESUAI", ""), (None, "DI_ATAS")])
def test_it_refuses_unknown_ratings(pair):
    with pytest.raises(ValueError, match="Rating tidak dikenal"):
        predikat_kinerja(*pair)


def n(sb=0, b=0, bp=0, k=0, sk=0):
    return {"SANGAT_BAIK": sb, "BAIK": b, "BUTUH_PERBAIKAN": bp, "KURANG": k, "SANGAT_KURANG": sk}


@pytest.mark.parametrize(
    "organisasi, jumlah, pelanggaran",
    [
        # Istimewa: at most 70% Sangat Baik.
        ("ISTIMEWA", n(sb=7, b=3), []),
        ("ISTIMEWA", n(sb=71, b=29), ["Sangat Baik paling banyak 70%"]),
        ("ISTIMEWA", n(sb=10), ["Sangat Baik paling banyak 70%"]),
        # Baik: at most 70% Baik, and some Butuh Perbaikan and/or Kurang.
        ("BAIK", n(sb=2, b=7, bp=1), []),
        ("BAIK", n(sb=2, b=7, k=1), []),
        ("BAIK", n(b=71, bp=29), ["Baik paling banyak 70%"]),
        ("BAIK", n(sb=3, b=7), ["harus ada pegawai berpredikat Butuh Perbaikan dan/atau Kurang/Misconduct"]),
        ("BAIK", n(b=8, sk=2), ["Baik paling banyak 70%", "harus ada pegawai berpredikat Butuh Perbaikan"]),
        # Butuh Perbaikan: at least 60% Butuh Perbaikan, at most 10% Sangat Baik.
        ("BUTUH_PERBAIKAN", n(sb=1, b=3, bp=6), []),
        ("BUTUH_PERBAIKAN", n(b=41, bp=59), ["Butuh Perbaikan paling sedikit 60%"]),
        ("BUTUH_PERBAIKAN", n(sb=11, b=29, bp=60), ["Sangat Baik paling banyak 10%"]),
        # Kurang: at least 60% Kurang, at least 10% Butuh Perbaikan, at most 10% Sangat Baik.
        ("KURANG", n(sb=1, b=2, bp=1, k=6), []),
        ("KURANG", n(b=3, bp=1, k=6), []),
        ("KURANG", n(b=4, bp=1, k=5), ["Kurang/Misconduct paling sedikit 60%"]),
        ("KURANG", n(b=31, bp=9, k=60), ["Butuh Perbaikan paling sedikit 10%"]),
        ("KURANG", n(sb=11, bp=10, k=79), ["Sangat Baik paling banyak 10%"]),
        # Sangat Kurang: at least 60% Sangat Kurang, at least 10% Kurang and/or Butuh Perbaikan, no Sangat Baik.
        ("SANGAT_KURANG", n(b=3, k=1, sk=6), []),
        ("SANGAT_KURANG", n(b=3, bp=1, sk=6), []),
        ("SANGAT_KURANG", n(b=31, k=10, sk=59), ["Sangat Kurang paling sedikit 60%"]),
        ("SANGAT_KURANG", n(b=31, k=9, sk=60), ["Kurang/Misconduct dan/atau Butuh Perbaikan paling sedikit 10%"]),
        ("SANGAT_KURANG", n(sb=1, k=3, sk=6), ["tidak boleh ada Sangat Baik"]),
        # Nobody evaluated yet: nothing to check.
        ("BAIK", n(), []),
    ],
)
def test_it_checks_the_distribution_curve_of_se_menpanrb_3_2023(organisasi, jumlah, pelanggaran):
    hasil = cek_kurva_distribusi(organisasi, jumlah)
    assert len(hasil) == len(pelanggaran), hasil
    for pesan, harapan in zip(hasil, pelanggaran, strict=True):
        assert harapan in pesan


def test_it_accepts_counts_of_only_some_predikat():
    assert cek_kurva_distribusi("ISTIMEWA", {"BAIK": 4}) == []


def test_it_uses_percentages_the_agency_has_set():
    from kinerja.penilaian.predikat import KURVA_BAWAAN, SyaratKurva

    kurva = dict(KURVA_BAWAAN, ISTIMEWA=(SyaratKurva(("SANGAT_BAIK",), 50, minimal=False),))
    assert cek_kurva_distribusi("ISTIMEWA", n(sb=6, b=4)) == []
    assert cek_kurva_distribusi("ISTIMEWA", n(sb=6, b=4), kurva) == [
        "Capaian organisasi Istimewa: Sangat Baik paling banyak 50% (saat ini 60,0%: 6 dari 10)"
    ]


@pytest.mark.parametrize(
    "organisasi, jumlah, pesan",
    [("LUAR_BIASA", n(b=1), "tidak dikenal"), ("BAIK", {"CUKUP": 1}, "tidak dikenal"), ("BAIK", n(b=-1), "negatif")],
)
def test_it_refuses_bad_curve_input(organisasi, jumlah, pesan):
    with pytest.raises(ValueError, match=pesan):
        cek_kurva_distribusi(organisasi, jumlah)


@pytest.mark.parametrize(
    "syarat, jumlah, pesan",
    [
        # The share found is written the Indonesian way, one decimal after a comma.
        (("SANGAT_BAIK", 70, False), n(sb=2), "Sangat Baik paling banyak 70% (saat ini 100,0%: 2 dari 2)"),
        (("SANGAT_BAIK", 70, False), n(sb=5, b=2), "Sangat Baik paling banyak 70% (saat ini 71,4%: 5 dari 7)"),
        (("BUTUH_PERBAIKAN", 60, True), n(b=2, bp=1), "Butuh Perbaikan paling sedikit 60% (saat ini 33,3%: 1 dari 3)"),
        # An agency's percentage with decimals, and thousands grouped by dots.
        (("BAIK", 12.5, False), n(b=1, sb=6), "Baik paling banyak 12,5% (saat ini 14,3%: 1 dari 7)"),
        (("BAIK", 70, False), n(b=1000, sb=1), "Baik paling banyak 70% (saat ini 99,9%: 1.000 dari 1.001)"),
        (("SANGAT_BAIK", 0, False), n(sb=1, b=1), "tidak boleh ada Sangat Baik (saat ini 1 dari 2)"),
        (("KURANG", 0, True), n(b=1), "harus ada pegawai berpredikat Kurang/Misconduct (saat ini tidak ada)"),
    ],
)
def test_curve_messages_write_figures_the_indonesian_way(syarat, jumlah, pesan):
    from kinerja.penilaian.predikat import SyaratKurva

    predikat, persen, minimal = syarat
    hasil = SyaratKurva((predikat,), persen, minimal).dilanggar(jumlah, sum(jumlah.values()))
    assert hasil == pesan


@pytest.mark.parametrize(
    "syarat, uraian",
    [
        ((("SANGAT_BAIK",), 70, False), "Sangat Baik paling banyak 70%"),
        ((("BUTUH_PERBAIKAN",), 60, True), "Butuh Perbaikan paling sedikit 60%"),
        ((("BUTUH_PERBAIKAN", "KURANG"), 0, True), "harus ada Butuh Perbaikan dan/atau Kurang/Misconduct"),
        ((("SANGAT_BAIK",), 0, False), "tidak boleh ada Sangat Baik"),
        ((("BAIK",), 12.5, False), "Baik paling banyak 12,5%"),
    ],
)
def test_a_curve_condition_in_words(syarat, uraian):
    from kinerja.penilaian.predikat import SyaratKurva

    assert SyaratKurva(*syarat).uraian() == uraian
