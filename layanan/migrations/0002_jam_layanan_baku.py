"""Default office hours (unconfirmed for Gorontalo: edit them in the admin under Jam layanan).

Monday–Thursday 08:00–16:00; Friday 08:00–11:30 and 13:30–16:00, leaving the Friday prayers out of SLA time.
"""

import datetime

from django.db import migrations

t = datetime.time
JAM_BAKU = [*((hari, t(8), t(16)) for hari in range(4)), (4, t(8), t(11, 30)), (4, t(13, 30), t(16))]


def isi(apps, schema_editor):
    JamLayanan = apps.get_model("layanan", "JamLayanan")
    if not JamLayanan.objects.exists():
        JamLayanan.objects.bulk_create(JamLayanan(hari=h, buka=b, tutup=e) for h, b, e in JAM_BAKU)


class Migration(migrations.Migration):
    dependencies = [("layanan", "0001_awal")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
