"""The daily progress log (e-Kinerja's "progres harian"): which days an ASN may still write or change, which
recent working days a supervisor checks, and the realisation narrative drafted from a period's log.

e-Kinerja (BKN) makes the daily log mandatory from 2026; we know of no regulation that fixes an edit window or a
check, so both are our choices (marked unconfirmed in the README):

- a day may be logged or changed on that day and up to HARI_KERJA_UBAH working days after it, never ahead. The
  log is the day's record, read by the supervisor and drafted into the period's realisation; writing a month of
  it on the day the realisation is due would make it a second report, not a diary. Three working days cover a
  weekend, a day in the field without a signal, or a Friday logged on Monday.
- the supervisor sees, per ASN, the last HARI_KERJA_PANTAU working days before today without any log (today is
  not over yet, so it is not counted).

Working days are Monday–Friday: the roster knows no holidays (the service calendar's holidays live in layanan,
which kinerja may not import), so a holiday shows as a day without a log. Standard library only.
"""

import datetime
from collections.abc import Iterable

HARI_KERJA_UBAH = 3
HARI_KERJA_PANTAU = 5

BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def hari_kerja(tanggal: datetime.date) -> bool:
    """Monday to Friday."""
    return tanggal.weekday() < 5


def hari_kerja_sebelum(hari_ini: datetime.date, jumlah: int) -> list[datetime.date]:
    """The `jumlah` working days before `hari_ini` (not counting it), oldest first."""
    hasil = []
    tanggal = hari_ini
    while len(hasil) < jumlah:
        tanggal -= datetime.timedelta(days=1)
        if hari_kerja(tanggal):
            hasil.append(tanggal)
    return hasil[::-1]


def tanggal_terawal(hari_ini: datetime.date) -> datetime.date:
    """The earliest day that may still be logged or changed today: HARI_KERJA_UBAH working days back."""
    return hari_kerja_sebelum(hari_ini, HARI_KERJA_UBAH)[0]


def galat_tanggal(tanggal: datetime.date, hari_ini: datetime.date) -> str | None:
    """Why a log of `tanggal` may not be written or changed on `hari_ini` (WITA), or None when it may."""
    if tanggal > hari_ini:
        return "Progres tidak dapat dicatat untuk tanggal yang belum tiba."
    if tanggal < tanggal_terawal(hari_ini):
        return (
            f"Progres hanya dapat dicatat atau diubah sampai {HARI_KERJA_UBAH} hari kerja setelah harinya "
            f"(paling awal {tanggal_pendek(tanggal_terawal(hari_ini))})."
        )
    return None


def tanggal_pendek(tanggal: datetime.date) -> str:
    """ "5 Jan 2026"."""
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


def susun_narasi(catatan: Iterable[tuple[datetime.date, str]], panjang: int) -> str:
    """The realisation narrative drafted from a period's log of one RHK: one line per entry, oldest first, "5 Jan:
    text", at most `panjang` characters. Entries that do not fit are left out and the last line says how many."""
    baris = [f"{t.day} {BULAN[t.month - 1]}: {' '.join(teks.split())}" for t, teks in sorted(catatan)]
    hasil = []
    for i, b in enumerate(baris):
        sisa = len(baris) - i
        ekor = f"(dan {sisa - 1} catatan lain di log harian)" if sisa > 1 else ""
        calon = "\n".join([*hasil, b])
        if len(calon) + (len(ekor) + 1 if ekor else 0) > panjang:
            penutup = f"(dan {sisa} catatan lain di log harian)"
            return "\n".join([*hasil, penutup]) if hasil else penutup
        hasil.append(b)
    return "\n".join(hasil)
