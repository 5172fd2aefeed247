"""Public-service requests: service types, the working calendar, requests with their history, surveys."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.cache import VersionedQuerySet
from kinerja.models import Pegawai, UnitKerja

from . import ikm
from .kalender import HARI, JAM
from .nik import samarkan_nik


class JenisLayanan(models.Model):
    """A service a unit offers the public, with its requirements, fee and service-time standard (SLA)."""

    class SatuanSLA(models.TextChoices):
        HARI = HARI, "hari kerja"
        JAM = JAM, "jam kerja"

    kode = models.CharField(
        "kode",
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9]+$", "Kode hanya huruf kapital dan angka, tanpa spasi.")],
        help_text="Menjadi awal nomor tiket, misalnya KTP → KTP-250303-0001.",
    )
    nama = models.CharField("nama layanan", max_length=200)
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name="unit penyelenggara", on_delete=models.PROTECT, related_name="jenis_layanan"
    )
    persyaratan = models.TextField("persyaratan", blank=True, help_text="Satu persyaratan per baris.")
    biaya = models.PositiveIntegerField("biaya (Rp)", default=0)
    sla_jumlah = models.PositiveSmallIntegerField(
        "standar waktu", validators=[MinValueValidator(1)], help_text="Standar waktu tiap daerah berbeda: sesuaikan."
    )
    sla_satuan = models.CharField("satuan waktu", max_length=4, choices=SatuanSLA.choices, default=SatuanSLA.HARI)
    aktif = models.BooleanField("aktif", default=True)

    objects = VersionedQuerySet.as_manager()
    data_kind = "layanan"  # core.cache: the cached organisation dashboard names services

    class Meta:
        verbose_name = "jenis layanan"
        verbose_name_plural = "jenis layanan"
        ordering = ["nama"]
        constraints = [models.CheckConstraint(condition=Q(sla_jumlah__gte=1), name="jenis_layanan_sla_positif")]

    def __str__(self):
        return self.nama

    @property
    def sla_teks(self):
        return f"{self.sla_jumlah} {self.get_sla_satuan_display()}"

    @property
    def daftar_persyaratan(self):
        return [baris.strip() for baris in self.persyaratan.splitlines() if baris.strip()]


BELUM_TERKONFIRMASI_JAM = (
    "Bawaan mengikuti Perpres 21/2023 Pasal 4 (37,5 jam seminggu mulai 07.30, istirahat 60 menit, Jumat 90 menit; "
    "Ramadan 32,5 jam mulai 08.00, istirahat 30 menit, Jumat 60 menit). Letak jam istirahat dan jam pelayanan "
    "Provinsi Gorontalo belum terkonfirmasi: sesuaikan. Jam istirahat adalah jeda antara dua baris hari yang sama "
    "dan tidak dihitung sebagai waktu layanan."
)


class JamLayanan(models.Model):
    """One opening interval of the service desks on a weekday; a day may have several (the break between them is
    not service time), on the ordinary schedule or the Ramadan one."""

    class Jadwal(models.TextChoices):
        BIASA = "BIASA", "Hari biasa"
        RAMADAN = "RAMADAN", "Bulan Ramadan"

    class Hari(models.IntegerChoices):
        SENIN = 0, "Senin"
        SELASA = 1, "Selasa"
        RABU = 2, "Rabu"
        KAMIS = 3, "Kamis"
        JUMAT = 4, "Jumat"
        SABTU = 5, "Sabtu"
        MINGGU = 6, "Minggu"

    jadwal = models.CharField(
        "jadwal",
        max_length=7,
        choices=Jadwal.choices,
        default=Jadwal.BIASA,
        help_text="Baris Bulan Ramadan berlaku pada tanggal masa Ramadan yang diisi di menu Masa Ramadan.",
    )
    hari = models.PositiveSmallIntegerField("hari", choices=Hari.choices)
    buka = models.TimeField("buka (WITA)")
    tutup = models.TimeField("tutup (WITA)", help_text=BELUM_TERKONFIRMASI_JAM)

    class Meta:
        verbose_name = "jam layanan"
        verbose_name_plural = "jam layanan"
        ordering = ["jadwal", "hari", "buka"]
        constraints = [
            models.CheckConstraint(condition=Q(buka__lt=models.F("tutup")), name="jam_layanan_buka_sebelum_tutup")
        ]

    def __str__(self):
        teks = f"{self.get_hari_display()} {self.buka:%H:%M}–{self.tutup:%H:%M}"
        return f"{teks} (Ramadan)" if self.jadwal == self.Jadwal.RAMADAN else teks


class MasaRamadan(models.Model):
    """The days of one Ramadan, when the Ramadan office hours apply (Perpres 21/2023 Pasal 4 ayat (2), (4), (6)).

    The dates follow the government's decision each year, so the administrator enters them.
    """

    nama = models.CharField("keterangan", max_length=100, help_text="Misalnya: Ramadan 1448 H.")
    mulai = models.DateField("hari pertama")
    selesai = models.DateField("hari terakhir")

    class Meta:
        verbose_name = "masa Ramadan"
        verbose_name_plural = "masa Ramadan"
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")),
                name="masa_ramadan_selesai_setelah_mulai",
                violation_error_message="Hari terakhir tidak boleh sebelum hari pertama.",
            )
        ]

    def __str__(self):
        return f"{self.nama} ({self.mulai:%d-%m-%Y} s.d. {self.selesai:%d-%m-%Y})"

    def clean(self):
        if self.mulai and self.selesai:
            if self.selesai < self.mulai:
                raise ValidationError({"selesai": "Hari terakhir tidak boleh sebelum hari pertama."})
            if (self.selesai - self.mulai).days + 1 > 30:
                raise ValidationError({"selesai": "Masa Ramadan paling lama 30 hari; periksa tanggalnya."})
            tumpang = MasaRamadan.objects.filter(mulai__lte=self.selesai, selesai__gte=self.mulai).exclude(pk=self.pk)
            if tumpang.exists():
                raise ValidationError(f"Tanggal ini bertumpang tindih dengan {tumpang.first()}.")


class HariLibur(models.Model):
    """A public holiday or collective leave day (cuti bersama): no SLA time runs on it."""

    tanggal = models.DateField("tanggal", unique=True)
    nama = models.CharField("keterangan", max_length=150)

    class Meta:
        verbose_name = "hari libur"
        verbose_name_plural = "hari libur"
        ordering = ["tanggal"]

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"


class PenghitungTiket(models.Model):
    """The last ticket sequence issued per service and date; its row is locked while a number is taken."""

    jenis_layanan = models.ForeignKey(JenisLayanan, on_delete=models.CASCADE, related_name="+")
    tanggal = models.DateField()
    terakhir = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["jenis_layanan", "tanggal"], name="penghitung_tiket_unik")]

    def __str__(self):
        return f"{self.jenis_layanan_id} {self.tanggal}: {self.terakhir}"


class Permohonan(models.Model):
    """One request from a citizen, from reception to completion or rejection."""

    class Status(models.TextChoices):
        DITERIMA = "DITERIMA", "Diterima"
        DIPROSES = "DIPROSES", "Diproses"
        MENUNGGU_PEMOHON = "MENUNGGU_PEMOHON", "Menunggu pemohon"
        SELESAI = "SELESAI", "Selesai"
        DITOLAK = "DITOLAK", "Ditolak"

    class Kanal(models.TextChoices):
        LOKET = "LOKET", "Loket"
        DARING = "DARING", "Daring (situs web)"
        APLIKASI = "APLIKASI", "Aplikasi"
        WHATSAPP = "WHATSAPP", "WhatsApp"
        TELEPON = "TELEPON", "Telepon"

    STATUS_BERJALAN = (Status.DITERIMA, Status.DIPROSES)
    STATUS_AKHIR = (Status.SELESAI, Status.DITOLAK)

    nomor_tiket = models.CharField("nomor tiket", max_length=30, unique=True)
    jenis_layanan = models.ForeignKey(
        JenisLayanan, verbose_name="jenis layanan", on_delete=models.PROTECT, related_name="permohonan"
    )
    nama_pemohon = models.CharField("nama pemohon", max_length=150)
    nik = models.CharField("NIK", max_length=16)
    telepon = models.CharField("no. HP", max_length=20, blank=True)
    email = models.EmailField("email", blank=True)
    kanal = models.CharField("kanal", max_length=8, choices=Kanal.choices)
    petugas = models.ForeignKey(
        Pegawai, verbose_name="petugas", null=True, blank=True, on_delete=models.PROTECT, related_name="permohonan"
    )
    status = models.CharField("status", max_length=16, choices=Status.choices, default=Status.DITERIMA)
    diterima_pada = models.DateTimeField("diterima pada", default=timezone.now)
    batas_waktu = models.DateTimeField("batas waktu")
    jeda_sejak = models.DateTimeField("menunggu pemohon sejak", null=True, blank=True)
    selesai_pada = models.DateTimeField("selesai pada", null=True, blank=True)
    alasan_penolakan = models.TextField("alasan penolakan", blank=True)
    terlambat_ditandai_pada = models.DateTimeField("ditandai terlambat pada", null=True, blank=True)
    token_survei = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "permohonan"
        verbose_name_plural = "permohonan"
        ordering = ["-diterima_pada", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["SELESAI", "DITOLAK"], selesai_pada__isnull=False)
                | (~Q(status__in=["SELESAI", "DITOLAK"]) & Q(selesai_pada__isnull=True)),
                name="permohonan_selesai_bertanggal",
            ),
            models.CheckConstraint(
                condition=~Q(status="DITOLAK") | ~Q(alasan_penolakan=""), name="permohonan_ditolak_beralasan"
            ),
            models.CheckConstraint(
                condition=Q(status="MENUNGGU_PEMOHON", jeda_sejak__isnull=False)
                | (~Q(status="MENUNGGU_PEMOHON") & Q(jeda_sejak__isnull=True)),
                name="permohonan_jeda_hanya_saat_menunggu",
            ),
        ]
        indexes = [
            # Lists and figures per service and period; per officer and period (the evaluation figures).
            models.Index(fields=["jenis_layanan", "diterima_pada"], name="permohonan_layanan_tgl"),
            models.Index(fields=["petugas", "selesai_pada"], name="permohonan_petugas_selesai"),
            # The survey population (completed requests of a service in a period): an index-only count.
            models.Index(
                fields=["jenis_layanan", "selesai_pada"],
                condition=Q(status="SELESAI"),
                name="permohonan_selesai_layanan",
            ),
            # The hourly overdue scan reads only running requests not yet flagged.
            models.Index(
                fields=["batas_waktu"],
                condition=Q(status__in=["DITERIMA", "DIPROSES"], terlambat_ditandai_pada__isnull=True),
                name="permohonan_belum_ditandai",
            ),
        ]

    def __str__(self):
        return self.nomor_tiket

    @property
    def nik_tersamar(self):
        return samarkan_nik(self.nik)

    @property
    def berjalan(self):
        return self.status in self.STATUS_BERJALAN

    @property
    def terlambat(self):
        """Past the deadline: still running after it, or finished after it. A paused clock is never late."""
        if self.status == self.Status.SELESAI:
            return self.selesai_pada > self.batas_waktu
        return self.berjalan and timezone.now() > self.batas_waktu


class RiwayatPermohonan(models.Model):
    """Append-only log of a request's states: who (empty for the citizen or the system), when and why."""

    permohonan = models.ForeignKey(Permohonan, on_delete=models.CASCADE, related_name="riwayat")
    dari_status = models.CharField("dari status", max_length=16, choices=Permohonan.Status.choices, blank=True)
    ke_status = models.CharField("ke status", max_length=16, choices=Permohonan.Status.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="oleh", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pada = models.DateTimeField("pada", default=timezone.now)
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "riwayat permohonan"
        verbose_name_plural = "riwayat permohonan"
        ordering = ["pada", "id"]

    def __str__(self):
        return f"{self.permohonan}: {self.get_ke_status_display()}"


_FIELD_UNSUR = tuple(f"unsur_{nomor}" for nomor in range(1, ikm.JUMLAH_UNSUR + 1))


def _unsur(nomor: int):
    return models.PositiveSmallIntegerField(
        ikm.UNSUR[nomor - 1], validators=[MinValueValidator(ikm.NILAI_MIN), MaxValueValidator(ikm.NILAI_MAKS)]
    )


class SurveiKepuasan(models.Model):
    """One satisfaction survey (SKM) per completed request: nine answers 1–4 in their own small columns.

    Columns rather than a JSON list so the IKM page is one grouped SUM per element in SQL.
    The service is copied from the request so that aggregation needs no join.
    """

    permohonan = models.OneToOneField(Permohonan, on_delete=models.CASCADE, related_name="survei")
    jenis_layanan = models.ForeignKey(JenisLayanan, on_delete=models.PROTECT, related_name="survei")
    diisi_pada = models.DateTimeField("diisi pada", default=timezone.now)
    unsur_1 = _unsur(1)
    unsur_2 = _unsur(2)
    unsur_3 = _unsur(3)
    unsur_4 = _unsur(4)
    unsur_5 = _unsur(5)
    unsur_6 = _unsur(6)
    unsur_7 = _unsur(7)
    unsur_8 = _unsur(8)
    unsur_9 = _unsur(9)
    saran = models.TextField("saran dan masukan", blank=True)

    FIELD_UNSUR = _FIELD_UNSUR
    data_kind = "survei"  # core.cache: the public IKM figures are kept until the next survey

    class Meta:
        verbose_name = "survei kepuasan"
        verbose_name_plural = "survei kepuasan"
        ordering = ["-diisi_pada"]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"unsur_{n}__gte": ikm.NILAI_MIN, f"unsur_{n}__lte": ikm.NILAI_MAKS}),
                name=f"survei_unsur_{n}_1_sampai_4",
            )
            for n in range(1, ikm.JUMLAH_UNSUR + 1)
        ]
        # The answers are key columns too, so the IKM page's grouped SUMs are an index-only scan (no heap reads).
        indexes = [
            models.Index(fields=["jenis_layanan", "diisi_pada", *_FIELD_UNSUR], name="survei_layanan_tgl_jawaban")
        ]

    def __str__(self):
        return f"Survei {self.permohonan}"

    @property
    def jawaban(self):
        return tuple(getattr(self, nama) for nama in self.FIELD_UNSUR)


class BerkasPersyaratan(models.Model):
    """A required document (persyaratan) uploaded with an online request; private to the unit's officers and HR."""

    permohonan = models.ForeignKey(Permohonan, on_delete=models.CASCADE, related_name="berkas_persyaratan")
    persyaratan = models.CharField("persyaratan", max_length=300, help_text="Teks persyaratan saat diunggah.")
    berkas = models.FileField("berkas", upload_to="persyaratan/%Y/%m/", max_length=255)
    diunggah_pada = models.DateTimeField("diunggah pada", default=timezone.now)

    class Meta:
        verbose_name = "berkas persyaratan"
        verbose_name_plural = "berkas persyaratan"
        ordering = ["permohonan", "id"]

    def __str__(self):
        return f"{self.permohonan}: {self.persyaratan}"

    @property
    def nama_berkas(self):
        return self.berkas.name.rsplit("/", 1)[-1]
