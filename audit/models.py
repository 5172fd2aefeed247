"""The append-only audit log: who changed what, when, and each field's old → new value."""

from contextlib import suppress

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class LogHanyaTambah(Exception):
    """Raised on any attempt to change or delete an audit entry through the application."""

    def __init__(self):
        super().__init__("Log audit hanya dapat ditambah; entri yang ada tidak dapat diubah atau dihapus.")


# Every action the application records, with its label on the audit page.
AKSI = {
    "evaluasi_dibuat": "Evaluasi dibuat untuk periode",
    "evaluasi_realisasi": "Realisasi evaluasi diisi",
    "evaluasi_rencana_aksi": "Rencana aksi diisi",
    "evaluasi_diajukan": "Evaluasi diajukan",
    "evaluasi_ditarik": "Evaluasi ditarik kembali",
    "skp_ekspektasi": "Ekspektasi khusus pimpinan ditetapkan",
    "evaluasi_dinilai": "Evaluasi dinilai",
    "evaluasi_dikembalikan": "Evaluasi dikembalikan",
    "evaluasi_diakui": "Hasil evaluasi diterima pegawai",
    "unit_difinalkan": "Evaluasi unit difinalkan",
    "ekinerja_diimpor": "Hasil e-Kinerja diimpor",
    "sumber_evaluasi_diubah": "Sumber evaluasi unit diubah",
    "periode_dibuka": "Periode dibuka",
    "periode_ditutup": "Periode ditutup",
    "periode_dibuka_kembali": "Periode dibuka kembali",
    "kinerja_organisasi_ditetapkan": "Kinerja organisasi ditetapkan",
    "pengaturan_kinerja_diubah": "Pengaturan kinerja diubah",
    "skp_dibuat": "SKP dibuat",
    "skp_disalin": "SKP disalin dari tahun lalu",
    "skp_lampiran": "Lampiran SKP disimpan",
    "skp_rhk_disimpan": "RHK disimpan",
    "skp_rhk_dihapus": "RHK dihapus",
    "skp_rhk_atasan_ditinjau": "Perubahan RHK atasan ditinjau",
    "skp_peran_disimpan": "Peran hasil disimpan",
    "skp_peran_dihapus": "Peran hasil dihapus",
    "progres_dicatat": "Progres harian dicatat",
    "progres_diubah": "Progres harian diubah",
    "progres_dihapus": "Progres harian dihapus",
    "skp_indikator_disimpan": "Indikator disimpan",
    "skp_indikator_dihapus": "Indikator dihapus",
    "skp_diajukan": "SKP diajukan",
    "skp_disetujui": "SKP disetujui",
    "skp_dikembalikan": "SKP dikembalikan",
    "aturan_dibuat": "Aturan dibuat",
    "aturan_diubah": "Aturan diubah",
    "aturan_diaktifkan": "Aturan diaktifkan",
    "aturan_dinonaktifkan": "Aturan dinonaktifkan",
    "aturan_diterapkan": "Aturan diterapkan pada periode",
    "konsekuensi_diusulkan": "Konsekuensi diusulkan",
    "konsekuensi_disetujui": "Konsekuensi disetujui",
    "konsekuensi_ditolak": "Konsekuensi ditolak",
    "konsekuensi_digantikan": "Konsekuensi digantikan",
    "kehadiran_diisi": "Kehadiran diisi",
    "kehadiran_diubah": "Kehadiran diubah",
    "impor_dikonfirmasi": "Impor kehadiran/pelatihan",
    "disiplin_dicatat": "Hukuman disiplin dicatat",
    "pengaturan_tpp_diubah": "Pengaturan TPP diubah",
    "tpp_dikunci": "Daftar TPP dikunci",
    "tpp_dihitung_ulang": "Daftar TPP dihitung ulang (versi baru)",
    "roster_diimpor": "Roster pegawai diimpor",
    "data_dibuat": "Data dibuat (admin)",
    "data_diubah": "Data diubah (admin)",
    "data_dihapus": "Data dihapus (admin)",
    "akun_dibuat": "Akun dibuat",
    "akun_diubah": "Status akun diubah",
    "grup_ditambahkan": "Ditambahkan ke grup peran",
    "grup_dicabut": "Dicabut dari grup peran",
    "penugasan_ditambahkan": "Penugasan pengelola ditambahkan",
    "penugasan_dicabut": "Penugasan pengelola dicabut",
    "sandi_tautan_dibuat": "Tautan atur ulang kata sandi dibuat (admin)",
    "sandi_diatur_ulang": "Kata sandi diatur ulang lewat tautan",
    "pegawai_penilai": "Pejabat penilai kinerja ditetapkan",
    "akun_pejabat_dibuat": "Akun pejabat penilai di luar daftar pegawai dibuat",
}


