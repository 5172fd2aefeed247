"""Roster pages: what a refused user is told, and that a hidden ASN looks like a missing one.

Which role gets which status on every page is the access matrix's (tests/keamanan/matriks.py)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_forbidden_page_explains_in_indonesian(org, login):
    response = login(org.staf_a1).get(reverse("daftar_pegawai"))
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


# Detail of staf_a1 (bidang A, supervised by atasan_a, who is supervised by kepala): the relations the access
# matrix (tests/keamanan/matriks.py, which holds every role's status on every page) has no column for.
@pytest.mark.parametrize("role", ["kepala", "staf_a2"])
def test_the_supervisors_supervisor_and_a_colleague_do_not_find_the_asn(org, login, role):
    response = login(getattr(org, role)).get(reverse("detail_pegawai", args=[org.staf_a1.pk]))
    assert response.status_code == 404
    assert org.staf_a1.nama not in response.content.decode()


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
