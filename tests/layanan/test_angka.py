"""The SQL aggregation behind the pages agrees with ikm.hitung_ikm; the officers' figures for evaluations."""

import datetime
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from layanan import ikm
from layanan.kalender import WITA
from layanan.models import Permohonan, SurveiKepuasan
from layanan.selectors import AngkaLayanan, angka_layanan_pegawai, hasil_survei, ikm_per_kelompok
from tests.layanan.factories import PermohonanFactory

pytestmark = pytest.mark.django_db
S = Permohonan.Status
HARI = datetime.datetime(2025, 3, 3, 10, 0, tzinfo=WITA)


def selesai(lay, petugas, *, jenis=None, tepat=True, jawaban=None, pada=HARI):
    p = PermohonanFactory(
        jenis_layanan=jenis or lay.jenis,
        petugas=petugas,
        status=S.SELESAI,
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


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_sql_aggregation_agrees_with_hitung_ikm_on_random_data(lay, seed):
    acak = random.Random(seed)
    per_layanan = {lay.jenis.pk: [], lay.jenis_jam.pk: []}
    for _ in range(acak.randint(1, 60)):
        jenis = acak.choice([lay.jenis, lay.jenis_jam])
        # Skewed answers so the bands vary between seeds.
        bawah = acak.randint(1, 3)
        jawaban = [acak.randint(bawah, 4) for _ in range(9)]
        selesai(lay, lay.petugas, jenis=jenis, jawaban=jawaban)
        per_layanan[jenis.pk].append(jawaban)
    dari_sql = ikm_per_kelompok(SurveiKepuasan.objects.all(), "jenis_layanan")
    for pk, jawaban in per_layanan.items():
        assert dari_sql.get(pk) == (ikm.hitung_ikm(jawaban) if jawaban else None)
    halaman = {h.jenis_layanan.pk: h for h in hasil_survei(HARI.date(), HARI.date())}
    for pk, jawaban in per_layanan.items():
        assert halaman[pk].hasil == (ikm.hitung_ikm(jawaban) if jawaban else None)
        assert halaman[pk].populasi == len(jawaban)


def test_the_page_counts_only_the_period(lay):
    selesai(lay, lay.petugas, jawaban=[4] * 9)
    selesai(lay, lay.petugas, jawaban=[1] * 9, pada=HARI - datetime.timedelta(days=40))
    (h,) = hasil_survei(HARI.date(), HARI.date(), jenis_layanan=lay.jenis)
    assert (h.responden, h.hasil.ikm, h.populasi, h.sampel_minimum, h.sampel_cukup) == (1, 100, 1, 1, True)


def test_officer_figures_count_completed_on_time_and_their_ikm(lay):
    selesai(lay, lay.petugas, tepat=True, jawaban=[4] * 9)
    selesai(lay, lay.petugas, tepat=True, jawaban=[3] * 9)
    selesai(lay, lay.petugas, tepat=False)
    selesai(lay, lay.staf_b, tepat=False, jawaban=[2] * 9)
    selesai(lay, lay.petugas, pada=HARI + datetime.timedelta(days=60))  # outside the period
    PermohonanFactory(jenis_layanan=lay.jenis, petugas=lay.petugas)  # still open
    with CaptureQueriesContext(connection) as ctx:
        angka = angka_layanan_pegawai(
            [lay.petugas.pk, lay.staf_b.pk, lay.staf_a1.pk], datetime.date(2025, 3, 1), datetime.date(2025, 3, 31)
        )
    assert len(ctx.captured_queries) == 1
    assert angka[lay.petugas.pk].sebagai_metrik() == {
        "layanan_selesai": 3,
        "persen_tepat_waktu": Decimal("66.67"),
        "ikm_layanan": ikm.hitung_ikm([[4] * 9, [3] * 9]).ikm,
    }
    assert angka[lay.staf_b.pk] == AngkaLayanan(
        layanan_selesai=1, persen_tepat_waktu=0, ikm_layanan=Decimal("50.00"), responden=1
    )
    assert lay.staf_a1.pk not in angka


def test_the_include_renders_the_figures(lay):
    isi = render_to_string(
        "layanan/_angka_layanan.html", {"angka": AngkaLayanan(3, Decimal("66.67"), Decimal("87.50"), 2)}
    )
    assert "66,67%" in isi and "87,50" in isi and "2 responden" in isi
    assert "Tidak ada permohonan" in render_to_string("layanan/_angka_layanan.html", {"angka": None})


def test_timezone_is_wita(settings):
    assert settings.TIME_ZONE == "Asia/Makassar"
    assert timezone.get_current_timezone_name() == "Asia/Makassar"
