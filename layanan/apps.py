from django.apps import AppConfig


class LayananConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "layanan"
    verbose_name = "Layanan Publik"

    def ready(self):
        from kinerja.versi_data import hubungkan

        from .models import JenisLayanan

        hubungkan(JenisLayanan)
