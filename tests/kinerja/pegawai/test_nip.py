"""NIP rules, DOMAIN.md §5 (Peraturan BKN 22/2007: birth date · CPNS start · sex · sequence)."""

import datetime

import pytest

from kinerja.pegawai.nip import urai_nip, validasi_nip


@pytest.mark.parametrize(
    "nip, lahir, cpns, kelamin",
    [
        ("198609262015051001", datetime.date(1986, 9, 26), (2015, 5), "L"),
        ("199001012020012002", datetime.date(1990, 1, 1), (2020, 1), "P"),
        ("200002292024122999", datetime.date(2000, 2, 29), (2024, 12), "P"),
    ],
)
def test_it_parses_a_valid_nip(nip, lahir, cpns, kelamin):
    info = urai_nip(nip)
    assert info.tanggal_lahir == lahir
    assert (info.tahun_cpns, info.bulan_cpns) == cpns
    assert info.jenis_kelamin == kelamin


@pytest.mark.parametrize(
    "nip, pesan",
    [
        ("19860926201505100", "18 digit"),  # 17 digits
        ("1986092620150510011", "18 digit"),  # 19 digits
        ("19860926201505100A", "18 digit"),
        ("1.98609262015E+17", "18 digit"),  # what Excel shows for a number cell
        ("１９８６０９２６２０１５０５１００１", "18 digit"),  # full-width digits are not ASCII
        ("198602302015051001", "tanggal lahir"),  # 30 February
        ("198613262015051001", "tanggal lahir"),  # month 13
        ("185001012015051001", "tahun lahir"),
        ("198609262015131001", "bulan pengangkatan"),
        ("198609262015001001", "bulan pengangkatan"),
        ("198609261986081001", "tidak setelah tanggal lahir"),
        ("198609261986091001", "tidak setelah tanggal lahir"),  # same month as birth
        ("198609262015053001", "jenis kelamin"),
        ("198609262015050001", "jenis kelamin"),
    ],
)
def test_it_refuses_an_invalid_nip(nip, pesan):
    with pytest.raises(ValueError, match=pesan):
        urai_nip(nip)


def test_it_refuses_a_sex_that_disagrees_with_the_nip():
    with pytest.raises(ValueError, match="laki-laki"):
        validasi_nip("198609262015051001", jenis_kelamin="P")
    assert validasi_nip("198609262015051001", jenis_kelamin="L").jenis_kelamin == "L"


def test_it_refuses_a_birth_date_that_disagrees_with_the_nip():
    with pytest.raises(ValueError, match="26/09/1986"):
        validasi_nip("198609262015051001", tanggal_lahir=datetime.date(1986, 9, 27))
    assert validasi_nip("198609262015051001", tanggal_lahir=datetime.date(1986, 9, 26))
