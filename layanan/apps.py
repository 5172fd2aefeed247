from django.apps import AppConfig


class LayananConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "layanan"
    verbose_name = "Layanan Publik"

    def ready(self):
        from core.cache import track_versions
        from core.files import track_files

        from .models import BerkasPersyaratan, JenisLayanan, SurveiKepuasan

        track_versions(JenisLayanan, SurveiKepuasan)
        track_files(BerkasPersyaratan, "berkas")
