"""Uploaded files travel only through Django's storage API, so any instance can read what another stored.

The default storage here is InMemoryStorage: as with an S3 bucket, no file exists at a local path (code that
opened `field.path` or a temp folder would find nothing), and the media folder on disk must stay empty. Roster
and attendance imports (preview, then confirm; in the background too) and evidence files (upload, then
download) must all still work.
"""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluasi import services as layanan_fakta
from evaluasi.impor import FORMAT
from evaluasi.models import RekapKehadiran
from kinerja.models import ImporRoster, Pegawai, RealisasiIndikator
from kinerja.pegawai import services
from kinerja.penilaian import services as svc
from tests.kinerja.pegawai.berkas_roster import roster_kecil, xlsx
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def penyimpanan_tanpa_disk(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*"))


def test_a_roster_import_is_stored_and_read_back_through_the_storage(org):
    job = services.buat_impor_roster(org.admin, SimpleUploadedFile("roster.xlsx", xlsx(roster_kecil())))
    assert default_storage.exists(job.berkas.name)
    assert not Path(job.berkas.path).exists()  # as with S3, nothing to read at a local path

    job = services.konfirmasi_impor_roster(job, org.admin, nonaktifkan_yang_hilang=False)
    assert job.status == ImporRoster.Status.SELESAI, job.galat
    assert Pegawai.objects.filter(nip__in=[b["NIP"] for b in roster_kecil()]).count() == 3


def test_a_background_roster_import_reads_the_file_through_the_storage(
    org, settings, django_capture_on_commit_callbacks
):
    settings.ROSTER_BACKGROUND_ROWS = 2
    job = services.buat_impor_roster(org.admin, SimpleUploadedFile("roster.xlsx", xlsx(roster_kecil())))
    with django_capture_on_commit_callbacks(execute=True):
        job = services.konfirmasi_impor_roster(job, org.admin, nonaktifkan_yang_hilang=False)
    assert job.status == ImporRoster.Status.ANTRI
    job.refresh_from_db()
    assert job.status == ImporRoster.Status.SELESAI, job.galat


def test_an_attendance_import_is_confirmed_from_the_stored_file(org):
    judul = [j for _, j in FORMAT["KEHADIRAN"].kolom]
    baris = {"NIP": org.staf_a1.nip, "Tahun": 2026, "Bulan": 1, "Hari Kerja": 22, "Hadir": 20, "Tanpa Keterangan": 2}
    job = layanan_fakta.buat_impor(org.admin, "KEHADIRAN", SimpleUploadedFile("hadir.xlsx", xlsx([baris], judul)))
    assert default_storage.exists(job.berkas.name)
    job = layanan_fakta.konfirmasi_impor(org.admin, job.pk)
    assert job.status == "selesai", job.galat
    assert RekapKehadiran.objects.get(pegawai=org.staf_a1).tanpa_keterangan == 2


def test_an_evidence_file_is_stored_and_downloaded_through_the_storage(org, client):
    ev = Skenario(org).evaluasi()
    indikator = ev.skp.rhk.get().indikator.order_by("urutan").first()
    berkas = SimpleUploadedFile("bukti.pdf", PDF, "application/pdf")
    svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, [svc.IsianRealisasi(indikator.pk, 10, bukti_berkas=berkas)])
    realisasi = RealisasiIndikator.objects.get(evaluasi=ev)
    assert default_storage.exists(realisasi.bukti_berkas.name)

    client.force_login(org.staf_a1.user)
    response = client.get(reverse("bukti_berkas", args=[realisasi.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
