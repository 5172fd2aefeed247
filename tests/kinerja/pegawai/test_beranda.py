"""The home page gives each role its own summary."""

import pytest
from django.urls import reverse

from tests.factories import PegawaiFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("beranda")


def test_hr_sees_the_headcount_of_their_units(org, login):
    PegawaiFactory(unit_kerja=org.bidang_a, status_kepegawaian="PPPK", golongan="VII")
    PegawaiFactory(unit_kerja=org.bidang_a, aktif=False)
    response = login(org.hr_a).get(URL)
    assert response.context["ringkasan"] == {"jumlah_aktif": 6, "pns": 5, "pppk": 1, "jumlah_tidak_aktif": 1}
    html = response.content.decode()
    assert "Pegawai di unit Anda" in html
    assert "Badan Kepegawaian Daerah" in html and "Dinas Kesehatan" not in html


def test_administrator_sees_the_whole_roster_and_top_units(org, login):
    response = login(org.admin).get(URL)
    assert response.context["ringkasan"]["jumlah_aktif"] == 8
    html = response.content.decode()
    assert "Seluruh pegawai" in html
    assert "Pemerintah Provinsi Gorontalo" in html and "Dinas Kesehatan" in html


def test_headcounts_use_indonesian_number_format(org, login):
    PegawaiFactory.create_batch(1000, unit_kerja=org.opd_b)
    assert "1.008" in login(org.admin).get(URL).content.decode()


def test_supervisor_sees_their_team_size(org, login):
    response = login(org.atasan_a).get(URL)
    assert response.context["jumlah_tim"] == 2
    assert reverse("tim_saya") in response.content.decode()
    assert "ringkasan" not in response.context


def test_asn_sees_their_own_profile_card(org, login):
    html = login(org.staf_a1).get(URL).content.decode()
    assert org.staf_a1.nama_lengkap in html
    assert "Atasan A" in html
    assert reverse("profil_saya") in html
    assert "Pegawai di unit Anda" not in html and "Tim saya" not in html


def test_service_desk_officer_sees_their_role(org, login):
    assert "Petugas Layanan" in login(org.petugas).get(URL).content.decode()


def test_account_without_pegawai_or_role_is_told_so(db, login):
    html = login(UserFactory(username="tamu")).get(URL).content.decode()
    assert "belum terhubung dengan data pegawai" in html
