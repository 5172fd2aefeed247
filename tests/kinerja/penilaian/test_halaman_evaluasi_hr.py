"""HR staff's pages: periods, creating evaluations, the period's list with progress, the unit's curve and
finalising, the settings, and the XLSX export."""

import datetime
import time
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from config import celery_app
from core.spreadsheet import escape_cell
from kinerja.models import EvaluasiKinerja, KinerjaOrganisasi, PengaturanKinerja, PengecualianKurva, Periode
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from tests.factories import PegawaiFactory, pegawai_dengan_akun
from tests.kinerja.penilaian.bantuan_evaluasi import TAHUN, Skenario, buka_periode, isian_finalisasi

pytestmark = pytest.mark.django_db


def _pesan(response):
    return [str(m) for m in response.context["messages"]]


def test_hr_opens_a_period_through_the_form(org, login):
    client = login(org.hr_a)
    data = {
        "tahun": TAHUN,
        "jenis": "BULANAN",
        "nomor": 2,
        "mulai": "2026-02-01",
        "selesai": "2026-02-28",
        "batas_pengisian": "2026-03-05",
        "batas_penilaian": "2026-03-10",
    }
    response = client.post(reverse("periode_daftar"), data, follow=True)
    periode = Periode.objects.get()
    assert (periode.jenis, periode.nomor, periode.dibuat_oleh) == ("BULANAN", 2, org.hr_a.user)
    assert "Periode Bulan Februari 2026 dibuka." in _pesan(response)
    assert "Bulan Februari 2026" in login(org.hr_b).get(reverse("periode_daftar")).content.decode()


def test_an_invalid_period_shows_the_services_field_errors(org, login):
    data = {
        "tahun": TAHUN,
        "jenis": "TRIWULANAN",
        "nomor": 7,
        "mulai": "2025-01-01",
        "selesai": "2026-03-31",
        "batas_pengisian": "2026-04-10",
        "batas_penilaian": "2026-04-01",
    }
    response = login(org.hr_a).post(reverse("periode_daftar"), data)
    assert response.status_code == 200
    galat = response.context["form"].errors
    assert "harus 1–4" in galat["nomor"][0]
    assert "dalam tahun 2026" in galat["mulai"][0]
    assert "Batas penilaian tidak boleh sebelum" in galat["batas_penilaian"][0]
    assert not Periode.objects.exists()


def test_closing_and_reopening_a_period_with_a_reason(org, login):
    s = Skenario(org)
    url = reverse("periode_detail", args=[s.periode.pk])
    client = login(org.admin)
    response = client.post(reverse("periode_tutup", args=[s.periode.pk]), follow=True)
    assert "hanya dapat dibaca" in _pesan(response)[0]
    assert Periode.objects.get().status == "DITUTUP"
    assert "Buka kembali periode" in client.get(url).content.decode()
    response = client.post(reverse("periode_buka_kembali", args=[s.periode.pk]), {"alasan": "  "}, follow=True)
    assert "Alasan membuka kembali periode wajib diisi." in _pesan(response)
    assert Periode.objects.get().status == "DITUTUP"
    client.post(reverse("periode_buka_kembali", args=[s.periode.pk]), {"alasan": "Data terlambat"})
    periode = Periode.objects.get()
    assert periode.status == "DIBUKA" and periode.pembukaan_kembali.get().alasan == "Data terlambat"


def test_buat_evaluasi_for_a_small_unit_runs_inline_and_skips_existing_ones(org, login):
    s = Skenario(org)
    PegawaiFactory(unit_kerja=org.bidang_a, atasan=org.atasan_a)
    client = login(org.hr_a)
    response = client.post(reverse("periode_buat_evaluasi", args=[s.periode.pk]), {"unit": [org.opd_a.pk]}, follow=True)
    assert "1 evaluasi dibuat; 5 pegawai sudah memiliki evaluasi periode ini." in _pesan(response)
    assert EvaluasiKinerja.objects.filter(periode=s.periode).count() == 6


