"""Spreadsheet files in and out, for every import and export: the roster, attendance, training hours, TPP.

Reading: .xlsx, .xls, .xlsb and .ods through python-calamine, .csv with comma or semicolon in UTF-8 or the
encoding Excel saved it in (the formats and their content checks are core.spreadsheet_formats'). The header
row is found wherever it stands in a sheet's first rows, and the sheet whose header matches is read; cell helpers
refuse what a spreadsheet has already corrupted (an NIP stored as a number); errors are located by row and
column. Writing: CSV, and the escape of formula-like text every export applies (XLSX exports are written by
core.xlsx). What a file *means* stays in the module that imports it (kinerja.pegawai.roster, evaluasi.impor);
nothing here touches the database.
"""

import csv
import datetime
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from .spreadsheet_formats import (
    ENCODING_LABELS,
    FORMATS,
    FileRefused,
    check_content,
    check_file,
    decode_csv,
    hidden_rows_columns,
)

# Spreadsheet formula triggers (OWASP "CSV injection"): such cells are exported with a leading quote.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The header row is looked for this far down a sheet: offices put titles, dates and notes above it.
HEADER_SEARCH_ROWS = 20
# Hidden rows and cells of another encoding listed in a stored preview; counts are always complete.
LISTED = 20


@dataclass(frozen=True)
class RowError:
    """One problem, located as the user sees it in the spreadsheet (its own row numbers)."""

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


def check_spreadsheet_upload(upload, limit_mb: int):
    """An uploaded spreadsheet's name, size and content checked before it is stored (every import form uses this)."""
    try:
        extension = check_file(upload.name, upload.size, limit_mb)
        upload.seek(0)
        check_content(extension, upload.read())
        upload.seek(0)
    except FileRefused as exc:
        raise ValidationError(str(exc)) from None
    return upload


# Headers ------------------------------------------------------------------------------------------------


def header_key(header) -> str:
    """A header reduced to lowercase letters and digits, so 'Kode Unit', 'KODE_UNIT' and 'kode unit' match."""
    return re.sub(r"[^a-z0-9]", "", str(header).lower())


@dataclass(frozen=True)
class Columns:
    """The columns an import reads: (key, header) in template order, the keys it requires, other spellings.

    Headers are compared by header_key, so case, spacing and punctuation do not matter. `alias` maps another
    accepted spelling to a key; a list kept elsewhere (an administrator-edited table of aliases) plugs in here.
    """

    columns: tuple
    required: tuple
    alias: Mapping = field(default_factory=dict)

    @cached_property
    def _keys(self) -> dict:
        keys = {header_key(header): key for key, header in self.columns}
        keys.update({header_key(spelling): key for spelling, key in self.alias.items()})
        return keys

    def find(self, cells) -> tuple[dict, list]:
        """Where each known column stands in a row: (key → cell index, keys found more than once)."""
        keys, positions, repeated = self._keys, {}, []
        for i, cell in enumerate(cells):
            key = keys.get(header_key(cell)) if cell not in (None, "") else None
            if key is None:
                continue  # extra columns (a running number, notes) are allowed and ignored
            if key in positions:
                repeated.append(key)
            positions[key] = i
        return positions, repeated

    def errors(self, positions, repeated, row) -> list:
        """A header row's problems: a repeated column, a missing required one."""
        headers = dict(self.columns)
        errors = [RowError(row, headers[k], f"Kolom '{headers[k]}' muncul lebih dari sekali.") for k in repeated]
        errors += [
            RowError(row, headers[k], f"Kolom wajib '{headers[k]}' tidak ada di baris judul.")
            for k in self.required
            if k not in positions
        ]
        return errors

    def example(self) -> str:
        return ", ".join(dict(self.columns)[k] for k in self.required[:3])


@dataclass
class _Header:
    row: int  # the spreadsheet's row number
    positions: dict
    repeated: list

    def found(self, columns: Columns) -> bool:
        return all(k in self.positions for k in columns.required)


def _find_header(top_rows, columns: Columns) -> _Header | None:
    """The first of the top rows holding every required column; else the one holding most known columns (the
    first non-blank row when none holds any), whose missing columns the errors then name; None when all blank."""
    best = None
    for number, cells in enumerate(top_rows[:HEADER_SEARCH_ROWS], start=1):
        header = _Header(number, *columns.find(cells))
        if header.found(columns):
            return header
        if (best is None and not _is_blank_row(cells)) or (best and len(header.positions) > len(best.positions)):
            best = header
    return best


