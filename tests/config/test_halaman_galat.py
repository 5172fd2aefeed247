"""Django's own error pages (CSRF failure, bad request, server error) in Indonesian, keeping to the CSP."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def assert_polos(html):
    # Rendered without a request: no navigation, and nothing inline for the CSP to block (Django's own
    # CSRF page carries a <style> block).
    assert '<html lang="id">' in html
    assert "<style" not in html and "style=" not in html and "<script" not in html


def test_a_rejected_form_explains_in_indonesian_what_to_do(org, password):
    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": org.staf_a1.nip, "password": password}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulir tidak dapat dikirim" in html
    assert "Muat ulang halaman sebelumnya" in html
    assert "Forbidden" not in html and "CSRF verification failed" not in html
    assert_polos(html)


def test_a_server_error_is_answered_in_indonesian(monkeypatch):
    def rusak(*args, **kwargs):
        raise ValueError("bug biasa")

    monkeypatch.setattr("kinerja.context_processors.peran_user", rusak)
    response = Client(raise_request_exception=False).get(reverse("login"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Terjadi kesalahan pada server" in html and "Server Error" not in html
    assert "Layanan sementara tidak tersedia" not in html
    assert_polos(html)


def test_a_bad_request_is_answered_in_indonesian():
    # An unknown Host header is refused before any middleware sets the user: the page needs none.
    response = Client(raise_request_exception=False).get(reverse("login"), HTTP_HOST="bukan-situs-kami.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Permintaan tidak dapat diproses" in html and "Bad Request" not in html
    assert_polos(html)
