from django.contrib import admin

from .models import HariLibur, JamLayanan, JenisLayanan, Permohonan, RiwayatPermohonan, SurveiKepuasan


@admin.register(JenisLayanan)
class JenisLayananAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "unit_kerja", "sla_teks", "biaya", "aktif"]
    list_filter = ["aktif", "sla_satuan", "unit_kerja"]
    search_fields = ["kode", "nama"]


@admin.register(JamLayanan)
class JamLayananAdmin(admin.ModelAdmin):
    list_display = ["__str__", "hari", "buka", "tutup"]
    list_editable = ["hari", "buka", "tutup"]
    list_display_links = ["__str__"]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "subtitle": "Jam pelayanan belum dikonfirmasi untuk Gorontalo: sesuaikan. "
            "Tanpa baris apa pun dipakai Senin–Kamis 08.00–16.00, Jumat 08.00–11.30 dan 13.30–16.00.",
        }
        return super().changelist_view(request, extra_context)


@admin.register(HariLibur)
class HariLiburAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "nama"]
    date_hierarchy = "tanggal"
    search_fields = ["nama"]


class RiwayatInline(admin.TabularInline):
    model = RiwayatPermohonan
    fields = ["pada", "dari_status", "ke_status", "oleh", "catatan"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class _HanyaBaca:
    """Requests and surveys change only through the services (state rules, history): the admin only reads."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Permohonan)
class PermohonanAdmin(_HanyaBaca, admin.ModelAdmin):
    list_display = [
        "nomor_tiket",
        "jenis_layanan",
        "nama_pemohon",
        "kanal",
        "petugas",
        "status",
        "diterima_pada",
        "batas_waktu",
    ]
    list_filter = ["status", "kanal", "jenis_layanan"]
    search_fields = ["nomor_tiket", "nama_pemohon"]
    date_hierarchy = "diterima_pada"
    list_select_related = ["jenis_layanan", "petugas"]
    inlines = [RiwayatInline]


@admin.register(SurveiKepuasan)
class SurveiKepuasanAdmin(_HanyaBaca, admin.ModelAdmin):
    list_display = ["permohonan", "jenis_layanan", "diisi_pada", *SurveiKepuasan.FIELD_UNSUR]
    list_filter = ["jenis_layanan"]
    date_hierarchy = "diisi_pada"
    list_select_related = ["permohonan", "jenis_layanan"]
