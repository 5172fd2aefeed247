"""On a 390 px phone: the ASN describes the realisation of a qualitative indicator, the supervisor reads it and
marks it against its described target, and the mark stands where a capaian would on the evaluation's page."""

import pytest
from playwright.sync_api import expect

from kinerja.models import RealisasiIndikator
from tests.e2e.test_evaluasi_journey import masuk
from tests.e2e.test_rencana_dan_penilaian_ponsel import PONSEL, _muat_di_layar
from tests.kinerja.penilaian.test_indikator_kualitatif import NARASI, TARGET_KUALITATIF, SkenarioKualitatif

pytestmark = pytest.mark.e2e


def test_a_qualitative_indicator_is_described_and_marked_on_a_phone(live_server, browser_page, transactional_db, org):
    s = SkenarioKualitatif(org)
    ev = s.evaluasi()
    page, url = browser_page, live_server.url
    page.set_viewport_size(PONSEL)

    masuk(page, url, org.staf_a1.nip)
    page.goto(f"{url}/kinerja/evaluasi/{ev.pk}/isi/")
    expect(page.get_by_text(f"target kualitatif: {TARGET_KUALITATIF}")).to_be_visible()
    _muat_di_layar(page)
    page.get_by_label("Realisasi (Laporan)").fill("4")
    page.locator("#form-realisasi button[type=submit]").first.click()  # Simpan, without submitting
    # No narrative: refused beside the field, nothing saved.
    expect(page.get_by_text("Uraikan realisasi indikator kualitatif ini.").first).to_be_visible()
    page.get_by_label("Realisasi (uraian)").fill(NARASI)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Simpan dan ajukan ke atasan").click()
    expect(page.get_by_text("Evaluasi diajukan kepada Atasan A untuk dinilai.")).to_be_visible()

    masuk(page, url, org.atasan_a.nip)
    page.goto(f"{url}/kinerja/evaluasi/{ev.pk}/nilai/")
    expect(page.get_by_text(NARASI).first).to_be_visible()
    _muat_di_layar(page)
    for kolom in page.locator("textarea[name^='umpan_balik_rhk_']").all():
        kolom.fill("Rekomendasi tepat sasaran.")
    page.locator(f"input[name=kualitatif_{s.kualitatif.pk}][value=DI_ATAS]").check()
    page.locator("input[name=rating_hasil_kerja][value=SESUAI]").check()
    page.locator("input[name=rating_perilaku_kerja][value=SESUAI]").check()
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.get_by_text("Evaluasi dinilai. Predikat kinerja: Baik.")).to_be_visible()
    assert RealisasiIndikator.objects.get(evaluasi=ev, indikator=s.kualitatif).penilaian_kualitatif == "DI_ATAS"
    expect(page.locator(".tabel-capaian").get_by_text("Di Atas Ekspektasi")).to_be_visible()
    _muat_di_layar(page)
