from django.apps import AppConfig


class EvaluasiConfig(AppConfig):
    name = "evaluasi"
    verbose_name = "Penghargaan dan Sanksi"

    def ready(self):
        # When HR finalises a unit's evaluations, the rules are applied to them in the background.
        from kinerja.penilaian.signals import unit_difinalkan

        from .tasks import jadwalkan_penerapan

        unit_difinalkan.connect(jadwalkan_penerapan, dispatch_uid="evaluasi.terapkan_setelah_final")
