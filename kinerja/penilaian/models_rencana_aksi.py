"""The ASN's rencana aksi: per RHK, what they plan to do in one evaluation's period (e-Kinerja's "rencana aksi")."""

from django.db import models

from .models import BagianDiisiPegawai, EvaluasiKinerja
from .models_skp import RencanaHasilKerja

# The longest plan for one RHK in one period: a few lines of steps, not a work programme.
PANJANG_RENCANA_AKSI = 1000


class RencanaAksi(BagianDiisiPegawai):
    """What the ASN plans to do for one RHK in one evaluation's period: written at the start of the period, before
    the realisation, and shown to the appraiser beside it. Frozen with the evaluation once it is final."""

    evaluasi = models.ForeignKey(EvaluasiKinerja, on_delete=models.CASCADE, related_name="rencana_aksi")
    rhk = models.ForeignKey(
        RencanaHasilKerja, verbose_name="RHK", on_delete=models.PROTECT, related_name="rencana_aksi"
    )
    rencana = models.TextField("rencana aksi", max_length=PANJANG_RENCANA_AKSI)

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        constraints = [models.UniqueConstraint(fields=["evaluasi", "rhk"], name="rencana_aksi_unik_per_rhk")]

    def __str__(self):
        return f"Rencana aksi {self.rhk}: {self.rencana[:40]}"
