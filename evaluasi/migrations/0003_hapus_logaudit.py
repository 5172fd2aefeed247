from django.db import migrations


class Migration(migrations.Migration):
    # The entries were copied into the project-wide audit log by audit 0001 first.
    dependencies = [
        ("evaluasi", "0002_aturan_bawaan"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="LogAudit"),
    ]
