"""Forms a keyboard or screen-reader user can work: a refused form ties each error to its field and puts the focus on
the first one, and file fields speak Indonesian ("Pilih berkas") with or without JavaScript."""

import pytest
from playwright.sync_api import expect

from kinerja.models import RealisasiIndikator
from tests.e2e.test_evaluasi_journey import masuk
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Each field marked invalid names a message (itself or through its fieldset, as Django does for radio groups), and
# each message shown on the page is named by a field.
GALAT_TAK_TERIKAT = """() => {
  const masalah = [], dirujuk = new Set();
  for (const el of document.querySelectorAll("main [aria-invalid='true']")) {
    const ids = [el, el.closest("fieldset")].filter(Boolean)
      .flatMap((e) => (e.getAttribute("aria-describedby") || "").split(/\\s+/)).filter(Boolean);
    ids.forEach((id) => dirujuk.add(id));
    if (!ids.some((id) => document.getElementById(id)?.textContent.trim())) masalah.push(`${el.name}: tanpa pesan`);
  }
  for (const el of document.querySelectorAll("main .invalid-feedback")) {
    if (el.offsetParent && !dirujuk.has(el.id)) masalah.push(`pesan tanpa isian: ${el.textContent.trim()}`);
  }
  return masalah;
}"""


def test_a_refused_rating_ties_every_error_to_its_field_and_focuses_the_first(
    live_server, browser_page, transactional_db, org
):
    ev = Skenario(org).ajukan()
    page, url = browser_page, live_server.url
    masuk(page, url, org.atasan_a.nip)
    page.goto(f"{url}/kinerja/evaluasi/{ev.pk}/nilai/")
    page.get_by_role("button", name="Simpan penilaian").click()

    expect(page.locator(".invalid-feedback").first).to_be_visible()
    pertama = page.locator("main form [aria-invalid='true']").first
    expect(pertama).to_be_focused()
    # Rating hasil kerja starts from the indicators' proposal; the behaviour rating has none and is in error.
    perilaku = page.locator("input[name=rating_perilaku_kerja][value=SESUAI]")
    expect(perilaku).to_have_attribute("aria-invalid", "true")
    assert page.evaluate(GALAT_TAK_TERIKAT) == []
    # The message is read with the focused field.
    expect(pertama).to_have_accessible_description("Bidang ini tidak boleh kosong.")


def test_a_refusal_of_the_whole_form_gets_the_focus(live_server, browser_page, transactional_db, org):
    page, url = browser_page, live_server.url
    page.goto(f"{url}/masuk/")
    page.locator("input[name=username]").fill(org.staf_a1.nip)
    page.locator("input[name=password]").fill("bukan-sandinya")
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("main form .alert-danger")).to_be_focused()


def _isi_realisasi(page, url, ev):
    page.goto(f"{url}/kinerja/evaluasi/{ev.pk}/isi/")
    for kolom in page.locator("input[name^=realisasi_]:not([name*=_bukti]):not([name*=_narasi])").all():
        kolom.fill("10")


def test_an_asn_attaches_evidence_with_the_indonesian_file_button(
    live_server, browser_page, transactional_db, org, tmp_path
):
    ev = Skenario(org).evaluasi()
    page, url = browser_page, live_server.url
    masuk(page, url, org.staf_a1.nip)
    _isi_realisasi(page, url, ev)

    pilih = page.locator("label.unggah-tombol").first
    expect(pilih).to_have_text("Pilih berkas")
    nama = page.locator(".unggah-nama").first
    expect(nama).to_have_text("Belum ada berkas dipilih")
    # The browser's own control is out of sight but is still the labelled field a screen reader and keyboard reach.
    masukan = page.get_by_label("Berkas bukti").first
    assert masukan.bounding_box()["width"] <= 1
    masukan.focus()
    expect(masukan).to_be_focused()

    berkas = tmp_path / "laporan kegiatan.pdf"
    berkas.write_bytes(PDF)
    with page.expect_file_chooser() as pemilih:
        pilih.click()
    pemilih.value.set_files(berkas)
    expect(nama).to_have_text("laporan kegiatan.pdf")
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert RealisasiIndikator.objects.filter(evaluasi=ev).exclude(bukti_berkas="").count() == 1


def test_without_javascript_the_file_field_still_uploads(live_server, _chromium, transactional_db, org, tmp_path):
    ev = Skenario(org).evaluasi()
    context = _chromium.new_context(locale="id-ID", java_script_enabled=False)
    page, url = context.new_page(), live_server.url
    masuk(page, url, org.staf_a1.nip)
    _isi_realisasi(page, url, ev)

    # No script to show the chosen name: the native control is shown instead of a status that would not change.
    masukan = page.get_by_label("Berkas bukti").first
    expect(masukan).to_be_visible()
    expect(page.locator(".unggah-nama").first).to_be_hidden()
    berkas = tmp_path / "bukti.pdf"
    berkas.write_bytes(PDF)
    masukan.set_input_files(berkas)
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert RealisasiIndikator.objects.filter(evaluasi=ev).exclude(bukti_berkas="").count() == 1
    context.close()
