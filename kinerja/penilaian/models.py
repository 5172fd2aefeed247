"""Periodic performance evaluation (PermenPANRB 6/2022): periods, each ASN's evaluation and its parts, its
history and dialog. A unit's and the agency's side (organisational performance, curve, settings) is models_unit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.cache import VersionedQuerySet
from core.errors import WrongState
from core.files import validate_evidence_file
from core.numbers import angka
from kinerja.pegawai.models import Pegawai, PejabatLuar

from . import capaian as rumus_capaian
from . import periode as rumus_periode
from . import predikat as rumus_predikat
from .models_skp import SKP, IndikatorKinerja, RencanaHasilKerja


class Periode(models.Model):
    """An evaluation period of a year (monthly, quarterly, per semester or annual), open or closed."""

    class Jenis(models.TextChoices):
        BULANAN = rumus_periode.BULANAN, "Bulanan"
        TRIWULANAN = rumus_periode.TRIWULANAN, "Triwulanan"
        SEMESTERAN = rumus_periode.SEMESTERAN, "Semesteran"
        TAHUNAN = rumus_periode.TAHUNAN, "Tahunan"

    class Status(models.TextChoices):
        DIBUKA = "DIBUKA", "Dibuka"
        DITUTUP = "DITUTUP", "Ditutup"

    tahun = models.PositiveSmallIntegerField("tahun")
    jenis = models.CharField("jenis periode", max_length=12, choices=Jenis.choices)
    nomor = models.PositiveSmallIntegerField(
        "nomor dalam tahun", help_text="Bulan 1–12, triwulan 1–4, semester 1–2, atau 1 untuk tahunan."
    )
    mulai = models.DateField("tanggal mulai")
    selesai = models.DateField("tanggal selesai")
    batas_pengisian = models.DateField("batas pengisian realisasi")
    batas_penilaian = models.DateField("batas penilaian atasan")
    status = models.CharField("status", max_length=8, choices=Status.choices, default=Status.DIBUKA)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="dibuka oleh", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField("dibuka pada", auto_now_add=True)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ditutup oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ditutup_pada = models.DateTimeField("ditutup pada", null=True, blank=True)

    objects = VersionedQuerySet.as_manager()
    data_kind = "periode"  # core.cache: cached fragments show whether a period is open

    class Meta:
        verbose_name = "periode penilaian"
        verbose_name_plural = "periode penilaian"
        ordering = ["-tahun", "jenis", "-nomor"]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "jenis", "nomor"], name="periode_unik"),
            models.CheckConstraint(
                condition=Q(nomor__gte=1)
                & (
                    Q(jenis="BULANAN", nomor__lte=12)
                    | Q(jenis="TRIWULANAN", nomor__lte=4)
                    | Q(jenis="SEMESTERAN", nomor__lte=2)
                    | Q(jenis="TAHUNAN", nomor=1)
                ),
                name="periode_nomor_sah",
            ),
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="periode_selesai_setelah_mulai"),
            models.CheckConstraint(
                condition=Q(batas_penilaian__gte=models.F("batas_pengisian")),
                name="periode_penilaian_setelah_pengisian",
            ),
        ]

    def __str__(self):
        """The name officials write, "Triwulan IV 2026" (kinerja.penilaian.periode.nama_periode)."""
        return rumus_periode.nama_periode(self.jenis, self.nomor, self.tahun)

    @property
    def dibuka(self):
        return self.status == self.Status.DIBUKA

    def clean(self):
        errors = {}
        if self.jenis in rumus_periode.NOMOR_MAKSIMUM:
            try:
                rumus_periode.periksa_nomor(self.jenis, self.nomor or 0)
            except ValueError as galat:
                errors["nomor"] = str(galat)
        if self.mulai and self.tahun and self.mulai.year != self.tahun:
            errors["mulai"] = f"Tanggal mulai harus dalam tahun {self.tahun}."
        if self.mulai and self.selesai and self.selesai < self.mulai:
            errors["selesai"] = "Tanggal selesai tidak boleh sebelum tanggal mulai."
        if self.batas_pengisian and self.batas_penilaian and self.batas_penilaian < self.batas_pengisian:
            errors["batas_penilaian"] = "Batas penilaian tidak boleh sebelum batas pengisian."
        if errors:
            raise ValidationError(errors)


class PembukaanKembaliPeriode(models.Model):
    """Log of an administrator reopening a closed period: who, when and why."""

    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="pembukaan_kembali")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pada = models.DateTimeField("pada", default=timezone.now)
    alasan = models.TextField("alasan")

    class Meta:
        verbose_name = "pembukaan kembali periode"
        verbose_name_plural = "pembukaan kembali periode"
        ordering = ["-pada"]

    def __str__(self):
        return f"{self.periode} dibuka kembali {self.pada:%d-%m-%Y}"


class EvaluasiTerkunci(WrongState):
    """A final evaluation, or a row belonging to one, was about to change."""


class EvaluasiQuerySet(VersionedQuerySet):
    def update(self, **kwargs):
        """Refuse bulk updates (admin actions, imports, bulk_update) that would change a final evaluation."""
        if (
            set(kwargs) - EvaluasiKinerja.FIELD_BOLEH_SETELAH_FINAL
            and self.filter(status=EvaluasiKinerja.Status.FINAL).exists()
        ):
            raise EvaluasiTerkunci("Evaluasi yang sudah final tidak dapat diubah.")
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=EvaluasiKinerja.Status.FINAL).exists():
            raise EvaluasiTerkunci("Evaluasi yang sudah final tidak dapat dihapus.")
        return super().delete()

    def perbarui_hasil_impor(self, **kwargs):
        """The one write a final evaluation imported from e-Kinerja accepts besides the acknowledgement: a newer
        import of the same result (services_ekinerja logs the old values in the history first)."""
        if self.exclude(sumber=EvaluasiKinerja.Sumber.EKINERJA).exists():
            raise EvaluasiTerkunci("Hanya evaluasi hasil impor e-Kinerja yang dapat diperbarui oleh impor.")
        return super().update(**kwargs)


class EvaluasiKinerja(models.Model):
    """One ASN's evaluation for one period: realisation, the supervisor's ratings, and the predikat."""

    class Status(models.TextChoices):
        DRAFT = "DRAFT", "Draf"
        DIAJUKAN = "DIAJUKAN", "Diajukan"
        DINILAI = "DINILAI", "Dinilai"
        DIKEMBALIKAN = "DIKEMBALIKAN", "Dikembalikan"
        FINAL = "FINAL", "Final"

    class Rating(models.TextChoices):
        DI_ATAS = rumus_predikat.DI_ATAS, "Di Atas Ekspektasi"
        SESUAI = rumus_predikat.SESUAI, "Sesuai Ekspektasi"
        DI_BAWAH = rumus_predikat.DI_BAWAH, "Di Bawah Ekspektasi"

    class Sumber(models.TextChoices):
        LOKAL = "LOKAL", "Dinilai di aplikasi ini"
        EKINERJA = "EKINERJA", "Impor e-Kinerja BKN"

    class Predikat(models.TextChoices):
        SANGAT_BAIK = rumus_predikat.SANGAT_BAIK, rumus_predikat.LABEL_PREDIKAT[rumus_predikat.SANGAT_BAIK]
        BAIK = rumus_predikat.BAIK, rumus_predikat.LABEL_PREDIKAT[rumus_predikat.BAIK]
        BUTUH_PERBAIKAN = rumus_predikat.BUTUH_PERBAIKAN, rumus_predikat.LABEL_PREDIKAT[rumus_predikat.BUTUH_PERBAIKAN]
        KURANG = rumus_predikat.KURANG, rumus_predikat.LABEL_PREDIKAT[rumus_predikat.KURANG]
        SANGAT_KURANG = rumus_predikat.SANGAT_KURANG, rumus_predikat.LABEL_PREDIKAT[rumus_predikat.SANGAT_KURANG]

    # The acknowledgement and the version stamp are the only writes a final evaluation still accepts.
    FIELD_BOLEH_SETELAH_FINAL = frozenset({"diakui_pada", "versi", "diubah_oleh", "diubah_pada"})
    # The states whose realisation the ASN fills in and submits (services.STATUS_ASAL, the lists' buttons).
    STATUS_DAPAT_DIISI = (Status.DRAFT, Status.DIKEMBALIKAN)
    # What happens next in each state, for the team and HR lists.
    LANGKAH_BERIKUTNYA = {
        Status.DRAFT: "Pegawai mengisi realisasi dan mengajukan",
        Status.DIKEMBALIKAN: "Pegawai memperbaiki dan mengajukan ulang",
        Status.DIAJUKAN: "Atasan menilai atau mengembalikan",
        Status.DINILAI: "Pengelola kinerja memfinalkan",
        Status.FINAL: "Selesai",
    }

    periode = models.ForeignKey(Periode, verbose_name="periode", on_delete=models.PROTECT, related_name="evaluasi")
    pegawai = models.ForeignKey(Pegawai, verbose_name="pegawai", on_delete=models.PROTECT, related_name="evaluasi")
    skp = models.ForeignKey(
        SKP, verbose_name="SKP", null=True, blank=True, on_delete=models.PROTECT, related_name="evaluasi"
    )
    # The PPK when the evaluation was created: the document names them even if the roster changes later.
    atasan = models.ForeignKey(
        Pegawai,
        verbose_name="pejabat penilai kinerja",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluasi_dinilai",
    )
    # ... or, instead, an appraiser outside the roster; and the atasan PPK for the document, either kind.
    penilai_luar = models.ForeignKey(
        PejabatLuar,
        verbose_name="pejabat penilai kinerja (di luar daftar pegawai)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluasi_dinilai",
    )
    atasan_penilai = models.ForeignKey(
        Pegawai,
        verbose_name="atasan pejabat penilai kinerja",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    atasan_penilai_luar = models.ForeignKey(
        PejabatLuar,
        verbose_name="atasan pejabat penilai kinerja (di luar daftar pegawai)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The signed paper, when HR recorded the rating of an appraiser outside the roster on their behalf.
    berkas_penilaian = models.FileField(
        "dokumen penilaian bertanda tangan",
        upload_to="penilaian/%Y/%m/",
        # The bulk writers (demo/provinsi.py, COPY) name only the columns they fill.
        db_default="",
        blank=True,
        validators=[validate_evidence_file],
        help_text="PDF, JPG atau PNG hasil pindai; paling besar 5 MB.",
    )
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DRAFT)
    # EKINERJA: the result imported from BKN's e-Kinerja (models_ekinerja.HasilEkinerja says from which file): final,
    # read-only here, its predikat e-Kinerja's even where it disagrees with the matrix (flagged there).
    sumber = models.CharField(
        "sumber", max_length=8, choices=Sumber.choices, default=Sumber.LOKAL, db_default=Sumber.LOKAL
    )
    rating_hasil_kerja = models.CharField("rating hasil kerja", max_length=8, choices=Rating.choices, blank=True)
    rating_perilaku_kerja = models.CharField("rating perilaku kerja", max_length=8, choices=Rating.choices, blank=True)
    predikat = models.CharField("predikat kinerja", max_length=15, choices=Predikat.choices, blank=True)
    catatan = models.TextField("catatan", blank=True)
    rekomendasi_pengembangan = models.TextField("rekomendasi pengembangan", blank=True)
    alasan_pengembalian = models.TextField("alasan pengembalian", blank=True)
    versi = models.PositiveIntegerField("versi", default=1)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="terakhir diubah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diubah_pada = models.DateTimeField("terakhir diubah pada", null=True, blank=True)
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    dinilai_pada = models.DateTimeField("dinilai pada", null=True, blank=True)
    difinalkan_pada = models.DateTimeField("difinalkan pada", null=True, blank=True)
    difinalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="difinalkan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diakui_pada = models.DateTimeField("diterima pegawai pada", null=True, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)

    objects = EvaluasiQuerySet.as_manager()
    data_kind = "evaluasi"  # core.cache: cached fragments show states and predikat

    class Meta:
        verbose_name = "evaluasi kinerja"
        verbose_name_plural = "evaluasi kinerja"
        ordering = ["periode", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["periode", "pegawai"], name="evaluasi_unik_per_periode"),
            models.CheckConstraint(
                condition=~Q(status__in=["DINILAI", "FINAL"]) | ~Q(predikat=""), name="evaluasi_dinilai_berpredikat"
            ),
            models.CheckConstraint(
                condition=Q(atasan__isnull=True) | Q(penilai_luar__isnull=True), name="evaluasi_satu_penilai"
            ),
        ]
        indexes = [
            models.Index(fields=["periode", "status"]),
            models.Index(fields=["atasan", "periode"]),
            # The HR list's progress per unit counts states by ASN from this index alone (selectors.progres_per_unit).
            models.Index(fields=["periode", "pegawai", "status"], name="evaluasi_progres_idx"),
        ]

    def __str__(self):
        return f"Evaluasi {self.periode} {self.pegawai.nama}"

    def save(self, *args, **kwargs):
        """Keep the stored predikat equal to the matrix, and refuse any change to a final row from any path."""
        update_fields = kwargs.get("update_fields")
        if not (update_fields is not None and set(update_fields) <= self.FIELD_BOLEH_SETELAH_FINAL):
            if self._tersimpan_final():
                raise EvaluasiTerkunci("Evaluasi yang sudah final tidak dapat diubah.")
            # An imported result keeps e-Kinerja's predikat as it came.
            if not self.diimpor:
                self.predikat = (
                    rumus_predikat.predikat_kinerja(self.rating_hasil_kerja, self.rating_perilaku_kerja)
                    if self.rating_hasil_kerja and self.rating_perilaku_kerja
                    else ""
                )
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "predikat"}
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._tersimpan_final():
            raise EvaluasiTerkunci("Evaluasi yang sudah final tidak dapat dihapus.")
        return super().delete(*args, **kwargs)

    @property
    def final(self):
        return self.status == self.Status.FINAL

    @property
    def diimpor(self) -> bool:
        """Imported from e-Kinerja: read-only here, no action applies to it."""
        return self.sumber == self.Sumber.EKINERJA

    @property
    def pejabat_penilai(self) -> Pegawai | PejabatLuar | None:
        """The PPK recorded on the evaluation, on the roster or not."""
        return self.atasan or self.penilai_luar

    @property
    def atasan_pejabat_penilai(self) -> Pegawai | PejabatLuar | None:
        return self.atasan_penilai or self.atasan_penilai_luar

    @property
    def dapat_diisi(self) -> bool:
        """Whether the state lets the ASN fill in the realisation (the period must be open too)."""
        return self.status in self.STATUS_DAPAT_DIISI

    @property
    def langkah_berikutnya(self):
        return self.LANGKAH_BERIKUTNYA[self.status]

    def _tersimpan_final(self):
        return self.pk is not None and type(self)._base_manager.filter(pk=self.pk, status=self.Status.FINAL).exists()


class BagianEvaluasiQuerySet(VersionedQuerySet):
    def _cek_tidak_final(self):
        if self.filter(evaluasi__status=EvaluasiKinerja.Status.FINAL).exists():
            raise EvaluasiTerkunci("Isi evaluasi yang sudah final tidak dapat diubah.")

    def update(self, **kwargs):
        self._cek_tidak_final()
        return super().update(**kwargs)

    def delete(self):
        self._cek_tidak_final()
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        ids = {o.evaluasi_id for o in objs}
        if EvaluasiKinerja._base_manager.filter(pk__in=ids, status=EvaluasiKinerja.Status.FINAL).exists():
            raise EvaluasiTerkunci("Isi evaluasi yang sudah final tidak dapat diubah.")
        return super().bulk_create(objs, *args, **kwargs)


class BagianEvaluasi(models.Model):
    """A row that belongs to an evaluation and is frozen with it once the evaluation is final."""

    objects = BagianEvaluasiQuerySet.as_manager()
    data_kind = "evaluasi"  # core.cache: the cached realisation form shows realisations

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._evaluasi_final():
            raise EvaluasiTerkunci("Isi evaluasi yang sudah final tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._evaluasi_final():
            raise EvaluasiTerkunci("Isi evaluasi yang sudah final tidak dapat dihapus.")
        return super().delete(*args, **kwargs)

    def _evaluasi_final(self):
        return EvaluasiKinerja._base_manager.filter(pk=self.evaluasi_id, status=EvaluasiKinerja.Status.FINAL).exists()


class BagianDiisiPegawai(BagianEvaluasi):
    """A part of the evaluation the ASN writes, or HR staff on their behalf: who, as which, and when."""

    class DiisiSebagai(models.TextChoices):
        PEGAWAI = "PEGAWAI", "Pegawai sendiri"
        PENGELOLA = "PENGELOLA", "Pengelola kinerja atas nama pegawai"

    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="diisi oleh", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    diisi_sebagai = models.CharField("diisi sebagai", max_length=9, choices=DiisiSebagai.choices)
    diisi_pada = models.DateTimeField("diisi pada", default=timezone.now)

    class Meta:
        abstract = True


# The longest realisation narrative: a few paragraphs, not a report (that is what the evidence file is for).
PANJANG_NARASI = 2000


class RealisasiIndikator(BagianDiisiPegawai):
    """The realisation of one indicator in one evaluation, its evidence, who entered it, and its capaian. A
    qualitative indicator has no figure: its realisation is the narrative and the evidence, and the appraiser's mark
    (above, at or below expectation) stands where a quantitative one has its capaian."""

    evaluasi = models.ForeignKey(EvaluasiKinerja, on_delete=models.CASCADE, related_name="realisasi")
    indikator = models.ForeignKey(IndikatorKinerja, on_delete=models.PROTECT, related_name="realisasi")
    realisasi = models.DecimalField("realisasi", max_digits=16, decimal_places=2, null=True, blank=True)
    # What was done, in the ASN's words, beside the figure and the evidence (e-Kinerja's "realisasi" text).
    narasi = models.TextField("uraian realisasi", max_length=PANJANG_NARASI, blank=True)
    bukti_tautan = models.URLField("tautan bukti", max_length=500, blank=True)
    bukti_berkas = models.FileField(
        "berkas bukti",
        upload_to="bukti/%Y/%m/",
        blank=True,
        validators=[validate_evidence_file],
        help_text="PDF, JPG, PNG, XLSX atau DOCX; paling besar 5 MB.",
    )
    capaian = models.DecimalField("capaian (%)", max_digits=6, decimal_places=2, null=True, blank=True)
    # The appraiser's mark of a qualitative indicator's realisation, set when the evaluation is rated.
    penilaian_kualitatif = models.CharField(
        "penilaian pejabat penilai",
        max_length=8,
        choices=EvaluasiKinerja.Rating.choices,
        blank=True,
        # The bulk writers (demo/provinsi.py, COPY) name only the columns they fill.
        db_default="",
    )

    class Meta:
        verbose_name = "realisasi indikator"
        verbose_name_plural = "realisasi indikator"
        ordering = ["evaluasi", "indikator__rhk__urutan", "indikator__urutan"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "indikator"], name="realisasi_unik_per_indikator"),
            models.CheckConstraint(condition=Q(realisasi__gte=0), name="realisasi_tidak_negatif"),
        ]

    def __str__(self):
        return f"{self.indikator}: {self.teks_realisasi}"

    @property
    def teks_realisasi(self) -> str:
        """The realisation as the history and the audit name it: the figure, or "uraian" for a qualitative one."""
        return "uraian" if self.realisasi is None else angka(self.realisasi)

    def hitung_capaian(self, pengaturan):
        """Capaian of this indicator by its aspect's formula (time and cost: the one chosen), capped per the agency's
        settings (`pengaturan`: models_unit.PengaturanKinerja); none for a qualitative indicator, which is marked
        instead."""
        if self.indikator.kualitatif:
            self.capaian = None
            return
        self.capaian = rumus_capaian.capaian_aspek(
            self.indikator.aspek,
            self.indikator.target,
            self.realisasi,
            batas=pengaturan.batas_capaian,
            efisiensi_tinggi=pengaturan.rumus_efisiensi_tinggi,
            rumus=pengaturan.rumus_waktu_biaya,
        )


class UmpanBalikRHK(BagianEvaluasi):
    """The supervisor's feedback on one RHK in an evaluation."""

    evaluasi = models.ForeignKey(EvaluasiKinerja, on_delete=models.CASCADE, related_name="umpan_balik_rhk")
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.PROTECT, related_name="umpan_balik")
    umpan_balik = models.TextField("umpan balik")

    class Meta:
        verbose_name = "umpan balik RHK"
        verbose_name_plural = "umpan balik RHK"
        constraints = [models.UniqueConstraint(fields=["evaluasi", "rhk"], name="umpan_balik_unik_per_rhk")]

    def __str__(self):
        return f"Umpan balik {self.rhk}"


