"""The audit log in the Django admin: view-only for everyone, superusers included. AuditAdminMixin logs the
edits other admin pages make."""

from django.contrib import admin
from django.db import transaction

from .models import LogAudit
from .services import catat, nilai_field, selisih


class AuditAdminMixin:
    """ModelAdmin mixin: each add, change and delete through the admin gets an entry with old → new."""

    def _field_audit(self, obj):
        # Timestamps the model sets itself change on every save and say nothing about the edit.
        return [
            f.name
            for f in obj._meta.concrete_fields
            if not f.primary_key and not getattr(f, "auto_now", False) and not getattr(f, "auto_now_add", False)
        ]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            lama = None
            if change:
                lama = nilai_field(type(obj)._base_manager.get(pk=obj.pk), self._field_audit(obj))
            super().save_model(request, obj, form, change)
            perubahan = selisih(lama, nilai_field(obj, self._field_audit(obj)))
            if perubahan or not change:
                catat(request.user, "data_diubah" if change else "data_dibuat", obj, perubahan)

    def delete_model(self, request, obj):
        with transaction.atomic():
            catat(request.user, "data_dihapus", obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


@admin.register(LogAudit)
class LogAuditAdmin(admin.ModelAdmin):
    list_display = ["pada", "oleh_nama", "aksi", "objek", "objek_id", "label"]
    list_filter = ["aksi", "objek"]
    search_fields = ["label", "oleh_nama"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
