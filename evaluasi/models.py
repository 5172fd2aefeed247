"""Reward and punishment: the facts rules read, the rules, the outcomes they produce, and TPP.

Facts: monthly attendance (RekapKehadiran), training hours per year (RekapPelatihan), disciplinary decisions
already taken (CatatanDisiplin); performance comes from kinerja. Rules (Aturan) are data; outcomes
(Konsekuensi) keep the rule as it was and the evidence. Every change is recorded in the audit log (audit app).
"""

import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from kinerja.models import Pegawai, Periode
from kinerja.penilaian.periode import NAMA_BULAN

from . import engine, tpp
from .berturut import periksa_awal_akhir
from .katalog import katalog
from .models_tpp import (  # noqa: F401 (the app's models, registered and imported from here)
    BarisDaftarTPP,
    BesaranTPP,
    DaftarTPP,
    DaftarTPPTerkunci,
    PengaturanTPP,
    PenugasanPlt,
)

PILIHAN_KODE = [(kode, k.label) for kode, k in engine.KODE.items()]


class RekapKehadiran(models.Model):
    """One ASN's attendance for one month, imported from the attendance system or entered by HR."""

    class Sumber(models.TextChoices):
        IMPOR = "IMPOR", "Impor berkas"
        MANUAL = "MANUAL", "Diisi pengelola"

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="rekap_kehadiran")
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan", validators=[MinValueValidator(1), MaxValueValidator(12)])
    hari_kerja = models.PositiveSmallIntegerField("hari kerja")
    hadir = models.PositiveSmallIntegerField("hadir")
    cuti = models.PositiveSmallIntegerField("cuti", default=0)
    sakit = models.PositiveSmallIntegerField("sakit", default=0)
    izin = models.PositiveSmallIntegerField("izin", default=0)
    tanpa_keterangan = models.PositiveSmallIntegerField("tanpa keterangan (hari)", default=0)
    tanpa_keterangan_berturut = models.PositiveSmallIntegerField(
        "tanpa keterangan berturut-turut (hari)",
        default=0,
        help_text="Rangkaian hari kerja tanpa keterangan terpanjang dalam bulan ini.",
    )
    # The runs at the month's edges carry a run across months (PP 94/2021 Pasal 11 ayat (2) huruf d angka 4).
    tanpa_keterangan_awal = models.PositiveSmallIntegerField(
        "tanpa keterangan berturut-turut di awal bulan (hari)",
        default=0,
        help_text="Rangkaian hari kerja tanpa keterangan yang dimulai pada hari kerja pertama bulan ini (0 bila hari "
        "kerja pertama tidak tanpa keterangan). Disambung dengan akhir bulan sebelumnya.",
    )
    tanpa_keterangan_akhir = models.PositiveSmallIntegerField(
        "tanpa keterangan berturut-turut di akhir bulan (hari)",
        default=0,
        help_text="Rangkaian hari kerja tanpa keterangan yang berakhir pada hari kerja terakhir bulan ini (0 bila "
        "hari kerja terakhir tidak tanpa keterangan). Disambung dengan awal bulan berikutnya.",
    )
    terlambat_1_30 = models.PositiveSmallIntegerField("terlambat 1–30 menit (kali)", default=0)
    terlambat_31_60 = models.PositiveSmallIntegerField("terlambat 31–60 menit (kali)", default=0)
    terlambat_61_90 = models.PositiveSmallIntegerField("terlambat 61–90 menit (kali)", default=0)
    terlambat_lebih_90 = models.PositiveSmallIntegerField("terlambat > 90 menit (kali)", default=0)
    tanpa_rekam = models.PositiveSmallIntegerField(
        "tidak merekam kehadiran (kali)", default=0, help_text="Hari hadir tanpa rekam masuk."
    )
    menit_terlambat = models.PositiveIntegerField("jumlah menit terlambat", default=0)
    pulang_cepat = models.PositiveSmallIntegerField("pulang sebelum waktunya (kali)", default=0)
    # The same early leaves by how early (the TPP disiplin cut is banded); occurrences left unbanded are cut as
    # the mildest band (evaluasi.tpp).
    pulang_cepat_1_30 = models.PositiveSmallIntegerField("pulang cepat 1–30 menit (kali)", default=0)
    pulang_cepat_31_60 = models.PositiveSmallIntegerField("pulang cepat 31–60 menit (kali)", default=0)
    pulang_cepat_61_90 = models.PositiveSmallIntegerField("pulang cepat 61–90 menit (kali)", default=0)
    pulang_cepat_lebih_90 = models.PositiveSmallIntegerField("pulang cepat > 90 menit (kali)", default=0)
    tidak_apel = models.PositiveSmallIntegerField("tidak mengikuti apel (kali)", default=0)
    sumber = models.CharField("sumber", max_length=6, choices=Sumber.choices, default=Sumber.MANUAL)
    diperbarui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    ANGKA = (
        "hari_kerja",
        "hadir",
        "cuti",
        "sakit",
        "izin",
        "tanpa_keterangan",
        "tanpa_keterangan_berturut",
        "tanpa_keterangan_awal",
        "tanpa_keterangan_akhir",
        "terlambat_1_30",
        "terlambat_31_60",
        "terlambat_61_90",
        "terlambat_lebih_90",
        "tanpa_rekam",
        "menit_terlambat",
        "pulang_cepat",
        "pulang_cepat_1_30",
        "pulang_cepat_31_60",
        "pulang_cepat_61_90",
        "pulang_cepat_lebih_90",
        "tidak_apel",
    )

    class Meta:
        verbose_name = "rekap kehadiran"
        verbose_name_plural = "rekap kehadiran"
        ordering = ["-tahun", "-bulan", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun", "bulan"], name="rekap_kehadiran_unik"),
            models.CheckConstraint(condition=Q(bulan__gte=1, bulan__lte=12), name="rekap_kehadiran_bulan_sah"),
            models.CheckConstraint(
                condition=Q(hari_kerja__gte=F("hadir") + F("cuti") + F("sakit") + F("izin") + F("tanpa_keterangan")),
                name="rekap_kehadiran_jumlah_hari_sah",
            ),
            models.CheckConstraint(
                condition=Q(tanpa_keterangan__gte=F("tanpa_keterangan_berturut")),
                name="rekap_kehadiran_berturut_sah",
            ),
            models.CheckConstraint(
                condition=Q(tanpa_keterangan_berturut__gte=F("tanpa_keterangan_awal"))
                & Q(tanpa_keterangan_berturut__gte=F("tanpa_keterangan_akhir")),
                name="rekap_kehadiran_tepi_bulan_sah",
            ),
        ]

    def __str__(self):
        return f"Kehadiran {self.bulan:02d}/{self.tahun} {self.pegawai}"

    def clean(self):
        periksa = periksa_rekap({f: getattr(self, f) for f in self.ANGKA})
        if periksa:
            raise ValidationError(periksa)


