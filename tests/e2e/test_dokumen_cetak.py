"""The evaluation document in a browser: readable on a 390 px phone without sideways scrolling, and laid out for A4
when printed (the annex on a page of its own, table headers repeated, signatures kept together)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_evaluasi_journey import masuk
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.e2e


@pytest.fixture
def dokumen_final(transactional_db, org):
    s = Skenario(org)
    return s.ke_status("FINAL")


def buka(page, url, org, ev):
    masuk(page, url, org.staf_a1.nip)
    page.goto(f"{url}/kinerja/evaluasi/{ev.pk}/dokumen/")


def test_the_document_reads_on_a_phone_without_scrolling_sideways(live_server, browser_page, org, dokumen_final):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    buka(page, live_server.url, org, dokumen_final)
    lampiran = page.locator("article.dokumen-lampiran")
    expect(lampiran).to_contain_text("LAMPIRAN DOKUMEN EVALUASI KINERJA PEGAWAI")
    # Each indicator's cells become lines of their own, labelled, the column headers out of sight.
    capaian = lampiran.locator("td[data-label='Capaian']").first
    expect(capaian).to_have_text("100,00%")
    expect(lampiran.locator("td[data-label='Capaian RHK']")).to_have_text("88,67%")
    assert capaian.evaluate("el => getComputedStyle(el).display") == "block"
    assert capaian.evaluate("el => getComputedStyle(el, '::before').content") == '"Capaian: "'
    assert lampiran.locator(".tabel-hasil thead").bounding_box()["height"] <= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The three signature blocks stack, each as wide as it needs.
    kotak = [b.bounding_box() for b in lampiran.locator(".ttd").all()]
    assert len(kotak) == 3 and all(k["x"] + k["width"] <= 390 for k in kotak)


def test_the_printed_document_puts_the_annex_on_its_own_a4_pages(live_server, browser_page, org, dokumen_final):
    page = browser_page
    buka(page, live_server.url, org, dokumen_final)
    page.emulate_media(media="print")
    gaya = page.evaluate(
        """() => {
            const css = (pilih, sifat) => getComputedStyle(document.querySelector(pilih))[sifat];
            return {
                lampiran: css(".dokumen-lampiran", "breakBefore"),
                judul_tabel: css(".tabel-hasil thead", "display"),
                ttd: css(".dokumen-lampiran .dokumen-ttd", "breakInside"),
                tombol: getComputedStyle(document.querySelector("[data-cetak]").parentElement).display,
            };
        }"""
    )
    assert gaya == {"lampiran": "page", "judul_tabel": "table-header-group", "ttd": "avoid", "tombol": "none"}
    # The document fits its first page; the annex follows on the next ones.
    assert jumlah_halaman(page) >= 2
    page.locator(".dokumen-lampiran").evaluate("el => el.remove()")
    assert jumlah_halaman(page) == 1


def jumlah_halaman(page) -> int:
    """The pages of the page printed to an A4 PDF (Chromium writes one /Type /Page object each)."""
    return len(re.findall(rb"/Type /Page\b", page.pdf(format="A4")))
