"""kinerja.penilaian.periode: the periods of a year (PermenPANRB 6/2022, DOMAIN.md §1: evaluations monthly,
quarterly or per semester, and annual), named as officials write them, with their dates and default deadlines."""

import datetime

import pytest

from kinerja.penilaian.periode import nama_periode, nomor_usulan, rencana_periode, tambah_hari_kerja

D = datetime.date


@pytest.mark.parametrize(
    ("jenis", "nomor", "nama"),
    [
        ("BULANAN", 1, "Bulan Januari 2026"),
        ("BULANAN", 3, "Bulan Maret 2026"),
        ("BULANAN", 8, "Bulan Agustus 2026"),
        ("BULANAN", 12, "Bulan Desember 2026"),
        ("TRIWULANAN", 1, "Triwulan I 2026"),
        ("TRIWULANAN", 2, "Triwulan II 2026"),
        ("TRIWULANAN", 3, "Triwulan III 2026"),
        ("TRIWULANAN", 4, "Triwulan IV 2026"),
        ("SEMESTERAN", 1, "Semester I 2026"),
        ("SEMESTERAN", 2, "Semester II 2026"),
        ("TAHUNAN", 1, "Tahunan 2026"),
    ],
)
def test_periods_are_named_as_officials_write_them(jenis, nomor, nama):
    assert nama_periode(jenis, nomor, 2026) == nama
    assert rencana_periode(jenis, nomor, 2026).nama == nama


@pytest.mark.parametrize(
    ("jenis", "nomor", "pesan"),
    [
        ("TRIWULANAN", 5, "Nomor periode triwulanan harus 1–4."),
        ("BULANAN", 0, "Nomor periode bulanan harus 1–12."),
        ("SEMESTERAN", 3, "Nomor periode semesteran harus 1–2."),
        ("TAHUNAN", 2, "Nomor periode tahunan harus 1–1."),
        ("MINGGUAN", 1, "Jenis periode 'MINGGUAN' tidak dikenal"),
    ],
)
def test_a_number_the_kind_does_not_have_is_refused(jenis, nomor, pesan):
    with pytest.raises(ValueError, match=pesan):
        nama_periode(jenis, nomor, 2026)
    with pytest.raises(ValueError, match=pesan):
        rencana_periode(jenis, nomor, 2026)


# Deadlines: 5 and 10 working days (Monday–Friday) after the last day.
@pytest.mark.parametrize(
    ("jenis", "nomor", "tahun", "tanggal"),
    [
        ("BULANAN", 2, 2026, (D(2026, 2, 1), D(2026, 2, 28), D(2026, 3, 6), D(2026, 3, 13))),  # ends on a Saturday
        ("BULANAN", 2, 2028, (D(2028, 2, 1), D(2028, 2, 29), D(2028, 3, 7), D(2028, 3, 14))),  # leap year
        ("BULANAN", 12, 2026, (D(2026, 12, 1), D(2026, 12, 31), D(2027, 1, 7), D(2027, 1, 14))),
        ("TRIWULANAN", 1, 2026, (D(2026, 1, 1), D(2026, 3, 31), D(2026, 4, 7), D(2026, 4, 14))),
        ("TRIWULANAN", 2, 2026, (D(2026, 4, 1), D(2026, 6, 30), D(2026, 7, 7), D(2026, 7, 14))),
        ("TRIWULANAN", 4, 2026, (D(2026, 10, 1), D(2026, 12, 31), D(2027, 1, 7), D(2027, 1, 14))),
        ("SEMESTERAN", 1, 2026, (D(2026, 1, 1), D(2026, 6, 30), D(2026, 7, 7), D(2026, 7, 14))),
        ("SEMESTERAN", 2, 2026, (D(2026, 7, 1), D(2026, 12, 31), D(2027, 1, 7), D(2027, 1, 14))),
        ("TAHUNAN", 1, 2025, (D(2025, 1, 1), D(2025, 12, 31), D(2026, 1, 7), D(2026, 1, 14))),
    ],
)
def test_a_period_runs_over_its_months_and_its_deadlines_follow_in_working_days(jenis, nomor, tahun, tanggal):
    r = rencana_periode(jenis, nomor, tahun)
    assert (r.mulai, r.selesai, r.batas_pengisian, r.batas_penilaian) == tanggal


@pytest.mark.parametrize(
    ("tanggal", "n", "hasil"),
    [
        (D(2026, 3, 31), 5, D(2026, 4, 7)),  # Tuesday → the next Tuesday
        (D(2026, 2, 27), 1, D(2026, 3, 2)),  # Friday → Monday
        (D(2026, 2, 28), 1, D(2026, 3, 2)),  # Saturday → Monday
        (D(2026, 2, 28), 0, D(2026, 2, 28)),
    ],
)
def test_working_days_skip_the_weekend(tanggal, n, hasil):
    assert tambah_hari_kerja(tanggal, n) == hasil


# Today is 15 May 2026 (WITA): the second quarter, the fifth month, the first semester.
HARI_INI = D(2026, 5, 15)


@pytest.mark.parametrize(
    ("jenis", "tahun", "terbuka", "nomor"),
    [
        ("TRIWULANAN", 2026, set(), 2),  # the quarter that holds today
        ("TRIWULANAN", 2026, {1}, 2),
        ("TRIWULANAN", 2026, {1, 2}, 3),  # the current one is open: the next
        ("TRIWULANAN", 2026, {2, 3, 4}, 1),  # none after it left: the one forgotten before
        ("TRIWULANAN", 2026, {1, 2, 3, 4}, None),
        ("BULANAN", 2026, {1, 2, 3, 4}, 5),
        ("SEMESTERAN", 2026, set(), 1),
        ("TAHUNAN", 2026, set(), 1),
        ("TAHUNAN", 2026, {1}, None),
        ("TRIWULANAN", 2027, set(), 1),  # another year: from its first period
        ("TRIWULANAN", 2025, {1, 2}, 3),
    ],
)
def test_the_suggested_number_is_the_current_period_then_the_next_not_yet_opened(jenis, tahun, terbuka, nomor):
    assert nomor_usulan(jenis, tahun, HARI_INI, terbuka) == nomor
