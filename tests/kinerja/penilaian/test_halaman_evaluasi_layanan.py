"""The evaluation pages show the ASN's public-service figures for the period."""

import datetime

import pytest
from django.urls import reverse

from layanan.kalender import WITA
from layanan.models import Permohonan, SurveiKepuasan
from tests.kinerja.penilaian.bantuan_evaluasi import TAHUN, Skenario
from tests.layanan.factories import PermohonanFactory

pytestmark = pytest.mark.django_db


def selesai(petugas, pada, *, tepat=True, jawaban=None):
    """A request the officer completed at `pada`, on time or late, with an optional survey."""
    p = PermohonanFactory(
        petugas=petugas,
        status=Permohonan.Status.SELESAI,
        diterima_pada=pada - datetime.timedelta(days=1),
        batas_waktu=pada + datetime.timedelta(hours=1 if tepat else -1),
        selesai_pada=pada,
    )
    if jawaban:
        SurveiKepuasan.objects.create(
            permohonan=p,
            jenis_layanan=p.jenis_layanan,
            diisi_pada=pada,
            **dict(zip(SurveiKepuasan.FIELD_UNSUR, jawaban, strict=True)),
        )
    return p


def test_the_evaluation_and_review_pages_show_the_officers_service_figures_for_the_period(org, login):
    s = Skenario(org)
    dalam_periode = datetime.datetime(TAHUN, 2, 3, 10, 0, tzinfo=WITA)
    selesai(org.staf_a1, dalam_periode, jawaban=[4] * 9)
    selesai(org.staf_a1, dalam_periode, tepat=False, jawaban=[3] * 9)
    # Completed after the period ends: not counted in it.
    selesai(org.staf_a1, datetime.datetime(TAHUN, 4, 2, 10, 0, tzinfo=WITA))
    ev = s.ajukan(org.staf_a1)

    for siapa, url in (
        (org.staf_a1, reverse("evaluasi_detail", args=[ev.pk])),
        (org.atasan_a, reverse("evaluasi_nilai", args=[ev.pk])),
    ):
        html = login(siapa).get(url).content.decode()
        assert "Layanan publik pada periode ini" in html
        kartu = html[html.index('id="angka-layanan"') :]
        assert '<div class="fs-4 fw-semibold">2</div><div class="small text-muted">permohonan selesai' in kartu
        assert '<div class="fs-4 fw-semibold">50,00%</div><div class="small text-muted">tepat waktu' in kartu
        # IKM of two respondents answering all 4s and all 3s: (4 + 3) / 2 × 25.
        assert '<div class="fs-4 fw-semibold">87,50</div><div class="small text-muted">IKM (2 responden)' in kartu


def test_an_asn_without_service_requests_gets_no_service_card(org, login):
    ev = Skenario(org).evaluasi(org.staf_a2)
    html = login(org.staf_a2).get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert "Layanan publik pada periode ini" not in html
