"""TPP (regional performance allowance) of one ASN for one month: the arithmetic, in exact rupiah.

Pure (standard library only). The shares and the lateness steps are the region's own (set in a Peraturan
Gubernur); DOMAIN.md §4 gives one region's lateness steps as defaults, and Gorontalo's numbers are
unconfirmed, so every number here comes from PengaturanTPP and BesaranTPP rows an administrator edits.

Every amount is rounded once to whole rupiah (half up), and the parts are derived so they always add up:
the discipline share is the base minus the performance share, and the amount paid is the base minus the
two deductions.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

RUPIAH = Decimal(1)
SERATUS = Decimal(100)

# Lateness brackets, in the order of RekapKehadiran's counters and PengaturanTPP's steps.
TERLAMBAT = ("terlambat_1_30", "terlambat_31_60", "terlambat_61_90", "terlambat_lebih_90")


def rupiah(nilai: Decimal) -> Decimal:
    """Round to whole rupiah, halves up, as a spreadsheet does."""
    return Decimal(nilai).quantize(RUPIAH, ROUND_HALF_UP)


@dataclass(frozen=True)
class RincianTPP:
    besaran: Decimal
    porsi_kinerja: Decimal
    porsi_disiplin: Decimal
    persen_terlambat: Decimal
    potongan_terlambat: Decimal
    persen_sanksi: Decimal
    potongan_sanksi: Decimal
    diterima: Decimal


def hitung_tpp(
    besaran: Decimal,
    *,
    persen_kinerja: Decimal,
    kali_terlambat: dict[str, int],
    langkah_terlambat: dict[str, Decimal],
    persen_sanksi: Decimal = Decimal(0),
) -> RincianTPP:
    """One month's TPP.

    - performance share = base × persen_kinerja; discipline share = the rest of the base;
    - lateness: each occurrence cuts its bracket's step (a percentage of the discipline share; "no record"
      counts in the > 90 minutes bracket), at most the whole discipline share;
    - sanctions: an approved TPP cut (e.g. 25% for 6 months, PP 94/2021 Pasal 8 ayat (3)) cuts that
      percentage of the whole base; at most 100%;
    - paid = base − lateness deduction − sanction deduction, never below zero.
    """
    besaran = rupiah(besaran)
    porsi_kinerja = rupiah(besaran * Decimal(persen_kinerja) / SERATUS)
    porsi_disiplin = besaran - porsi_kinerja
    persen_terlambat = sum(
        (Decimal(kali_terlambat.get(k) or 0) * Decimal(langkah_terlambat[k]) for k in TERLAMBAT), Decimal(0)
    )
    persen_terlambat = min(persen_terlambat, SERATUS)
    potongan_terlambat = rupiah(porsi_disiplin * persen_terlambat / SERATUS)
    persen_sanksi = min(Decimal(persen_sanksi), SERATUS)
    potongan_sanksi = rupiah(besaran * persen_sanksi / SERATUS)
    potongan_sanksi = min(potongan_sanksi, besaran - potongan_terlambat)
    return RincianTPP(
        besaran=besaran,
        porsi_kinerja=porsi_kinerja,
        porsi_disiplin=porsi_disiplin,
        persen_terlambat=persen_terlambat,
        potongan_terlambat=potongan_terlambat,
        persen_sanksi=persen_sanksi,
        potongan_sanksi=potongan_sanksi,
        diterima=besaran - potongan_terlambat - potongan_sanksi,
    )