def sort_errors(errors, columns) -> None:
    """Sort errors by row, then by the column's position in the template."""
    column_order = {header: i for i, (_, header) in enumerate(columns)}
    errors.sort(key=lambda g: (g.row or 0, column_order.get(g.column, -1)))


# Reading ------------------------------------------------------------------------------------------------


@dataclass
class Table:
    """A file's table and how it was found, for the import to check and its preview to tell.

    `rows` are the data rows below the header row with their spreadsheet row numbers, leaving out rows with
    nothing in the columns read (blank or merely formatted rows, a running number alone); `positions` maps each
    column key to its cell index; `errors` are the header's (a missing or repeated column), by row.
    """

    headers: list
    rows: list  # [(row number, [cells])]
    positions: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    header_row: int | None = 1
    found: bool = True  # the header row holds every required column
    extension: str = ".xlsx"
    sheet: str = ""  # workbooks: the sheet read; every worksheet, and those whose header row was found
    sheets: list = field(default_factory=list)
    matching: list = field(default_factory=list)
    hidden_sheet: bool = False
    encoding: str = ""  # CSV: the codec it was read with, and cells beyond ASCII to check when not UTF-8
    sample: list = field(default_factory=list)
    hidden_rows: list | None = None  # data rows and columns hidden in the file; None where the format does not say
    hidden_columns: list | None = None

    def describe(self) -> dict:
        """How the file was read, JSON-ready with Indonesian keys, as the import jobs store it for the preview."""
        return {
            "format": self.extension,
            "lembar": self.sheet,
            "semua_lembar": self.sheets,
            "lembar_cocok": self.matching,
            "lembar_tersembunyi": self.hidden_sheet,
            "baris_judul": self.header_row,
            "judul_ditemukan": self.found,
            "batas_cari_judul": HEADER_SEARCH_ROWS,
            "enkoding": self.encoding,
            "label_enkoding": ENCODING_LABELS.get(self.encoding, self.encoding),
            "contoh": self.sample,
            "baris_tersembunyi": None if self.hidden_rows is None else self.hidden_rows[:LISTED],
            "jumlah_baris_tersembunyi": None if self.hidden_rows is None else len(self.hidden_rows),
            "kolom_tersembunyi": self.hidden_columns,
        }


def read_table(
    filename: str,
    data: bytes,
    *,
    limit_mb: int,
    columns: Columns,
    sheet: str | None = None,
    encoding: str | None = None,
) -> Table:
    """Read a spreadsheet's table, checking size and that the content is what the extension says.

    The header row is the first of a sheet's first HEADER_SEARCH_ROWS rows that holds every required column of
    `columns`, whatever stands above it. The sheet is `sheet` when given (the user's choice), else the first
    whose header row is found, else the one that comes closest. `encoding` (CSV) is the one found at preview.
    """
    extension = check_file(filename, len(data), limit_mb)
    if extension == ".csv":
        return _read_csv(data, columns, encoding)
    check_content(extension, data)
    return _read_workbook(data, extension, columns, sheet)


def _table(extension, all_rows, header: _Header, columns: Columns, **how) -> Table:
    """The table below a found header row: data rows, header errors, hidden rows and columns (given per file)."""
    positions = header.positions
    read = list(positions.values())
    rows = [
        (number, cells)
        for number, cells in enumerate(all_rows[header.row :], start=header.row + 1)
        if any(i < len(cells) and not _is_blank(cells[i]) for i in read)
    ]
    return Table(
        headers=all_rows[header.row - 1],
        rows=rows,
        positions=positions,
        errors=columns.errors(positions, header.repeated, header.row),
        header_row=header.row,
        found=header.found(columns),
        extension=extension,
        **how,
    )


def _empty(columns: Columns) -> FileRefused:
    return FileRefused(
        f"Berkas kosong: tidak ada baris judul kolom ({columns.example()}, ...) di {HEADER_SEARCH_ROWS} baris pertama."
    )