def test_buat_evaluasi_is_refused_for_a_unit_hr_does_not_manage(org, login):
    s = Skenario(org)
    response = login(org.hr_a).post(
        reverse("periode_buat_evaluasi", args=[s.periode.pk]), {"unit": [org.opd_b.pk]}, follow=True
    )
    assert "Pilih paling sedikit satu unit kerja yang Anda kelola." in _pesan(response)
    assert not EvaluasiKinerja.objects.filter(pegawai__unit_kerja=org.opd_b).exists()


def test_buat_evaluasi_for_many_asn_runs_as_a_task_after_commit(
    org, login, settings, django_capture_on_commit_callbacks
):
    settings.EVALUASI_LATAR_BELAKANG = 2
    s = Skenario(org)
    svc_periode.buat_evaluasi_periode(org.hr_b.user, s.periode.pk, [org.opd_b.pk])
    EvaluasiKinerja.objects.filter(pegawai__unit_kerja=org.opd_b).delete()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = login(org.hr_b).post(
            reverse("periode_buat_evaluasi", args=[s.periode.pk]), {"unit": [org.opd_b.pk]}, follow=True
        )
    assert "sedang dibuat di latar belakang" in _pesan(response)[0]
    assert not EvaluasiKinerja.objects.filter(pegawai__unit_kerja=org.opd_b).exists()
    assert len(callbacks) == 1
    callbacks[0]()  # the task runs eagerly under test
    assert EvaluasiKinerja.objects.filter(pegawai__unit_kerja=org.opd_b).count() == 3


def test_the_period_list_filters_by_unit_state_and_predikat_and_shows_progress(org, login):
    s = Skenario(org)
    s.nilai(org.staf_a1, "DI_ATAS", "DI_ATAS")
    client = login(org.hr_a)
    url = reverse("periode_detail", args=[s.periode.pk])
    semua = client.get(url).context["halaman"].object_list
    assert len(semua) == 5
    dinilai = client.get(url, {"status": "DINILAI"}).context["halaman"].object_list
    assert [e.pegawai for e in dinilai] == [org.staf_a1]
    assert [e.pegawai for e in client.get(url, {"predikat": "SANGAT_BAIK"}).context["halaman"].object_list] == [
        org.staf_a1
    ]
    response = client.get(url, {"unit": org.bidang_a.pk})
    assert {e.pegawai for e in response.context["halaman"].object_list} == {org.atasan_a, org.staf_a1, org.staf_a2}
    progres = {u["pegawai__unit_kerja__kode"]: u for u in response.context["progres"]}
    assert (progres["75.01.01"]["total"], progres["75.01.01"]["dinilai"]) == (3, 1)
    html = response.content.decode()
    assert 'class="progress-stacked"' in html and reverse("periode_unit", args=[s.periode.pk, org.bidang_a.pk]) in html


def test_the_period_list_is_paginated(org, login):
    s = Skenario(org)
    for i in range(55):
        PegawaiFactory(unit_kerja=org.bidang_a, nama=f"Pegawai {i:02d}")
    svc_periode.buat_evaluasi_periode(org.hr_a.user, s.periode.pk, [org.opd_a.pk])
    halaman = login(org.hr_a).get(reverse("periode_detail", args=[s.periode.pk]), {"halaman": 2}).context["halaman"]
    assert halaman.paginator.count == 60 and len(halaman.object_list) == 10


