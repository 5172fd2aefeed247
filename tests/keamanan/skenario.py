"""The scene of the security tests: the `org` fixture plus one object of every kind, for "the unit" and for another.

"The unit" is OPD A (bidang A): staf_a1 owns the person's objects (evaluation, SKP, evidence, notification,
outcome), atasan_a is their PPK, hr_a manages OPD A, petugas_a serves OPD A's public service. The same kinds of
object exist in OPD B, owned by staf_b and managed by hr_b: `nilai_lain` points at those.

URL kwargs are written as "{kunci}" templates and filled from `nilai` (the unit's objects) or `nilai_lain`.
"""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.services import catat as catat_audit
from core.roles import GRUP_PETUGAS_LAYANAN
from evaluasi import impor as impor_fakta
from evaluasi import services as svc_evaluasi
from evaluasi.models import Aturan, BesaranTPP, CatatanDisiplin, Konsekuensi, PenugasanPlt, RekapPelatihan
from evaluasi.services import kunci_tpp
from kinerja.models import (
    HasilEkinerja,
    ImporEkinerja,
    Notifikasi,
    Pegawai,
    PejabatLuar,
    PengecualianKurva,
    PeranHasil,
    ProgresHarian,
    RealisasiIndikator,
)
from kinerja.pegawai import roster
from kinerja.pegawai import services as svc_roster
from kinerja.penilaian import impor_ekinerja
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_ekinerja as svc_ekinerja
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian import services_skp as svc_skp
from layanan import services as svc_layanan
from layanan.models import BerkasPersyaratan, HariLibur, JamLayanan, MasaRamadan, Permohonan
from rekap.models import StatusRekap
from tests.evaluasi.bantuan import kehadiran
from tests.factories import pegawai_dengan_akun
from tests.kinerja.penilaian.bantuan_evaluasi import INDIKATOR, TAHUN, Skenario, skp_atasan, skp_disetujui
from tests.layanan.factories import NIK_CONTOH, JenisLayananFactory, PermohonanFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Keys of objects that belong to a unit or a person: the object-level tests swap them for OPD B's.
KUNCI_MILIK = {
    "pegawai",
    "unit",
    "evaluasi",
    "versi_evaluasi",
    "realisasi",
    "skp",
    "skp_draf",
    "rhk",
    "indikator",
    "peran_hasil",
    "progres",
    "notifikasi",
    "konsekuensi",
    "impor_fakta",
    "impor_ekinerja",
    "permohonan",
    "tiket",
    "berkas_persyaratan",
}
# Keys of objects nobody owns in that sense, with the reason another unit's id is no test for them.
KUNCI_UMUM = {
    "periode": "periods are province-wide; a period's pages scope their rows by the user's units",
    "aturan": "rules are province-wide and administrator-only",
    "impor_roster": "roster imports are province-wide and administrator-only",
    "kode_layanan": "the published IKM of a service is public",
    "token_survei": "the survey link is the citizen's capability (256 random bits), public by design",
    "jenis_pegawai": "a content type id, not a record",
    "tahun": "a year, not a record",
    "bulan": "a month, not a record",
}


