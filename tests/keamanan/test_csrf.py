"""CSRF on every form: no view is exempt, every POST endpoint refuses a request without a token (and accepts the
same request with one), and every page's POST forms carry the token. Public forms and the login included."""

import re
import string

import pytest
from django.conf import settings
from django.test import Client
from django.utils.crypto import get_random_string

from tests.keamanan.bantuan import isi_argumen, jejak, minta, semua_pola
from tests.keamanan.matriks import DITOLAK, PERAN, baris_untuk

pytestmark = pytest.mark.django_db

# Endpoints whose success is itself a redirect to a login page (the matrix writes it "L").
KELUAR = {"logout": "pegawai", "admin:logout": "admin"}
FORM_POST = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.DOTALL | re.IGNORECASE)


def _endpoint_post():
    """(pattern, row, the first role the matrix lets POST there) for every URL that accepts a POST from someone."""
    hasil = []
    for pola in semua_pola():
        baris = baris_untuk(pola.kunci, pola.rute, pola.nama)
        if baris is None:
            continue
        boleh = [p for p, kode in baris.harapan("post").items() if kode not in DITOLAK]
        if pola.kunci in KELUAR:
            boleh = [KELUAR[pola.kunci]]
        if boleh:
            hasil.append((pola, baris, boleh[0]))
    return hasil


def test_no_view_is_csrf_exempt():
    bebas = [p.kunci for p in semua_pola() if getattr(p.callback, "csrf_exempt", False)]
    assert not bebas, f"View tanpa perlindungan CSRF: {bebas}"


def test_every_post_endpoint_refuses_a_request_without_a_token_and_accepts_it_with_one(adegan):
    client = Client(enforce_csrf_checks=True)
    awal = jejak()
    endpoint = _endpoint_post()
    # The public forms and the login are among them.
    assert {"login", "layanan:ajukan", "layanan:lacak", "layanan:survei"} <= {p.kunci for p, _, _ in endpoint}
    salah = []
    for pola, baris, peran in endpoint:
        user = adegan.pengguna(peran)
        url = isi_argumen(pola, baris, adegan.nilai, adegan)
        tanpa = minta(client, user, "post", url, jejak_awal=awal)
        if tanpa.status != 403 or tanpa.berubah:
            salah.append(f"POST {url} ({pola.kunci}) tanpa token sebagai {peran}: {tanpa.status}, ubah {tanpa.berubah}")
        # The same request with a token is let through, so the 403 above was the CSRF check. (Not necessarily
        # with the matrix's answer: any non-empty POST confirms a deletion in the Django admin.)
        token = get_random_string(32, string.ascii_letters + string.digits)
        client.cookies[settings.CSRF_COOKIE_NAME] = token
        dengan = minta(client, user, "post", url, {"csrfmiddlewaretoken": token})
        del client.cookies[settings.CSRF_COOKIE_NAME]
        if dengan.status == 403:
            salah.append(f"POST {url} ({pola.kunci}) dengan token sebagai {peran}: {dengan.kode}")
    assert not salah, "\n".join(salah)


def _form_post(isi: bytes) -> list[str]:
    """The bodies of the page's POST forms, each with the token inputs that join it from outside by their form
    attribute (HTML5): a page whose form sits in a cached fragment keeps the user's own token out of it."""
    html = isi.decode("utf-8", "replace")
    hasil = []
    for atribut, badan in FORM_POST.findall(html):
        if not re.search(r"method=[\"']?post", atribut, re.I):
            continue
        nama = re.search(r'\bid="([^"]+)"', atribut)
        if nama:
            luar = re.findall(rf'<input\b[^>]*\bform="{re.escape(nama.group(1))}"[^>]*>', html)
            badan += "".join(luar)
        hasil.append(badan)
    return hasil


@pytest.mark.parametrize("peran", PERAN)
def test_every_post_form_on_every_page_carries_the_csrf_token(adegan, client, peran):
    user = adegan.pengguna(peran)
    tanpa_token, jumlah = [], 0
    for pola in semua_pola():
        baris = baris_untuk(pola.kunci, pola.rute, pola.nama)
        if baris is None or baris.harapan("get")[peran] != "200":
            continue
        url = isi_argumen(pola, baris, adegan.nilai, adegan)
        jawaban = minta(client, user, "get", url)
        if not jawaban.jenis.startswith("text/html"):
            continue
        for badan in _form_post(jawaban.isi):
            jumlah += 1
            if 'name="csrfmiddlewaretoken"' not in badan:
                tanpa_token.append(f"{url} ({pola.kunci})")
    assert jumlah > 0
    assert not tanpa_token, f"Form POST tanpa token CSRF untuk {peran}: {tanpa_token}"


@pytest.mark.parametrize("url_name", ["login", "layanan:ajukan", "layanan:lacak", "layanan:survei"])
def test_public_forms_and_the_login_render_a_token_for_a_visitor(adegan, client, url_name):
    pola = next(p for p in semua_pola() if p.kunci == url_name)
    url = isi_argumen(pola, baris_untuk(pola.kunci, pola.rute, pola.nama), adegan.nilai, adegan)
    form = _form_post(minta(client, None, "get", url).isi)
    assert form and all('name="csrfmiddlewaretoken"' in badan for badan in form)
