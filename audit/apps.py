from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Log Audit"

    def ready(self):
        # Role changes happen through the Django admin and management commands too, so signals catch them.
        from . import signals  # noqa: F401
