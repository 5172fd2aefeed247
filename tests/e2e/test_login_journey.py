"""A demo ASN logs in through the real login form in a browser."""

from io import StringIO

import pytest
from django.contrib.auth.forms import AuthenticationForm
from django.core.management import call_command
from django.urls import resolve
from django.utils import translation
from playwright.sync_api import expect

from demo import roster as demo_roster

pytestmark = pytest.mark.e2e


@pytest.fixture
def roster_demo(transactional_db):
    call_command("seed_demo", "--pegawai", str(demo_roster.jumlah_minimal()), stdout=StringIO())


def isi_form_masuk(page, url, username, password):
    page.goto(f"{url}/masuk/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Masuk").click()


def pesan_gagal_masuk():
    """The wrong-login message of whatever form the login page uses, in Indonesian."""
    form = resolve("/masuk/").func.view_initkwargs.get("authentication_form", AuthenticationForm)
    with translation.override("id"):
        return str(form.error_messages["invalid_login"]) % {"username": "nama pengguna"}


def test_a_demo_pegawai_logs_in_and_sees_the_beranda_with_their_name(live_server, browser_page, roster_demo):
    isi_form_masuk(browser_page, live_server.url, demo_roster.PEGAWAI.nip, demo_roster.KATA_SANDI_DEMO)
    browser_page.wait_for_url(f"{live_server.url}/")
    expect(browser_page.get_by_role("heading", level=1)).to_contain_text(
        f"Selamat datang, {demo_roster.PEGAWAI.nama}, {demo_roster.PEGAWAI.gelar_belakang}"
    )


def test_a_wrong_password_shows_an_indonesian_error(live_server, browser_page, roster_demo):
    isi_form_masuk(browser_page, live_server.url, demo_roster.PEGAWAI.nip, "kata-sandi-salah")
    pesan = pesan_gagal_masuk()
    assert "Please enter" not in pesan
    expect(browser_page.get_by_text(pesan)).to_be_visible()
    assert browser_page.url == f"{live_server.url}/masuk/"