class PerilakuKerja(BagianEvaluasi):
    """The supervisor's feedback on one BerAKHLAK core value in an evaluation."""

    class Nilai(models.TextChoices):
        BERORIENTASI_PELAYANAN = "BERORIENTASI_PELAYANAN", "Berorientasi Pelayanan"
        AKUNTABEL = "AKUNTABEL", "Akuntabel"
        KOMPETEN = "KOMPETEN", "Kompeten"
        HARMONIS = "HARMONIS", "Harmonis"
        LOYAL = "LOYAL", "Loyal"
        ADAPTIF = "ADAPTIF", "Adaptif"
        KOLABORATIF = "KOLABORATIF", "Kolaboratif"

    evaluasi = models.ForeignKey(EvaluasiKinerja, on_delete=models.CASCADE, related_name="perilaku")
    nilai = models.CharField("nilai BerAKHLAK", max_length=22, choices=Nilai.choices)
    umpan_balik = models.TextField("umpan balik")

    class Meta:
        verbose_name = "umpan balik perilaku kerja"
        verbose_name_plural = "umpan balik perilaku kerja"
        constraints = [models.UniqueConstraint(fields=["evaluasi", "nilai"], name="perilaku_unik_per_nilai")]

    def __str__(self):
        return f"{self.get_nilai_display()}: {self.umpan_balik[:40]}"


