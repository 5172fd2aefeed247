"""Evidence files (bukti) for a realisation: limited size and type, checked by content, not only by name."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

EVIDENCE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "xlsx", "docx")

# Office Open XML files are zip archives; the folder inside tells a spreadsheet from a document.
_FOLDER_OOXML = {"xlsx": "xl/", "docx": "word/"}


def _kind_by_content(upload) -> str | None:
    """The type the bytes say the file is (pdf, jpg, png, xlsx, docx), or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for kind, folder in _FOLDER_OOXML.items():
                if any(n.startswith(folder) for n in names):
                    return kind
    return None


def validate_evidence_file(upload) -> None:
    """Refuse an evidence file that is too large, has another extension, or whose content is not its extension."""
    limit = settings.BUKTI_MAX_MB
    if upload.size > limit * 1024 * 1024:
        raise ValidationError(f"Berkas bukti paling besar {limit} MB (berkas ini {upload.size / 1024 / 1024:.1f} MB).")
    filename = upload.name or ""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError(f"Jenis berkas bukti harus salah satu dari: {', '.join(EVIDENCE_EXTENSIONS)}.")
    extension = "jpg" if extension == "jpeg" else extension
    if _kind_by_content(upload) != extension:
        raise ValidationError(f"Isi berkas '{filename.rsplit('/', 1)[-1]}' bukan berkas {extension.upper()} yang sah.")
