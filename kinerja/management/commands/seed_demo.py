"""Fill an empty database with a deterministic Gorontalo demo roster and one login per role.

Only the demo logins get user accounts; every other ASN has none (Pegawai.user is empty) until an
administrator creates one, as for a roster imported from a spreadsheet.
"""

import datetime
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kinerja import demo
from kinerja.models import Pegawai, PenugasanPengelola, Periode, UnitKerja
from kinerja.permissions import GRUP_ADMINISTRATOR, GRUP_PENGELOLA, GRUP_PETUGAS_LAYANAN

UKURAN_BATCH = 2000


class Command(BaseCommand):
    help = (
        "Mengisi basis data kosong dengan data demo Provinsi Gorontalo (unit kerja, pegawai, satu login per peran). "
        "Hasilnya sama untuk --seed yang sama."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pegawai", type=int, default=demo.JUMLAH_BAKU, help="jumlah pegawai (baku 300)")
        parser.add_argument("--seed", type=int, default=demo.SEED_BAKU, help="seed acak; seed sama → data sama")
        parser.add_argument(
            "--force",
            action="store_true",
            help="hapus seluruh roster yang ada (unit kerja, pegawai dan akun pegawai) lalu isi ulang",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="jika basis data sudah berisi, lewati tanpa galat (dipakai `make run`)",
        )

    def handle(self, *args, pegawai, seed, force, if_empty, **options):
        if pegawai < demo.jumlah_minimal():
            raise CommandError(f"--pegawai minimal {demo.jumlah_minimal()} agar setiap jabatan kepala terisi.")
        jumlah_unit, jumlah_pegawai = UnitKerja.objects.count(), Pegawai.objects.count()
        if (jumlah_unit or jumlah_pegawai) and not force:
            if if_empty:
                self.stdout.write("Basis data sudah berisi data roster; data demo tidak dibuat ulang.")
                self.tampilkan_login()
                return
            raise CommandError(
                f"Basis data sudah berisi {jumlah_unit} unit kerja dan {jumlah_pegawai} pegawai. "
                "Data demo hanya dibuat pada basis data kosong; gunakan --force untuk menghapus roster "
                "yang ada dan mengisinya ulang."
            )
        mulai = time.monotonic()
        roster = demo.buat_roster(pegawai, seed)
        with transaction.atomic():
            if force:
                hapus_roster()
            simpan(roster)
        self.stdout.write(
            self.style.SUCCESS(
                f"Data demo dibuat: {len(roster.unit)} unit kerja, {len(roster.orang)} pegawai "
                f"(seed {seed}) dalam {time.monotonic() - mulai:.1f} detik."
            )
        )
        self.tampilkan_login()

    def tampilkan_login(self):
        User = get_user_model()
        akun = {u.username: u for u in User.objects.filter(username__in=[d.username for d in demo.LOGIN_DEMO])}
        self.stdout.write(f"Login demo (kata sandi semua: {demo.KATA_SANDI_DEMO}):")
        for d in demo.LOGIN_DEMO:
            user = akun.get(d.username)
            if user is None:
                catatan = "  [tidak ada di basis data ini]"
            elif not user.check_password(demo.KATA_SANDI_DEMO):
                catatan = "  [kata sandi sudah diubah]"
            else:
                catatan = ""
            self.stdout.write(f"  {d.peran:<18} {d.username:<20} {d.keterangan}{catatan}")


def hapus_roster():
    """Remove the roster and the accounts of its ASN; other accounts (e.g. a createsuperuser one) stay."""
    from evaluasi.models import CatatanDisiplin, Konsekuensi, RekapKehadiran, RekapPelatihan

    # Facts and outcomes of the rules point at the ASN (PROTECT); they go with the roster.
    Konsekuensi.objects.update(digantikan_oleh=None)
    for model in (Konsekuensi, RekapKehadiran, RekapPelatihan, CatatanDisiplin):
        model.objects.all().delete()
    get_user_model().objects.filter(pegawai__isnull=False).delete()
    PenugasanPengelola.objects.all().delete()
    # Unlink the self-references first so neither PROTECT nor per-row SET NULL work gets in the way.
    UnitKerja.objects.update(kepala=None, induk=None)
    Pegawai.objects.update(atasan=None)
    Pegawai.objects.all().delete()
    UnitKerja.objects.all().delete()


def simpan(roster: demo.Roster):
    """Write the generated roster with a handful of bulk queries, parents before children."""
    unit_id = {}
    for kedalaman in sorted({u.kedalaman for u in roster.unit}):
        baru = [
            UnitKerja(kode=u.kode, nama=u.nama, induk_id=unit_id.get(u.induk))
            for u in roster.unit
            if u.kedalaman == kedalaman
        ]
        for unit in UnitKerja.objects.bulk_create(baru, batch_size=UKURAN_BATCH):
            unit_id[unit.kode] = unit.pk
    pegawai_id = {}
    for tingkat in sorted({o.tingkat for o in roster.orang}):
        baru = [
            Pegawai(
                nip=o.nip,
                nama=o.nama,
                gelar_depan=o.gelar_depan,
                gelar_belakang=o.gelar_belakang,
                jenis_kelamin=o.jenis_kelamin,
                tanggal_lahir=o.tanggal_lahir,
                status_kepegawaian=o.status_kepegawaian,
                golongan=o.golongan,
                jabatan=o.jabatan,
                jenis_jabatan=o.jenis_jabatan,
                unit_kerja_id=unit_id[o.unit],
                atasan_id=pegawai_id.get(o.atasan),
                email=o.email,
                no_hp=o.no_hp,
            )
            for o in roster.orang
            if o.tingkat == tingkat
        ]
        for p in Pegawai.objects.bulk_create(baru, batch_size=UKURAN_BATCH):
            pegawai_id[p.nip] = p.pk
    kepala = [UnitKerja(pk=unit_id[u.kode], kepala_id=pegawai_id[u.kepala]) for u in roster.unit if u.kepala]
    UnitKerja.objects.bulk_update(kepala, ["kepala"], batch_size=UKURAN_BATCH)
    buat_login(pegawai_id, unit_id, roster)
    simpan_kehadiran(pegawai_id, roster)


def simpan_kehadiran(pegawai_id: dict, roster: demo.Roster):
    """Attendance of Triwulan I 2025, example TPP bases, and the default rules applied to that (closed) period,
    with the demo Pegawai's outcome approved, so the rules pages and "Konsekuensi Saya" show something."""
    from evaluasi import services as aturan
    from evaluasi.models import BesaranTPP, Konsekuensi, RekapKehadiran

    RekapKehadiran.objects.bulk_create(
        [
            RekapKehadiran(pegawai_id=pegawai_id[nip], tahun=demo.TAHUN_KEHADIRAN, bulan=bulan, sumber="IMPOR", **nilai)
            for nip, bulan, nilai in demo.kehadiran_demo(roster)
        ],
        batch_size=UKURAN_BATCH,
    )
    BesaranTPP.objects.bulk_create(
        [BesaranTPP(jenis_jabatan=j, besaran=b) for j, b in demo.BESARAN_TPP_CONTOH.items()], ignore_conflicts=True
    )
    tahun = demo.TAHUN_KEHADIRAN
    periode, _ = Periode.objects.get_or_create(
        tahun=tahun,
        jenis=Periode.Jenis.TRIWULANAN,
        nomor=1,
        defaults={
            "mulai": datetime.date(tahun, 1, 1),
            "selesai": datetime.date(tahun, 3, 31),
            "batas_pengisian": datetime.date(tahun, 4, 10),
            "batas_penilaian": datetime.date(tahun, 4, 20),
            "status": Periode.Status.DITUTUP,
        },
    )
    admin = get_user_model().objects.get(username="admin")
    aturan.terapkan_aturan(admin, periode.pk, konfirmasi_belum_final=True)
    for k in Konsekuensi.objects.filter(periode=periode, pegawai__nip=demo.PEGAWAI.nip, status="USULAN"):
        aturan.putuskan_konsekuensi(admin, k.pk, setujui=True, alasan="Data demo: sesuai rekap kehadiran Triwulan I.")


def buat_login(pegawai_id: dict, unit_id: dict, roster: demo.Roster):
    User = get_user_model()
    grup = {
        nama: Group.objects.get_or_create(name=nama)[0]
        for nama in (GRUP_ADMINISTRATOR, GRUP_PENGELOLA, GRUP_PETUGAS_LAYANAN)
    }
    admin, _ = User.objects.get_or_create(username="admin")
    admin.is_staff = admin.is_superuser = True
    admin.first_name, admin.last_name = "Administrator", "Sistem"
    admin.set_password(demo.KATA_SANDI_DEMO)
    admin.save()
    admin.groups.add(grup[GRUP_ADMINISTRATOR])
    peran_grup = {demo.PENGELOLA.nip: GRUP_PENGELOLA, demo.PETUGAS.nip: GRUP_PETUGAS_LAYANAN}
    for tetap in demo.ORANG_TETAP:
        user, _ = User.objects.get_or_create(username=tetap.nip)
        user.first_name, _, user.last_name = tetap.nama.partition(" ")
        user.set_password(demo.KATA_SANDI_DEMO)
        user.save()
        if tetap.nip in peran_grup:
            user.groups.add(grup[peran_grup[tetap.nip]])
        Pegawai.objects.filter(pk=pegawai_id[tetap.nip]).update(user=user)
    kode_per_nama = {u.nama: u.kode for u in roster.unit}
    pengelola = User.objects.get(username=demo.PENGELOLA.nip)
    PenugasanPengelola.objects.bulk_create(
        PenugasanPengelola(user=pengelola, unit_kerja_id=unit_id[kode_per_nama[nama]]) for nama in demo.OPD_PENGELOLA
    )
