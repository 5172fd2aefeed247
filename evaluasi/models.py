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

from core.numbers import angka
from kinerja.models import EvaluasiKinerja, Pegawai, Periode
from kinerja.penilaian.periode import NAMA_BULAN

from . import engine, tpp
from .berturut import periksa_awal_akhir
from .katalog import katalog

LABEL_PREDIKAT = dict(EvaluasiKinerja.Predikat.choices)
PILIHAN_KODE = [(kode, k.label) for kode, k in engine.KODE.items()]
BELUM_TERKONFIRMASI = (
    "Belum terkonfirmasi: persentase TPP Provinsi Gorontalo ditetapkan dalam Peraturan Gubernur; "
    "nilai ini bawaan yang dapat diubah, bukan angka resmi."
)


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


class BesaranTPP(models.Model):
    """The monthly TPP base of one kelas jabatan (1–17) in one year, as the year's Peraturan Gubernur sets it
    (Permendagri 77/2020 lampiran, TPP berdasarkan beban kerja: the base follows the kelas jabatan)."""

    tahun = models.PositiveSmallIntegerField("tahun", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    kelas_jabatan = models.PositiveSmallIntegerField(
        "kelas jabatan", validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    besaran = models.DecimalField(
        "besaran TPP per bulan (Rp)", max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = "besaran TPP per kelas jabatan"
        verbose_name_plural = "besaran TPP per kelas jabatan"
        ordering = ["-tahun", "-kelas_jabatan"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "kelas_jabatan"],
                name="besaran_tpp_unik_per_tahun_kelas",
                violation_error_message="Besaran untuk kelas jabatan ini pada tahun ini sudah ada.",
            ),
            models.CheckConstraint(
                condition=Q(kelas_jabatan__gte=1, kelas_jabatan__lte=17), name="besaran_tpp_kelas_1_17"
            ),
        ]

    def __str__(self):
        return f"{self.tahun} kelas {self.kelas_jabatan}: Rp{angka(self.besaran, 0)}"


def _persen(label, bawaan, bantuan=BELUM_TERKONFIRMASI):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        default=Decimal(bawaan),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=bantuan,
    )


class PengaturanTPP(models.Model):
    """The TPP components and deductions (one row): every percentage the region's Pergub sets. Gorontalo's own
    numbers are unconfirmed; the defaults are marked so (evaluasi.tpp names each step's source)."""

    persen_beban_kerja = _persen("porsi beban kerja (% besaran)", 40)
    persen_kinerja = _persen("porsi kinerja (% prestasi kerja)", 60)
    persen_disiplin = _persen("porsi disiplin (% prestasi kerja)", 40)
    kinerja_sangat_baik = _persen("kinerja dibayar bila Sangat Baik (%)", 100)
    kinerja_baik = _persen("kinerja dibayar bila Baik (%)", 100)
    kinerja_butuh_perbaikan = _persen("kinerja dibayar bila Butuh Perbaikan (%)", 75)
    kinerja_kurang = _persen("kinerja dibayar bila Kurang (%)", 50)
    kinerja_sangat_kurang = _persen("kinerja dibayar bila Sangat Kurang (%)", 25)
    kinerja_tanpa_predikat = _persen(
        "kinerja dibayar bila belum ada predikat (%)",
        100,
        "Bulan tanpa evaluasi final yang mencakupnya; daftar menandai pegawai ini. " + BELUM_TERKONFIRMASI,
    )
    potong_tanpa_keterangan = _persen("potongan per hari tanpa keterangan (% porsi disiplin)", 3)
    potong_terlambat_1_30 = _persen("potongan per terlambat 1–30 menit (% porsi disiplin)", "0.5")
    potong_terlambat_31_60 = _persen("potongan per terlambat 31–60 menit (% porsi disiplin)", 1)
    potong_terlambat_61_90 = _persen("potongan per terlambat 61–90 menit (% porsi disiplin)", "1.25")
    potong_terlambat_lebih_90 = _persen("potongan per terlambat > 90 menit atau tanpa rekam (% porsi disiplin)", "1.5")
    potong_pulang_cepat_1_30 = _persen("potongan per pulang cepat 1–30 menit (% porsi disiplin)", "0.5")
    potong_pulang_cepat_31_60 = _persen("potongan per pulang cepat 31–60 menit (% porsi disiplin)", 1)
    potong_pulang_cepat_61_90 = _persen("potongan per pulang cepat 61–90 menit (% porsi disiplin)", "1.25")
    potong_pulang_cepat_lebih_90 = _persen("potongan per pulang cepat > 90 menit (% porsi disiplin)", "1.5")
    potong_tidak_apel = _persen("potongan per tidak apel (% porsi disiplin)", "0.5")
    persen_plt = _persen(
        "Plt/Plh setingkat atau lebih rendah: tambahan (% TPP jabatan yang dirangkap)",
        20,
        "Plt/Plh pada jabatan dengan TPP lebih tinggi menerima TPP jabatan itu. " + BELUM_TERKONFIRMASI,
    )
    pph_golongan_i = _persen("PPh 21 golongan I (% bruto)", 0)
    pph_golongan_ii = _persen("PPh 21 golongan II (% bruto)", 0)
    pph_golongan_iii = _persen("PPh 21 golongan III (% bruto)", 5)
    pph_golongan_iv = _persen("PPh 21 golongan IV (% bruto)", 15)
    pph_pppk = _persen("PPh 21 PPPK (% bruto)", 5)
    persen_bpjs = _persen(
        "iuran BPJS Kesehatan ditanggung pegawai (% bruto)",
        1,
        "Perpres 82/2018 Pasal 30 jo. Perpres 64/2020: 1% dari pegawai. " + BELUM_TERKONFIRMASI,
    )
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        verbose_name = "pengaturan TPP"
        verbose_name_plural = "pengaturan TPP"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="pengaturan_tpp_satu_baris"),
            models.CheckConstraint(
                condition=Q(persen_kinerja__gte=0, persen_disiplin__gte=0), name="pengaturan_tpp_porsi_sah"
            ),
        ]

    def __str__(self):
        return "Pengaturan TPP"

    @classmethod
    def aktif(cls) -> "PengaturanTPP":
        return cls.objects.get_or_create(pk=1)[0]

    def clean(self):
        if (self.persen_kinerja or 0) + (self.persen_disiplin or 0) != 100:
            raise ValidationError({"persen_disiplin": "Porsi kinerja dan porsi disiplin harus berjumlah 100%."})

    def aturan(self) -> tpp.AturanTPP:
        """The percentages as the pure arithmetic reads them."""
        pph = {"I": self.pph_golongan_i, "II": self.pph_golongan_ii, "III": self.pph_golongan_iii}
        pph["IV"] = self.pph_golongan_iv
        pph.update({r: self.pph_pppk for r in ("V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII")})
        pph.update({r: self.pph_pppk for r in ("XIV", "XV", "XVI", "XVII")})
        return tpp.AturanTPP(
            persen_beban_kerja=self.persen_beban_kerja,
            persen_kinerja=self.persen_kinerja,
            kinerja_per_predikat={p: getattr(self, f"kinerja_{p.lower()}") for p in tpp.PREDIKAT},
            persen_kinerja_tanpa_predikat=self.kinerja_tanpa_predikat,
            potong_tanpa_keterangan=self.potong_tanpa_keterangan,
            langkah_terlambat={k: getattr(self, f"potong_{k}") for k in tpp.TERLAMBAT},
            langkah_pulang_cepat={k: getattr(self, f"potong_{k}") for k in tpp.PULANG_CEPAT},
            potong_tidak_apel=self.potong_tidak_apel,
            persen_plt=self.persen_plt,
            pph_per_golongan=pph,
            persen_bpjs=self.persen_bpjs,
        )


