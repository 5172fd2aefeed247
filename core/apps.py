from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared infrastructure; an app only so that its management commands (backup_db, restore_db, sweep_files)
    are found."""

    name = "core"
    verbose_name = "Infrastruktur"
