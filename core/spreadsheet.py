"""Spreadsheet files in and out, for every import and export: the roster, attendance, training hours, TPP.

Reading (XLSX through python-calamine, CSV with comma or semicolon, with or without BOM), header matching,
cell helpers that refuse what a spreadsheet has already corrupted (an NIP stored as a number), errors located
by row and column; the escape of formula-like text every export applies, CSV writing and import templates (XLSX
exports are written by core.xlsx). What a file *means* stays in the module that imports it
(kinerja.pegawai.roster, evaluasi.impor); nothing here touches the database.
"""

import csv
import datetime
import io
import re
import zipfile
import zlib
from dataclasses import dataclass

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

    row: int | None
    column: str | None
    message: str

    def as_dict(self):
        """As the import jobs store it (their `galat` JSON, which the pages read): keys in Indonesian."""
        return {"baris": self.row, "kolom": self.column, "pesan": self.message}

    def __str__(self):
        location = []
        if self.row:
            location.append(f"baris {self.row}")
        if self.column:
            location.append(f"kolom {self.column}")
        if not location:
            return self.message
        text = ", ".join(location)
        return f"{text[0].upper()}{text[1:]}: {self.message}"


@dataclass
class Table:
    """The raw cells of a file: header row and data rows with their spreadsheet row numbers."""

    headers: list
    rows: list  # [(row number, [cells])]


def check_spreadsheet_upload(upload, limit_mb: int):
    """An uploaded spreadsheet's name, size and content checked before it is stored (every import form uses this)."""
    try:
        check_file(upload.name, upload.size, limit_mb)
        upload.seek(0)
        check_content(upload.name, upload.read())
        upload.seek(0)
    except FileRefused as exc:
        raise ValidationError(str(exc)) from None
    return upload


# Reading ------------------------------------------------------------------------------------------------


def check_file(filename: str, size: int, limit_mb: int) -> None:
    """Refuse a file by name and size before reading it (the upload forms and read_table share this)."""
    if not (filename or "").lower().endswith(SPREADSHEET_EXTENSIONS):
        raise FileRefused("Format berkas tidak didukung: unggah berkas Excel (.xlsx) atau CSV (.csv).")
    if size > limit_mb * 1024 * 1024:
        raise FileRefused(
            f"Berkas berukuran {size / 1024 / 1024:.1f} MB, melebihi batas {limit_mb} MB. "
            "Pecah berkas menjadi beberapa bagian."
        )


def read_table(filename: str, data: bytes, *, limit_mb: int, header_example: str) -> Table:
    """Read an XLSX or CSV file into raw cells, checking size and that the content matches the extension.

    `header_example` names a few expected headers for the message when row 1 is empty.
    """
    check_file(filename, len(data), limit_mb)
    if _xlsx(filename):
        check_xlsx_archive(data)
        table = _read_xlsx(data)
    else:
        table = _read_csv(_csv_text(data))
    if not table.headers or not any(cell_text(h) for h in table.headers):
        raise FileRefused(f"Baris 1 harus berisi judul kolom ({header_example}, ...), tetapi kosong.")
    return table


def check_content(filename: str, data: bytes) -> None:
    """Refuse a file whose bytes are not what its name says, without parsing it (the upload forms use this).

    .xlsx: a workbook archive that is safe to unpack (check_xlsx_archive); .csv: UTF-8 text without NUL bytes.
    """
    if _xlsx(filename):
        check_xlsx_archive(data)
    else:
        _csv_text(data)


def _xlsx(filename: str) -> bool:
    return filename.lower().endswith(".xlsx")


