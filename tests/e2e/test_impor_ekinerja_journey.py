"""Journey: an administrator on a phone imports an e-Kinerja result file whose predikat column has another name:
maps it, reads which result wins against one rated here, confirms, and the result is the ASN's evaluation."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.models import EvaluasiKinerja
from tests.factories import PASSWORD, EvaluasiKinerjaFactory, PegawaiFactory, PeriodeFactory, UnitKerjaFactory
from tests.kinerja.pegawai.berkas_roster import xlsx

pytestmark = pytest.mark.e2e


@pytest.fixture
def http_biasa(settings, tmp_path):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.MEDIA_ROOT = tmp_path / "media"


def _tanpa_gulir_samping(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_administrator_maps_a_column_reads_the_conflict_and_imports(live_server, browser_page, http_biasa, tmp_path):
    get_user_model().objects.create_superuser("admin", password=PASSWORD)
    kecamatan = UnitKerjaFactory(kode="75.40", nama="Kantor Kecamatan Limboto", sumber_evaluasi="IMPOR")
    dinas = UnitKerjaFactory(kode="75.02", nama="Dinas Kesehatan")
    camat, staf = PegawaiFactory(unit_kerja=kecamatan, nama="Rahmat Camat"), PegawaiFactory(unit_kerja=dinas)
    tw = PeriodeFactory(tahun=2026, jenis="TRIWULANAN", nomor=1)
    EvaluasiKinerjaFactory(
        pegawai=staf, periode=tw, status="DINILAI", rating_hasil_kerja="SESUAI", rating_perilaku_kerja="SESUAI"
    )
    judul = ["NIP BARU", "NAMA", "PERIODE", "HASIL KERJA", "PERILAKU KERJA", "NILAI AKHIR"]
    baris = [
        [camat.nip, camat.nama, "Triwulan I 2026", "Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik"],
        [staf.nip, staf.nama, "Triwulan I 2026", "Sesuai Ekspektasi", "Sesuai Ekspektasi", "Sangat Baik"],
    ]
    berkas = tmp_path / "hasil-ekinerja.xlsx"
    berkas.write_bytes(xlsx([dict(zip(judul, b, strict=True)) for b in baris], judul))
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 900})

    page.goto(live_server.url + reverse("login"))
    page.locator("input[name=username]").fill("admin")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(live_server.url + reverse("periode_daftar"))
    page.get_by_role("link", name="Impor hasil e-Kinerja").click()
    page.get_by_label("Berkas hasil e-Kinerja").set_input_files(berkas)
    page.get_by_role("button", name="Unggah dan pratinjau").click()

    expect(page.locator("#kolom-belum")).to_contain_text("Predikat")
    expect(page.get_by_role("button", name="Konfirmasi impor")).to_have_count(0)
    page.get_by_label("Predikat (wajib)").select_option("NILAI AKHIR")
    page.get_by_role("button", name="Baca ulang dengan pemetaan ini").click()

    expect(page.get_by_role("region", name="Kolom yang dibaca")).to_contain_text("NILAI AKHIR")
    bentrok = page.locator("#daftar-bentrok")
    expect(bentrok).to_contain_text("Dinilai, Baik")
    expect(bentrok).to_contain_text("Unit menilai di aplikasi ini")
    expect(page.locator("#daftar-tidak-sesuai")).to_contain_text("memberi Baik")
    _tanpa_gulir_samping(page)
    page.get_by_role("button", name="Konfirmasi impor").click()

    expect(page.locator(".alert-success").last).to_contain_text("1 menjadi evaluasi resmi")
    ev = EvaluasiKinerja.objects.get(pegawai=camat)
    assert (ev.sumber, ev.status, ev.predikat) == ("EKINERJA", "FINAL", "SANGAT_BAIK")
    page.goto(live_server.url + reverse("evaluasi_detail", args=[ev.pk]))
    expect(page.get_by_role("region", name="Hasil e-Kinerja BKN evaluasi resmi")).to_contain_text("hasil-ekinerja.xlsx")
    _tanpa_gulir_samping(page)

    page.goto(live_server.url + reverse("sumber_evaluasi"))
    unit = page.locator(f"#unit-{dinas.pk}")
    unit.get_by_label("Sumber evaluasi Dinas Kesehatan").select_option("IMPOR")
    unit.get_by_role("button", name="Simpan").click()
    expect(page.locator(f"#unit-{dinas.pk}")).to_contain_text("Impor e-Kinerja")
    expect(page.locator(f"#unit-{kecamatan.pk}")).to_contain_text("diatur untuk unit ini")
    _tanpa_gulir_samping(page)
