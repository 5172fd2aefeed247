"""The default rule set, as data administrators can edit afterwards.

PP No. 94 Tahun 2021 (Disiplin PNS), unexcused absence (the obligation of Pasal 4 huruf f), cumulative working
days in a year — light penalties (Pasal 9), medium (Pasal 10), heavy (Pasal 11 ayat (2) huruf d), with the
penalty kinds of Pasal 8 — and ten consecutive days → PDHTAPS (Pasal 11 ayat (2) huruf d). All absence
rules share one exclusive group, so only the heaviest applies. DOMAIN.md §4 holds the table.

A few rewards (PermenPANRB 6/2022, follow-up of the evaluation): Sangat Baik two periods in a row → award
nomination; Sangat Kurang → coaching; an annual period with fewer than 20 JP of training → training
recommendation (DOMAIN.md §5).
"""

import datetime

from django.db import migrations

PP94 = "PP 94/2021"
MULAI_PP94 = datetime.date(2021, 9, 1)  # promulgated 31 August 2021
GRUP = "ketidakhadiran_pp94"


def _tk(minimal, maksimal=None):
    kondisi = [{"metrik": "hari_tanpa_keterangan", "operator": ">=", "nilai": str(minimal)}]
    if maksimal is not None:
        kondisi.append({"metrik": "hari_tanpa_keterangan", "operator": "<=", "nilai": str(maksimal)})
    return kondisi


# (name, legal basis, conditions, code, priority)
KETIDAKHADIRAN = [
    ("Tidak masuk kerja 3 hari kerja", f"{PP94} Pasal 9", _tk(3, 3), "TEGURAN_LISAN", 1),
    ("Tidak masuk kerja 4–6 hari kerja", f"{PP94} Pasal 9", _tk(4, 6), "TEGURAN_TERTULIS", 2),
    ("Tidak masuk kerja 7–10 hari kerja", f"{PP94} Pasal 9", _tk(7, 10), "PERNYATAAN_TIDAK_PUAS", 3),
    ("Tidak masuk kerja 11–13 hari kerja", f"{PP94} Pasal 10", _tk(11, 13), "POTONG_TUNJANGAN_25_6_BULAN", 4),
    ("Tidak masuk kerja 14–16 hari kerja", f"{PP94} Pasal 10", _tk(14, 16), "POTONG_TUNJANGAN_25_9_BULAN", 5),
    ("Tidak masuk kerja 17–20 hari kerja", f"{PP94} Pasal 10", _tk(17, 20), "POTONG_TUNJANGAN_25_12_BULAN", 6),
    (
        "Tidak masuk kerja 21–24 hari kerja",
        f"{PP94} Pasal 11 ayat (2) huruf d angka 1",
        _tk(21, 24),
        "PENURUNAN_JABATAN_12_BULAN",
        7,
    ),
    (
        "Tidak masuk kerja 25–27 hari kerja",
        f"{PP94} Pasal 11 ayat (2) huruf d angka 2",
        _tk(25, 27),
        "PEMBEBASAN_JABATAN_12_BULAN",
        8,
    ),
    ("Tidak masuk kerja 28 hari kerja atau lebih", f"{PP94} Pasal 11 ayat (2) huruf d angka 3", _tk(28), "PDHTAPS", 9),
    (
        "Tidak masuk kerja 10 hari kerja berturut-turut",
        f"{PP94} Pasal 11 ayat (2) huruf d",
        [{"metrik": "hari_tanpa_keterangan_berturut", "operator": ">=", "nilai": "10"}],
        "PDHTAPS",
        9,
    ),
]

PENGHARGAAN = [
    (
        "Predikat Sangat Baik dua periode berturut-turut",
        "PermenPANRB 6/2022 (tindak lanjut hasil evaluasi kinerja)",
        [{"metrik": "predikat", "operator": "==", "nilai": "SANGAT_BAIK"}],
        2,
        "USUL_PENGHARGAAN",
        "PENGHARGAAN",
    ),
    (
        "Predikat Sangat Kurang",
        "PermenPANRB 6/2022 (tindak lanjut hasil evaluasi kinerja)",
        [{"metrik": "predikat", "operator": "==", "nilai": "SANGAT_KURANG"}],
        1,
        "PEMBINAAN",
        "SANKSI",
    ),
    (
        "Pelatihan kurang dari 20 JP setahun",
        "PP 17/2020 Pasal 203 (pengembangan kompetensi paling sedikit 20 JP setahun)",
        [
            {"metrik": "jenis_periode", "operator": "==", "nilai": "TAHUNAN"},
            {"metrik": "jp_pelatihan", "operator": "<", "nilai": "20"},
        ],
        1,
        "REKOMENDASI_PELATIHAN",
        "PENGHARGAAN",
    ),
]


def buat(apps, schema_editor):
    Aturan = apps.get_model("evaluasi", "Aturan")
    PengaturanTPP = apps.get_model("evaluasi", "PengaturanTPP")
    Aturan.objects.bulk_create(
        [
            Aturan(
                nama=nama,
                jenis="SANKSI",
                dasar_hukum=dasar,
                kondisi=kondisi,
                kode_konsekuensi=kode,
                berlaku_mulai=MULAI_PP94,
                prioritas=prioritas,
                grup_eksklusif=GRUP,
                sekali_setahun=True,
            )
            for nama, dasar, kondisi, kode, prioritas in KETIDAKHADIRAN
        ]
        + [
            Aturan(
                nama=nama,
                jenis=jenis,
                dasar_hukum=dasar,
                kondisi=kondisi,
                periode_berturut=berturut,
                kode_konsekuensi=kode,
                berlaku_mulai=datetime.date(2022, 1, 1),
            )
            for nama, dasar, kondisi, berturut, kode, jenis in PENGHARGAAN
        ]
    )
    PengaturanTPP.objects.get_or_create(pk=1)


def hapus(apps, schema_editor):
    apps.get_model("evaluasi", "Aturan").objects.filter(konsekuensi__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0001_awal")]

    operations = [migrations.RunPython(buat, hapus)]
