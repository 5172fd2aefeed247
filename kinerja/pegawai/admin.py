"""Admin for the roster. Imports go through the staff import page (kinerja.pegawai.services), exports through
our resource."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from audit.admin import AuditAdminMixin
from core.errors import Refusal

from . import services_sandi
from .models import AliasKolomRoster, ImporRoster, Pegawai, PejabatLuar, PenugasanPengelola, UnitKerja
from .permissions import can_import_roster
from .resources import PegawaiResource


@admin.register(UnitKerja)
class UnitKerjaAdmin(AuditAdminMixin, admin.ModelAdmin):
    list_display = ["kode", "nama", "induk", "kepala", "sumber_evaluasi"]
    search_fields = ["kode", "nama"]
    list_select_related = ["induk", "kepala"]
    autocomplete_fields = ["induk", "kepala"]
    list_filter = ["sumber_evaluasi", ("induk", admin.RelatedOnlyFieldListFilter)]


@admin.register(Pegawai)
class PegawaiAdmin(AuditAdminMixin, ImportExportModelAdmin):
    resource_classes = [PegawaiResource]
    # Only the formats the roster import reads back; HTML, JSON or ODS exports would bypass its escaping rules.
    export_formats = [CSV, XLSX]
    list_display = [
        "nip",
        "nama_lengkap",
        "jenis_kelamin",
        "status_kepegawaian",
        "golongan",
        "kelas_jabatan",
        "unit_kerja",
        "aktif",
    ]
    list_filter = ["aktif", "status_kepegawaian", "jenis_kelamin", "jenis_jabatan", "golongan", "kelas_jabatan"]
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


@admin.register(AliasKolomRoster)
class AliasKolomRosterAdmin(AuditAdminMixin, admin.ModelAdmin):
    """Other headings the roster import accepts (SIASN's, an office's own); the import page lists how it read each."""

    list_display = ["alias", "kolom", "sumber"]
    list_filter = ["kolom"]
    search_fields = ["alias", "sumber"]


@admin.register(PejabatLuar)
class PejabatLuarAdmin(AuditAdminMixin, admin.ModelAdmin):
    """Appraisers outside the roster (the Gubernur, officials of other agencies). HR name them as an ASN's appraiser
    on the ASN's page; an account lets them rate in the app, or HR record their signed rating."""

    list_display = ["nama", "jabatan", "instansi", "nip", "user", "aktif"]
    list_filter = ["aktif"]
    search_fields = ["nama", "nip", "jabatan", "instansi"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    actions = ["buat_akun_login"]

    @admin.action(description="Buat akun login dan tautan kata sandi (sekali pakai)", permissions=["change"])
    def buat_akun_login(self, request, queryset):
        tautan = []
        for pejabat in queryset.order_by("nama"):
            try:
                user = services_sandi.buat_akun_pejabat_luar(request.user, pejabat)
                tautan.append((user, services_sandi.buat_tautan_atur_ulang_sandi(request.user, user)))
            except Refusal as exc:
                self.message_user(request, exc.message, messages.ERROR)
        return _halaman_tautan(self, request, tautan)


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


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class PenggunaAdmin(UserAdmin):
    """Django's user admin, plus a one-time reset link for an ASN who has no email to receive one."""

    actions = ["buat_tautan_atur_ulang_sandi"]

    @admin.action(description="Buat tautan atur ulang kata sandi (sekali pakai)", permissions=["change"])
    def buat_tautan_atur_ulang_sandi(self, request, queryset):
        tautan = []
        for user in queryset.select_related("pegawai").order_by("username"):
            try:
                tautan.append((user, services_sandi.buat_tautan_atur_ulang_sandi(request.user, user)))
            except Refusal as exc:
                self.message_user(request, exc.message, messages.ERROR)
        return _halaman_tautan(self, request, tautan)


def _halaman_tautan(model_admin, request, tautan):
    """The one-time reset links an admin action made, as (user, link) pairs; back to the list when there are none."""
    if not tautan:
        return None  # back to the list, which shows why
    konteks = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Tautan atur ulang kata sandi",
        "tautan": tautan,
        "jam_berlaku": services_sandi.jam_berlaku(),
    }
    # Shown this once, in the answer to the action's POST: neither stored nor kept by a browser or proxy cache.
    response = TemplateResponse(request, "admin/auth/user/tautan_atur_ulang_sandi.html", konteks)
    add_never_cache_headers(response)
    return response
