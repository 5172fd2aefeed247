"""NIK rules (UU 24/2013, Permendagri 72/2019): region code, birth date (+40 for women), sequence."""

import datetime

import pytest

from layanan.nik import normalisasi_nik, samarkan_nik, urai_nik

HARI_INI = datetime.date(2025, 6, 30)


@pytest.mark.parametrize(
    "nik, wilayah, lahir, kelamin",
    [
        ("7501044503900001", "750104", datetime.date(1990, 3, 5), "P"),  # Kab. Gorontalo, woman: day 45 → 5
        ("7571011212850002", "757101", datetime.date(1985, 12, 12), "L"),  # Kota Gorontalo
        ("7502037101000123", "750203", datetime.date(2000, 1, 31), "P"),  # day 71 = 31 + 40
        ("7503012902040001", "750301", datetime.date(2004, 2, 29), "L"),  # leap day
        ("7504010106259999", "750401", datetime.date(2025, 6, 1), "L"),  # 25 is 2025, not 1925
        ("7504010107269999", "750401", datetime.date(1926, 7, 1), "L"),  # 26 would be the future: 1926
        ("9601010101010001", "960101", datetime.date(2001, 1, 1), "L"),  # Papua Barat Daya (2022)
        ("7501 0445 0390 0001", "750104", datetime.date(1990, 3, 5), "P"),  # grouped as printed
    ],
)
def test_it_parses_a_valid_nik(nik, wilayah, lahir, kelamin):
    info = urai_nik(nik, hari_ini=HARI_INI)
    assert (info.kode_wilayah, info.tanggal_lahir, info.jenis_kelamin) == (wilayah, lahir, kelamin)


@pytest.mark.parametrize(
    "nik, pesan",
    [
        ("750104450390001", "16 digit"),  # 15 digits
        ("75010445039000011", "16 digit"),
        ("7.50104E+15", "16 digit"),  # a spreadsheet number: digits already lost
        ("750104450390000A", "16 digit"),
        ("７５０１０４４５０３９０００１", "16 digit"),  # full-width digits
        ("", "16 digit"),
        ("0001044503900001", "kode provinsi 00"),
        ("2001044503900001", "kode provinsi 20"),
        ("7500044503900001", "kabupaten/kota"),
        ("7501004503900001", "kecamatan"),
        ("7501043203900001", "tanggal lahir yang sah"),  # day 32 (men 1–31)
        ("7501044003900001", "tanggal lahir yang sah"),  # day 40: neither a man's nor a woman's day
        ("7501047203900001", "tanggal lahir yang sah"),  # day 72 = 32 for a woman
        ("7501040013900001", "tanggal lahir yang sah"),  # day 00
        ("7501041513900001", "tanggal lahir yang sah"),  # month 13
        ("7501043002900001", "tanggal lahir yang sah"),  # 30 February
        ("7501042902010001", "tanggal lahir yang sah"),  # 29 February 2001
        ("7501040107250001", "belum terjadi"),  # 1 July 2025, the day after HARI_INI
        ("7501044503900000", "nomor urut"),
    ],
)
def test_it_refuses_an_invalid_nik_in_indonesian(nik, pesan):
    with pytest.raises(ValueError, match=pesan):
        urai_nik(nik, hari_ini=HARI_INI)


def test_normalisasi_removes_whitespace():
    assert normalisasi_nik(" 7501 0445 0390 0001 ", hari_ini=HARI_INI) == "7501044503900001"


@pytest.mark.parametrize("nik, tersamar", [("7501044503900001", "••••••••••••0001"), ("", ""), ("12", "12")])
def test_masking_keeps_only_the_last_four_digits(nik, tersamar):
    assert samarkan_nik(nik) == tersamar
