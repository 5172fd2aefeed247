"""The printed Dokumen Evaluasi Kinerja Pegawai and its annex (PermenPANRB 6/2022): every RHK with its indicators,
targets, realisations, capaian and feedback; the BerAKHLAK values with the ekspektasi khusus pimpinan and the
feedback; the ratings; three signature blocks dated by the finalisation, in WITA, never by the print."""

import datetime
import re
from decimal import Decimal
from types import SimpleNamespace
from unittest import mock

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kinerja.models import EvaluasiKinerja, PerilakuKerja
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian.forms import PANDUAN_BERAKHLAK
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario, skenario_lengkap, tambah_rhk

pytestmark = pytest.mark.django_db

# 20 April 2026, 17:30 UTC is already 21 April in Gorontalo (WITA, UTC+8).
DIFINALKAN = datetime.datetime(2026, 4, 20, 17, 30, tzinfo=datetime.UTC)


@pytest.fixture
def lengkap(org):
    return skenario_lengkap(org)


def finalkan(s):
    with mock.patch("kinerja.penilaian.services_periode.timezone.now", return_value=DIFINALKAN):
        svc_periode.finalkan_unit(s.org.hr_a.user, s.periode.pk, s.org.bidang_a.pk, pengecualian=s.belum_dinilai())
    return s.evaluasi()


def dokumen(login, user, ev):
    response = login(user).get(reverse("evaluasi_dokumen", args=[ev.pk]))
    assert response.status_code == 200
    return response.content.decode()


def lampiran(html):
    """The annex: what follows its title."""
    return html[html.index("LAMPIRAN DOKUMEN EVALUASI KINERJA PEGAWAI") :]


