from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Kinerja ASN"

    def ready(self):
        # The evaluation admin lives in its own module (kinerja/admin.py is the roster's); registering it here.
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
        from .versi_data import hubungkan

        hubungkan(UnitKerja, Pegawai, PenugasanPengelola, Periode, SKP, RencanaHasilKerja, IndikatorKinerja)
        hubungkan(EvaluasiKinerja, RealisasiIndikator, UmpanBalikRHK, PerilakuKerja)
