"""Service pages: the unit head's access, object-level 404s, query-count bounds.

Which role gets which status on every page is the access matrix's (tests/keamanan/matriks.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from layanan.models import Permohonan
from tests.layanan.factories import PermohonanFactory

pytestmark = pytest.mark.django_db

PUBLIK = ["layanan:ajukan", "layanan:lacak", "layanan:hasil_ikm"]


def test_the_head_of_a_unit_follows_its_requests_but_does_not_serve_at_the_counter(lay, login):
    """The unit head is a relation the access matrix (tests/keamanan/matriks.py, every role's status on every
    page) has no column for."""
    client = login(lay.kepala_b)
    assert client.get(reverse("layanan:daftar")).status_code == 200
    assert client.get(reverse("layanan:rekap")).status_code == 200
    assert client.get(reverse("layanan:loket")).status_code == 403


@pytest.mark.parametrize("url_name", PUBLIK)
def test_public_pages_need_no_account(lay, client, url_name):
    assert client.get(reverse(url_name)).status_code == 200


def test_public_result_page_of_one_service_needs_no_account(lay, client):
    assert client.get(reverse("layanan:hasil_ikm_layanan", args=["KTP"])).status_code == 200
    assert client.get(reverse("layanan:hasil_ikm_layanan", args=["TIDAKADA"])).status_code == 404


@pytest.fixture
def permohonan_b(lay):
    """A request for OPD B's service handled by `petugas`."""
    return PermohonanFactory(jenis_layanan=lay.jenis, petugas=lay.petugas, nama_pemohon="Pemohon Rahasia")


# Detail of a request of OPD B's service.
@pytest.mark.parametrize(
    "role, status",
    [
        ("staf_a1", 404),
        ("atasan_a", 404),  # a supervisor, but not of anyone who handled it
        ("hr_a", 404),  # HR of another unit
        ("hr_b", 200),  # HR of the unit
        ("petugas_a", 404),  # an officer of another unit
        ("petugas", 200),  # an officer of the unit
        ("kepala_b", 200),  # the head of the unit offering the service
        ("admin", 200),
    ],
)
def test_request_detail_visibility_per_role(lay, login, permohonan_b, role, status):
    response = login(getattr(lay, role)).get(reverse("layanan:detail", args=[permohonan_b.pk]))
    assert response.status_code == status
    if status == 404:
        assert "Pemohon Rahasia" not in response.content.decode()


def test_supervisor_sees_requests_their_subordinate_handled(lay, login):
    p = PermohonanFactory(jenis_layanan=lay.jenis_a, petugas=lay.staf_a1)
    assert login(lay.atasan_a).get(reverse("layanan:detail", args=[p.pk])).status_code == 200


def test_an_unknown_id_and_a_hidden_id_look_the_same(lay, login, permohonan_b):
    client = login(lay.hr_a)
    assert client.get(reverse("layanan:detail", args=[permohonan_b.pk])).status_code == 404
    assert client.get(reverse("layanan:detail", args=[999_999])).status_code == 404


@pytest.mark.parametrize(
    "role, status",
    [("petugas_a", 404), ("hr_b", 403), ("kepala_b", 403), ("admin", 403), ("petugas", 302)],
)
def test_only_an_officer_of_the_unit_changes_the_state(lay, login, permohonan_b, role, status):
    url = reverse("layanan:ubah_status", args=[permohonan_b.pk])
    response = login(getattr(lay, role)).post(url, {"ke": "DIPROSES"})
    assert response.status_code == status
    permohonan_b.refresh_from_db()
    assert permohonan_b.status == ("DIPROSES" if status == 302 else "DITERIMA")


def test_state_change_needs_post_and_a_login(lay, client, login, permohonan_b):
    url = reverse("layanan:ubah_status", args=[permohonan_b.pk])
    assert client.post(url, {"ke": "DIPROSES"}).status_code == 302  # to the login page
    assert login(lay.petugas).get(url).status_code == 405


def test_lists_show_only_what_the_role_may_see(lay, login, permohonan_b):
    lain = PermohonanFactory(jenis_layanan=lay.jenis_a, nama_pemohon="Pemohon Unit A")
    for role, terlihat in [
        ("hr_a", [lain]),
        ("hr_b", [permohonan_b]),
        ("petugas", [permohonan_b]),
        ("admin", [lain, permohonan_b]),
    ]:
        isi = login(getattr(lay, role)).get(reverse("layanan:daftar")).content.decode()
        for p in (lain, permohonan_b):
            assert (p.nomor_tiket in isi) == (p in terlihat), (role, p)


def test_lists_mask_the_nik(lay, login, permohonan_b):
    isi = login(lay.petugas).get(reverse("layanan:loket")).content.decode()
    assert permohonan_b.nomor_tiket in isi
    assert permohonan_b.nik not in isi
    assert permohonan_b.nik[-4:] in isi


def _jumlah_query(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "role, url_name",
    [
        ("petugas", "layanan:loket"),
        ("petugas", "layanan:daftar"),
        ("hr_b", "layanan:daftar"),
        ("admin", "layanan:rekap"),
    ],
)
def test_list_pages_cost_the_same_queries_for_5_and_50_rows(lay, login, role, url_name):
    petugas_lain = [lay.petugas, lay.kepala_b, lay.staf_b]
    client = login(getattr(lay, role))
    url = reverse(url_name) + "?per=petugas"
    PermohonanFactory.create_batch(5, jenis_layanan=lay.jenis, petugas=lay.petugas)
    lima = _jumlah_query(client, url)
    for i in range(45):
        PermohonanFactory(jenis_layanan=[lay.jenis, lay.jenis_jam][i % 2], petugas=petugas_lain[i % 3])
    assert Permohonan.objects.count() == 50
    assert _jumlah_query(client, url) == lima
    assert lima <= 12


def test_an_invalid_filter_is_shown_beside_its_field_and_the_others_still_apply(lay, login, permohonan_b):
    sekarang = timezone.now()
    PermohonanFactory(
        jenis_layanan=lay.jenis,
        nama_pemohon="Pemohon Selesai",
        status=Permohonan.Status.SELESAI,
        diterima_pada=sekarang,
        selesai_pada=sekarang,
    )
    respons = login(lay.petugas).get(reverse("layanan:daftar"), {"tahun": "99999", "status": "SELESAI"})
    html = respons.content.decode()
    assert 'class="form-control is-invalid" placeholder' in html
    pesan = "Pastikan nilai ini lebih kecil dari atau sama dengan 2100."
    assert f'<div class="invalid-feedback" id="id_tahun_error">{pesan}</div>' in html
    assert "Pemohon Selesai" in html and permohonan_b.nomor_tiket not in html
    assert f"Setahun {timezone.localdate().year}" in html
