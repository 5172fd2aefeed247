"""Dashboards: who may open which, what each role sees (HR only their units), filters, and query-count bounds."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import Periode, UnitKerja
from kinerja.penilaian import services_periode as svc_periode
from rekap import services
from tests.factories import PegawaiFactory, PeriodeFactory
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.django_db

ROLES = ["admin", "hr_a", "hr_b", "kepala", "atasan_a", "staf_a1", "staf_b", "petugas"]
ORGANISASI = {"admin", "hr_a", "hr_b"}
TIM = {"kepala", "atasan_a"}


@pytest.fixture
def dihitung(org):
    skenario = Skenario(org)
    skenario.nilai(org.staf_a1)
    skenario.ajukan(org.staf_a2)
    services.hitung_rekap(Periode.objects.values_list("pk", flat=True))
    return skenario


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_link_sends_each_role_to_its_first_dashboard(org, login, role):
    respons = login(getattr(org, role)).get(reverse("rekap:dasbor"))
    harapan = "rekap:organisasi" if role in ORGANISASI else "rekap:tim" if role in TIM else "rekap:saya"
    assert respons.status_code == 302 and respons.url == reverse(harapan)


def test_a_user_without_any_role_is_refused(db, client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("rekap:dasbor")).status_code == 403
    assert client.get(reverse("rekap:organisasi")).status_code == 403
    assert client.get(reverse("rekap:tim")).status_code == 403


@pytest.mark.parametrize("url_name", ["rekap:dasbor", "rekap:organisasi", "rekap:tim", "rekap:saya"])
def test_anonymous_users_are_sent_to_login(client, url_name):
    respons = client.get(reverse(url_name))
    assert respons.status_code == 302 and respons.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_the_organisation_dashboard_is_for_administrators_and_hr(org, login, dihitung, role):
    assert login(getattr(org, role)).get(reverse("rekap:organisasi")).status_code == (
        200 if role in ORGANISASI else 403
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_team_dashboard_is_for_supervisors(org, login, dihitung, role):
    assert login(getattr(org, role)).get(reverse("rekap:tim")).status_code == (200 if role in TIM else 403)


@pytest.mark.parametrize("role", ROLES)
def test_the_personal_dashboard_shows_each_asn_only_their_own_evaluations(org, login, dihitung, role):
    respons = login(getattr(org, role)).get(reverse("rekap:saya"))
    assert respons.status_code == 200
    if role == "admin":
        assert "belum terhubung" in respons.content.decode()
        return
    assert {e.pegawai_id for e in respons.context["evaluasi"]} <= {getattr(org, role).pk}


def test_the_administrator_sees_the_province_and_its_opd(org, login, dihitung):
    respons = login(org.admin).get(reverse("rekap:organisasi"))
    dasbor = respons.context["dasbor"]
    assert dasbor.unit.pk == org.prov.pk and dasbor.rekap.jumlah_evaluasi == 5
    assert [r.unit_kerja_id for r in dasbor.baris] == [org.opd_a.pk, org.opd_b.pk]
    html = respons.content.decode()
    assert 'id="grafik-status"' in html and 'data-grafik="grafik-status"' in html
    assert "Rekap terakhir dihitung" in html
    # No service figures without the layanan app.
    assert 'id="layanan-kosong"' in html and "belum ada data" in html


def test_drilling_down_shows_a_unit_and_its_sub_units_with_the_breadcrumb(org, login, dihitung):
    respons = login(org.admin).get(reverse("rekap:organisasi"), {"unit": org.opd_a.pk})
    dasbor = respons.context["dasbor"]
    assert [u.pk for u in dasbor.jalur] == [org.prov.pk, org.opd_a.pk]
    assert [r.unit_kerja_id for r in dasbor.baris] == [org.bidang_a.pk]
    bidang = dasbor.baris[0]
    assert (bidang.jumlah_dinilai, bidang.jumlah_diajukan, bidang.jumlah_draft) == (1, 1, 1)
    assert f'href="?periode={dihitung.periode.pk}&amp;unit={org.bidang_a.pk}"' in respons.content.decode()


def test_the_curve_is_shown_against_the_unit_rating(org, login, dihitung):
    respons = login(org.hr_a).get(reverse("rekap:organisasi"), {"unit": org.bidang_a.pk})
    assert respons.context["dasbor"].rekap.sesuai_kurva is True
    assert respons.context["kurva"] == ["Sangat Baik paling banyak 70%"]
    assert "Sangat Baik paling banyak 70%" in respons.content.decode()


def test_hr_staff_see_only_their_units(org, login, dihitung):
    respons = login(org.hr_a).get(reverse("rekap:organisasi"))
    dasbor = respons.context["dasbor"]
    assert dasbor.unit.pk == org.opd_a.pk and [u.pk for u in dasbor.jalur] == [org.opd_a.pk]
    assert {pk for pk, _ in dasbor.pilihan_unit} == {org.opd_a.pk, org.bidang_a.pk}
    assert "Dinas Kesehatan" not in respons.content.decode()
    for unit in (org.prov, org.opd_b):
        assert login(org.hr_a).get(reverse("rekap:organisasi"), {"unit": unit.pk}).status_code == 404
    assert login(org.hr_a).get(reverse("rekap:organisasi"), {"unit": "x"}).status_code == 404


def test_hr_staff_with_several_units_see_them_summed(org, login, dihitung):
    from tests.factories import tugaskan_pengelola

    tugaskan_pengelola(org.hr_b.user, org.opd_a)
    dasbor = login(org.hr_b).get(reverse("rekap:organisasi")).context["dasbor"]
    assert dasbor.unit is None and [r.unit_kerja_id for r in dasbor.baris] == [org.opd_a.pk, org.opd_b.pk]
    assert dasbor.rekap.jumlah_evaluasi == 5 and dasbor.rekap.sesuai_kurva is None
    assert [t.jumlah_evaluasi for t in dasbor.tren] == [5]


def test_the_period_filter_picks_a_period_and_defaults_to_the_newest_open_one(org, login, dihitung):
    lama = PeriodeFactory(tahun=2025, jenis="TAHUNAN", status="DITUTUP")
    klien = login(org.admin)
    assert klien.get(reverse("rekap:organisasi")).context["terpilih"] == dihitung.periode
    respons = klien.get(reverse("rekap:organisasi"), {"periode": lama.pk})
    assert respons.context["terpilih"] == lama
    assert "Belum ada rekap untuk periode ini." in respons.content.decode()
    assert klien.get(reverse("rekap:organisasi"), {"periode": "abc"}).context["terpilih"] == dihitung.periode


def test_before_any_roll_up_the_page_says_so(org, login):
    Skenario(org)
    html = login(org.admin).get(reverse("rekap:organisasi")).content.decode()
    assert "Rekap periode ini belum dihitung" in html and "Belum ada rekap untuk periode ini." in html


def test_the_team_dashboard_shows_the_supervisors_team(org, login, dihitung):
    respons = login(org.atasan_a).get(reverse("rekap:tim"))
    rekap = respons.context["dasbor"].rekap
    assert (rekap.jumlah_evaluasi, rekap.jumlah_dinilai, rekap.jumlah_diajukan, rekap.jumlah_baik) == (2, 1, 1, 1)
    assert 'data-grafik="grafik-status"' in respons.content.decode()
    # The head of OPD A rates only atasan_a.
    assert login(org.kepala).get(reverse("rekap:tim")).context["dasbor"].rekap.jumlah_evaluasi == 1


def test_the_personal_dashboard_shows_the_trend_with_mean_capaian(org, login, dihitung):
    respons = login(org.staf_a1).get(reverse("rekap:saya"))
    (evaluasi,) = respons.context["evaluasi"]
    assert evaluasi.predikat == "BAIK" and round(float(evaluasi.rata_capaian), 2) == 88.67
    assert respons.context["grafik_tren"]["label"] == [str(dihitung.periode)]


def test_the_nav_links_the_dashboard_for_every_role(org, login):
    for role in ROLES:
        html = login(getattr(org, role)).get(reverse("beranda")).content.decode()
        assert f'href="{reverse("rekap:dasbor")}"' in html, role


def test_no_inline_script_only_json_data(org, login, dihitung):
    html = login(org.admin).get(reverse("rekap:organisasi")).content.decode()
    for potongan in html.split("<script")[1:]:
        tag = potongan.split(">", 1)[0]
        assert "src=" in tag or 'type="application/json"' in tag, tag


def _jumlah_query(klien, url, **data):
    with CaptureQueriesContext(connection) as q:
        assert klien.get(url, data).status_code == 200
    return len(q)


def test_query_counts_do_not_grow_with_units_or_people(org, login, dihitung):
    klien = login(org.admin)
    sebelum = {n: _jumlah_query(klien, reverse(n)) for n in ("rekap:organisasi", "rekap:saya")} | {
        "unit": _jumlah_query(klien, reverse("rekap:organisasi"), unit=org.opd_a.pk)
    }
    for i in range(15):
        unit = UnitKerja.objects.create(kode=f"75.01.{i + 10}", nama=f"Seksi {i}", induk=org.opd_a)
        PegawaiFactory.create_batch(3, unit_kerja=unit)
    svc_periode.buat_evaluasi_periode(org.hr_a.user, dihitung.periode.pk, [org.opd_a.pk])
    services.hitung_rekap([dihitung.periode.pk])
    sesudah = {n: _jumlah_query(klien, reverse(n)) for n in ("rekap:organisasi", "rekap:saya")} | {
        "unit": _jumlah_query(klien, reverse("rekap:organisasi"), unit=org.opd_a.pk)
    }
    assert sesudah == sebelum
    # 12 for the roll-up dashboard, 3 for the per-service table (the services, their requests, their surveys).
    assert max(sesudah.values()) <= 15
    klien = login(org.atasan_a)
    assert _jumlah_query(klien, reverse("rekap:tim")) <= 12


def test_the_organisation_dashboard_lists_each_service_of_its_units_with_sla_and_ikm(org, login, dihitung):
    from layanan.kalender import WITA
    from layanan.models import Permohonan, SurveiKepuasan
    from tests.layanan.factories import JenisLayananFactory, PermohonanFactory

    pada = datetime.datetime(dihitung.periode.mulai.year, 2, 3, 10, 0, tzinfo=WITA)
    ktp = JenisLayananFactory(unit_kerja=org.opd_b, nama="Penerbitan KTP-el", kode="KTP")
    JenisLayananFactory(unit_kerja=org.opd_b, nama="Penerbitan Kartu Keluarga", kode="KK")
    JenisLayananFactory(unit_kerja=org.bidang_a, nama="Layanan Kepegawaian", kode="KPG")
    for tepat, jawaban in ((True, [4] * 9), (False, [2] * 9)):
        p = PermohonanFactory(
            jenis_layanan=ktp,
            status=Permohonan.Status.SELESAI,
            diterima_pada=pada - datetime.timedelta(days=1),
            batas_waktu=pada + datetime.timedelta(hours=1 if tepat else -1),
            selesai_pada=pada,
        )
        SurveiKepuasan.objects.create(
            permohonan=p,
            jenis_layanan=ktp,
            diisi_pada=pada,
            **dict(zip(SurveiKepuasan.FIELD_UNSUR, jawaban, strict=True)),
        )

    # Like every figure of this dashboard, the table shows the roll-up, not the requests as they come in.
    sebelum = login(org.hr_b).get(reverse("rekap:organisasi"), {"periode": dihitung.periode.pk})
    assert {j.kode: jumlah.selesai for j, jumlah in sebelum.context["layanan_per_jenis"]} == {"KTP": 0, "KK": 0}
    services.hitung_rekap([dihitung.periode.pk])

    respons = login(org.hr_b).get(reverse("rekap:organisasi"), {"periode": dihitung.periode.pk})
    baris = {j.kode: jumlah for j, jumlah in respons.context["layanan_per_jenis"]}
    # HR of Dinas Kesehatan (opd_b) sees its own services only, including one with nothing completed yet.
    assert set(baris) == {"KTP", "KK"}
    assert (baris["KTP"].selesai, baris["KTP"].persen_tepat_waktu, baris["KTP"].ikm) == (
        2,
        Decimal("50.00"),
        Decimal("75.00"),
    )
    assert baris["KK"].selesai == 0 and baris["KK"].ikm is None
    html = respons.content.decode()
    tabel = html[html.index('id="tabel-layanan"') :]
    assert "Penerbitan KTP-el" in tabel and "75,00" in tabel and "belum ada survei" in tabel
    semua = login(org.admin).get(reverse("rekap:organisasi"), {"periode": dihitung.periode.pk})
    assert {j.kode for j, _ in semua.context["layanan_per_jenis"]} == {"KTP", "KK", "KPG"}
