"""Working-calendar arithmetic for SLA deadlines: weekends, holidays, split Friday hours and paused time.

The calendar below: Monday–Thursday 08:00–16:00; Friday 08:00–11:30 and 13:30–16:30 (Friday prayers);
holidays 31 March and 1 April 2025 (Idul Fitri) and 18 April 2025. 3 March 2025 is a Monday. All times WITA.
"""

import datetime

import pytest

from layanan.kalender import HARI, JAM, WITA, Kalender

t = datetime.time
KALENDER = Kalender(
    jam_kerja={
        **{hari: [(t(8), t(16))] for hari in range(4)},
        4: [(t(13, 30), t(16, 30)), (t(8), t(11, 30))],  # unsorted on purpose
    },
    hari_libur=frozenset({datetime.date(2025, 3, 31), datetime.date(2025, 4, 1), datetime.date(2025, 4, 18)}),
)


def w(teks: str) -> datetime.datetime:
    """'03-03 09:00' → 3 March 2025 09:00 WITA."""
    return datetime.datetime.strptime(f"2025-{teks}", "%Y-%m-%d %H:%M").replace(tzinfo=WITA)


@pytest.mark.parametrize(
    "mulai, jam, batas",
    [
        ("03-03 09:00", 4, "03-03 13:00"),  # within one day
        ("03-03 12:00", 4, "03-03 16:00"),  # ends exactly at closing, not the next morning
        ("03-03 14:00", 4, "03-04 10:00"),  # overnight
        ("03-03 07:00", 1, "03-03 09:00"),  # before opening: the clock starts at 08:00
        ("03-06 15:00", 3, "03-07 10:00"),  # Thursday into Friday
        ("03-07 10:30", 3, "03-07 15:30"),  # across the Friday prayer break
        ("03-07 11:30", 1, "03-07 14:30"),  # starting exactly at the break
        ("03-07 16:00", 2, "03-10 09:30"),  # over the weekend
        ("03-08 10:00", 1, "03-10 09:00"),  # received on Saturday
        ("03-28 15:00", 8, "04-02 14:30"),  # over a weekend and two holidays
    ],
)
def test_sla_in_working_hours(mulai, jam, batas):
    assert KALENDER.batas_waktu(w(mulai), jam, JAM) == w(batas)


@pytest.mark.parametrize(
    "mulai, hari, batas",
    [
        ("03-03 07:30", 1, "03-03 16:00"),  # before opening: the day of reception counts
        ("03-03 08:00", 1, "03-03 16:00"),  # at opening too
        ("03-03 09:00", 1, "03-04 16:00"),  # during the day: counting starts tomorrow
        ("03-03 16:30", 1, "03-04 16:00"),  # after closing
        ("03-06 09:00", 1, "03-07 16:30"),  # Friday closes later
        ("03-07 09:00", 1, "03-10 16:00"),  # over the weekend
        ("03-08 09:00", 1, "03-10 16:00"),  # received on Saturday
        ("03-03 08:00", 5, "03-07 16:30"),  # a working week
        ("03-27 10:00", 3, "04-03 16:00"),  # Fri 28, (Mon 31, Tue 1 holidays), Wed 2, Thu 3
    ],
)
def test_sla_in_working_days(mulai, hari, batas):
    assert KALENDER.batas_waktu(w(mulai), hari, HARI) == w(batas)


@pytest.mark.parametrize(
    "mulai, selesai, jam",
    [
        ("03-03 10:00", "03-03 12:00", 2),
        ("03-03 15:00", "03-04 09:00", 2),  # the night does not count
        ("03-07 11:00", "03-07 14:00", 1),  # nor the Friday break
        ("03-07 16:00", "03-10 08:30", 1),  # nor the weekend
        ("03-08 09:00", "03-09 17:00", 0),  # weekend only
        ("03-28 16:00", "04-02 09:00", 1.5),  # nor holidays
        ("03-03 12:00", "03-03 10:00", 0),  # reversed
    ],
)
def test_working_time_between_two_instants(mulai, selesai, jam):
    assert KALENDER.durasi_kerja(w(mulai), w(selesai)) == datetime.timedelta(hours=jam)


@pytest.mark.parametrize(
    "mulai, jumlah, satuan, jeda, batas",
    [
        ("03-03 08:00", 4, JAM, [("03-03 09:00", "03-03 10:30")], "03-03 13:30"),
        ("03-07 15:30", 2, JAM, [("03-07 16:00", "03-10 09:00")], "03-10 10:30"),  # pause over the weekend
        ("03-03 09:00", 4, JAM, [("03-08 08:00", "03-09 18:00")], "03-03 13:00"),  # weekend-only pause: no change
        ("03-03 09:00", 1, HARI, [("03-03 10:00", "03-05 10:00")], "03-06 16:00"),  # 16 office hours paused
        (
            "03-03 09:00",
            4,
            JAM,
            [("03-03 10:00", "03-03 11:00"), ("03-03 12:00", "03-03 13:00")],
            "03-03 15:00",
        ),  # two pauses add up
        ("03-27 10:00", 1, HARI, [("03-28 15:00", "04-02 09:00")], "04-02 10:30"),  # holidays inside a pause
    ],
)
def test_pauses_waiting_for_the_applicant_extend_the_deadline(mulai, jumlah, satuan, jeda, batas):
    pauses = [(w(a), w(b)) for a, b in jeda]
    assert KALENDER.batas_waktu(w(mulai), jumlah, satuan, pauses) == w(batas)


def test_it_accepts_any_time_zone_and_answers_in_wita():
    utc = datetime.datetime(2025, 3, 3, 1, 0, tzinfo=datetime.UTC)  # 09:00 WITA
    batas = KALENDER.batas_waktu(utc, 4, JAM)
    assert batas == w("03-03 13:00")
    assert batas.utcoffset() == datetime.timedelta(hours=8)


@pytest.mark.parametrize(
    "jumlah, satuan, pesan",
    [(0, JAM, "paling sedikit 1"), (0, HARI, "paling sedikit 1"), (1, "MENIT", "Satuan SLA")],
)
def test_it_refuses_a_meaningless_sla(jumlah, satuan, pesan):
    with pytest.raises(ValueError, match=pesan):
        KALENDER.batas_waktu(w("03-03 09:00"), jumlah, satuan)


def test_a_calendar_without_office_hours_is_reported_not_looped():
    with pytest.raises(ValueError, match="tidak memiliki jam kerja"):
        Kalender(jam_kerja={}).batas_waktu(w("03-03 09:00"), 1, JAM)
