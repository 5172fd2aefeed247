"""Roll-ups of performance evaluation per unit (and per supervisor's team) per period, and reminder claims."""

from django.conf import settings
from django.db import models

from core.cache import VersionedQuerySet
from kinerja.models import Pegawai, Periode, UnitKerja
from kinerja.penilaian import predikat as rumus_predikat


class AngkaEvaluasi(models.Model):
    """Counts shared by the unit and team roll-ups: evaluations per state and per predikat, and mean capaian."""

    jumlah_evaluasi = models.PositiveIntegerField("jumlah evaluasi", default=0)
    jumlah_draft = models.PositiveIntegerField("draf", default=0)
    jumlah_diajukan = models.PositiveIntegerField("diajukan", default=0)
    jumlah_dinilai = models.PositiveIntegerField("dinilai", default=0)
    jumlah_dikembalikan = models.PositiveIntegerField("dikembalikan", default=0)
    jumlah_final = models.PositiveIntegerField("final", default=0)
    # Predikat of rated and final evaluations: the input of the distribution curve (as when finalising).
    jumlah_sangat_baik = models.PositiveIntegerField("Sangat Baik", default=0)
    jumlah_baik = models.PositiveIntegerField("Baik", default=0)
    jumlah_butuh_perbaikan = models.PositiveIntegerField("Butuh Perbaikan", default=0)
    jumlah_kurang = models.PositiveIntegerField("Kurang/Misconduct", default=0)
    jumlah_sangat_kurang = models.PositiveIntegerField("Sangat Kurang", default=0)
    persen_selesai = models.DecimalField(
        "penyelesaian (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Evaluasi final dibagi seluruh evaluasi periode ini; kosong bila belum ada evaluasi.",
    )
    rata_capaian = models.DecimalField(
        "rata-rata capaian (%)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Rata-rata capaian seluruh indikator yang sudah direalisasikan; kosong bila belum ada.",
    )
    banyak_capaian = models.PositiveIntegerField("indikator direalisasikan", default=0)
    dihitung_pada = models.DateTimeField("dihitung pada")

    class Meta:
        abstract = True


class RekapKinerja(AngkaEvaluasi):
    """One unit's figures for one period, over the unit and its whole subtree (the root row is the province)."""

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="rekap")
    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="rekap")
    jumlah_pegawai = models.PositiveIntegerField(
        "jumlah ASN aktif", default=0, help_text="ASN aktif di unit dan sub-unitnya saat rekap dihitung."
    )
    capaian_organisasi = models.CharField("capaian kinerja organisasi", max_length=15, blank=True)
    sesuai_kurva = models.BooleanField(
        "sesuai kurva distribusi",
        null=True,
        blank=True,
        help_text="Kosong bila capaian kinerja organisasi unit belum ditetapkan.",
    )
    pelanggaran_kurva = models.TextField("pelanggaran kurva", blank=True)
    # Public-service figures from the layanan app; empty while that app is not installed.
    jumlah_permohonan = models.PositiveIntegerField("permohonan ditangani", null=True, blank=True)
    persen_tepat_waktu = models.DecimalField("tepat waktu (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    ikm = models.DecimalField("IKM", max_digits=5, decimal_places=2, null=True, blank=True)

    objects = VersionedQuerySet.as_manager()
    data_kind = "rekap"  # core.cache: the cached organisation dashboard shows it

    class Meta:
        verbose_name = "rekap kinerja unit"
        verbose_name_plural = "rekap kinerja unit"
        ordering = ["periode", "unit_kerja__kode"]
        constraints = [models.UniqueConstraint(fields=["unit_kerja", "periode"], name="rekap_unik_per_unit_periode")]

    def __str__(self):
        return f"Rekap {self.unit_kerja.nama} {self.periode}"

    @property
    def label_capaian_organisasi(self) -> str:
        return rumus_predikat.LABEL_CAPAIAN_ORGANISASI.get(self.capaian_organisasi, "")


class RekapTim(AngkaEvaluasi):
    """A supervisor's team for one period: the evaluations they are the PPK of (the atasan snapshot)."""

    atasan = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="rekap_tim")
    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="rekap_tim")

    objects = VersionedQuerySet.as_manager()
    data_kind = "rekap"  # core.cache: a roll-up, like the others

    class Meta:
        verbose_name = "rekap kinerja tim"
        verbose_name_plural = "rekap kinerja tim"
        constraints = [models.UniqueConstraint(fields=["atasan", "periode"], name="rekap_tim_unik")]

    def __str__(self):
        return f"Rekap tim {self.atasan.nama} {self.periode}"