# The longest of the appraiser's expectations on one BerAKHLAK value.
PANJANG_EKSPEKTASI = 1000


class EkspektasiPerilaku(models.Model):
    """Ekspektasi khusus pimpinan: what the appraiser expects of the ASN on one BerAKHLAK value for the SKP's
    year, set on the SKP and shown beside that value when the evaluations are rated."""

    skp = models.ForeignKey(SKP, on_delete=models.CASCADE, related_name="ekspektasi")
    nilai = models.CharField("nilai BerAKHLAK", max_length=22, choices=PerilakuKerja.Nilai.choices)
    ekspektasi = models.TextField("ekspektasi khusus pimpinan", max_length=PANJANG_EKSPEKTASI)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="ditetapkan oleh", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ditetapkan_pada = models.DateTimeField("ditetapkan pada", default=timezone.now)

    class Meta:
        verbose_name = "ekspektasi khusus pimpinan"
        verbose_name_plural = "ekspektasi khusus pimpinan"
        constraints = [models.UniqueConstraint(fields=["skp", "nilai"], name="ekspektasi_unik_per_nilai")]

    def __str__(self):
        return f"{self.get_nilai_display()}: {self.ekspektasi[:40]}"


class RiwayatEvaluasi(models.Model):
    """Append-only log of an evaluation: every move, and every score change after submission."""

    class Aksi(models.TextChoices):
        DIAJUKAN = "DIAJUKAN", "Diajukan"
        DINILAI = "DINILAI", "Dinilai"
        DIKEMBALIKAN = "DIKEMBALIKAN", "Dikembalikan"
        DIFINALKAN = "DIFINALKAN", "Difinalkan"
        DIAKUI = "DIAKUI", "Diterima pegawai"
        NILAI_DIUBAH = "NILAI_DIUBAH", "Nilai diubah"
        DIKECUALIKAN = "DIKECUALIKAN", "Dikecualikan dari finalisasi unit"
        DITARIK = "DITARIK", "Ditarik kembali"
        PENILAI_DIGANTI = "PPK_DIGANTI", "Pejabat penilai diganti"
        # SE MenPANRB 3/2023: the head of a unit rated otherwise than the unit's organisational performance.
        RATING_PIMPINAN_BEDA = "BEDA_ORG", "Rating hasil kerja pimpinan berbeda dari kinerja organisasi"
        DIIMPOR = "DIIMPOR", "Diimpor dari e-Kinerja"

    evaluasi = models.ForeignKey(EvaluasiKinerja, on_delete=models.CASCADE, related_name="riwayat")
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="oleh", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pada = models.DateTimeField("pada", default=timezone.now)
    aksi = models.CharField("aksi", max_length=12, choices=Aksi.choices)
    dari_status = models.CharField("dari status", max_length=12, choices=EvaluasiKinerja.Status.choices, blank=True)
    ke_status = models.CharField("ke status", max_length=12, choices=EvaluasiKinerja.Status.choices, blank=True)
    field = models.CharField("isian", max_length=100, blank=True)
    nilai_lama = models.TextField("nilai lama", blank=True)
    nilai_baru = models.TextField("nilai baru", blank=True)
    alasan = models.TextField("alasan", blank=True)

    class Meta:
        verbose_name = "riwayat evaluasi"
        verbose_name_plural = "riwayat evaluasi"
        ordering = ["pada", "id"]

    def __str__(self):
        return f"{self.get_aksi_display()} {self.pada:%d-%m-%Y %H:%M}"

    @property
    def perubahan(self) -> tuple[str, str, str]:
        """(what changed, before, after) as the pages show it: a score by its name and its values' labels."""
        if self.field not in _NAMA_SKOR:
            return self.field, self.nilai_lama, self.nilai_baru
        label = dict(EvaluasiKinerja.Rating.choices) | dict(EvaluasiKinerja.Predikat.choices)
        return (
            _NAMA_SKOR[self.field],
            label.get(self.nilai_lama, self.nilai_lama),
            label.get(self.nilai_baru, self.nilai_baru),
        )


# The scores whose changes the history records by field name (services.nilai_evaluasi).
_NAMA_SKOR = {
    "rating_hasil_kerja": "Rating hasil kerja",
    "rating_perilaku_kerja": "Rating perilaku kerja",
    "predikat": "Predikat kinerja",
}


class DialogKinerja(models.Model):
    """A dated note in the continuous-feedback thread between an ASN and their supervisor."""

    skp = models.ForeignKey(SKP, null=True, blank=True, on_delete=models.CASCADE, related_name="dialog")
    evaluasi = models.ForeignKey(
        EvaluasiKinerja, null=True, blank=True, on_delete=models.CASCADE, related_name="dialog"
    )
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="penulis", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    isi = models.TextField("catatan")
    dibuat = models.DateTimeField("dibuat", default=timezone.now)

    class Meta:
        verbose_name = "dialog kinerja"
        verbose_name_plural = "dialog kinerja"
        ordering = ["dibuat", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(skp__isnull=False, evaluasi__isnull=True) | Q(skp__isnull=True, evaluasi__isnull=False),
                name="dialog_pada_skp_atau_evaluasi",
            )
        ]

    def __str__(self):
        return f"Dialog {self.dibuat:%d-%m-%Y %H:%M}"
