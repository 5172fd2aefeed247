"""The roster: units of work (a tree), the ASN who work in them, the HR staff who manage units, and roster
import jobs."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Upper
from django.utils import timezone

from core.cache import VersionedQuerySet
from core.spreadsheet import header_key

from . import golongan as gol
from . import penilai as aturan_penilai
from .kolom_roster import KOLOM
from .nip import validasi_nip


def subtree(pasangan, root_ids) -> set:
    """Ids of the given roots and all their descendants, from (id, induk_id) pairs already at hand."""
    children = {}
    for pk, induk_id in pasangan:
        children.setdefault(induk_id, []).append(pk)
    result, stack = set(), list(root_ids)
    while stack:
        pk = stack.pop()
        if pk not in result:
            result.add(pk)
            stack.extend(children.get(pk, ()))
    return result


class UnitKerjaQuerySet(VersionedQuerySet):
    def subtree_ids(self, root_ids):
        """Ids of the given units and all their descendants, in one query (the tree is small: units, not people)."""
        return subtree(self.values_list("id", "induk_id"), root_ids)


class UnitKerja(models.Model):
    """A unit in the organisation tree: province → OPD → bidang → seksi."""

    kode = models.CharField("kode unit", max_length=30, unique=True)
    nama = models.CharField("nama unit", max_length=200)
    induk = models.ForeignKey(
        "self", verbose_name="unit induk", null=True, blank=True, on_delete=models.PROTECT, related_name="sub_unit"
    )
    kepala = models.ForeignKey(
        "Pegawai", verbose_name="kepala unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Where the unit's evaluations are done (kinerja.penilaian.ekinerja.sumber_per_unit): "" follows the parent.
    sumber_evaluasi = models.CharField(
        "sumber evaluasi kinerja",
        max_length=5,
        choices=[
            ("", "Ikuti unit induk"),
            ("LOKAL", "Dinilai di aplikasi ini"),
            ("IMPOR", "Diimpor dari e-Kinerja BKN"),
        ],
        blank=True,
        # The bulk writers (roster import, demo COPY) name only the columns they fill.
        db_default="",
        default="",
        help_text="Unit bersumber impor tidak mendapat evaluasi untuk diisi; hasil e-Kinerja menjadi evaluasi resmi.",
    )

    objects = UnitKerjaQuerySet.as_manager()
    data_kind = "roster"  # core.cache: cached fragments show unit names

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["kode"]

    def __str__(self):
        return f"{self.nama} ({self.kode})"

    def clean(self):
        induk, seen = self.induk, {self.pk}
        while induk is not None:
            if induk.pk in seen:
                raise ValidationError(
                    {"induk": "Unit induk membentuk lingkaran: unit tidak boleh menjadi induk dirinya."}
                )
            seen.add(induk.pk)
            induk = induk.induk


def nama_lengkap(gelar_depan: str, nama: str, gelar_belakang: str) -> str:
    """The name as written on official documents: titles before and after (exports build it from values rows)."""
    nama = f"{gelar_depan} {nama}".strip()
    return f"{nama}, {gelar_belakang}" if gelar_belakang else nama


def jumlah_bawahan_aktif(atasan: str = "atasan"):
    """An annotation: how many active ASN report directly to each Pegawai row (or, with atasan="atasan__user",
    to the ASN of each User row).

    A counting subquery, not EXISTS nor a join: with few supervisors of many ASN each, PostgreSQL plans EXISTS (a
    LIMIT 1) as a scan of the whole roster (bench/results.md, Keputusan), and a join needs a GROUP BY over the page; the
    count reads the (atasan, aktif) index."""
    per_atasan = (
        Pegawai.objects.filter(**{atasan: OuterRef("pk")}, aktif=True)
        .order_by()
        .values("atasan")
        .annotate(n=Count("pk"))
    )
    return Coalesce(Subquery(per_atasan.values("n")), 0)


class PejabatLuar(models.Model):
    """An appraiser who is not on the roster: the Gubernur or Wakil Gubernur (the Sekda's pejabat penilai kinerja),
    or an official of another agency. Named as a pejabat penilai (or the atasan pejabat penilai) of an ASN; rates
    through an account an administrator creates, or HR records the rating on their behalf from the signed paper."""

    nama = models.CharField("nama lengkap", max_length=200, help_text="Dengan gelar, seperti ditulis pada dokumen.")
    nip = models.CharField(
        "NIP", max_length=18, blank=True, help_text="Kosongkan bila pejabat tidak memiliki NIP (pejabat negara)."
    )
    jabatan = models.CharField("jabatan", max_length=200)
    pangkat_golongan = models.CharField(
        "pangkat / golongan", max_length=100, blank=True, help_text="Misalnya Pembina Utama Madya (IV/d)."
    )
    instansi = models.CharField("instansi", max_length=200, default="Pemerintah Provinsi Gorontalo")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="akun login",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pejabat_luar",
    )
    aktif = models.BooleanField("aktif", default=True)

    objects = VersionedQuerySet.as_manager()
    data_kind = "roster"  # core.cache: cached fragments name the appraisers

    class Meta:
        verbose_name = "pejabat penilai di luar daftar pegawai"
        verbose_name_plural = "pejabat penilai di luar daftar pegawai"
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(fields=["nip"], condition=~Q(nip=""), name="pejabat_luar_nip_unik"),
        ]

    def __str__(self):
        return f"{self.nama} ({self.jabatan})"

    # The attributes the documents read from a Pegawai, so either can stand as an appraiser.
    @property
    def nama_lengkap(self):
        return self.nama

    @property
    def pangkat(self):
        return self.pangkat_golongan

    golongan = ""
    unit_kerja = None
    di_luar_roster = True

    def clean(self):
        if self.nip:
            try:
                validasi_nip(self.nip)
            except ValueError as exc:
                raise ValidationError({"nip": str(exc)}) from None


def dinilai_oleh(pegawai_id: int, jalur: str = "") -> Q:
    """The rows whose ASN (`jalur`: the lookup of the row's ASN, "" for Pegawai itself) has this roster ASN as
    their PPK: penilai.ppk() written as a filter (tests/kinerja/pegawai/test_penilai.py checks the two agree)."""
    return Q(**{f"{jalur}penilai_id": pegawai_id}) | Q(
        **{f"{jalur}atasan_id": pegawai_id, f"{jalur}penilai__isnull": True, f"{jalur}penilai_luar__isnull": True}
    )


def jumlah_dinilai_aktif(penilai: str = "penilai"):
    """An annotation: how many active ASN name each row (a Pegawai, or with penilai="penilai__user" a User) as their
    PPK explicitly; with jumlah_bawahan_aktif it tells who appraises anyone. A few unit heads have one, so the
    count reads the foreign key's index."""
    per_penilai = (
        Pegawai.objects.filter(**{penilai: OuterRef("pk")}, aktif=True)
        .order_by()
        .values("penilai")
        .annotate(n=Count("pk"))
    )
    return Coalesce(Subquery(per_penilai.values("n")), 0)


# Kelas jabatan as the peta jabatan grades posts (PermenPANRB 41/2018 on nomenklatur and kelas jabatan): 1–17.
KELAS_JABATAN_MIN, KELAS_JABATAN_MAKS = 1, 17


class Pegawai(models.Model):
    """An ASN (PNS or PPPK) on the roster. The login username is the NIP."""

    class JenisKelamin(models.TextChoices):
        LAKI_LAKI = "L", "Laki-laki"
        PEREMPUAN = "P", "Perempuan"

    class StatusKepegawaian(models.TextChoices):
        PNS = "PNS", "PNS"
        PPPK = "PPPK", "PPPK"

    class JenisJabatan(models.TextChoices):
        JPT_UTAMA = "JPT_UTAMA", "JPT Utama"
        JPT_MADYA = "JPT_MADYA", "JPT Madya"
        JPT_PRATAMA = "JPT_PRATAMA", "JPT Pratama"
        ADMINISTRATOR = "ADMINISTRATOR", "Administrator"
        PENGAWAS = "PENGAWAS", "Pengawas"
        PELAKSANA = "PELAKSANA", "Pelaksana"
        AHLI_PERTAMA = "AHLI_PERTAMA", "Fungsional Ahli Pertama"
        AHLI_MUDA = "AHLI_MUDA", "Fungsional Ahli Muda"
        AHLI_MADYA = "AHLI_MADYA", "Fungsional Ahli Madya"
        AHLI_UTAMA = "AHLI_UTAMA", "Fungsional Ahli Utama"
        PEMULA = "PEMULA", "Fungsional Pemula"
        TERAMPIL = "TERAMPIL", "Fungsional Terampil"
        MAHIR = "MAHIR", "Fungsional Mahir"
        PENYELIA = "PENYELIA", "Fungsional Penyelia"

    nip = models.CharField("NIP", max_length=18, unique=True)
    nama = models.CharField("nama", max_length=150)
    gelar_depan = models.CharField("gelar depan", max_length=50, blank=True)
    gelar_belakang = models.CharField("gelar belakang", max_length=80, blank=True)
    jenis_kelamin = models.CharField("jenis kelamin", max_length=1, choices=JenisKelamin.choices)
    tanggal_lahir = models.DateField("tanggal lahir", null=True, blank=True)
    status_kepegawaian = models.CharField("status kepegawaian", max_length=4, choices=StatusKepegawaian.choices)
    golongan = models.CharField("golongan", max_length=5, blank=True, choices=gol.GOLONGAN_CHOICES)
    jabatan = models.CharField("jabatan", max_length=200, blank=True)
    jenis_jabatan = models.CharField(
        "jenis jabatan",
        max_length=20,
        blank=True,
        choices=JenisJabatan.choices,
        help_text="Untuk jabatan fungsional, jenjangnya: dasar angka kredit tahunan.",
    )
    kelas_jabatan = models.PositiveSmallIntegerField(
        "kelas jabatan",
        null=True,
        blank=True,
        validators=[MinValueValidator(KELAS_JABATAN_MIN), MaxValueValidator(KELAS_JABATAN_MAKS)],
        help_text="1 sampai 17, sesuai peta jabatan; dasar besaran TPP.",
    )
    # Where the angka kredit of a jabatan fungsional starts (kinerja.penilaian.angka_kredit): the cumulative
    # figure in the current jenjang from the last PAK (integrasi/konversi) and the first year whose predikat
    # this app adds to it.
    angka_kredit_awal = models.DecimalField(
        "angka kredit awal",
        max_digits=8,
        decimal_places=3,
        default=0,
        # The roster import and the demo's bulk writers (COPY) name only the columns they fill.
        db_default=0,
        validators=[MinValueValidator(0)],
        help_text="Angka kredit kumulatif pada jenjang sekarang menurut PAK terakhir, sebelum tahun di bawah.",
    )
    angka_kredit_sejak_tahun = models.PositiveSmallIntegerField(
        "angka kredit dihitung sejak tahun",
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="Tahun pertama yang predikat tahunannya ditambahkan. Kosong: semua tahun yang tercatat.",
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name="unit kerja", on_delete=models.PROTECT, related_name="pegawai"
    )
    atasan = models.ForeignKey(
        "self", verbose_name="atasan langsung", null=True, blank=True, on_delete=models.SET_NULL, related_name="bawahan"
    )
    # The pejabat penilai kinerja (PPK) when it is not the direct supervisor (a unit head whose appraiser is the
    # Sekda, an appraiser outside the roster), and the atasan pejabat penilai when it is not the PPK's own appraiser.
    # Set by HR through penilaian.services_penilai, which also moves the open evaluations; the roster import leaves
    # them alone.
    penilai = models.ForeignKey(
        "self",
        verbose_name="pejabat penilai kinerja",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dinilai",
    )
    penilai_luar = models.ForeignKey(
        PejabatLuar,
        verbose_name="pejabat penilai kinerja (di luar daftar pegawai)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dinilai",
    )
    atasan_penilai = models.ForeignKey(
        "self",
        verbose_name="atasan pejabat penilai kinerja",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
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
    email = models.EmailField("email", blank=True)
    no_hp = models.CharField("no. HP", max_length=20, blank=True)
    aktif = models.BooleanField("aktif", default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="pegawai"
    )
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    objects = VersionedQuerySet.as_manager()
    data_kind = "roster"  # core.cache: cached fragments show ASN

    class Meta:
        verbose_name = "pegawai"
        verbose_name_plural = "pegawai"
        ordering = ["nama", "nip"]
        indexes = [
            models.Index(fields=["unit_kerja", "aktif"]),
            models.Index(Upper("nama"), name="pegawai_nama_upper_idx"),
            # Every request asks whether the user has active subordinates (permissions.peran): an index-only probe,
            # where the atasan index alone let PostgreSQL scan all 30,000 ASN for someone who supervises nobody.
            models.Index(fields=["atasan", "aktif"], name="pegawai_atasan_aktif_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(penilai__isnull=True) | Q(penilai_luar__isnull=True),
                name="pegawai_satu_penilai",
                violation_error_message="Pilih satu pejabat penilai kinerja: pegawai atau pejabat di luar daftar.",
            ),
            models.CheckConstraint(
                condition=Q(kelas_jabatan__isnull=True)
                | Q(kelas_jabatan__gte=KELAS_JABATAN_MIN, kelas_jabatan__lte=KELAS_JABATAN_MAKS),
                name="pegawai_kelas_jabatan_1_17",
                violation_error_message="Kelas jabatan harus 1 sampai 17.",
            ),
            models.CheckConstraint(
                condition=Q(atasan_penilai__isnull=True) | Q(atasan_penilai_luar__isnull=True),
                name="pegawai_satu_atasan_penilai",
                violation_error_message="Pilih satu atasan pejabat penilai: pegawai atau pejabat di luar daftar.",
            ),
        ]

    def __str__(self):
        return f"{self.nama_lengkap} ({self.nip})"

    @property
    def nama_lengkap(self):
        return nama_lengkap(self.gelar_depan, self.nama, self.gelar_belakang)

    @property
    def pangkat(self):
        return gol.pangkat(self.golongan)

    di_luar_roster = False

    @property
    def baris_penilai(self) -> aturan_penilai.BarisPenilai:
        return aturan_penilai.BarisPenilai(*(getattr(self, "pk" if k == "id" else k) for k in aturan_penilai.KOLOM))

    @property
    def pejabat_penilai(self) -> "Pegawai | PejabatLuar | None":
        """The PPK (kinerja.pegawai.penilai): the one HR named, else the direct supervisor."""
        pegawai_id, luar_id = aturan_penilai.ppk(self.baris_penilai)
        if luar_id:
            return self.penilai_luar
        if pegawai_id:
            return self.penilai if pegawai_id == self.penilai_id else self.atasan
        return None

    @property
    def atasan_pejabat_penilai(self) -> "Pegawai | PejabatLuar | None":
        """The PPK's superior (kinerja.pegawai.penilai): the one HR named, else the PPK's own PPK."""
        ppk = self.pejabat_penilai
        dari_ppk = ppk if isinstance(ppk, Pegawai) else None
        hasil = aturan_penilai.penilai(self.baris_penilai, dari_ppk.baris_penilai if dari_ppk else None)
        if hasil.atasan_penilai_luar_id:
            dinamai = hasil.atasan_penilai_luar_id == self.atasan_penilai_luar_id
            return self.atasan_penilai_luar if dinamai else dari_ppk.penilai_luar
        if hasil.atasan_penilai_id:
            dinamai = hasil.atasan_penilai_id == self.atasan_penilai_id
            return self.atasan_penilai if dinamai else dari_ppk.pejabat_penilai
        return None

    def clean(self):
        errors = {}
        try:
            validasi_nip(self.nip, self.jenis_kelamin or None, self.tanggal_lahir)
        except ValueError as exc:
            errors["nip"] = str(exc)
        if self.golongan:
            try:
                self.golongan = gol.normalisasi_golongan(self.golongan, self.status_kepegawaian)
            except ValueError as exc:
                errors["golongan"] = str(exc)
        atasan, seen = self.atasan, {self.pk}
        while atasan is not None:
            if atasan.pk in seen:
                errors["atasan"] = "Rantai atasan membentuk lingkaran: pegawai tidak boleh menjadi atasan dirinya."
                break
            seen.add(atasan.pk)
            atasan = atasan.atasan
        if errors:
            raise ValidationError(errors)


class AliasKolomRoster(models.Model):
    """Another heading a roster file may give a column, such as SIASN's "NIP BARU" for NIP. The administrator adds
    the headings of the files offices really have; case, spacing and punctuation do not matter."""

    kolom = models.CharField("dibaca sebagai kolom", max_length=30, choices=KOLOM)
    alias = models.CharField("judul kolom di berkas", max_length=100)
    kunci = models.CharField("kunci pembanding", max_length=100, unique=True, editable=False)
    sumber = models.CharField(
        "sumber",
        max_length=200,
        blank=True,
        help_text="Dari mana judul ini diketahui (misalnya ekspor SIASN), atau 'dugaan' bila belum dipastikan.",
    )

    class Meta:
        verbose_name = "alias kolom roster"
        verbose_name_plural = "alias kolom roster"
        ordering = ["kolom", "alias"]

    def __str__(self):
        return f"{self.alias} → {self.get_kolom_display()}"

    def save(self, *args, **kwargs):
        self.kunci = header_key(self.alias)
        super().save(*args, **kwargs)

    def clean(self):
        self.kunci = header_key(self.alias)
        if not self.kunci:
            raise ValidationError({"alias": "Judul kolom harus berisi huruf atau angka."})
        templat = {header_key(judul): judul for _, judul in KOLOM}
        if self.kunci in templat:
            raise ValidationError({"alias": f"'{self.alias}' sudah dikenali sebagai kolom {templat[self.kunci]}."})
        ada = AliasKolomRoster.objects.filter(kunci=self.kunci).exclude(pk=self.pk).first()
        if ada:
            raise ValidationError({"alias": f"Judul ini sudah menjadi alias kolom {ada.get_kolom_display()}."})


class PenugasanPengelola(models.Model):
    """Assigns an HR user (Pengelola Kinerja) to a unit; the assignment covers the unit's whole subtree."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="penugasan_pengelola")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="pengelola")

    objects = VersionedQuerySet.as_manager()
    data_kind = "roster"  # core.cache: an HR user's units scope their fragments

    class Meta:
        verbose_name = "penugasan pengelola kinerja"
        verbose_name_plural = "penugasan pengelola kinerja"
        constraints = [models.UniqueConstraint(fields=["user", "unit_kerja"], name="penugasan_pengelola_unik")]

    def __str__(self):
        return f"{self.user} → {self.unit_kerja}"


def _lokasi_berkas_impor(instance, filename):
    # The original name is kept on the job; the stored name only needs to be unique and safe.
    return f"impor_roster/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class ImporRoster(models.Model):
    """One roster upload: the stored file, its preview, and (once confirmed) the import's progress and result.

    The file lives in the default storage, so any web instance or worker can confirm and run it.
    """

    class Status(models.TextChoices):
        PRATINJAU = "pratinjau", "Pratinjau"
        ANTRI = "antri", "Dalam antrean"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="diunggah oleh", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    berkas = models.FileField("berkas", upload_to=_lokasi_berkas_impor)
    nama_berkas = models.CharField("nama berkas asli", max_length=255)
    # How the preview read the file, so the confirmation imports exactly that: the sheet, a CSV's encoding.
    lembar = models.CharField("lembar yang dibaca", max_length=255, blank=True)
    enkoding = models.CharField("enkoding CSV", max_length=20, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.PRATINJAU)
    nonaktifkan_yang_hilang = models.BooleanField("nonaktifkan pegawai yang tidak ada di berkas", default=False)
    jumlah_baris = models.PositiveIntegerField("jumlah baris", default=0)
    progres = models.PositiveSmallIntegerField("progres (%)", default=0)
    ringkasan = models.JSONField("ringkasan", default=dict, blank=True)
    galat = models.JSONField("galat", default=list, blank=True)
    dibuat = models.DateTimeField("diunggah", auto_now_add=True)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        verbose_name = "impor roster"
        verbose_name_plural = "impor roster"
        ordering = ["-dibuat"]

    def __str__(self):
        return f"{self.nama_berkas} ({self.get_status_display()})"
