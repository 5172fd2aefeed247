"""The periodic evaluations of a year feed the annual one: its pages show each period's ratings and realisations,
and the realisation form and the rating form start from them (kinerja/penilaian/tahunan.py)."""

import datetime

import pytest
from django.urls import reverse

from kinerja.models import EvaluasiKinerja
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode

from .bantuan_evaluasi import INDIKATOR, TAHUN, penilaian, skp_atasan, skp_disetujui

pytestmark = pytest.mark.django_db


def _periode(user, jenis, nomor, mulai, selesai):
    periode = svc_periode.buka_periode(
        user,
        tahun=TAHUN,
        jenis=jenis,
        nomor=nomor,
        mulai=mulai,
        selesai=selesai,
        batas_pengisian=selesai + datetime.timedelta(days=10),
        batas_penilaian=selesai + datetime.timedelta(days=20),
    )
    svc_periode.buat_evaluasi_periode(user, periode.pk, [user_unit(user)])
    return periode


def user_unit(user):
    return user.penugasan_pengelola.get().unit_kerja_id


def _nilai(org, periode, realisasi, hasil, perilaku):
    ev = EvaluasiKinerja.objects.get(periode=periode, pegawai=org.staf_a1)
    indikator = ev.skp.rhk.get().indikator.order_by("urutan")
    isian = [svc.IsianRealisasi(i.pk, n) for i, n in zip(indikator, realisasi, strict=True)]
    ev = svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, isian)
    ev = svc.ajukan_evaluasi(org.staf_a1.user, ev.pk, ev.versi)
    return svc.nilai_evaluasi(org.atasan_a.user, ev.pk, ev.versi, **penilaian(ev, hasil, perilaku))


@pytest.fixture
def tahun(org):
    """staf_a1 rated in two quarters (Q1: 4 documents, Sesuai/Sesuai; Q2: 9 documents, Di Atas/Sesuai), and the
    annual period open with their annual evaluation in draft."""
    skp_disetujui(org.staf_a1, skp_atasan(org.atasan_a))
    hr = org.hr_a.user
    q1 = _periode(hr, "TRIWULANAN", 1, datetime.date(TAHUN, 1, 1), datetime.date(TAHUN, 3, 31))
    q2 = _periode(hr, "TRIWULANAN", 2, datetime.date(TAHUN, 4, 1), datetime.date(TAHUN, 6, 30))
    _nilai(org, q1, [4, 85, 12], "SESUAI", "SESUAI")
    _nilai(org, q2, [9, 92, 12], "DI_ATAS", "SESUAI")
    tahunan = _periode(hr, "TAHUNAN", 1, datetime.date(TAHUN, 1, 1), datetime.date(TAHUN, 12, 31))
    return type("Tahun", (), {"q1": q1, "q2": q2, "tahunan": tahunan})


def test_the_annual_evaluation_shows_each_quarters_ratings_and_realisations(client, org, tahun):
    ev = EvaluasiKinerja.objects.get(periode=tahun.tahunan, pegawai=org.staf_a1)
    client.force_login(org.staf_a1.user)
    halaman = client.get(reverse("evaluasi_detail", args=[ev.pk]))
    riwayat = halaman.context["tahun"]
    assert [e.periode for e in riwayat.evaluasi] == [tahun.q1, tahun.q2]
    assert [b.per_periode for b in riwayat.realisasi] == [[4, 9], [85, 92], [12, 12]]
    teks = halaman.content.decode()
    assert f"Evaluasi periodik {TAHUN}" in teks
    assert "hasil kerja <strong>Di Atas Ekspektasi</strong>, perilaku kerja <strong>Sesuai Ekspektasi</strong>" in teks

    # A quarter's own page has no such section.
    q1 = EvaluasiKinerja.objects.get(periode=tahun.q1, pegawai=org.staf_a1)
    assert client.get(reverse("evaluasi_detail", args=[q1.pk])).context["tahun"] is None


def test_the_annual_realisation_form_starts_from_the_latest_quarter(client, org, tahun):
    ev = EvaluasiKinerja.objects.get(periode=tahun.tahunan, pegawai=org.staf_a1)
    client.force_login(org.staf_a1.user)
    form = client.get(reverse("evaluasi_isi", args=[ev.pk])).context["form"]
    indikator = ev.skp.rhk.get().indikator.order_by("urutan")
    assert [form[f"realisasi_{i.pk}"].value() for i in indikator] == [9, 92, 12]
    # What the ASN saved is what the form shows next, not the proposal.
    isian = [svc.IsianRealisasi(i.pk, n) for i, n in zip(indikator, [10, 95, 11], strict=True)]
    svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, isian)
    form = client.get(reverse("evaluasi_isi", args=[ev.pk])).context["form"]
    assert [form[f"realisasi_{i.pk}"].value() for i in indikator] == [10, 95, 11]


def test_the_appraiser_starts_the_annual_rating_from_the_quarters(client, org, tahun):
    ev = EvaluasiKinerja.objects.get(periode=tahun.tahunan, pegawai=org.staf_a1)
    indikator = ev.skp.rhk.get().indikator.order_by("urutan")
    isian = [svc.IsianRealisasi(i.pk, n[4]) for i, n in zip(indikator, INDIKATOR, strict=True)]
    ev = svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, isian)
    svc.ajukan_evaluasi(org.staf_a1.user, ev.pk, ev.versi)
    client.force_login(org.atasan_a.user)
    form = client.get(reverse("evaluasi_nilai", args=[ev.pk])).context["form"]
    # Q1 Sesuai and Q2 Di Atas: a tie, the later quarter's; behaviour Sesuai both times.
    assert (form["rating_hasil_kerja"].value(), form["rating_perilaku_kerja"].value()) == ("DI_ATAS", "SESUAI")
