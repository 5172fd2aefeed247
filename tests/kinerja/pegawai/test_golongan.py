"""Golongan spellings from spreadsheets (DOMAIN.md §5: PNS I/a–IV/e, PPPK I–XVII)."""

import pytest

from kinerja.pegawai.golongan import normalisasi_golongan, pangkat


@pytest.mark.parametrize(
    "nilai, status, kode",
    [
        ("III/a", "PNS", "III/a"),
        ("iii/a", "PNS", "III/a"),
        ("IIIa", "PNS", "III/a"),
        ("III / A", "PNS", "III/a"),
        (" iv/e ", "PNS", "IV/e"),
        ("Ib", "PNS", "I/b"),
        ("ix", "PPPK", "IX"),
        ("XVII", "PPPK", "XVII"),
        ("i", "PPPK", "I"),
    ],
)
def test_it_accepts_the_usual_spellings(nilai, status, kode):
    assert normalisasi_golongan(nilai, status) == kode


@pytest.mark.parametrize(
    "nilai, status, pesan",
    [
        ("", "PNS", "PNS"),
        ("III/f", "PNS", "PNS"),
        ("V/a", "PNS", "PNS"),
        ("3a", "PNS", "PNS"),  # arabic numerals are not how golongan ruang is written
        ("ix", "PNS", "PNS"),  # a PPPK golongan for a PNS
        ("III/a", "PPPK", "PPPK"),  # a PNS golongan for a PPPK
        ("XVIII", "PPPK", "PPPK"),
        ("0", "PPPK", "PPPK"),
        ("kepala", "PPPK", "PPPK"),
        ("III/a", "HONORER", "Status"),
    ],
)
def test_it_refuses_junk(nilai, status, pesan):
    with pytest.raises(ValueError, match=pesan):
        normalisasi_golongan(nilai, status)


@pytest.mark.parametrize(
    "golongan, nama",
    [("I/a", "Juru Muda"), ("II/d", "Pengatur Tingkat I"), ("III/c", "Penata"), ("IV/e", "Pembina Utama"), ("IX", "")],
)
def test_pangkat_names(golongan, nama):
    assert pangkat(golongan) == nama