def teks(html):
    """The page's text with tags removed and spaces collapsed, as a reader sees it."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_annex_lists_every_rhk_utama_first_with_indicators_realisation_capaian_and_feedback(lengkap, login):
    html = lampiran(dokumen(login, lengkap.org.staf_a1, finalkan(lengkap)))
    urutan = [
        "A. UTAMA",
        "Tersusunnya analisis jabatan",
        "RHK atasan yang diintervensi: Meningkatnya kualitas pengembangan SDM aparatur",
        "Dokumen analisis jabatan",
        "Kesesuaian dengan standar",
        "Waktu penyelesaian",
        "Umpan balik untuk Tersusunnya analisis jabatan.",
        "B. TAMBAHAN",
        "Menjadi narasumber sosialisasi SKP",
        "Jam narasumber",
        "Umpan balik untuk Menjadi narasumber sosialisasi SKP.",
        "PERILAKU KERJA",
    ]
    posisi = [html.index(t) for t in urutan]
    assert posisi == sorted(posisi)
    tampak = teks(html)
    # Target and realisation with their unit, capaian per indicator and per RHK, all with a decimal comma.
    for baris in (
        "Dokumen analisis jabatan Kuantitas 10 dokumen 10 dokumen 100,00%",
        "Kesesuaian dengan standar Kualitas 100 % 90 % 90,00%",
        "Waktu penyelesaian Waktu 12 bulan 12 bulan 76,00%",
        "Capaian RHK 88,67%",
        "Jam narasumber Kuantitas 2,50 jam 2 jam 80,00%",
        "Capaian RHK 80,00%",
        "Rating hasil kerja Di Atas Ekspektasi",
    ):
        assert baris in tampak, baris


def test_the_annex_shows_the_seven_values_with_the_appraisers_expectation_feedback_and_the_ratings(lengkap, login):
    tampak = teks(lampiran(dokumen(login, lengkap.org.atasan_a, finalkan(lengkap))))
    perilaku = tampak[tampak.index("PERILAKU KERJA") :]
    posisi = []
    for nomor, nilai in enumerate(PerilakuKerja.Nilai, start=1):
        assert f"{nomor} {nilai.label} {PANDUAN_BERAKHLAK[nilai]}" in perilaku, nilai
        assert f"Umpan balik {nilai.label} berkelanjutan." in perilaku, nilai
        posisi.append(perilaku.index(nilai.label))
    assert posisi == sorted(posisi)
    assert f"{PANDUAN_BERAKHLAK['KOLABORATIF']} Memimpin tim kecil lintas bidang." in perilaku
    assert "Rating perilaku kerja Sesuai Ekspektasi" in perilaku
    assert "Predikat kinerja pegawai BAIK" in perilaku


def test_the_signatures_are_three_and_dated_by_the_finalisation_in_wita_not_the_print(lengkap, login):
    ev = finalkan(lengkap)
    html = dokumen(login, lengkap.org.staf_a1, ev)
    tampak = teks(html)
    assert "Gorontalo, 21 April 2026" in tampak
    assert tampak.count("Gorontalo, 21 April 2026") == 2  # under the document and under its annex
    hari_ini = date_format(timezone.localdate(), "j F Y")
    assert hari_ini != "21 April 2026" and f"Gorontalo, {hari_ini}" not in tampak
    assert f"Dicetak dari Kinerja ASN Gorontalo · {hari_ini}" in tampak  # the print's own date, in the footer
    org = lengkap.org
    for peran, orang in (
        ("Pegawai yang Dinilai,", org.staf_a1),
        ("Pejabat Penilai Kinerja,", org.atasan_a),
        ("Atasan Pejabat Penilai Kinerja,", org.atasan_a.atasan),
    ):
        nip = f"{orang.nip[:8]} {orang.nip[8:14]} {orang.nip[14]} {orang.nip[15:]}"
        assert re.search(rf"{peran}.*?{re.escape(orang.nama_lengkap)} NIP {nip}", tampak), peran
    assert tampak.count("Atasan Pejabat Penilai Kinerja,") == 2
    assert "DRAF" not in html and "<script>" not in html


def test_a_draft_says_so_and_leaves_the_date_blank(lengkap, login):
    ev = lengkap.evaluasi()
    assert ev.status == "DINILAI"
    tampak = teks(dokumen(login, lengkap.org.atasan_a, ev))
    assert tampak.count("DRAF — belum final") == 2
    assert tampak.count("Gorontalo, …………………… (tanggal diisi saat evaluasi difinalkan)") == 2
    assert not re.search(r"Gorontalo, \d", tampak)


def test_the_annex_of_an_evaluation_without_a_plan_says_what_is_missing(org, login):
    s = Skenario(org)
    tanpa_skp = EvaluasiKinerja.objects.filter(periode=s.periode, skp__isnull=True).first()
    tampak = teks(lampiran(dokumen(login, org.hr_a, tanpa_skp)))
    assert "Evaluasi ini belum terhubung dengan SKP yang disetujui." in tampak
    assert "Rating hasil kerja –" in tampak and "Predikat kinerja pegawai –" in tampak
    # atasan_a's own SKP has an RHK without indicators yet.
    tampak = teks(lampiran(dokumen(login, org.hr_a, s.evaluasi(org.atasan_a))))
    assert "Meningkatnya kualitas pengembangan SDM aparatur Belum ada indikator. Capaian RHK –" in tampak


def test_an_appraiser_outside_the_roster_shows_only_what_is_known():
    # The PPK may come from outside the roster: a name and a jabatan, no NIP, golongan or unit.
    luar = SimpleNamespace(nama_lengkap="Dr. Rahmat Pakaya, M.Si.", jabatan="Asisten Administrasi Umum")
    identitas = teks(render_to_string("kinerja/penilaian/_dokumen_orang.html", {"orang": luar}))
    assert identitas.strip() == (
        "Nama Dr. Rahmat Pakaya, M.Si. NIP – Pangkat / golongan – Jabatan Asisten Administrasi Umum Unit kerja –"
    )
    ttd = teks(render_to_string("kinerja/penilaian/_dokumen_ttd_orang.html", {"orang": luar, "peran": "PPK,"}))
    assert ttd.strip() == "PPK, Asisten Administrasi Umum Dr. Rahmat Pakaya, M.Si."
    kosong = teks(render_to_string("kinerja/penilaian/_dokumen_ttd_orang.html", {"orang": None, "peran": "PPK,"}))
    assert kosong.strip() == "PPK, ……………………"


def test_the_document_reads_a_fixed_number_of_queries_whatever_the_number_of_rhk(lengkap, login, org):
    client = login(org.staf_a1)
    url = reverse("evaluasi_dokumen", args=[lengkap.evaluasi().pk])
    client.get(url)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url)
    for k in range(4):
        tambah_rhk(
            lengkap.skp_a1,
            "UTAMA",
            f"RHK tambahan ke-{k}",
            [(f"Indikator {k}-{i}", "KUALITAS", Decimal(100), "%") for i in range(3)],
        )
    with CaptureQueriesContext(connection) as banyak:
        html = client.get(url).content.decode()
    assert "RHK tambahan ke-3" in html and "Indikator 3-2" in html
    assert len(banyak) == len(sedikit)


def test_the_document_stays_within_its_query_budget(lengkap, login, org, django_assert_max_num_queries):
    client = login(org.staf_a1)
    url = reverse("evaluasi_dokumen", args=[EvaluasiKinerja.objects.get(pegawai=org.staf_a1).pk])
    # The evaluation (with both appraisers and their units) and its parts (realisations, rencana aksi, feedback,
    # behaviour, history, dialog), the plan, the expectations, the organisational performance; the same for any
    # number of RHK (the test above).
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