# What a misnamed file really is, so the message can say so ("isinya PDF").
_FILE_SIGNATURES = (
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


def _guess_content(data: bytes) -> str | None:
    return next((kind for signature, kind in _FILE_SIGNATURES if data.startswith(signature)), None)


def _not_xlsx(data: bytes) -> FileRefused:
    kind = _guess_content(data)
    contains = f"isinya {kind}, bukan" if kind else "isinya bukan"
    return FileRefused(
        f"Berkas bernama .xlsx tetapi {contains} berkas Excel (.xlsx). "
        "Buka di Excel lalu simpan sebagai 'Excel Workbook (.xlsx)'."
    )


# Below this an entry's compression ratio is not judged: small, repetitive XML parts compress very well.
_RATIO_FROM_BYTES = 1024 * 1024
_EXCERPT = 64 * 1024
# Parts a roster or attendance workbook never needs: macros, embedded objects, archives inside the archive.
_FOREIGN_ENTRIES = re.compile(
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
        raise _not_xlsx(data)
    max_entries, limit_mb = settings.XLSX_MAX_ENTRIES, settings.XLSX_MAX_UNPACKED_MB
    broken = FileRefused("Berkas Excel rusak atau tidak lengkap. Buka di Excel lalu simpan ulang sebagai .xlsx.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entry = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise broken from None
    if len(entry) > max_entries:
        raise FileRefused(
            f"Arsip berkas Excel berisi {len(entry)} bagian, melebihi batas {max_entries}. "
            "Berkas ini bukan buku kerja biasa; simpan ulang data saja sebagai .xlsx baru."
        )
    names = [e.filename for e in entry]
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRefused("Berkas bernama .xlsx tetapi isinya bukan buku kerja Excel yang sah.")
    if len(set(names)) != len(names) or any(
        n.startswith("/") or "\\" in n or ".." in n.split("/") or "\x00" in n for n in names
    ):
        raise FileRefused("Arsip berkas Excel berisi nama bagian yang tidak wajar; berkas ditolak.")
    if any(e.flag_bits & 0x1 for e in entry):
        raise FileRefused("Berkas Excel dilindungi kata sandi. Simpan ulang tanpa kata sandi lalu unggah lagi.")
    if foreign := next((n for n in names if _FOREIGN_ENTRIES.search(n)), None):
        raise FileRefused(
            f"Berkas Excel berisi makro, objek tersemat atau arsip lain ({foreign}). "
            "Salin datanya ke buku kerja baru tanpa objek lalu simpan sebagai .xlsx."
        )
    remaining = limit_mb * 1024 * 1024
    try:
        for e in entry:
            _check_entry(archive, e, remaining, limit_mb, settings.XLSX_MAX_RATIO)
            remaining -= e.file_size
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, zlib.error):
        raise broken from None


def _check_entry(archive, entry, remaining: int, limit_mb: int, max_ratio: int) -> None:
    xml = entry.filename.lower().endswith((".xml", ".rels", ".vml"))
    size, tail = 0, b""
    with archive.open(entry) as f:
        while cut := f.read(_EXCERPT):
            size += len(cut)
            if size > remaining:
                raise FileRefused(
                    f"Isi berkas Excel bila dibuka melebihi {limit_mb} MB (kemungkinan 'zip bomb'); berkas ditolak."
                )
            if size > _RATIO_FROM_BYTES and size > max_ratio * max(entry.compress_size, 1):
                raise FileRefused(
                    f"Bagian {entry.filename} terkompresi lebih dari {max_ratio} kali lipat "
                    "(kemungkinan 'zip bomb'); berkas ditolak."
                )
            if xml and b"<!DOCTYPE" in tail + cut:
                raise FileRefused(
                    f"Bagian {entry.filename} berisi deklarasi DOCTYPE/ENTITY, yang tidak pernah ada di berkas "
                    "Excel biasa (kemungkinan serangan XML); berkas ditolak."
                )
            tail = cut[-16:]


def _read_xlsx(data: bytes) -> Table:
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        # skip_empty_area=False keeps row numbers equal to the spreadsheet's, even with empty top rows.
        all_rows = sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own error types for damaged workbooks
        raise FileRefused(f"Berkas Excel tidak dapat dibaca: {exc}") from None
    if not all_rows:
        raise FileRefused("Lembar kerja pertama kosong.")
    return Table(headers=all_rows[0], rows=[(i, cells) for i, cells in enumerate(all_rows[1:], start=2)])


def _csv_text(data: bytes) -> str:
    """The text of a .csv upload; refused when it is binary (NUL bytes, a known file signature) or not UTF-8."""
    if b"\x00" in data or data.startswith((b"PK\x03\x04", b"%PDF-")):
        kind = "berkas Excel atau arsip zip" if data.startswith(b"PK\x03\x04") else _guess_content(data)
        note = f" ({kind})" if kind else ""
        raise FileRefused(
            f"Berkas bernama .csv tetapi isinya biner{note}, bukan teks CSV. "
            "Jika ini berkas Excel, unggah sebagai .xlsx."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            "Berkas CSV harus berenkode UTF-8. Di Excel pilih 'Simpan Sebagai' → 'CSV UTF-8 (Comma delimited)'."
        ) from None


def _read_csv(content: str) -> Table:
    first_row = content.split("\n", 1)[0]
    # Excel in an Indonesian locale separates with semicolons; elsewhere with commas.
    separator = ";" if first_row.count(";") > first_row.count(",") else ","
    all_rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=separator))
    if not all_rows:
        raise FileRefused("Berkas CSV kosong.")
    return Table(headers=all_rows[0], rows=[(i, cells) for i, cells in enumerate(all_rows[1:], start=2)])


