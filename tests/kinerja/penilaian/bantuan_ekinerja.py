"""Builders for the e-Kinerja import tests: result files and imports through the services."""

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.penilaian import services_ekinerja as svc
from tests.kinerja.pegawai.berkas_roster import csv_bytes, xlsx

JUDUL = ["NIP", "Nama", "Periode", "Rating Hasil Kerja", "Rating Perilaku Kerja", "Predikat"]


def baris(
    pegawai,
    periode="Triwulan I 2026",
    hasil="Di Atas Ekspektasi",
    perilaku="Di Atas Ekspektasi",
    predikat="Sangat Baik",
    **lain,
):
    return {
        "NIP": pegawai.nip,
        "Nama": pegawai.nama,
        "Periode": periode,
        "Rating Hasil Kerja": hasil,
        "Rating Perilaku Kerja": perilaku,
        "Predikat": predikat,
        **lain,
    }


def berkas(rows, judul=JUDUL, jenis="xlsx"):
    return xlsx(rows, judul) if jenis == "xlsx" else csv_bytes(rows, judul)


def unggah(user, rows, judul=JUDUL, nama="hasil-ekinerja.xlsx"):
    return svc.buat_impor_ekinerja(user, SimpleUploadedFile(nama, berkas(rows, judul, nama.rsplit(".", 1)[1])))


def impor(user, rows, judul=JUDUL, nama="hasil-ekinerja.xlsx"):
    job = unggah(user, rows, judul, nama)
    assert not job.galat, job.galat
    job = svc.konfirmasi_impor_ekinerja(user, job.pk)
    assert job.status == "selesai", job.galat
    return job
