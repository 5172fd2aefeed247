"""Admin for the roster. Imports go through the staff import page (kinerja.pegawai.services), exports through
our resource."""

from django.contrib import admin
from django.shortcuts import redirect
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from audit.admin import AuditAdminMixin

from .models import ImporRoster, Pegawai, PenugasanPengelola, UnitKerja
from .permissions import can_import_roster
from .resources import PegawaiResource


@admin.register(UnitKerja)
class UnitKerjaAdmin(AuditAdminMixin, admin.ModelAdmin):
    list_display = ["kode", "nama", "induk", "kepala"]
    search_fields = ["kode", "nama"]
    list_select_related = ["induk", "kepala"]
    autocomplete_fields = ["induk", "kepala"]
    list_filter = [("induk", admin.RelatedOnlyFieldListFilter)]


@admin.register(Pegawai)
class PegawaiAdmin(AuditAdminMixin, ImportExportModelAdmin):
    resource_classes = [PegawaiResource]
    # Only the formats the roster import reads back; HTML, JSON or ODS exports would bypass its escaping rules.
    export_formats = [CSV, XLSX]
    list_display = ["nip", "nama_lengkap", "jenis_kelamin", "status_kepegawaian", "golongan", "unit_kerja", "aktif"]
    list_filter = ["aktif", "status_kepegawaian", "jenis_kelamin", "jenis_jabatan", "golongan"]
    search_fields = ["nip", "nama", "jabatan", "unit_kerja__kode", "unit_kerja__nama"]
    list_select_related = ["unit_kerja"]
    autocomplete_fields = ["unit_kerja", "atasan", "user"]
    readonly_fields = ["diperbarui"]
    show_full_result_count = False  # counting 50,000 rows on every search page is needless work

    @admin.display(description="nama", ordering="nama")
    def nama_lengkap(self, obj):
        return obj.nama_lengkap

    def has_import_permission(self, request):
        return can_import_roster(request.user)

    def import_action(self, request, **kwargs):
        # One import code path: the staff page previews, validates every row and writes in one transaction.
        return redirect("impor_roster")

    def process_import(self, request, **kwargs):
        return redirect("impor_roster")


@admin.register(PenugasanPengelola)
class PenugasanPengelolaAdmin(admin.ModelAdmin):
    list_display = ["user", "unit_kerja"]
    search_fields = ["user__username", "unit_kerja__kode", "unit_kerja__nama"]
    list_select_related = ["user", "unit_kerja"]
    autocomplete_fields = ["user", "unit_kerja"]


@admin.register(ImporRoster)
class ImporRosterAdmin(admin.ModelAdmin):
    list_display = ["dibuat", "nama_berkas", "dibuat_oleh", "status", "jumlah_baris", "progres"]
    list_filter = ["status"]
    search_fields = ["nama_berkas"]
    list_select_related = ["dibuat_oleh"]
    readonly_fields = [f.name for f in ImporRoster._meta.fields]

    def has_add_permission(self, request):
        return False
