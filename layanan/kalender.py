"""Working-calendar arithmetic in WITA for service-level deadlines (DOMAIN.md §6–7).

Office hours per weekday and public holidays are data (editable in the admin); this module only does the
arithmetic on them, with plain values, so it is tested without a database.

Rules:
- An SLA in hours is that much office time, counted from the first office minute at or after reception.
- An SLA of N working days ends when office hours close on the N-th working day. The day of reception counts
  only when the request came in before that day's office hours began, so a citizen always gets N full days.
- Time the request waits on the applicant extends the deadline by the office time that passed meanwhile.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")
HARI = "HARI"
JAM = "JAM"
# A calendar with no office hours in ten years is misconfigured; stop looking rather than loop forever.
BATAS_PENCARIAN_HARI = 3660

Interval = tuple[datetime.time, datetime.time]

# Office hours used while none are configured (unconfirmed for Gorontalo; edit them in the admin):
# Monday–Thursday 08:00–16:00; Friday 08:00–11:30 and 13:30–16:00, leaving Friday prayers out of SLA time.
JAM_KERJA_BAKU: dict[int, tuple[Interval, ...]] = {
    **{hari: ((datetime.time(8), datetime.time(16)),) for hari in range(4)},
    4: ((datetime.time(8), datetime.time(11, 30)), (datetime.time(13, 30), datetime.time(16))),
}


@dataclass(frozen=True)
class Kalender:
    """Office hours per weekday (0 = Monday; each a list of opening intervals) and the public holidays."""

    jam_kerja: Mapping[int, Iterable[Interval]]
    hari_libur: frozenset[datetime.date] = field(default_factory=frozenset)

    def interval(self, tanggal: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """The office intervals of one date as aware WITA datetimes, earliest first; none on holidays."""
        if tanggal in self.hari_libur:
            return []
        return [
            (datetime.datetime.combine(tanggal, buka, WITA), datetime.datetime.combine(tanggal, tutup, WITA))
            for buka, tutup in sorted(self.jam_kerja.get(tanggal.weekday(), ()))
            if buka < tutup
        ]

    def _hari_sejak(self, tanggal: datetime.date):
        for selisih in range(BATAS_PENCARIAN_HARI):
            yield tanggal + datetime.timedelta(days=selisih)
        raise ValueError("Kalender kerja tidak memiliki jam kerja: atur jam layanan di halaman admin.")

    def tambah_waktu_kerja(self, mulai: datetime.datetime, durasi: datetime.timedelta) -> datetime.datetime:
        """The instant when `durasi` of office time has passed since `mulai`."""
        sekarang = mulai.astimezone(WITA)
        if durasi <= datetime.timedelta(0):
            return sekarang
        sisa = durasi
        for tanggal in self._hari_sejak(sekarang.date()):
            for buka, tutup in self.interval(tanggal):
                awal = max(buka, sekarang)
                if awal >= tutup:
                    continue
                if sisa <= tutup - awal:
                    return awal + sisa
                sisa -= tutup - awal
        raise AssertionError("tidak tercapai")  # _hari_sejak raises first

    def durasi_kerja(self, mulai: datetime.datetime, selesai: datetime.datetime) -> datetime.timedelta:
        """Office time between two instants (zero when selesai is not after mulai)."""
        mulai, selesai = mulai.astimezone(WITA), selesai.astimezone(WITA)
        total = datetime.timedelta(0)
        tanggal = mulai.date()
        while tanggal <= selesai.date():
            for buka, tutup in self.interval(tanggal):
                total += max(datetime.timedelta(0), min(tutup, selesai) - max(buka, mulai))
            tanggal += datetime.timedelta(days=1)
        return total

    def akhir_hari_kerja_ke(self, mulai: datetime.datetime, jumlah_hari: int) -> datetime.datetime:
        """Closing time of the jumlah_hari-th working day after reception (see the module's rules)."""
        if jumlah_hari < 1:
            raise ValueError("Jumlah hari kerja harus paling sedikit 1.")
        mulai = mulai.astimezone(WITA)
        hitungan = 0
        for tanggal in self._hari_sejak(mulai.date()):
            interval = self.interval(tanggal)
            if not interval or (tanggal == mulai.date() and mulai > interval[0][0]):
                continue
            hitungan += 1
            if hitungan == jumlah_hari:
                return interval[-1][1]
        raise AssertionError("tidak tercapai")

    def batas_waktu(
        self,
        diterima: datetime.datetime,
        jumlah: int,
        satuan: str,
        jeda: Iterable[tuple[datetime.datetime, datetime.datetime]] = (),
    ) -> datetime.datetime:
        """The deadline of a request: its SLA (jumlah HARI or JAM) from reception, extended by closed pauses."""
        if satuan == JAM:
            if jumlah < 1:
                raise ValueError("Jumlah jam kerja harus paling sedikit 1.")
            dasar = self.tambah_waktu_kerja(diterima, datetime.timedelta(hours=jumlah))
        elif satuan == HARI:
            dasar = self.akhir_hari_kerja_ke(diterima, jumlah)
        else:
            raise ValueError(f"Satuan SLA harus {HARI} atau {JAM}, diterima {satuan!r}.")
        tertunda = sum((self.durasi_kerja(a, b) for a, b in jeda), datetime.timedelta(0))
        return self.tambah_waktu_kerja(dasar, tertunda)
