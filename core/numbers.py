"""Figures shown to users: one rounding rule for every percentage on every page and export."""

from decimal import ROUND_HALF_UP, Decimal

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def percent(part, total) -> Decimal | None:
    """part/total as a percentage to 2 decimals, halves up; None when there is nothing to divide."""
    if not total:
        return None
    return (_HUNDRED * Decimal(part) / Decimal(total)).quantize(_CENT, ROUND_HALF_UP)
