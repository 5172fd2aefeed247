"""The one reader of every import (core.spreadsheet.read_table): header rows under titles, the sheet whose header
matches, the formats calamine reads, CSV in the encodings Excel writes, formatted and hidden rows."""

import io

import openpyxl
import pytest

from core.spreadsheet import HEADER_SEARCH_ROWS, Columns, FileRefused, read_table
from tests.berkas_kantor import BARIS_TERSEMBUNYI, JUDUL_BARIS, NAMA, csv_kantor, fixture, xlsx_kantor

KOLOM = Columns((("nip", "NIP"), ("nama", "Nama"), ("jp", "JP")), ("nip", "jp"), {"Jam Pelajaran": "jp"})


def buku(*lembar):
    """XLSX bytes with one sheet per (name, rows)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for nama, rows in lembar:
        ws = wb.create_sheet(nama)
        for r in rows:
            ws.append(r)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def baca(data, nama="b.xlsx", **kwargs):
    return read_table(nama, data, limit_mb=5, columns=KOLOM, **kwargs)


def nama_di(tabel):
    return [r[tabel.positions["nama"]] for _, r in tabel.rows]


DATA = [["NIP", "Nama", "JP"], ["198001012005011001", "Ani", 20], ["198001012005011002", "Budi", 24]]


@pytest.mark.parametrize("di_atas", [[], [["REKAP JP 2026"]], [["REKAP JP 2026"], [], ["Keadaan 31/12"], []]])
def test_the_header_row_is_found_whatever_stands_above_it(di_atas):
    tabel = baca(buku(("Data", [*di_atas, *DATA])))
    judul = len(di_atas) + 1
    assert (tabel.header_row, tabel.found, tabel.errors) == (judul, True, [])
    assert [n for n, _ in tabel.rows] == [judul + 1, judul + 2]
    assert tabel.positions == {"nip": 0, "nama": 1, "jp": 2}


def test_headers_match_ignoring_case_spacing_punctuation_and_by_alias():
    tabel = baca(buku(("Data", [["n.i.p", "NAMA ", "jam  pelajaran"], ["198001012005011001", "Ani", 20]])))
    assert tabel.positions == {"nip": 0, "nama": 1, "jp": 2} and not tabel.errors


def test_a_header_below_the_searched_rows_is_not_taken_and_the_errors_name_the_closest_row():
    rows = [["catatan"]] * HEADER_SEARCH_ROWS + DATA
    tabel = baca(buku(("Data", rows)))
    assert not tabel.found and tabel.header_row == 1
    assert [(g.row, g.column) for g in tabel.errors] == [(1, "NIP"), (1, "JP")]
    tabel = baca(buku(("Data", [["Judul"], ["NIP", "Nama", "Jumlah"], ["1", "A", 3]])))
    assert [(g.row, g.column, g.message) for g in tabel.errors] == [
        (2, "JP", "Kolom wajib 'JP' tidak ada di baris judul.")
    ]


def test_the_data_sheet_after_an_instructions_sheet_is_read():
    tabel = baca(buku(("Petunjuk", [["Isi lembar Data"], ["NIP", "18 digit"]]), ("Data", DATA)))
    assert (tabel.sheet, tabel.sheets, tabel.matching) == ("Data", ["Petunjuk", "Data"], ["Data"])
    assert len(tabel.rows) == 2


def test_of_several_matching_sheets_the_first_is_read_unless_another_is_chosen():
    data = buku(("Januari", DATA), ("Februari", [*DATA, ["198001012005011003", "Citra", 30]]))
    tabel = baca(data)
    assert (tabel.sheet, tabel.matching, len(tabel.rows)) == ("Januari", ["Januari", "Februari"], 2)
    tabel = baca(data, sheet="Februari")
    assert (tabel.sheet, len(tabel.rows)) == ("Februari", 3)
    with pytest.raises(FileRefused, match="Lembar 'Maret' tidak ada di berkas ini"):
        baca(data, sheet="Maret")


def test_when_no_sheet_matches_the_closest_is_read_and_an_empty_one_chosen_says_so():
    data = buku(("Kosong", []), ("Hampir", [["NIP", "Nama"], ["1", "A"]]))
    tabel = baca(data)
    assert (tabel.sheet, tabel.matching, tabel.found) == ("Hampir", [], False)
    assert [g.column for g in tabel.errors] == ["JP"]
    kosong = baca(data, sheet="Kosong")
    assert [g.message for g in kosong.errors] == ["Lembar 'Kosong' kosong; pilih lembar lain."]
    with pytest.raises(FileRefused, match="Berkas kosong: tidak ada baris judul kolom"):
        baca(buku(("A", []), ("B", [[None, ""]])))


def test_formatted_rows_and_a_running_number_alone_end_the_table_without_errors():
    tabel = read_table("k.xlsx", xlsx_kantor("pelatihan"), limit_mb=5, columns=KOLOM)
    assert [n for n, _ in tabel.rows] == [JUDUL_BARIS + 1, JUDUL_BARIS + 2, JUDUL_BARIS + 3]


@pytest.mark.parametrize(
    ("nama", "data", "tersembunyi"),
    [
        ("k.xlsx", xlsx_kantor("pelatihan"), ([BARIS_TERSEMBUNYI], ["Nama"])),
        ("k.ods", fixture("pelatihan_kantor.ods"), ([BARIS_TERSEMBUNYI], ["Nama"])),
        ("k.xls", fixture("pelatihan_kantor.xls"), (None, None)),  # .xls does not say what it hides
    ],
)
def test_hidden_rows_and_columns_are_read_like_others_and_reported_where_the_format_says(nama, data, tersembunyi):
    tabel = baca(data, nama)
    assert (tabel.sheet, tabel.header_row, len(tabel.rows)) == ("Data", JUDUL_BARIS, 3)
    assert nama_di(tabel) == NAMA
    assert (tabel.hidden_rows, tabel.hidden_columns) == tersembunyi


@pytest.mark.parametrize(("enkoding", "label"), [("cp1252", "Windows-1252 (ANSI)"), ("mac_roman", "Mac Roman")])
def test_a_csv_in_an_encoding_excel_writes_is_detected_with_a_sample_to_check(enkoding, label):
    tabel = baca(csv_kantor("pelatihan", enkoding), "k.csv")
    assert (tabel.encoding, tabel.describe()["label_enkoding"], tabel.sample) == (enkoding, label, NAMA)
    assert nama_di(tabel) == NAMA and tabel.header_row == JUDUL_BARIS


def test_a_utf8_csv_needs_no_sample_and_the_preview_encoding_is_kept_for_the_confirmation():
    tabel = baca(csv_kantor("pelatihan", "utf-8"), "k.csv")
    assert (tabel.encoding, tabel.sample) == ("utf_8", [])
    # Read again with the encoding the preview found, the same bytes give the same text.
    assert nama_di(baca(csv_kantor("pelatihan"), "k.csv", encoding="cp1252")) == NAMA


@pytest.mark.parametrize("pemisah", [";", ","])
def test_the_csv_separator_is_the_one_under_which_the_header_is_found(pemisah):
    tabel = baca(csv_kantor("pelatihan", "utf-8", pemisah), "k.csv")
    assert tabel.found and len(tabel.rows) == 3


def test_a_csv_with_an_unclosed_quote_gets_a_message():
    data = b'NIP;Nama;JP\n1;"Ani' + b"x" * 200_000 + b"\n"
    with pytest.raises(FileRefused, match="tanda kutip"):
        baca(data, "k.csv")
