"""A citizen on a phone (390 px wide) walks from the public front page to a sent request with a document, its
receipt and tracking it; the officer of the unit opens the document, the citizen cannot — in headless Chromium."""

import uuid

import pytest
from playwright.sync_api import expect

from core.roles import GRUP_PETUGAS_LAYANAN
from tests.e2e.test_login_journey import isi_form_masuk
from tests.factories import PASSWORD, UnitKerjaFactory, pegawai_dengan_akun
from tests.layanan.factories import NIK_CONTOH, JenisLayananFactory

pytestmark = pytest.mark.e2e
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PONSEL = {"width": 390, "height": 844}


@pytest.fixture
def dukcapil(transactional_db, settings, tmp_path):
    # Own in-process cache (rate limits of other runs must not throttle this journey) and a scratch MEDIA_ROOT.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    prov = UnitKerjaFactory(kode="75", nama="Pemerintah Provinsi Gorontalo")
    unit = UnitKerjaFactory(kode="75.02", nama="Dinas Kependudukan dan Pencatatan Sipil", induk=prov)
    petugas = pegawai_dengan_akun(groups=[GRUP_PETUGAS_LAYANAN], unit_kerja=unit, nama="Moh. Rizal Daud")
    JenisLayananFactory(kode="KTP", nama="Penerbitan KTP-el", unit_kerja=unit, biaya=0)
    JenisLayananFactory(kode="AKTA", nama="Akta Kelahiran", unit_kerja=unit)
    return petugas


def tanpa_geser_samping(page):
    """Nothing on the page is wider than the phone's screen: no sideways scrolling."""
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= PONSEL["width"], f"{page.url}: {lebar} px"


def test_a_citizen_applies_with_a_document_keeps_the_receipt_and_tracks_it(live_server, browser_page, dukcapil):
    warga, url = browser_page, live_server.url
    warga.set_viewport_size(PONSEL)

    # The address of the site: the public front page, with the services and the three ways in.
    warga.goto(f"{url}/")
    expect(warga.get_by_role("heading", level=1)).to_have_text("Layanan Publik Pemerintah Provinsi Gorontalo")
    expect(warga.get_by_role("link", name="Masuk pegawai")).to_be_visible()
    expect(warga.get_by_role("heading", name="Dinas Kependudukan dan Pencatatan Sipil")).to_be_visible()
    tanpa_geser_samping(warga)
    warga.get_by_role("link", name="Ajukan Penerbitan KTP-el").click()

    # The form of that service: the applicant, then one upload per requirement.
    expect(warga.get_by_role("heading", level=1)).to_have_text("Ajukan permohonan: Penerbitan KTP-el")
    tanpa_geser_samping(warga)
    warga.get_by_label("Nama pemohon").fill("Nurain Latif")
    warga.locator("input[name=nik]").fill(NIK_CONTOH)
    warga.get_by_label("No. HP").fill("085212345678")
    warga.get_by_label("Fotokopi KK").set_input_files({"name": "kk.pdf", "mimeType": "application/pdf", "buffer": PDF})
    warga.get_by_role("button", name="Kirim permohonan").click()

    # The receipt: ticket, service, due date, the QR code to tracking; printable, and it fits the phone.
    expect(warga.get_by_role("heading", level=1)).to_contain_text("Tanda terima permohonan")
    tiket = warga.locator("#nomor-tiket").inner_text().strip()
    assert tiket.startswith("KTP-")
    expect(warga.locator("#layanan-tanda-terima")).to_have_text("Penerbitan KTP-el")
    expect(warga.locator("#batas-waktu")).to_contain_text("WITA")
    expect(warga.get_by_role("img", name=f"Kode QR menuju halaman lacak permohonan {tiket}")).to_be_visible()
    expect(warga.locator("#dokumen-tanda-terima")).to_contain_text("Fotokopi KK (diunggah)")
    expect(warga.locator("#dokumen-tanda-terima")).to_contain_text("Formulir F-1.01 (bawa saat ke loket)")
    tanpa_geser_samping(warga)
    warga.emulate_media(media="print")
    expect(warga.get_by_role("button", name="Cetak / simpan PDF")).to_be_hidden()
    expect(warga.get_by_role("navigation").first).to_be_hidden()
    expect(warga.locator("#nomor-tiket")).to_be_visible()
    warga.emulate_media(media="screen")

    # Tracking: the ticket is filled in from the receipt's link; the NIK digits open the status and the receipt.
    warga.get_by_role("link", name="Lacak permohonan").last.click()
    expect(warga.get_by_label("Nomor tiket")).to_have_value(tiket)
    warga.get_by_label("4 digit terakhir NIK").fill(NIK_CONTOH[-4:])
    warga.get_by_role("button", name="Lacak").click()
    expect(warga.locator("#hasil-lacak")).to_contain_text("Diterima")
    tanpa_geser_samping(warga)
    warga.get_by_role("link", name="Tanda terima").click()
    expect(warga.locator("#nomor-tiket")).to_have_text(tiket)

    # The officer of the unit opens the uploaded document from the request's page.
    kantor_ctx = warga.context.browser.new_context(locale="id-ID", timezone_id="Asia/Makassar")
    kantor = kantor_ctx.new_page()
    isi_form_masuk(kantor, url, dukcapil.nip, PASSWORD)
    kantor.wait_for_url(f"{url}/")
    kantor.goto(f"{url}/layanan/loket/")
    kantor.get_by_role("link", name=tiket).click()
    tautan = kantor.locator("#berkas-persyaratan").get_by_role("link", name="Fotokopi KK")
    alamat = tautan.get_attribute("href")
    berkas = kantor.request.get(f"{url}{alamat}")
    assert berkas.ok and berkas.body() == PDF
    kantor_ctx.close()

    # The citizen's browser, which sent it, does not get the document: the staff login instead.
    dari_warga = warga.request.get(f"{url}{alamat}")
    assert dari_warga.url.startswith(f"{url}/masuk/") and dari_warga.body() != PDF
