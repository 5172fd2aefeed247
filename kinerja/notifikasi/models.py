"""In-app notifications: every app's services write them, the navbar's bell counts them."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notifikasi(models.Model):
    """An in-app notification for one user. One that asks its recipient to act (`tindakan`) on what `tautan` points
    to is read once they have: services.tandai_ditindaklanjuti, called by the service that acts."""

    class Tindakan(models.TextChoices):
        NILAI_EVALUASI = "NILAI_EVALUASI", "Menilai atau mengembalikan evaluasi"
        AJUKAN_EVALUASI = "AJUKAN_EVALUASI", "Mengisi dan mengajukan evaluasi"
        AKUI_EVALUASI = "AKUI_EVALUASI", "Menerima hasil evaluasi"
        TINJAU_SKP = "TINJAU_SKP", "Menyetujui atau mengembalikan SKP"
        AJUKAN_SKP = "AJUKAN_SKP", "Memperbaiki dan mengajukan SKP"

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="penerima", on_delete=models.CASCADE, related_name="notifikasi"
    )
    judul = models.CharField("judul", max_length=200)
    pesan = models.TextField("pesan", blank=True)
    tautan = models.CharField("tautan", max_length=300, blank=True)
    tindakan = models.CharField(
        "menunggu tindakan",
        max_length=16,
        choices=Tindakan.choices,
        blank=True,
        help_text="Yang diminta dari penerima atas tautannya; kosong untuk pemberitahuan saja.",
    )
    dibaca_pada = models.DateTimeField("dibaca pada", null=True, blank=True)
    dibuat = models.DateTimeField("dibuat", default=timezone.now)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-dibuat", "-id"]
        indexes = [models.Index(fields=["penerima", "dibaca_pada"])]

    def __str__(self):
        return self.judul
