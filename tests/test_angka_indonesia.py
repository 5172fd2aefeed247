"""Every figure users read is written the Indonesian way (ARCHITECTURE.md, "Naming and language"): a decimal
comma, thousands grouped by dots. The pages below are rendered with fractional figures and scanned for a decimal
point in a percentage; the helpers that build text in Python are checked one by one."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluasi.models import BesaranTPP
from evaluasi.templatetags.aturan_tags import nilai_metrik
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian.predikat import KURVA_BAWAAN
from rekap import services as rekap
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario, penilaian

pytestmark = pytest.mark.django_db

# A figure with a decimal point right before a percent sign ("100.0%", "82.50 %"), outside attributes and scripts.
PERSEN_BERTITIK = re.compile(r"\d\.\d+\s*%")


def teks_terlihat(html: str) -> str:
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def pecahan(org):
    """staf_a1 rated Sangat Baik with fractional capaian (82,5% quantity), in a unit whose curve the agency set to
    at most 12,5% Sangat Baik, and the dashboards' roll-up."""
    kurva = {
        c: [{"predikat": list(s.predikat), "persen": s.persen, "minimal": s.minimal} for s in d]
        for c, d in KURVA_BAWAAN.items()
    }
    kurva["ISTIMEWA"] = [{"predikat": ["SANGAT_BAIK"], "persen": 12.5, "minimal": False}]
    svc_periode.simpan_pengaturan(org.admin, batas_capaian=120, rumus_efisiensi_tinggi=True, kurva=kurva)
    s = Skenario(org)
    s.isi(nilai=["8.25", "90", "12"])
    ev = s.evaluasi()
    svc.ajukan_evaluasi(org.staf_a1.user, ev.pk, ev.versi)
    ev = s.evaluasi()
    svc.nilai_evaluasi(org.atasan_a.user, ev.pk, ev.versi, **penilaian(ev, "DI_ATAS", "DI_ATAS"))
    rekap.hitung_rekap([s.periode.pk])
    return s


def test_pages_write_percentages_with_a_decimal_comma(org, login, pecahan):
    s = pecahan
    halaman = {
        "evaluasi": login(org.staf_a1).get(reverse("evaluasi_detail", args=[s.evaluasi().pk])),
        "unit": login(org.hr_a).get(reverse("periode_unit", args=[s.periode.pk, org.bidang_a.pk])),
        "dasbor": login(org.hr_a).get(reverse("rekap:organisasi"), {"unit": org.bidang_a.pk}),
    }
    teks = {nama: teks_terlihat(r.content.decode()) for nama, r in halaman.items()}
    for nama, isi in teks.items():
        assert halaman[nama].status_code == 200
        assert not PERSEN_BERTITIK.findall(isi), (nama, PERSEN_BERTITIK.findall(isi))
    assert "82,50%" in teks["evaluasi"] and "76,00%" in teks["evaluasi"]
    assert "Sangat Baik paling banyak 12,5% (saat ini 100,0%: 1 dari 1)" in teks["unit"]
    assert "Sangat Baik paling banyak 12,5%" in teks["dasbor"]


def test_the_history_writes_a_changed_realisation_the_indonesian_way(org, login):
    s = Skenario(org)
    s.ke_status("DIKEMBALIKAN")
    s.isi(nilai=["8.25", "90", "12"])
    html = teks_terlihat(login(org.staf_a1).get(reverse("evaluasi_detail", args=[s.evaluasi().pk])).content.decode())
    assert "(10 dokumen): 10 → 8,25" in html


@pytest.mark.parametrize(
    ("nilai", "teks"),
    [(Decimal("66.67"), "66,67"), ("66.67", "66,67"), (87.5, "87,5"), (3, "3"), (1500, "1.500"), ("BAIK", "Baik")],
)
def test_metric_values_of_rules_read_the_indonesian_way(nilai, teks):
    assert nilai_metrik(nilai) == teks


def test_a_tpp_base_is_written_in_rupiah_the_indonesian_way():
    assert str(BesaranTPP(tahun=2026, kelas_jabatan=7, besaran=Decimal("4500000.00"))).endswith("Rp4.500.000")
