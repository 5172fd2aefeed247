"""In-app notifications: every app's services write them, the navbar's bell counts them."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notifikasi(models.Model):
    """An in-app notification for one user."""

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="penerima", on_delete=models.CASCADE, related_name="notifikasi"
    )
    judul = models.CharField("judul", max_length=200)
    pesan = models.TextField("pesan", blank=True)
    tautan = models.CharField("tautan", max_length=300, blank=True)
    dibaca_pada = models.DateTimeField("dibaca pada", null=True, blank=True)
    dibuat = models.DateTimeField("dibuat", default=timezone.now)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-dibuat", "-id"]
        indexes = [models.Index(fields=["penerima", "dibaca_pada"])]

    def __str__(self):
        return self.judul
