"""The default rules as the sources write them (issue 19).

- Ten consecutive working days absent → PDHTAPS cites PP 94/2021 Pasal 11 ayat (2) huruf d angka 4, and the salary
  stop of Pasal 15 ayat (2); the run is now carried across months (RekapKehadiran's month-edge runs).
- The 20 JP minimum is the PNS's (PP 11/2017 Pasal 203 as amended by PP 17/2020; Peraturan LAN 10/2018, 1 JP =
  45 minutes): the rule now tests status PNS. A PPPK rule (Peraturan LAN 15/2020) ships inactive, since no source
  found sets the PNS minimum for PPPK.

Only rules still as migration 0002 made them are changed; a rule an administrator edited is left alone. A change to
what a rule decides raises its version, as an edit in the rule editor would.
"""

import datetime

from django.db import migrations

NAMA_BERTURUT = "Tidak masuk kerja 10 hari kerja berturut-turut"
DASAR_BERTURUT_LAMA = "PP 94/2021 Pasal 11 ayat (2) huruf d"
DASAR_BERTURUT = (
    "PP 94/2021 Pasal 11 ayat (2) huruf d angka 4 (terus-menerus 10 hari kerja, disambung antarbulan); "
    "gaji dihentikan sejak bulan berikutnya: Pasal 15 ayat (2)"
)

NAMA_JP_LAMA = "Pelatihan kurang dari 20 JP setahun"
DASAR_JP_LAMA = "PP 17/2020 Pasal 203 (pengembangan kompetensi paling sedikit 20 JP setahun)"
NAMA_JP = "Pelatihan PNS kurang dari 20 JP setahun"
DASAR_JP = (
    "PP 11/2017 Pasal 203 sebagaimana diubah PP 17/2020 (PNS paling sedikit 20 JP setahun); "
    "Peraturan LAN 10/2018 (1 JP = 45 menit)"
)
TAHUNAN = {"metrik": "jenis_periode", "operator": "==", "nilai": "TAHUNAN"}
KURANG_20_JP = {"metrik": "jp_pelatihan", "operator": "<", "nilai": "20"}
KONDISI_JP_LAMA = [TAHUNAN, KURANG_20_JP]

NAMA_JP_PPPK = "Pelatihan PPPK kurang dari 20 JP setahun (belum terkonfirmasi)"
DASAR_JP_PPPK = "Peraturan LAN 15/2020 (pengembangan kompetensi PPPK): batas minimal JP PPPK belum terkonfirmasi"
URAIAN_JP_PPPK = (
    "Nonaktif bawaan: tidak ditemukan sumber yang mewajibkan PPPK paling sedikit 20 JP setahun seperti PNS "
    "(PP 49/2018 menyebut pengembangan kompetensi PPPK paling lama 24 JP dalam 1 tahun masa perjanjian kerja). "
    "Aktifkan hanya bila Peraturan Gubernur atau pedoman instansi menetapkannya."
)


def _status(nilai):
    return {"metrik": "status_kepegawaian", "operator": "==", "nilai": nilai}


def maju(apps, schema_editor):
    Aturan = apps.get_model("evaluasi", "Aturan")
    Aturan.objects.filter(nama=NAMA_BERTURUT, dasar_hukum=DASAR_BERTURUT_LAMA).update(dasar_hukum=DASAR_BERTURUT)
    for a in Aturan.objects.filter(nama=NAMA_JP_LAMA):
        if a.kondisi != KONDISI_JP_LAMA:
            continue
        a.nama, a.dasar_hukum = NAMA_JP, DASAR_JP
        a.kondisi = [TAHUNAN, _status("PNS"), KURANG_20_JP]
        a.versi += 1
        a.save(update_fields=["nama", "dasar_hukum", "kondisi", "versi"])
    if not Aturan.objects.filter(nama=NAMA_JP_PPPK).exists():
        Aturan.objects.create(
            nama=NAMA_JP_PPPK,
            jenis="PENGHARGAAN",
            dasar_hukum=DASAR_JP_PPPK,
            kondisi=[TAHUNAN, _status("PPPK"), KURANG_20_JP],
            kode_konsekuensi="REKOMENDASI_PELATIHAN",
            uraian_konsekuensi=URAIAN_JP_PPPK,
            berlaku_mulai=datetime.date(2022, 1, 1),
            aktif=False,
        )


def mundur(apps, schema_editor):
    Aturan = apps.get_model("evaluasi", "Aturan")
    Aturan.objects.filter(nama=NAMA_BERTURUT, dasar_hukum=DASAR_BERTURUT).update(dasar_hukum=DASAR_BERTURUT_LAMA)
    Aturan.objects.filter(nama=NAMA_JP_PPPK, konsekuensi__isnull=True).delete()
    for a in Aturan.objects.filter(nama=NAMA_JP):
        if a.kondisi != [TAHUNAN, _status("PNS"), KURANG_20_JP]:
            continue
        a.nama, a.dasar_hukum, a.kondisi, a.versi = NAMA_JP_LAMA, DASAR_JP_LAMA, KONDISI_JP_LAMA, a.versi + 1
        a.save(update_fields=["nama", "dasar_hukum", "kondisi", "versi"])


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0005_tepi_bulan_kehadiran")]

    operations = [migrations.RunPython(maju, mundur)]
