"""kinerja.pegawai.telepon: Indonesian phone numbers as people type them, normalised or refused in Indonesian."""

import re

import pytest

from kinerja.pegawai.telepon import normalisasi_telepon

# (typed, stored): the national form, digits only.
SAH = [
    ("081234567890", "081234567890"),
    ("0812-3456-7890", "081234567890"),
    ("0812 3456 7890", "081234567890"),
    ("+62 812 3456 7890", "081234567890"),
    ("+62-812-3456-7890", "081234567890"),
    ("6281234567890", "081234567890"),
    ("0811123456", "0811123456"),  # 10 digits, the shortest mobile numbers
    ("(0435) 821234", "0435821234"),  # Gorontalo fixed line
    ("021 5551234", "0215551234"),
    ("0435.821.234", "0435821234"),
]

# (typed, part of the message)
TIDAK_SAH = [
    ("telepon saya", "hanya boleh berisi angka"),
    ("abc", "hanya boleh berisi angka"),
    ("0812345678901234", "panjangnya tidak sesuai"),
    ("081234567", "panjangnya tidak sesuai"),  # 9 digits: too short for a mobile number
    ("0435", "panjangnya tidak sesuai"),
    ("812345678", "harus diawali 0 atau +62"),
    ("+1 202 555 0100", "bukan nomor Indonesia"),
    ("00812345678", "panjangnya tidak sesuai"),
]


@pytest.mark.parametrize(("ketik", "simpan"), SAH)
def test_a_valid_number_is_stored_in_the_national_form(ketik, simpan):
    assert normalisasi_telepon(ketik) == simpan


@pytest.mark.parametrize(("ketik", "pesan"), TIDAK_SAH)
def test_an_invalid_number_is_refused_with_a_reason_and_an_example(ketik, pesan):
    with pytest.raises(ValueError, match=re.escape(pesan)) as info:
        normalisasi_telepon(ketik)
    assert "0812 3456 7890" in str(info.value)
