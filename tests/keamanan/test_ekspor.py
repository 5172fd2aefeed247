"""Every export escapes text a spreadsheet would run as a formula (OWASP CSV injection); numbers stay numbers."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib import admin
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX

from core.spreadsheet import write_csv
from core.xlsx import write_xlsx
from evaluasi.models import BesaranTPP
from kinerja.models import Pegawai
from kinerja.pegawai.resources import PegawaiResource
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

PEMICU = ("=", "+", "-", "@", "\t", "\r")
MUATAN = ['=HYPERLINK("http://x","klik")', "+62 812", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def isi_muatan(org):
    """Stored text beginning with every formula trigger, in the columns the exports write."""
    p = Pegawai.objects.get(pk=org.staf_a1.pk)
    p.nama, p.jabatan, p.gelar_depan, p.gelar_belakang, p.no_hp = MUATAN[:5]
    p.save()
    org.bidang_a.nama = MUATAN[5]
    org.bidang_a.save()
    return org


@pytest.fixture
def muatan(org):
    return isi_muatan(org)


def sel_xlsx(data: bytes):
    buku = openpyxl.load_workbook(io.BytesIO(data))
    return [c for lembar in buku.worksheets for baris in lembar.iter_rows() for c in baris]


def sel_csv(data: bytes):
    teks = data.decode("utf-8-sig")
    pemisah = ";" if teks.split("\n", 1)[0].count(";") else ","
    return [v for baris in csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah) for v in baris]


def periksa_teks(nilai, muatan=MUATAN):
    """No text cell starts with a trigger, and every payload is there with its protective quote.

    XML turns a stored CR into LF, so an xlsx cell read back is compared with LF.
    """
    teks = [v.replace("\r", "\n") for v in nilai if isinstance(v, str)]
    assert not [v for v in teks if v.startswith(PEMICU + ("\n",))]
    for m in muatan:
        assert "'" + m.replace("\r", "\n") in teks, m


def periksa_xlsx(data: bytes, muatan=MUATAN):
    sel = sel_xlsx(data)
    assert not [c.coordinate for c in sel if c.data_type == "f"]
    periksa_teks([c.value for c in sel], muatan)
    return sel


def test_the_roster_export_escapes_every_cell_in_xlsx_and_csv(muatan, login):
    client = login(muatan.admin)
    sel = periksa_xlsx(client.get(reverse("ekspor_roster", args=["xlsx"])).content)
    # Dates stay dates.
    assert any(isinstance(c.value, datetime.datetime) for c in sel)
    periksa_teks(sel_csv(client.get(reverse("ekspor_roster", args=["csv"])).content))


def test_the_admin_roster_export_escapes_and_offers_only_csv_and_xlsx(muatan):
    dataset = PegawaiResource().export(Pegawai.objects.all())
    periksa_teks(sel_csv(dataset.export("csv").encode()))
    periksa_xlsx(dataset.export("xlsx"))
    assert admin.site._registry[Pegawai].get_export_formats() == [CSV, XLSX]


def test_the_evaluation_export_escapes_every_cell(org, login):
    s = Skenario(org)
    isi_muatan(org)
    nama = Pegawai.objects.get(pk=org.staf_a1.pk).nama_lengkap  # titles first: "-2+3 =HYPERLINK(...", a payload too
    data = login(org.hr_a).get(reverse("periode_ekspor", args=[s.periode.pk])).content
    # Full name, job and unit are the text columns this workbook takes from stored input.
    periksa_xlsx(data, [nama, MUATAN[1], MUATAN[5]])


def test_the_tpp_export_escapes_text_and_keeps_amounts_numeric(muatan, login):
    BesaranTPP.objects.create(tahun=2026, kelas_jabatan=7, besaran=Decimal(5_000_000))
    muatan.staf_a1.kelas_jabatan = 7
    muatan.staf_a1.save(update_fields=["kelas_jabatan"])
    url = reverse("evaluasi:tpp_ekspor") + f"?unit={muatan.opd_a.pk}&tahun=2026&bulan=1"
    buku = openpyxl.load_workbook(io.BytesIO(login(muatan.admin).get(url).content))
    baris = {r[0]: r for r in buku.active.iter_rows(min_row=2, values_only=True)}
    staf = baris[muatan.staf_a1.nip]
    assert staf[1] == "'" + MUATAN[0] and staf[2] == "'" + MUATAN[5].replace("\r", "\n")
    assert isinstance(staf[6], int | float) and staf[6] == 5_000_000
    assert not any(isinstance(v, str) and v.startswith(PEMICU) for r in baris.values() for v in r)


def test_the_shared_writers_escape_text_but_not_numbers_or_dates():
    tanggal = datetime.date(2026, 1, 31)
    baris = [[*MUATAN, -5, Decimal("-1.5"), 0, tanggal, "'=sudah", "biasa"]]
    judul = ["=judul", *[f"k{i}" for i in range(11)]]
    sel = sel_xlsx(write_xlsx("Uji", judul, baris))
    nilai = [c.value for c in sel]
    assert nilai[0] == "'=judul"
    data = nilai[len(judul) :]
    assert data[:6] == ["'" + m.replace("\r", "\n") for m in MUATAN]
    assert data[6:9] == [-5, -1.5, 0] and data[9] == datetime.datetime(2026, 1, 31)
    assert data[10:] == ["'=sudah", "biasa"]  # escaped once only
    csv_nilai = sel_csv(write_csv(judul, baris))
    assert csv_nilai[len(judul) :][:6] == ["'" + m for m in MUATAN]
    assert csv_nilai[len(judul) :][6:8] == ["-5", "-1.5"]
