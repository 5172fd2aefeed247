"""The Content Security Policy header, and templates that keep to it (no inline script, handler or style)."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def kebijakan(response) -> dict[str, list[str]]:
    arahan = (bagian.split() for bagian in response["Content-Security-Policy"].split(";") if bagian.strip())
    return {nama: nilai for nama, *nilai in arahan}


@pytest.mark.parametrize("nama_url", ["login", "layanan:lacak", "layanan:hasil_ikm"])
def test_public_pages_carry_the_policy(client, nama_url):
    csp = kebijakan(client.get(reverse(nama_url)))
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]


def test_signed_in_pages_carry_the_policy_and_allow_nothing_inline(org, login):
    response = login(org.hr_a).get(reverse("beranda"))
    header = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    assert "style-src-attr 'unsafe-hashes' 'sha256-" in header


def test_the_503_page_carries_it_too(client, monkeypatch):
    def putus(*args, **kwargs):
        raise OperationalError("down")

    monkeypatch.setattr(connection, "cursor", putus)
    response = client.get(reverse("layanan:hasil_ikm"))
    assert response.status_code == 503
    assert "script-src 'self'" in response["Content-Security-Policy"]


def semua_template():
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("berkas", semua_template(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_no_inline_script_event_handler_javascript_url_or_style(berkas):
    isi = berkas.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", isi), "skrip inline: pindahkan ke static/js"
    assert not re.search(r"\son[a-z]+\s*=", isi, re.IGNORECASE), "penangan peristiwa inline (onclick= ...)"
    assert "javascript:" not in isi.lower()
    assert not re.search(r"\sstyle\s*=", isi, re.IGNORECASE), "atribut style: gunakan kelas di static/css"
    assert "<style" not in isi.lower()
