"""Hostile uploads: files judged by their bytes, not their names, and xlsx archives checked before parsing."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from core.files import validate_evidence_file
from core.spreadsheet import FileRefused, read_table
from core.spreadsheet_formats import check_archive
from evaluasi.impor import FORMAT
from evaluasi.models import ImporFakta
from kinerja.models import ImporRoster, Pegawai
from kinerja.pegawai import services
from kinerja.pegawai.roster import KOLOM_BACA
from kinerja.penilaian.forms import BANTUAN_BERKAS
from tests.berkas_kantor import fixture
from tests.kinerja.pegawai.berkas_roster import baris_pegawai, csv_bytes, roster_kecil, xlsx

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
PDF = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n"
JUDUL_HADIR = [j for _, j in FORMAT["KEHADIRAN"].kolom]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def ganti_bagian(data: bytes, ganti: dict, tambah: dict | None = None) -> bytes:
    """The xlsx with some parts replaced and others added (compressed as Excel does)."""
    keluaran = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as lama, zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as baru:
        for info in lama.infolist():
            baru.writestr(info.filename, ganti.get(info.filename, lama.read(info.filename)))
        for nama, isi in (tambah or {}).items():
            baru.writestr(nama, isi)
    return keluaran.getvalue()


def unggah_roster(client, nama, data):
    return client.post(reverse("impor_roster"), {"berkas": SimpleUploadedFile(nama, data)})


def unggah_hadir(client, nama, data):
    return client.post(reverse("evaluasi:impor"), {"jenis": "KEHADIRAN", "berkas": SimpleUploadedFile(nama, data)})


def galat_form(response):
    assert response.status_code == 200, response.status_code
    return " ".join(response.context["form"].errors["berkas"])


@pytest.mark.parametrize(
    ("nama", "data", "pesan"),
    [
        ("roster.xlsx", EXE, "isinya program Windows (.exe/.dll), bukan berkas Excel"),
        ("roster.xlsx", PDF, "isinya dokumen PDF, bukan berkas Excel"),
        ("roster.xlsx", b"NIP,Nama\n1,A\n", "isinya bukan berkas Excel"),
        ("roster.csv", EXE, "isinya biner (program Windows (.exe/.dll)), bukan teks CSV"),
        ("roster.csv", PDF, "isinya biner (dokumen PDF), bukan teks CSV"),
        ("roster.csv", xlsx(roster_kecil()), "isinya biner (berkas Excel atau arsip zip)"),
        ("roster.csv", b"NIP;Nama\n1;\x81\x8d\x8f\x90\x9d\n" * 5, "Enkoding berkas CSV tidak dikenali"),
        ("roster.exe", csv_bytes(roster_kecil()), "Format berkas tidak didukung"),
    ],
)
def test_a_file_whose_bytes_are_not_its_name_is_refused_by_the_upload_form(org, login, nama, data, pesan):
    client = login(org.admin)
    assert pesan in galat_form(unggah_roster(client, nama, data))
    assert not ImporRoster.objects.exists()
    assert pesan in galat_form(unggah_hadir(login(org.hr_a), nama, data))
    assert not ImporFakta.objects.exists()


def test_a_genuine_file_still_passes_the_form(org, login):
    response = unggah_roster(login(org.admin), "roster.xlsx", xlsx(roster_kecil()))
    assert response.status_code == 302
    assert ImporRoster.objects.get().galat == []


def test_the_attendance_upload_form_caps_the_size(org, login, settings):
    settings.EVALUASI_MAX_UPLOAD_MB = 1
    besar = csv_bytes([], JUDUL_HADIR) + b"x" * (1024 * 1024)
    assert "melebihi batas 1 MB" in galat_form(unggah_hadir(login(org.hr_a), "hadir.csv", besar))
    assert not ImporFakta.objects.exists()


# Archives -------------------------------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_before_parsing_by_its_compression_ratio(org, login, settings):
    bom = ganti_bagian(xlsx(roster_kecil()), {"xl/worksheets/sheet1.xml": b" " * (8 * 1024 * 1024)})
    assert len(bom) < 100 * 1024
    pesan = galat_form(unggah_roster(login(org.admin), "roster.xlsx", bom))
    assert "xl/worksheets/sheet1.xml terkompresi lebih dari 200 kali lipat" in pesan
    assert "zip bomb" in pesan
    assert not ImporRoster.objects.exists()


def test_the_total_unpacked_size_is_capped(settings):
    settings.XLSX_MAX_UNPACKED_MB = 1
    # Random-looking text compresses little, so only the total size can stop it.
    isi = "".join(f"<c>{i * 7919 % 100003}</c>" for i in range(120_000)).encode()
    data = ganti_bagian(xlsx(roster_kecil()), {}, {"xl/worksheets/sheet2.xml": isi})
    with pytest.raises(FileRefused, match="melebihi 1 MB"):
        check_archive(data)
    settings.XLSX_MAX_UNPACKED_MB = 300
    check_archive(data)


def test_too_many_entries_are_refused(settings):
    settings.XLSX_MAX_ENTRIES = 20
    data = ganti_bagian(xlsx(roster_kecil()), {}, {f"xl/media/gambar{i}.xml": b"<a/>" for i in range(15)})
    with pytest.raises(FileRefused, match="berisi 24 bagian, melebihi batas 20"):
        check_archive(data)


@pytest.mark.parametrize(
    ("tambah", "pesan"),
    [
        ({"../../etc/cron.d/x": b"x"}, "nama bagian yang tidak wajar"),
        ({"/etc/passwd": b"x"}, "nama bagian yang tidak wajar"),
        ({"xl\\..\\x.xml": b"x"}, "nama bagian yang tidak wajar"),
        ({"xl/embeddings/dalam.xlsx": b"PK\x03\x04"}, "objek tersemat atau arsip lain (xl/embeddings/dalam.xlsx)"),
        ({"xl/vbaProject.bin": b"\xd0\xcf"}, "berisi makro"),
        ({"docProps/lain.zip": b"PK\x03\x04"}, "arsip lain (docProps/lain.zip)"),
    ],
)
def test_odd_or_nested_entries_are_refused(tambah, pesan):
    with pytest.raises(FileRefused, match=pesan.replace("(", r"\(").replace(")", r"\)")):
        check_archive(ganti_bagian(xlsx(roster_kecil()), {}, tambah))


def test_an_encrypted_entry_is_refused():
    data = bytearray(xlsx(roster_kecil()))
    # Set the "encrypted" flag of the first local and central headers, as a password-protected zip has.
    for tanda, geser in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = data.index(tanda) + geser
        data[i] |= 0x01
    with pytest.raises(FileRefused, match="dilindungi kata sandi"):
        check_archive(bytes(data))


def test_a_truncated_archive_is_refused_as_damaged(org, login):
    data = xlsx(roster_kecil())
    pesan = galat_form(unggah_roster(login(org.admin), "roster.xlsx", data[: len(data) // 2]))
    assert "rusak atau tidak lengkap" in pesan


# XML attacks ----------------------------------------------------------------------------------------------

XXE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE worksheet [<!ENTITY rahasia SYSTEM "file://{path}">]>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>NIP</t></is></c></row>'
    b'<row r="2"><c r="A2" t="inlineStr"><is><t>&rahasia;</t></is></c></row></sheetData></worksheet>'
)
TAWA = (
    b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY a "hahahahahahahahahaha">'
    + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(8))
    + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row></sheetData></worksheet>'
)


def workbook_xxe(tmp_path):
    rahasia = tmp_path / "rahasia.txt"
    rahasia.write_text("KATA-SANDI-RAHASIA")
    sheet = XXE.replace(b"{path}", str(rahasia).encode())
    return ganti_bagian(xlsx(roster_kecil()), {"xl/worksheets/sheet1.xml": sheet})


def test_an_external_entity_in_an_xlsx_is_refused_before_parsing(org, login, tmp_path):
    pesan = galat_form(unggah_roster(login(org.admin), "roster.xlsx", workbook_xxe(tmp_path)))
    assert "xl/worksheets/sheet1.xml berisi deklarasi DOCTYPE/ENTITY" in pesan
    assert "KATA-SANDI-RAHASIA" not in pesan


def test_an_entity_expansion_bomb_is_refused_before_parsing():
    data = ganti_bagian(xlsx(roster_kecil()), {"xl/worksheets/sheet1.xml": TAWA})
    with pytest.raises(FileRefused, match="sheet1.xml berisi deklarasi DOCTYPE/ENTITY"):
        read_table("roster.xlsx", data, limit_mb=20, columns=KOLOM_BACA)


def test_the_parsers_behind_the_check_are_harmless_too(tmp_path):
    # Should the DOCTYPE check ever go: openpyxl reads XML through defusedxml, and calamine expands no entities.
    from defusedxml import DTDForbidden, EntitiesForbidden
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
    data = workbook_xxe(tmp_path)
    bom = ganti_bagian(xlsx(roster_kecil()), {"xl/worksheets/sheet1.xml": TAWA})
    for berkas in (data, bom):
        # openpyxl wraps the parser's error in a ValueError of its own.
        with pytest.raises(ValueError) as ditolak:
            openpyxl.load_workbook(io.BytesIO(berkas))
        assert isinstance(ditolak.value.__cause__, DTDForbidden | EntitiesForbidden)
    try:
        sel = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    except Exception:  # noqa: BLE001 - refusing the workbook is as harmless as ignoring the entity
        sel = []
    assert "KATA-SANDI-RAHASIA" not in repr(sel)


def test_nothing_is_written_when_a_hostile_file_reaches_the_service(org):
    sebelum = Pegawai.objects.count()
    bom = ganti_bagian(xlsx([baris_pegawai(1)]), {"xl/worksheets/sheet1.xml": TAWA})
    with pytest.raises(FileRefused):
        services.impor_roster("roster.xlsx", bom)
    assert Pegawai.objects.count() == sebelum


# The other formats: .ods and .xlsb archives get the same checks, .xls is judged by its signature ---------------

ODS = fixture("roster_kantor.ods")
# The least an .xlsb archive has; calamine never sees these, the checks refuse them first.
XLSB = ganti_bagian(xlsx(roster_kecil()), {}, {"xl/workbook.bin": b"\x83\x01\x00"})


@pytest.mark.parametrize(
    ("nama", "data", "pesan"),
    [
        ("roster.ods", ganti_bagian(ODS, {}, {"bom.xml": b" " * (8 * 1024 * 1024)}), "bom.xml terkompresi lebih dari"),
        ("roster.xlsb", ganti_bagian(XLSB, {}, {"xl/bom.bin": b" " * (8 * 1024 * 1024)}), "xl/bom.bin terkompresi"),
        ("roster.ods", ganti_bagian(ODS, {"content.xml": TAWA}), "content.xml berisi deklarasi DOCTYPE/ENTITY"),
        ("roster.ods", ganti_bagian(ODS, {}, {"Basic/Standard/Module1.xml": b"<x/>"}), "berisi makro"),
        ("roster.ods", ganti_bagian(ODS, {}, {"Object 1/content.xml": b"<x/>"}), "objek tersemat"),
        (
            "roster.ods",
            ganti_bagian(ODS, {"META-INF/manifest.xml": b"<manifest:encryption-data/>"}),
            "OpenDocument dilindungi kata sandi",
        ),
        (
            "roster.ods",
            ganti_bagian(ODS, {"mimetype": b"application/vnd.oasis.opendocument.text"}),
            "bukan buku kerja OpenDocument yang sah",
        ),
        ("roster.ods", xlsx(roster_kecil()), "bukan buku kerja OpenDocument yang sah"),
        ("roster.xlsb", xlsx(roster_kecil()), "bukan buku kerja Excel yang sah"),
        ("roster.xls", PDF, "isinya dokumen PDF, bukan berkas Excel 97-2003 (.xls)"),
        ("roster.xls", xlsx(roster_kecil()), "isinya berkas Excel atau arsip zip, bukan berkas Excel 97-2003"),
    ],
)
def test_ods_xlsb_and_xls_uploads_get_the_same_content_checks(org, login, nama, data, pesan):
    assert pesan in galat_form(unggah_roster(login(org.admin), nama, data))
    assert not ImporRoster.objects.exists()
    assert pesan in galat_form(unggah_hadir(login(org.hr_a), nama, data))
    assert not ImporFakta.objects.exists()


def test_the_size_cap_holds_for_xls(org, login, settings):
    settings.ROSTER_MAX_UPLOAD_MB = 1
    besar = fixture("roster_kantor.xls") + b"\x00" * (1024 * 1024)
    assert "melebihi batas 1 MB" in galat_form(unggah_roster(login(org.admin), "roster.xls", besar))


# Evidence files -------------------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    ("nama", "data", "pesan"),
    [
        ("bukti.png", EXE, "bukan berkas PNG yang sah"),
        ("bukti.pdf", PNG, "bukan berkas PDF yang sah"),
        ("bukti.xlsx", PDF, "bukan berkas XLSX yang sah"),
        ("bukti.docx", xlsx(roster_kecil()), "bukan berkas DOCX yang sah"),
        ("bukti.exe", EXE, "Jenis berkas bukti harus salah satu dari"),
    ],
)
def test_evidence_is_judged_by_its_bytes(nama, data, pesan):
    with pytest.raises(ValidationError, match=pesan):
        validate_evidence_file(SimpleUploadedFile(nama, data))
    validate_evidence_file(SimpleUploadedFile("bukti.png", PNG))


def test_the_evidence_cap_is_a_setting_shown_in_the_form(settings):
    settings.BUKTI_MAX_MB = 1
    with pytest.raises(ValidationError, match="paling besar 1 MB"):
        validate_evidence_file(SimpleUploadedFile("bukti.png", PNG + b"\x00" * (1024 * 1024)))
    assert "paling besar 1 MB" in BANTUAN_BERKAS.format(settings.BUKTI_MAX_MB)
