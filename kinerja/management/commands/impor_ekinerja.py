"""python manage.py impor_ekinerja PATH --oleh USERNAME [--lembar NAMA] [--kolom KUNCI=JUDUL ...] [--dry-run]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError

from core.spreadsheet import FileRefused
from kinerja.management.commands.import_roster import cara_dibaca
from kinerja.penilaian import impor_ekinerja
from kinerja.penilaian.models_ekinerja import ImporEkinerja
from kinerja.penilaian.services_ekinerja import can_import_ekinerja, jalankan_impor_ekinerja, rencanakan


class Command(BaseCommand):
    help = "Impor hasil evaluasi e-Kinerja BKN dari berkas spreadsheet (jalur yang sama dengan halaman Impor)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="berkas .xlsx, .xls, .xlsb, .ods atau .csv")
        parser.add_argument("--oleh", required=True, help="username pengimpor (administrator atau pengelola kinerja)")
        parser.add_argument("--lembar", help="nama lembar yang dibaca (bawaan: lembar pertama yang judulnya cocok)")
        parser.add_argument(
            "--kolom",
            action="append",
            default=[],
            metavar="KUNCI=JUDUL",
            help=f"petakan kolom berkas: kunci salah satu dari {', '.join(impor_ekinerja.DAPAT_DIPETAKAN)}",
        )
        parser.add_argument("--dry-run", action="store_true", help="periksa dan tampilkan ringkasan tanpa menyimpan")

    def handle(self, *args, path, oleh, lembar, kolom, dry_run, **options):
        berkas = Path(path)
        if not berkas.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        user = get_user_model().objects.filter(username=oleh).first()
        if user is None or not can_import_ekinerja(user):
            raise CommandError(f"Pengguna '{oleh}' tidak ada atau bukan administrator/pengelola kinerja.")
        pemetaan = {}
        for k in kolom:
            kunci, _, judul = k.partition("=")
            if kunci not in impor_ekinerja.DAPAT_DIPETAKAN or not judul:
                raise CommandError(
                    f"--kolom '{k}': tulis KUNCI=JUDUL, KUNCI salah satu dari "
                    f"{', '.join(impor_ekinerja.DAPAT_DIPETAKAN)}."
                )
            pemetaan[judul] = kunci
        data = berkas.read_bytes()
        try:
            rencana = rencanakan(user, berkas.name, data, lembar, None, pemetaan)
        except FileRefused as exc:
            raise CommandError(str(exc)) from None
        self._galat(rencana.galat)
        r = rencana.ringkasan()
        self.stdout.write(cara_dibaca(r["berkas"]))
        if not dry_run:
            job = ImporEkinerja(
                dibuat_oleh=user,
                nama_berkas=berkas.name[:255],
                lembar=r["berkas"]["lembar"],
                enkoding=r["berkas"]["enkoding"],
                pemetaan=pemetaan,
                status=ImporEkinerja.Status.ANTRI,
                jumlah_baris=rencana.jumlah_baris,
            )
            job.berkas.save(berkas.name, ContentFile(data), save=True)
            job = jalankan_impor_ekinerja(job.pk)
            if job.status != ImporEkinerja.Status.SELESAI:
                self._galat(
                    [
                        g["pesan"] if not g["baris"] else f"Baris {g['baris']}, kolom {g['kolom']}: {g['pesan']}"
                        for g in job.galat
                    ]
                )
            r = job.ringkasan
        awalan = "Uji coba (tidak disimpan): " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{awalan}{r['jumlah_baris']} baris: {r['jumlah_baru']} hasil baru, {r['jumlah_diubah']} diubah, "
                f"{r['jumlah_tidak_berubah']} tidak berubah; {r['jumlah_dipakai']} menjadi evaluasi resmi, "
                f"{r['jumlah_lokal_menang']} disimpan di samping evaluasi di aplikasi ini; "
                f"{r['jumlah_tidak_sesuai']} predikat tidak sesuai matriks."
            )
        )

    def _galat(self, galat):
        if galat:
            for g in galat:
                self.stderr.write(str(g))
            raise CommandError(f"{len(galat)} galat; tidak ada data yang disimpan.")
