"""Figures in text built in Python are written as Indonesians write them (ARCHITECTURE.md: decimal comma)."""

from decimal import Decimal

import pytest

from core.numbers import angka


@pytest.mark.parametrize(
    "nilai, desimal, teks",
    [
        (100, 1, "100,0"),
        (Decimal("12.50"), None, "12,5"),
        (Decimal("76.00"), None, "76"),
        (Decimal("1E+2"), None, "100"),
        (30000, None, "30.000"),
        (1234567.891, 2, "1.234.567,89"),
        (Decimal("66.665"), 2, "66,67"),  # halves up, as core.numbers.percent rounds
        (12.5, None, "12,5"),
        (-0.04, 1, "0,0"),
        (-1500.5, None, "-1.500,5"),
    ],
)
def test_numbers_are_written_with_a_decimal_comma_and_grouped_by_dots(nilai, desimal, teks):
    assert angka(nilai, desimal) == teks
