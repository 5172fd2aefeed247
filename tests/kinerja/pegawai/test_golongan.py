"""Golongan spellings from spreadsheets (DOMAIN.md §5: PNS I/a–IV/e, PP 99/2000 jo. PP 12/2002; PPPK I–XVII,
Perpres 98/2020), as offices' own files and the SIASN export (GOL AKHIR NAMA) write them."""

import pytest

from kinerja.pegawai.golongan import baca_golongan, normalisasi_golongan, pangkat


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
        ("III a", "PNS", "III/a"),
        ("3a", "PNS", "III/a"),
        ("3/a", "PNS", "III/a"),
        ("4 B", "PNS", "IV/b"),
        ("III-c", "PNS", "III/c"),
        ("Gol. III/d", "PNS", "III/d"),
        ("Penata Muda (III/a)", "PNS", "III/a"),
        ("Pembina Utama Muda (IV/c)", "PNS", "IV/c"),
        ("Penata Muda", "PNS", "III/a"),
        ("Penata Muda Tk. I", "PNS", "III/b"),
        ("PENGATUR TINGKAT I", "PNS", "II/d"),
        ("9", "PPPK", "IX"),
        ("Gol. IX", "PPPK", "IX"),
        ("17", "PPPK", "XVII"),
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
        ("5a", "PNS", "PNS"),  # golongan ruang goes up to IV
        ("Penata Agung", "PNS", "PNS"),  # no such pangkat
        ("IIII/a", "PNS", "PNS"),
        ("ix", "PNS", "PNS"),  # a PPPK golongan for a PNS
        ("III/a", "PPPK", "PPPK"),  # a PNS golongan for a PPPK
        ("XVIII", "PPPK", "PPPK"),
        ("18", "PPPK", "PPPK"),
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


@pytest.mark.parametrize(
    "nilai, kode, status",
    [
        ("III/a", "III/a", "PNS"),
        ("Penata (III/c)", "III/c", "PNS"),
        ("IX", "IX", "PPPK"),
        ("V", "V", "PPPK"),
        ("Juru Muda", "I/a", "PNS"),
    ],
)
def test_the_ruang_letter_tells_pns_from_pppk(nilai, kode, status):
    """A roster without a status column (SIASN's GOL AKHIR NAMA alone) still says which kind of ASN a row is."""
    assert baca_golongan(nilai) == (kode, status)
