"""The plan: each ASN's SKP for a year, its RHK (cascading from the supervisor's) and their indicators."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.cache import VersionedQuerySet
from core.files import validate_evidence_file
from core.numbers import angka
from kinerja.pegawai.models import Pegawai
from kinerja.pegawai.penilai import ppk

from . import capaian as rumus_capaian
from . import hasil_kerja as rumus_hasil_kerja

# The longest text of each part of the SKP's annex: a short list, not a report.
PANJANG_LAMPIRAN = 2000


class SKP(models.Model):
    """Sasaran Kinerja Pegawai: one plan per ASN per year, set with their supervisor (PermenPANRB 6/2022), with its
    annex (lampiran SKP): the resources provided, how the ASN accounts for the results, and the consequences."""

    class Status(models.TextChoices):
        DRAFT = "DRAFT", "Draf"
        DIAJUKAN = "DIAJUKAN", "Diajukan"
        DISETUJUI = "DISETUJUI", "Disetujui"
        DIKEMBALIKAN = "DIKEMBALIKAN", "Dikembalikan"

    class Jenis(models.TextChoices):
        # PermenPANRB 6/2022: a JPT's SKP takes the organisation's targets (the unit's Perjanjian Kinerja) as its RHK;
        # the other posts' RHK cascade from their supervisor's.
        JA_JF = "JA_JF", "Jabatan administrasi/fungsional"
        JPT = "JPT", "Jabatan pimpinan tinggi"

    STATUS_DAPAT_DIUBAH = (Status.DRAFT, Status.DIKEMBALIKAN)
    FIELD_LAMPIRAN = ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")

    pegawai = models.ForeignKey(Pegawai, verbose_name="pegawai", on_delete=models.PROTECT, related_name="skp")
    tahun = models.PositiveSmallIntegerField("tahun")
    jenis = models.CharField(
        "model SKP",
        max_length=5,
        choices=Jenis.choices,
        default=Jenis.JA_JF,
        # The bulk writers (demo/provinsi.py, COPY) name only the columns they fill.
        db_default=Jenis.JA_JF,
    )
    perjanjian_kinerja = models.CharField(
        "Perjanjian Kinerja",
        max_length=300,
        blank=True,
        db_default="",
        help_text="SKP JPT: nomor dan tanggal Perjanjian Kinerja unit tahun ini, yang sasaran strategis dan "
        "indikator kinerja utamanya (IKU) menjadi RHK dan indikator SKP ini.",
    )
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DRAFT)
    alasan_pengembalian = models.TextField("alasan pengembalian", blank=True)
    # Lampiran SKP (PermenPANRB 6/2022): three lists the ASN and the supervisor agree on with the plan.
    dukungan_sumber_daya = models.TextField(
        "dukungan sumber daya",
        max_length=PANJANG_LAMPIRAN,
        blank=True,
        help_text="Lampiran SKP: sumber daya yang disediakan organisasi agar pegawai dapat mencapai hasil kerjanya, "
        "misalnya anggaran kegiatan, sarana dan prasarana, data, aplikasi, atau bantuan tenaga.",
    )
    skema_pertanggungjawaban = models.TextField(
        "skema pertanggungjawaban",
        max_length=PANJANG_LAMPIRAN,
        blank=True,
        help_text="Lampiran SKP: bagaimana pegawai mempertanggungjawabkan hasil kerjanya kepada atasan, misalnya "
        "laporan bulanan, paparan triwulanan, atau dokumen yang diserahkan, beserta waktunya.",
    )
    konsekuensi = models.TextField(
        "konsekuensi",
        max_length=PANJANG_LAMPIRAN,
        blank=True,
        help_text="Lampiran SKP: akibat yang diterima pegawai atas capaian hasil kerjanya: penghargaan bila di atas "
        "ekspektasi, pembinaan atau sanksi bila di bawah ekspektasi, sesuai ketentuan instansi.",
    )
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="disetujui oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disetujui_pada = models.DateTimeField("disetujui pada", null=True, blank=True)
    # The signed SKP, when HR recorded the approval of an appraiser outside the roster on their behalf.
    berkas_persetujuan = models.FileField(
        "SKP bertanda tangan",
        upload_to="skp/%Y/%m/",
        # The bulk writers (demo/provinsi.py, COPY) name only the columns they fill.
        db_default="",
        blank=True,
        validators=[validate_evidence_file],
        help_text="PDF, JPG atau PNG hasil pindai; paling besar 5 MB.",
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    objects = VersionedQuerySet.as_manager()
    data_kind = "skp"  # core.cache: Tim Saya lists the SKP awaiting approval

    class Meta:
        verbose_name = "SKP"
        verbose_name_plural = "SKP"
        ordering = ["-tahun", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="skp_unik_per_tahun")]
        # The few SKP awaiting approval, which every supervisor's Tim Saya lists, without reading all others.
        indexes = [models.Index(fields=["pegawai"], condition=Q(status="DIAJUKAN"), name="skp_menunggu_idx")]

    def __str__(self):
        return f"SKP {self.tahun} {self.pegawai.nama}"

    @property
    def dapat_diubah(self):
        return self.status in self.STATUS_DAPAT_DIUBAH

    @property
    def jpt(self) -> bool:
        return self.jenis == self.Jenis.JPT

    @classmethod
    def jenis_untuk(cls, jenis_jabatan: str) -> str:
        """The SKP model of a post: JPT (utama, madya, pratama) for pimpinan tinggi, JA/JF otherwise."""
        return cls.Jenis.JPT if (jenis_jabatan or "").startswith("JPT_") else cls.Jenis.JA_JF

    @property
    def lampiran(self) -> list[tuple[str, str]]:
        """The annex as (label, text) pairs, in the regulation's order."""
        return [(self._meta.get_field(n).verbose_name.capitalize(), getattr(self, n)) for n in self.FIELD_LAMPIRAN]


