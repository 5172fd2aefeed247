"""Opening a period on HR's period page: the type and year fill the number and the dates (on the server, so it works
without JavaScript; the page carries the same suggestions for static/js/periode.js), and a bad combination is
refused beside its field, changing nothing."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.models import Periode
from layanan.kalender import WITA
from tests.factories import PeriodeFactory

pytestmark = pytest.mark.django_db
URL = reverse("periode_daftar")


@pytest.fixture(autouse=True)
def hari_ini(monkeypatch):
    """15 May 2026, 07:00 WITA (still 14 May in UTC): the second quarter of 2026."""
    sekarang = datetime.datetime(2026, 5, 15, 7, 0, tzinfo=WITA)
    monkeypatch.setattr(timezone, "now", lambda: sekarang)
    return sekarang.date()


def _galat(response):
    return response.context["form"].errors


def test_type_and_year_alone_open_the_current_quarter_with_its_dates(org, login):
    response = login(org.hr_a).post(URL, {"tahun": 2026, "jenis": "TRIWULANAN"}, follow=True)
    p = Periode.objects.get()
    assert (p.jenis, p.nomor, p.mulai, p.selesai) == (
        "TRIWULANAN",
        2,
        datetime.date(2026, 4, 1),
        datetime.date(2026, 6, 30),
    )
    # Five and ten working days after Tuesday 30 June.
    assert (p.batas_pengisian, p.batas_penilaian) == (datetime.date(2026, 7, 7), datetime.date(2026, 7, 14))
    assert "Periode Triwulan II 2026 dibuka." in [str(m) for m in response.context["messages"]]


def test_the_next_quarter_is_suggested_once_the_current_one_is_open(org, login):
    PeriodeFactory(tahun=2026, jenis="TRIWULANAN", nomor=2)
    login(org.hr_a).post(URL, {"tahun": 2026, "jenis": "TRIWULANAN"})
    assert Periode.objects.filter(nomor=3, mulai=datetime.date(2026, 7, 1)).exists()


def test_what_hr_typed_is_kept_and_an_empty_deadline_follows_the_date_before_it(org, login):
    # The filling deadline moved past a holiday: the rating deadline counts its five working days from there.
    login(org.hr_a).post(URL, {"tahun": 2025, "jenis": "TAHUNAN", "batas_pengisian": "2026-01-20", "mulai": ""})
    p = Periode.objects.get()
    assert (p.nomor, p.mulai, p.selesai) == (1, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert (p.batas_pengisian, p.batas_penilaian) == (datetime.date(2026, 1, 20), datetime.date(2026, 1, 27))


def test_a_shorter_period_gets_its_deadlines_from_its_own_end(org, login):
    login(org.hr_a).post(URL, {"tahun": 2026, "jenis": "BULANAN", "nomor": 3, "selesai": "2026-03-20"})
    p = Periode.objects.get()
    assert (p.mulai, p.selesai) == (datetime.date(2026, 3, 1), datetime.date(2026, 3, 20))
    assert (p.batas_pengisian, p.batas_penilaian) == (datetime.date(2026, 3, 27), datetime.date(2026, 4, 3))


@pytest.mark.parametrize(
    ("data", "field", "pesan"),
    [
        ({"tahun": 2026, "jenis": "TRIWULANAN", "nomor": 5}, "nomor", "Nomor periode triwulanan harus 1–4."),
        ({"tahun": 2026, "jenis": "TAHUNAN", "nomor": 2}, "nomor", "Nomor periode tahunan harus 1–1."),
        ({"tahun": 2026, "jenis": "BULANAN", "nomor": 13}, "nomor", "lebih kecil dari atau sama dengan 12"),
        ({"tahun": 1999, "jenis": "TRIWULANAN"}, "tahun", "lebih besar dari atau sama dengan 2000"),
        ({"tahun": 2026, "jenis": "MINGGUAN"}, "jenis", "MINGGUAN bukan salah satu dari pilihan"),
        ({"tahun": 2026, "jenis": "TRIWULANAN", "nomor": 1, "mulai": "2025-12-01"}, "mulai", "dalam tahun 2026"),
        (
            {"tahun": 2026, "jenis": "BULANAN", "nomor": 3, "selesai": "2026-02-27"},
            "selesai",
            "Tanggal selesai tidak boleh sebelum tanggal mulai.",
        ),
        (
            {"tahun": 2026, "jenis": "BULANAN", "nomor": 3, "batas_penilaian": "2026-04-01"},
            "batas_penilaian",
            "Batas penilaian tidak boleh sebelum batas pengisian.",
        ),
        ({"tahun": 2026, "jenis": "TRIWULANAN", "mulai": "1 Mei"}, "mulai", "Masukkan tanggal yang valid"),
    ],
)
def test_a_bad_combination_is_refused_beside_its_field(org, login, data, field, pesan):
    response = login(org.hr_a).post(URL, data)
    assert response.status_code == 200
    assert any(pesan in g for g in _galat(response)[field]), _galat(response)
    assert not Periode.objects.exists()


def test_a_period_already_opened_is_named_in_the_refusal(org, login):
    PeriodeFactory(tahun=2026, jenis="SEMESTERAN", nomor=1)
    response = login(org.hr_a).post(URL, {"tahun": 2026, "jenis": "SEMESTERAN", "nomor": 1})
    assert _galat(response)["nomor"] == ["Periode Semester I 2026 sudah dibuka."]
    assert Periode.objects.count() == 1


def test_when_every_period_of_the_year_is_open_hr_is_told(org, login):
    PeriodeFactory(tahun=2026, jenis="TAHUNAN", nomor=1)
    response = login(org.hr_a).post(URL, {"tahun": 2026, "jenis": "TAHUNAN"})
    assert _galat(response)["nomor"] == ["Semua periode tahunan tahun 2026 sudah dibuka."]
    assert Periode.objects.count() == 1


def test_the_empty_form_shows_the_current_quarter_and_the_suggestions_for_the_script(org, login):
    PeriodeFactory(tahun=2026, jenis="BULANAN", nomor=5)
    html = login(org.hr_a).get(URL).content.decode()
    assert re.search(r'name="nomor" value="2"', html) and 'name="mulai" value="2026-04-01"' in html
    assert 'name="batas_pengisian" value="2026-07-07"' in html and "5 hari kerja (Senin–Jumat)" in html
    usulan = json.loads(re.search(r'<script id="usulan-periode" type="application/json">(.*?)</script>', html).group(1))
    assert usulan["BULANAN"]["2026"]["nomor"] == 6  # May is open: June next
    assert usulan["TAHUNAN"]["2025"]["periode"]["1"] == {
        "nama": "Tahunan 2025",
        "mulai": "2025-01-01",
        "selesai": "2025-12-31",
        "batas_pengisian": "2026-01-07",
        "batas_penilaian": "2026-01-14",
    }
    assert sorted(usulan["TRIWULANAN"]) == ["2024", "2025", "2026", "2027"]
    assert 'src="/static/js/periode.js"' in html