class Adegan:
    """Build the scene once; `nilai` and `nilai_lain` map template keys to ids (or codes)."""

    def __init__(self, org):
        self.org = org
        # As seed_demo makes it: the administrator is also the Django admin superuser.
        org.admin.is_staff = org.admin.is_superuser = True
        org.admin.save(update_fields=["is_staff", "is_superuser"])
        self.petugas_a = pegawai_dengan_akun(groups=[GRUP_PETUGAS_LAYANAN], unit_kerja=org.opd_a, nama="Petugas A")
        self.kepala_b = pegawai_dengan_akun(unit_kerja=org.opd_b, nama="Kepala Dinas B", jenis_jabatan="JPT_PRATAMA")
        Pegawai.objects.filter(pk=org.staf_b.pk).update(atasan=self.kepala_b)
        org.staf_b.refresh_from_db()

        s = Skenario(org)
        self.periode = s.periode
        skp_disetujui(org.staf_b, skp_atasan(self.kepala_b))
        svc_periode.buat_evaluasi_periode(org.hr_b.user, s.periode.pk, [org.opd_b.pk])
        aturan = Aturan.objects.order_by("pk").first()
        impor_roster = svc_roster.buat_impor_roster(
            org.admin, SimpleUploadedFile("roster.csv", roster.csv_roster([]), "text/csv")
        )

        self.nilai = {
            "periode": s.periode.pk,
            "aturan": aturan.pk,
            "impor_roster": impor_roster.pk,
            **self._milik(org.staf_a1, org.bidang_a, org.hr_a, org.opd_a, self.petugas_a, "KIA", aturan),
        }
        self.nilai_lain = {
            **self.nilai,
            **self._milik(org.staf_b, org.opd_b, org.hr_b, org.opd_b, org.petugas, "KTP", aturan),
        }
        self._untuk_admin()

    def _untuk_admin(self):
        """A row in every table the Django admin edits, so its change, delete and history pages have an object."""
        org = self.org
        JamLayanan.objects.create(hari=JamLayanan.Hari.values[0], buka=datetime.time(8), tutup=datetime.time(16))
        HariLibur.objects.create(tanggal=datetime.date(TAHUN, 8, 17), nama="Hari Kemerdekaan")
        MasaRamadan.objects.create(
            nama="Ramadan", mulai=datetime.date(TAHUN, 2, 18), selesai=datetime.date(TAHUN, 3, 19)
        )
        kehadiran(org.staf_a1, 1)
        RekapPelatihan.objects.create(pegawai=org.staf_a1, tahun=TAHUN, jp=20)
        CatatanDisiplin.objects.create(
            pegawai=org.staf_a1,
            tingkat=CatatanDisiplin.Tingkat.values[0],
            hukuman="TEGURAN_LISAN",
            nomor_sk="800/1/2026",
            tanggal_sk=datetime.date(TAHUN, 2, 1),
        )
        BesaranTPP.objects.get_or_create(tahun=TAHUN, kelas_jabatan=7, defaults={"besaran": 2_000_000})
        PenugasanPlt.objects.create(
            pegawai=org.staf_a1, jabatan="Kepala Seksi", kelas_jabatan=8, mulai=datetime.date(TAHUN, 1, 1), nomor_sk="1"
        )
        kunci_tpp(org.admin, org.opd_a.pk, TAHUN, 1)
        catat_audit(org.admin, "ubah", Aturan.objects.get(pk=self.nilai["aturan"]), uraian="uji")
        masuk = {"username": org.staf_a1.nip, "ip_address": "36.80.1.1", "user_agent": "uji", "path_info": "/masuk/"}
        AccessAttempt.objects.create(**masuk, get_data="", post_data="", failures_since_start=1)
        AccessLog.objects.create(**masuk)
        AccessFailureLog.objects.create(**masuk)
        PengecualianKurva.objects.create(
            unit_kerja=org.bidang_a,
            periode=self.periode,
            oleh=org.hr_a.user,
            alasan="Unit kecil",
            pelanggaran="Sangat baik melebihi batas",
            jumlah_difinalkan=0,
        )
        StatusRekap.objects.create(periode=self.periode, dihitung_pada=timezone.now())
        PejabatLuar.objects.create(nama="Gubernur Gorontalo", jabatan="Gubernur")
        HasilEkinerja.objects.create(
            periode=self.periode, pegawai=org.staf_b, predikat="BAIK", impor=ImporEkinerja.objects.first()
        )
        token = Permohonan.objects.exclude(token_survei=None).exclude(token_survei=self.nilai["token_survei"])
        svc_layanan.isi_survei(token.values_list("token_survei", flat=True).first(), [4] * 9)

    @staticmethod
    def objek_admin(app_label: str, model_name: str) -> int:
        """The id of a row of the model behind an admin URL; the scene must have one."""
        model = apps.get_model(app_label, model_name)
        pk = model.objects.order_by("pk").values_list("pk", flat=True).first()
        assert pk is not None, (
            f"Adegan tidak punya baris {model._meta.label} untuk halaman admin-nya: tambahkan satu di "
            "Adegan._untuk_admin (tests/keamanan/skenario.py)."
        )
        return pk

    def _milik(self, pegawai, unit, hr, opd, petugas, kode, aturan) -> dict:
        """One person's and one unit's objects: a submitted evaluation with an evidence file, the approved SKP
        and a draft for next year, a notification, an approved outcome, an import, a served request."""
        evaluasi = pegawai.evaluasi.get(periode=self.periode)
        indikator = list(evaluasi.pegawai.skp.get(tahun=TAHUN).rhk.get().indikator.order_by("urutan"))
        isian = [svc.IsianRealisasi(i.pk, n) for i, (*_, n) in zip(indikator, INDIKATOR, strict=True)]
        isian[0] = svc.IsianRealisasi(
            indikator[0].pk, INDIKATOR[0][4], bukti_berkas=SimpleUploadedFile("bukti.pdf", PDF, "application/pdf")
        )
        evaluasi = svc.isi_realisasi(pegawai.user, evaluasi.pk, evaluasi.versi, isian)
        evaluasi = svc.ajukan_evaluasi(pegawai.user, evaluasi.pk, evaluasi.versi)
        realisasi = RealisasiIndikator.objects.exclude(bukti_berkas="").get(evaluasi=evaluasi)
        # The signed papers HR keep when they record an outside appraiser's rating or approval (files served only
        # to those who see the evaluation or the SKP), written directly: this scene's PPK is on the roster.
        evaluasi.berkas_penilaian = SimpleUploadedFile("penilaian.pdf", PDF, "application/pdf")
        evaluasi.save(update_fields=["berkas_penilaian"])
        skp = pegawai.skp.get(tahun=TAHUN)
        skp.berkas_persetujuan = SimpleUploadedFile("skp.pdf", PDF, "application/pdf")
        skp.save(update_fields=["berkas_persetujuan"])
        draf = svc_skp.salin_skp_tahun_lalu(pegawai.user, pegawai.pk, TAHUN + 1)
        rhk = draf.rhk.get()
        rhk_tahun_ini = skp.rhk.get()
        peran_hasil = PeranHasil.objects.create(
            rhk_atasan=rhk_tahun_ini.rhk_atasan, pegawai=pegawai, hasil=rhk_tahun_ini.uraian
        )
        progres = ProgresHarian.objects.create(
            pegawai=pegawai,
            rhk=rhk_tahun_ini,
            tanggal=timezone.localdate(),
            uraian="Memverifikasi berkas",
            bukti_berkas=SimpleUploadedFile("progres.pdf", PDF, "application/pdf"),
        )
        notifikasi = Notifikasi.objects.create(penerima=pegawai.user, judul="Pengingat", tautan="/kinerja/saya/")
        konsekuensi = Konsekuensi.objects.create(
            pegawai=pegawai,
            periode=self.periode,
            aturan=aturan,
            aturan_versi=aturan.versi,
            aturan_data={"nama": aturan.nama, "kondisi": aturan.kondisi},
            kode=aturan.kode_konsekuensi,
            jenis=aturan.jenis,
            status=Konsekuensi.Status.DISETUJUI,
        )
        berkas = SimpleUploadedFile("hadir.csv", impor_fakta.templat(impor_fakta.KEHADIRAN, "csv"), "text/csv")
        impor = svc_evaluasi.buat_impor(hr.user, impor_fakta.KEHADIRAN, berkas)
        hasil = SimpleUploadedFile("ekinerja.csv", impor_ekinerja.templat("csv"), "text/csv")
        ekinerja = svc_ekinerja.buat_impor_ekinerja(hr.user, hasil)
        jenis = JenisLayananFactory(kode=kode, unit_kerja=opd)
        permohonan = PermohonanFactory(jenis_layanan=jenis, petugas=petugas, nik=NIK_CONTOH)
        berkas_persyaratan = BerkasPersyaratan.objects.create(
            permohonan=permohonan, persyaratan="Fotokopi KK", berkas=SimpleUploadedFile("kk.pdf", PDF)
        )
        selesai = PermohonanFactory(jenis_layanan=jenis, petugas=petugas, status=Permohonan.Status.DIPROSES)
        selesai = svc_layanan.ubah_status(petugas.user, selesai.pk, Permohonan.Status.SELESAI)
        return {
            "pegawai": pegawai.pk,
            "unit": unit.pk,
            "evaluasi": evaluasi.pk,
            "versi_evaluasi": evaluasi.versi,
            "realisasi": realisasi.pk,
            "skp": pegawai.skp.get(tahun=TAHUN).pk,
            "skp_draf": draf.pk,
            "rhk": rhk.pk,
            "indikator": rhk.indikator.order_by("pk").first().pk,
            "peran_hasil": peran_hasil.pk,
            "progres": progres.pk,
            "notifikasi": notifikasi.pk,
            "konsekuensi": konsekuensi.pk,
            "impor_fakta": impor.pk,
            "impor_ekinerja": ekinerja.pk,
            "permohonan": permohonan.pk,
            "tiket": permohonan.nomor_tiket,
            "berkas_persyaratan": berkas_persyaratan.pk,
            "kode_layanan": kode,
            "token_survei": selesai.token_survei,
            "jenis_pegawai": ContentType.objects.get_for_model(Pegawai).pk,
            "tahun": timezone.localdate().year,
            "bulan": timezone.localdate().month,
        }

    def pengguna(self, peran):
        """The user behind a role column of the matrix, or None for the anonymous visitor."""
        orang = {
            "anonim": None,
            "pegawai": self.org.staf_a1,
            "atasan": self.org.atasan_a,
            "hr_lain": self.org.hr_b,
            "hr_unit": self.org.hr_a,
            "petugas": self.petugas_a,
            "admin": self.org.admin,
        }[peran]
        return getattr(orang, "user", orang)
