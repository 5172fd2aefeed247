"""NIK (Nomor Induk Kependudukan) rules: 16 digits issued by Dukcapil (UU 24/2013, Permendagri 72/2019).

Layout: region code PPKKCC (province · kabupaten/kota · kecamatan) · birth date DDMMYY, with 40 added to the
day for women · a 4-digit sequence that is never 0000. Example: 7501044503900001 is a woman from Kabupaten
Gorontalo (75 01 04) born 5 March 1990.
"""

import datetime
from dataclasses import dataclass

PANJANG_NIK = 16

# Province codes in use (Kemendagri), including the Papua provinces created in 2022 (93–96).
KODE_PROVINSI = frozenset(
    str(kode)
    for kode in (
        *range(11, 20),
        21,
        *range(31, 37),
        *range(51, 54),
        *range(61, 66),
        *range(71, 77),
        81,
        82,
        *range(91, 97),
    )
)
TAMBAHAN_HARI_PEREMPUAN = 40


@dataclass(frozen=True)
class InfoNik:
    kode_wilayah: str  # PPKKCC
    tanggal_lahir: datetime.date
    jenis_kelamin: str  # "L" or "P"
    nomor_urut: str


def urai_nik(nik: str, *, hari_ini: datetime.date | None = None) -> InfoNik:
    """Parse a NIK, raising ValueError with an Indonesian message when it cannot be a real one.

    Whitespace is ignored (people copy it grouped); anything else that is not a digit is refused, because a
    NIK that went through a spreadsheet as a number (7.50104E+15) has lost digits and must not be guessed.
    The two-digit year is read as the latest year not after hari_ini.
    """
    nik = "".join(str(nik).split())
    if len(nik) != PANJANG_NIK or not nik.isascii() or not nik.isdigit():
        raise ValueError(f"NIK harus 16 digit angka (diterima {len(nik)} karakter).")
    provinsi, kabupaten, kecamatan = nik[0:2], nik[2:4], nik[4:6]
    if provinsi not in KODE_PROVINSI:
        raise ValueError(f"NIK: kode provinsi {provinsi} (digit 1–2) tidak dikenal.")
    if kabupaten == "00":
        raise ValueError("NIK: kode kabupaten/kota (digit 3–4) tidak boleh 00.")
    if kecamatan == "00":
        raise ValueError("NIK: kode kecamatan (digit 5–6) tidak boleh 00.")
    hari, bulan, tahun_2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    jenis_kelamin = "P" if hari > TAMBAHAN_HARI_PEREMPUAN else "L"
    if jenis_kelamin == "P":
        hari -= TAMBAHAN_HARI_PEREMPUAN
    hari_ini = hari_ini or datetime.date.today()
    abad = 2000 if 2000 + tahun_2 <= hari_ini.year else 1900
    try:
        lahir = datetime.date(abad + tahun_2, bulan, hari)
    except ValueError:
        raise ValueError(
            "NIK: digit 7–12 bukan tanggal lahir yang sah (DDMMYY; untuk perempuan tanggal ditambah 40)."
        ) from None
    if lahir > hari_ini:
        raise ValueError(f"NIK: tanggal lahir {lahir:%d/%m/%Y} belum terjadi.")
    if nik[12:] == "0000":
        raise ValueError("NIK: nomor urut (digit 13–16) tidak boleh 0000.")
    return InfoNik(kode_wilayah=nik[:6], tanggal_lahir=lahir, jenis_kelamin=jenis_kelamin, nomor_urut=nik[12:])


def normalisasi_nik(nik: str, *, hari_ini: datetime.date | None = None) -> str:
    """The NIK as 16 digits after validation (whitespace removed); ValueError when it is invalid."""
    urai_nik(nik, hari_ini=hari_ini)
    return "".join(str(nik).split())


def samarkan_nik(nik: str) -> str:
    """A NIK with all but its last four digits hidden, for lists others may see."""
    nik = str(nik or "")
    return "•" * (len(nik) - 4) + nik[-4:] if len(nik) > 4 else nik