def is_blank_row(cells) -> bool:
    """A row with nothing in it (blank rows between data are skipped, keeping the others' numbers)."""
    return not any(s.strip() if s.__class__ is str else s is not None for s in cells)


# Headers ------------------------------------------------------------------------------------------------


def header_key(header) -> str:
    """A header reduced to lowercase letters and digits, so 'Kode Unit', 'KODE_UNIT' and 'kode unit' match."""
    return re.sub(r"[^a-z0-9]", "", str(header).lower())


def map_headers(file_headers, columns, required, errors, alias=None) -> dict:
    """Map the file's headers to column keys: key → cell index. Extra columns are ignored.

    `columns` is [(key, header)]; `alias` maps other accepted header spellings to keys. A repeated or missing
    required column is appended to `errors` (row 1).
    """
    headers = dict(columns)
    column_field = {header_key(j): k for k, j in columns}
    column_field.update({header_key(a): k for a, k in (alias or {}).items()})
    positions = {}
    for i, header in enumerate(file_headers):
        field = column_field.get(header_key(header))
        if field is None:
            continue  # extra columns (a running number, notes) are allowed and ignored
        if field in positions:
            errors.append(RowError(1, headers[field], f"Kolom '{headers[field]}' muncul lebih dari sekali."))
        positions[field] = i
    for field in required:
        if field not in positions:
            errors.append(RowError(1, headers[field], f"Kolom wajib '{headers[field]}' tidak ada di baris judul."))
    return positions


def sort_errors(errors, columns) -> None:
    """Sort errors by row, then by the column's position in the template."""
    column_order = {header: i for i, (_, header) in enumerate(columns)}
    errors.sort(key=lambda g: (g.row or 0, column_order.get(g.column, -1)))


# Cells --------------------------------------------------------------------------------------------------


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def cell_text(value) -> str:
    """Cell text, trimmed, with the export's protective leading quote removed so exports re-import as-is."""
    if value is None:
        return ""
    result = str(value).strip()
    if len(result) > 1 and result[0] == "'" and result[1] in "=+-@\t\r":
        return result[1:].strip()
    return result


