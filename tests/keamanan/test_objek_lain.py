"""Object-level checks: every detail, edit and action URL of the matrix, given another unit's or another person's
id, answers 404 or 403 and changes nothing.

The URLs are the matrix rows whose kwargs or query name an owned object (skenario.KUNCI_MILIK): they are filled
with OPD B's objects (staf_b's evaluation, SKP, request...) and sent by people of OPD A, and filled with staf_a1's
and sent by a colleague. The POSTs carry data that would change something if the object check were missing.
"""

import re

import pytest

from tests.keamanan.bantuan import isi_argumen, jejak, minta, semua_pola
from tests.keamanan.matriks import baris_untuk
from tests.keamanan.skenario import KUNCI_MILIK, KUNCI_UMUM

pytestmark = pytest.mark.django_db

DATA_POST = {
    "evaluasi_dialog": {"isi": "Catatan dari orang lain"},
    "evaluasi_akui": {"versi": "{versi_evaluasi}"},
    "evaluasi_isi": {"versi": "{versi_evaluasi}"},
    "evaluasi_ajukan": {"versi": "{versi_evaluasi}"},
    "evaluasi_kembalikan": {"versi": "{versi_evaluasi}", "alasan": "Dikembalikan orang lain"},
    "skp_dialog": {"isi": "Catatan dari orang lain"},
    "skp_kembalikan": {"alasan": "Dikembalikan orang lain"},
    "skp_buat_untuk": {"tahun": "2030"},
    "skp_rhk_baru": {"uraian": "RHK dari orang lain", "jenis": "UTAMA"},
    "skp_rhk_ubah": {"uraian": "Diubah orang lain", "jenis": "UTAMA"},
    "skp_indikator_baru": {"uraian": "Indikator lain", "aspek": "KUANTITAS", "target": "1", "satuan": "dokumen"},
    "skp_indikator_ubah": {"uraian": "Diubah orang lain", "aspek": "KUANTITAS", "target": "1", "satuan": "dokumen"},
    "skp_rhk_peran": {"pegawai": "{pegawai}", "hasil": "Peran dari orang lain"},
    "periode_unit_organisasi": {"capaian": "KURANG"},
    "layanan:ubah_status": {"ke": "DIPROSES", "catatan": "Diproses orang lain"},
    "evaluasi:konsekuensi_putuskan": {"keputusan": "tolak", "alasan": "Ditolak orang lain"},
}
# Filter pages: another unit in the query string is refused by the filter form (200, the form says why), and
# the page shows none of that unit's people.
FILTER = {"evaluasi:tpp"}
# Attackers of OPD A against OPD B's objects, and a colleague against staf_a1's.
PENYERANG = {
    "pegawai": "lain",
    "atasan": "lain",
    "kepala": "lain",
    "hr_unit": "lain",
    "petugas": "lain",
    "rekan": "unit",
}


def _kunci(baris) -> set[str]:
    teks = " ".join([*baris.argumen.values(), baris.query])
    return set(re.findall(r"{(\w+)}", teks))


def _url_berpemilik():
    """(pattern, row) for every matrix row that names an owned object. Django admin's pages are left out: they
    admit the superuser alone, who sees every object, and the matrix checks that everyone else is sent away."""
    hasil = []
    for pola in semua_pola():
        baris = baris_untuk(pola.kunci, pola.rute, pola.nama)
        if baris is not None and not pola.admin and _kunci(baris) & KUNCI_MILIK:
            hasil.append((pola, baris))
    return hasil


def test_every_key_of_the_matrix_is_owned_or_explained():
    kunci = set().union(*(_kunci(b) for p in semua_pola() if (b := baris_untuk(p.kunci, p.rute, p.nama))))
    tak_dikenal = kunci - KUNCI_MILIK - set(KUNCI_UMUM) - {"admin_objek"}
    assert not tak_dikenal, f"Kunci tanpa golongan di skenario.KUNCI_MILIK / KUNCI_UMUM: {sorted(tak_dikenal)}"


def test_the_object_urls_cover_every_kind_of_owned_object():
    dipakai = set().union(*(_kunci(b) for _, b in _url_berpemilik()))
    assert dipakai >= KUNCI_MILIK - {"versi_evaluasi"}


def _pengguna(adegan, peran):
    if peran == "kepala":
        return adegan.org.kepala.user
    if peran == "rekan":
        return adegan.org.staf_a2.user
    return adegan.pengguna(peran)


@pytest.mark.parametrize("peran", sorted(PENYERANG))
def test_another_units_or_persons_ids_give_404_or_403_and_change_nothing(adegan, client, peran):
    user = _pengguna(adegan, peran)
    nilai = adegan.nilai_lain if PENYERANG[peran] == "lain" else adegan.nilai
    pemilik = adegan.org.staf_b if PENYERANG[peran] == "lain" else adegan.org.staf_a1
    awal = jejak()
    salah = []
    for pola, baris in _url_berpemilik():
        url = isi_argumen(pola, baris, nilai, adegan)
        data = {k: v.format(**nilai) for k, v in DATA_POST.get(pola.kunci, {}).items()}
        get = minta(client, user, "get", url)
        post = minta(client, user, "post", url, data, jejak_awal=awal)
        kode = {get.kode, post.kode}
        if pola.kunci in FILTER and "200" in kode:
            if any(pemilik.nip.encode() in j.isi for j in (get, post)):
                salah.append(f"{url} ({pola.kunci}) menampilkan data {pemilik.nama}")
            kode = (kode - {"200"}) | {"403"}
        if not kode <= {"403", "404", "405"} or kode == {"405"}:
            salah.append(f"{url} ({pola.kunci}): GET {get.kode}, POST {post.kode}; seharusnya 404 atau 403")
        if post.berubah:
            salah.append(f"POST {url} ({pola.kunci}) mengubah {post.berubah}")
    assert not salah, f"{peran} terhadap objek milik {pemilik.nama}:\n" + "\n".join(salah)


@pytest.mark.parametrize("peran", ["hr_lain", "petugas"])
def test_pages_a_role_may_open_show_none_of_another_units_people(adegan, client, peran):
    """Lists, exports and dashboards are scoped too: HR of OPD B and OPD A's officer open them, and never see
    staf_a1 (an ASN of OPD A whose records the scene fills)."""
    user = adegan.pengguna(peran)
    orang = adegan.org.staf_a1
    bocor = []
    for pola in semua_pola():
        baris = baris_untuk(pola.kunci, pola.rute, pola.nama)
        if baris is None or pola.admin or baris.harapan("get")[peran] != "200":
            continue
        url = isi_argumen(pola, baris, adegan.nilai, adegan)
        isi = minta(client, user, "get", url).isi
        if orang.nip.encode() in isi or orang.nama.encode() in isi:
            bocor.append(f"{url} ({pola.kunci})")
    assert not bocor, f"{peran} melihat {orang.nama} di: {bocor}"
