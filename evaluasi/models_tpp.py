"""TPP: the base per kelas jabatan and year, the region's shares and deductions, acting posts (Plt/Plh), and the
monthly lists per OPD that HR locks (a locked list never changes; a recalculation is a new version)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.numbers import angka
from kinerja.models import EvaluasiKinerja, Pegawai
from kinerja.penilaian.periode import NAMA_BULAN

from . import tpp

LABEL_PREDIKAT = dict(EvaluasiKinerja.Predikat.choices)
BELUM_TERKONFIRMASI = (
    "Belum terkonfirmasi: persentase TPP Provinsi Gorontalo ditetapkan dalam Peraturan Gubernur; "
    "nilai ini bawaan yang dapat diubah, bukan angka resmi."
)


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
