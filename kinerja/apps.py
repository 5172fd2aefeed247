from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Kinerja ASN"