class RekapLayanan(models.Model):
    """One service's request totals for one period, so the organisation dashboard reads a few rows per service
    instead of aggregating every completed request of the province on each view."""

    jenis_layanan = models.ForeignKey("layanan.JenisLayanan", on_delete=models.CASCADE, related_name="rekap")
    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="rekap_layanan")
    selesai = models.PositiveIntegerField("permohonan selesai", default=0)
    tepat_waktu = models.PositiveIntegerField("selesai tepat waktu", default=0)
    responden = models.PositiveIntegerField("responden survei", default=0)
    # Sum of the answers per IKM element (layanan.ikm order): the IKM is recomputed from the sums, never averaged.
    jumlah_unsur = models.JSONField("jumlah jawaban per unsur", default=list)
    dihitung_pada = models.DateTimeField("dihitung pada")

    objects = VersionedQuerySet.as_manager()
    data_kind = "rekap"  # core.cache: the cached organisation dashboard shows it

    class Meta:
        verbose_name = "rekap layanan"
        verbose_name_plural = "rekap layanan"
        constraints = [
            models.UniqueConstraint(fields=["jenis_layanan", "periode"], name="rekap_layanan_unik_per_periode")
        ]

    def __str__(self):
        return f"Rekap layanan {self.jenis_layanan_id} {self.periode}"


class StatusRekap(models.Model):
    """Whether a period's roll-ups are current: when they were last asked for (a unit was finalised), last computed,
    and last failed for good, so a dashboard never shows old figures as if they were the latest."""

    periode = models.OneToOneField(Periode, on_delete=models.CASCADE, related_name="status_rekap")
    diminta_pada = models.DateTimeField("terakhir diminta", null=True, blank=True)
    dihitung_pada = models.DateTimeField("terakhir dihitung", null=True, blank=True)
    gagal_pada = models.DateTimeField("terakhir gagal", null=True, blank=True)
    galat = models.TextField("galat terakhir", blank=True)

    objects = VersionedQuerySet.as_manager()
    data_kind = "rekap"  # core.cache: the dashboards say whether their figures are current

    class Meta:
        verbose_name = "status rekap"
        verbose_name_plural = "status rekap"
        ordering = ["-periode__mulai"]

    def __str__(self):
        return f"Status rekap {self.periode}"

    @property
    def gagal(self) -> bool:
        """The last attempt failed for good (after its retries) and no roll-up has succeeded since."""
        return self.gagal_pada is not None and (self.dihitung_pada is None or self.gagal_pada > self.dihitung_pada)

    @property
    def tertinggal(self) -> bool:
        """The figures changed (a unit was finalised) after the roll-up the dashboards show was computed."""
        return self.diminta_pada is not None and (self.dihitung_pada is None or self.diminta_pada > self.dihitung_pada)


class PengingatTerkirim(models.Model):
    """The claim of one reminder: a person, a period, a kind, a day. The unique row is inserted before anything is
    sent, so a second run (or a second worker at the same moment) finds it taken and sends nothing."""

    class Jenis(models.TextChoices):
        PENGISIAN = "PENGISIAN", "Pengisian evaluasi belum diajukan"
        PENILAIAN = "PENILAIAN", "Evaluasi menunggu penilaian atasan"
        RINGKASAN_UNIT = "RINGKASAN_UNIT", "Ringkasan unit yang tertinggal"

    penerima = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField("jenis", max_length=14, choices=Jenis.choices)
    tanggal = models.DateField("tanggal")
    # Which run won the claim: a run inserts with its own token and then reads back the rows that carry it.
    token_run = models.UUIDField("token run", db_index=True)
    judul = models.CharField("judul", max_length=200)
    pesan = models.TextField("pesan", blank=True)
    tautan = models.CharField("tautan", max_length=300, blank=True)
    email = models.EmailField("email", blank=True)
    email_dikirim_pada = models.DateTimeField("email dikirim pada", null=True, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "pengingat terkirim"
        verbose_name_plural = "pengingat terkirim"
        ordering = ["-tanggal", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["penerima", "periode", "jenis", "tanggal"], name="pengingat_sekali_sehari")
        ]
        # Each run looks up today's claims whose email has not gone out; only those few rows are indexed.
        indexes = [
            models.Index(
                fields=["tanggal"], condition=models.Q(email_dikirim_pada__isnull=True), name="pengingat_email_tertunda"
            )
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.tanggal:%d-%m-%Y}"
