from django.apps import AppConfig


class RekapConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rekap"
    verbose_name = "Rekap dan pengingat kinerja"

    def ready(self):
        from core.cache import track_versions
        from core.health import register_background_check

        from . import tasks  # noqa: F401  (connects the receivers that queue the roll-up and the emails)
        from .models import RekapKinerja, RekapLayanan, RekapTim, StatusRekap
        from .selectors import keadaan_rekap

        track_versions(RekapKinerja, RekapTim, RekapLayanan, StatusRekap)
        register_background_check("rekap", keadaan_rekap)
