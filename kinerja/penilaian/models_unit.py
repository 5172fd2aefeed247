"""A unit's and the agency's side of a period's evaluations: the unit's organisational performance, the curve's
overrides and the evaluations left out of a unit's finalisation with their reasons, and the agency's editable
performance settings (the capaian cap and the distribution curve)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kinerja.pegawai.models import UnitKerja

from . import capaian as rumus_capaian
from . import predikat as rumus_predikat
from .models import EvaluasiKinerja, Periode


class KinerjaOrganisasi(models.Model):
    """A unit's organisational performance in a period, set by HR; it caps the predikat distribution."""

    class Capaian(models.TextChoices):
        ISTIMEWA = rumus_predikat.ISTIMEWA, "Istimewa"
        BAIK = rumus_predikat.BAIK, "Baik"
        BUTUH_PERBAIKAN = rumus_predikat.BUTUH_PERBAIKAN, "Butuh Perbaikan"
        KURANG = rumus_predikat.KURANG, "Kurang"
        SANGAT_KURANG = rumus_predikat.SANGAT_KURANG, "Sangat Kurang"

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="kinerja_organisasi")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="kinerja_organisasi")
    capaian = models.CharField("capaian kinerja organisasi", max_length=15, choices=Capaian.choices)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ditetapkan_pada = models.DateTimeField("ditetapkan pada", default=timezone.now)

    class Meta:
        verbose_name = "capaian kinerja organisasi"
        verbose_name_plural = "capaian kinerja organisasi"
        constraints = [models.UniqueConstraint(fields=["unit_kerja", "periode"], name="kinerja_organisasi_unik")]

    def __str__(self):
        return f"{self.unit_kerja.nama} {self.periode}: {self.get_capaian_display()}"


class PengecualianKurva(models.Model):
    """An explicit override: a unit finalised although its distribution violates the curve. Shown on its page."""

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="pengecualian_kurva")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="pengecualian_kurva")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pada = models.DateTimeField("pada", default=timezone.now)
    alasan = models.TextField("alasan")
    pelanggaran = models.TextField("pelanggaran kurva")
    jumlah_difinalkan = models.PositiveIntegerField("jumlah evaluasi difinalkan")

    class Meta:
        verbose_name = "pengecualian kurva distribusi"
        verbose_name_plural = "pengecualian kurva distribusi"
        ordering = ["-pada"]

    def __str__(self):
        return f"Pengecualian kurva {self.unit_kerja.nama} {self.periode}"


class EvaluasiDikecualikan(models.Model):
    """An evaluation not yet rated that HR left out of one finalisation of a unit, with the reason. The evaluation
    keeps its state and is not final; rated later, a further finalisation of the unit finalises it (this row stays)."""

    class Alasan(models.TextChoices):
        # Our list of the usual causes (DOMAIN.md names none): "Lainnya" takes any other, described.
        CLTN = "CLTN", "Cuti di luar tanggungan negara"
        MUTASI = "MUTASI", "Pindah/mutasi"
        MENINGGAL = "MENINGGAL", "Meninggal dunia"
        TUGAS_BELAJAR = "TUGAS_BELAJAR", "Tugas belajar"
        DIBERHENTIKAN = "DIBERHENTIKAN", "Diberhentikan"
        LAINNYA = "LAINNYA", "Lainnya"

    evaluasi = models.ForeignKey(EvaluasiKinerja, on_delete=models.CASCADE, related_name="pengecualian_finalisasi")
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name="unit yang difinalkan", on_delete=models.PROTECT, related_name="+"
    )
    alasan = models.CharField("alasan", max_length=13, choices=Alasan.choices)
    keterangan = models.TextField("keterangan", blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pada = models.DateTimeField("pada", default=timezone.now)

    class Meta:
        verbose_name = "evaluasi dikecualikan dari finalisasi"
        verbose_name_plural = "evaluasi dikecualikan dari finalisasi"
        ordering = ["-pada", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alasan="LAINNYA") | ~Q(keterangan=""), name="pengecualian_lainnya_berketerangan"
            )
        ]

    def __str__(self):
        return f"{self.evaluasi_id} dikecualikan: {self.get_alasan_display()}"


