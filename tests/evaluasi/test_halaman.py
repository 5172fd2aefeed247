"""Every page of the rules app for every role, object-level 404s, and query-count bounds on the list pages."""

import pytest
from django.urls import reverse

from evaluasi import services
from evaluasi.models import Aturan, Konsekuensi
from tests.evaluasi.bantuan import kehadiran, periode

PERAN = ["anonim", "staf_a1", "atasan_a", "hr_b", "hr_a", "petugas", "admin"]


@pytest.fixture
def data(org):
    """A closed period, and two outcomes in OPD A: staf_a1's approved, staf_a2's proposed."""
    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    kehadiran(org.staf_a2, 1, tanpa_keterangan=5)
    services.terapkan_aturan(org.admin, p.pk)
    disetujui = Konsekuensi.objects.get(pegawai=org.staf_a1)
    services.putuskan_konsekuensi(org.admin, disetujui.pk, setujui=True, alasan="Sesuai rekap")
    usulan = Konsekuensi.objects.get(pegawai=org.staf_a2)
    return type("Data", (), {"periode": p, "disetujui": disetujui, "usulan": usulan})


def klien(client, org, siapa):
    if siapa != "anonim":
        user = org.admin if siapa == "admin" else getattr(org, siapa).user
        client.force_login(user)
    return client


STAF = {"hr_b": 200, "hr_a": 200, "admin": 200}
ADMIN = {"admin": 200}


def url_halaman(nama, data, org):
    return {
        "aturan_daftar": reverse("evaluasi:aturan_daftar"),
        "aturan_baru": reverse("evaluasi:aturan_baru"),
        "aturan_ubah": reverse("evaluasi:aturan_ubah", args=[Aturan.objects.first().pk]),
        "terapkan": reverse("evaluasi:terapkan") + f"?periode={data.periode.pk}",
        "konsekuensi_daftar": reverse("evaluasi:konsekuensi_daftar"),
        "konsekuensi_saya": reverse("evaluasi:konsekuensi_saya"),
        "impor": reverse("evaluasi:impor"),
        "impor_templat": reverse("evaluasi:impor_templat", args=["kehadiran", "xlsx"]),
        "kehadiran_isi": reverse("evaluasi:kehadiran_isi"),
        "tpp": reverse("evaluasi:tpp"),
        "tpp_ekspor": reverse("evaluasi:tpp_ekspor") + f"?unit={org.opd_b.pk}&tahun=2026&bulan=1",
    }[nama]


# page → role → status (403 where not listed, 302 to the login page for anonymous).
HARAPAN = {
    "aturan_daftar": STAF,
    "aturan_baru": ADMIN,
    "aturan_ubah": ADMIN,
    "terapkan": ADMIN,
    "konsekuensi_daftar": STAF,
    "konsekuensi_saya": {p: 200 for p in PERAN if p != "anonim"},
    "impor": STAF,
    "impor_templat": STAF,
    "kehadiran_isi": STAF,
    "tpp": STAF,
    "tpp_ekspor": {"hr_b": 200, "hr_a": 404, "admin": 200},  # OPD B is not hr_a's unit
}


@pytest.mark.parametrize("siapa", PERAN)
@pytest.mark.parametrize("halaman", list(HARAPAN))
def test_each_page_answers_each_role_as_its_permissions_say(client, org, data, halaman, siapa):
    response = klien(client, org, siapa).get(url_halaman(halaman, data, org))
    if siapa == "anonim":
        assert response.status_code == 302 and reverse("login") in response["Location"]
    else:
        assert response.status_code == HARAPAN[halaman].get(siapa, 403)


@pytest.mark.parametrize(
    ("siapa", "disetujui", "usulan"),
    [
        ("admin", 200, 200),
        ("hr_a", 200, 200),  # HR of the unit sees every status
        ("hr_b", 404, 404),  # HR of another unit sees nothing of OPD A
        ("staf_a1", 200, 404),  # own approved outcome only
        ("staf_a2", 404, 404),  # a colleague's outcome is not theirs; their own is still a proposal
        ("atasan_a", 200, 404),  # the supervisor sees the team's approved outcomes
        ("petugas", 404, 404),
    ],
)
def test_an_outcome_is_visible_only_to_who_may_see_it_and_404_otherwise(client, org, data, siapa, disetujui, usulan):
    c = klien(client, org, siapa)
    assert c.get(reverse("evaluasi:konsekuensi_detail", args=[data.disetujui.pk])).status_code == disetujui
    assert c.get(reverse("evaluasi:konsekuensi_detail", args=[data.usulan.pk])).status_code == usulan


