"""At 390 px, the pages an ASN, a supervisor, HR and a service officer work on fit the phone's screen: nothing is
wider than the viewport, each row's buttons are in view, and the menu folds behind its toggler."""

import pytest
from playwright.sync_api import expect

from demo import roster as demo_roster
from kinerja.models import EvaluasiKinerja, Periode, UnitKerja
from tests.e2e.test_csp_halaman import seed_demo  # noqa: F401 (a fixture)
from tests.e2e.test_login_journey import isi_form_masuk

pytestmark = pytest.mark.e2e

PONSEL = {"width": 390, "height": 844}

# Every visible control or link that reaches past the right edge of the screen (inside a scrolling box included).
MELEWATI_LAYAR = """() => Array.from(document.querySelectorAll("a, button, input, select, textarea, label"))
  .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > window.innerWidth + 1; })
  .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.name || "").trim().slice(0, 40)}"`)"""


def _masuk(page, url, username):
    page.context.clear_cookies()
    isi_form_masuk(page, url, username, demo_roster.KATA_SANDI_DEMO)
    page.wait_for_url(f"{url}/")


def _pas_di_layar(page, path):
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= PONSEL["width"], f"{path}: halaman {lebar} px, lebih lebar dari layar"
    assert page.evaluate(MELEWATI_LAYAR) == [], path


def _tombol_terlihat(page, nama):
    """The first button-like link or button of that name is on screen, not scrolled away to the right."""
    tombol = page.get_by_role("link", name=nama, exact=True).or_(page.get_by_role("button", name=nama, exact=True))
    tombol = tombol.first
    tombol.scroll_into_view_if_needed()
    expect(tombol).to_be_in_viewport()
    kotak = tombol.bounding_box()
    assert kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= PONSEL["width"], nama


def test_the_work_pages_fit_a_phone_and_their_row_actions_are_in_view(live_server, browser_page, seed_demo):  # noqa: F811
    seed_demo(150)
    page, url = browser_page, live_server.url
    page.set_viewport_size(PONSEL)
    pegawai_ev = EvaluasiKinerja.objects.filter(pegawai__nip=demo_roster.PEGAWAI.nip)
    terbuka = pegawai_ev.exclude(status=EvaluasiKinerja.Status.FINAL).get()
    diajukan = EvaluasiKinerja.objects.filter(
        atasan__nip=demo_roster.ATASAN.nip, status=EvaluasiKinerja.Status.DIAJUKAN
    ).first()
    periode = Periode.objects.filter(status=Periode.Status.DIBUKA).first()
    dinkes = UnitKerja.objects.get(nama="Dinas Kesehatan")

    # The ASN: the menu folds behind the toggler, and opens on a tap.
    _masuk(page, url, demo_roster.PEGAWAI.nip)
    menu = page.get_by_role("link", name="Kinerja Saya")
    expect(menu).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    menu.click()
    _pas_di_layar(page, "/kinerja/saya/")
    _tombol_terlihat(page, "Isi realisasi")
    _tombol_terlihat(page, "Dokumen")
    for path in [f"/kinerja/evaluasi/{terbuka.pk}/", f"/kinerja/evaluasi/{terbuka.pk}/isi/", "/aturan/saya/"]:
        page.goto(f"{url}{path}")
        _pas_di_layar(page, path)
    # The realisation form's buttons stay at the bottom of the screen while the ASN scrolls through it.
    page.goto(f"{url}/kinerja/evaluasi/{terbuka.pk}/isi/")
    expect(page.get_by_role("button", name="Simpan dan ajukan ke atasan")).to_be_in_viewport()

    # The supervisor: Tim Saya's rate button, and the rating form with its save button always in reach.
    _masuk(page, url, demo_roster.ATASAN.nip)
    page.goto(f"{url}/tim-saya/")
    _pas_di_layar(page, "/tim-saya/")
    _tombol_terlihat(page, "Nilai")
    page.goto(f"{url}/kinerja/evaluasi/{diajukan.pk}/nilai/")
    _pas_di_layar(page, "nilai")
    page.locator("textarea[name=catatan]").scroll_into_view_if_needed()
    expect(page.get_by_role("button", name="Simpan penilaian")).to_be_in_viewport()

    # HR: the period's evaluations, a unit's finalisation, the ASN list.
    _masuk(page, url, demo_roster.PENGELOLA.nip)
    for path in [
        f"/kinerja/periode/{periode.pk}/",
        f"/kinerja/periode/{periode.pk}/unit/{dinkes.pk}/",
        "/pegawai/",
        "/aturan/konsekuensi/",
    ]:
        page.goto(f"{url}{path}")
        _pas_di_layar(page, path)
    page.goto(f"{url}/kinerja/periode/{periode.pk}/")
    _tombol_terlihat(page, "Isi realisasi")

    # The service officer: the counter and the request list.
    _masuk(page, url, demo_roster.PETUGAS.nip)
    for path in ["/layanan/loket/", "/layanan/permohonan/"]:
        page.goto(f"{url}{path}")
        _pas_di_layar(page, path)
