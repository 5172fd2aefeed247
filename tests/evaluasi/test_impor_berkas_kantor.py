"""Attendance and training-hours files as an office keeps them — title rows, an instructions sheet first, .xls and
.ods, a Windows CSV — import all their rows through the page, read by the roster's reader."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluasi.models import ImporFakta, RekapKehadiran, RekapPelatihan
from tests.berkas_kantor import (
    BARIS_TERSEMBUNYI,
    JUDUL_BARIS,
    JUDUL_JP,
    NAMA,
    NIP_FAKTA,
    csv_kantor,
    fixture,
    xlsx_kantor,
)
from tests.factories import PegawaiFactory

SUMBER = {
    "xlsx": lambda jenis: xlsx_kantor(jenis),
    "ods": lambda jenis: fixture(f"{jenis}_kantor.ods"),
    "xls": lambda jenis: fixture(f"{jenis}_kantor.xls"),
    "csv": lambda jenis: csv_kantor(jenis, "cp1252"),
}
TERSEMBUNYI = {"kehadiran": "Cuti", "pelatihan": "Nama"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pegawai_berkas(org):
    """The ASN the office files name, in the unit hr_a manages."""
    return [
        PegawaiFactory(nip=nip, nama=nama, unit_kerja=org.bidang_a) for nip, nama in zip(NIP_FAKTA, NAMA, strict=True)
    ]


def unggah(client, jenis, nama, data):
    response = client.post(reverse("evaluasi:impor"), {"jenis": jenis, "berkas": SimpleUploadedFile(nama, data)})
    assert response.status_code == 302, response.content[:800]
    return ImporFakta.objects.latest("pk")


@pytest.mark.parametrize("format_berkas", SUMBER)
@pytest.mark.parametrize(("jenis", "model"), [("kehadiran", RekapKehadiran), ("pelatihan", RekapPelatihan)])
def test_an_office_file_imports_every_row_through_the_page(org, client, pegawai_berkas, jenis, model, format_berkas):
    client.force_login(org.hr_a.user)
    job = unggah(client, jenis.upper(), f"{jenis}.{format_berkas}", SUMBER[format_berkas](jenis))
    assert job.galat == [] and job.jumlah_baris == 3

    halaman = client.get(reverse("evaluasi:impor_detail", args=[job.pk])).content.decode()
    assert f"baris {JUDUL_BARIS}</strong>; baris di atasnya (judul, catatan) dilewati" in halaman
    if format_berkas == "csv":
        assert "Windows-1252 (ANSI)</strong>, bukan UTF-8" in halaman
        assert all(f"<q>{n}</q>" in halaman for n in NAMA)
    else:
        assert job.lembar == "Data" and "Lembar: <strong>Data</strong>" in halaman
    if format_berkas in ("xlsx", "ods"):
        assert f"ikut dibaca seperti yang lain: {BARIS_TERSEMBUNYI}." in halaman
        assert f"Kolom yang disembunyikan di berkas ikut dibaca seperti yang lain: {TERSEMBUNYI[jenis]}." in halaman
    elif format_berkas == "xls":
        assert "Baris dan kolom yang disembunyikan di berkas (bila ada) ikut dibaca" in halaman

    client.post(reverse("evaluasi:impor_konfirmasi", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImporFakta.Status.SELESAI, job.galat
    assert sorted(model.objects.values_list("pegawai__nip", flat=True)) == sorted(NIP_FAKTA)
    if model is RekapPelatihan:
        assert sorted(model.objects.values_list("jp", flat=True)) == [20, 21, 22]  # read through "Jam Pelajaran"
    else:
        assert set(model.objects.values_list("hadir", "cuti", "tanpa_keterangan")) == {(20, 1, 1)}


def test_the_confirmation_imports_the_sheet_the_user_picked(org, client, pegawai_berkas):
    wb = openpyxl.Workbook()
    wb.active.title = "2025"
    wb.create_sheet("2026")
    for ws, jp in ((wb["2025"], 10), (wb["2026"], 30)):
        ws.append(JUDUL_JP)
        for nip, nama in zip(NIP_FAKTA, NAMA, strict=True):
            ws.append([nip, nama, int(ws.title), jp])
    keluaran = io.BytesIO()
    wb.save(keluaran)
    client.force_login(org.hr_a.user)
    job = unggah(client, "PELATIHAN", "jp.xlsx", keluaran.getvalue())
    assert job.lembar == "2025"

    client.post(reverse("evaluasi:impor_lembar", args=[job.pk]), {"lembar": "2026"})
    job.refresh_from_db()
    assert (job.lembar, [b["kunci"] for b in job.ringkasan["baru"]]) == ("2026", ["2026"] * 3)
    client.post(reverse("evaluasi:impor_konfirmasi", args=[job.pk]))
    assert set(RekapPelatihan.objects.values_list("tahun", "jp")) == {(2026, 30)}


def test_only_the_uploader_picks_a_sheet_of_their_import(org, client, pegawai_berkas):
    client.force_login(org.hr_a.user)
    job = unggah(client, "PELATIHAN", "jp.xlsx", xlsx_kantor("pelatihan"))
    client.force_login(org.hr_b.user)
    assert client.post(reverse("evaluasi:impor_lembar", args=[job.pk]), {"lembar": "Petunjuk"}).status_code == 404
    job.refresh_from_db()
    assert job.lembar == "Data"