def number_as_text(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def text_only_cell(value, header, reason):
    """A cell that must be text: a number or a date in it is refused with the reason and how to fix it."""
    if is_number(value):
        raise ValueError(f"berisi angka ({number_as_text(value)}); {reason} Format kolom {header} sebagai Teks.")
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        raise ValueError(f"berisi tanggal/waktu, bukan teks. Format kolom {header} sebagai Teks.")
    return cell_text(value)


def parse_nip(value, header):
    """An NIP cell: text only, since Excel keeps 15 significant digits and an 18-digit number is already lost."""
    if is_number(value):
        raise ValueError(
            f"NIP tersimpan sebagai angka ({number_as_text(value)}). Excel hanya menyimpan 15 digit angka, "
            f"jadi NIP 18 digit ini sudah rusak. Format kolom {header} sebagai Teks lalu ketik ulang NIP-nya."
        )
    return text_only_cell(value, header, "")


_DATE_PATTERN = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value, header):
    """A date cell or dd/mm/yyyy (or ISO) text; empty gives None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if is_number(value):
        raise ValueError("bukan tanggal. Gunakan sel bertipe tanggal atau teks dd/mm/yyyy, misalnya 26/09/1986.")
    content = cell_text(value)
    if not content:
        return None
    if found := _DATE_PATTERN.match(content):
        day, month, year = (int(g) for g in found.groups())
    elif found := _ISO_PATTERN.match(content):
        year, month, day = (int(g) for g in found.groups())
    else:
        raise ValueError(f"'{content}' bukan tanggal dengan format dd/mm/yyyy, misalnya 26/09/1986.")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{content}' bukan tanggal yang ada di kalender.") from None


def parse_text(value, header):
    """Any cell as text: whole numbers without '.0', dates as dd/mm/yyyy."""
    if is_number(value):
        return number_as_text(value)
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return cell_text(value)


_NUMBER_PATTERN = re.compile(r"^\d+$")


def parse_count(value, header):
    """A whole number ≥ 0 (a count of days, minutes, hours); empty gives None."""
    if is_number(value):
        if not float(value).is_integer() or value < 0:
            raise ValueError(f"'{number_as_text(value)}' bukan bilangan bulat tidak negatif.")
        return int(value)
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        raise ValueError("berisi tanggal/waktu, bukan bilangan. Format kolom sebagai Angka.")
    content = cell_text(value)
    if not content:
        return None
    if not _NUMBER_PATTERN.match(content):
        raise ValueError(f"'{content}' bukan bilangan bulat tidak negatif.")
    return int(content)


# Writing ------------------------------------------------------------------------------------------------


def escape_cell(value):
    """Prefix text that a spreadsheet would run as a formula with a quote, so it stays text.

    The one escape of every export (OWASP CSV injection): core.xlsx and write_csv apply it to each text cell,
    the admin export calls it directly. Numbers, dates and empty cells pass unchanged, and an escaped value is
    never escaped twice.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


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


def write_csv(headers: list, rows) -> bytes:
    """A CSV: UTF-8 with BOM and semicolons, which Excel in an Indonesian locale opens directly; cells escaped."""
    output = io.StringIO()
    csv_writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    csv_writer.writerow([escape_cell(j) for j in headers])
    csv_writer.writerows([escape_cell(v) for v in b] for b in rows)
    return ("\ufeff" + output.getvalue()).encode("utf-8")


def template_xlsx(sheet_name: str, columns: list, instructions: list, *, date_columns=(), number_columns=()) -> bytes:
    """A downloadable template: headers, text-formatted columns (dates and numbers as asked), a help sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name
    ws.append([header for _, header in columns])
    for i, (field, _) in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws[f"{letter}1"].font = Font(bold=True)
        ws.column_dimensions[letter].width = 22
        # Column style: what the user types later in these columns stays text (all 18 NIP digits kept).
        if field in date_columns:
            ws.column_dimensions[letter].number_format = "dd/mm/yyyy"
        elif field in number_columns:
            ws.column_dimensions[letter].number_format = "0"
        else:
            ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"
    instructions_sheet = wb.create_sheet("Petunjuk")
    instructions_sheet.append(["Kolom", "Keterangan"])
    for b in instructions:
        instructions_sheet.append(list(b))
    instructions_sheet.column_dimensions["A"].width = 22
    instructions_sheet.column_dimensions["B"].width = 100
    output = io.BytesIO()
    wb.save(output)
    return output.getvalue()
