"""The TPP base moves from jenis jabatan to kelas jabatan per year (Permendagri 77/2020: the base follows the
kelas jabatan set by the Pergub). Existing amounts are carried over where they say one thing: for the current
year, a kelas gets the amount every active ASN of that kelas had through their jenis jabatan; a kelas whose ASN
had different amounts (or none) is left for the administrator, and the list says "besaran belum ditetapkan"."""

import django.core.validators
from django.db import migrations, models
from django.utils import timezone


def ke_kelas(apps, schema_editor):
    BesaranTPP = apps.get_model("evaluasi", "BesaranTPP")
    Pegawai = apps.get_model("kinerja", "Pegawai")
    lama = dict(BesaranTPP.objects.values_list("jenis_jabatan", "besaran"))
    per_kelas = {}
    for kelas, jenis in Pegawai.objects.filter(aktif=True, kelas_jabatan__isnull=False).values_list(
        "kelas_jabatan", "jenis_jabatan"
    ):
        per_kelas.setdefault(kelas, set()).add(lama.get(jenis))
    BesaranTPP.objects.all().delete()
    tahun = timezone.localdate().year
    BesaranTPP.objects.bulk_create(
        BesaranTPP(tahun=tahun, kelas_jabatan=kelas, besaran=besaran.pop())
        for kelas, besaran in sorted(per_kelas.items())
        if len(besaran) == 1 and None not in besaran
    )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluasi", "0006_aturan_bawaan_sesuai_sumber"),
        ("kinerja", "0022_roster_alias_kelas_angka_kredit"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="besarantpp",
            options={
                "ordering": ["-tahun", "-kelas_jabatan"],
                "verbose_name": "besaran TPP per kelas jabatan",
                "verbose_name_plural": "besaran TPP per kelas jabatan",
            },
        ),
        migrations.AddField(
            model_name="besarantpp", name="kelas_jabatan", field=models.PositiveSmallIntegerField(null=True)
        ),
        migrations.AddField(model_name="besarantpp", name="tahun", field=models.PositiveSmallIntegerField(null=True)),
        migrations.AlterField(
            model_name="besarantpp", name="jenis_jabatan", field=models.CharField(max_length=20, null=True)
        ),
        migrations.RunPython(ke_kelas, migrations.RunPython.noop),
        migrations.RemoveField(model_name="besarantpp", name="jenis_jabatan"),
        migrations.AlterField(
            model_name="besarantpp",
            name="kelas_jabatan",
            field=models.PositiveSmallIntegerField(
                validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(17)],
                verbose_name="kelas jabatan",
            ),
        ),
        migrations.AlterField(
            model_name="besarantpp",
            name="tahun",
            field=models.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(2000),
                    django.core.validators.MaxValueValidator(2100),
                ],
                verbose_name="tahun",
            ),
        ),
        migrations.AddConstraint(
            model_name="besarantpp",
            constraint=models.UniqueConstraint(
                fields=("tahun", "kelas_jabatan"),
                name="besaran_tpp_unik_per_tahun_kelas",
                violation_error_message="Besaran untuk kelas jabatan ini pada tahun ini sudah ada.",
            ),
        ),
        migrations.AddConstraint(
            model_name="besarantpp",
            constraint=models.CheckConstraint(
                condition=models.Q(("kelas_jabatan__gte", 1), ("kelas_jabatan__lte", 17)),
                name="besaran_tpp_kelas_1_17",
            ),
        ),
    ]