def _read_workbook(data: bytes, extension: str, columns: Columns, sheet: str | None) -> Table:
    fmt = FORMATS[extension]
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        worksheets = [m for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        names = [m.name for m in worksheets]
        if sheet and sheet not in names:
            raise FileRefused(f"Lembar '{sheet}' tidak ada di berkas ini.")
        found = {}
        # Every sheet is looked at, also when one is chosen, so the preview can still offer the others.
        for name in names:
            content = book.get_sheet_by_name(name)
            # skip_empty_area=False keeps row numbers equal to the spreadsheet's, even with empty top rows.
            found[name] = (
                content,
                _find_header(content.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS), columns),
            )
        matching = [n for n, (_, h) in found.items() if h and h.found(columns)]
        hidden = {m.name for m in worksheets if m.visible != SheetVisibleEnum.Visible}
        if sheet:
            chosen = sheet
        elif matching:
            chosen = sorted(matching, key=lambda n: n in hidden)[0]
        else:
            near = [(len(h.positions), -i, n) for i, (n, (_, h)) in enumerate(found.items()) if h]
            if not near:
                raise _empty(columns)
            chosen = max(near)[2]
        content, header = found[chosen]
        how = {"sheet": chosen, "sheets": names, "matching": matching, "hidden_sheet": chosen in hidden}
        if header is None:
            return Table(
                [],
                [],
                errors=[RowError(None, None, f"Lembar '{chosen}' kosong; pilih lembar lain.")],
                header_row=None,
                found=False,
                extension=extension,
                **how,
            )
        all_rows = content.to_python(skip_empty_area=False)
    except FileRefused:
        raise
    except PasswordError:
        raise FileRefused(
            f"Berkas {fmt.book} dilindungi kata sandi. Simpan ulang tanpa kata sandi lalu unggah lagi."
        ) from None
    except Exception:  # calamine raises its own error types for damaged workbooks
        raise FileRefused(
            f"{fmt.name[0].upper()}{fmt.name[1:]} ini rusak dan tidak dapat dibaca. {fmt.save_as}"
        ) from None
    table = _table(extension, all_rows, header, columns, **how)
    width = len(table.headers)
    hidden_cells = hidden_rows_columns(data, extension, chosen, len(all_rows), width)
    if hidden_cells is not None:
        hidden_rows, hidden_columns = hidden_cells
        table.hidden_rows = [number for number, _ in table.rows if number in hidden_rows]
        table.hidden_columns = [
            cell_text(table.headers[i]) or _column_letter(i) for i in sorted(hidden_columns) if i < width
        ]
    return table


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _read_csv(data: bytes, columns: Columns, encoding: str | None) -> Table:
    text, encoding = decode_csv(data, encoding)
    try:
        # Excel in an Indonesian locale separates with semicolons, elsewhere with commas: the one under which
        # a header row is found wins, else the one more frequent in the first line.
        first_line = text.split("\n", 1)[0]
        candidates = []
        for rank, separator in enumerate(sorted(";,", key=lambda s: -first_line.count(s))):
            top = list(islice(csv.reader(io.StringIO(text, newline=""), delimiter=separator), HEADER_SEARCH_ROWS))
            header = _find_header(top, columns)
            if header:
                candidates.append(((header.found(columns), len(header.positions), -rank), separator, header))
        if not candidates:
            raise _empty(columns)
        _, separator, header = max(candidates, key=lambda c: c[0])
        all_rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error:
        raise FileRefused(
            'Berkas CSV tidak dapat dibaca: ada tanda kutip (") yang tidak berpasangan atau sel yang terlalu '
            "panjang. Buka di Excel lalu simpan ulang sebagai CSV."
        ) from None
    sample = []
    if encoding != "utf_8":
        beyond_ascii = (cell for cells in all_rows for cell in cells if not cell.isascii())
        sample = list(islice(dict.fromkeys(beyond_ascii), 5))
    return _table(".csv", all_rows, header, columns, encoding=encoding, sample=sample)


def _is_blank(cell) -> bool:
    return not (cell.strip() if cell.__class__ is str else cell is not None)


def _is_blank_row(cells) -> bool:
    return all(_is_blank(cell) for cell in cells)


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
    for i, (key, _) in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws[f"{letter}1"].font = Font(bold=True)
        ws.column_dimensions[letter].width = 22
        # Column style: what the user types later in these columns stays text (all 18 NIP digits kept).
        if key in date_columns:
            ws.column_dimensions[letter].number_format = "dd/mm/yyyy"
        elif key in number_columns:
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
