"""python manage.py backup_db [--output PATH]  (make backup)"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from core import backup


class Command(BaseCommand):
    help = "Cadangkan seluruh basis data (DATABASE_URL): pg_dump -Fc untuk PostgreSQL, salinan berkas untuk SQLite."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(settings.VAR_DIR / "backup"),
            help="berkas tujuan, atau folder untuk nama bercap waktu (bawaan: var/backup/)",
        )

    def handle(self, *args, output, **options):
        tujuan = Path(output)
        try:
            if tujuan.is_dir() or output.endswith("/"):
                tujuan = backup.timestamped_name(tujuan)
            berkas = backup.backup(tujuan)
        except backup.BackupFailed as exc:
            raise CommandError(str(exc)) from None
        ukuran = filesizeformat(berkas.stat().st_size)
        self.stdout.write(self.style.SUCCESS(f"Cadangan tersimpan: {berkas} ({ukuran})."))
        self.stdout.write(f"Pulihkan dengan: make restore FILE={berkas}")
