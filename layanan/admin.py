from django.contrib import admin

from .kalender import (
    JAM_KERJA_BAKU,
    JAM_KERJA_RAMADAN_BAKU,
    MENIT_KERJA_SEMINGGU,
    MENIT_KERJA_SEMINGGU_RAMADAN,
    menit_seminggu,
)
from .models import (
    BELUM_TERKONFIRMASI_JAM,
    HariLibur,
    JamLayanan,
    JenisLayanan,
    MasaRamadan,
    Permohonan,
    RiwayatPermohonan,
    SurveiKepuasan,
)


@admin.register(JenisLayanan)
class JenisLayananAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "unit_kerja", "sla_teks", "biaya", "aktif"]
    list_filter = ["aktif", "sla_satuan", "unit_kerja"]
    search_fields = ["kode", "nama"]


def _jam(menit: int) -> str:
    return f"{menit // 60} jam {menit % 60} menit" if menit % 60 else f"{menit // 60} jam"


def ringkasan_jam_layanan() -> str:
    """The weekly service hours as configured (or the defaults), beside Perpres 21/2023's totals."""
    jam = {j: {} for j in JamLayanan.Jadwal.values}
    for jadwal, hari, buka, tutup in JamLayanan.objects.values_list("jadwal", "hari", "buka", "tutup"):
        jam[jadwal].setdefault(hari, []).append((buka, tutup))
    biasa = menit_seminggu(jam[JamLayanan.Jadwal.BIASA] or JAM_KERJA_BAKU)
    ramadan = menit_seminggu(jam[JamLayanan.Jadwal.RAMADAN] or JAM_KERJA_RAMADAN_BAKU)
    return (
        f"{BELUM_TERKONFIRMASI_JAM} Tanpa baris suatu jadwal dipakai bawaannya. Saat ini: hari biasa {_jam(biasa)} "
        f"seminggu (Perpres: {_jam(MENIT_KERJA_SEMINGGU)}), Ramadan {_jam(ramadan)} seminggu (Perpres: "
        f"{_jam(MENIT_KERJA_SEMINGGU_RAMADAN)})."
    )


@admin.register(JamLayanan)
class JamLayananAdmin(admin.ModelAdmin):
    list_display = ["__str__", "jadwal", "hari", "buka", "tutup"]
    list_editable = ["jadwal", "hari", "buka", "tutup"]
    list_display_links = ["__str__"]
    list_filter = ["jadwal"]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "subtitle": ringkasan_jam_layanan()}
        return super().changelist_view(request, extra_context)


@admin.register(MasaRamadan)
class MasaRamadanAdmin(admin.ModelAdmin):
    list_display = ["nama", "mulai", "selesai"]
    date_hierarchy = "mulai"


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
