"""Apply the active reward and punishment rules to a period, from the command line (same service as the page)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.errors import Refusal
from evaluasi import services


class Command(BaseCommand):
    help = (
        "Menerapkan aturan penghargaan dan sanksi yang aktif pada satu periode: menampilkan siapa mendapat apa "
        "dan mengapa, lalu mencatat usulan konsekuensi (kecuali --dry-run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--periode", type=int, required=True, help="id periode")
        parser.add_argument("--dry-run", action="store_true", help="hanya pratinjau, tidak ada yang dicatat")
        parser.add_argument("--oleh", help="username administrator yang menerapkan (dicatat di log audit)")
        parser.add_argument(
            "--konfirmasi-belum-final",
            action="store_true",
            help="tetap terapkan walau periode belum final (wajib bersama --oleh administrator)",
        )

    def handle(self, *args, periode, dry_run, oleh, konfirmasi_belum_final, **options):
        user = None
        if oleh:
            user = get_user_model().objects.filter(username=oleh).first()
            if user is None:
                raise CommandError(f"Pengguna {oleh} tidak ada.")
        try:
            hasil = services.terapkan_aturan(
                user, periode, konfirmasi_belum_final=konfirmasi_belum_final, dry_run=dry_run
            )
        except Refusal as exc:
            raise CommandError(exc.message) from None
        r = hasil.rencana
        for b, h in r.baru:
            pemicu = ", ".join(f"{m}={v}" for m, v in h.pemicu.items())
            self.stdout.write(f"BARU     {b.pegawai.nip} {b.pegawai.nama}: {h.kode} — {h.aturan.nama} ({pemicu})")
        for k, _ in r.diganti:
            self.stdout.write(f"DIGANTI  {k.pegawai.nip} {k.pegawai.nama}: {k.kode} (aturan versi {k.aturan_versi})")
        if not r.final:
            self.stdout.write(self.style.WARNING(f"Periode {r.periode} belum final."))
        ringkas = f"{hasil.baru} baru, {hasil.tetap} sudah tercatat, {hasil.digantikan} digantikan"
        if dry_run:
            self.stdout.write(f"Pratinjau (tidak ada yang dicatat): {ringkas}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Aturan diterapkan pada {r.periode}: {ringkas}."))
