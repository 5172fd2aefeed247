"""Admin for evaluation records, kept apart from kinerja/pegawai/admin.py (the roster's) to merge cleanly.

Everything that changes an evaluation goes through the services and their pages, so the admin here is for
looking things up: evaluations and their parts are read-only, and a final one cannot be deleted either (the
models refuse it too). Periods, the organisational performance and the settings stay editable.
"""

from django.contrib import admin
from django.db import models

from audit.admin import AuditAdminMixin
from kinerja.notifikasi.models import Notifikasi

from .models import EvaluasiKinerja, Periode, RealisasiIndikator, RiwayatEvaluasi
from .models_angka_kredit import KebutuhanAngkaKredit, KoefisienAngkaKredit, KonversiPredikatAngkaKredit
from .models_ekinerja import HasilEkinerja, ImporEkinerja
from .models_rencana_aksi import RencanaAksi
from .models_skp import SKP
from .models_unit import KinerjaOrganisasi, PengaturanKinerja, PengecualianKurva


class HanyaBaca:
    """Admin mixin: view-only; records are written by the services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RealisasiInline(HanyaBaca, admin.TabularInline):
    model = RealisasiIndikator
    fields = ("indikator", "realisasi", "capaian", "bukti_tautan", "diisi_sebagai", "diisi_oleh", "diisi_pada")
    extra = 0
    # As the realisation form: a link typed without a scheme is https (Django 6.0's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class RencanaAksiInline(HanyaBaca, admin.TabularInline):
    model = RencanaAksi
    fields = ("rhk", "rencana", "diisi_sebagai", "diisi_oleh", "diisi_pada")
    extra = 0


class RiwayatInline(HanyaBaca, admin.TabularInline):
    model = RiwayatEvaluasi
    fields = ("pada", "oleh", "aksi", "dari_status", "ke_status", "field", "nilai_lama", "nilai_baru", "alasan")
    extra = 0


@admin.register(EvaluasiKinerja)
class EvaluasiKinerjaAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ("pegawai", "periode", "status", "predikat", "sumber", "atasan", "versi")
    list_filter = ("periode", "status", "predikat", "sumber")
    search_fields = ("pegawai__nama", "pegawai__nip")
    list_select_related = ("pegawai", "periode", "atasan")
    raw_id_fields = ("pegawai", "atasan", "skp")
    inlines = [RencanaAksiInline, RealisasiInline, RiwayatInline]


@admin.register(SKP)
class SKPAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ("pegawai", "tahun", "status", "disetujui_pada")
    list_filter = ("tahun", "status")
    search_fields = ("pegawai__nama", "pegawai__nip")
    list_select_related = ("pegawai",)


@admin.register(Periode)
class PeriodeAdmin(AuditAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "mulai", "selesai", "status")
    list_filter = ("tahun", "jenis", "status")
    readonly_fields = ("dibuat_oleh", "dibuat", "ditutup_oleh", "ditutup_pada")


@admin.register(KinerjaOrganisasi)
class KinerjaOrganisasiAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ("unit_kerja", "periode", "capaian", "ditetapkan_oleh", "ditetapkan_pada")
    list_filter = ("periode", "capaian")


@admin.register(PengecualianKurva)
class PengecualianKurvaAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ("unit_kerja", "periode", "oleh", "pada", "jumlah_difinalkan")
    list_filter = ("periode",)


@admin.register(Notifikasi)
class NotifikasiAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ("penerima", "judul", "dibuat", "dibaca_pada")
    search_fields = ("judul", "penerima__username")


@admin.register(PengaturanKinerja)
class PengaturanKinerjaAdmin(admin.ModelAdmin):
    list_display = ("__str__", "batas_capaian", "rumus_waktu_biaya", "rumus_efisiensi_tinggi", "diperbarui")

    def has_add_permission(self, request):
        return not PengaturanKinerja.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImporEkinerja)
class ImporEkinerjaAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ("dibuat", "nama_berkas", "dibuat_oleh", "status", "jumlah_baris")
    list_filter = ("status",)
    search_fields = ("nama_berkas",)
    list_select_related = ("dibuat_oleh",)


@admin.register(HasilEkinerja)
class HasilEkinerjaAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ("pegawai", "periode", "predikat", "dipakai", "catatan_matriks", "diimpor_oleh", "diimpor_pada")
    list_filter = ("periode", "predikat", "dipakai")
    search_fields = ("pegawai__nama", "pegawai__nip")
    list_select_related = ("pegawai", "periode", "diimpor_oleh")
    raw_id_fields = ("pegawai", "impor")


# The angka kredit tables: seeded with PermenPANRB 1/2023's figures (kinerja.penilaian.angka_kredit), editable when a
# regulation changes; every change is in the audit log.
@admin.register(KonversiPredikatAngkaKredit)
class KonversiPredikatAngkaKreditAdmin(AuditAdminMixin, admin.ModelAdmin):
    list_display = ["predikat", "persen", "sumber"]


@admin.register(KoefisienAngkaKredit)
class KoefisienAngkaKreditAdmin(AuditAdminMixin, admin.ModelAdmin):
    list_display = ["jenjang", "koefisien", "sumber"]


@admin.register(KebutuhanAngkaKredit)
class KebutuhanAngkaKreditAdmin(AuditAdminMixin, admin.ModelAdmin):
    list_display = ["jenjang", "golongan", "angka_kredit", "kenaikan", "sumber"]
    list_filter = ["jenjang", "kenaikan"]
