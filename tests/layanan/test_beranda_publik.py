"""The public front page at /: what the offices offer per OPD, the citizens' three ways in, and a discreet staff
login; signed-in staff keep their dashboard there."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UnitKerjaFactory
from tests.layanan.factories import JenisLayananFactory

pytestmark = pytest.mark.django_db
URL = reverse("beranda")


def test_a_visitor_sees_each_opds_services_with_requirements_fee_and_time(lay, client):
    lay.jenis.biaya = 25000
    lay.jenis.save()
    JenisLayananFactory(nama="Layanan Lama", unit_kerja=lay.opd_b, aktif=False)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    per_opd = {o.unit.nama: [j.nama for j in o.layanan] for o in response.context["per_opd"]}
    assert per_opd == {
        "Badan Kepegawaian Daerah": ["Kartu Identitas Anak"],
        "Dinas Kesehatan": ["Perekaman KTP-el", "Surat Keterangan Pindah"],
    }
    assert "Layanan Lama" not in html
    assert "Rp25.000" in html and "3 hari kerja" in html and "4 jam kerja" in html and "Fotokopi KK" in html
    assert f"{reverse('layanan:ajukan')}?layanan=KTP" in html


def test_a_visitor_finds_applying_tracking_the_survey_results_and_the_staff_login(lay, client):
    html = client.get(URL).content.decode()
    for teks, url in [
        ("Ajukan permohonan", reverse("layanan:ajukan")),
        ("Lacak permohonan", reverse("layanan:lacak")),
        ("Hasil survei kepuasan (IKM)", reverse("layanan:hasil_ikm")),
        ("Masuk pegawai", reverse("login")),
    ]:
        assert teks in html and f'href="{url}"' in html


def test_a_service_of_a_bidang_is_listed_under_its_opd(lay, client):
    bidang = UnitKerjaFactory(kode="75.02.01", nama="Bidang Pelayanan", induk=lay.opd_b)
    seksi = UnitKerjaFactory(kode="75.02.01.01", nama="Seksi Loket", induk=bidang)
    JenisLayananFactory(nama="Legalisir Akta", unit_kerja=seksi)
    response = client.get(URL)
    opd = next(o for o in response.context["per_opd"] if o.unit == lay.opd_b)
    assert "Legalisir Akta" in [j.nama for j in opd.layanan]
    # The card names the unit that actually serves it.
    assert "Seksi Loket" in response.content.decode()


def test_signed_in_staff_keep_their_dashboard_at_the_root(lay, login):
    response = login(lay.hr_a).get(URL)
    assert response.status_code == 200
    assert "ringkasan" in response.context and "per_opd" not in response.context
    assert "Masuk pegawai" not in response.content.decode()


def test_the_login_page_links_back_to_the_public_page(client, db):
    html = client.get(reverse("login")).content.decode()
    assert f'href="{URL}" id="ke-layanan-publik"' in html


def test_the_front_page_costs_the_same_queries_for_3_and_40_services(lay, client, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as sedikit:
        client.get(URL)
    for nomor in range(12):
        opd = UnitKerjaFactory(kode=f"75.{10 + nomor}", nama=f"Dinas {nomor}", induk=lay.prov)
        bidang = UnitKerjaFactory(kode=f"75.{10 + nomor}.01", induk=opd)
        JenisLayananFactory.create_batch(2, unit_kerja=opd)
        JenisLayananFactory(unit_kerja=bidang)
    with django_assert_max_num_queries(2):
        response = client.get(URL)
    assert len(response.context["per_opd"]) == 14
    # With many OPDs, a list of them on top jumps to each one's services.
    assert f'href="#opd-{lay.opd_b.pk}"' in response.content.decode()
    assert len(sedikit.captured_queries) == 2


def test_without_any_open_service_the_page_says_where_to_go(client, db):
    html = client.get(URL).content.decode()
    assert "Belum ada layanan yang dibuka secara daring" in html
