"""Spreadsheet files in and out, for every import and export: the roster, attendance, training hours, TPP.

Reading (XLSX through python-calamine, CSV with comma or semicolon, with or without BOM), header matching,
cell helpers that refuse what a spreadsheet has already corrupted (an NIP stored as a number), errors located
by row and column, and XLSX writing with formula-like text escaped. What a file *means* stays in the module
that imports it (kinerja.pegawai.roster, evaluasi.impor); nothing here touches the database.
"""

import csv
import datetime
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from python_calamine import CalamineWorkbook

# Spreadsheet formula triggers (OWASP "CSV injection"): such cells are exported with a leading quote.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

SPREADSHEET_EXTENSIONS = (".xlsx", ".csv")


class FileRefused(Exception):
    """The file as a whole cannot be read (wrong type, too big, no header)."""


@dataclass(frozen=True)
class RowError:
    """One problem, located as the user sees it in the spreadsheet (header = row 1)."""

    baris: int | None
    kolom: str | None
    pesan: str

    def as_dict(self):
        return {"baris": self.baris, "kolom": self.kolom, "pesan": self.pesan}

    def __str__(self):
        lokasi = []
        if self.baris:
            lokasi.append(f"baris {self.baris}")
        if self.kolom:
            lokasi.append(f"kolom {self.kolom}")
        if not lokasi:
            return self.pesan
        teks = ", ".join(lokasi)
        return f"{teks[0].upper()}{teks[1:]}: {self.pesan}"


@dataclass
class Table:
    """The raw cells of a file: header row and data rows with their spreadsheet row numbers."""

    judul: list
    baris: list  # [(row number, [cells])]


def check_spreadsheet_upload(berkas, batas_mb: int):
    """An uploaded spreadsheet's name, size and content checked before it is stored (every import form uses this)."""
    try:
        check_file(berkas.name, berkas.size, batas_mb)
        berkas.seek(0)
        check_content(berkas.name, berkas.read())
        berkas.seek(0)
    except FileRefused as exc:
        raise ValidationError(str(exc)) from None
    return berkas


# Reading ------------------------------------------------------------------------------------------------


def check_file(nama_berkas: str, ukuran: int, batas_mb: int) -> None:
    """Refuse a file by name and size before reading it (the upload forms and read_table share this)."""
    if not (nama_berkas or "").lower().endswith(SPREADSHEET_EXTENSIONS):
        raise FileRefused("Format berkas tidak didukung: unggah berkas Excel (.xlsx) atau CSV (.csv).")
    if ukuran > batas_mb * 1024 * 1024:
        raise FileRefused(
            f"Berkas berukuran {ukuran / 1024 / 1024:.1f} MB, melebihi batas {batas_mb} MB. "
            "Pecah berkas menjadi beberapa bagian."
        )


def read_table(nama_berkas: str, data: bytes, *, batas_mb: int, contoh_judul: str) -> Table:
    """Read an XLSX or CSV file into raw cells, checking size and that the content matches the extension.

    `contoh_judul` names a few expected headers for the message when row 1 is empty.
    """
    check_file(nama_berkas, len(data), batas_mb)
    if _xlsx(nama_berkas):
        check_xlsx_archive(data)
        tabel = _baca_xlsx(data)
    else:
        tabel = _baca_csv(_teks_csv(data))
    if not tabel.judul or not any(cell_text(h) for h in tabel.judul):
        raise FileRefused(f"Baris 1 harus berisi judul kolom ({contoh_judul}, ...), tetapi kosong.")
    return tabel


def check_content(nama_berkas: str, data: bytes) -> None:
    """Refuse a file whose bytes are not what its name says, without parsing it (the upload forms use this).

    .xlsx: a workbook archive that is safe to unpack (check_xlsx_archive); .csv: UTF-8 text without NUL bytes.
    """
    if _xlsx(nama_berkas):
        check_xlsx_archive(data)
    else:
        _teks_csv(data)


def _xlsx(nama_berkas: str) -> bool:
    return nama_berkas.lower().endswith(".xlsx")


