"""Personal pages are not kept by a shared office browser (core/cache_headers.py): every page a signed-in user
gets, exports and downloads included, says Cache-Control: private, no-store; so does a citizen's tracking result.
The public pages an anonymous visitor reads keep their own headers."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils.cache import get_max_age

from tests.keamanan.bantuan import isi_argumen, semua_pola
from tests.keamanan.matriks import baris_untuk
from tests.layanan.factories import NIK_CONTOH, PermohonanFactory

pytestmark = pytest.mark.django_db


def arahan(response) -> set[str]:
    return {d.strip().split("=")[0] for d in response.get("Cache-Control", "").split(",") if d.strip()}


def get_dibatalkan(client, url):
    """A GET whose writes are rolled back (a page may mark a notification read), with a fresh cache."""
    cache.clear()
    with transaction.atomic():
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    return response


# Not pages: resources the same for everyone, read by the browser itself (tested below to be public).
SAMA_UNTUK_SEMUA = {"manifest"}


@pytest.mark.parametrize("peran", ["pegawai", "hr_unit", "admin"])
def test_every_page_a_signed_in_user_gets_is_private_and_not_stored(adegan, client, peran):
    client.force_login(adegan.pengguna(peran))
    dilihat, salah = [], []
    for pola in semua_pola():
        baris = baris_untuk(pola.kunci, pola.rute, pola.nama)
        if baris is None or baris.harapan("get")[peran] != "200" or pola.kunci in SAMA_UNTUK_SEMUA:
            continue
        try:
            url = isi_argumen(pola, baris, adegan.nilai, adegan)
        except AssertionError:  # the scene lacks a row for an admin page: the matrix test names it
            continue
        response = get_dibatalkan(client, url)
        if response.status_code == 200:
            dilihat.append(pola.kunci)
            if not {"private", "no-store"} <= arahan(response):
                salah.append(f"{url} ({pola.kunci}): {response.get('Cache-Control')!r}")
    assert not salah, f"Peran {peran}, tanpa private, no-store:\n" + "\n".join(salah)
    assert len(dilihat) > 20


def test_an_xlsx_export_download_is_private_and_not_stored(adegan, client):
    client.force_login(adegan.org.hr_a.user)
    response = client.get(reverse("periode_ekspor", args=[adegan.nilai["periode"]]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"]
    assert {"private", "no-store"} <= arahan(response)


def test_an_evidence_download_is_private_and_not_stored(adegan, client):
    client.force_login(adegan.org.staf_a1.user)
    response = get_dibatalkan(client, reverse("bukti_berkas", args=[adegan.nilai["realisasi"]]))
    assert response.status_code == 200
    assert {"private", "no-store"} <= arahan(response)


def test_the_web_app_manifest_is_the_same_for_everyone_and_may_be_cached(org, client):
    anonim = client.get(reverse("manifest"))
    client.force_login(org.admin)
    masuk = client.get(reverse("manifest"))
    assert anonim.content == masuk.content
    assert "public" in arahan(masuk) and "private" not in arahan(masuk) and get_max_age(masuk) == 24 * 60 * 60


def test_a_page_that_already_says_never_cache_keeps_what_it_says(org, client):
    org.admin.is_staff = org.admin.is_superuser = True
    org.admin.save()
    client.force_login(org.admin)
    response = client.get(reverse("admin:index"))  # the admin's never_cache
    assert {"private", "no-store", "no-cache", "must-revalidate"} <= arahan(response)
    assert get_max_age(response) == 0


@pytest.mark.parametrize("nama", ["beranda", "layanan:hasil_ikm", "layanan:lacak", "layanan:ajukan"])
def test_public_pages_for_an_anonymous_visitor_are_not_made_private(client, nama):
    response = client.get(reverse(nama))
    assert response.status_code == 200
    assert "private" not in arahan(response) and "no-store" not in arahan(response)


def test_a_citizens_tracking_result_is_private_and_not_stored(client):
    permohonan = PermohonanFactory(nik=NIK_CONTOH)
    response = client.post(reverse("layanan:lacak"), {"nomor_tiket": permohonan.nomor_tiket, "nik_4": NIK_CONTOH[-4:]})
    assert response.status_code == 200 and permohonan.nomor_tiket in response.content.decode()
    assert {"private", "no-store"} <= arahan(response)


def test_a_page_showing_what_an_anonymous_session_holds_is_private(client):
    permohonan = PermohonanFactory(nomor_tiket="T-000123")
    session = client.session
    session["tanda_terima"] = [permohonan.nomor_tiket]
    session.save()
    response = client.get(reverse("layanan:tanda_terima", args=["T-000123"]))
    assert response.status_code == 200 and "T-000123" in response.content.decode()
    assert {"private", "no-store"} <= arahan(response)


def test_the_survey_page_of_a_request_is_private(adegan, client):
    response = client.get(reverse("layanan:survei", args=[adegan.nilai["token_survei"]]))
    assert response.status_code == 200
    assert {"private", "no-store"} <= arahan(response)
