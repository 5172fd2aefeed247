"""python manage.py sweep_files [--hapus] [--menit N]"""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from core.files import delete_if_unused, find_orphans


class Command(BaseCommand):
    help = (
        "Cari berkas di penyimpanan yang tidak dirujuk baris mana pun (mis. bukti yang diganti sebelum "
        "penghapusan otomatis ada); hanya menampilkan, kecuali dengan --hapus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hapus", action="store_true", help="hapus berkas yatim yang ditemukan")
        parser.add_argument(
            "--menit",
            type=int,
            default=60,
            help="lewati berkas yang lebih muda dari N menit: unggahan yang transaksinya belum selesai (bawaan 60)",
        )

    def handle(self, *args, hapus, menit, **options):
        yatim, muda = find_orphans(timedelta(minutes=max(menit, 0)))
        for berkas in yatim:
            self.stdout.write(f"{berkas.name}\t{filesizeformat(berkas.size)}")
        total = filesizeformat(sum(b.size for b in yatim))
        if muda:
            self.stdout.write(f"{muda} berkas tak dirujuk yang lebih muda dari {menit} menit dilewati.")
        if not yatim:
            self.stdout.write(self.style.SUCCESS("Tidak ada berkas yatim."))
        elif not hapus:
            self.stdout.write(f"{len(yatim)} berkas yatim, {total}. Jalankan lagi dengan --hapus untuk menghapusnya.")
        else:
            # Checked once more, one by one: a row may have come to name one since the walk.
            terhapus = sum(delete_if_unused(default_storage, b.name) for b in yatim)
            pesan = f"{terhapus} dari {len(yatim)} berkas yatim dihapus ({total} ditemukan)."
            self.stdout.write(self.style.SUCCESS(pesan) if terhapus == len(yatim) else self.style.WARNING(pesan))
