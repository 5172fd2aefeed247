"""On a 390 px phone: the OPD's Pengelola reviews the month's TPP list, locks it, and recalculates it as a new
version with a reason; the lines become cards and nothing scrolls sideways."""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evaluasi.models import BesaranTPP, DaftarTPP
from tests.e2e.test_evaluasi_journey import masuk
from tests.evaluasi.bantuan import kehadiran

pytestmark = pytest.mark.e2e

PONSEL = {"width": 390, "height": 844}


@pytest.fixture
def http_biasa(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def _muat_di_layar(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]


def test_hr_reviews_locks_and_recalculates_the_tpp_list_on_a_phone(
    live_server, browser_page, transactional_db, org, http_biasa
):
    BesaranTPP.objects.create(tahun=2026, kelas_jabatan=7, besaran=Decimal(5_000_000))
    org.staf_a1.kelas_jabatan = 7
    org.staf_a1.save(update_fields=["kelas_jabatan"])
    kehadiran(org.staf_a1, 1, tanpa_keterangan=2)
    page, url = browser_page, live_server.url
    page.set_viewport_size(PONSEL)

    masuk(page, url, org.hr_a.nip)
    page.goto(url + reverse("evaluasi:tpp") + f"?unit={org.opd_a.pk}&tahun=2026&bulan=1")
    expect(page.locator("#status-daftar")).to_contain_text("Draf")
    # 2 days without leave: 6% off the disiplin share 1,200,000.
    expect(page.locator("#tabel-tpp tbody tr", has_text="Staf A Satu")).to_contain_text("1.128.000")
    expect(page.locator("#tabel-tpp tbody tr", has_text="Kepala Badan")).to_contain_text("Besaran belum ditetapkan")
    _muat_di_layar(page)

    page.get_by_role("button", name="Kunci daftar bulan ini").click()
    expect(page.locator("#status-daftar")).to_contain_text("Dikunci: versi 1")
    _muat_di_layar(page)

    page.get_by_role("button", name="Hitung ulang sebagai versi 2").click()
    expect(page.locator(".alert-danger, .invalid-feedback, .alert-warning").first).to_contain_text(
        "Tulis alasan hitung ulang"
    )
    page.get_by_label("Alasan hitung ulang").fill("Rekap kehadiran dikoreksi")
    page.get_by_role("button", name="Hitung ulang sebagai versi 2").click()
    expect(page.locator("#status-daftar")).to_contain_text("Dikunci: versi 2")
    expect(page.locator("#status-daftar")).to_contain_text("Alasan hitung ulang: Rekap kehadiran dikoreksi")
    page.get_by_role("navigation", name="Versi daftar").get_by_role("link", name="1").click()
    expect(page.locator("#status-daftar")).to_contain_text("Dikunci: versi 1")
    _muat_di_layar(page)
    assert DaftarTPP.objects.count() == 2
