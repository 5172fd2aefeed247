"""The matriks peran hasil: how a supervisor divides one of their RHK among the ASN they appraise."""

from django.conf import settings
from django.db import models

from kinerja.pegawai.models import Pegawai

from .models_skp import RencanaHasilKerja

PANJANG_PERAN = 1000


class PeranHasil(models.Model):
    """One row of the matriks peran hasil (PermenPANRB 6/2022, cascading): what one subordinate contributes to a
    supervisor's RHK: the intermediate result that becomes their RHK, and the indicators proposed for it. The
    subordinate's RHK drafted from it cites the supervisor's RHK (RencanaHasilKerja.rhk_atasan)."""

    rhk_atasan = models.ForeignKey(
        RencanaHasilKerja, verbose_name="RHK atasan", on_delete=models.CASCADE, related_name="peran_hasil"
    )
    pegawai = models.ForeignKey(Pegawai, verbose_name="pegawai", on_delete=models.CASCADE, related_name="peran_hasil")
    hasil = models.TextField(
        "hasil yang diharapkan",
        max_length=PANJANG_PERAN,
        help_text='Hasil antara yang menjadi RHK pegawai ini, misalnya "Tersusunnya laporan data cakupan '
        'imunisasi bulanan".',
    )
    indikator = models.TextField(
        "usulan indikator",
        max_length=PANJANG_PERAN,
        blank=True,
        help_text="Boleh dikosongkan. Satu indikator per baris; pegawai menetapkan target dan satuannya di SKP-nya.",
    )
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    # No data_kind (core.cache): no cached fragment shows the matrix.

    class Meta:
        verbose_name = "peran hasil"
        verbose_name_plural = "matriks peran hasil"
        ordering = ["rhk_atasan", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["rhk_atasan", "pegawai"], name="peran_hasil_unik")]

    def __str__(self):
        return f"{self.pegawai.nama}: {self.hasil[:60]}"

    @property
    def daftar_indikator(self) -> list[str]:
        return [b.strip() for b in self.indikator.splitlines() if b.strip()]