def test_the_period_list_counts_what_it_lists_with_and_without_filters(org, login):
    s = Skenario(org)
    s.nilai(org.staf_a1, "DI_ATAS", "DI_ATAS")
    for i in range(55):
        PegawaiFactory(unit_kerja=org.bidang_a, nama=f"Pegawai {i:02d}")
    svc_periode.buat_evaluasi_periode(org.hr_a.user, s.periode.pk, [org.opd_a.pk])
    client = login(org.hr_a)
    url = reverse("periode_detail", args=[s.periode.pk])
    semua = client.get(url)
    assert semua.context["halaman"].paginator.num_pages == 2
    assert "Menampilkan 1–50 dari 60 evaluasi" in semua.content.decode()
    dinilai = client.get(url, {"status": "DINILAI"})
    assert dinilai.context["halaman"].paginator.num_pages == 1
    assert "Menampilkan 1–1 dari 1 evaluasi" in dinilai.content.decode()
    draf = client.get(url, {"status": "DRAFT", "halaman": 2})
    assert draf.context["halaman"].paginator.count == 59 and len(draf.context["halaman"].object_list) == 9


def test_the_unit_chooser_opens_the_units_page(org, login):
    s = Skenario(org)
    response = login(org.hr_a).get(reverse("periode_detail", args=[s.periode.pk]), {"unit_kelola": org.bidang_a.pk})
    assert response["Location"] == reverse("periode_unit", args=[s.periode.pk, org.bidang_a.pk])


@pytest.mark.parametrize("halaman", ["hr_list", "unit"])
def test_hr_pages_run_the_same_number_of_queries_with_3_and_30_rows(org, login, django_assert_max_num_queries, halaman):
    s = Skenario(org)
    url = (
        reverse("periode_detail", args=[s.periode.pk])
        if halaman == "hr_list"
        else reverse("periode_unit", args=[s.periode.pk, org.bidang_a.pk])
    )
    client = login(org.hr_a)
    PengaturanKinerja.aktif()  # created once, on first use
    hitung = []
    for tambahan in (3, 27):
        for i in range(tambahan):
            pegawai_dengan_akun(unit_kerja=org.bidang_a, atasan=org.atasan_a, nama=f"Tambahan {tambahan}-{i:02d}")
        svc_periode.buat_evaluasi_periode(org.hr_a.user, s.periode.pk, [org.bidang_a.pk])
        with django_assert_max_num_queries(18) as ctx:
            assert client.get(url).status_code == 200
        hitung.append(len(ctx.captured_queries))
    assert hitung[0] == hitung[1], hitung


def test_hr_sets_the_organisational_performance_and_finalises_a_conforming_unit(org, login):
    s = Skenario(org)
    s.nilai(org.staf_a1, "DI_ATAS", "DI_ATAS")
    s.nilai(org.staf_a2, "SESUAI", "SESUAI")
    url = reverse("periode_unit", args=[s.periode.pk, org.bidang_a.pk])
    client = login(org.hr_a)
    client.post(url + "organisasi/", {"capaian": "ISTIMEWA"})
    assert KinerjaOrganisasi.objects.get(unit_kerja=org.bidang_a).capaian == "ISTIMEWA"
    page = client.get(url)
    html = page.content.decode()
    assert "Sebaran predikat sesuai kurva distribusi" in html and "50,0%" in html
    response = client.post(url + "finalkan/", isian_finalisasi(page), follow=True)
    assert (
        "2 evaluasi Bidang Pengembangan difinalkan. 1 dikecualikan dengan alasan; kurva dinilai atas 2 dari 3 "
        "evaluasi unit." in _pesan(response)
    )
    assert set(
        EvaluasiKinerja.objects.filter(pegawai__in=[org.staf_a1, org.staf_a2]).values_list("status", flat=True)
    ) == {"FINAL"}


