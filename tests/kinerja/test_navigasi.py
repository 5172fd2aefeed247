"""The navigation bar shows each role what it may use (and the server refuses the rest: see test_akses_halaman)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LINKS = {
    "Pegawai": "daftar_pegawai",
    "Unit Kerja": "pohon_unit",
    "Tim Saya": "tim_saya",
    "Profil Saya": "profil_saya",
}

EXPECTED = {
    "staf_a1": {"Profil Saya"},
    "atasan_a": {"Tim Saya", "Profil Saya"},
    "kepala": {"Tim Saya", "Profil Saya"},
    "hr_a": {"Pegawai", "Unit Kerja", "Profil Saya"},
    "hr_b": {"Pegawai", "Unit Kerja", "Profil Saya"},
    "petugas": {"Profil Saya"},
    "admin": {"Pegawai", "Unit Kerja"},
}


def _nav(response):
    html = response.content.decode()
    return html[html.index('id="nav-utama"') : html.index("</nav>")]


@pytest.mark.parametrize("role, visible", sorted(EXPECTED.items()))
def test_nav_shows_each_role_its_links(org, login, role, visible):
    nav = _nav(login(getattr(org, role)).get(reverse("beranda")))
    assert f'href="{reverse("beranda")}"' in nav
    for label, url_name in LINKS.items():
        assert (f'href="{reverse(url_name)}"' in nav) == (label in visible), label


def test_nav_marks_the_current_page(org, login):
    nav = _nav(login(org.hr_a).get(reverse("pohon_unit")))
    assert f'class="dropdown-item active" href="{reverse("pohon_unit")}" aria-current="page"' in nav
    # The menu holding the page is highlighted too; the others are not.
    toggle = '"nav-link dropdown-toggle{}" href="#" role="button" data-bs-toggle="dropdown" aria-expanded="false"'
    assert toggle.format(" active") + '><i class="bi bi-people" aria-hidden="true"></i> Kepegawaian' in nav
    assert toggle.format("") + '><i class="bi bi-headset" aria-hidden="true"></i> Layanan' in nav
    nav = _nav(login(org.hr_a).get(reverse("periode_daftar")))
    assert f'class="nav-link active" href="{reverse("periode_daftar")}" aria-current="page"' in nav
    # "Dasbor" only redirects to the dashboard a role may open; any dashboard page marks it.
    nav = _nav(login(org.hr_a).get(reverse("rekap:organisasi")))
    assert f'class="nav-link active" href="{reverse("rekap:dasbor")}" aria-current="page"' in nav


def test_nav_has_a_logout_button_that_posts(org, login):
    nav = _nav(login(org.staf_a1).get(reverse("beranda")))
    assert f'<form method="post" action="{reverse("logout")}">' in nav
    assert "Keluar" in nav


@pytest.mark.parametrize("role, shown", [("admin", True), ("hr_a", False), ("staf_a1", False), ("petugas", False)])
def test_import_link_is_for_administrators_only(org, login, role, shown):
    nav = _nav(login(getattr(org, role)).get(reverse("beranda")))
    assert ("Impor Pegawai" in nav) == shown
