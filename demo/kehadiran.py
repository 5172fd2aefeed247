"""Demo attendance for the reward and punishment rules (evaluasi), and example TPP bases."""

import datetime
import random

from .penilaian import UKURAN_POOL
from .roster import ORANG_TETAP, PEGAWAI, SEED_BAKU, Roster

TAHUN_KEHADIRAN = 2025
HARI_KERJA_DEMO = {1: 21, 2: 19, 3: 19}  # Triwulan I 2025, after national holidays
# The demo Pegawai misses 4 working days without leave in the quarter, so the default PP 94/2021 rules
# propose a written reprimand that the demo shows approved.
TANPA_KETERANGAN_PEGAWAI = {1: 1, 2: 2, 3: 1}
# One staff member is absent from 24 February to 7 March: 4 working days closing February and 6 opening March,
# never 10 in one month, so only the run carried across months proposes PDHTAPS (PP 94/2021 Pasal 11 ayat (2)
# huruf d angka 4), with salary stopping from April (Pasal 15 ayat (2)): an administrator decides the proposal.
RANGKAIAN_LINTAS_BULAN = {2: {"tanpa_keterangan_akhir": 4}, 3: {"tanpa_keterangan_awal": 6}}
TANPA_KETERANGAN_LINTAS_BULAN = {1: 0, 2: 4, 3: 6}
# Example monthly TPP bases per kelas jabatan (1–17) for the demo's year: placeholders, not Gorontalo's
# (unconfirmed) Pergub figures.
BESARAN_TPP_CONTOH = {
    kelas: besaran
    for kelas, besaran in zip(
        range(1, 18),
        (
            1_750_000,
            1_900_000,
            2_050_000,
            2_250_000,
            2_500_000,
            2_750_000,
            3_000_000,
            3_500_000,
            4_000_000,
            4_750_000,
            5_500_000,
            6_500_000,
            8_000_000,
            10_000_000,
            12_500_000,
            16_000_000,
            20_000_000,
        ),
        strict=True,
    )
}


KOLOM_KEHADIRAN = (
    "hari_kerja",
    "hadir",
    "cuti",
    "sakit",
    "tanpa_keterangan",
    "tanpa_keterangan_berturut",
    "terlambat_1_30",
    "terlambat_31_60",
    "terlambat_61_90",
    "menit_terlambat",
)


def _tanpa_keterangan(rng: random.Random) -> int:
    return rng.choices((0, 1, 2), weights=(94, 5, 1))[0]


def _cuti_sakit_terlambat(rng: random.Random) -> tuple[int, ...]:
    cuti = rng.choices((0, 1, 2), weights=(85, 10, 5))[0]
    sakit = rng.choices((0, 1), weights=(90, 10))[0]
    t1 = rng.choices((0, 1, 2, 3), weights=(55, 25, 12, 8))[0]
    t2 = rng.choices((0, 1), weights=(88, 12))[0]
    t3 = rng.choices((0, 1), weights=(96, 4))[0]
    return cuti, sakit, t1, t2, t3


def angka_kehadiran(hari: int, tk: int, cuti: int, sakit: int, t1: int, t2: int, t3: int) -> tuple[int, ...]:
    """One month's figures in KOLOM_KEHADIRAN order."""
    return (hari, hari - tk - cuti - sakit, cuti, sakit, tk, min(tk, 1), t1, t2, t3, t1 * 12 + t2 * 44 + t3 * 75)


def kehadiran_demo(roster: Roster, seed: int = SEED_BAKU) -> list[tuple[str, int, dict]]:
    """Monthly attendance for Triwulan I 2025 of every ASN: (nip, month, figures), the same for the same seed.

    Mostly full attendance with some late arrivals; a few unexcused days here and there; and one run of absence
    across February and March (pegawai_lintas_bulan).
    """
    rng = random.Random(seed * 7 + 1)
    lintas = pegawai_lintas_bulan(roster)
    hasil = []
    for o in roster.orang:
        for bulan, hari in HARI_KERJA_DEMO.items():
            tk = TANPA_KETERANGAN_PEGAWAI[bulan] if o.nip == PEGAWAI.nip else _tanpa_keterangan(rng)
            acak = _cuti_sakit_terlambat(rng)
            if o.nip == lintas:
                tk = TANPA_KETERANGAN_LINTAS_BULAN[bulan]
                acak = (0, 0, *acak[2:])  # no leave on the same days
            nilai = dict(zip(KOLOM_KEHADIRAN, angka_kehadiran(hari, tk, *acak), strict=True))
            if o.nip == lintas:
                nilai.update(tanpa_keterangan_berturut=tk, **RANGKAIAN_LINTAS_BULAN.get(bulan, {}))
            hasil.append((o.nip, bulan, nilai))
    return hasil


def pegawai_lintas_bulan(roster: Roster) -> str:
    """The NIP of the staff member absent across the February–March boundary: the last one not among the fixed
    demo logins."""
    tetap = {o.nip for o in ORANG_TETAP}
    return next(o.nip for o in reversed(roster.orang) if o.nip not in tetap)


def pool_kehadiran(rng: random.Random, ukuran: int = UKURAN_POOL) -> list[tuple[int, ...]]:
    """Monthly (tanpa keterangan, cuti, sakit, terlambat…) draws with the demo's weights."""
    return [(_tanpa_keterangan(rng), *_cuti_sakit_terlambat(rng)) for _ in range(ukuran)]


def hari_kerja(tahun: int, bulan: int) -> int:
    """Monday-to-Friday days of a month (national holidays vary by year and are left out)."""
    hari = datetime.date(tahun, bulan, 1)
    jumlah = 0
    while hari.month == bulan:
        jumlah += hari.weekday() < 5
        hari += datetime.timedelta(days=1)
    return jumlah


def bulan_di_antara(mulai: datetime.date, sebelum: datetime.date) -> list[tuple[int, int]]:
    """(year, month) from `mulai`'s month up to the month before `sebelum`'s."""
    hasil, t, b = [], mulai.year, mulai.month
    while (t, b) < (sebelum.year, sebelum.month):
        hasil.append((t, b))
        t, b = (t + 1, 1) if b == 12 else (t, b + 1)
    return hasil
