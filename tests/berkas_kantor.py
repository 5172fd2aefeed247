"""Spreadsheets as offices keep them, for the roster, attendance and training-hours imports.

An instructions sheet first, then the data under a title, a date line and a blank row (header on row 4), a running
number column, one hidden data row and one hidden column, and Excel's formatted rows below the data with the
running number carried on. The .xlsx is built here with openpyxl; the .ods and .xls beside this file
(tests/fixtures/) were made once from it by LibreOffice Calc 7.4:

    DJANGO_SETTINGS_MODULE=tests.settings python -c \
        "import django; django.setup(); from tests.berkas_kantor import tulis_xlsx; tulis_xlsx('/tmp/kantor')"
    cd /tmp/kantor && soffice --headless --convert-to ods *.xlsx && soffice --headless --convert-to xls *.xlsx

CSV files are built here as bytes, in the encoding each test names.
"""

import csv
import datetime
import io
from pathlib import Path

import openpyxl
from openpyxl.styles import Border, Side
from openpyxl.utils import get_column_letter

from tests.factories import buat_nip
from tests.kinerja.pegawai.berkas_roster import JUDUL, baris_pegawai

FIXTURES = Path(__file__).parent / "fixtures"
JUDUL_BARIS = 4  # the header row of every office file here
BARIS_TERSEMBUNYI = 6  # the second data row

# Names beyond ASCII, as Windows-1252 and Mac Roman can write them.
NAMA = ["Zulkifli Hüsein", "Siti Nur’aini", "Andi Muñoz Pakaya"]


def roster():
    """Three ASN of one unit, the first heading it, with accented names."""
    rows = [
        baris_pegawai(40 + i, Nama=nama, **{"Kode Unit": "91", "Nama Unit": "Dinas Kantor"})
        for i, nama in enumerate(NAMA)
    ]
    for r in rows[1:]:
        r["NIP Atasan"] = rows[0]["NIP"]
    return rows


# The ASN of the attendance and training files; tests create them in the unit the importer manages.
NIP_FAKTA = [buat_nip(25001 + i) for i in range(3)]
JUDUL_HADIR = ["NIP", "Nama", "Tahun", "Bulan", "Hari Kerja", "Hadir", "Cuti", "Tanpa Keterangan"]
JUDUL_JP = ["NIP", "Nama", "Tahun", "Jam Pelajaran"]  # "Jam Pelajaran": another spelling of the JP column


def kehadiran():
    return [
        {
            "NIP": nip,
            "Nama": nama,
            "Tahun": 2026,
            "Bulan": 1,
            "Hari Kerja": 22,
            "Hadir": 20,
            "Cuti": 1,
            "Tanpa Keterangan": 1,
        }
        for nip, nama in zip(NIP_FAKTA, NAMA, strict=True)
    ]


def pelatihan():
    return [
        {"NIP": nip, "Nama": nama, "Tahun": 2026, "Jam Pelajaran": 20 + i}
        for i, (nip, nama) in enumerate(zip(NIP_FAKTA, NAMA, strict=True))
    ]


# name → (title, headers, rows, the column to hide)
JENIS = {
    "roster": ("DAFTAR PEGAWAI PEMERINTAH PROVINSI GORONTALO", JUDUL, roster, "Gelar Depan"),
    "kehadiran": ("REKAP KEHADIRAN PEGAWAI BULAN JANUARI 2026", JUDUL_HADIR, kehadiran, "Cuti"),
    "pelatihan": ("REKAP JAM PELAJARAN PENGEMBANGAN KOMPETENSI 2026", JUDUL_JP, pelatihan, "Nama"),
}


def buku_kantor(jenis: str) -> openpyxl.Workbook:
    judul_tabel, judul, baris, tersembunyi = JENIS[jenis]
    wb = openpyxl.Workbook()
    petunjuk = wb.active
    petunjuk.title = "Petunjuk"
    petunjuk.append(["PETUNJUK PENGISIAN"])
    petunjuk.append(["Isi data di lembar berikutnya mulai baris 5. Kolom NIP berformat Teks."])
    for j in judul:
        petunjuk.append([j, "lihat templat"])
    ws = wb.create_sheet("Data")
    ws.append([judul_tabel])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(judul) + 1)
    ws.append(["Keadaan per 31 Januari 2026"])
    ws.append([])
    ws.append(["No", *judul])
    rows = baris()
    for i, r in enumerate(rows, start=1):
        ws.append([i, *(r.get(j, "") for j in judul)])
    for kolom in range(2, len(judul) + 2):
        ws.cell(JUDUL_BARIS, kolom).number_format = "@"
    ws.row_dimensions[BARIS_TERSEMBUNYI].hidden = True
    ws.column_dimensions[get_column_letter(judul.index(tersembunyi) + 2)].hidden = True
    # Excel's formatted rows: borders far below the data, the running number carried a few rows further.
    akhir = JUDUL_BARIS + len(rows)
    garis = Border(bottom=Side(style="thin"))
    for r in range(akhir + 1, akhir + 200):
        for kolom in range(1, len(judul) + 2):
            ws.cell(r, kolom).border = garis
    for r in range(akhir + 1, akhir + 6):
        ws.cell(r, 1, r - JUDUL_BARIS)
    return wb


def xlsx_kantor(jenis: str) -> bytes:
    keluaran = io.BytesIO()
    buku_kantor(jenis).save(keluaran)
    return keluaran.getvalue()


def fixture(nama: str) -> bytes:
    return (FIXTURES / nama).read_bytes()


def csv_kantor(jenis: str, enkoding: str = "cp1252", pemisah: str = ";") -> bytes:
    """The same table as Excel saves it as CSV in an Indonesian locale: title lines padded with separators."""
    judul_tabel, judul, baris, _ = JENIS[jenis]
    keluaran = io.StringIO()
    w = csv.writer(keluaran, delimiter=pemisah, lineterminator="\r\n")
    kosong = [""] * len(judul)
    w.writerows([[judul_tabel, *kosong], ["Keadaan per 31 Januari 2026", *kosong], ["", *kosong], ["No", *judul]])
    for i, r in enumerate(baris(), start=1):
        w.writerow(
            [i, *(f"{v:%d/%m/%Y}" if isinstance(v, datetime.date) else v for v in (r.get(j, "") for j in judul))]
        )
    w.writerows([[n, *kosong] for n in range(4, 9)])
    return keluaran.getvalue().encode(enkoding)


def tulis_xlsx(folder) -> None:
    """Write each kind's .xlsx, from which the committed .ods and .xls were converted."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for jenis in JENIS:
        (folder / f"{jenis}_kantor.xlsx").write_bytes(xlsx_kantor(jenis))
