"""Consecutive working days absent without leave across month boundaries (PP 94/2021 Pasal 11 ayat (2) huruf d
angka 4: ten working days in a row → PDHTAPS; Pasal 15 ayat (2): salary stops from the month after).

Pure (the standard library only). Attendance arrives as one row per ASN per month, so each month records, besides
its longest run, the run that opens the month (from its first working day) and the run that closes it (up to its
last working day). A run crossing a month boundary is the closing run of one month plus the opening run of the
next; a month absent from its first to its last working day carries the run on whole.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class BulanKehadiran:
    """One month's figures the run needs: working days, the longest run, the opening run and the closing run."""

    tahun: int
    bulan: int
    hari_kerja: int
    berturut: int
    awal: int = 0
    akhir: int = 0


@dataclass(frozen=True)
class Rangkaian:
    """The longest run found and the month (tahun, bulan) its last counted day falls in (None when no run)."""

    hari: int
    berakhir: tuple[int, int] | None


def _bulan_berikut(tahun: int, bulan: int) -> tuple[int, int]:
    return (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)


def rangkaian_terpanjang(daftar: Iterable[BulanKehadiran], sejak: tuple[int, int] | None = None) -> Rangkaian:
    """The longest run of working days absent without leave, carried across consecutive months.

    `sejak` (tahun, bulan): only runs that reach into this month or later count (earlier months only carry a run
    into it), so December's closing run joins January's opening run in the new year's count. A missing month
    breaks the chain: nothing is assumed about a month without a record.
    """
    hasil = Rangkaian(0, None)
    bawa = 0  # the run still open at the end of the previous month
    sebelumnya = None
    for m in sorted(daftar, key=lambda m: (m.tahun, m.bulan)):
        kunci = (m.tahun, m.bulan)
        if sebelumnya is None or _bulan_berikut(*sebelumnya) != kunci:
            bawa = 0
        sebelumnya = kunci
        lintas = bawa + m.awal if bawa and m.awal else 0
        dihitung = sejak is None or kunci >= sejak
        if dihitung and max(m.berturut, lintas) > hasil.hari:
            hasil = Rangkaian(max(m.berturut, lintas), kunci)
        if m.hari_kerja and m.awal >= m.hari_kerja:
            bawa += m.hari_kerja  # absent the whole month: the run goes on
        else:
            bawa = m.akhir
    return hasil


def periksa_awal_akhir(hari_kerja: int, tanpa_keterangan: int, berturut: int, awal: int, akhir: int) -> dict:
    """Consistency of a month's opening and closing runs with its other figures (field → message)."""
    galat = {}
    if awal > berturut:
        galat["tanpa_keterangan_awal"] = "Rangkaian di awal bulan melebihi rangkaian terpanjang bulan itu."
    if akhir > berturut:
        galat["tanpa_keterangan_akhir"] = "Rangkaian di akhir bulan melebihi rangkaian terpanjang bulan itu."
    sebulan_penuh = hari_kerja and awal >= hari_kerja
    if galat or sebulan_penuh:
        if sebulan_penuh and akhir != awal:
            galat["tanpa_keterangan_akhir"] = (
                "Tanpa keterangan sebulan penuh: rangkaian di akhir bulan harus sama dengan rangkaian di awal bulan."
            )
        return galat
    if awal + akhir > tanpa_keterangan:
        galat["tanpa_keterangan_akhir"] = (
            f"Rangkaian di awal bulan ({awal}) dan di akhir bulan ({akhir}) melebihi jumlah tanpa keterangan "
            f"({tanpa_keterangan})."
        )
    return galat
