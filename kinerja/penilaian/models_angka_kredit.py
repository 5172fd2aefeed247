"""The angka kredit tables of jabatan fungsional as editable data (kinerja.penilaian.angka_kredit holds the
regulation's defaults and the arithmetic; a data migration seeds these from it): the predikat percentages, the
annual coefficient per jenjang, and the cumulative figure each pangkat or jenjang step needs."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from kinerja.pegawai import golongan as gol
from kinerja.pegawai.models import Pegawai

from . import angka_kredit as rumus
from .models import EvaluasiKinerja

PILIHAN_JENJANG = [(k, v) for k, v in Pegawai.JenisJabatan.choices if k in rumus.JENJANG_FUNGSIONAL]


class KonversiPredikatAngkaKredit(models.Model):
    """The percentage of the annual coefficient a predikat earns (150 / 100 / 75 / 50 / 25)."""

    predikat = models.CharField("predikat", max_length=15, choices=EvaluasiKinerja.Predikat.choices, unique=True)
    persen = models.PositiveSmallIntegerField("persentase (%)", validators=[MaxValueValidator(500)])
    sumber = models.CharField("sumber", max_length=200, default=rumus.SUMBER_KONVERSI)

    class Meta:
        verbose_name = "konversi predikat ke angka kredit"
        verbose_name_plural = "konversi predikat ke angka kredit"
        ordering = ["-persen"]

    def __str__(self):
        return f"{self.get_predikat_display()}: {self.persen}%"


class KoefisienAngkaKredit(models.Model):
    """The annual angka kredit coefficient of a jenjang of jabatan fungsional."""

    jenjang = models.CharField("jenjang", max_length=20, choices=PILIHAN_JENJANG, unique=True)
    koefisien = models.DecimalField(
        "koefisien per tahun", max_digits=6, decimal_places=3, validators=[MinValueValidator(0)]
    )
    sumber = models.CharField("sumber", max_length=200, default=rumus.SUMBER_KOEFISIEN)

    class Meta:
        verbose_name = "koefisien angka kredit"
        verbose_name_plural = "koefisien angka kredit"
        ordering = ["koefisien", "jenjang"]

    def __str__(self):
        return f"{self.get_jenjang_display()}: {self.koefisien}"


class KebutuhanAngkaKredit(models.Model):
    """The cumulative angka kredit, counted within the jenjang, that a JF in a golongan needs for the next step."""

    class Kenaikan(models.TextChoices):
        PANGKAT = rumus.PANGKAT, "Kenaikan pangkat"
        JENJANG = rumus.JENJANG, "Kenaikan jenjang"

    jenjang = models.CharField("jenjang", max_length=20, choices=PILIHAN_JENJANG)
    golongan = models.CharField("golongan", max_length=5, choices=gol.GOLONGAN_CHOICES[0][1])
    angka_kredit = models.DecimalField(
        "angka kredit kumulatif minimal", max_digits=7, decimal_places=3, validators=[MinValueValidator(0)]
    )
    kenaikan = models.CharField("untuk", max_length=8, choices=Kenaikan.choices)
    sumber = models.CharField("sumber", max_length=200, default=rumus.SUMBER_KEBUTUHAN)

    class Meta:
        verbose_name = "kebutuhan angka kredit"
        verbose_name_plural = "kebutuhan angka kredit"
        ordering = ["jenjang", "golongan"]
        constraints = [
            models.UniqueConstraint(fields=["jenjang", "golongan"], name="kebutuhan_angka_kredit_unik"),
        ]

    def __str__(self):
        return f"{self.get_jenjang_display()} {self.golongan}: {self.angka_kredit} ({self.get_kenaikan_display()})"
