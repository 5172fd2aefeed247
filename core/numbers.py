"""Figures shown to users: one rounding rule for every percentage on every page and export, and one way to write a
number in text built in Python (messages, notifications, the audit log, the rule modules' explanations)."""

from decimal import ROUND_HALF_UP, Decimal

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
# "1,234.5" (Python's grouping) → "1.234,5" (Indonesian).
_INDONESIAN = str.maketrans({",": ".", ".": ","})


def percent(part, total) -> Decimal | None:
    """part/total as a percentage to 2 decimals, halves up; None when there is nothing to divide."""
    if not total:
        return None
    return (_HUNDRED * Decimal(part) / Decimal(total)).quantize(_CENT, ROUND_HALF_UP)


def angka(nilai, desimal: int | None = None) -> str:
    """A number as Indonesian text: thousands grouped by dots, decimals after a comma (1.234,5).

    `desimal` fixes the decimals, halves up; None writes what the number has, without trailing zeros (12,50 →
    12,5; 76,00 → 76). What the templates' floatformat and intcomma write under LANGUAGE_CODE "id", for text
    built in Python, standard library only so the pure rule modules may use it too.
    """
    d = Decimal(str(nilai))
    d = d.normalize() if desimal is None else d.quantize(Decimal(1).scaleb(-desimal), ROUND_HALF_UP)
    if d.is_zero():
        d = abs(d)  # never "-0"
    return f"{d:,f}".translate(_INDONESIAN)