def test_finalising_a_violating_unit_needs_a_reason_which_is_listed_on_the_unit_page(org, login):
    s = Skenario(org)
    s.nilai(org.staf_a1, "SESUAI", "SESUAI")
    s.nilai(org.staf_a2, "SESUAI", "SESUAI")
    svc_periode.tetapkan_kinerja_organisasi(org.hr_a.user, s.periode.pk, org.bidang_a.pk, "BAIK")
    url = reverse("periode_unit", args=[s.periode.pk, org.bidang_a.pk])
    client = login(org.hr_a)
    page = client.get(url)
    assert "Melanggar kurva distribusi" in page.content.decode()
    versi = isian_finalisasi(page)
    response = client.post(url + "finalkan/", {**versi})
    assert response.status_code == 200
    html = response.content.decode()
    assert "melanggar kurva distribusi" in html and "Baik paling banyak 70%" in html
    assert not EvaluasiKinerja.objects.filter(status="FINAL").exists()
    client.post(url + "finalkan/", {"alasan_pengecualian": "Unit kecil, dua orang saja", **versi})
    pengecualian = PengecualianKurva.objects.get()
    assert (pengecualian.alasan, pengecualian.oleh, pengecualian.jumlah_difinalkan) == (
        "Unit kecil, dua orang saja",
        org.hr_a.user,
        2,
    )
    html = client.get(url).content.decode()
    assert "Riwayat pengecualian kurva" in html and "Unit kecil, dua orang saja" in html


def test_finalising_before_the_organisations_performance_is_refused_with_one_message(org, login):
    s = Skenario(org)
    s.nilai(org.staf_a1)
    s.nilai(org.staf_a2)
    KinerjaOrganisasi.objects.filter(periode=s.periode).delete()
    url = reverse("periode_unit", args=[s.periode.pk, org.bidang_a.pk])
    client = login(org.hr_a)
    versi = isian_finalisasi(client.get(url))
    html = client.post(url + "finalkan/", {**versi}).content.decode()
    assert html.count("Tetapkan dulu capaian kinerja organisasi") == 1
    assert not EvaluasiKinerja.objects.filter(status="FINAL").exists()


def test_finalising_with_a_stale_page_is_refused_and_nothing_is_final(org, login):
    s = Skenario(org)
    s.nilai(org.staf_a1)
    s.nilai(org.staf_a2)
    url = reverse("periode_unit", args=[s.periode.pk, org.bidang_a.pk])
    client = login(org.hr_a)
    versi = isian_finalisasi(client.get(url))
    ev = s.evaluasi()
    svc.kembalikan_evaluasi(org.atasan_a.user, ev.pk, ev.versi, "Perbaiki bukti")
    response = client.post(url + "finalkan/", {**versi})
    assert response.content.decode().count("sudah diubah sejak halaman dibuka") == 1
    assert "Muat ulang halaman" in response.content.decode()
    assert not EvaluasiKinerja.objects.filter(status="FINAL").exists()


def test_the_administrator_edits_the_settings_with_the_curve_percentages(org, login):
    client = login(org.admin)
    page = client.get(reverse("pengaturan_kinerja"))
    html = page.content.decode()
    assert "SE MenPANRB No. 3 Tahun 2023" in html and "belum terkonfirmasi" in html
    data = {nama: page.context["form"][nama].value() for nama in page.context["form"].fields}
    data.update(batas_capaian="110", rumus_efisiensi_tinggi="", kurva_ISTIMEWA_0="60")
    client.post(reverse("pengaturan_kinerja"), data)
    pengaturan = PengaturanKinerja.aktif()
    assert pengaturan.batas_capaian == 110 and not pengaturan.rumus_efisiensi_tinggi
    assert pengaturan.syarat_kurva()["ISTIMEWA"][0].persen == 60
    data.update(kurva_ISTIMEWA_0="70", rumus_efisiensi_tinggi="on")
    client.post(reverse("pengaturan_kinerja"), data)
    assert PengaturanKinerja.aktif().kurva is None  # back to the defaults


