from django.apps import AppConfig


class RekapConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rekap"
    verbose_name = "Rekap dan pengingat kinerja"

    def ready(self):
        from core.cache import track_versions

        from . import signals  # noqa: F401  (connects the refresh after a unit is finalised)
        from .models import RekapKinerja, RekapLayanan, RekapTim

        track_versions(RekapKinerja, RekapTim, RekapLayanan)
