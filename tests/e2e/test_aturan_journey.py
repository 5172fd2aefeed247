"""Journey: an administrator simulates a rule on a period, applies the rules, approves an outcome with a reason,
and the ASN sees it on "Konsekuensi Saya"."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.evaluasi.bantuan import kehadiran, pastikan_aturan_bawaan, periode
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def http_biasa(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def masuk(page, live_server, username):
    page.goto(live_server.url + reverse("login"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_an_administrator_simulates_applies_and_approves_and_the_asn_sees_the_outcome(
    live_server, browser_page, http_biasa, org
):
    pastikan_aturan_bawaan()
    p = periode()  # Triwulan 1 2026, closed
    kehadiran(org.staf_a1, 2, tanpa_keterangan=5)
    page = browser_page
    masuk(page, live_server, "admin")

    # Simulate: the 4–6 days rule on the period shows who it would reach and why.
    page.get_by_role("button", name="Penghargaan & Sanksi").click()
    page.get_by_role("link", name="Aturan").click()
    page.get_by_role("link", name="Tidak masuk kerja 4–6 hari kerja").click()
    page.get_by_label("Simulasikan pada periode").select_option(str(p.pk))
    page.get_by_role("button", name="Simulasikan").click()
    hasil = page.locator("#hasil-simulasi")
    expect(hasil).to_contain_text("1 pegawai")
    expect(hasil).to_contain_text("Staf A Satu")
    expect(hasil).to_contain_text("Teguran tertulis")

    # Apply: the preview first, then record the proposals.
    page.get_by_role("link", name="Aturan").first.click()
    page.locator("#pilih-periode").select_option(str(p.pk))
    page.get_by_role("button", name="Terapkan ke periode…").click()
    expect(page.locator("#daftar-usulan")).to_contain_text("Staf A Satu")
    expect(page.locator("#daftar-usulan")).to_contain_text("Hari tanpa keterangan (kumulatif tahun berjalan): 5")
    page.get_by_role("button", name="Catat sebagai usulan").click()

    # Approve with a reason from the outcomes list.
    baris = page.locator("#daftar-konsekuensi tbody tr", has_text="Staf A Satu")
    expect(baris).to_contain_text("Usulan")
    baris.get_by_placeholder("Alasan").fill("Sesuai rekap kehadiran Februari")
    baris.get_by_role("button", name="Setujui").click()
    expect(page.locator(".alert-success").first).to_contain_text("diputuskan")

    # The ASN sees the approved outcome and why.
    page.context.clear_cookies()
    masuk(page, live_server, org.staf_a1.nip)
    page.get_by_role("link", name="Konsekuensi Saya").click()
    saya = page.locator("#konsekuensi-saya")
    expect(saya).to_contain_text("Teguran tertulis")
    expect(saya).to_contain_text("Sesuai rekap kehadiran Februari")
    expect(saya).to_contain_text("PP 94/2021 Pasal 9")