class PengaturanKinerja(models.Model):
    """The agency's editable parameters (one row): the capaian cap and the distribution curve.

    DOMAIN.md marks the curve percentages and the time formula above 24% efficiency as unconfirmed, so both
    are settings here. `kurva` empty means the defaults of kinerja.penilaian.predikat.KURVA_BAWAAN; otherwise it maps
    each organisational rating to a list of {"predikat": [...], "persen": n, "minimal": bool}.
    """

    batas_capaian = models.DecimalField(
        "batas capaian (%)",
        max_digits=5,
        decimal_places=2,
        default=120,
        help_text="PP 30/2019: capaian paling tinggi 120%.",
    )
    rumus_efisiensi_tinggi = models.BooleanField(
        "rumus efisiensi di atas 24%",
        default=True,
        help_text="Belum terkonfirmasi: bila aktif, waktu/biaya dengan efisiensi di atas 24% memakai rumus "
        "76 − (nilai − 100) dari Perka BKN 1/2013.",
    )
    rumus_waktu_biaya = models.CharField(
        "rumus capaian aspek waktu/biaya (makin kecil makin baik)",
        max_length=20,
        choices=rumus_capaian.RUMUS_WAKTU_BIAYA,
        default=rumus_capaian.RUMUS_PP46,
        help_text="PP 46/2011 (bawaan) memberi 76% bila realisasi tepat sama dengan target; PermenPANRB 8/2021 "
        "(Lampiran, rumus kondisi khusus) memberi 100%. Keduanya dibatasi batas capaian. Rumus efisiensi di atas "
        "24% hanya berlaku untuk rumus PP 46/2011. Pilihan ini berlaku untuk capaian yang dihitung sesudah "
        "disimpan; capaian yang sudah tersimpan tidak berubah.",
    )
    kurva = models.JSONField(
        "kurva distribusi",
        null=True,
        blank=True,
        help_text="Kosongkan untuk memakai persentase bawaan SE MenPANRB 3/2023 (belum terkonfirmasi).",
    )
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        verbose_name = "pengaturan kinerja"
        verbose_name_plural = "pengaturan kinerja"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="pengaturan_kinerja_satu_baris"),
            models.CheckConstraint(
                condition=Q(batas_capaian__gte=100, batas_capaian__lte=120),
                name="pengaturan_batas_capaian_sah",
                violation_error_message="Batas capaian antara 100%% dan 120%% (PP 30/2019).",
            ),
        ]

    def __str__(self):
        return "Pengaturan kinerja"

    @classmethod
    def aktif(cls) -> "PengaturanKinerja":
        return cls.objects.get_or_create(pk=1)[0]

    def keterangan_efisiensi(self) -> str:
        """How a time or cost indicator is scored under the chosen formula, for the forms and the capaian table."""
        return rumus_capaian.keterangan_efisiensi(self.rumus_waktu_biaya)

    def syarat_kurva(self) -> dict[str, tuple[rumus_predikat.SyaratKurva, ...]]:
        """The curve as kinerja.penilaian.predikat.SyaratKurva tuples, ready for cek_kurva_distribusi()."""
        if not self.kurva:
            return rumus_predikat.KURVA_BAWAAN
        return {
            capaian: tuple(
                rumus_predikat.SyaratKurva(tuple(s["predikat"]), float(s["persen"]), bool(s["minimal"])) for s in syarat
            )
            for capaian, syarat in self.kurva.items()
        }

    def clean(self):
        if not self.kurva:
            return
        pesan = None
        if not isinstance(self.kurva, dict) or set(self.kurva) != set(rumus_predikat.CAPAIAN_ORGANISASI):
            pesan = f"Kurva harus memuat tepat: {', '.join(rumus_predikat.CAPAIAN_ORGANISASI)}."
        else:
            for capaian, daftar in self.kurva.items():
                for s in daftar if isinstance(daftar, list) else [None]:
                    if (
                        not isinstance(s, dict)
                        or not s.get("predikat")
                        or set(s["predikat"]) - set(rumus_predikat.PREDIKAT)
                        or not isinstance(s.get("persen"), int | float)
                        or not 0 <= s["persen"] <= 100
                        or not isinstance(s.get("minimal"), bool)
                    ):
                        pesan = f"Syarat kurva untuk {capaian} tidak sah: {s!r}."
                        break
        if pesan:
            raise ValidationError({"kurva": pesan})
