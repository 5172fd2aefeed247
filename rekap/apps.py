from django.apps import AppConfig


class RekapConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rekap"
    verbose_name = "Rekap dan pengingat kinerja"

    def ready(self):
        from kinerja.versi_data import hubungkan

        from . import signals  # noqa: F401  (connects the refresh after a unit is finalised)
        from .models import RekapKinerja, RekapLayanan, RekapTim

        hubungkan(RekapKinerja, RekapTim, RekapLayanan)
