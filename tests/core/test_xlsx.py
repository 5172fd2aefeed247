"""core.xlsx: workbooks of several sheets that Excel, LibreOffice, openpyxl and our own importer read back as
written: text as text, numbers as numbers with their format, dates as dates in WITA, headers bold and in view."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import override_settings

from core.spreadsheet import Columns, read_table
from core.spreadsheet_formats import check_archive
from core.xlsx import Column, Sheet, write_workbook

WITA = datetime.timezone(datetime.timedelta(hours=8))


def buka(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_each_sheet_gets_its_columns_rows_and_formats():
    data = write_workbook(
        [
            Sheet("Evaluasi", [Column("NIP", 21), Column("Capaian (%)", 12, "0.00")], [("198609262015051001", 88.67)]),
            Sheet("Realisasi", [Column("Target", None, "#,##0.00"), Column("Tanggal")], [(Decimal("1234.5"), None)]),
        ]
    )
    buku = buka(data)
    assert buku.sheetnames == ["Evaluasi", "Realisasi"]
    evaluasi, realisasi = buku["Evaluasi"], buku["Realisasi"]
    assert [c.value for c in evaluasi[1]] == ["NIP", "Capaian (%)"] and all(c.font.b for c in evaluasi[1])
    nip, capaian = evaluasi[2]
    assert (nip.value, nip.data_type, nip.number_format) == ("198609262015051001", "s", "@")
    assert (capaian.value, capaian.data_type, capaian.number_format) == (88.67, "n", "0.00")
    assert evaluasi.column_dimensions["A"].width == 21
    assert evaluasi.freeze_panes == "A2"
    target, kosong = realisasi[2]
    assert (target.value, target.number_format) == (1234.5, "#,##0.00") and kosong.value is None


@override_settings(TIME_ZONE="Asia/Makassar")
def test_dates_are_dates_and_aware_times_are_written_in_wita():
    saat = datetime.datetime(2026, 4, 20, 17, 30, tzinfo=datetime.UTC)  # 21 April, 01:30 in Gorontalo
    data = write_workbook(
        [
            Sheet(
                "Waktu",
                [Column("Tanggal"), Column("Saat"), Column("Dinilai", None, "dd/mm/yyyy hh:mm")],
                [(datetime.date(2026, 1, 31), saat, saat.astimezone(WITA))],
            )
        ]
    )
    tanggal, saat_sel, dinilai = buka(data)["Waktu"][2]
    assert (tanggal.value, tanggal.number_format) == (datetime.datetime(2026, 1, 31), "dd/mm/yyyy")
    assert (saat_sel.value, saat_sel.number_format) == (datetime.datetime(2026, 4, 21, 1, 30), "dd/mm/yyyy hh:mm")
    assert dinilai.value == datetime.datetime(2026, 4, 21, 1, 30)


def test_text_keeps_what_xml_can_carry_and_stays_text():
    teks = ['a & b <c> "d"', "  dua spasi di depan", "baris\nbaru", "nol\x00 dan bel\x07", "=1+1", "'=sudah"]
    data = write_workbook([Sheet("Teks", [Column(f"k{i}") for i in range(len(teks))], [teks])])
    nilai = [c.value for c in buka(data)["Teks"][2]]
    assert nilai == ['a & b <c> "d"', "  dua spasi di depan", "baris\nbaru", "nol dan bel", "'=1+1", "'=sudah"]


def test_booleans_stay_booleans():
    data = write_workbook([Sheet("Aktif", [Column("Aktif"), Column("Cuti")], [(True, False)])])
    assert [(c.value, c.data_type) for c in buka(data)["Aktif"][2]] == [(True, "b"), (False, "b")]


def test_sheet_names_are_made_acceptable_to_excel():
    data = write_workbook([Sheet("Triwulan 1/2026: [draf]?", [Column("A")], []), Sheet("x" * 40, [Column("A")], [])])
    data_ulang = write_workbook([Sheet("Sama", [Column("A")], []), Sheet("sama", [Column("A")], [])])
    assert buka(data).sheetnames == ["Triwulan 1 2026   draf", "x" * 31]
    assert buka(data_ulang).sheetnames == ["Sama", "sama 2"]


def test_rows_are_read_as_they_are_written():
    dibaca = []

    def baris():
        for i in range(3):
            dibaca.append(i)
            yield (i,)

    rows = baris()
    data = write_workbook([Sheet("Angka", [Column("N")], rows)])
    assert dibaca == [0, 1, 2] and next(rows, None) is None
    assert [r[0] for r in buka(data)["Angka"].iter_rows(min_row=2, values_only=True)] == [0, 1, 2]


@pytest.mark.parametrize("jumlah", [0, 1, 1200])
def test_our_importer_reads_the_workbook_back(jumlah):
    rows = [(f"19860926201505{i:04d}", f"Nama {i}", i) for i in range(jumlah)]
    data = write_workbook([Sheet("Pegawai", [Column("NIP"), Column("Nama"), Column("No")], rows)])
    check_archive(data)
    kolom = Columns((("nip", "NIP"), ("nama", "Nama"), ("no", "No")), ("nip",))
    tabel = read_table("ekspor.xlsx", data, limit_mb=10, columns=kolom)
    assert tabel.headers == ["NIP", "Nama", "No"]
    assert [tuple(r) for _, r in tabel.rows] == [(nip, nama, float(i)) for nip, nama, i in rows]
