"""On a 390 px phone: an administrator previews a SIASN export and reads which column was read as what, then
imports it; a jabatan fungsional reads their angka kredit on their own profile. Nothing scrolls sideways."""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.test_evaluasi_journey import masuk
from tests.kinerja.pegawai.berkas_roster import pastikan_data_bawaan
from tests.kinerja.pegawai.test_angka_kredit_halaman import SESUAI, tahunan
from tests.kinerja.pegawai.test_impor_siasn import berkas_contoh, siasn

pytestmark = pytest.mark.e2e

PONSEL = {"width": 390, "height": 844}


@pytest.fixture
def http_biasa(settings, tmp_path):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.MEDIA_ROOT = tmp_path / "media"


def _muat_di_layar(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]


def test_a_siasn_export_and_the_angka_kredit_on_a_phone(
    live_server, browser_page, transactional_db, org, http_biasa, tmp_path
):
    pastikan_data_bawaan()
    page, url = browser_page, live_server.url
    page.set_viewport_size(PONSEL)
    berkas = tmp_path / "siasn.xlsx"
    berkas.write_bytes(siasn(berkas_contoh(org)))

    masuk(page, url, "admin")
    page.goto(url + reverse("impor_roster"))
    page.get_by_label("Berkas roster").set_input_files(berkas)
    page.get_by_role("button", name="Unggah dan pratinjau").click()
    kolom = page.locator("#kolom-terbaca")
    expect(kolom).to_contain_text("NIP BARU → dibaca sebagai NIP")
    expect(kolom).to_contain_text("UNOR NAMA → dibaca sebagai Nama Unit")
    expect(kolom).to_contain_text("PNS ID: diabaikan")
    _muat_di_layar(page)
    page.get_by_role("button", name="Konfirmasi impor").click()
    expect(page.locator(".alert-success").last).to_contain_text("Impor selesai: 5 pegawai baru")

    staf = org.staf_a1
    staf.angka_kredit_awal = Decimal(40)
    staf.save()
    tahunan(staf, 2025, SESUAI, SESUAI)
    masuk(page, url, staf.nip)
    page.goto(url + reverse("profil_saya"))
    bagian = page.locator("#angka-kredit")
    expect(bagian).to_contain_text("Angka kredit untuk kenaikan pangkat (50) sudah terpenuhi.")
    expect(page.locator("#total-angka-kredit")).to_have_text("52,5")
    _muat_di_layar(page)
