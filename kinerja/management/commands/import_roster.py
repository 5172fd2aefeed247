"""python manage.py import_roster PATH [--lembar NAMA] [--dry-run] [--nonaktifkan-yang-hilang]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.spreadsheet import FileRefused
from kinerja.pegawai.services import ImporDitolak, impor_roster


class Command(BaseCommand):
    help = "Impor roster pegawai dari berkas spreadsheet (jalur yang sama dengan halaman Impor Pegawai)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="berkas .xlsx, .xls, .xlsb, .ods atau .csv")
        parser.add_argument(
            "--lembar", help="nama lembar yang dibaca (bawaan: lembar pertama yang baris judulnya cocok)"
        )
        parser.add_argument("--dry-run", action="store_true", help="periksa dan tampilkan ringkasan tanpa menyimpan")
        parser.add_argument(
            "--nonaktifkan-yang-hilang",
            action="store_true",
            help="tandai tidak aktif pegawai aktif yang tidak ada di berkas (tidak pernah menghapus)",
        )

    def handle(self, *args, path, lembar, dry_run, nonaktifkan_yang_hilang, **options):
        berkas = Path(path)
        if not berkas.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        try:
            hasil = impor_roster(
                berkas.name,
                berkas.read_bytes(),
                lembar=lembar,
                nonaktifkan_yang_hilang=nonaktifkan_yang_hilang,
                dry_run=dry_run,
            )
        except FileRefused as exc:
            raise CommandError(str(exc)) from None
        except ImporDitolak as exc:
            for galat in exc.galat:
                self.stderr.write(str(galat))
            raise CommandError(f"{len(exc.galat)} galat; tidak ada data yang disimpan.") from None
        r = hasil.ringkasan()
        self.stdout.write(cara_dibaca(r["berkas"]))
        awalan = "Uji coba (tidak disimpan): " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{awalan}{r['jumlah_baris']} baris: {r['jumlah_baru']} baru, {r['jumlah_diubah']} diubah, "
                f"{r['jumlah_tidak_berubah']} tidak berubah; {r['jumlah_unit_baru']} unit baru, "
                f"{r['jumlah_unit_diubah']} unit diubah; {hasil.akun_dibuat} akun dibuat; "
                f"{r['jumlah_hilang']} pegawai aktif tidak ada di berkas"
                + (f", {hasil.dinonaktifkan} dinonaktifkan." if nonaktifkan_yang_hilang else ".")
            )
        )


def cara_dibaca(berkas: dict) -> str:
    """How the file was read, in one line: the sheet and header row, or a CSV's encoding, and hidden rows."""
    bagian = [f"lembar '{berkas['lembar']}'"] if berkas["lembar"] else [f"enkoding {berkas['label_enkoding']}"]
    bagian.append(f"baris judul {berkas['baris_judul']}")
    if berkas["jumlah_baris_tersembunyi"]:
        bagian.append(f"{berkas['jumlah_baris_tersembunyi']} baris tersembunyi ikut dibaca")
    if berkas["kolom_tersembunyi"]:
        bagian.append(f"kolom tersembunyi ikut dibaca: {', '.join(berkas['kolom_tersembunyi'])}")
    teks = "Dibaca dari " + ", ".join(bagian) + "."
    kolom = berkas.get("kolom", [])
    dibaca = [f"{k['judul']} → {k['dibaca_sebagai']}" for k in kolom if k["dibaca_sebagai"]]
    diabaikan = [k["judul"] for k in kolom if not k["dibaca_sebagai"]]
    if dibaca:
        teks += "\nKolom: " + "; ".join(dibaca) + "."
    if diabaikan:
        teks += "\nDiabaikan: " + "; ".join(diabaikan) + "."
    return teks
