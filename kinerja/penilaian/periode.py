"""The evaluation periods of a year (PermenPANRB 6/2022, DOMAIN.md §1: monthly, quarterly or per semester, and
annual): their names as officials write them, their dates, and which one HR most likely means to open.

Pure functions over plain values: Periode.__str__, the period form and the demo call these; none names or dates a
period by hand.
"""

import datetime
from dataclasses import dataclass

BULANAN = "BULANAN"
TRIWULANAN = "TRIWULANAN"
SEMESTERAN = "SEMESTERAN"
TAHUNAN = "TAHUNAN"
BULAN_PER_PERIODE = {BULANAN: 1, TRIWULANAN: 3, SEMESTERAN: 6, TAHUNAN: 12}
NOMOR_MAKSIMUM = {jenis: 12 // bulan for jenis, bulan in BULAN_PER_PERIODE.items()}

NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_ROMAWI = ("I", "II", "III", "IV")

# Our defaults, not a regulation's (DOMAIN.md names no deadline): the ASN fill in the realisation within a working
# week after the period ends, and the appraiser rates within the working week after that. Working days are Monday
# to Friday; public holidays are not known here, so HR moves a deadline that falls after one.
HARI_KERJA_PENGISIAN = 5  # after the period's last day
HARI_KERJA_PENILAIAN = 5  # after the filling deadline


def periksa_nomor(jenis: str, nomor: int) -> None:
    """Refuse (ValueError, in Indonesian) a kind of period that does not exist or a number it does not have."""
    if jenis not in NOMOR_MAKSIMUM:
        raise ValueError(f"Jenis periode '{jenis}' tidak dikenal (harus salah satu dari {', '.join(NOMOR_MAKSIMUM)}).")
    if not 1 <= nomor <= NOMOR_MAKSIMUM[jenis]:
        raise ValueError(f"Nomor periode {jenis.lower()} harus 1–{NOMOR_MAKSIMUM[jenis]}.")


def nama_periode(jenis: str, nomor: int, tahun: int) -> str:
    """The period's name: "Bulan Maret 2026", "Triwulan IV 2026", "Semester I 2026", "Tahunan 2026"."""
    periksa_nomor(jenis, nomor)
    if jenis == BULANAN:
        return f"Bulan {NAMA_BULAN[nomor - 1]} {tahun}"
    if jenis == TRIWULANAN:
        return f"Triwulan {_ROMAWI[nomor - 1]} {tahun}"
    if jenis == SEMESTERAN:
        return f"Semester {_ROMAWI[nomor - 1]} {tahun}"
    return f"Tahunan {tahun}"


def tambah_hari_kerja(tanggal: datetime.date, n: int) -> datetime.date:
    """The n-th working day (Monday to Friday) after `tanggal`."""
    while n > 0:
        tanggal += datetime.timedelta(days=1)
        if tanggal.weekday() < 5:
            n -= 1
    return tanggal


def batas_pengisian_bawaan(selesai: datetime.date) -> datetime.date:
    """The default filling deadline of a period ending on `selesai`."""
    return tambah_hari_kerja(selesai, HARI_KERJA_PENGISIAN)


def batas_penilaian_bawaan(batas_pengisian: datetime.date) -> datetime.date:
    """The default rating deadline after a filling deadline."""
    return tambah_hari_kerja(batas_pengisian, HARI_KERJA_PENILAIAN)


@dataclass(frozen=True)
class RencanaPeriode:
    """A period of a year with its dates: what opening it takes."""

    tahun: int
    jenis: str
    nomor: int
    mulai: datetime.date
    selesai: datetime.date
    batas_pengisian: datetime.date
    batas_penilaian: datetime.date

    @property
    def nama(self) -> str:
        return nama_periode(self.jenis, self.nomor, self.tahun)


def rencana_periode(jenis: str, nomor: int, tahun: int) -> RencanaPeriode:
    """Period `nomor` of its kind in `tahun`: from the first day of its first month to the last day of its last,
    with the default deadlines (batas_pengisian_bawaan, batas_penilaian_bawaan)."""
    periksa_nomor(jenis, nomor)
    bulan = BULAN_PER_PERIODE[jenis]
    mulai = datetime.date(tahun, (nomor - 1) * bulan + 1, 1)
    akhir = nomor * bulan  # the last month, 1–12
    selesai = datetime.date(tahun + akhir // 12, akhir % 12 + 1, 1) - datetime.timedelta(days=1)
    pengisian = batas_pengisian_bawaan(selesai)
    return RencanaPeriode(tahun, jenis, nomor, mulai, selesai, pengisian, batas_penilaian_bawaan(pengisian))


def nomor_pada(jenis: str, tanggal: datetime.date) -> int:
    """The number of the period of this kind that holds `tanggal` (in its own year)."""
    periksa_nomor(jenis, 1)
    return (tanggal.month - 1) // BULAN_PER_PERIODE[jenis] + 1


def nomor_usulan(jenis: str, tahun: int, hari_ini: datetime.date, terbuka: set[int]) -> int | None:
    """The period HR most likely means to open, of `jenis` in `tahun`, given the numbers already opened.

    A period is opened as it begins, so its ASN fill in the realisation as they work: in the current year the one
    holding today (WITA), in another year the first. If that one is opened already, the next not yet opened after
    it, else the first not opened before it (one forgotten); None when every one is opened.
    """
    periksa_nomor(jenis, 1)
    awal = nomor_pada(jenis, hari_ini) if tahun == hari_ini.year else 1
    urutan = [*range(awal, NOMOR_MAKSIMUM[jenis] + 1), *range(1, awal)]
    return next((n for n in urutan if n not in terbuka), None)
