"""Seed the roster column aliases (SIASN's export headings and common office spellings) and the angka kredit
tables of PermenPANRB 1/2023 (kinerja.penilaian.angka_kredit holds the same defaults; a test checks they agree)."""

import re
from decimal import Decimal

from django.db import migrations

SIASN = "ekspor SIASN (judul dari isu 18 dan kolom data utama SIASN, kanekescom/siasn-simpeg)"
DUGAAN = "dugaan: ejaan umum berkas kantor, belum dipastikan"
ALIAS = [
    ("NIP BARU", "nip", SIASN),
    ("GELAR BLKG", "gelar_belakang", SIASN),
    ("TGL LHR", "tanggal_lahir", SIASN),
    ("JENIS PEGAWAI NAMA", "status_kepegawaian", SIASN),
    ("GOL AKHIR NAMA", "golongan", SIASN),
    ("GOLONGAN AKHIR NAMA", "golongan", SIASN),
    ("JABATAN NAMA", "jabatan", SIASN),
    ("UNOR NAMA", "nama_unit", SIASN),
    ("NOMOR HP", "no_hp", SIASN),
    ("KELAS", "kelas_jabatan", "isu 18"),
    ("NAMA PEGAWAI", "nama", DUGAAN),
    ("TGL LAHIR", "tanggal_lahir", DUGAAN),
    ("JK", "jenis_kelamin", DUGAAN),
    ("L/P", "jenis_kelamin", DUGAAN),
    ("STATUS PEGAWAI", "status_kepegawaian", DUGAAN),
    ("STATUS ASN", "status_kepegawaian", DUGAAN),
    ("GOL/RUANG", "golongan", DUGAAN),
    ("PANGKAT/GOLONGAN", "golongan", DUGAAN),
    ("NAMA JABATAN", "jabatan", DUGAAN),
    ("UNIT KERJA", "nama_unit", DUGAAN),
    ("NAMA UNOR", "nama_unit", DUGAAN),
    ("NIP ATASAN LANGSUNG", "nip_atasan", DUGAAN),
    ("NO HANDPHONE", "no_hp", DUGAAN),
]

KONVERSI = "PermenPANRB 1/2023 Pasal 37; Peraturan BKN 3/2023 (konversi predikat kinerja ke angka kredit)"
KOEFISIEN = "PermenPANRB 1/2023 Lampiran (koefisien angka kredit tahunan per jenjang)"
KEBUTUHAN = "PermenPANRB 1/2023 Pasal 30 dan 39, Lampiran (angka kredit kumulatif kenaikan pangkat/jenjang)"
PERSEN = {"SANGAT_BAIK": 150, "BAIK": 100, "BUTUH_PERBAIKAN": 75, "KURANG": 50, "SANGAT_KURANG": 25}
KOEF = {
    "AHLI_PERTAMA": "12.5",
    "AHLI_MUDA": "25",
    "AHLI_MADYA": "37.5",
    "AHLI_UTAMA": "50",
    "PEMULA": "3.75",
    "TERAMPIL": "5",
    "MAHIR": "12.5",
    "PENYELIA": "25",
}
SYARAT = [
    ("AHLI_PERTAMA", "III/a", 50, "PANGKAT"),
    ("AHLI_PERTAMA", "III/b", 100, "JENJANG"),
    ("AHLI_MUDA", "III/c", 100, "PANGKAT"),
    ("AHLI_MUDA", "III/d", 200, "JENJANG"),
    ("AHLI_MADYA", "IV/a", 150, "PANGKAT"),
    ("AHLI_MADYA", "IV/b", 300, "PANGKAT"),
    ("AHLI_MADYA", "IV/c", 450, "JENJANG"),
    ("AHLI_UTAMA", "IV/d", 200, "PANGKAT"),
    ("PEMULA", "II/a", 15, "JENJANG"),
    ("TERAMPIL", "II/b", 20, "PANGKAT"),
    ("TERAMPIL", "II/c", 40, "PANGKAT"),
    ("TERAMPIL", "II/d", 60, "JENJANG"),
    ("MAHIR", "III/a", 50, "PANGKAT"),
    ("MAHIR", "III/b", 100, "JENJANG"),
    ("PENYELIA", "III/c", 100, "PANGKAT"),
]


def isi(apps, schema_editor):
    Alias = apps.get_model("kinerja", "AliasKolomRoster")
    Alias.objects.bulk_create(
        [
            Alias(alias=alias, kolom=kolom, sumber=sumber, kunci=re.sub(r"[^a-z0-9]", "", alias.lower()))
            for alias, kolom, sumber in ALIAS
        ]
    )
    apps.get_model("kinerja", "KonversiPredikatAngkaKredit").objects.bulk_create(
        [
            apps.get_model("kinerja", "KonversiPredikatAngkaKredit")(predikat=p, persen=n, sumber=KONVERSI)
            for p, n in PERSEN.items()
        ]
    )
    Koefisien = apps.get_model("kinerja", "KoefisienAngkaKredit")
    Koefisien.objects.bulk_create(
        [Koefisien(jenjang=j, koefisien=Decimal(k), sumber=KOEFISIEN) for j, k in KOEF.items()]
    )
    Kebutuhan = apps.get_model("kinerja", "KebutuhanAngkaKredit")
    Kebutuhan.objects.bulk_create(
        [
            Kebutuhan(jenjang=j, golongan=g, angka_kredit=Decimal(ak), kenaikan=k, sumber=KEBUTUHAN)
            for j, g, ak, k in SYARAT
        ]
    )


def hapus(apps, schema_editor):
    for model in ("AliasKolomRoster", "KonversiPredikatAngkaKredit", "KoefisienAngkaKredit", "KebutuhanAngkaKredit"):
        apps.get_model("kinerja", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("kinerja", "0022_roster_alias_kelas_angka_kredit")]

    operations = [migrations.RunPython(isi, hapus)]
