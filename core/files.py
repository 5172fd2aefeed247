"""Evidence files (bukti) for a realisation: limited size and type, checked by content, not only by name."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

EVIDENCE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "xlsx", "docx")

# Office Open XML files are zip archives; the folder inside tells a spreadsheet from a document.
_FOLDER_OOXML = {"xlsx": "xl/", "docx": "word/"}


def _jenis_menurut_isi(berkas) -> str | None:
    """The type the bytes say the file is (pdf, jpg, png, xlsx, docx), or None."""
    berkas.seek(0)
    kepala = berkas.read(8)
    berkas.seek(0)
    if kepala.startswith(b"%PDF-"):
        return "pdf"
    if kepala.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if kepala.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if kepala.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(berkas) as arsip:
                nama = arsip.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            berkas.seek(0)
        if "[Content_Types].xml" in nama:
            for jenis, folder in _FOLDER_OOXML.items():
                if any(n.startswith(folder) for n in nama):
                    return jenis
    return None


def validate_evidence_file(berkas) -> None:
    """Refuse an evidence file that is too large, has another extension, or whose content is not its extension."""
    batas = settings.BUKTI_MAX_MB
    if berkas.size > batas * 1024 * 1024:
        raise ValidationError(f"Berkas bukti paling besar {batas} MB (berkas ini {berkas.size / 1024 / 1024:.1f} MB).")
    nama = berkas.name or ""
    ekstensi = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    if ekstensi not in EVIDENCE_EXTENSIONS:
        raise ValidationError(f"Jenis berkas bukti harus salah satu dari: {', '.join(EVIDENCE_EXTENSIONS)}.")
    ekstensi = "jpg" if ekstensi == "jpeg" else ekstensi
    isi = _jenis_menurut_isi(berkas)
    if isi != ekstensi:
        raise ValidationError(f"Isi berkas '{nama.rsplit('/', 1)[-1]}' bukan berkas {ekstensi.upper()} yang sah.")
