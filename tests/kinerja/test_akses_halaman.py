"""Who may open which roster page: every page against every role of the `org` fixture."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["staf_a1", "atasan_a", "hr_b", "hr_a", "petugas", "admin"]

# page → role → expected status; the roster pages are about unit A (bidang_a / staf_a1).
EXPECTED = {
    "daftar_pegawai": {"staf_a1": 403, "atasan_a": 403, "hr_b": 200, "hr_a": 200, "petugas": 403, "admin": 200},
    "pohon_unit": {"staf_a1": 403, "atasan_a": 403, "hr_b": 200, "hr_a": 200, "petugas": 403, "admin": 200},
    "tim_saya": {"staf_a1": 403, "atasan_a": 200, "hr_b": 403, "hr_a": 403, "petugas": 403, "admin": 403},
    "profil_saya": dict.fromkeys(ROLES, 200),
    "beranda": dict.fromkeys(ROLES, 200),
}


@pytest.mark.parametrize("url_name", sorted(EXPECTED))
def test_anonymous_is_redirected_to_login(client, url_name):
    url = reverse(url_name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(
    "url_name, role, status",
    [(url_name, role, status) for url_name, per_role in sorted(EXPECTED.items()) for role, status in per_role.items()],
)
def test_each_role_gets_the_expected_status(org, login, url_name, role, status):
    response = login(getattr(org, role)).get(reverse(url_name))
    assert response.status_code == status


def test_forbidden_page_explains_in_indonesian(org, login):
    response = login(org.staf_a1).get(reverse("daftar_pegawai"))
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


def test_anonymous_detail_redirects_to_login(org, client):
    url = reverse("detail_pegawai", args=[org.staf_a1.pk])
    assert client.get(url)["Location"] == f"{reverse('login')}?next={url}"


# Detail of staf_a1 (bidang A, supervised by atasan_a, who is supervised by kepala).
@pytest.mark.parametrize(
    "role, status",
    [
        ("staf_a1", 200),  # themself
        ("atasan_a", 200),  # direct supervisor
        ("kepala", 404),  # the supervisor's supervisor is not the direct supervisor
        ("staf_a2", 404),  # a colleague
        ("hr_b", 404),  # HR of another unit
        ("hr_a", 200),  # HR of the unit (assigned the OPD, which covers its bidang)
        ("petugas", 404),
        ("admin", 200),
    ],
)
def test_asn_detail_visibility_per_role(org, login, role, status):
    response = login(getattr(org, role)).get(reverse("detail_pegawai", args=[org.staf_a1.pk]))
    assert response.status_code == status


def test_hr_of_other_unit_gets_404_for_asn_detail(org, login):
    response = login(org.hr_b).get(reverse("detail_pegawai", args=[org.atasan_a.pk]))
    assert response.status_code == 404
    assert "Atasan A" not in response.content.decode()


def test_an_unknown_id_and_a_hidden_id_look_the_same(org, login):
    client = login(org.hr_b)
    hidden = client.get(reverse("detail_pegawai", args=[org.staf_a1.pk]))
    missing = client.get(reverse("detail_pegawai", args=[999_999]))
    assert hidden.status_code == missing.status_code == 404
    # Same page apart from the per-response CSRF token of the logout form.
    assert _tanpa_csrf(hidden.content.decode()) == _tanpa_csrf(missing.content.decode())


def _tanpa_csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
