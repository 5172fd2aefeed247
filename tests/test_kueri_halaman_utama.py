"""The main pages of the load benchmark (bench/halaman.py) run at most 12 queries, and as many for a larger
organisation as for a small one: the query count is fixed, whatever the number of ASN, evaluations or requests.

Each page is counted with the organisation of `org` (plus an open period, SKP, evaluations, roll-ups, service
requests and surveys), then again after 30 more ASN, their evaluations and 30 more completed requests with
surveys have been added.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinerja.penilaian import services_periode as svc_periode
from layanan.models import Permohonan, SurveiKepuasan
from rekap.services import hitung_rekap
from tests.conftest import kosongkan_cache
from tests.factories import PegawaiFactory, tugaskan_pengelola
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

# The tracking form's per-address budget lives in the cache: a fresh one per test, as in the service desk's tests.
from tests.layanan.factories import JenisLayananFactory, PermohonanFactory

pytestmark = pytest.mark.django_db

BATAS = 12


def _permohonan_selesai(jenis, n):
    sekarang = timezone.now()
    for _ in range(n):
        p = PermohonanFactory(
            jenis_layanan=jenis,
            status=Permohonan.Status.SELESAI,
            diterima_pada=sekarang - datetime.timedelta(days=2),
            selesai_pada=sekarang - datetime.timedelta(days=1),
        )
        SurveiKepuasan.objects.create(
            permohonan=p, jenis_layanan=jenis, diisi_pada=sekarang, **dict.fromkeys(SurveiKepuasan.FIELD_UNSUR, 3)
        )


@pytest.fixture
def data(org):
    s = Skenario(org)
    s.isi()
    data = type("Data", (), {"s": s, "org": org})
    data.jenis = JenisLayananFactory(kode="KTP", nama="Perekaman KTP-el", unit_kerja=org.opd_a)
    _permohonan_selesai(data.jenis, 2)
    data.tiket = Permohonan.objects.order_by("pk").first().nomor_tiket
    hitung_rekap([s.periode.pk])
    return data


def _perbesar(data, n=30):
    org = data.org
    for i in range(n):
        PegawaiFactory(unit_kerja=org.bidang_a, atasan=org.atasan_a, nama=f"Staf Tambahan {i:02d}")
    svc_periode.buat_evaluasi_periode(org.hr_a.user, data.s.periode.pk, [org.opd_a.pk])
    _permohonan_selesai(data.jenis, n)
    hitung_rekap([data.s.periode.pk])


# (page, who, URL, POST data): the pages bench/halaman.py loads, as each role opens them.
HALAMAN = {
    "daftar evaluasi periode": ("hr_a", lambda d: reverse("periode_detail", args=[d.s.periode.pk]), None),
    "cari ASN": ("hr_a", lambda d: reverse("daftar_pegawai") + "?q=Staf", None),
    "dasbor organisasi": ("hr_a", lambda d: reverse("rekap:organisasi"), None),
    "tim saya": ("atasan_a", lambda d: reverse("tim_saya"), None),
    "formulir evaluasi": ("staf_a1", lambda d: reverse("evaluasi_isi", args=[d.s.evaluasi().pk]), None),
    "IKM": (None, lambda d: reverse("layanan:hasil_ikm"), None),
    "lacak permohonan": (None, lambda d: reverse("layanan:lacak"), lambda d: {"nomor_tiket": d.tiket, "nik_4": "0001"}),
}


def _hitung(client, data, halaman, settings) -> int:
    """The queries of the page rendered afresh: with an empty cache, as its first visitor gets it."""
    kosongkan_cache(settings)
    _, url, post = HALAMAN[halaman]
    with CaptureQueriesContext(connection) as ctx:
        respons = client.post(url(data), post(data)) if post else client.get(url(data))
    assert respons.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("halaman", HALAMAN)
def test_main_page_runs_the_same_few_queries_for_a_small_and_a_larger_organisation(client, data, halaman, settings):
    siapa = HALAMAN[halaman][0]
    if siapa:
        client.force_login(getattr(data.org, siapa).user)
    kecil = _hitung(client, data, halaman, settings)
    _perbesar(data)
    besar = _hitung(client, data, halaman, settings)
    assert besar == kecil, f"{halaman}: {kecil} kueri, lalu {besar} dengan data lebih besar"
    assert kecil <= BATAS, f"{halaman}: {kecil} kueri"


def test_the_dashboard_of_hr_staff_managing_two_opd_runs_at_most_12_queries(client, data, settings):
    # Two top units take the other path of the dashboard: their roll-ups are added up.
    tugaskan_pengelola(data.org.hr_a.user, data.org.opd_b)
    client.force_login(data.org.hr_a.user)
    kecil = _hitung(client, data, "dasbor organisasi", settings)
    _perbesar(data)
    assert _hitung(client, data, "dasbor organisasi", settings) == kecil <= BATAS


def test_the_team_page_shows_50_subordinates_a_page_in_both_tables(client, data):
    _perbesar(data, n=60)
    client.force_login(data.org.atasan_a.user)
    pertama = client.get(reverse("tim_saya"))
    kedua = client.get(reverse("tim_saya") + "?halaman=2")
    assert pertama.context["halaman"].paginator.count == 62
    assert "62 pegawai aktif yang Anda nilai" in pertama.content.decode()
    assert [len(pertama.context["halaman"]), len(kedua.context["halaman"])] == [50, 12]
    # The evaluation table shows the same people as the team table on each page.
    for r in (pertama, kedua):
        assert [a.pegawai.pk for a in r.context["halaman_anggota"]] == [p.pk for p in r.context["halaman"]]
    assert "Staf Tambahan 59" in kedua.content.decode()
    assert "Staf Tambahan 59" not in pertama.content.decode()
