"""The period's XLSX export: the evaluations with their capaian per RHK summarised, and a "Realisasi" sheet with
each indicator's target, realisation and capaian and its RHK's capaian (capaian.py), numbers as numbers; read in a
fixed number of queries whatever the number of ASN."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.models import EvaluasiKinerja, RealisasiIndikator
from kinerja.penilaian.capaian import capaian_aspek, rata_rata_capaian
from tests.factories import EvaluasiKinerjaFactory, IndikatorKinerjaFactory, PegawaiFactory
from tests.kinerja.penilaian.bantuan_evaluasi import REALISASI_LENGKAP, skenario_lengkap

pytestmark = pytest.mark.django_db

JUDUL_EVALUASI = [
    "NIP",
    "Nama",
    "Jabatan",
    "Unit kerja",
    "Pejabat penilai kinerja",
    "Status",
    "Rating hasil kerja",
    "Rating perilaku kerja",
    "Predikat kinerja",
    "Jumlah RHK",
    "Capaian RHK terendah (%)",
    "Capaian RHK tertinggi (%)",
    "Diajukan",
    "Dinilai",
    "Difinalkan",
]
JUDUL_REALISASI = [
    "NIP",
    "Nama",
    "Unit kerja",
    "Jenis RHK",
    "Rencana hasil kerja",
    "Indikator kinerja",
    "Aspek",
    "Target",
    "Satuan",
    "Realisasi",
    "Capaian indikator (%)",
    "Capaian RHK (%)",
    "Penilaian kualitatif",
]


@pytest.fixture
def lengkap(org):
    return skenario_lengkap(org)


def unduh(client, periode, **filter_):
    response = client.get(reverse("periode_ekspor", args=[periode.pk]), filter_)
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def baris(lembar, nip):
    """The rows of one ASN as {header: cell}, in sheet order."""
    judul = [c.value for c in lembar[1]]
    return [dict(zip(judul, r, strict=True)) for r in lembar.iter_rows(min_row=2) if r[0].value == nip]


def test_the_workbook_has_the_evaluations_and_a_realisation_sheet(lengkap, org, login):
    buku = unduh(login(org.hr_a), lengkap.periode)
    assert buku.sheetnames == ["Triwulan I 2026", "Realisasi"]
    assert [c.value for c in buku.worksheets[0][1]] == JUDUL_EVALUASI
    assert [c.value for c in buku["Realisasi"][1]] == JUDUL_REALISASI
    assert all(c.font.b for c in buku["Realisasi"][1])


def test_the_evaluation_row_summarises_the_capaian_of_its_rhk(lengkap, org, login):
    lembar = unduh(login(org.hr_a), lengkap.periode).worksheets[0]
    (staf,) = baris(lembar, org.staf_a1.nip)
    assert staf["NIP"].data_type == "s" and staf["NIP"].number_format == "@"
    assert [staf[k].value for k in ("Nama", "Pejabat penilai kinerja", "Status", "Predikat kinerja")] == [
        "Staf A Satu",
        "Atasan A",
        "Dinilai",
        "Baik",
    ]
    # The utama RHK's capaian is 88.67 (DOMAIN.md §2), the tambahan one's 80: the lowest and the highest.
    assert staf["Jumlah RHK"].value == 2
    assert (staf["Capaian RHK terendah (%)"].value, staf["Capaian RHK tertinggi (%)"].value) == (80, 88.67)
    assert staf["Capaian RHK tertinggi (%)"].data_type == "n"
    assert staf["Capaian RHK tertinggi (%)"].number_format == "0.00"
    ev = EvaluasiKinerja.objects.get(periode=lengkap.periode, pegawai=org.staf_a1)
    dinilai = staf["Dinilai"]
    assert dinilai.number_format == "dd/mm/yyyy hh:mm"
    # Written as the WITA wall-clock time.
    assert abs(dinilai.value - timezone.localtime(ev.dinilai_pada).replace(tzinfo=None)) < datetime.timedelta(seconds=1)
    # Filled in but not yet rated, and nothing filled in: the RHK are counted, the capaian left empty.
    (dua,) = baris(lembar, org.staf_a2.nip)
    assert [dua[k].value for k in ("Status", "Jumlah RHK", "Capaian RHK terendah (%)", "Predikat kinerja")] == [
        "Draf",
        1,
        None,
        None,
    ]


def test_the_realisation_sheet_has_every_indicator_utama_first_with_the_capaian_of_the_rules(lengkap, org, login):
    lembar = unduh(login(org.hr_a), lengkap.periode)["Realisasi"]
    rows = baris(lembar, org.staf_a1.nip)
    nilai = [[c.value for c in r.values()] for r in rows]
    utama = rata_rata_capaian(
        [capaian_aspek("KUANTITAS", 10, 10), capaian_aspek("KUALITAS", 100, 90), capaian_aspek("WAKTU", 12, 12)]
    )
    assert utama == Decimal("88.67")
    analisis, bidang = "Tersusunnya analisis jabatan", "Bidang Pengembangan"
    assert nilai == [
        [org.staf_a1.nip, "Staf A Satu", bidang, "Utama", analisis, "Dokumen analisis jabatan", "Kuantitas"]
        + [10, "dokumen", 10, 100, 88.67, None],
        [org.staf_a1.nip, "Staf A Satu", bidang, "Utama", analisis, "Kesesuaian dengan standar", "Kualitas"]
        + [100, "%", 90, 90, 88.67, None],
        [org.staf_a1.nip, "Staf A Satu", bidang, "Utama", analisis, "Waktu penyelesaian", "Waktu"]
        + [12, "bulan", 12, 76, 88.67, None],
        [org.staf_a1.nip, "Staf A Satu", bidang, "Tambahan", "Menjadi narasumber sosialisasi SKP", "Jam narasumber"]
        + ["Kuantitas", 2.5, "jam", REALISASI_LENGKAP["Jam narasumber"], 80, 80, None],
    ]
    target, realisasi, capaian = rows[3]["Target"], rows[3]["Realisasi"], rows[3]["Capaian indikator (%)"]
    assert {target.data_type, realisasi.data_type, capaian.data_type} == {"n"}
    assert (target.number_format, realisasi.number_format, capaian.number_format) == ("#,##0.00", "#,##0.00", "0.00")
    # An ASN who has filled in nothing yet: each indicator with its target, the realisation and capaian empty.
    kolom = ("Target", "Realisasi", "Capaian indikator (%)", "Capaian RHK (%)")
    dua = [[r[k].value for k in kolom] for r in baris(lembar, org.staf_a2.nip)]
    assert dua == [[10, None, None, None], [100, None, None, None], [12, None, None, None]]


def test_the_export_keeps_the_lists_filters(lengkap, org, login):
    buku = unduh(login(org.hr_a), lengkap.periode, status="DINILAI")
    assert [r[0] for r in buku.worksheets[0].iter_rows(min_row=2, values_only=True)] == [org.staf_a1.nip]
    assert {r[0] for r in buku["Realisasi"].iter_rows(min_row=2, values_only=True)} == {org.staf_a1.nip}


def test_the_export_reads_a_fixed_number_of_queries_whatever_the_number_of_asn(
    lengkap, org, login, django_assert_max_num_queries
):
    client = login(org.hr_a)
    url = reverse("periode_ekspor", args=[lengkap.periode.pk])
    with CaptureQueriesContext(connection) as sedikit:
        sebelum = load_workbook(BytesIO(client.get(url).content))
    for _ in range(6):
        pegawai = PegawaiFactory(unit_kerja=org.bidang_a, atasan=org.atasan_a)
        indikator = IndikatorKinerjaFactory(rhk__skp__pegawai=pegawai)
        IndikatorKinerjaFactory(rhk=indikator.rhk)
        ev = EvaluasiKinerjaFactory(periode=lengkap.periode, pegawai=pegawai, skp=indikator.rhk.skp)
        RealisasiIndikator.objects.create(
            evaluasi=ev, indikator=indikator, realisasi=5, capaian=50, diisi_sebagai="PEGAWAI"
        )
    with django_assert_max_num_queries(len(sedikit)):
        buku = load_workbook(BytesIO(client.get(url).content))
    assert buku.worksheets[0].max_row == sebelum.worksheets[0].max_row + 6
    assert buku["Realisasi"].max_row == sebelum["Realisasi"].max_row + 12
    assert len(sedikit) <= 8
