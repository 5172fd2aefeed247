"""Demo of e-Kinerja results in: one kecamatan office evaluates in BKN's e-Kinerja, and last year's annual results of
its ASN come in through the import, as an administrator uploads the file e-Kinerja gives (SIASN-style headers)."""

import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from core.spreadsheet import write_csv
from kinerja.models import Pegawai, Periode, UnitKerja
from kinerja.penilaian import ekinerja
from kinerja.penilaian.models_ekinerja import ImporEkinerja
from kinerja.penilaian.predikat import LABEL_PREDIKAT, predikat_kinerja
from kinerja.penilaian.services_ekinerja import buat_impor_ekinerja, konfirmasi_impor_ekinerja

KECAMATAN_IMPOR = "75.07"  # Kecamatan Kota Barat (demo/roster.py)
JUDUL = ["NIP BARU", "NAMA", "PERIODE PENILAIAN", "RATING HASIL KERJA", "RATING PERILAKU KERJA", "PREDIKAT KINERJA"]
_LABEL_RATING = {"DI_ATAS": "DI ATAS EKSPEKTASI", "SESUAI": "SESUAI EKSPEKTASI", "DI_BAWAH": "DI BAWAH EKSPEKTASI"}
# Mostly as expected, some above, a few below: what a unit's annual results look like.
_RATING = (("SESUAI", "SESUAI"),) * 6 + (("DI_ATAS", "DI_ATAS"), ("DI_ATAS", "SESUAI"), ("DI_BAWAH", "SESUAI"))


def simpan_impor_ekinerja(lalu: Periode, seed: int) -> ImporEkinerja:
    """Set the kecamatan to import mode and import its ASN's results for `lalu` through the import service; the last
    row's predikat disagrees with its ratings, so the matrix flag shows in the demo."""
    unit = UnitKerja.objects.get(kode=KECAMATAN_IMPOR)
    unit.sumber_evaluasi = ekinerja.IMPOR
    unit.save(update_fields=["sumber_evaluasi"])
    pegawai = list(
        Pegawai.objects.filter(unit_kerja_id__in=UnitKerja.objects.subtree_ids([unit.pk]), aktif=True).order_by("nip")
    )
    rng = random.Random(seed)
    baris = []
    for i, p in enumerate(pegawai):
        hasil, perilaku = rng.choice(_RATING)
        predikat = predikat_kinerja(hasil, perilaku) if i < len(pegawai) - 1 else "SANGAT_BAIK"
        baris.append(
            [p.nip, p.nama, str(lalu), _LABEL_RATING[hasil], _LABEL_RATING[perilaku], LABEL_PREDIKAT[predikat].upper()]
        )
    admin = get_user_model().objects.get(username="admin")
    berkas = SimpleUploadedFile(f"hasil-ekinerja-kota-barat-{lalu.tahun}.csv", write_csv(JUDUL, baris))
    job = buat_impor_ekinerja(admin, berkas)
    return konfirmasi_impor_ekinerja(admin, job.pk)
