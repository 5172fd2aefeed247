"""The annual evaluation starts from the year's periodic ones (PermenPANRB 6/2022: periodic evaluations during the
year, and an annual one at its end). What the appraiser is offered, never imposed: the form shows each period and
the appraiser changes any proposal. Plain functions, so the proposals are tested by table."""

from collections import Counter


def usulan_rating(rating_per_periode: list[str]) -> str | None:
    """The rating the year's periods gave most often, in period order (blanks: periods not rated); a tie goes to the
    one given last, as the latest period shows where the ASN ended the year. None when no period was rated."""
    dinilai = [r for r in rating_per_periode if r]
    if not dinilai:
        return None
    jumlah = Counter(dinilai)
    terbanyak = max(jumlah.values())
    return next(r for r in reversed(dinilai) if jumlah[r] == terbanyak)


def usulan_realisasi(realisasi_per_periode: list):
    """The realisation of the latest period that has one: SKP targets are the year's, and each period reports the
    realisation so far against them (None: nothing realised yet)."""
    return next((r for r in reversed(realisasi_per_periode) if r is not None), None)
