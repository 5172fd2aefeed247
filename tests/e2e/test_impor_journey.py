"""Journey: an administrator uploads a roster, reads the preview, confirms, and finds an imported ASN."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from tests.berkas_kantor import FIXTURES
from tests.factories import PASSWORD
from tests.kinerja.pegawai.berkas_roster import roster_kecil, xlsx

pytestmark = pytest.mark.e2e


@pytest.fixture
def http_biasa(settings, tmp_path):
    """The live server speaks plain HTTP, so cookies must not be marked Secure; uploads go to a scratch folder."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_administrator_imports_a_roster_and_finds_an_imported_asn(live_server, browser_page, http_biasa, tmp_path):
    get_user_model().objects.create_superuser("admin", password=PASSWORD)
    rows = roster_kecil()
    berkas = tmp_path / "roster.xlsx"
    berkas.write_bytes(xlsx(rows))
    page = browser_page

    page.goto(live_server.url + reverse("login"))
    page.locator("input[name=username]").fill("admin")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("button", name="Kepegawaian").click()
    page.get_by_role("link", name="Impor Pegawai").click()

    page.get_by_label("Berkas roster").set_input_files(berkas)
    page.get_by_role("button", name="Unggah dan pratinjau").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Pratinjau impor")
    expect(page.locator("#ringkasan-impor")).to_contain_text("pegawai baru")
    for r in rows:
        expect(page.locator("#daftar-baru")).to_contain_text(r["NIP"])
    expect(page.get_by_label("Nonaktifkan pegawai yang tidak ada di berkas (0 pegawai)")).not_to_be_checked()
    page.get_by_role("button", name="Konfirmasi impor").click()

    expect(page.locator(".alert-success").last).to_contain_text("Impor selesai: 3 pegawai baru")
    page.goto(live_server.url + reverse("admin:kinerja_pegawai_changelist") + f"?q={rows[1]['NIP']}")
    expect(page.locator("#result_list")).to_contain_text(rows[1]["NIP"])
    expect(page.locator("#result_list")).to_contain_text(rows[1]["Nama"])


def test_an_administrator_imports_an_office_xls_and_reads_how_it_was_read(live_server, browser_page, http_biasa):
    get_user_model().objects.create_superuser("admin", password=PASSWORD)
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + reverse("login"))
    page.locator("input[name=username]").fill("admin")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(live_server.url + reverse("impor_roster"))

    page.get_by_label("Berkas roster").set_input_files(FIXTURES / "roster_kantor.xls")
    page.get_by_role("button", name="Unggah dan pratinjau").click()

    dibaca = page.get_by_role("region", name="Cara berkas dibaca")
    expect(dibaca).to_contain_text("Lembar: Data (berkas berisi 2 lembar: Petunjuk, Data)")
    expect(dibaca).to_contain_text("Baris judul kolom: baris 4; baris di atasnya (judul, catatan) dilewati")
    page.get_by_role("button", name="Konfirmasi impor").click()
    expect(page.locator(".alert-success").last).to_contain_text("Impor selesai: 3 pegawai baru")
