"""XLSX writing for every export: rows go into the compressed archive as they come, several sheets per workbook.

An export of the whole province (tens of thousands of ASN, each with several indicators) thus holds one batch of
rows in memory, and writes several times faster than openpyxl, whose pure-Python XML writer (there is no lxml
here) took most of an export's time. What it writes is deliberately small: bold headers kept in view, column
widths, text as text, numbers as numbers with a number format, dates as dates. Reading stays in core.spreadsheet.
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from core.spreadsheet import escape_cell


def write_xlsx(sheet_name: str, headers: list, rows, *, widths=None, number_formats=None) -> bytes:
    """A one-sheet XLSX (write_workbook): `widths` gives column widths; `number_formats` maps a column index to
    a number format for numeric cells (e.g. '#,##0' for rupiah), others numeric default to General."""
    widths, number_formats = list(widths or []), number_formats or {}
    columns = [
        Column(header, widths[i] if i < len(widths) else None, number_formats.get(i))
        for i, header in enumerate(headers)
    ]
    return write_workbook([Sheet(sheet_name, columns, rows)])


@dataclass(frozen=True)
class Column:
    """A column of a written sheet: its header, width (in characters) and the number format of its numeric
    cells, in Excel's notation ('#,##0.00'), which Excel shows in the reader's locale (1.234,50 in Indonesian).
    Dates and times default to dd/mm/yyyy and dd/mm/yyyy hh:mm."""

    header: str
    width: float | None = None
    number_format: str | None = None


@dataclass(frozen=True)
class Sheet:
    """A sheet to write: `rows` (sequences in column order) is read once, while the sheet is written."""

    name: str
    columns: list
    rows: object


def write_workbook(sheets) -> bytes:
    """An XLSX of several sheets, each row written into the compressed archive as it comes: an export holds one
    batch of rows in memory, whatever its size, and writes several times faster than openpyxl.

    Each sheet has a bold header row kept in view. Text is stored as text (an 18-digit NIP stays text) and
    escaped (escape_cell); numbers (int, float, Decimal) stay numbers; dates and times are spreadsheet dates, an
    aware time written as the wall-clock time of the current time zone (WITA); None and "" leave the cell empty.
    """
    output, styles, names = io.BytesIO(), _Styles(), []
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, sheet in enumerate(sheets, start=1):
            names.append(_sheet_name(sheet.name, names))
            with archive.open(f"xl/worksheets/sheet{number}.xml", "w") as part:
                _write_sheet(part, sheet, styles)
        count = len(names)
        archive.writestr("[Content_Types].xml", _content_types(count))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _workbook(names))
        archive.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(count))
        archive.writestr("xl/styles.xml", styles.xml())
    return output.getvalue()


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_ROOT_RELS = (
    f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}"><Relationship Id="rId1" '
    f'Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
# Excel's built-in number formats need no declaration; any other gets an id from 164 on.
_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "@": 49}
_DATE_FORMAT, _DATETIME_FORMAT = "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
_EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
_ONE_DAY = datetime.timedelta(days=1)
# XML's escapes; characters XML 1.0 cannot carry at all are dropped, as no spreadsheet could show them anyway.
_NOT_XML = [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]
_XML_TEXT = str.maketrans({**dict.fromkeys(_NOT_XML), "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
# Translating is slow, and most text needs none: this finds the text that does.
_NEEDS_ESCAPE = re.compile('[&<>"' + "".join(map(chr, _NOT_XML)) + "]")
_SHEET_NAME_FORBIDDEN = re.compile(r"[:\\/?*\[\]]")
_ROWS_PER_WRITE = 500


class _Styles:
    """The workbook's cell formats, (number format, bold) → index in styles.xml, collected while writing."""

    def __init__(self):
        self.index = {("General", False): 0}
        self.custom = {}

    def __call__(self, number_format: str, bold: bool = False) -> int:
        key = (number_format, bold)
        if key not in self.index:
            if number_format not in _BUILTIN_FORMATS:
                self.custom.setdefault(number_format, 164 + len(self.custom))
            self.index[key] = len(self.index)
        return self.index[key]

    def xml(self) -> str:
        formats = "".join(
            f'<numFmt numFmtId="{i}" formatCode="{code.translate(_XML_TEXT)}"/>' for code, i in self.custom.items()
        )
        xfs = "".join(
            f'<xf numFmtId="{_BUILTIN_FORMATS.get(code, self.custom.get(code))}" fontId="{int(bold)}" fillId="0" '
            f'borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>'
            for code, bold in self.index
        )
        return (
            f'{_XML_HEAD}<styleSheet xmlns="{_MAIN_NS}">'
            + (f'<numFmts count="{len(self.custom)}">{formats}</numFmts>' if self.custom else "")
            + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(self.index)}">{xfs}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
        )


