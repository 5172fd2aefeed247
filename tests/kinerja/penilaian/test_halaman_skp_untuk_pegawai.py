"""HR staff start an ASN's SKP from the ASN's page; nobody else can, and nothing changes when refused."""

import pytest
from django.urls import reverse

from kinerja.models import SKP, RiwayatSKP

pytestmark = pytest.mark.django_db
TAHUN = 2026


def url(pegawai):
    return reverse("skp_buat_untuk", args=[pegawai.pk])


def test_hr_of_the_unit_sees_the_form_and_starts_the_asns_skp(org, login):
    client = login(org.hr_a)
    halaman = client.get(reverse("detail_pegawai", args=[org.staf_a1.pk])).content.decode()
    assert f'action="{url(org.staf_a1)}"' in halaman and "Buat SKP untuk pegawai ini" in halaman

    respons = client.post(url(org.staf_a1), {"tahun": TAHUN})

    skp = SKP.objects.get(pegawai=org.staf_a1, tahun=TAHUN)
    assert respons.url == reverse("skp_detail", args=[skp.pk])
    assert skp.status == SKP.Status.DRAFT
    assert RiwayatSKP.objects.get(skp=skp).oleh == org.hr_a.user
    halaman = client.get(reverse("detail_pegawai", args=[org.staf_a1.pk])).content.decode()
    assert f'href="{reverse("skp_detail", args=[skp.pk])}"' in halaman


def test_a_second_skp_for_the_same_year_is_refused_with_a_message(org, login):
    client = login(org.hr_a)
    client.post(url(org.staf_a1), {"tahun": TAHUN})
    respons = client.post(url(org.staf_a1), {"tahun": TAHUN}, follow=True)
    assert f"SKP tahun {TAHUN} untuk pegawai ini sudah ada." in respons.content.decode()
    assert SKP.objects.filter(pegawai=org.staf_a1).count() == 1


@pytest.mark.parametrize(
    "siapa, status",
    [
        ("hr_b", 404),  # HR of another unit may not even see the ASN
        ("petugas", 404),
        ("atasan_a", 403),  # the supervisor sees the ASN but approves the plan, does not write it
        ("staf_a2", 404),
    ],
)
def test_others_cannot_start_an_asns_skp_and_nothing_changes(org, login, siapa, status):
    client = login(getattr(org, siapa))
    assert client.post(url(org.staf_a1), {"tahun": TAHUN}).status_code == status
    assert not SKP.objects.exists()


def test_anonymous_is_sent_to_login_and_get_is_not_allowed(client, org, login):
    assert client.post(url(org.staf_a1), {"tahun": TAHUN}).url.startswith(reverse("login"))
    assert login(org.hr_a).get(url(org.staf_a1)).status_code == 405
    assert not SKP.objects.exists()


@pytest.mark.parametrize("siapa, lihat", [("atasan_a", "staf_a1"), ("staf_a1", "staf_a1")])
def test_the_supervisor_and_the_asn_see_the_skp_card_without_the_form(org, login, siapa, lihat):
    halaman = login(getattr(org, siapa)).get(reverse("detail_pegawai", args=[getattr(org, lihat).pk]))
    html = halaman.content.decode()
    assert 'id="skp-pegawai"' in html and "Buat SKP untuk pegawai ini" not in html
