"""ASN detail and Profil Saya: every profile field, the unit path, atasan and bawahan."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import PegawaiFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def siti(org):
    return PegawaiFactory(
        nip="199002142015032001",
        nama="Siti Rahma",
        gelar_depan="dr.",
        gelar_belakang="M.Kes.",
        jenis_kelamin="P",
        tanggal_lahir=datetime.date(1990, 2, 14),
        golongan="III/d",
        jabatan="Dokter Ahli Muda",
        jenis_jabatan="AHLI_MUDA",
        unit_kerja=org.bidang_a,
        atasan=org.atasan_a,
        email="siti@example.go.id",
        no_hp="081234567890",
    )


def test_detail_shows_every_profile_field(org, login, siti):
    html = login(org.admin).get(reverse("detail_pegawai", args=[siti.pk])).content.decode()
    for teks in [
        "dr. Siti Rahma, M.Kes.",
        "19900214 201503 2 001",
        "Perempuan",
        "14 Februari 1990",
        "Maret 2015",
        "III/d",
        "Penata Tingkat I",
        "Dokter Ahli Muda",
        "Fungsional Ahli Muda",
        "siti@example.go.id",
        "081234567890",
        "Aktif",
    ]:
        assert teks in html, teks


def test_detail_shows_the_unit_path_from_the_province_down(org, login, siti):
    response = login(org.admin).get(reverse("detail_pegawai", args=[siti.pk]))
    assert [u.nama for u in response.context["jalur_unit"]] == [
        "Pemerintah Provinsi Gorontalo",
        "Badan Kepegawaian Daerah",
        "Bidang Pengembangan",
    ]


def test_detail_links_the_atasan_when_the_viewer_may_open_it(org, login, siti):
    url_atasan = reverse("detail_pegawai", args=[org.atasan_a.pk])
    assert url_atasan in login(org.hr_a).get(reverse("detail_pegawai", args=[siti.pk])).content.decode()


def test_own_profile_names_the_atasan_without_a_link_they_cannot_open(org, login):
    html = login(org.staf_a1).get(reverse("profil_saya")).content.decode()
    assert org.atasan_a.nama_lengkap in html
    assert reverse("detail_pegawai", args=[org.atasan_a.pk]) not in html


def test_detail_lists_the_bawahan_with_links(org, login):
    response = login(org.hr_a).get(reverse("detail_pegawai", args=[org.atasan_a.pk]))
    assert [p.nama for p in response.context["bawahan"]] == ["Staf A Dua", "Staf A Satu"]
    assert reverse("detail_pegawai", args=[org.staf_a1.pk]) in response.content.decode()


def test_bawahan_list_only_shows_people_the_viewer_may_see(org, login):
    PegawaiFactory(nama="Bawahan di OPD B", atasan=org.atasan_a, unit_kerja=org.opd_b)
    response = login(org.hr_a).get(reverse("detail_pegawai", args=[org.atasan_a.pk]))
    assert "Bawahan di OPD B" not in {p.nama for p in response.context["bawahan"]}


def test_supervisor_opens_a_subordinates_detail(org, login):
    response = login(org.atasan_a).get(reverse("detail_pegawai", args=[org.staf_a2.pk]))
    assert response.status_code == 200
    assert response.context["pegawai"] == org.staf_a2


def test_profil_saya_is_the_logged_in_asns_own_detail(org, login):
    response = login(org.staf_b).get(reverse("profil_saya"))
    assert response.context["pegawai"] == org.staf_b
    assert "Profil Saya" in response.content.decode()


def test_profil_saya_explains_when_the_account_has_no_pegawai(org, login):
    response = login(UserFactory(username="operator")).get(reverse("profil_saya"))
    assert response.status_code == 200
    assert "belum terhubung dengan data pegawai" in response.content.decode()


def test_detail_runs_a_bounded_number_of_queries(org, login, django_assert_max_num_queries):
    for _ in range(30):
        PegawaiFactory(atasan=org.atasan_a, unit_kerja=org.bidang_a)
    client = login(org.admin)
    # 9 for the page (roles in two queries), the ASN's SKP card, and the navbar bell's unread count.
    with django_assert_max_num_queries(11):
        response = client.get(reverse("detail_pegawai", args=[org.atasan_a.pk]))
    assert len(response.context["bawahan"]) == 32
