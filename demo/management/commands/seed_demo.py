"""Fill an empty database with a deterministic Gorontalo demo roster and one login per role.

Only the demo logins get user accounts; every other ASN has none (Pegawai.user is empty) until an
administrator creates one, as for a roster imported from a spreadsheet.
"""

import random
import time
from dataclasses import asdict

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.bulk import foreign_keys_checked_after, truncate_tables
from core.cache import bump_all
from core.roles import GRUP_ADMINISTRATOR, GRUP_PENGELOLA, GRUP_PETUGAS_LAYANAN
from demo import ekinerja as demo_ekinerja
from demo import kehadiran as demo_kehadiran
from demo import layanan as demo_layanan
from demo import penilaian as demo_penilaian
from demo import progres as demo_progres
from demo import provinsi as demo_provinsi
from demo import roster as demo_roster
from kinerja.models import (
    SKP,
    DialogKinerja,
    EvaluasiKinerja,
    HasilEkinerja,
    ImporEkinerja,
    IndikatorKinerja,
    KinerjaOrganisasi,
    Notifikasi,
    Pegawai,
    PejabatLuar,
    PembukaanKembaliPeriode,
    PengaturanKinerja,
    PengecualianKurva,
    PenugasanPengelola,
    PeranHasil,
    PerilakuKerja,
    Periode,
    ProgresHarian,
    RealisasiIndikator,
    RencanaAksi,
    RencanaHasilKerja,
    RiwayatEvaluasi,
    RiwayatSKP,
    UmpanBalikRHK,
    UnitKerja,
)
from kinerja.penilaian.periode import RencanaPeriode, rencana_periode
from kinerja.penilaian.predikat import predikat_kinerja
from kinerja.penilaian.services_penilai import penilai_dari
from rekap.models import RekapKinerja, RekapTim
from rekap.services import hitung_rekap

UKURAN_BATCH = 2000