@pytest.mark.parametrize(("siapa", "status"), [("hr_a", 403), ("hr_b", 404), ("staf_a2", 404), ("atasan_a", 404)])
def test_only_an_administrator_decides_and_others_change_nothing(client, org, data, siapa, status):
    url = reverse("evaluasi:konsekuensi_putuskan", args=[data.usulan.pk])
    response = klien(client, org, siapa).post(url, {"keputusan": "setujui", "alasan": "Saya setuju"})
    assert response.status_code == status
    data.usulan.refresh_from_db()
    assert data.usulan.status == "USULAN"


def test_an_administrator_approves_from_the_list_with_a_reason(client, org, data):
    c = klien(client, org, "admin")
    url = reverse("evaluasi:konsekuensi_putuskan", args=[data.usulan.pk])
    c.post(url, {"keputusan": "setujui", "alasan": "Sesuai rekap absensi"})
    data.usulan.refresh_from_db()
    assert (data.usulan.status, data.usulan.alasan_keputusan) == ("DISETUJUI", "Sesuai rekap absensi")


@pytest.mark.parametrize(
    ("kembali", "tujuan"),
    [
        ("/aturan/konsekuensi/?status=USULAN", "/aturan/konsekuensi/?status=USULAN"),
        ("https://penipu.example/masuk/", "/aturan/konsekuensi/"),
        ("//penipu.example/masuk/", "/aturan/konsekuensi/"),
    ],
)
def test_after_deciding_the_administrator_returns_to_a_page_of_this_site_only(client, org, data, kembali, tujuan):
    url = reverse("evaluasi:konsekuensi_putuskan", args=[data.usulan.pk])
    response = klien(client, org, "admin").post(url, {"keputusan": "setujui", "alasan": "Sesuai", "kembali": kembali})
    assert response.status_code == 302
    assert response["Location"] == tujuan


def test_the_asn_sees_their_approved_outcome_and_the_supervisor_their_teams(client, org, data):
    halaman = klien(client, org, "staf_a1").get(reverse("evaluasi:konsekuensi_saya")).content.decode()
    assert "Teguran lisan" in halaman and "Sesuai rekap" in halaman
    client.logout()
    halaman = klien(client, org, "atasan_a").get(reverse("evaluasi:konsekuensi_saya")).content.decode()
    assert "Tim saya" in halaman and "Staf A Satu" in halaman
    assert "Staf A Dua" not in halaman  # a proposal is not shown


def test_hr_sees_only_their_units_outcomes_in_the_list(client, org, data):
    assert "Staf A Satu" in klien(client, org, "hr_a").get(reverse("evaluasi:konsekuensi_daftar")).content.decode()
    client.logout()
    assert "Staf A Satu" not in klien(client, org, "hr_b").get(reverse("evaluasi:konsekuensi_daftar")).content.decode()


def test_hr_cannot_show_another_units_tpp(client, org, data):
    response = klien(client, org, "hr_b").get(
        reverse("evaluasi:tpp"), {"unit": org.opd_a.pk, "tahun": 2026, "bulan": 1}
    )
    assert response.status_code == 200
    assert response.context["baris"] is None and "Staf A Satu" not in response.content.decode()


def _banyak_konsekuensi(org, jumlah):
    from tests.factories import PegawaiFactory

    p = periode(2)
    for i in range(jumlah):
        kehadiran(PegawaiFactory(unit_kerja=org.bidang_a, nama=f"Pegawai {i}"), 4, tanpa_keterangan=3 + i % 20)
    services.terapkan_aturan(org.admin, p.pk)


@pytest.mark.parametrize("jumlah", [3, 30])
def test_the_outcome_list_runs_a_fixed_number_of_queries(client, org, data, jumlah, django_assert_max_num_queries):
    _banyak_konsekuensi(org, jumlah)
    c = klien(client, org, "admin")
    with django_assert_max_num_queries(14):
        assert c.get(reverse("evaluasi:konsekuensi_daftar")).status_code == 200


@pytest.mark.parametrize("jumlah", [3, 30])
def test_the_rule_list_preview_and_tpp_run_a_fixed_number_of_queries(
    client, org, data, jumlah, django_assert_max_num_queries
):
    _banyak_konsekuensi(org, jumlah)
    c = klien(client, org, "admin")
    with django_assert_max_num_queries(10):
        c.get(reverse("evaluasi:aturan_daftar"))
    # 20 for the preview itself, plus the navbar bell's unread count that every page carries.
    with django_assert_max_num_queries(21):
        c.get(reverse("evaluasi:terapkan"), {"periode": data.periode.pk})
    with django_assert_max_num_queries(16):
        c.get(reverse("evaluasi:tpp"), {"unit": org.prov.pk, "tahun": 2026, "bulan": 4})