# The object types entries are written about: the audit page's type filter.
OBJEK_DIAUDIT = (
    "kinerja.evaluasikinerja",
    "kinerja.skp",
    "kinerja.rencanahasilkerja",
    "kinerja.indikatorkinerja",
    "kinerja.periode",
    "kinerja.kinerjaorganisasi",
    "kinerja.pengaturankinerja",
    "kinerja.unitkerja",
    "kinerja.pegawai",
    "kinerja.imporroster",
    "kinerja.imporekinerja",
    "kinerja.penugasanpengelola",
    "auth.user",
    "evaluasi.aturan",
    "evaluasi.konsekuensi",
    "evaluasi.rekapkehadiran",
    "evaluasi.rekappelatihan",
    "evaluasi.besarantpp",
    "evaluasi.imporfakta",
    "evaluasi.catatandisiplin",
    "evaluasi.pengaturantpp",
    "evaluasi.penugasanplt",
    "evaluasi.daftartpp",
)


class LogAuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LogHanyaTambah()

    def delete(self):
        raise LogHanyaTambah()

    def bulk_update(self, objs, fields, batch_size=None):
        raise LogHanyaTambah()


class LogAudit(models.Model):
    """One change: who (and their username then, which survives the account), when, which object, old → new.

    Entries are only ever added: the model refuses to save an existing row or delete one, and on PostgreSQL a
    trigger refuses UPDATE and DELETE too (except clearing the actor when that user account is deleted).
    """

    pada = models.DateTimeField("waktu", default=timezone.now)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    oleh_nama = models.CharField("nama pengguna", max_length=150, blank=True, help_text="Kosong: sistem.")
    aksi = models.CharField("aksi", max_length=40)
    objek = models.CharField("jenis objek", max_length=100, help_text="app_label.model, mis. kinerja.skp")
    objek_id = models.PositiveBigIntegerField("id objek", null=True, blank=True)
    label = models.CharField("objek", max_length=300, blank=True)
    perubahan = models.JSONField("perubahan", default=dict, blank=True, encoder=DjangoJSONEncoder)
    ringkasan = models.JSONField("ringkasan", default=dict, blank=True, encoder=DjangoJSONEncoder)
    uraian = models.TextField("keterangan", blank=True)

    objects = LogAuditQuerySet.as_manager()

    class Meta:
        verbose_name = "log audit"
        verbose_name_plural = "log audit"
        ordering = ["-pada", "-id"]
        indexes = [
            models.Index(fields=["-pada", "-id"], name="audit_pada"),
            models.Index(fields=["objek", "objek_id"], name="audit_objek"),
            models.Index(fields=["aksi", "-pada"], name="audit_aksi_pada"),
            models.Index(fields=["oleh", "-pada"], name="audit_oleh_pada"),
        ]

    def __str__(self):
        return f"{timezone.localtime(self.pada):%d-%m-%Y %H:%M} {self.aksi} {self.label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LogHanyaTambah()
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LogHanyaTambah()

    @property
    def label_aksi(self) -> str:
        return AKSI.get(self.aksi, self.aksi)

    @property
    def nama_pelaku(self) -> str:
        return self.oleh_nama or "sistem"

    @property
    def label_objek(self) -> str:
        model = model_objek(self.objek)
        return str(model._meta.verbose_name) if model else self.objek

    def perubahan_terbaca(self) -> list[tuple[str, str, str]]:
        """(field label, old, new) per changed field, in Indonesian: verbose names and choice labels."""
        model = model_objek(self.objek)
        baris = []
        for nama, (lama, baru) in self.perubahan.items():
            field = None
            if model is not None:
                with suppress(FieldDoesNotExist):
                    field = model._meta.get_field(nama)
            label = str(getattr(field, "verbose_name", "") or nama)
            baris.append((label, _tampil(lama, field), _tampil(baru, field)))
        return baris

    def ringkasan_terbaca(self) -> list[tuple[str, str]]:
        """The bulk summary as (label, text); a list of ids shows as its length."""
        return [
            (k.replace("_", " "), f"{len(v)} data" if isinstance(v, list) and k.endswith("ids") else _tampil(v, None))
            for k, v in self.ringkasan.items()
            if v not in (None, "", [], {})
        ]


def model_objek(objek: str):
    try:
        return apps.get_model(objek)
    except (LookupError, ValueError):
        return None


def _tampil(nilai, field) -> str:
    if nilai is None or nilai == "":
        return "—"
    if isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    if isinstance(nilai, list):
        return ", ".join(_tampil(n, field) for n in nilai) or "—"
    if isinstance(nilai, dict):
        return ", ".join(f"{k}: {_tampil(v, None)}" for k, v in nilai.items())
    pilihan = dict(field.flatchoices) if getattr(field, "flatchoices", None) else {}
    return str(pilihan.get(nilai, nilai))
