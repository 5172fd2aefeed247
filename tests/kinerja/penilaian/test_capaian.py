"""Capaian formulas of PP 46/2011 jo. Perka BKN 1/2013 (DOMAIN.md §2)."""

from decimal import Decimal

import pytest

from kinerja.penilaian.capaian import capaian_aspek, rata_rata_capaian


@pytest.mark.parametrize(
    "aspek, target, realisasi, hasil",
    [
        ("KUANTITAS", 10, 10, "100.00"),
        ("KUANTITAS", 12, 9, "75.00"),
        ("KUANTITAS", 3, 2, "66.67"),
        ("KUALITAS", 100, 90, "90.00"),
        ("KUANTITAS", 10, 15, "120.00"),  # capped at 120
        ("KUANTITAS", 10, 0, "0.00"),
        # Time: efficiency 0% → 76; 12 months target, 10 realised → efficiency 16.7% ≤ 24%.
        ("WAKTU", 12, 12, "76.00"),
        ("WAKTU", 12, 10, "92.67"),
        ("WAKTU", 100, 76, "100.00"),  # efficiency exactly 24%
        # Efficiency above 24%: 76 − (dasar − 100); 12 → 6 months: dasar 126 → 50.
        ("WAKTU", 12, 6, "50.00"),
        ("BIAYA", 1000000, 1000000, "76.00"),
        ("WAKTU", 12, 18, "26.00"),  # late: (21.12 − 18) / 12 × 100
        ("WAKTU", 12, 30, "0.00"),  # never below zero
    ],
)
def test_it_scores_an_aspect(aspek, target, realisasi, hasil):
    assert capaian_aspek(aspek, target, realisasi) == Decimal(hasil)


def test_it_can_apply_the_normal_time_formula_above_24_percent_efficiency():
    assert capaian_aspek("WAKTU", 12, 6, efisiensi_tinggi=False) == Decimal("120.00")
    assert capaian_aspek("WAKTU", 12, 9, efisiensi_tinggi=False) == Decimal("101.00")


def test_the_cap_is_configurable():
    assert capaian_aspek("KUANTITAS", 10, 15, batas=150) == Decimal("150.00")
    assert capaian_aspek("KUANTITAS", 10, 15, batas=100) == Decimal("100.00")


def test_the_domain_example_averages_100_90_76_to_88_67():
    assert rata_rata_capaian([100, 90, 76]) == Decimal("88.67")
    assert rata_rata_capaian([]) is None


@pytest.mark.parametrize(
    "aspek, target, realisasi, pesan",
    [("JUMLAH", 1, 1, "tidak dikenal"), ("KUANTITAS", 0, 1, "lebih besar dari nol"), ("WAKTU", 12, -1, "negatif")],
)
def test_it_refuses_bad_input(aspek, target, realisasi, pesan):
    with pytest.raises(ValueError, match=pesan):
        capaian_aspek(aspek, target, realisasi)


@pytest.mark.parametrize("aspek", ["WAKTU", "BIAYA"])
@pytest.mark.parametrize("target", [1, 3, 12, "2.5", 1000000])
@pytest.mark.parametrize("efisiensi_tinggi", [True, False])
def test_a_time_or_cost_target_met_exactly_scores_76_as_the_note_says(aspek, target, efisiensi_tinggi):
    """PP 46/2011: ((1.76 × target − realisation) / target) × 100 with realisation = target is 76, whatever the
    target; the note shown beside such indicators says so."""
    from kinerja.penilaian.capaian import keterangan_efisiensi

    assert capaian_aspek(aspek, target, target, efisiensi_tinggi=efisiensi_tinggi) == Decimal("76.00")
    assert "realisasi tepat sama dengan target bernilai 76% (rumus PP 46/2011)" in keterangan_efisiensi()


# PermenPANRB 8/2021, Lampiran: capaian IKI "kondisi khusus" (the less the better) = (1 + (1 − realisasi / target))
# × 100%; its worked examples: 6.5 months against 7 → 107%, 9 against 8 → 87.5%. A capaian above 110% is valued
# 120 (huruf h), so the cap stays at 120; never below 0.
TABEL_PERMENPANRB = [
    ("WAKTU", 7, "6.5", "107.14"),  # Lampiran's example a (the regulation rounds to 107%)
    ("WAKTU", 8, 9, "87.50"),  # example b
    ("WAKTU", 12, 12, "100.00"),  # on time is 100%, not 76%
    ("BIAYA", 100, 80, "120.00"),  # (2 − 0.8) × 100 = 120
    ("BIAYA", 100, 50, "120.00"),  # 150 capped at 120
    ("WAKTU", 10, 25, "0.00"),  # 2.5 × the target: floored at 0
    ("KUANTITAS", 10, 12, "120.00"),  # quantity and quality keep realisasi / target
]


@pytest.mark.parametrize(("aspek", "target", "realisasi", "diharapkan"), TABEL_PERMENPANRB)
def test_the_permenpanrb_8_2021_formula_for_the_less_the_better(aspek, target, realisasi, diharapkan):
    from kinerja.penilaian.capaian import RUMUS_PERMENPANRB

    assert capaian_aspek(aspek, target, realisasi, rumus=RUMUS_PERMENPANRB) == Decimal(diharapkan)


def test_the_cap_applies_to_the_permenpanrb_formula_too():
    from kinerja.penilaian.capaian import RUMUS_PERMENPANRB

    assert capaian_aspek("WAKTU", 100, 85, batas=110, rumus=RUMUS_PERMENPANRB) == Decimal("110.00")


def test_an_unknown_time_formula_is_refused():
    with pytest.raises(ValueError, match="Rumus waktu/biaya"):
        capaian_aspek("WAKTU", 1, 1, rumus="LAIN")


def test_the_note_names_the_formula_that_applies():
    from kinerja.penilaian.capaian import RUMUS_PERMENPANRB, keterangan_efisiensi

    assert "bernilai 100% (rumus PermenPANRB 8/2021)" in keterangan_efisiensi(RUMUS_PERMENPANRB)
