"""Trigram indexes for the ASN search on PostgreSQL (kinerja.pegawai.selectors.cari_pegawai).

The search matches any part of a name (`UPPER(nama) LIKE UPPER('%q%')`) or of a NIP (`nip LIKE '%q%'`): a btree
cannot serve a pattern with a leading wildcard, so at 30,000 ASN every search, and its page count, read the whole
roster. pg_trgm's GIN indexes serve both patterns. PostgreSQL only: SQLite (the development database) has no
such index, and its rosters are small; CreateExtension itself does nothing on other databases.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEKS = {
    "pegawai_nama_trgm_idx": "UPPER(nama) gin_trgm_ops",
    "pegawai_nip_trgm_idx": "nip gin_trgm_ops",
}


def buat(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for nama, kolom in INDEKS.items():
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{nama}" ON "kinerja_pegawai" USING gin ({kolom})')


def hapus(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for nama in INDEKS:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{nama}"')


class Migration(migrations.Migration):
    dependencies = [("kinerja", "0006_skp_menunggu_idx")]

    operations = [TrigramExtension(), migrations.RunPython(buat, hapus)]
