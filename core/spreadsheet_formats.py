"""The spreadsheet formats the imports accept, and what is checked of a file's bytes before any parser opens it.

.xlsx, .xlsb and .ods are zip archives: checked for the parts a workbook of that kind has and for being safe to
unpack (zip bombs, odd or nested entries, macros, XML DOCTYPEs). .xls is an OLE2 compound file, judged by its
signature; python-calamine (Rust) reads it without unpacking anything. A .csv is text: UTF-8, or the encoding
charset-normalizer finds among those Excel writes a CSV in. Also which rows and columns a sheet hides, where the
format says so (xlsx, ods). core.spreadsheet reads the cells; nothing here touches the database.
"""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes
from defusedxml.ElementTree import fromstring, iterparse
from django.conf import settings

from core.numbers import angka


class FileRefused(Exception):
    """The file as a whole cannot be read (wrong type, too big, unsafe, no data)."""


@dataclass(frozen=True)
class Format:
    """One accepted kind of file: how messages name it, how to fix a misnamed one, the parts its archive has."""

    name: str
    book: str  # the program family: "Excel", "OpenDocument"
    save_as: str
    parts: tuple = ()  # entries every genuine archive of this kind has (zip-based formats only)


_SAVE_XLSX = "Buka di Excel lalu simpan sebagai 'Excel Workbook (.xlsx)'."
FORMATS = {
    ".xlsx": Format("berkas Excel (.xlsx)", "Excel", _SAVE_XLSX, ("[Content_Types].xml", "xl/workbook.xml")),
    ".xls": Format("berkas Excel 97-2003 (.xls)", "Excel", _SAVE_XLSX),
    ".xlsb": Format("berkas Excel biner (.xlsb)", "Excel", _SAVE_XLSX, ("[Content_Types].xml", "xl/workbook.bin")),
    ".ods": Format(
        "berkas OpenDocument (.ods)",
        "OpenDocument",
        "Buka di LibreOffice lalu simpan sebagai 'ODF Spreadsheet (.ods)'.",
        ("mimetype", "content.xml"),
    ),
    ".csv": Format("teks CSV", "CSV", "Di Excel pilih 'Simpan Sebagai' → 'CSV UTF-8 (Comma delimited)'."),
}
SPREADSHEET_EXTENSIONS = tuple(FORMATS)
# What the upload forms say they take.
ACCEPTED = "Excel (.xlsx, .xls, .xlsb), OpenDocument (.ods) atau CSV (.csv)"