class PenugasanPlt(models.Model):
    """An ASN acting (Plt/Plh) in another post for a time: the TPP pays by that post's kelas jabatan too."""

    class Jenis(models.TextChoices):
        PLT = "PLT", "Pelaksana Tugas (Plt)"
        PLH = "PLH", "Pelaksana Harian (Plh)"

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penugasan_plt")
    jenis = models.CharField("jenis", max_length=3, choices=Jenis.choices, default=Jenis.PLT)
    jabatan = models.CharField("jabatan yang dirangkap", max_length=200)
    kelas_jabatan = models.PositiveSmallIntegerField(
        "kelas jabatan yang dirangkap", validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    mulai = models.DateField("mulai")
    sampai = models.DateField("sampai", null=True, blank=True, help_text="Kosong: belum berakhir.")
    nomor_sk = models.CharField("nomor surat perintah", max_length=100)

    class Meta:
        verbose_name = "penugasan Plt/Plh"
        verbose_name_plural = "penugasan Plt/Plh"
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sampai__isnull=True) | Q(sampai__gte=F("mulai")), name="penugasan_plt_tanggal_sah"
            ),
            models.CheckConstraint(
                condition=Q(kelas_jabatan__gte=1, kelas_jabatan__lte=17), name="penugasan_plt_kelas_1_17"
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.jabatan} — {self.pegawai}"

    def clean(self):
        if self.mulai and self.sampai and self.sampai < self.mulai:
            raise ValidationError({"sampai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})


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


class DaftarTPPTerkunci(Exception):
    """A locked TPP list or its rows were about to change."""


class DaftarTPP(models.Model):
    """One OPD's TPP list for one month as HR locked it: what BPKAD pays. Never changed or deleted: a
    recalculation after locking is a new version (versi + 1) with its reason, the older ones kept."""

    unit = models.ForeignKey("kinerja.UnitKerja", on_delete=models.PROTECT, related_name="daftar_tpp")
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan", validators=[MinValueValidator(1), MaxValueValidator(12)])
    versi = models.PositiveSmallIntegerField("versi")
    alasan = models.TextField("alasan hitung ulang", blank=True)
    pengaturan = models.JSONField("pengaturan dan besaran saat dikunci", encoder=DjangoJSONEncoder)
    jumlah_pegawai = models.PositiveIntegerField("jumlah pegawai")
    jumlah_diterima = models.DecimalField("jumlah TPP bersih (Rp)", max_digits=16, decimal_places=0)
    dikunci_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="dikunci oleh", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dikunci_pada = models.DateTimeField("dikunci pada", default=timezone.now)

    class Meta:
        verbose_name = "daftar TPP terkunci"
        verbose_name_plural = "daftar TPP terkunci"
        ordering = ["-tahun", "-bulan", "unit__kode", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "tahun", "bulan", "versi"], name="daftar_tpp_unik_per_versi"),
            models.CheckConstraint(condition=Q(bulan__gte=1, bulan__lte=12), name="daftar_tpp_bulan_sah"),
            models.CheckConstraint(condition=Q(versi=1) | ~Q(alasan=""), name="daftar_tpp_versi_baru_beralasan"),
        ]

    def __str__(self):
        return f"TPP {NAMA_BULAN[self.bulan - 1]} {self.tahun} {self.unit} (versi {self.versi})"

    def save(self, *args, **kwargs):
        if self.pk:
            raise DaftarTPPTerkunci("Daftar TPP yang sudah dikunci tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DaftarTPPTerkunci("Daftar TPP yang sudah dikunci tidak dapat dihapus.")


def _rupiah_field(label):
    return models.DecimalField(label, max_digits=14, decimal_places=0, null=True)


def _persen_field(label):
    return models.DecimalField(label, max_digits=6, decimal_places=2, null=True)


class BarisDaftarTPP(models.Model):
    """One ASN's line of a locked list: the facts as they were (name, kelas, predikat) and every amount.

    Unsaved, the same class carries the draft's lines on the review page, so the page and the export read one
    shape whether the month is locked or not."""

    daftar = models.ForeignKey(DaftarTPP, on_delete=models.PROTECT, related_name="baris")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    nip = models.CharField("NIP", max_length=18)
    nama = models.CharField("nama", max_length=200)
    unit_kerja = models.CharField("unit kerja", max_length=200)
    kelas_jabatan = models.PositiveSmallIntegerField("kelas jabatan", null=True)
    golongan = models.CharField("golongan", max_length=5, blank=True)
    predikat = models.CharField("predikat", max_length=15, blank=True)
    plt = models.CharField("Plt/Plh", max_length=250, blank=True)
    keterangan = models.CharField("keterangan", max_length=250, blank=True)
    besaran = _rupiah_field("besaran TPP")
    beban_kerja = _rupiah_field("TPP beban kerja")
    porsi_kinerja = _rupiah_field("porsi kinerja")
    kinerja = _rupiah_field("kinerja dibayar")
    porsi_disiplin = _rupiah_field("porsi disiplin")
    potongan_disiplin = _rupiah_field("potongan disiplin")
    disiplin = _rupiah_field("disiplin dibayar")
    potongan_sanksi = _rupiah_field("potongan hukuman disiplin")
    bruto = _rupiah_field("jumlah kotor")
    pph = _rupiah_field("PPh 21")
    bpjs = _rupiah_field("iuran BPJS")
    diterima = _rupiah_field("TPP bersih diterima")
    persen_kinerja_dibayar = _persen_field("kinerja dibayar (%)")
    persen_potong_disiplin = _persen_field("potongan disiplin (%)")
    persen_sanksi = _persen_field("potongan hukuman disiplin (%)")
    persen_pph = _persen_field("PPh 21 (%)")

    RINCIAN = (
        "besaran",
        "beban_kerja",
        "porsi_kinerja",
        "kinerja",
        "porsi_disiplin",
        "potongan_disiplin",
        "disiplin",
        "potongan_sanksi",
        "bruto",
        "pph",
        "bpjs",
        "diterima",
        "persen_kinerja_dibayar",
        "persen_potong_disiplin",
        "persen_sanksi",
        "persen_pph",
    )

    class Meta:
        verbose_name = "baris daftar TPP"
        verbose_name_plural = "baris daftar TPP"
        ordering = ["id"]

    def __str__(self):
        return f"{self.nama} ({self.nip})"

    def save(self, *args, **kwargs):
        if self.pk:
            raise DaftarTPPTerkunci("Baris daftar TPP yang sudah dikunci tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DaftarTPPTerkunci("Baris daftar TPP yang sudah dikunci tidak dapat dihapus.")

    @property
    def label_predikat(self) -> str:
        return LABEL_PREDIKAT.get(self.predikat, "")

    @classmethod
    def dari(cls, b, daftar=None) -> "BarisDaftarTPP":
        """A line from a computed row (selectors.BarisTPP)."""
        p, r = b.pegawai, b.rincian
        return cls(
            daftar=daftar,
            pegawai=p,
            nip=p.nip,
            nama=p.nama,
            unit_kerja=p.unit_kerja.nama,
            kelas_jabatan=p.kelas_jabatan,
            golongan=p.golongan,
            predikat=b.predikat,
            plt=f"{b.plt.get_jenis_display()} {b.plt.jabatan} (kelas {b.plt.kelas_jabatan})" if b.plt else "",
            keterangan=b.kosong,
            **({f: getattr(r, f) for f in cls.RINCIAN} if r else {}),
        )