class RiwayatSKP(models.Model):
    """Every move of an SKP through its workflow: who, when, from → to, why."""

    skp = models.ForeignKey(SKP, on_delete=models.CASCADE, related_name="riwayat")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pada = models.DateTimeField("pada", default=timezone.now)
    dari_status = models.CharField("dari status", max_length=12, choices=SKP.Status.choices, blank=True)
    ke_status = models.CharField("ke status", max_length=12, choices=SKP.Status.choices)
    alasan = models.TextField("alasan", blank=True)

    class Meta:
        verbose_name = "riwayat SKP"
        verbose_name_plural = "riwayat SKP"
        ordering = ["pada", "id"]

    def __str__(self):
        return f"{self.skp}: {self.dari_status or '-'} → {self.ke_status}"


class RencanaHasilKerja(models.Model):
    """An RHK of an SKP; an utama RHK names the supervisor's RHK it contributes to (cascading)."""

    class Jenis(models.TextChoices):
        UTAMA = "UTAMA", "Utama"
        TAMBAHAN = "TAMBAHAN", "Tambahan"

    skp = models.ForeignKey(SKP, verbose_name="SKP", on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField("jenis RHK", max_length=8, choices=Jenis.choices, default=Jenis.UTAMA)
    uraian = models.TextField("rencana hasil kerja")
    # PROTECT: a supervisor cannot delete an RHK their team's plans still point at.
    rhk_atasan = models.ForeignKey(
        "self",
        verbose_name="RHK atasan yang diintervensi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rhk_bawahan",
    )
    # The supervisor's RHK as the ASN last saw it (when the link was set or they confirmed a change): the SKP page
    # tells them when the supervisor has since rewritten it. A subordinate may draft before the supervisor's own SKP
    # is approved, so the RHK they cite can still change.
    uraian_rhk_atasan = models.TextField("RHK atasan saat dirujuk", blank=True, db_default="")
    urutan = models.PositiveSmallIntegerField("urutan", default=1)

    objects = VersionedQuerySet.as_manager()
    data_kind = "skp"  # core.cache: the cached realisation form lists the plan

    class Meta:
        verbose_name = "rencana hasil kerja"
        verbose_name_plural = "rencana hasil kerja"
        ordering = ["skp", "jenis", "urutan", "id"]

    def __str__(self):
        return self.uraian[:80]

    @property
    def rhk_atasan_berubah(self) -> bool:
        """The supervisor's RHK this one cites was rewritten since the ASN last saw it (an empty record: not known,
        as for the rows the bulk writers make)."""
        return bool(self.rhk_atasan_id and self.uraian_rhk_atasan) and self.uraian_rhk_atasan != self.rhk_atasan.uraian

    def clean(self):
        if self.rhk_atasan_id is None:
            return
        if self.rhk_atasan_id == self.pk:
            raise ValidationError({"rhk_atasan": "RHK tidak dapat mengacu pada dirinya sendiri."})
        skp_atasan = self.rhk_atasan.skp
        ppk_id, _ = ppk(self.skp.pegawai.baris_penilai)
        if ppk_id is None or skp_atasan.pegawai_id != ppk_id or skp_atasan.tahun != self.skp.tahun:
            raise ValidationError(
                {
                    "rhk_atasan": f"RHK atasan harus berasal dari SKP {self.skp.tahun} milik pejabat penilai kinerja "
                    "pegawai (atasan langsung, kecuali pengelola menetapkan pejabat lain)."
                }
            )


# A target of zero leaves nothing to measure the realisation against: the database refuses it
# (indikator_target_positif, which full_clean() checks too), and the form says it beside the field.
PESAN_TARGET = "Target harus lebih dari 0."
PESAN_TARGET_KUALITATIF = "Uraikan target kualitatif: hasil yang diharapkan dari indikator ini."


def angka_ukuran(nilai) -> str:
    """A target or realisation as the pages print it (the templates' floatformat:"-2"): whole numbers bare, any
    other with two decimals (10; 2,50)."""
    return angka(nilai, 0 if nilai == int(nilai) else 2)


def periksa_target(target) -> None:
    """The form's side of indikator_target_positif."""
    if target is not None and target <= 0:
        raise ValidationError(PESAN_TARGET)


class IndikatorKinerja(models.Model):
    """An indicator (Indikator Kinerja Individu) of an RHK on one aspect, with its target: a number and its unit
    (kuantitatif: capaian is computed), or a described expected result (kualitatif: the appraiser marks the
    realisation above, at or below expectation; PermenPANRB 6/2022, kinerja.penilaian.hasil_kerja)."""

    class Aspek(models.TextChoices):
        KUANTITAS = rumus_capaian.KUANTITAS, "Kuantitas"
        KUALITAS = rumus_capaian.KUALITAS, "Kualitas"
        WAKTU = rumus_capaian.WAKTU, "Waktu"
        BIAYA = rumus_capaian.BIAYA, "Biaya"

    class JenisTarget(models.TextChoices):
        KUANTITATIF = rumus_hasil_kerja.KUANTITATIF, "Kuantitatif (angka dan satuan)"
        KUALITATIF = rumus_hasil_kerja.KUALITATIF, "Kualitatif (uraian hasil yang diharapkan)"

    rhk = models.ForeignKey(RencanaHasilKerja, verbose_name="RHK", on_delete=models.CASCADE, related_name="indikator")
    uraian = models.TextField("indikator kinerja")
    aspek = models.CharField("aspek", max_length=9, choices=Aspek.choices)
    jenis_target = models.CharField(
        "jenis target",
        max_length=11,
        choices=JenisTarget.choices,
        default=JenisTarget.KUANTITATIF,
        # The bulk writers (demo/provinsi.py, COPY) name only the columns they fill.
        db_default=JenisTarget.KUANTITATIF,
    )
    target = models.DecimalField("target", max_digits=16, decimal_places=2, null=True, blank=True)
    target_kualitatif = models.TextField("target kualitatif", max_length=1000, blank=True, db_default="")
    satuan = models.CharField(
        "satuan", max_length=50, blank=True, help_text='Misalnya "dokumen", "%", "hari", "bulan".'
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=1)

    objects = VersionedQuerySet.as_manager()
    data_kind = "skp"  # core.cache: the cached realisation form lists the indicators and targets

    class Meta:
        verbose_name = "indikator kinerja"
        verbose_name_plural = "indikator kinerja"
        ordering = ["rhk", "urutan", "id"]
        constraints = [
            # NULL passes a CHECK: a quantitative target is named not null as well as positive.
            models.CheckConstraint(
                condition=Q(jenis_target="KUALITATIF", target__isnull=True)
                | Q(jenis_target="KUANTITATIF", target__isnull=False, target__gt=0),
                name="indikator_target_positif",
                violation_error_message=PESAN_TARGET,
            ),
            models.CheckConstraint(
                condition=Q(jenis_target="KUANTITATIF") | ~Q(target_kualitatif=""),
                name="indikator_kualitatif_beruraian",
                violation_error_message=PESAN_TARGET_KUALITATIF,
            ),
        ]

    def __str__(self):
        return f"{self.uraian[:60]} ({self.teks_target})"

    def clean(self):
        if self.kualitatif:
            if not (self.target_kualitatif or "").strip():
                raise ValidationError({"target_kualitatif": PESAN_TARGET_KUALITATIF})
            # A qualitative target has no number or unit to keep.
            self.target, self.satuan = None, ""
            return
        galat = {}
        if self.target is None:
            galat["target"] = "Target angka wajib diisi untuk indikator kuantitatif."
        if not (self.satuan or "").strip():
            galat["satuan"] = "Satuan wajib diisi untuk indikator kuantitatif."
        if galat:
            raise ValidationError(galat)
        self.target_kualitatif = ""

    @property
    def kualitatif(self) -> bool:
        return self.jenis_target == self.JenisTarget.KUALITATIF

    @property
    def teks_target(self) -> str:
        """The target as the pages print it: "12 dokumen", or the described expected result."""
        if self.kualitatif:
            return self.target_kualitatif
        return f"{angka_ukuran(self.target) if self.target is not None else '–'} {self.satuan}".strip()

    @property
    def diukur_efisiensi(self) -> bool:
        """A quantitative time or cost indicator: "the less the better", scored by the formula chosen in
        PengaturanKinerja (a qualitative one is marked, not scored)."""
        return not self.kualitatif and self.aspek in rumus_capaian.ASPEK_EFISIENSI