class Command(BaseCommand):
    help = (
        "Mengisi basis data kosong dengan data demo Provinsi Gorontalo (unit kerja, pegawai, satu login per peran). "
        "Hasilnya sama untuk --seed yang sama."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pegawai", type=int, default=demo_roster.JUMLAH_BAKU, help="jumlah pegawai (baku 300)")
        parser.add_argument(
            "--periode",
            type=int,
            default=1,
            help="jumlah periode triwulanan berisi evaluasi, diakhiri triwulan berjalan (baku 1: hanya OPD "
            "pengelola demo); lebih dari 1: seluruh pegawai di setiap periode, dengan kehadiran bulanan",
        )
        parser.add_argument(
            "--permohonan",
            type=int,
            default=None,
            help="jumlah permohonan layanan, tersebar di hari kerja sejak awal periode pertama "
            f"(baku: {demo_layanan.PERMOHONAN_PER_HARI} per hari kerja selama {demo_layanan.HARI_DEMO} hari terakhir)",
        )
        parser.add_argument("--seed", type=int, default=demo_roster.SEED_BAKU, help="seed acak; seed sama → data sama")
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

    def handle(self, *args, pegawai, periode, permohonan, seed, force, if_empty, **options):
        if pegawai < demo_roster.jumlah_minimal():
            raise CommandError(f"--pegawai minimal {demo_roster.jumlah_minimal()} agar setiap jabatan kepala terisi.")
        if periode < 1:
            raise CommandError("--periode minimal 1 (triwulan berjalan).")
        if permohonan is not None and permohonan < 0:
            raise CommandError("--permohonan tidak boleh negatif.")
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
        mulai = lalu = time.monotonic()

        def tahap(nama):
            # At -v 2: where the time of a large seed goes.
            nonlocal lalu
            if options["verbosity"] >= 2:
                self.stdout.write(f"  {nama}: {time.monotonic() - lalu:.1f} detik")
            lalu = time.monotonic()

        roster = demo_roster.buat_roster(pegawai, seed)
        tahap("roster dibangkitkan")
        with transaction.atomic():
            if force:
                hapus_aturan()
                hapus_evaluasi()
                hapus_roster()
                tahap("data lama dihapus")
            with foreign_keys_checked_after(*demo_provinsi.TABEL, *demo_layanan.TABEL):
                pegawai_id, unit_id = simpan(roster)
                tahap("roster, login, kehadiran triwulan I dan aturan")
                simpan_evaluasi(roster, pegawai_id, unit_id, seed)
                tahap("evaluasi demo OPD pengelola")
                mulai_layanan = None
                if periode > 1:
                    demo_provinsi.simpan_provinsi(roster, pegawai_id, seed, periode)
                    mulai_layanan = Periode.objects.filter(jenis=Periode.Jenis.TRIWULANAN).earliest("mulai").mulai
                    tahap("evaluasi, kehadiran dan pelatihan seluruh provinsi")
                jumlah_permohonan = demo_layanan.simpan_layanan(seed, permohonan, mulai_layanan)
                tahap("permohonan layanan")
            tahap("foreign key diperiksa")
            # The dashboards read roll-ups, which otherwise wait for the nightly run.
            hitung_rekap(Periode.objects.values_list("pk", flat=True))
            tahap("rekap")
        tahap("commit")
        if connection.vendor == "postgresql":
            # What autovacuum would do after a bulk load (it may be off, or late). Planner statistics: without them
            # PostgreSQL guesses a few hundred ASN and the main pages' joins pick nested loops over 30,000. The
            # visibility map: without it index-only scans (the HR list's progress) read the table after all.
            # VACUUM cannot run inside a transaction (a caller's atomic block, as in the tests): ANALYZE can.
            perintah = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(perintah)
            tahap(perintah)
        # COPY and the base managers bypass the ORM's writes: no cached page fragment may show the data before.
        bump_all()
        self.stdout.write(
            self.style.SUCCESS(
                f"Data demo dibuat: {len(roster.unit)} unit kerja, {len(roster.orang)} pegawai, "
                f"{Periode.objects.count()} periode, {EvaluasiKinerja.objects.count()} evaluasi kinerja, "
                f"{RealisasiIndikator.objects.count()} realisasi, {jumlah_permohonan} permohonan layanan "
                f"(seed {seed}) dalam {time.monotonic() - mulai:.1f} detik."
            )
        )
        self.tampilkan_login()

    def tampilkan_login(self):
        User = get_user_model()
        akun = {u.username: u for u in User.objects.filter(username__in=[d.username for d in demo_roster.LOGIN_DEMO])}
        self.stdout.write(f"Login demo (kata sandi semua: {demo_roster.KATA_SANDI_DEMO}):")
        for d in demo_roster.LOGIN_DEMO:
            user = akun.get(d.username)
            if user is None:
                catatan = "  [tidak ada di basis data ini]"
            elif not user.check_password(demo_roster.KATA_SANDI_DEMO):
                catatan = "  [kata sandi sudah diubah]"
            else:
                catatan = ""
            self.stdout.write(f"  {d.peran:<18} {d.username:<20} {d.keterangan}{catatan}")


def hapus_aturan():
    """Remove the rules' facts and outcomes and the TPP lists: they point at the ASN and the periods (PROTECT).
    A locked list refuses deletion one by one; the demo's reset removes them wholesale."""
    from evaluasi.models import (
        BarisDaftarTPP,
        CatatanDisiplin,
        DaftarTPP,
        Konsekuensi,
        PenugasanPlt,
        RekapKehadiran,
        RekapPelatihan,
    )

    Konsekuensi.objects.update(digantikan_oleh=None)
    truncate_tables(RekapKehadiran, RekapPelatihan, BarisDaftarTPP)
    for model in (DaftarTPP, PenugasanPlt, Konsekuensi, CatatanDisiplin):
        model.objects.all().delete()


def hapus_roster():
    """Remove the roster and the accounts of its ASN; other accounts (e.g. a createsuperuser one) stay."""
    demo_layanan.hapus_layanan()
    get_user_model().objects.filter(Q(pegawai__isnull=False) | Q(pejabat_luar__isnull=False)).delete()
    PenugasanPengelola.objects.all().delete()
    # Unlink the self-references first so neither PROTECT nor per-row SET NULL work gets in the way.
    UnitKerja.objects.update(kepala=None, induk=None)
    Pegawai.objects.update(atasan=None, penilai=None, penilai_luar=None, atasan_penilai=None, atasan_penilai_luar=None)
    # The roll-ups go with the units and ASN they count (CASCADE); seed_demo computes them again.
    truncate_tables(RekapTim, RekapKinerja, Pegawai, UnitKerja)
    PejabatLuar.objects.all().delete()


def simpan(roster: demo_roster.Roster):
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
                kelas_jabatan=o.kelas_jabatan,
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
    simpan_penilai(roster, pegawai_id)
    buat_login(pegawai_id, unit_id, roster)
    simpan_kehadiran(pegawai_id, roster)
    return pegawai_id, unit_id


def simpan_penilai(roster: demo_roster.Roster, pegawai_id: dict):
    """The appraisers named outside the unit chain: the Sekda for the heads of OPD, the Gubernur (outside the
    roster) for the Sekda."""
    g = demo_roster.GUBERNUR
    gubernur = PejabatLuar.objects.create(nama=g.nama, jabatan=g.jabatan)
    for o in roster.orang:
        if o.penilai or o.penilai_gubernur:
            Pegawai.objects.filter(pk=pegawai_id[o.nip]).update(
                penilai_id=pegawai_id.get(o.penilai), penilai_luar=gubernur if o.penilai_gubernur else None
            )


def simpan_kehadiran(pegawai_id: dict, roster: demo_roster.Roster):
    """Attendance of Triwulan I 2025, example TPP bases, and the default rules applied to that (closed) period,
    with the demo Pegawai's outcome approved, so the rules pages and "Konsekuensi Saya" show something."""
    from evaluasi import services as aturan
    from evaluasi.models import BesaranTPP, Konsekuensi, RekapKehadiran

    RekapKehadiran.objects.bulk_create(
        [
            RekapKehadiran(
                pegawai_id=pegawai_id[nip], tahun=demo_kehadiran.TAHUN_KEHADIRAN, bulan=bulan, sumber="IMPOR", **nilai
            )
            for nip, bulan, nilai in demo_kehadiran.kehadiran_demo(roster)
        ],
        batch_size=UKURAN_BATCH,
    )
    # The same example bases every year from the demo's attendance to today's, so any month shows a list.
    BesaranTPP.objects.bulk_create(
        [
            BesaranTPP(tahun=tahun, kelas_jabatan=k, besaran=b)
            for tahun in range(demo_kehadiran.TAHUN_KEHADIRAN, timezone.localdate().year + 1)
            for k, b in demo_kehadiran.BESARAN_TPP_CONTOH.items()
        ],
        ignore_conflicts=True,
    )
    triwulan = rencana_periode(Periode.Jenis.TRIWULANAN, 1, demo_kehadiran.TAHUN_KEHADIRAN)
    periode, _ = Periode.objects.get_or_create(
        tahun=triwulan.tahun,
        jenis=triwulan.jenis,
        nomor=triwulan.nomor,
        defaults={
            "mulai": triwulan.mulai,
            "selesai": triwulan.selesai,
            "batas_pengisian": triwulan.batas_pengisian,
            "batas_penilaian": triwulan.batas_penilaian,
            "status": Periode.Status.DITUTUP,
        },
    )
    admin = get_user_model().objects.get(username="admin")
    aturan.terapkan_aturan(admin, periode.pk, konfirmasi_belum_final=True)
    for k in Konsekuensi.objects.filter(periode=periode, pegawai__nip=demo_roster.PEGAWAI.nip, status="USULAN"):
        aturan.putuskan_konsekuensi(
            admin, k.pk, setujui=True, alasan=f"Data demo: sesuai rekap kehadiran {triwulan.nama}."
        )
    # The demo HR's first OPD has January's TPP list locked; February and March stay drafts to review.
    opd = UnitKerja.objects.get(nama=demo_roster.OPD_PENGELOLA[0])
    aturan.kunci_tpp(admin, opd.pk, demo_kehadiran.TAHUN_KEHADIRAN, 1)


def buat_login(pegawai_id: dict, unit_id: dict, roster: demo_roster.Roster):
    User = get_user_model()
    grup = {
        nama: Group.objects.get_or_create(name=nama)[0]
        for nama in (GRUP_ADMINISTRATOR, GRUP_PENGELOLA, GRUP_PETUGAS_LAYANAN)
    }
    admin, _ = User.objects.get_or_create(username="admin")
    admin.is_staff = admin.is_superuser = True
    admin.first_name, admin.last_name = "Administrator", "Sistem"
    admin.set_password(demo_roster.KATA_SANDI_DEMO)
    admin.save()
    admin.groups.add(grup[GRUP_ADMINISTRATOR])
    peran_grup = {demo_roster.PENGELOLA.nip: GRUP_PENGELOLA, demo_roster.PETUGAS.nip: GRUP_PETUGAS_LAYANAN}
    for tetap in demo_roster.ORANG_TETAP:
        user, _ = User.objects.get_or_create(username=tetap.nip)
        user.first_name, _, user.last_name = tetap.nama.partition(" ")
        user.set_password(demo_roster.KATA_SANDI_DEMO)
        user.save()
        if tetap.nip in peran_grup:
            user.groups.add(grup[peran_grup[tetap.nip]])
        Pegawai.objects.filter(pk=pegawai_id[tetap.nip]).update(user=user)
    gubernur, _ = User.objects.get_or_create(username=demo_roster.GUBERNUR.username)
    gubernur.first_name = demo_roster.GUBERNUR.nama
    gubernur.set_password(demo_roster.KATA_SANDI_DEMO)
    gubernur.save()
    PejabatLuar.objects.filter(nama=demo_roster.GUBERNUR.nama).update(user=gubernur)
    kode_per_nama = {u.nama: u.kode for u in roster.unit}
    pengelola = User.objects.get(username=demo_roster.PENGELOLA.nip)
    PenugasanPengelola.objects.bulk_create(
        PenugasanPengelola(user=pengelola, unit_kerja_id=unit_id[kode_per_nama[nama]])
        for nama in demo_roster.OPD_PENGELOLA
    )


# --- Evaluasi kinerja demo ----------------------------------------------------------------------------------------


def hapus_evaluasi():
    """Remove the evaluation data that points at the roster. Final evaluations refuse deletion through their own
    querysets (that lock is for people); a reset of demo data goes around it through the base managers."""
    # The plans cite each other (PROTECT): unlinked first so they can go in one delete.
    RencanaHasilKerja.objects.update(rhk_atasan=None)
    truncate_tables(
        HasilEkinerja,
        ImporEkinerja,
        DialogKinerja,
        RiwayatEvaluasi,
        RealisasiIndikator,
        RencanaAksi,
        UmpanBalikRHK,
        PerilakuKerja,
        EvaluasiKinerja,
        RiwayatSKP,
        ProgresHarian,
        PeranHasil,
        IndikatorKinerja,
        RencanaHasilKerja,
        SKP,
    )
    for model in (PengecualianKurva, KinerjaOrganisasi, PembukaanKembaliPeriode, Periode):
        model._base_manager.all().delete()


class _PenulisEvaluasi:
    """Writes the demo plans and evaluations with bulk queries; every choice comes from one seeded generator."""

    def __init__(self, roster: demo_roster.Roster, pegawai_id: dict, seed: int):
        self.rng = random.Random(seed)
        self.roster = roster
        self.pegawai_id = pegawai_id
        self.nama_unit = {u.kode: u.nama for u in roster.unit}
        self.kepala_unit = {u.kepala for u in roster.unit if u.kepala}
        self.user = {p.pk: p.user_id for p in Pegawai.objects.filter(user__isnull=False).only("id", "user_id")}
        self.penilai = penilai_dari(Pegawai.objects.all())
        self.user_gubernur = PejabatLuar.objects.values_list("user_id", flat=True).first()
        self.pengelola = get_user_model().objects.get(username=demo_roster.PENGELOLA.nip)
        self.sekarang = timezone.now()
        self.pengaturan = PengaturanKinerja.aktif()

    def orang_lingkup(self) -> list[demo_roster.Orang]:
        """The staff of the Pengelola's OPD and the Sekda who appraises their heads, appraisers first (their RHK
        must exist before those they appraise cite them)."""
        kode_opd = {u.kode for u in self.roster.unit if u.nama in demo_roster.OPD_PENGELOLA}
        return sorted(
            (
                o
                for o in self.roster.orang
                if any(o.unit == k or o.unit.startswith(f"{k}.") for k in kode_opd) or o.nip == demo_roster.SEKDA.nip
            ),
            key=lambda o: o.tingkat,
        )

    def penyetuju(self, o: demo_roster.Orang) -> int | None:
        """The user id of whoever approves the ASN's SKP: their PPK's account (the Gubernur's for the Sekda)."""
        if o.penilai_gubernur:
            return self.user_gubernur
        return self.user.get(self.pegawai_id.get(o.ppk)) if o.ppk else None

    def skp(self, orang: list[demo_roster.Orang], tahun: int, diajukan: set[str] = frozenset()) -> dict[str, int]:
        """Approved (or, for `diajukan`, submitted) SKP with one cascading RHK and three indicators each; the demo
        Atasan's and their team's with an annex.
        Returns NIP → the id of their RHK."""
        per_nip = {}
        for o in orang:
            status = SKP.Status.DIAJUKAN if o.nip in diajukan else SKP.Status.DISETUJUI
            atasan_user = self.penyetuju(o)
            tim_atasan = demo_roster.ATASAN.nip in (o.nip, o.atasan)
            jenis = SKP.jenis_untuk(o.jenis_jabatan)
            per_nip[o.nip] = SKP(
                pegawai_id=self.pegawai_id[o.nip],
                tahun=tahun,
                jenis=jenis,
                perjanjian_kinerja=demo_penilaian.perjanjian_kinerja(o.jabatan, tahun)
                if jenis == SKP.Jenis.JPT
                else "",
                status=status,
                diajukan_pada=self.sekarang,
                disetujui_pada=self.sekarang if status == SKP.Status.DISETUJUI else None,
                disetujui_oleh_id=atasan_user if status == SKP.Status.DISETUJUI else None,
                **(demo_penilaian.LAMPIRAN_SKP_DEMO if tim_atasan else {}),
            )
        SKP.objects.bulk_create(per_nip.values(), batch_size=UKURAN_BATCH)
        RiwayatSKP.objects.bulk_create(
            (
                RiwayatSKP(skp=s, oleh_id=s.disetujui_oleh_id, dari_status=SKP.Status.DIAJUKAN, ke_status=s.status)
                for s in per_nip.values()
                if s.status == SKP.Status.DISETUJUI
            ),
            batch_size=UKURAN_BATCH,
        )
        rhk, uraian = {}, {}
        for tingkat in sorted({o.tingkat for o in orang}):
            baru = {
                o.nip: RencanaHasilKerja(
                    skp=per_nip[o.nip],
                    uraian=demo_penilaian.sasaran_strategis(self.nama_unit[o.unit])
                    if per_nip[o.nip].jpt
                    else demo_penilaian.uraian_rhk(o.jabatan, self.nama_unit[o.unit], o.nip in self.kepala_unit),
                    rhk_atasan_id=rhk.get(o.ppk),
                    uraian_rhk_atasan=uraian.get(o.ppk, ""),
                )
                for o in orang
                if o.tingkat == tingkat
            }
            RencanaHasilKerja.objects.bulk_create(baru.values(), batch_size=UKURAN_BATCH)
            rhk.update({nip: r.pk for nip, r in baru.items()})
            uraian.update({nip: r.uraian for nip, r in baru.items()})
        self.uraian_rhk = uraian
        IndikatorKinerja.objects.bulk_create(
            demo_penilaian.indikator_skp(rhk, {nip for nip, s in per_nip.items() if s.jpt}, demo_roster.PEGAWAI.nip),
            batch_size=UKURAN_BATCH,
        )
        self.skp_id = {nip: s.pk for nip, s in per_nip.items()}
        return rhk

    def periode(self, p: RencanaPeriode, dibuka: bool) -> Periode:
        return Periode.objects.create(
            tahun=p.tahun,
            jenis=p.jenis,
            nomor=p.nomor,
            mulai=p.mulai,
            selesai=p.selesai,
            batas_pengisian=p.batas_pengisian,
            batas_penilaian=p.batas_penilaian,
            status=Periode.Status.DIBUKA if dibuka else Periode.Status.DITUTUP,
            dibuat_oleh=self.pengelola,
            ditutup_oleh=None if dibuka else self.pengelola,
            ditutup_pada=None if dibuka else self.sekarang,
        )

    def evaluasi(self, periode: Periode, status_per_nip: dict[str, str], rhk: dict[str, int], rating=None):
        """Evaluations in the given states, with realisations once submitted and ratings and feedback once rated."""
        indikator = {}
        for i in IndikatorKinerja.objects.filter(rhk_id__in=rhk.values()).order_by("urutan"):
            indikator.setdefault(i.rhk_id, []).append(i)
        daftar = []
        for nip, status in status_per_nip.items():
            ev = EvaluasiKinerja(
                periode=periode,
                pegawai_id=self.pegawai_id[nip],
                skp_id=self.skp_id.get(nip),
                status=status,
                **asdict(self.penilai[self.pegawai_id[nip]]),
            )
            if status in ("DIAJUKAN", "DINILAI"):
                ev.diajukan_pada = self.sekarang
            if status == "DIKEMBALIKAN":
                ev.diajukan_pada = self.sekarang
                ev.alasan_pengembalian = "Lengkapi tautan bukti untuk setiap indikator."
            if status == "DINILAI":
                hasil, perilaku = (rating or {}).get(nip) or (self.rng.choice(demo_penilaian.RATING_DEMO), "SESUAI")
                ev.rating_hasil_kerja, ev.rating_perilaku_kerja = hasil, perilaku
                ev.predikat = predikat_kinerja(hasil, perilaku)
                ev.catatan = "Pertahankan kinerja dan dokumentasikan setiap kegiatan."
                ev.rekomendasi_pengembangan = "Pelatihan teknis sesuai jabatan (20 JP)."
                ev.dinilai_pada = self.sekarang
            daftar.append(ev)
        EvaluasiKinerja.objects.bulk_create(daftar, batch_size=UKURAN_BATCH)
        realisasi, rencana_aksi, umpan_balik, perilaku, riwayat = [], [], [], [], []
        for nip, ev in zip(status_per_nip, daftar, strict=True):
            if ev.status == "DRAFT":
                continue
            rencana_aksi.append(
                RencanaAksi(
                    evaluasi=ev,
                    rhk_id=rhk[nip],
                    rencana=demo_penilaian.RENCANA_AKSI_DEMO,
                    diisi_oleh_id=self.user.get(ev.pegawai_id),
                    diisi_sebagai=RealisasiIndikator.DiisiSebagai.PEGAWAI,
                )
            )
            realisasi.extend(
                demo_penilaian.realisasi_demo(ev, ind, self.user.get(ev.pegawai_id), self._realisasi, self.pengaturan)
                for ind in indikator.get(rhk[nip], [])
            )
            if ev.status in ("DIAJUKAN", "DINILAI", "DIKEMBALIKAN"):
                riwayat.append(RiwayatEvaluasi(evaluasi=ev, aksi="DIAJUKAN", dari_status="DRAFT", ke_status="DIAJUKAN"))
            if ev.status == "DIKEMBALIKAN":
                riwayat.append(
                    RiwayatEvaluasi(
                        evaluasi=ev,
                        aksi="DIKEMBALIKAN",
                        dari_status="DIAJUKAN",
                        ke_status="DIKEMBALIKAN",
                        alasan=ev.alasan_pengembalian,
                    )
                )
            if ev.status == "DINILAI":
                riwayat.append(
                    RiwayatEvaluasi(evaluasi=ev, aksi="DINILAI", dari_status="DIAJUKAN", ke_status="DINILAI")
                )
                umpan_balik.append(
                    UmpanBalikRHK(evaluasi=ev, rhk_id=rhk[nip], umpan_balik="Target kuartal ini tercapai dengan baik.")
                )
                perilaku.extend(
                    PerilakuKerja(evaluasi=ev, nilai=n.value, umpan_balik=f"Menunjukkan perilaku {n.label.lower()}.")
                    for n in PerilakuKerja.Nilai
                )
        for model, baris in (
            (RealisasiIndikator, realisasi),
            (RencanaAksi, rencana_aksi),
            (UmpanBalikRHK, umpan_balik),
            (PerilakuKerja, perilaku),
            (RiwayatEvaluasi, riwayat),
        ):
            model.objects.bulk_create(baris, batch_size=UKURAN_BATCH)
        return daftar

    def _realisasi(self, indikator):
        target = int(indikator.target)
        if indikator.aspek == "KUALITAS":
            return self.rng.randint(80, 100)
        if indikator.aspek == "WAKTU":
            return target
        return self.rng.randint(max(1, target - 3), target + 1)


def simpan_evaluasi(roster: demo_roster.Roster, pegawai_id: dict, unit_id: dict, seed: int, hari_ini=None):
    """Demo evaluation data for the Pengelola's OPD: approved SKP, an open quarter with evaluations in every state
    (the demo Pegawai's ready to fill, some of the demo Atasan's team waiting for a rating), and last year's
    annual period, closed, with the demo Atasan's team final (the demo Pegawai's not yet acknowledged)."""
    penulis = _PenulisEvaluasi(roster, pegawai_id, seed)
    lingkup = penulis.orang_lingkup()
    tim = [o for o in lingkup if o.atasan == demo_roster.ATASAN.nip and o.nip != demo_roster.PEGAWAI.nip]
    # One teammate's plan waits for the Atasan's approval, so the SKP review can be tried too.
    skp_diajukan = {tim[0].nip} if tim else set()
    triwulan, tahunan = demo_penilaian.periode_demo(hari_ini or timezone.localdate())
    rhk = penulis.skp(lingkup, triwulan.tahun, diajukan=skp_diajukan)
    status = {}
    for i, o in enumerate(p for p in lingkup if p.nip not in skp_diajukan):
        status[o.nip] = demo_penilaian.URUTAN_STATUS_DEMO[i % len(demo_penilaian.URUTAN_STATUS_DEMO)]
    for i, o in enumerate(tim[1:]):
        status[o.nip] = ("DIAJUKAN", "DIAJUKAN", "DINILAI")[i] if i < 3 else status[o.nip]
    status.update(dict.fromkeys(skp_diajukan, "DRAFT"))
    # The demo Pegawai and the Kepala Dinas fill theirs; the Sekda's waits for the Gubernur.
    status.update({demo_roster.PEGAWAI.nip: "DRAFT", demo_roster.KEPALA_DINAS.nip: "DRAFT"})
    status[demo_roster.SEKDA.nip] = "DIAJUKAN"
    periode = penulis.periode(triwulan, dibuka=True)
    evaluasi = penulis.evaluasi(periode, status, rhk)
    demo_progres.simpan_peran_dan_progres(penulis, rhk, tim, hari_ini or timezone.localdate())

    # Last year: the Atasan's and the team's plans (cascading) and their final annual evaluations.
    atasan = next(o for o in lingkup if o.nip == demo_roster.ATASAN.nip)
    pegawai_demo = next(o for o in lingkup if o.nip == demo_roster.PEGAWAI.nip)
    tim_lalu = [pegawai_demo, *tim]
    skp_ini = penulis.skp_id
    rhk_lalu = penulis.skp([atasan, *tim_lalu], tahunan.tahun)
    lalu = penulis.periode(tahunan, dibuka=False)
    rating = {demo_roster.PEGAWAI.nip: ("DI_ATAS", "SESUAI")}
    final = penulis.evaluasi(lalu, {o.nip: "DINILAI" for o in tim_lalu}, rhk_lalu, rating)
    penulis.skp_id = skp_ini
    EvaluasiKinerja.objects.filter(pk__in=[e.pk for e in final]).update(
        status=EvaluasiKinerja.Status.FINAL, difinalkan_pada=penulis.sekarang, difinalkan_oleh=penulis.pengelola
    )
    RiwayatEvaluasi.objects.bulk_create(
        RiwayatEvaluasi(evaluasi=e, oleh=penulis.pengelola, aksi="DIFINALKAN", dari_status="DINILAI", ke_status="FINAL")
        for e in final
    )
    KinerjaOrganisasi.objects.create(
        unit_kerja_id=unit_id[atasan.unit], periode=lalu, capaian="BAIK", ditetapkan_oleh=penulis.pengelola
    )
    # The Kepala Dinas's unit this quarter: when the Sekda rates him, his rating of hasil kerja is proposed from it
    # (SE MenPANRB 3/2023).
    kepala_dinas = next(o for o in lingkup if o.nip == demo_roster.KEPALA_DINAS.nip)
    KinerjaOrganisasi.objects.create(
        unit_kerja_id=unit_id[kepala_dinas.unit],
        periode=periode,
        capaian="BAIK",
        ditetapkan_oleh=penulis.pengelola,
    )
    demo_ekinerja.simpan_impor_ekinerja(lalu, seed)

    # What each demo login finds in the bell.
    user_atasan = penulis.user[pegawai_id[demo_roster.ATASAN.nip]]
    user_pegawai = penulis.user[pegawai_id[demo_roster.PEGAWAI.nip]]
    nama = {o.nip: o.nama for o in lingkup}
    orang = {o.nip: o for o in lingkup}
    penilai_user = {e.pk: penulis.penyetuju(o) for o, e in zip((orang[n] for n in status), evaluasi, strict=True)}
    notifikasi = [
        Notifikasi(
            penerima_id=penilai_user[e.pk],
            judul=f"Evaluasi {periode} {nama[nip]} menunggu penilaian",
            tautan=reverse("evaluasi_detail", args=[e.pk]),
            tindakan=Notifikasi.Tindakan.NILAI_EVALUASI,
        )
        for nip, e in zip(status, evaluasi, strict=True)
        if e.status == "DIAJUKAN" and penilai_user[e.pk]
    ]
    notifikasi += [
        Notifikasi(
            penerima_id=user_atasan,
            judul=f"SKP {triwulan.tahun} {nama[nip]} diajukan",
            tautan=reverse("skp_detail", args=[skp_ini[nip]]),
            tindakan=Notifikasi.Tindakan.TINJAU_SKP,
        )
        for nip in skp_diajukan
    ]
    notifikasi.append(
        Notifikasi(
            penerima_id=user_pegawai,
            judul=f"Evaluasi {lalu} Anda sudah final",
            tautan=reverse(
                "evaluasi_detail",
                args=[next(e.pk for e in final if e.pegawai_id == pegawai_id[demo_roster.PEGAWAI.nip])],
            ),
            tindakan=Notifikasi.Tindakan.AKUI_EVALUASI,
        )
    )
    Notifikasi.objects.bulk_create(notifikasi)