# What a misnamed file really is, so the message can say so ("isinya PDF").
_TANDA_BERKAS = (
    (b"%PDF-", "dokumen PDF"),
    (b"MZ", "program Windows (.exe/.dll)"),
    (b"\x7fELF", "program"),
    (b"\x89PNG\r\n\x1a\n", "gambar PNG"),
    (b"\xff\xd8\xff", "gambar JPEG"),
    (b"GIF8", "gambar GIF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "berkas Office lama (.xls/.doc)"),
    (b"Rar!", "arsip RAR"),
    (b"7z\xbc\xaf\x27\x1c", "arsip 7-Zip"),
    (b"\x1f\x8b", "arsip gzip"),
)


def _terka_isi(data: bytes) -> str | None:
    return next((jenis for tanda, jenis in _TANDA_BERKAS if data.startswith(tanda)), None)


def _bukan_xlsx(data: bytes) -> FileRefused:
    jenis = _terka_isi(data)
    isinya = f"isinya {jenis}, bukan" if jenis else "isinya bukan"
    return FileRefused(
        f"Berkas bernama .xlsx tetapi {isinya} berkas Excel (.xlsx). "
        "Buka di Excel lalu simpan sebagai 'Excel Workbook (.xlsx)'."
    )


# Below this an entry's compression ratio is not judged: small, repetitive XML parts compress very well.
_RASIO_DARI_BYTE = 1024 * 1024
_POTONGAN = 64 * 1024
# Parts a roster or attendance workbook never needs: macros, embedded objects, archives inside the archive.
_ENTRI_ASING = re.compile(
    r"(^|/)(vbaProject\.bin|embeddings/)|\.(zip|xlsx|xlsm|xlsb|xls|docx|docm|7z|rar|gz|exe|dll|jar)$", re.IGNORECASE
)


def check_xlsx_archive(data: bytes) -> None:
    """Refuse an .xlsx whose archive is not a workbook or is unsafe to unpack, before any parser opens it.

    Counts entries, and measures each entry's unpacked size and compression ratio by unpacking it (the sizes
    an archive declares can be forged) up to XLSX_MAX_UNPACKED_MB in total. Refuses odd entry names (absolute,
    '..', backslashes, duplicates), encrypted entries, macros, embedded files and archives inside the archive,
    and XML parts with a DOCTYPE: OOXML never has one, and entity expansion (billion laughs, external entities)
    needs one.
    """
    if not data.startswith(b"PK\x03\x04"):
        raise _bukan_xlsx(data)
    batas_entri, batas_mb = settings.XLSX_MAX_ENTRIES, settings.XLSX_MAX_UNPACKED_MB
    rusak = FileRefused("Berkas Excel rusak atau tidak lengkap. Buka di Excel lalu simpan ulang sebagai .xlsx.")
    try:
        arsip = zipfile.ZipFile(io.BytesIO(data))
        entri = arsip.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise rusak from None
    if len(entri) > batas_entri:
        raise FileRefused(
            f"Arsip berkas Excel berisi {len(entri)} bagian, melebihi batas {batas_entri}. "
            "Berkas ini bukan buku kerja biasa; simpan ulang data saja sebagai .xlsx baru."
        )
    nama = [e.filename for e in entri]
    if "[Content_Types].xml" not in nama or "xl/workbook.xml" not in nama:
        raise FileRefused("Berkas bernama .xlsx tetapi isinya bukan buku kerja Excel yang sah.")
    if len(set(nama)) != len(nama) or any(
        n.startswith("/") or "\\" in n or ".." in n.split("/") or "\x00" in n for n in nama
    ):
        raise FileRefused("Arsip berkas Excel berisi nama bagian yang tidak wajar; berkas ditolak.")
    if any(e.flag_bits & 0x1 for e in entri):
        raise FileRefused("Berkas Excel dilindungi kata sandi. Simpan ulang tanpa kata sandi lalu unggah lagi.")
    if asing := next((n for n in nama if _ENTRI_ASING.search(n)), None):
        raise FileRefused(
            f"Berkas Excel berisi makro, objek tersemat atau arsip lain ({asing}). "
            "Salin datanya ke buku kerja baru tanpa objek lalu simpan sebagai .xlsx."
        )
    sisa = batas_mb * 1024 * 1024
    try:
        for e in entri:
            _periksa_entri(arsip, e, sisa, batas_mb, settings.XLSX_MAX_RATIO)
            sisa -= e.file_size
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, zlib.error):
        raise rusak from None


