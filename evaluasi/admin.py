"""Admin of the rules app. Rule changes and decisions go through evaluasi.services (versions, audit)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from audit.admin import AuditAdminMixin
from audit.services import catat
from core.errors import Refusal

from . import services
from .models import (
    Aturan,
    BarisDaftarTPP,
    BesaranTPP,
    CatatanDisiplin,
    DaftarTPP,
    ImporFakta,
    Konsekuensi,
    PengaturanTPP,
    PenugasanPlt,
    RekapKehadiran,
    RekapPelatihan,
)


class FilterGrupEksklusif(admin.SimpleListFilter):
    """The rules' exclusive groups, with the rules in none named: Django's own filter lists the empty group as a
    link without text."""

    title = "grup eksklusif"
    parameter_name = "grup_eksklusif"
    TANPA_GRUP = "-"

    def lookups(self, request, model_admin):
        grup = Aturan.objects.exclude(grup_eksklusif="").order_by("grup_eksklusif").values_list("grup_eksklusif")
        return [(self.TANPA_GRUP, "Tanpa grup"), *((g, g) for (g,) in grup.distinct())]

    def queryset(self, request, queryset):
        if self.value() == self.TANPA_GRUP:
            return queryset.filter(grup_eksklusif="")
        if self.value():
            return queryset.filter(grup_eksklusif=self.value())
        return queryset


@admin.register(Aturan)
class AturanAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "kode_konsekuensi", "grup_eksklusif", "prioritas", "aktif", "versi"]
    list_filter = ["jenis", "aktif", FilterGrupEksklusif]
    search_fields = ["nama", "dasar_hukum"]
    readonly_fields = ["versi", "dibuat", "diubah", "diubah_oleh"]

    def save_model(self, request, obj, form, change):
        # Through the service, so a change is a new version and lands in the audit log.
        services.simpan_aturan(request.user, obj)


@admin.register(Konsekuensi)
class KonsekuensiAdmin(admin.ModelAdmin):
    list_display = ["pegawai", "periode", "kode", "status", "aturan_versi", "dibuat"]
    list_filter = ["status", "kode", "periode"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    list_select_related = ["pegawai", "periode"]
    actions = ["setujui"]

    def has_add_permission(self, request):
        return False  # outcomes come from the rules only

    def has_change_permission(self, request, obj=None):
        return False  # decisions go through the pages or the action below, with a reason

    def has_delete_permission(self, request, obj=None):
        return False  # never deleted: superseded instead

    @admin.action(description="Setujui usulan terpilih (alasan: disetujui melalui admin)")
    def setujui(self, request, queryset):
        for k in queryset.filter(status=Konsekuensi.Status.USULAN):
            try:
                services.putuskan_konsekuensi(request.user, k.pk, setujui=True, alasan="Disetujui melalui admin.")
            except (Refusal, ValidationError) as exc:
                self.message_user(request, f"{k}: {exc}", messages.ERROR)


@admin.register(RekapKehadiran)
class RekapKehadiranAdmin(AuditAdminMixin, admin.ModelAdmin):
    list_display = ["pegawai", "tahun", "bulan", "hari_kerja", "hadir", "tanpa_keterangan", "menit_terlambat", "sumber"]
    list_filter = ["tahun", "bulan", "sumber"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    autocomplete_fields = ["pegawai"]
    list_select_related = ["pegawai"]


@admin.register(RekapPelatihan)
class RekapPelatihanAdmin(AuditAdminMixin, admin.ModelAdmin):
    list_display = ["pegawai", "tahun", "jp"]
    list_filter = ["tahun"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    autocomplete_fields = ["pegawai"]


@admin.register(CatatanDisiplin)
class CatatanDisiplinAdmin(admin.ModelAdmin):
    list_display = ["pegawai", "tingkat", "hukuman", "nomor_sk", "tanggal_sk"]
    list_filter = ["tingkat", "hukuman"]
    search_fields = ["pegawai__nama", "pegawai__nip", "nomor_sk"]
    autocomplete_fields = ["pegawai"]
    readonly_fields = ["dicatat_oleh", "dicatat"]

    def save_model(self, request, obj, form, change):
        obj.dicatat_oleh = obj.dicatat_oleh or request.user
        super().save_model(request, obj, form, change)
        catat(request.user, "disiplin_dicatat", obj)


@admin.register(BesaranTPP)
class BesaranTPPAdmin(AuditAdminMixin, admin.ModelAdmin):
    list_display = ["tahun", "kelas_jabatan", "besaran"]
    list_filter = ["tahun"]
    list_editable = ["besaran"]


class BarisDaftarTPPInline(admin.TabularInline):
    model = BarisDaftarTPP
    fields = ["nip", "nama", "kelas_jabatan", "predikat", "besaran", "bruto", "pph", "bpjs", "diterima", "keterangan"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DaftarTPP)
class DaftarTPPAdmin(admin.ModelAdmin):
    """Locked lists are read here, never changed: a recalculation is a new version made on the TPP page."""

    list_display = ["__str__", "tahun", "bulan", "versi", "jumlah_pegawai", "jumlah_diterima", "dikunci_oleh"]
    list_filter = ["tahun", "bulan"]
    search_fields = ["unit__nama", "unit__kode"]
    inlines = [BarisDaftarTPPInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PenugasanPlt)
class PenugasanPltAdmin(AuditAdminMixin, admin.ModelAdmin):
    list_display = ["pegawai", "jenis", "jabatan", "kelas_jabatan", "mulai", "sampai", "nomor_sk"]
    list_filter = ["jenis"]
    search_fields = ["pegawai__nama", "pegawai__nip", "jabatan", "nomor_sk"]
    autocomplete_fields = ["pegawai"]


@admin.register(PengaturanTPP)
class PengaturanTPPAdmin(admin.ModelAdmin):
    list_display = ["__str__", "persen_beban_kerja", "persen_kinerja", "persen_disiplin", "diperbarui"]
    fieldsets = [
        ("Komponen", {"fields": ["persen_beban_kerja", "persen_kinerja", "persen_disiplin"]}),
        (
            "Kinerja dibayar menurut predikat",
            {
                "fields": [
                    f"kinerja_{p}" for p in ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
                ]
                + ["kinerja_tanpa_predikat"]
            },
        ),
        (
            "Potongan disiplin",
            {
                "fields": ["potong_tanpa_keterangan"]
                + [f"potong_terlambat_{r}" for r in ("1_30", "31_60", "61_90", "lebih_90")]
                + [f"potong_pulang_cepat_{r}" for r in ("1_30", "31_60", "61_90", "lebih_90")]
                + ["potong_tidak_apel"]
            },
        ),
        ("Plt/Plh", {"fields": ["persen_plt"]}),
        (
            "Potongan pajak dan iuran",
            {
                "fields": ["pph_golongan_i", "pph_golongan_ii", "pph_golongan_iii", "pph_golongan_iv", "pph_pppk"]
                + ["persen_bpjs"]
            },
        ),
    ]

    def has_add_permission(self, request):
        return not PengaturanTPP.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        catat(request.user, "pengaturan_tpp_diubah", obj, uraian=str(form.cleaned_data))


@admin.register(ImporFakta)
class ImporFaktaAdmin(admin.ModelAdmin):
    list_display = ["nama_berkas", "jenis", "status", "jumlah_baris", "dibuat_oleh", "dibuat"]
    list_filter = ["jenis", "status"]
    readonly_fields = [f.name for f in ImporFakta._meta.fields]

    def has_add_permission(self, request):
        return False
