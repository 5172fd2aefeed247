"""The daily progress log: what an ASN did on a day for one RHK of their SKP (e-Kinerja's "progres harian")."""

from django.conf import settings
from django.db import models

from core.files import validate_evidence_file
from kinerja.pegawai.models import Pegawai

from .models_skp import RencanaHasilKerja

# The longest entry: a few lines typed on a phone, not a report (the evidence is for that).
PANJANG_PROGRES = 1000


class ProgresHarian(models.Model):
    """One entry of an ASN's daily log against an RHK of their SKP of that year; several a day are fine. Written
    by the ASN only, on the day or a few working days after (kinerja.penilaian.harian)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="progres_harian")
    # PROTECT: an RHK with a log cannot be deleted from the plan, as with its rencana aksi and realisations.
    rhk = models.ForeignKey(
        RencanaHasilKerja, verbose_name="RHK", on_delete=models.PROTECT, related_name="progres_harian"
    )
    tanggal = models.DateField("tanggal")
    uraian = models.TextField("yang dikerjakan", max_length=PANJANG_PROGRES)
    bukti_tautan = models.URLField("tautan bukti", max_length=500, blank=True)
    bukti_berkas = models.FileField(
        "berkas bukti",
        upload_to="progres/%Y/%m/",
        blank=True,
        validators=[validate_evidence_file],
        help_text="PDF, JPG, PNG, XLSX atau DOCX; paling besar 5 MB.",
    )
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    # No data_kind (core.cache): no cached fragment shows the log; the pages that do render it live.

    class Meta:
        verbose_name = "progres harian"
        verbose_name_plural = "progres harian"
        ordering = ["-tanggal", "-id"]
        indexes = [models.Index(fields=["pegawai", "tanggal"], name="progres_pegawai_tanggal_idx")]

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y} {self.pegawai.nama}: {self.uraian[:40]}"
