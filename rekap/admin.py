"""Administrators see here whether each period's roll-ups are current, behind, or failing (and why)."""

from django.contrib import admin

from .models import StatusRekap


@admin.register(StatusRekap)
class StatusRekapAdmin(admin.ModelAdmin):
    list_display = ("periode", "keadaan", "dihitung_pada", "diminta_pada", "gagal_pada")
    list_select_related = ("periode",)
    readonly_fields = ("periode", "keadaan", "dihitung_pada", "diminta_pada", "gagal_pada", "galat")
    fields = readonly_fields

    @admin.display(description="keadaan")
    def keadaan(self, obj: StatusRekap) -> str:
        if obj.gagal:
            return "Gagal: angka dasbor belum diperbarui"
        if obj.tertinggal:
            return "Menunggu hitung ulang"
        return "Terkini"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
