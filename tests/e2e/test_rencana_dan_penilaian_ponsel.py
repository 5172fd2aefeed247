"""On a 390 px phone: the ASN writes the quarter's rencana aksi from Kinerja Saya, and the supervisor reads it
beside the realisation and rates with the default feedback inserted by one tap."""

import re

import pytest
from playwright.sync_api import expect

from kinerja.models import EvaluasiKinerja, PerilakuKerja
from kinerja.penilaian.forms import SARAN_UMPAN_BALIK
from tests.e2e.test_evaluasi_journey import masuk
from tests.kinerja.penilaian.bantuan_evaluasi import RENCANA_AKSI, Skenario

pytestmark = pytest.mark.e2e

PONSEL = {"width": 390, "height": 844}


def _muat_di_layar(page):
    """Nothing wider than the phone's screen: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]


def test_the_asn_plans_and_the_supervisor_rates_on_a_phone(live_server, browser_page, transactional_db, org):
    s = Skenario(org)
    page, url = browser_page, live_server.url
    page.set_viewport_size(PONSEL)

    masuk(page, url, org.staf_a1.nip)
    page.goto(f"{url}/kinerja/saya/")
    page.get_by_role("link", name="Rencana aksi").click()
    kolom = page.get_by_label("Rencana aksi", exact=True)
    expect(kolom).to_have_accessible_description(re.compile("^Utama Tersusunnya analisis jabatan Langkah yang"))
    _muat_di_layar(page)
    kolom.fill(RENCANA_AKSI)
    page.get_by_role("button", name="Simpan rencana aksi").click()
    expect(page.get_by_text("Rencana aksi tersimpan.")).to_be_visible()
    expect(page.get_by_text(RENCANA_AKSI)).to_be_visible()

    ev = s.ajukan()
    masuk(page, url, org.atasan_a.nip)
    page.goto(f"{url}/kinerja/evaluasi/{ev.pk}/nilai/")
    expect(page.get_by_text(RENCANA_AKSI)).to_be_visible()
    _muat_di_layar(page)
    for kolom in page.locator("textarea[name^='umpan_balik_rhk_']").all():
        kolom.fill("Target tercapai.")
    page.locator("input[name=rating_hasil_kerja][value=SESUAI]").check()
    page.locator("input[name=rating_perilaku_kerja][value=DI_ATAS]").check()
    # Above expectation: Adaptif in the supervisor's words, every other value by one tap on its suggestion.
    page.get_by_label("Adaptif", exact=True).fill("Memprakarsai layanan analisis jabatan daring.")
    for nilai in PerilakuKerja.Nilai:
        if nilai != PerilakuKerja.Nilai.ADAPTIF:
            page.get_by_role("button", name=f"Sisipkan saran untuk {nilai.label}").click()
    loyal = page.get_by_label("Loyal", exact=True)
    expect(loyal).to_have_value(SARAN_UMPAN_BALIK[PerilakuKerja.Nilai.LOYAL])
    page.get_by_role("button", name="Sisipkan saran untuk Loyal").click()  # a second tap adds nothing
    expect(loyal).to_have_value(SARAN_UMPAN_BALIK[PerilakuKerja.Nilai.LOYAL])
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.get_by_text("Evaluasi dinilai. Predikat kinerja: Baik.")).to_be_visible()

    ev = EvaluasiKinerja.objects.get(pk=ev.pk)
    assert ev.perilaku.get(nilai="ADAPTIF").umpan_balik == "Memprakarsai layanan analisis jabatan daring."
    assert ev.perilaku.get(nilai="LOYAL").umpan_balik == SARAN_UMPAN_BALIK[PerilakuKerja.Nilai.LOYAL]