def _periksa_entri(arsip, entri, sisa: int, batas_mb: int, batas_rasio: int) -> None:
    xml = entri.filename.lower().endswith((".xml", ".rels", ".vml"))
    ukuran, ekor = 0, b""
    with arsip.open(entri) as f:
        while potong := f.read(_POTONGAN):
            ukuran += len(potong)
            if ukuran > sisa:
                raise FileRefused(
                    f"Isi berkas Excel bila dibuka melebihi {batas_mb} MB (kemungkinan 'zip bomb'); berkas ditolak."
                )
            if ukuran > _RASIO_DARI_BYTE and ukuran > batas_rasio * max(entri.compress_size, 1):
                raise FileRefused(
                    f"Bagian {entri.filename} terkompresi lebih dari {batas_rasio} kali lipat "
                    "(kemungkinan 'zip bomb'); berkas ditolak."
                )
            if xml and b"<!DOCTYPE" in ekor + potong:
                raise FileRefused(
                    f"Bagian {entri.filename} berisi deklarasi DOCTYPE/ENTITY, yang tidak pernah ada di berkas "
                    "Excel biasa (kemungkinan serangan XML); berkas ditolak."
                )
            ekor = potong[-16:]


def _baca_xlsx(data: bytes) -> Table:
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        # skip_empty_area=False keeps row numbers equal to the spreadsheet's, even with empty top rows.
        semua = sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own error types for damaged workbooks
        raise FileRefused(f"Berkas Excel tidak dapat dibaca: {exc}") from None
    if not semua:
        raise FileRefused("Lembar kerja pertama kosong.")
    return Table(judul=semua[0], baris=[(i, sel) for i, sel in enumerate(semua[1:], start=2)])


def _teks_csv(data: bytes) -> str:
    """The text of a .csv upload; refused when it is binary (NUL bytes, a known file signature) or not UTF-8."""
    if b"\x00" in data or data.startswith((b"PK\x03\x04", b"%PDF-")):
        jenis = "berkas Excel atau arsip zip" if data.startswith(b"PK\x03\x04") else _terka_isi(data)
        keterangan = f" ({jenis})" if jenis else ""
        raise FileRefused(
            f"Berkas bernama .csv tetapi isinya biner{keterangan}, bukan teks CSV. "
            "Jika ini berkas Excel, unggah sebagai .xlsx."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            "Berkas CSV harus berenkode UTF-8. Di Excel pilih 'Simpan Sebagai' → 'CSV UTF-8 (Comma delimited)'."
        ) from None


def _baca_csv(isi: str) -> Table:
    baris_pertama = isi.split("\n", 1)[0]
    # Excel in an Indonesian locale separates with semicolons; elsewhere with commas.
    pemisah = ";" if baris_pertama.count(";") > baris_pertama.count(",") else ","
    semua = list(csv.reader(io.StringIO(isi, newline=""), delimiter=pemisah))
    if not semua:
        raise FileRefused("Berkas CSV kosong.")
    return Table(judul=semua[0], baris=[(i, sel) for i, sel in enumerate(semua[1:], start=2)])


def is_blank_row(sel) -> bool:
    """A row with nothing in it (blank rows between data are skipped, keeping the others' numbers)."""
    return not any(s.strip() if s.__class__ is str else s is not None for s in sel)


# Headers ------------------------------------------------------------------------------------------------


def header_key(judul) -> str:
    """A header reduced to lowercase letters and digits, so 'Kode Unit', 'KODE_UNIT' and 'kode unit' match."""
    return re.sub(r"[^a-z0-9]", "", str(judul).lower())


def map_headers(judul_berkas, kolom, wajib, galat, alias=None) -> dict:
    """Map the file's headers to column keys: key → cell index. Extra columns are ignored.

    `kolom` is [(key, header)]; `alias` maps other accepted header spellings to keys. A repeated or missing
    required column is appended to `galat` (row 1).
    """
    judul = dict(kolom)
    kunci_kolom = {header_key(j): k for k, j in kolom}
    kunci_kolom.update({header_key(a): k for a, k in (alias or {}).items()})
    posisi = {}
    for i, nama in enumerate(judul_berkas):
        kunci = kunci_kolom.get(header_key(nama))
        if kunci is None:
            continue  # extra columns (a running number, notes) are allowed and ignored
        if kunci in posisi:
            galat.append(RowError(1, judul[kunci], f"Kolom '{judul[kunci]}' muncul lebih dari sekali."))
        posisi[kunci] = i
    for kunci in wajib:
        if kunci not in posisi:
            galat.append(RowError(1, judul[kunci], f"Kolom wajib '{judul[kunci]}' tidak ada di baris judul."))
    return posisi


