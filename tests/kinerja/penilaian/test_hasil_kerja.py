"""The proposals for the rating of hasil kerja (kinerja.penilaian.hasil_kerja): from the indicators against their
expectation (PermenPANRB 6/2022, Lampiran: a target quantitative or qualitative, the realisation judged above, at or
below the expectation), and for a unit's head from the unit's organisational performance (SE MenPANRB 3/2023)."""

import pytest

from kinerja.penilaian.hasil_kerja import (
    perlu_alasan_pimpinan,
    rating_pimpinan,
    tingkat_kuantitatif,
    usulan_rating_hasil_kerja,
)


@pytest.mark.parametrize(
    ("aspek", "target", "realisasi", "tingkat"),
    [
        # PermenPANRB 6/2022: the target is the expectation; quantity and quality more is better.
        ("KUANTITAS", 10, 10, "SESUAI"),
        ("KUANTITAS", 10, 12, "DI_ATAS"),
        ("KUANTITAS", 10, 9, "DI_BAWAH"),
        ("KUALITAS", "100", "90", "DI_BAWAH"),
        ("KUALITAS", "2.5", "2.50", "SESUAI"),
        # Time and cost: less is better, and the target met exactly meets the expectation (not 76%).
        ("WAKTU", 12, 12, "SESUAI"),
        ("WAKTU", 12, 10, "DI_ATAS"),
        ("WAKTU", 12, 13, "DI_BAWAH"),
        ("BIAYA", 1000, 900, "DI_ATAS"),
        ("BIAYA", 1000, 1100, "DI_BAWAH"),
    ],
)
def test_a_quantitative_indicator_stands_against_its_target(aspek, target, realisasi, tingkat):
    assert tingkat_kuantitatif(aspek, target, realisasi) == tingkat


@pytest.mark.parametrize(
    ("aspek", "target", "realisasi", "pesan"),
    [
        ("LAINNYA", 1, 1, "tidak dikenal"),
        ("KUANTITAS", 0, 1, "lebih besar dari nol"),
        ("KUANTITAS", 1, -1, "negatif"),
    ],
)
def test_a_quantitative_indicator_refuses_what_it_cannot_judge(aspek, target, realisasi, pesan):
    with pytest.raises(ValueError, match=pesan):
        tingkat_kuantitatif(aspek, target, realisasi)


@pytest.mark.parametrize(
    ("tingkat", "usulan"),
    [
        # Quantitative and qualitative indicators count alike, each by where it stands (PermenPANRB 6/2022).
        (["SESUAI", "SESUAI", "SESUAI"], "SESUAI"),
        (["DI_ATAS", "DI_ATAS", "SESUAI"], "DI_ATAS"),
        # Half above is not more than half.
        (["DI_ATAS", "SESUAI"], "SESUAI"),
        (["DI_ATAS"], "DI_ATAS"),
        # One expectation not met proposes Di Bawah, whatever the others.
        (["DI_ATAS", "DI_ATAS", "DI_BAWAH"], "DI_BAWAH"),
        # Not realised, or a qualitative indicator not marked yet: no proposal.
        (["SESUAI", None], None),
        ([], None),
    ],
)
def test_the_indicators_propose_a_rating_of_hasil_kerja(tingkat, usulan):
    assert usulan_rating_hasil_kerja(tingkat) == usulan


def test_an_unknown_level_is_refused():
    with pytest.raises(ValueError, match="tidak dikenal"):
        usulan_rating_hasil_kerja(["BAGUS"])


@pytest.mark.parametrize(
    ("organisasi", "rating"),
    [
        # SE MenPANRB 3/2023: the head's rating of hasil kerja follows the unit's organisational performance.
        ("ISTIMEWA", "DI_ATAS"),
        ("BAIK", "SESUAI"),
        ("BUTUH_PERBAIKAN", "DI_BAWAH"),
        ("KURANG", "DI_BAWAH"),
        ("SANGAT_KURANG", "DI_BAWAH"),
    ],
)
def test_a_units_head_is_rated_as_the_unit_performed(organisasi, rating):
    assert rating_pimpinan(organisasi) == rating
    assert not perlu_alasan_pimpinan(organisasi, rating)
    assert all(perlu_alasan_pimpinan(organisasi, lain) for lain in {"DI_ATAS", "SESUAI", "DI_BAWAH"} - {rating})


def test_no_reason_is_needed_where_the_units_performance_is_not_set():
    assert not perlu_alasan_pimpinan(None, "DI_ATAS")
    with pytest.raises(ValueError, match="tidak dikenal"):
        rating_pimpinan("LUAR_BIASA")