@pytest.mark.parametrize(("batas", "pesan"), [("121", "120"), ("500", "120"), ("99", "100")])
def test_the_achievement_cap_stays_within_the_regulations_range(org, login, batas, pesan):
    # PP 30/2019: achievement counts up to 120%; the cap may be set lower, never above, and not under 100%.
    client = login(org.admin)
    page = client.get(reverse("pengaturan_kinerja"))
    data = {nama: page.context["form"][nama].value() for nama in page.context["form"].fields}
    response = client.post(reverse("pengaturan_kinerja"), {**data, "batas_capaian": batas})
    assert pesan in response.context["form"].errors["batas_capaian"][0]
    assert PengaturanKinerja.aktif().batas_capaian == 120
    with pytest.raises(ValidationError) as info:
        PengaturanKinerja(pk=1, batas_capaian=batas).full_clean(validate_unique=False)
    assert info.value.messages == ["Batas capaian antara 100% dan 120% (PP 30/2019)."]


def _buku(response):
    return load_workbook(BytesIO(response.content)).active


def test_the_export_has_one_row_per_evaluation_with_the_nip_as_text(org, login):
    s = Skenario(org)
    s.nilai(org.staf_a1, "DI_ATAS", "DI_ATAS")
    response = login(org.hr_a).get(reverse("periode_ekspor", args=[s.periode.pk]), {"status": "DINILAI"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="evaluasi-triwulan-i-2026.xlsx"' in response["Content-Disposition"]
    lembar = _buku(response)
    baris = list(lembar.iter_rows(values_only=True))
    assert baris[0][:3] == ("NIP", "Nama", "Jabatan") and len(baris) == 2
    nip = lembar["A2"]
    assert nip.value == org.staf_a1.nip and nip.data_type == "s" and nip.number_format == "@"
    assert baris[1][8] == "Sangat Baik" and baris[1][5] == "Dinilai"
    assert isinstance(baris[1][13], datetime.datetime)  # Dinilai, after the three capaian columns


def test_the_export_escapes_cells_that_would_run_as_formulas(org, login):
    s = Skenario(org)
    org.staf_a1.nama = '=HYPERLINK("http://x")'
    org.staf_a1.jabatan = "+62 Analis"
    org.staf_a1.save()
    org.staf_a2.nama = "@SUM(A1)"
    org.staf_a2.jabatan = "-1"
    org.staf_a2.save()
    lembar = _buku(login(org.hr_a).get(reverse("periode_ekspor", args=[s.periode.pk]), {"unit": org.bidang_a.pk}))
    nilai = {c.value for row in lembar.iter_rows() for c in row}
    assert '\'=HYPERLINK("http://x")' in nilai and "'+62 Analis" in nilai
    assert "'@SUM(A1)" in nilai and "'-1" in nilai
    assert not any(c.data_type == "f" for row in lembar.iter_rows() for c in row)


@pytest.mark.parametrize(
    "nilai, aman",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        (5, 5),
    ],
)
def test_the_escaping_helper(nilai, aman):
    assert escape_cell(nilai) == aman


def test_the_evaluation_task_is_registered_for_a_real_worker():
    celery_app.loader.import_default_modules()
    assert "kinerja.tasks_evaluasi.buat_evaluasi_periode_task" in celery_app.tasks


@pytest.mark.services
def test_a_real_worker_creates_the_evaluations_sent_from_the_page(celery_worker_redis, org, settings, client):
    settings.EVALUASI_LATAR_BELAKANG = 2
    periode = buka_periode(org.hr_b.user)
    client.force_login(org.hr_b.user)
    response = client.post(reverse("periode_buat_evaluasi", args=[periode.pk]), {"unit": [org.opd_b.pk]})
    assert response.status_code == 302
    batas = time.monotonic() + 30
    while EvaluasiKinerja.objects.filter(periode=periode).count() < 3 and time.monotonic() < batas:
        time.sleep(0.2)
    assert set(EvaluasiKinerja.objects.filter(periode=periode).values_list("pegawai__unit_kerja", flat=True)) == {
        org.opd_b.pk
    }
    assert EvaluasiKinerja.objects.filter(periode=periode).count() == 3
