"""Achievement (capaian) of an indicator against its target: PP 46/2011 jo. Perka BKN 1/2013 (DOMAIN.md §2), or for
"the less the better" aspects (time, cost) optionally PermenPANRB 8/2021's formula.

Used as quantitative evidence beside the qualitative ratings; the predikat itself comes from predikat.py.

Time and cost, two formulas the agency chooses between (PengaturanKinerja.rumus_waktu_biaya):
- PP46_2011 (the default): (1.76 × target − realisation) / target × 100, so a target met exactly scores 76%;
- PERMENPANRB_8_2021: (1 + (1 − realisation / target)) × 100% (Lampiran, "kondisi khusus" for indicators where
  a lower realisation is better), so a target met exactly scores 100%.
Either way the result is capped at `batas` (PP 30/2019: 120; PermenPANRB 8/2021 likewise converts a capaian
above 110% to a value of 120, so 120 stays the ceiling) and never below 0.
"""

from decimal import ROUND_HALF_UP, Decimal

from core.numbers import angka

KUANTITAS = "KUANTITAS"
KUALITAS = "KUALITAS"
WAKTU = "WAKTU"
BIAYA = "BIAYA"
ASPEK = (KUANTITAS, KUALITAS, WAKTU, BIAYA)
ASPEK_EFISIENSI = (WAKTU, BIAYA)  # the less the better: scored by efficiency against the target

RUMUS_PP46 = "PP46_2011"
RUMUS_PERMENPANRB = "PERMENPANRB_8_2021"
RUMUS_WAKTU_BIAYA = (
    (RUMUS_PP46, "PP 46/2011: (1,76 × target − realisasi) / target × 100 — tepat target = 76%"),
    (RUMUS_PERMENPANRB, "PermenPANRB 8/2021: (1 + (1 − realisasi / target)) × 100% — tepat target = 100%"),
)

BATAS_BAWAAN = Decimal(120)
_SERATUS = Decimal(100)
_FAKTOR_EFISIENSI = Decimal("1.76")
_EFISIENSI_NORMAL = Decimal(24)
_DUA_DESIMAL = Decimal("0.01")


def _dua_desimal(nilai: Decimal) -> Decimal:
    return nilai.quantize(_DUA_DESIMAL, rounding=ROUND_HALF_UP)


def capaian_aspek(
    aspek: str, target, realisasi, batas=BATAS_BAWAAN, efisiensi_tinggi: bool = True, rumus: str = RUMUS_PP46
) -> Decimal:
    """Score of one aspect, capped at `batas` (percent, default 120), never below 0, rounded to 2 decimals.

    Quantity and quality: realisation / target × 100. Time and cost by `rumus`: PermenPANRB 8/2021's
    (2 − realisation / target) × 100; or PP 46/2011's, with efficiency e = 100 − realisation / target × 100:
    when e ≤ 24%, (1.76 × target − realisation) / target × 100; above 24% Perka BKN 1/2013 gives
    76 − ((1.76 × target − realisation) / target × 100 − 100), which DOMAIN.md marks unconfirmed, so
    `efisiensi_tinggi=False` applies the ≤ 24% formula throughout instead.
    """
    if rumus not in (RUMUS_PP46, RUMUS_PERMENPANRB):
        raise ValueError(f"Rumus waktu/biaya '{rumus}' tidak dikenal.")
    if aspek not in ASPEK:
        raise ValueError(f"Aspek '{aspek}' tidak dikenal (harus salah satu dari {', '.join(ASPEK)}).")
    target, realisasi, batas = Decimal(str(target)), Decimal(str(realisasi)), Decimal(str(batas))
    if target <= 0:
        raise ValueError("Target harus lebih besar dari nol.")
    if realisasi < 0:
        raise ValueError("Realisasi tidak boleh negatif.")
    if aspek in (KUANTITAS, KUALITAS):
        nilai = realisasi / target * _SERATUS
    elif rumus == RUMUS_PERMENPANRB:
        nilai = (1 + (1 - realisasi / target)) * _SERATUS
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


def keterangan_efisiensi(rumus: str = RUMUS_PP46) -> str:
    """What users are told where they enter or read a time or cost indicator, so that the score of a target met
    exactly (76% under PP 46/2011) is not taken for a mistake. The figure comes from the formula itself."""
    dasar = "rumus PermenPANRB 8/2021" if rumus == RUMUS_PERMENPANRB else "rumus PP 46/2011"
    return (
        f"Untuk aspek waktu/biaya, realisasi tepat sama dengan target bernilai "
        f"{angka(capaian_aspek(WAKTU, 1, 1, rumus=rumus))}% ({dasar}); "
        "lebih cepat/hemat menaikkan capaian."
    )
