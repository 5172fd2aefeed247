from django.apps import AppConfig


class RekapConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rekap"
    verbose_name = "Rekap dan pengingat kinerja"

    def ready(self):
        from core.cache import track_versions

        from . import tasks  # noqa: F401  (connects the receivers that queue the roll-up and the emails)
        from .models import RekapKinerja, RekapLayanan, RekapTim

        track_versions(RekapKinerja, RekapTim, RekapLayanan)