def periksa_rekap(nilai: dict) -> dict:
    """Consistency of one month's figures (field → message); the import and the form share it."""
    galat = {}
    jumlah = sum(nilai.get(f) or 0 for f in ("hadir", "cuti", "sakit", "izin", "tanpa_keterangan"))
    if nilai.get("hari_kerja") is not None and jumlah > nilai["hari_kerja"]:
        galat["hari_kerja"] = (
            f"Hadir + cuti + sakit + izin + tanpa keterangan ({jumlah}) melebihi hari kerja ({nilai['hari_kerja']})."
        )
    if (nilai.get("tanpa_keterangan_berturut") or 0) > (nilai.get("tanpa_keterangan") or 0):
        galat["tanpa_keterangan_berturut"] = "Hari tanpa keterangan berturut-turut melebihi jumlah tanpa keterangan."
    galat.update(
        periksa_awal_akhir(
            *(nilai.get(f) or 0 for f in ("hari_kerja", "tanpa_keterangan", "tanpa_keterangan_berturut")),
            nilai.get("tanpa_keterangan_awal") or 0,
            nilai.get("tanpa_keterangan_akhir") or 0,
        )
    )
    terlambat = sum(nilai.get(f) or 0 for f in ("terlambat_1_30", "terlambat_31_60", "terlambat_61_90"))
    terlambat += (nilai.get("terlambat_lebih_90") or 0) + (nilai.get("tanpa_rekam") or 0)
    if nilai.get("hadir") is not None and terlambat > nilai["hadir"]:
        galat["hadir"] = f"Jumlah keterlambatan dan tanpa rekam ({terlambat}) melebihi hari hadir ({nilai['hadir']})."
    pulang, jumlah_pulang = sum(nilai.get(f) or 0 for f in tpp.PULANG_CEPAT), nilai.get("pulang_cepat") or 0
    if pulang > jumlah_pulang:
        galat["pulang_cepat"] = (
            f"Pulang cepat per rentang menit ({pulang}) melebihi jumlah pulang cepat ({jumlah_pulang})."
        )
    if nilai.get("hadir") is not None and (nilai.get("tidak_apel") or 0) > nilai["hadir"]:
        galat["tidak_apel"] = f"Tidak apel ({nilai['tidak_apel']}) melebihi hari hadir ({nilai['hadir']})."
    return galat


