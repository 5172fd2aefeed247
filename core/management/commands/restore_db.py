"""python manage.py restore_db FILE [--noinput]  (make restore FILE=...)"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core import backup


class Command(BaseCommand):
    help = "Ganti seluruh isi basis data (DATABASE_URL) dengan isi berkas cadangan dari backup_db."

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas cadangan (.dump untuk PostgreSQL, .sqlite3 untuk SQLite)")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="jangan meminta konfirmasi"
        )

    def handle(self, *args, file, interactive, **options):
        sumber = Path(file)
        if not sumber.is_file():
            raise CommandError(f"Berkas cadangan {file} tidak ditemukan; tidak ada yang diubah.")
        nama = connection.settings_dict["NAME"]
        if interactive:
            jawaban = input(
                f"Seluruh isi basis data {nama} akan diganti dengan isi {sumber}. "
                "Hentikan web dan worker dahulu. Ketik 'ya' untuk melanjutkan: "
            )
            if jawaban.strip().lower() != "ya":
                raise CommandError("Dibatalkan; tidak ada yang diubah.")
        try:
            backup.restore(sumber)
        except backup.BackupFailed as exc:
            raise CommandError(f"{exc}\nTidak ada yang diubah.") from None
        self.stdout.write(self.style.SUCCESS(f"Basis data {nama} dipulihkan dari {sumber}."))
        self.stdout.write("Jalankan make migrate bila cadangan ini berasal dari versi aplikasi yang lebih lama.")
