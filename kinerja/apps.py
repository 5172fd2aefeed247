from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Kinerja ASN"

    def ready(self):
        # Each sub-package registers its own admin pages; there is no kinerja/admin.py for autodiscover to find.
        from core.cache import track_versions
        from core.files import track_files

        from .models import (
            SKP,
            EvaluasiKinerja,
            IndikatorKinerja,
            Pegawai,
            PejabatLuar,
            PenugasanPengelola,
            PerilakuKerja,
            Periode,
            ProgresHarian,
            RealisasiIndikator,
            RencanaAksi,
            RencanaHasilKerja,
            UmpanBalikRHK,
            UnitKerja,
        )
        from .pegawai import admin as _admin_pegawai  # noqa: F401
        from .pegawai import signals as _signals_pegawai  # noqa: F401  (connects the audit of HR assignments)
        from .pegawai import tasks as _tasks_pegawai  # noqa: F401  (connects the receiver that queues imports)
        from .penilaian import admin as _admin_penilaian  # noqa: F401
        from .penilaian import tasks as _tasks_penilaian  # noqa: F401  (connects the receiver that queues imports)

        track_versions(
            UnitKerja, Pegawai, PejabatLuar, PenugasanPengelola, Periode, SKP, RencanaHasilKerja, IndikatorKinerja
        )
        track_versions(EvaluasiKinerja, RealisasiIndikator, RencanaAksi, UmpanBalikRHK, PerilakuKerja)
        # Evidence replaced, cleared or deleted leaves storage on commit. Import jobs' files are not tracked:
        # each job keeps the file it was run from.
        track_files(RealisasiIndikator, "bukti_berkas")
        track_files(ProgresHarian, "bukti_berkas")
        track_files(EvaluasiKinerja, "berkas_penilaian")
        track_files(SKP, "berkas_persetujuan")