_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def extension_of(filename: str) -> str:
    """The file's extension when it is one the imports accept (lowercase, with the dot), else refused."""
    extension = "." + (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if extension not in FORMATS:
        raise FileRefused(f"Format berkas tidak didukung: unggah berkas {ACCEPTED}.")
    return extension


def check_file(filename: str, size: int, limit_mb: int) -> str:
    """Refuse a file by name and size before reading it; returns its extension."""
    extension = extension_of(filename)
    if size > limit_mb * 1024 * 1024:
        raise FileRefused(
            f"Berkas berukuran {angka(size / 1024 / 1024, 1)} MB, melebihi batas {limit_mb} MB. "
            "Pecah berkas menjadi beberapa bagian."
        )
    return extension


def check_content(extension: str, data: bytes) -> None:
    """Refuse a file whose bytes are not what its extension says, or that is unsafe to open, without parsing it."""
    if extension == ".csv":
        decode_csv(data)
    elif extension == ".xls":
        if not data.startswith(_OLE2):
            raise _misnamed(extension, data)
    else:
        check_archive(data, extension)


# What a misnamed file really is, so the message can say so ("isinya PDF").
_FILE_SIGNATURES = (
    (b"%PDF-", "dokumen PDF"),
    (b"MZ", "program Windows (.exe/.dll)"),
    (b"\x7fELF", "program"),
    (b"\x89PNG\r\n\x1a\n", "gambar PNG"),
    (b"\xff\xd8\xff", "gambar JPEG"),
    (b"GIF8", "gambar GIF"),
    (_OLE2, "berkas Office lama (.xls/.doc)"),
    (_ZIP, "berkas Excel atau arsip zip"),
    (b"Rar!", "arsip RAR"),
    (b"7z\xbc\xaf\x27\x1c", "arsip 7-Zip"),
    (b"\x1f\x8b", "arsip gzip"),
)


def _guess_content(data: bytes) -> str | None:
    return next((kind for signature, kind in _FILE_SIGNATURES if data.startswith(signature)), None)


def _misnamed(extension: str, data: bytes) -> FileRefused:
    fmt = FORMATS[extension]
    kind = _guess_content(data)
    contains = f"isinya {kind}, bukan" if kind else "isinya bukan"
    return FileRefused(f"Berkas bernama {extension} tetapi {contains} {fmt.name}. {fmt.save_as}")


# Archives -----------------------------------------------------------------------------------------------

# Below this an entry's compression ratio is not judged: small, repetitive XML parts compress very well.
_RATIO_FROM_BYTES = 1024 * 1024
_EXCERPT = 64 * 1024
# Parts a roster or attendance workbook never needs: macros (Excel's vbaProject, OpenDocument's Basic and
# Scripts), embedded objects, archives inside the archive.
_FOREIGN_ENTRIES = re.compile(
    r"(^|/)(vbaProject\.bin|embeddings/)|^(Basic|Scripts|Object \d+)/"
    r"|\.(zip|xlsx|xlsm|xlsb|xls|ods|docx|docm|7z|rar|gz|exe|dll|jar)$",
    re.IGNORECASE,
)


def check_archive(data: bytes, extension: str = ".xlsx") -> None:
    """Refuse an .xlsx, .xlsb or .ods whose archive is not a workbook or is unsafe to unpack, before any parser
    opens it.

    Counts entries, and measures each entry's unpacked size and compression ratio by unpacking it (the sizes
    an archive declares can be forged) up to XLSX_MAX_UNPACKED_MB in total. Refuses odd entry names (absolute,
    '..', backslashes, duplicates), encrypted entries or documents, macros, embedded files and archives inside
    the archive, and XML parts with a DOCTYPE: neither OOXML nor OpenDocument ever has one, and entity expansion
    (billion laughs, external entities) needs one.
    """
    fmt = FORMATS[extension]
    if not data.startswith(_ZIP):
        raise _misnamed(extension, data)
    max_entries, limit_mb = settings.XLSX_MAX_ENTRIES, settings.XLSX_MAX_UNPACKED_MB
    broken = FileRefused(f"Berkas {fmt.book} rusak atau tidak lengkap. {fmt.save_as}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entry = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise broken from None
    if len(entry) > max_entries:
        raise FileRefused(
            f"Arsip berkas {fmt.book} berisi {len(entry)} bagian, melebihi batas {max_entries}. "
            f"Berkas ini bukan buku kerja biasa; simpan ulang data saja sebagai {extension} baru."
        )
    names = [e.filename for e in entry]
    if any(part not in names for part in fmt.parts):
        raise FileRefused(f"Berkas bernama {extension} tetapi isinya bukan buku kerja {fmt.book} yang sah.")
    if len(set(names)) != len(names) or any(
        n.startswith("/") or "\\" in n or ".." in n.split("/") or "\x00" in n for n in names
    ):
        raise FileRefused(f"Arsip berkas {fmt.book} berisi nama bagian yang tidak wajar; berkas ditolak.")
    password = FileRefused(f"Berkas {fmt.book} dilindungi kata sandi. Simpan ulang tanpa kata sandi lalu unggah lagi.")
    if any(e.flag_bits & 0x1 for e in entry):
        raise password
    if foreign := next((n for n in names if _FOREIGN_ENTRIES.search(n)), None):
        raise FileRefused(
            f"Berkas {fmt.book} berisi makro, objek tersemat atau arsip lain ({foreign}). "
            f"Salin datanya ke buku kerja baru tanpa objek lalu simpan sebagai {extension}."
        )
    remaining = limit_mb * 1024 * 1024
    try:
        for e in entry:
            _check_entry(archive, e, remaining, limit_mb, settings.XLSX_MAX_RATIO, fmt)
            remaining -= e.file_size
        if extension == ".ods":
            # Every entry is known safe to unpack by now.
            if archive.read("mimetype").strip() != _ODS_MIMETYPE:
                raise FileRefused(f"Berkas bernama {extension} tetapi isinya bukan buku kerja {fmt.book} yang sah.")
            if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read("META-INF/manifest.xml"):
                raise password
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, zlib.error):
        raise broken from None


def _check_entry(archive, entry, remaining: int, limit_mb: int, max_ratio: int, fmt: Format) -> None:
    xml = entry.filename.lower().endswith((".xml", ".rels", ".vml", ".rdf"))
    size, tail = 0, b""
    with archive.open(entry) as f:
        while cut := f.read(_EXCERPT):
            size += len(cut)
            if size > remaining:
                raise FileRefused(
                    f"Isi berkas {fmt.book} bila dibuka melebihi {limit_mb} MB (kemungkinan 'zip bomb'); "
                    "berkas ditolak."
                )
            if size > _RATIO_FROM_BYTES and size > max_ratio * max(entry.compress_size, 1):
                raise FileRefused(
                    f"Bagian {entry.filename} terkompresi lebih dari {max_ratio} kali lipat "
                    "(kemungkinan 'zip bomb'); berkas ditolak."
                )
            if xml and b"<!DOCTYPE" in tail + cut:
                raise FileRefused(
                    f"Bagian {entry.filename} berisi deklarasi DOCTYPE/ENTITY, yang tidak pernah ada di berkas "
                    f"{fmt.book} biasa (kemungkinan serangan XML); berkas ditolak."
                )
            tail = cut[-16:]


# CSV text -----------------------------------------------------------------------------------------------

# Besides UTF-8, the encodings Excel saves a CSV in: Windows' "CSV (Comma delimited)" in an Indonesian or
# Western locale (Windows-1252) and Excel for Mac (Mac Roman). charset-normalizer chooses between them by how
# the text reads; left to choose among every encoding it takes short Latin names for Central European or
# Japanese ones.
CSV_ENCODINGS = ("cp1252", "mac_roman")
ENCODING_LABELS = {"utf_8": "UTF-8", "cp1252": "Windows-1252 (ANSI)", "mac_roman": "Mac Roman"}


def decode_csv(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of a .csv upload and its encoding (a Python codec name, a key of ENCODING_LABELS).

    `encoding` is the one found when the file was previewed, so the import reads it the same way. Refused when
    the bytes are binary (NUL bytes, a known file signature) or read as none of the encodings Excel writes.
    """
    if b"\x00" in data or data.startswith((_ZIP, b"%PDF-")):
        kind = _guess_content(data)
        note = f" ({kind})" if kind else ""
        raise FileRefused(
            f"Berkas bernama .csv tetapi isinya biner{note}, bukan teks CSV. "
            "Jika ini berkas Excel, unggah dengan nama aslinya (.xlsx atau .xls)."
        )
    if encoding in (None, "utf_8"):
        try:
            return data.decode("utf-8-sig"), "utf_8"
        except UnicodeDecodeError:
            pass
    if encoding in CSV_ENCODINGS:
        return data.decode(encoding), encoding
    best = from_bytes(data, cp_isolation=list(CSV_ENCODINGS)).best()
    if best is None or best.encoding not in CSV_ENCODINGS:
        raise FileRefused(f"Enkoding berkas CSV tidak dikenali. {FORMATS['.csv'].save_as}")
    return str(best), best.encoding


# Hidden rows and columns --------------------------------------------------------------------------------

_HIDDEN = re.compile(rb'hidden="(?:1|true)"')  # starting with a literal, so it is searched for fast
_ROW_TAG, _COL_TAG = re.compile(rb"<(?:\w+:)?row\s"), re.compile(rb"<(?:\w+:)?col\s")
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
_COL_MIN, _COL_MAX = re.compile(rb'\smin="(\d+)"'), re.compile(rb'\smax="(\d+)"')
_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def hidden_rows_columns(data: bytes, extension: str, sheet: str, rows: int, columns: int):
    """(hidden row numbers, hidden column indexes from 0) of a checked .xlsx or .ods sheet, within its first
    `rows` rows and `columns` columns; None where the format does not say (.xls, .xlsb, .csv)."""
    if extension not in (".xlsx", ".ods"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if extension == ".ods":
                with archive.open("content.xml") as content:
                    return _hidden_ods(content, sheet, rows, columns)
            part = _xlsx_sheet_part(archive, sheet)
            xml = archive.read(part) if part else b""
    except (KeyError, ValueError, SyntaxError):
        # A part laid out unlike Excel's or LibreOffice's: calamine read the cells, so only this note is lost.
        return None
    hidden_rows, hidden_columns = set(), set()
    # From each hidden="1" to its tag: a sheet of 50,000 rows has a few, and matching every tag costs a second.
    for found in _HIDDEN.finditer(xml):
        tag = xml[xml.rfind(b"<", 0, found.start()) : xml.find(b">", found.end())]
        if not xml[found.start() - 1 : found.start()].isspace():
            continue
        if _ROW_TAG.match(tag) and (number := _ROW_NUMBER.search(tag)):
            hidden_rows.add(int(number.group(1)))
        elif _COL_TAG.match(tag) and (low := _COL_MIN.search(tag)) and (high := _COL_MAX.search(tag)):
            hidden_columns.update(range(int(low.group(1)) - 1, min(int(high.group(1)), columns)))
    return {r for r in hidden_rows if r <= rows}, hidden_columns


def _xlsx_sheet_part(archive, sheet: str) -> str | None:
    """The archive entry of a sheet, through workbook.xml (name → relationship id) and its relationships."""
    relation = next(
        (
            value
            for element in fromstring(archive.read("xl/workbook.xml")).iter()
            if element.tag.endswith("}sheet") and element.get("name") == sheet
            for key, value in element.attrib.items()
            if key.endswith("}id")
        ),
        None,
    )
    targets = {
        element.get("Id"): element.get("Target", "")
        for element in fromstring(archive.read("xl/_rels/workbook.xml.rels")).iter()
        if element.tag.endswith("}Relationship")
    }
    target = targets.get(relation)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _hidden_ods(content, sheet: str, rows: int, columns: int):
    hidden_rows, hidden_columns = set(), set()
    inside, row, column = False, 0, 0
    for event, element in iterparse(content, events=("start", "end"), forbid_dtd=True):
        tag = element.tag
        if tag == f"{_ODS_TABLE}table":
            if event == "start":
                inside = element.get(f"{_ODS_TABLE}name") == sheet
            elif inside:
                break
        elif inside and event == "start" and tag in (f"{_ODS_TABLE}table-row", f"{_ODS_TABLE}table-column"):
            is_row = tag.endswith("row")
            repeated = int(element.get(f"{_ODS_TABLE}number-{'rows' if is_row else 'columns'}-repeated", 1))
            hidden = element.get(f"{_ODS_TABLE}visibility") in ("collapse", "filter")
            if is_row:
                if hidden:
                    hidden_rows.update(range(row + 1, min(row + repeated, rows) + 1))
                row += repeated
            else:
                if hidden:
                    hidden_columns.update(range(column, min(column + repeated, columns)))
                column += repeated
        if event == "end" and tag == f"{_ODS_TABLE}table-row":
            element.clear()
    return hidden_rows, hidden_columns
