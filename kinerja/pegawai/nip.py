"""NIP (Nomor Induk Pegawai) rules, DOMAIN.md §5.

Layout (Peraturan BKN No. 22 Tahun 2007 / PP 11/2017): 18 digits =
birth date YYYYMMDD · CPNS start YYYYMM · sex (1 male, 2 female) · 3-digit sequence.
Example: 19860926 201505 1 001.
"""

import datetime
from dataclasses import dataclass

PANJANG_NIP = 18


@dataclass(frozen=True)
class InfoNip:
    tanggal_lahir: datetime.date
    tahun_cpns: int
    bulan_cpns: int
    jenis_kelamin: str  # "L" or "P"
    urutan: str


def urai_nip(nip: str) -> InfoNip:
    """Parse an NIP into its parts, raising ValueError with an Indonesian message when it is invalid."""
    nip = str(nip).strip()
    if len(nip) != PANJANG_NIP or not nip.isascii() or not nip.isdigit():
        raise ValueError(f"NIP harus 18 digit angka (diterima: '{nip}', {len(nip)} karakter).")
    try:
        lahir = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValueError(f"NIP {nip}: 8 digit pertama bukan tanggal lahir yang sah (YYYYMMDD).") from None
    if lahir.year < 1900:
        raise ValueError(f"NIP {nip}: tahun lahir {lahir.year} tidak masuk akal.")
    tahun_cpns, bulan_cpns = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan_cpns <= 12:
        raise ValueError(f"NIP {nip}: digit 9–14 bukan bulan pengangkatan CPNS yang sah (YYYYMM).")
    if (tahun_cpns, bulan_cpns) <= (lahir.year, lahir.month):
        raise ValueError(f"NIP {nip}: TMT CPNS {bulan_cpns:02d}/{tahun_cpns} tidak setelah tanggal lahir.")
    kode_kelamin = nip[14]
    if kode_kelamin not in "12":
        raise ValueError(f"NIP {nip}: digit ke-15 (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan).")
    return InfoNip(
        tanggal_lahir=lahir,
        tahun_cpns=tahun_cpns,
        bulan_cpns=bulan_cpns,
        jenis_kelamin="L" if kode_kelamin == "1" else "P",
        urutan=nip[15:18],
    )


def validasi_nip(nip: str, jenis_kelamin: str | None = None, tanggal_lahir: datetime.date | None = None) -> InfoNip:
    """Parse an NIP and check it agrees with the given sex ("L"/"P") and birth date, when given."""
    info = urai_nip(nip)
    if jenis_kelamin and jenis_kelamin != info.jenis_kelamin:
        tertulis = "laki-laki" if info.jenis_kelamin == "L" else "perempuan"
        raise ValueError(f"NIP {nip} menunjukkan {tertulis}, tidak sesuai dengan jenis kelamin '{jenis_kelamin}'.")
    if tanggal_lahir and tanggal_lahir != info.tanggal_lahir:
        raise ValueError(
            f"NIP {nip} menunjukkan tanggal lahir {info.tanggal_lahir:%d/%m/%Y}, "
            f"tidak sesuai dengan tanggal lahir {tanggal_lahir:%d/%m/%Y}."
        )
    return info