class RekapPelatihan(models.Model):
    """Training hours (jam pelajaran, 45 minutes each: Peraturan LAN 10/2018) of one ASN in one year. PNS must reach
    20 JP a year (PP 11/2017 Pasal 203 as amended by PP 17/2020); for PPPK no minimum is confirmed (DOMAIN.md §5)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="rekap_pelatihan")
    tahun = models.PositiveSmallIntegerField("tahun")
    jp = models.PositiveSmallIntegerField("jam pelajaran (JP)")
    diperbarui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        verbose_name = "rekap jam pelatihan"
        verbose_name_plural = "rekap jam pelatihan"
        ordering = ["-tahun", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="rekap_pelatihan_unik")]

    def __str__(self):
        return f"{self.jp} JP {self.tahun} {self.pegawai}"


class CatatanDisiplin(models.Model):
    """A disciplinary decision already taken (outside this application), by decree."""

    class Tingkat(models.TextChoices):
        RINGAN = "RINGAN", "Ringan"
        SEDANG = "SEDANG", "Sedang"
        BERAT = "BERAT", "Berat"

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="catatan_disiplin")
    tingkat = models.CharField("tingkat", max_length=6, choices=Tingkat.choices)
    hukuman = models.CharField("jenis hukuman", max_length=40, choices=PILIHAN_KODE)
    nomor_sk = models.CharField("nomor SK", max_length=100)
    tanggal_sk = models.DateField("tanggal SK")
    keterangan = models.TextField("keterangan", blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat = models.DateTimeField("dicatat", auto_now_add=True)

    class Meta:
        verbose_name = "catatan hukuman disiplin"
        verbose_name_plural = "catatan hukuman disiplin"
        ordering = ["-tanggal_sk"]

    def __str__(self):
        return f"{self.get_hukuman_display()} ({self.nomor_sk})"


class Aturan(models.Model):
    """A reward or punishment rule: conditions on named metrics (AND), over N consecutive periods → a coded outcome.

    `kondisi` is a list of {"metrik", "operator", "nilai"}; the metric names are evaluasi.katalog's.
    `versi` rises whenever what the rule decides changes, so outcomes can tell which version produced them.
    """

    class Jenis(models.TextChoices):
        SANKSI = engine.SANKSI, "Sanksi"
        PENGHARGAAN = engine.PENGHARGAAN, "Penghargaan"

    # What the rule decides; a change to any of these is a new version.
    FIELD_KEPUTUSAN = (
        "kondisi",
        "periode_berturut",
        "kode_konsekuensi",
        "persen_potongan",
        "bulan_potongan",
        "berlaku_mulai",
        "berlaku_sampai",
        "aktif",
        "prioritas",
        "grup_eksklusif",
        "sekali_setahun",
    )

    nama = models.CharField("nama aturan", max_length=200)
    jenis = models.CharField("jenis", max_length=11, choices=Jenis.choices)
    dasar_hukum = models.CharField("dasar hukum", max_length=300, blank=True)
    kondisi = models.JSONField(
        "kondisi", default=list, help_text='Daftar {"metrik", "operator", "nilai"}; semua harus terpenuhi (DAN).'
    )
    periode_berturut = models.PositiveSmallIntegerField(
        "berlaku bila terpenuhi N periode berturut-turut", default=1, validators=[MinValueValidator(1)]
    )
    kode_konsekuensi = models.CharField("konsekuensi", max_length=40, choices=PILIHAN_KODE)
    uraian_konsekuensi = models.TextField("uraian konsekuensi", blank=True)
    persen_potongan = models.DecimalField(
        "potongan TPP (%)", max_digits=5, decimal_places=2, null=True, blank=True, help_text="Hanya untuk POTONG_TPP."
    )
    bulan_potongan = models.PositiveSmallIntegerField(
        "lama potongan (bulan)", null=True, blank=True, help_text="Hanya untuk POTONG_TPP."
    )
    berlaku_mulai = models.DateField("berlaku mulai")
    berlaku_sampai = models.DateField("berlaku sampai", null=True, blank=True)
    aktif = models.BooleanField("aktif", default=True)
    prioritas = models.PositiveSmallIntegerField(
        "prioritas",
        default=0,
        help_text="Makin besar makin berat; dalam satu grup eksklusif hanya yang terberat berlaku.",
    )
    grup_eksklusif = models.CharField("grup eksklusif", max_length=50, blank=True)
    sekali_setahun = models.BooleanField(
        "sekali setahun",
        default=False,
        help_text="Untuk metrik kumulatif setahun: konsekuensi yang sama tidak diusulkan lagi di periode lain "
        "tahun itu.",
    )
    versi = models.PositiveIntegerField("versi", default=1)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "aturan penghargaan dan sanksi"
        verbose_name_plural = "aturan penghargaan dan sanksi"
        ordering = ["jenis", "grup_eksklusif", "-prioritas", "nama"]
        constraints = [
            models.CheckConstraint(condition=Q(periode_berturut__gte=1), name="aturan_periode_berturut_sah"),
            models.CheckConstraint(
                condition=Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=F("berlaku_mulai")),
                name="aturan_masa_berlaku_sah",
            ),
        ]

    def __str__(self):
        return self.nama

    @property
    def info_kode(self) -> engine.Kode:
        return engine.KODE[self.kode_konsekuensi]

    def potongan(self) -> tuple[Decimal | None, int | None]:
        """The TPP cut this rule's outcome carries: fixed by its code (PP 94/2021) or set on the rule."""
        kode = engine.KODE.get(self.kode_konsekuensi)
        if kode is None:
            return None, None
        if kode.potongan_diatur_aturan:
            return self.persen_potongan, self.bulan_potongan
        return (Decimal(kode.persen_potongan) if kode.persen_potongan else None), kode.bulan_potongan

    def sebagai_data(self) -> dict:
        """The rule as plain JSON-ready data: stored with each outcome as 'the rule as it was'."""
        return {
            "id": self.pk,
            "versi": self.versi,
            "nama": self.nama,
            "jenis": self.jenis,
            "dasar_hukum": self.dasar_hukum,
            "kondisi": self.kondisi,
            "periode_berturut": self.periode_berturut,
            "kode_konsekuensi": self.kode_konsekuensi,
            "uraian_konsekuensi": self.uraian_konsekuensi,
            "persen_potongan": str(self.persen_potongan) if self.persen_potongan is not None else None,
            "bulan_potongan": self.bulan_potongan,
            "berlaku_mulai": self.berlaku_mulai.isoformat() if self.berlaku_mulai else None,
            "berlaku_sampai": self.berlaku_sampai.isoformat() if self.berlaku_sampai else None,
            "aktif": self.aktif,
            "prioritas": self.prioritas,
            "grup_eksklusif": self.grup_eksklusif,
            "sekali_setahun": self.sekali_setahun,
        }

    def clean(self):
        galat = {}
        pesan = engine.periksa_kondisi(self.kondisi, katalog())
        if pesan:
            galat["kondisi"] = pesan
        kode = engine.KODE.get(self.kode_konsekuensi)
        if kode is not None:
            if kode.jenis != self.jenis:
                jenis = self.Jenis(kode.jenis).label.lower()
                galat["kode_konsekuensi"] = f"Konsekuensi '{kode.label}' adalah {jenis}; sesuaikan jenis aturan."
            if kode.potongan_diatur_aturan:
                if not self.persen_potongan or not 0 < self.persen_potongan <= 100:
                    galat["persen_potongan"] = "Isi potongan TPP antara 0 dan 100%."
                if not self.bulan_potongan:
                    galat["bulan_potongan"] = "Isi lama potongan dalam bulan."
            elif self.persen_potongan or self.bulan_potongan:
                galat["persen_potongan"] = "Potongan hanya diisi untuk konsekuensi 'Pemotongan TPP'."
        if self.berlaku_mulai and self.berlaku_sampai and self.berlaku_sampai < self.berlaku_mulai:
            galat["berlaku_sampai"] = "Tanggal akhir berlaku tidak boleh sebelum tanggal mulai."
        if galat:
            raise ValidationError(galat)


