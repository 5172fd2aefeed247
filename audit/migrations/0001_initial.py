
import django.core.serializers.json
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

# The rules app's object names, as app_label.model.
OBJEK_LAMA = {
    "aturan": "evaluasi.aturan",
    "konsekuensi": "evaluasi.konsekuensi",
    "periode": "kinerja.periode",
    "rekap_kehadiran": "evaluasi.rekapkehadiran",
    "impor_fakta": "evaluasi.imporfakta",
    "catatan_disiplin": "evaluasi.catatandisiplin",
    "pengaturan_tpp": "evaluasi.pengaturantpp",
}
# The old free text was a summary for these, the object's name for the rest.
AKSI_RINGKASAN = {"aturan_diterapkan", "impor_dikonfirmasi", "pengaturan_tpp_diubah"}


def pindahkan_log_lama(apps, schema_editor):
    Lama = apps.get_model("evaluasi", "LogAudit")
    Baru = apps.get_model("audit", "LogAudit")
    entri = []
    for e in Lama.objects.select_related("oleh").order_by("id").iterator(chunk_size=2000):
        data = e.data or {}
        perubahan, ringkasan = {}, data
        if "sesudah" in data:
            sebelum, sesudah = data.get("sebelum") or {}, data.get("sesudah") or {}
            perubahan = {k: [sebelum.get(k), v] for k, v in sesudah.items() if sebelum.get(k) != v}
            ringkasan = {}
        uraian = e.uraian if e.aksi in AKSI_RINGKASAN else ringkasan.pop("alasan", "")
        entri.append(
            Baru(
                pada=e.pada,
                oleh=e.oleh,
                oleh_nama=e.oleh.username if e.oleh else "",
                aksi=e.aksi,
                objek=OBJEK_LAMA.get(e.objek, e.objek),
                objek_id=e.objek_id,
                label="" if e.aksi in AKSI_RINGKASAN else e.uraian[:300],
                perubahan=perubahan,
                ringkasan=ringkasan,
                uraian=uraian,
            )
        )
    Baru.objects.bulk_create(entri, batch_size=2000)


class RunSQLPostgres(migrations.RunSQL):
    """RunSQL on PostgreSQL only: SQLite (development, fast tests) relies on the model's own refusals."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


# Deleting a user account sets its entries' actor to NULL (on_delete=SET_NULL; the username snapshot stays):
# that one change is let through, any other UPDATE and every DELETE is refused.
TRIGGER = """
CREATE FUNCTION audit_logaudit_hanya_tambah() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.oleh_id IS NOT NULL AND NEW.oleh_id IS NULL
       AND (to_jsonb(NEW) - 'oleh_id') = (to_jsonb(OLD) - 'oleh_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Log audit hanya dapat ditambah: % ditolak.', TG_OP;
END;
$$;
CREATE TRIGGER audit_logaudit_hanya_tambah BEFORE UPDATE OR DELETE ON audit_logaudit
    FOR EACH ROW EXECUTE FUNCTION audit_logaudit_hanya_tambah();
"""
TRIGGER_BALIK = """
DROP TRIGGER IF EXISTS audit_logaudit_hanya_tambah ON audit_logaudit;
DROP FUNCTION IF EXISTS audit_logaudit_hanya_tambah();
"""


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # The rules app kept its own log until now; its entries move here (evaluasi 0003 then drops it).
        ("evaluasi", "0002_aturan_bawaan"),
    ]

    operations = [
        migrations.CreateModel(
            name='LogAudit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('pada', models.DateTimeField(default=django.utils.timezone.now, verbose_name='waktu')),
                ('oleh_nama', models.CharField(blank=True, help_text='Kosong: sistem.', max_length=150, verbose_name='nama pengguna')),
                ('aksi', models.CharField(max_length=40, verbose_name='aksi')),
                ('objek', models.CharField(help_text='app_label.model, mis. kinerja.skp', max_length=100, verbose_name='jenis objek')),
                ('objek_id', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='id objek')),
                ('label', models.CharField(blank=True, max_length=300, verbose_name='objek')),
                ('perubahan', models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder, verbose_name='perubahan')),
                ('ringkasan', models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder, verbose_name='ringkasan')),
                ('uraian', models.TextField(blank=True, verbose_name='keterangan')),
                ('oleh', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='oleh')),
            ],
            options={
                'verbose_name': 'log audit',
                'verbose_name_plural': 'log audit',
                'ordering': ['-pada', '-id'],
                'indexes': [models.Index(fields=['-pada', '-id'], name='audit_pada'), models.Index(fields=['objek', 'objek_id'], name='audit_objek'), models.Index(fields=['aksi', '-pada'], name='audit_aksi_pada'), models.Index(fields=['oleh', '-pada'], name='audit_oleh_pada')],
            },
        ),
        migrations.RunPython(pindahkan_log_lama, migrations.RunPython.noop),
        RunSQLPostgres(TRIGGER, TRIGGER_BALIK),
    ]