def sort_errors(galat, kolom) -> None:
    """Sort errors by row, then by the column's position in the template."""
    urutan_kolom = {judul: i for i, (_, judul) in enumerate(kolom)}
    galat.sort(key=lambda g: (g.baris or 0, urutan_kolom.get(g.kolom, -1)))


# Cells --------------------------------------------------------------------------------------------------


def is_number(nilai) -> bool:
    return isinstance(nilai, int | float) and not isinstance(nilai, bool)


def cell_text(nilai) -> str:
    """Cell text, trimmed, with the export's protective leading quote removed so exports re-import as-is."""
    if nilai is None:
        return ""
    hasil = str(nilai).strip()
    if len(hasil) > 1 and hasil[0] == "'" and hasil[1] in "=+-@\t\r":
        return hasil[1:].strip()
    return hasil


def number_as_text(nilai) -> str:
    return str(int(nilai)) if float(nilai).is_integer() else str(nilai)


def text_only_cell(nilai, judul, alasan):
    """A cell that must be text: a number or a date in it is refused with the reason and how to fix it."""
    if is_number(nilai):
        raise ValueError(f"berisi angka ({number_as_text(nilai)}); {alasan} Format kolom {judul} sebagai Teks.")
    if isinstance(nilai, datetime.date | datetime.time | datetime.timedelta):
        raise ValueError(f"berisi tanggal/waktu, bukan teks. Format kolom {judul} sebagai Teks.")
    return cell_text(nilai)


def parse_nip(nilai, judul):
    """An NIP cell: text only, since Excel keeps 15 significant digits and an 18-digit number is already lost."""
    if is_number(nilai):
        raise ValueError(
            f"NIP tersimpan sebagai angka ({number_as_text(nilai)}). Excel hanya menyimpan 15 digit angka, "
            f"jadi NIP 18 digit ini sudah rusak. Format kolom {judul} sebagai Teks lalu ketik ulang NIP-nya."
        )
    return text_only_cell(nilai, judul, "")


_POLA_TANGGAL = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_POLA_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(nilai, judul):
    """A date cell or dd/mm/yyyy (or ISO) text; empty gives None."""
    if isinstance(nilai, datetime.datetime):
        return nilai.date()
    if isinstance(nilai, datetime.date):
        return nilai
    if is_number(nilai):
        raise ValueError("bukan tanggal. Gunakan sel bertipe tanggal atau teks dd/mm/yyyy, misalnya 26/09/1986.")
    isi = cell_text(nilai)
    if not isi:
        return None
    if cocok := _POLA_TANGGAL.match(isi):
        hari, bulan, tahun = (int(g) for g in cocok.groups())
    elif cocok := _POLA_ISO.match(isi):
        tahun, bulan, hari = (int(g) for g in cocok.groups())
    else:
        raise ValueError(f"'{isi}' bukan tanggal dengan format dd/mm/yyyy, misalnya 26/09/1986.")
    try:
        return datetime.date(tahun, bulan, hari)
    except ValueError:
        raise ValueError(f"'{isi}' bukan tanggal yang ada di kalender.") from None


def parse_text(nilai, judul):
    """Any cell as text: whole numbers without '.0', dates as dd/mm/yyyy."""
    if is_number(nilai):
        return number_as_text(nilai)
    if isinstance(nilai, datetime.date):
        return f"{nilai:%d/%m/%Y}"
    return cell_text(nilai)


_POLA_BILANGAN = re.compile(r"^\d+$")