class Konsekuensi(models.Model):
    """An outcome of a rule for one ASN in one period: a proposal until an administrator approves or rejects it.

    Keeps the rule as it was (`aturan_data`, `aturan_versi`) and the evidence (`bukti`: the triggering values
    and every metric of the period). Never deleted: a reapplication that no longer yields it, or yields it
    from a newer rule version, marks it superseded (DIGANTIKAN).
    """

    class Status(models.TextChoices):
        USULAN = "USULAN", "Usulan"
        DISETUJUI = "DISETUJUI", "Disetujui"
        DITOLAK = "DITOLAK", "Ditolak"
        DIGANTIKAN = "DIGANTIKAN", "Digantikan"

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="konsekuensi")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="konsekuensi")
    aturan = models.ForeignKey(Aturan, on_delete=models.PROTECT, related_name="konsekuensi")
    aturan_versi = models.PositiveIntegerField("versi aturan")
    aturan_data = models.JSONField("aturan saat diterapkan", encoder=DjangoJSONEncoder)
    kode = models.CharField("konsekuensi", max_length=40, choices=PILIHAN_KODE)
    jenis = models.CharField("jenis", max_length=11, choices=Aturan.Jenis.choices)
    bukti = models.JSONField("bukti", default=dict, encoder=DjangoJSONEncoder)
    persen_potongan = models.DecimalField("potongan TPP (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    bulan_potongan = models.PositiveSmallIntegerField("lama potongan (bulan)", null=True, blank=True)
    potongan_mulai = models.DateField("potongan mulai", null=True, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.USULAN)
    dibuat = models.DateTimeField("diusulkan pada", default=timezone.now)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diusulkan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Kosong: diterapkan otomatis setelah finalisasi.",
    )
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputuskan_pada = models.DateTimeField("diputuskan pada", null=True, blank=True)
    alasan_keputusan = models.TextField("alasan keputusan", blank=True)
    digantikan_oleh = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="menggantikan"
    )
    digantikan_pada = models.DateTimeField("digantikan pada", null=True, blank=True)

    class Meta:
        verbose_name = "konsekuensi"
        verbose_name_plural = "konsekuensi"
        ordering = ["-dibuat", "-id"]
        constraints = [
            # One live outcome per ASN, period and rule version: applying twice records nothing new.
            models.UniqueConstraint(
                fields=["pegawai", "periode", "aturan", "aturan_versi"],
                condition=~Q(status="DIGANTIKAN"),
                name="konsekuensi_unik_per_versi_aturan",
            )
        ]
        indexes = [models.Index(fields=["periode", "status"]), models.Index(fields=["pegawai", "status"])]

    def __str__(self):
        return f"{self.label} — {self.pegawai.nama} ({self.periode})"

    @property
    def label(self) -> str:
        """The outcome's name for this ASN (a PPPK's discharge is the end of their contract)."""
        return engine.label_konsekuensi(self.kode, self.pegawai.status_kepegawaian)

    @property
    def catatan(self) -> list[str]:
        """What else follows (salary stop from the month after a 10-day run; PPPK notes), for its page."""
        return engine.catatan_konsekuensi(
            self.kode,
            self.aturan_data.get("kondisi"),
            self.pegawai.status_kepegawaian,
            bulan_setelah((self.bukti.get("metrik") or {}).get("bulan_akhir_berturut")),
        )

    @property
    def potongan_sampai(self):
        """The first month no longer cut (exclusive end), or None."""
        if not (self.potongan_mulai and self.bulan_potongan):
            return None
        bulan = self.potongan_mulai.month - 1 + self.bulan_potongan
        return self.potongan_mulai.replace(year=self.potongan_mulai.year + bulan // 12, month=bulan % 12 + 1)


def bulan_setelah(tahun_bulan: str | None) -> str | None:
    """The month after a "YYYY-MM" month, written as people do ("April 2026"); None when unknown."""
    try:
        tahun, bulan = (int(x) for x in str(tahun_bulan).split("-"))
    except ValueError:
        return None
    tahun, bulan = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
    return f"{NAMA_BULAN[bulan - 1]} {tahun}"


def _lokasi_berkas_impor(instance, filename):
    # The original name is kept on the job; the stored name only needs to be unique and safe.
    return f"impor_evaluasi/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class ImporFakta(models.Model):
    """One attendance or training-hours upload: the stored file, its preview, then its result."""

    class Jenis(models.TextChoices):
        KEHADIRAN = "KEHADIRAN", "Rekap kehadiran"
        PELATIHAN = "PELATIHAN", "Jam pelatihan"

    class Status(models.TextChoices):
        PRATINJAU = "pratinjau", "Pratinjau"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    jenis = models.CharField("jenis data", max_length=10, choices=Jenis.choices)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="diunggah oleh", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    berkas = models.FileField("berkas", upload_to=_lokasi_berkas_impor)
    nama_berkas = models.CharField("nama berkas asli", max_length=255)
    # How the preview read the file, so the confirmation imports exactly that: the sheet, a CSV's encoding.
    lembar = models.CharField("lembar yang dibaca", max_length=255, blank=True)
    enkoding = models.CharField("enkoding CSV", max_length=20, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.PRATINJAU)
    jumlah_baris = models.PositiveIntegerField("jumlah baris", default=0)
    ringkasan = models.JSONField("ringkasan", default=dict, blank=True)
    galat = models.JSONField("galat", default=list, blank=True)
    dibuat = models.DateTimeField("diunggah", auto_now_add=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        verbose_name = "impor kehadiran/pelatihan"
        verbose_name_plural = "impor kehadiran/pelatihan"
        ordering = ["-dibuat"]

    def __str__(self):
        return f"{self.get_jenis_display()}: {self.nama_berkas} ({self.get_status_display()})"
