from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Kinerja ASN"

    def ready(self):
        # The evaluation admin lives in its own module (kinerja/admin.py is the roster's); registering it here.
        from core.cache import track_versions

        from . import admin_evaluasi  # noqa: F401
        from .models import (
            SKP,
            EvaluasiKinerja,
            IndikatorKinerja,
            Pegawai,
            PenugasanPengelola,
            PerilakuKerja,
            Periode,
            RealisasiIndikator,
            RencanaHasilKerja,
            UmpanBalikRHK,
            UnitKerja,
        )

        track_versions(UnitKerja, Pegawai, PenugasanPengelola, Periode, SKP, RencanaHasilKerja, IndikatorKinerja)
        track_versions(EvaluasiKinerja, RealisasiIndikator, UmpanBalikRHK, PerilakuKerja)
