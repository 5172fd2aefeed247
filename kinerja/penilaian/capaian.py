"""Achievement (capaian) of an indicator against its target: PP 46/2011 jo. Perka BKN 1/2013 (DOMAIN.md §2).

Used as quantitative evidence beside the qualitative ratings; the predikat itself comes from predikat.py.
"""

from decimal import ROUND_HALF_UP, Decimal

from core.numbers import angka

KUANTITAS = "KUANTITAS"
KUALITAS = "KUALITAS"
WAKTU = "WAKTU"
BIAYA = "BIAYA"
ASPEK = (KUANTITAS, KUALITAS, WAKTU, BIAYA)
ASPEK_EFISIENSI = (WAKTU, BIAYA)  # the less the better: scored by efficiency against the target

BATAS_BAWAAN = Decimal(120)
_SERATUS = Decimal(100)
_FAKTOR_EFISIENSI = Decimal("1.76")
_EFISIENSI_NORMAL = Decimal(24)
_DUA_DESIMAL = Decimal("0.01")


def _dua_desimal(nilai: Decimal) -> Decimal:
    return nilai.quantize(_DUA_DESIMAL, rounding=ROUND_HALF_UP)


def capaian_aspek(aspek: str, target, realisasi, batas=BATAS_BAWAAN, efisiensi_tinggi: bool = True) -> Decimal:
    """Score of one aspect, capped at `batas` (percent, default 120) and rounded to 2 decimals.

    Quantity and quality: realisation / target × 100. Time and cost, with efficiency e = 100 − realisation /
    target × 100: when e ≤ 24%, (1.76 × target − realisation) / target × 100; above 24% Perka BKN 1/2013 gives
    76 − ((1.76 × target − realisation) / target × 100 − 100), which DOMAIN.md marks unconfirmed, so
    `efisiensi_tinggi=False` applies the ≤ 24% formula throughout instead.
    """
    if aspek not in ASPEK:
        raise ValueError(f"Aspek '{aspek}' tidak dikenal (harus salah satu dari {', '.join(ASPEK)}).")
    target, realisasi, batas = Decimal(str(target)), Decimal(str(realisasi)), Decimal(str(batas))
    if target <= 0:
        raise ValueError("Target harus lebih besar dari nol.")
    if realisasi < 0:
        raise ValueError("Realisasi tidak boleh negatif.")
    if aspek in (KUANTITAS, KUALITAS):
        nilai = realisasi / target * _SERATUS
    else:
        dasar = (_FAKTOR_EFISIENSI * target - realisasi) / target * _SERATUS
        efisiensi = _SERATUS - realisasi / target * _SERATUS
        nilai = 76 - (dasar - _SERATUS) if efisiensi > _EFISIENSI_NORMAL and efisiensi_tinggi else dasar
    return _dua_desimal(max(Decimal(0), min(nilai, batas)))


def rata_rata_capaian(nilai) -> Decimal | None:
    """Mean of several scores (the aspects of an indicator, or the indicators of an RHK); None when empty."""
    nilai = [Decimal(str(n)) for n in nilai]
    if not nilai:
        return None
    return _dua_desimal(sum(nilai) / len(nilai))


# What users are told where they enter or read a time or cost indicator, so that 76% for a target met exactly is not
# taken for a mistake. The figure comes from the formula itself.
KETERANGAN_EFISIENSI = (
    f"Untuk aspek waktu/biaya, realisasi tepat sama dengan target bernilai {angka(capaian_aspek(WAKTU, 1, 1))}% "
    "(rumus PP 46/2011); lebih cepat/hemat menaikkan capaian."
)
