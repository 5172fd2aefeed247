"""Every URL pattern of the project against every role, for GET and POST, as the table in matriks.py says.

One test per role builds the scene once and walks every pattern; each request runs in a savepoint that is rolled
back, so no request sees another's writes. A refused POST must leave every table as it was.
"""

import pytest

from tests.keamanan.bantuan import isi_argumen, jejak, minta, semua_pola
from tests.keamanan.matriks import DITOLAK, MATRIKS, PERAN, baris_untuk

pytestmark = pytest.mark.django_db


def test_every_url_pattern_has_a_row_in_the_matrix():
    tanpa_baris = [p.kunci for p in semua_pola() if baris_untuk(p.kunci, p.rute, p.nama) is None]
    assert not tanpa_baris, (
        "Pola URL tanpa baris di tests/keamanan/matriks.py (MATRIKS), tambahkan barisnya: " + ", ".join(tanpa_baris)
    )


def test_every_row_of_the_matrix_names_a_pattern_that_exists():
    ada = {p.kunci for p in semua_pola()}
    assert not sorted(set(MATRIKS) - ada), "Baris MATRIKS tanpa pola URL (dihapus atau diganti nama?)"


def test_every_url_kwarg_is_filled_by_the_row():
    kurang = []
    for p in semua_pola():
        b = baris_untuk(p.kunci, p.rute, p.nama)
        if b is not None and set(p.parameter) != set(b.argumen):
            kurang.append(f"{p.kunci}: pola {sorted(p.parameter)}, baris {sorted(b.argumen)}")
    assert not kurang, "Argumen URL di MATRIKS tidak cocok dengan polanya: " + "; ".join(kurang)


@pytest.mark.parametrize("peran", PERAN)
def test_each_role_gets_what_the_matrix_says_on_every_url(adegan, client, peran):
    user = adegan.pengguna(peran)
    awal = jejak()
    salah = []
    for pola in semua_pola():
        baris = baris_untuk(pola.kunci, pola.rute, pola.nama)
        if baris is None:
            continue  # reported by test_every_url_pattern_has_a_row_in_the_matrix
        url = isi_argumen(pola, baris, adegan.nilai, adegan)
        for metode in ("get", "post"):
            harapan = baris.harapan(metode)[peran]
            ditolak = metode == "post" and harapan in DITOLAK
            jawaban = minta(client, user, metode, url, jejak_awal=awal if ditolak else None)
            if jawaban.kode != harapan:
                salah.append(f"{metode.upper()} {url} ({pola.kunci}): {jawaban.kode}, seharusnya {harapan}")
            if jawaban.berubah:
                salah.append(f"{metode.upper()} {url} ({pola.kunci}) ditolak tetapi mengubah {jawaban.berubah}")
    assert not salah, f"Peran {peran}:\n" + "\n".join(salah)
