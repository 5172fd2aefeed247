"""What the annual evaluation proposes from the year's periodic ones (kinerja/penilaian/tahunan.py)."""

import pytest

from kinerja.penilaian.tahunan import usulan_rating, usulan_realisasi


@pytest.mark.parametrize(
    ("per_periode", "usulan"),
    [
        ([], None),
        (["", ""], None),  # no period rated
        (["SESUAI"], "SESUAI"),
        (["SESUAI", "DI_ATAS", "SESUAI", ""], "SESUAI"),  # most often
        (["DI_ATAS", "SESUAI", "DI_ATAS", "DI_BAWAH"], "DI_ATAS"),
        (["SESUAI", "DI_ATAS"], "DI_ATAS"),  # a tie: the later period's
        (["DI_ATAS", "SESUAI", "DI_BAWAH", "SESUAI", "DI_ATAS", ""], "DI_ATAS"),
        (["DI_BAWAH", "DI_BAWAH", "SESUAI", "SESUAI"], "SESUAI"),
    ],
)
def test_the_proposed_rating_is_the_most_frequent_and_a_tie_goes_to_the_latest(per_periode, usulan):
    assert usulan_rating(per_periode) == usulan


@pytest.mark.parametrize(
    ("per_periode", "usulan"),
    [([], None), ([None, None], None), ([3, 7, None], 7), ([3, None, 9], 9), ([0, None], 0)],
)
def test_the_proposed_realisation_is_the_latest_periods(per_periode, usulan):
    assert usulan_realisasi(per_periode) == usulan
