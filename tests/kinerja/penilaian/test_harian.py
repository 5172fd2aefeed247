"""kinerja.penilaian.harian: the daily log's window of days, the working days a supervisor checks, and the
narrative drafted from a period's log. No regulation fixes the window or the check (e-Kinerja makes the daily log
mandatory from 2026; the module's docstring gives our reasons), so the tables cite the module."""

import datetime

import pytest

from kinerja.penilaian import harian

D = datetime.date
# Sunday 6 December 2026; the working days before it: Fri 4, Thu 3, Wed 2, Tue 1 Dec, Mon 30 Nov.
MINGGU = D(2026, 12, 6)
SENIN = D(2026, 12, 7)


@pytest.mark.parametrize(
    ("hari_ini", "jumlah", "hasil"),
    [
        (SENIN, 1, [D(2026, 12, 4)]),  # Monday: the last working day before is Friday
        (MINGGU, 3, [D(2026, 12, 2), D(2026, 12, 3), D(2026, 12, 4)]),
        (D(2026, 12, 9), 5, [D(2026, 12, 2), D(2026, 12, 3), D(2026, 12, 4), D(2026, 12, 7), D(2026, 12, 8)]),
        (D(2027, 1, 1), 2, [D(2026, 12, 30), D(2026, 12, 31)]),  # across the year
    ],
)
def test_working_days_before_today_skip_weekends_and_not_today(hari_ini, jumlah, hasil):
    assert harian.hari_kerja_sebelum(hari_ini, jumlah) == hasil


@pytest.mark.parametrize(
    ("hari_ini", "tanggal", "boleh"),
    [
        (SENIN, SENIN, True),  # today
        (SENIN, D(2026, 12, 6), True),  # a Sunday worked
        (SENIN, D(2026, 12, 2), True),  # three working days back: Fri 4, Thu 3, Wed 2
        (SENIN, D(2026, 12, 1), False),  # four working days back
        (SENIN, D(2026, 12, 8), False),  # tomorrow
        (MINGGU, D(2026, 12, 2), True),
        (MINGGU, D(2026, 12, 1), False),
    ],
)
def test_a_day_may_be_logged_until_three_working_days_after_it_and_never_ahead(hari_ini, tanggal, boleh):
    assert (harian.galat_tanggal(tanggal, hari_ini) is None) == boleh


def test_the_refusals_say_why_in_indonesian():
    assert harian.galat_tanggal(D(2026, 12, 8), SENIN) == "Progres tidak dapat dicatat untuk tanggal yang belum tiba."
    assert harian.galat_tanggal(D(2026, 11, 30), SENIN) == (
        "Progres hanya dapat dicatat atau diubah sampai 3 hari kerja setelah harinya (paling awal 2 Des 2026)."
    )


def test_the_narrative_lists_the_entries_oldest_first_on_one_line_each():
    catatan = [(D(2026, 2, 3), "Rapat  koordinasi\ndan notula"), (D(2026, 1, 15), "Merekap data")]
    assert harian.susun_narasi(catatan, 2000) == "15 Jan: Merekap data\n3 Feb: Rapat koordinasi dan notula"


@pytest.mark.parametrize(
    ("panjang", "hasil"),
    [
        (200, "1 Mar: aaaaaaaaaa\n2 Mar: bbbbbbbbbb\n3 Mar: cccccccccc"),
        # Too long for all three: what fits, and how many were left out, within the limit.
        (60, "1 Mar: aaaaaaaaaa\n(dan 2 catatan lain di log harian)"),
        (40, "(dan 3 catatan lain di log harian)"),
    ],
)
def test_a_long_log_is_cut_to_the_narratives_limit_and_says_so(panjang, hasil):
    catatan = [(D(2026, 3, i), c * 10) for i, c in ((1, "a"), (2, "b"), (3, "c"))]
    teks = harian.susun_narasi(catatan, panjang)
    assert teks == hasil and len(teks) <= panjang
