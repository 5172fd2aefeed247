"""Results imported from BKN's e-Kinerja: the upload job, and each ASN's imported result per period, kept whether
or not it became the evaluation of record (ekinerja.pemenang decides)."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.cache import VersionedQuerySet
from kinerja.pegawai.models import Pegawai

from .models import EvaluasiKinerja, Periode


def _lokasi_berkas(instance, filename):
    return f"impor_ekinerja/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class ImporEkinerja(models.Model):
    """One e-Kinerja result file: the stored file, its preview, the columns the user mapped, and (once confirmed)
    the import's progress and result. A large file is imported by the worker, like the roster."""

    class Status(models.TextChoices):
        PRATINJAU = "pratinjau", "Pratinjau"
        ANTRI = "antri", "Dalam antrean"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="diunggah oleh", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    berkas = models.FileField("berkas", upload_to=_lokasi_berkas)
    nama_berkas = models.CharField("nama berkas asli", max_length=255)
    lembar = models.CharField("lembar yang dibaca", max_length=255, blank=True)
    enkoding = models.CharField("enkoding CSV", max_length=20, blank=True)
    # The file's header → our column key, for the columns the user mapped by hand: {"nilai akhir": "predikat"}.
    pemetaan = models.JSONField("pemetaan kolom", default=dict, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.PRATINJAU)
    jumlah_baris = models.PositiveIntegerField("jumlah baris", default=0)
    progres = models.PositiveSmallIntegerField("progres (%)", default=0)
    ringkasan = models.JSONField("ringkasan", default=dict, blank=True)
    galat = models.JSONField("galat", default=list, blank=True)
    dibuat = models.DateTimeField("diunggah", auto_now_add=True)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        verbose_name = "impor hasil e-Kinerja"
        verbose_name_plural = "impor hasil e-Kinerja"
        ordering = ["-dibuat"]

    def __str__(self):
        return f"{self.nama_berkas} ({self.get_status_display()})"


class HasilEkinerja(models.Model):
    """An ASN's result for a period as e-Kinerja gave it, from the last file that named it.

    `dipakai`: it is the evaluation of record (the EvaluasiKinerja row of that ASN and period carries it, with
    sumber EKINERJA); else an evaluation rated here won and this one is shown beside it. `lokal_*` keeps what the
    evaluation rated here held when an import took its place.
    """

    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="hasil_ekinerja")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="hasil_ekinerja")
    rating_hasil_kerja = models.CharField(
        "rating hasil kerja", max_length=8, choices=EvaluasiKinerja.Rating.choices, blank=True
    )
    rating_perilaku_kerja = models.CharField(
        "rating perilaku kerja", max_length=8, choices=EvaluasiKinerja.Rating.choices, blank=True
    )
    predikat = models.CharField("predikat kinerja", max_length=15, choices=EvaluasiKinerja.Predikat.choices)
    # Why the predikat disagrees with the two ratings under the matrix (ekinerja.cek_matriks); "" when it agrees.
    catatan_matriks = models.TextField("tidak sesuai matriks", blank=True)
    dipakai = models.BooleanField("menjadi evaluasi resmi", default=False)
    alasan = models.CharField("mengapa dipakai / tidak", max_length=300, blank=True)
    lokal_status = models.CharField(
        "status evaluasi di aplikasi sebelum diimpor", max_length=12, choices=EvaluasiKinerja.Status.choices, blank=True
    )
    lokal_predikat = models.CharField(
        "predikat evaluasi di aplikasi sebelum diimpor",
        max_length=15,
        choices=EvaluasiKinerja.Predikat.choices,
        blank=True,
    )
    impor = models.ForeignKey(ImporEkinerja, verbose_name="berkas impor", on_delete=models.PROTECT, related_name="+")
    diimpor_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="diimpor oleh", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    diimpor_pada = models.DateTimeField("diimpor pada", default=timezone.now)

    objects = VersionedQuerySet.as_manager()
    data_kind = "evaluasi"

    class Meta:
        verbose_name = "hasil e-Kinerja"
        verbose_name_plural = "hasil e-Kinerja"
        ordering = ["-periode__tahun", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["periode", "pegawai"], name="hasil_ekinerja_unik")]

    def __str__(self):
        return f"e-Kinerja {self.periode} {self.pegawai.nama}: {self.get_predikat_display()}"