@dataclass(frozen=True)
class _CellStyles:
    letter: str
    text: int
    number: int
    date: int
    datetime: int


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _write_sheet(part, sheet: Sheet, styles: _Styles) -> None:
    columns = [
        _CellStyles(
            _column_letter(i),
            styles("@"),
            styles(c.number_format or "General"),
            styles(c.number_format or _DATE_FORMAT),
            styles(c.number_format or _DATETIME_FORMAT),
        )
        for i, c in enumerate(sheet.columns)
    ]
    widths = "".join(
        f'<col min="{i}" max="{i}" width="{c.width}" customWidth="1"/>'
        for i, c in enumerate(sheet.columns, start=1)
        if c.width
    )
    bold = styles("@", bold=True)
    header = "".join(
        f'<c r="{s.letter}1" s="{bold}" t="inlineStr"><is>{_text(escape_cell(c.header))}</is></c>'
        for s, c in zip(columns, sheet.columns, strict=True)
    )
    part.write(
        (
            f'{_XML_HEAD}<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
            + (f"<cols>{widths}</cols>" if widths else "")
            + f'<sheetData><row r="1">{header}</row>'
        ).encode()
    )
    batch = []
    for number, row in enumerate(sheet.rows, start=2):
        cells = "".join(_cell(f"{s.letter}{number}", v, s) for s, v in zip(columns, row, strict=False))
        batch.append(f'<row r="{number}">{cells}</row>')
        if len(batch) == _ROWS_PER_WRITE:
            part.write("".join(batch).encode())
            batch = []
    part.write(("".join(batch) + "</sheetData></worksheet>").encode())


def _cell(ref: str, value, style: _CellStyles) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):  # most cells: checked first
        return f'<c r="{ref}" s="{style.text}" t="inlineStr"><is>{_text(escape_cell(value))}</is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal):
        return f'<c r="{ref}" s="{style.number}"><v>{value}</v></c>'
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = timezone.localtime(value).replace(tzinfo=None)
        return f'<c r="{ref}" s="{style.datetime}"><v>{(value - _EXCEL_EPOCH) / _ONE_DAY}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c r="{ref}" s="{style.date}"><v>{(value - _EXCEL_EPOCH.date()).days}</v></c>'
    return f'<c r="{ref}" s="{style.text}" t="inlineStr"><is>{_text(escape_cell(str(value)))}</is></c>'


def _text(text: str) -> str:
    """A <t> element; spreadsheets drop leading and trailing spaces unless told to keep them."""
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_XML_TEXT)
    return f'<t xml:space="preserve">{text}</t>' if text != text.strip() else f"<t>{text}</t>"


def _sheet_name(name: str, taken: list) -> str:
    """A name Excel accepts: no : \\ / ? * [ ], at most 31 characters, unique in the workbook."""
    base = _SHEET_NAME_FORBIDDEN.sub(" ", str(name)).strip()[:31] or "Lembar"
    result, n = base, 1
    while result.lower() in (t.lower() for t in taken):
        n += 1
        result = f"{base[: 31 - len(str(n)) - 1]} {n}"
    return result


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    return (
        f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{sheets}</Types>"
    )


def _workbook(names: list) -> str:
    sheets = "".join(
        f'<sheet name="{name.translate(_XML_TEXT)}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, 1)
    )
    return f'{_XML_HEAD}<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><sheets>{sheets}</sheets></workbook>'


def _workbook_rels(count: int) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    styles = f'<Relationship Id="rId{count + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
    return f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}">{rels}{styles}</Relationships>'