def parse_count(nilai, judul):
    """A whole number ≥ 0 (a count of days, minutes, hours); empty gives None."""
    if is_number(nilai):
        if not float(nilai).is_integer() or nilai < 0:
            raise ValueError(f"'{number_as_text(nilai)}' bukan bilangan bulat tidak negatif.")
        return int(nilai)
    if isinstance(nilai, datetime.date | datetime.time | datetime.timedelta):
        raise ValueError("berisi tanggal/waktu, bukan bilangan. Format kolom sebagai Angka.")
    isi = cell_text(nilai)
    if not isi:
        return None
    if not _POLA_BILANGAN.match(isi):
        raise ValueError(f"'{isi}' bukan bilangan bulat tidak negatif.")
    return int(isi)


# Writing ------------------------------------------------------------------------------------------------


def escape_cell(nilai):
    """Prefix text that a spreadsheet would run as a formula with a quote, so it stays text.

    The one escape of every export (OWASP CSV injection): write_xlsx and write_csv apply it to each cell, the
    evaluation workbook and the admin export call it directly. Numbers, dates and empty cells pass unchanged,
    and an escaped value is never escaped twice.
    """
    if isinstance(nilai, str) and nilai.startswith(FORMULA_PREFIXES):
        return "'" + nilai
    return nilai


# The content type of each format the imports read and the exports write.
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def download(data: bytes, filename: str) -> HttpResponse:
    """A spreadsheet (`filename` ends in .xlsx or .csv) as a file the browser saves."""
    response = HttpResponse(data, content_type=CONTENT_TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def write_xlsx(nama_lembar: str, judul: list, baris, *, lebar=None, format_angka=None) -> bytes:
    """A one-sheet XLSX: bold headers, text cells stored as text (NIPs keep all 18 digits), dates as dates.

    Every cell is escaped (escape_cell). `lebar` gives column widths; `format_angka` maps a column
    index to a number format for numeric cells (e.g. '#,##0' for rupiah), others numeric default to General.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(nama_lembar)
    tebal = Font(bold=True)
    for i, w in enumerate(lebar or []):
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    format_angka = format_angka or {}

    def sel(i, nilai, **gaya):
        nilai = escape_cell(nilai)
        c = WriteOnlyCell(ws, value=nilai if nilai != "" else None)
        if isinstance(nilai, datetime.date):
            c.number_format = "dd/mm/yyyy"
        elif is_number(nilai) or isinstance(nilai, Decimal):
            c.number_format = format_angka.get(i, "General")
        else:
            c.number_format = "@"
        for k, v in gaya.items():
            setattr(c, k, v)
        return c

    ws.append([sel(i, j, font=tebal) for i, j in enumerate(judul)])
    for b in baris:
        ws.append([sel(i, v) for i, v in enumerate(b)])
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def write_csv(judul: list, baris) -> bytes:
    """A CSV: UTF-8 with BOM and semicolons, which Excel in an Indonesian locale opens directly; cells escaped."""
    keluaran = io.StringIO()
    penulis = csv.writer(keluaran, delimiter=";", lineterminator="\r\n")
    penulis.writerow([escape_cell(j) for j in judul])
    penulis.writerows([escape_cell(v) for v in b] for b in baris)
    return ("\ufeff" + keluaran.getvalue()).encode("utf-8")


def template_xlsx(nama_lembar: str, kolom: list, petunjuk: list, *, kolom_tanggal=(), kolom_angka=()) -> bytes:
    """A downloadable template: headers, text-formatted columns (dates and numbers as asked), a help sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = nama_lembar
    ws.append([judul for _, judul in kolom])
    for i, (kunci, _) in enumerate(kolom, start=1):
        huruf = get_column_letter(i)
        ws[f"{huruf}1"].font = Font(bold=True)
        ws.column_dimensions[huruf].width = 22
        # Column style: what the user types later in these columns stays text (all 18 NIP digits kept).
        if kunci in kolom_tanggal:
            ws.column_dimensions[huruf].number_format = "dd/mm/yyyy"
        elif kunci in kolom_angka:
            ws.column_dimensions[huruf].number_format = "0"
        else:
            ws.column_dimensions[huruf].number_format = "@"
    ws.freeze_panes = "A2"
    lembar_petunjuk = wb.create_sheet("Petunjuk")
    lembar_petunjuk.append(["Kolom", "Keterangan"])
    for b in petunjuk:
        lembar_petunjuk.append(list(b))
    lembar_petunjuk.column_dimensions["A"].width = 22
    lembar_petunjuk.column_dimensions["B"].width = 100
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
