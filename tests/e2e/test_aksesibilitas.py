"""WCAG 2.x A and AA (axe-core) on every page of every role and on the public pages: no serious or critical
violation. Pages are found by following each role's links from its start page, plus the detail pages of the
demo data, so a page added later is checked without touching this file."""

import pytest

from demo import roster as demo_roster
from layanan.models import Permohonan
from tests.e2e.aksesibilitas import Pemeriksa
from tests.e2e.test_csp_halaman import halaman_per_peran, seed_demo  # noqa: F401 (a fixture)
from tests.e2e.test_login_journey import isi_form_masuk

pytestmark = pytest.mark.e2e

PERAN = {
    "Administrator": "admin",
    "Pengelola Kinerja": demo_roster.PENGELOLA.nip,
    "Atasan": demo_roster.ATASAN.nip,
    "Pegawai": demo_roster.PEGAWAI.nip,
    "Petugas Layanan": demo_roster.PETUGAS.nip,
    "Gubernur (penilai di luar daftar pegawai)": "gubernur",
}
HALAMAN_PUBLIK = ["/", "/masuk/", "/layanan/ajukan/", "/layanan/lacak/", "/layanan/ikm/"]


def _laporan(pemeriksa: Pemeriksa) -> str:
    return f"{len(pemeriksa.pelanggaran)} pelanggaran serius/kritis axe-core:\n\n" + "\n\n".join(pemeriksa.pelanggaran)


def test_no_page_of_any_role_has_a_serious_wcag_violation(live_server, browser_page, seed_demo):  # noqa: F811
    seed_demo(150)
    page, url = browser_page, live_server.url
    pemeriksa = Pemeriksa(page, url)
    detail = halaman_per_peran()
    permohonan = Permohonan.objects.filter(status=Permohonan.Status.SELESAI, survei__isnull=True).first()
    permohonan.token_survei = "uji-aksesibilitas"
    permohonan.save(update_fields=["token_survei"])

    pemeriksa.jelajah("Publik", [*HALAMAN_PUBLIK, f"/layanan/survei/{permohonan.token_survei}/"])
    # A tracked request's status and history, and the login form's refusal, are pages too.
    page.goto(f"{url}/layanan/lacak/")
    page.get_by_label("Nomor tiket").fill(permohonan.nomor_tiket)
    page.get_by_label("4 digit terakhir NIK").fill(permohonan.nik[-4:])
    page.get_by_role("button", name="Lacak").click()
    page.get_by_text(permohonan.jenis_layanan.nama).first.wait_for()
    pemeriksa.periksa("Publik hasil lacak")
    isi_form_masuk(page, url, demo_roster.PEGAWAI.nip, "bukan-sandinya")
    page.locator(".alert-danger, .invalid-feedback").first.wait_for()
    pemeriksa.periksa("Publik masuk gagal")

    for peran, username in PERAN.items():
        page.context.clear_cookies()
        isi_form_masuk(page, url, username, demo_roster.KATA_SANDI_DEMO)
        page.wait_for_url(f"{url}/")
        tambahan = [p for p in detail.get(username, []) if not p.startswith("/admin/")]
        pemeriksa.jelajah(peran, ["/", *tambahan])

    assert not pemeriksa.pelanggaran, _laporan(pemeriksa)
    # The crawl really went through each role's menu: a broken login or link finder would check almost nothing.
    for peran in ["Publik", *PERAN]:
        assert sum(label.startswith(f"{peran} ") for label in pemeriksa.diperiksa) >= 5, pemeriksa.diperiksa


def test_the_check_does_catch_a_violation(live_server, browser_page, transactional_db):
    # Without this, an axe that never ran (or a filter that drops everything) would pass every page above.
    pemeriksa = Pemeriksa(browser_page, live_server.url)
    browser_page.goto(f"{live_server.url}/masuk/")
    browser_page.evaluate(
        """() => {
          const input = document.createElement("input");
          input.id = "tanpa-label";
          document.querySelector("main").append(input);
        }"""
    )
    pemeriksa.periksa("uji")
    assert len(pemeriksa.pelanggaran) == 1
    assert "[critical] label" in pemeriksa.pelanggaran[0] and "#tanpa-label" in pemeriksa.pelanggaran[0]
