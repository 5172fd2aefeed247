"""Working-calendar arithmetic in WITA for service-level deadlines (DOMAIN.md §6–7).

Office hours per weekday and public holidays are data (editable in the admin); this module only does the
arithmetic on them, with plain values, so it is tested without a database.

Rules:
- An SLA in hours is that much office time, counted from the first office minute at or after reception.
- An SLA of N working days ends when office hours close on the N-th working day. The day of reception counts
  only when the request came in before that day's office hours began, so a citizen always gets N full days.
- Time the request waits on the applicant extends the deadline by the office time that passed meanwhile.
- Breaks are not service time: a day is a list of opening intervals, the break the gap between them.
- During Ramadan (date ranges entered by the administrator) the Ramadan hours apply instead.

The default hours follow Perpres 21/2023 Pasal 4: 37.5 hours a week over Monday–Friday excluding breaks, from
07.30 local time, breaks of 60 minutes (90 on Friday); in Ramadan 32.5 hours from 08.00, breaks of 30 minutes
(60 on Friday). How the hours and breaks fall in the day is the PPK's to set (unconfirmed for Gorontalo): here
7.5 hours a day, the break at midday.
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

_t = datetime.time
# Office hours used while none are configured (Perpres 21/2023 Pasal 4 ayat (1), (3), (5); the placing of the
# break is unconfirmed for Gorontalo: edit them in the admin). Monday–Thursday 07:30–12:00 and 13:00–16:00 (60
# minutes' break); Friday 07:30–11:30 and 13:00–16:30 (90 minutes, Friday prayers): 7.5 hours a day, 37.5 a week.
JAM_KERJA_BAKU: dict[int, tuple[Interval, ...]] = {
    **{hari: ((_t(7, 30), _t(12)), (_t(13), _t(16))) for hari in range(4)},
    4: ((_t(7, 30), _t(11, 30)), (_t(13), _t(16, 30))),
}
# In Ramadan (Pasal 4 ayat (2), (4), (6)): from 08:00, 6.5 hours a day, 32.5 a week. Monday–Thursday 08:00–12:00
# and 12:30–15:00 (30 minutes' break); Friday 08:00–11:30 and 12:30–15:30 (60 minutes).
JAM_KERJA_RAMADAN_BAKU: dict[int, tuple[Interval, ...]] = {
    **{hari: ((_t(8), _t(12)), (_t(12, 30), _t(15))) for hari in range(4)},
    4: ((_t(8), _t(11, 30)), (_t(12, 30), _t(15, 30))),
}
MENIT_KERJA_SEMINGGU = 37 * 60 + 30  # Pasal 4 ayat (1)
MENIT_KERJA_SEMINGGU_RAMADAN = 32 * 60 + 30  # Pasal 4 ayat (2)


def menit_seminggu(jam_kerja: Mapping[int, Iterable[Interval]]) -> int:
    """Office minutes in a week of these hours, breaks excluded: to compare with Perpres 21/2023's totals."""
    return sum(
        (tutup.hour * 60 + tutup.minute) - (buka.hour * 60 + buka.minute)
        for interval in jam_kerja.values()
        for buka, tutup in interval
        if buka < tutup
    )


@dataclass(frozen=True)
class Kalender:
    """Office hours per weekday (0 = Monday; each a list of opening intervals), the public holidays, and the
    Ramadan hours with the date ranges (first and last day, inclusive) they apply in."""

    jam_kerja: Mapping[int, Iterable[Interval]]
    hari_libur: frozenset[datetime.date] = field(default_factory=frozenset)
    jam_kerja_ramadan: Mapping[int, Iterable[Interval]] = field(default_factory=lambda: JAM_KERJA_RAMADAN_BAKU)
    masa_ramadan: tuple[tuple[datetime.date, datetime.date], ...] = ()

    def ramadan(self, tanggal: datetime.date) -> bool:
        return any(mulai <= tanggal <= selesai for mulai, selesai in self.masa_ramadan)

    def interval(self, tanggal: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """The office intervals of one date as aware WITA datetimes, earliest first; none on holidays."""
        if tanggal in self.hari_libur:
            return []
        jam = self.jam_kerja_ramadan if self.ramadan(tanggal) else self.jam_kerja
        return [
            (datetime.datetime.combine(tanggal, buka, WITA), datetime.datetime.combine(tanggal, tutup, WITA))
            for buka, tutup in sorted(jam.get(tanggal.weekday(), ()))
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
