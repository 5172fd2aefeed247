"""Session and cookie flags as production runs them, and the password rules."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.test_deploy import pengaturan_produksi as baca_pengaturan_produksi

pytestmark = pytest.mark.django_db

NAMA_PENGATURAN = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "SESSION_COOKIE_AGE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT",
]


@pytest.fixture(scope="module")
def pengaturan_produksi():
    """The cookie settings config.settings yields with a production environment (not the test settings)."""
    return baca_pengaturan_produksi(*NAMA_PENGATURAN)


def test_production_cookies_are_secure_httponly_and_same_site(pengaturan_produksi):
    assert pengaturan_produksi["SESSION_COOKIE_SECURE"] is True
    assert pengaturan_produksi["SESSION_COOKIE_HTTPONLY"] is True
    assert pengaturan_produksi["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert pengaturan_produksi["CSRF_COOKIE_SECURE"] is True
    assert pengaturan_produksi["CSRF_COOKIE_SAMESITE"] == "Lax"
    # Shared office PCs: the session ends with the browser and lasts one working day at most.
    assert pengaturan_produksi["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert pengaturan_produksi["SESSION_COOKIE_AGE"] == 8 * 60 * 60


def test_a_login_under_production_settings_sets_a_secure_browser_session_cookie(
    org, client, password, settings, pengaturan_produksi
):
    for nama, nilai in pengaturan_produksi.items():
        setattr(settings, nama, nilai)
    halaman = client.get(reverse("login"), secure=True)
    csrf = halaman.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    response = client.post(reverse("login"), {"username": org.staf_a1.nip, "password": password}, secure=True)
    assert response.status_code == 302
    sesi = response.cookies["sessionid"]
    assert sesi["secure"] and sesi["httponly"] and sesi["samesite"] == "Lax"
    # No expiry on the cookie: the browser forgets it when it closes.
    assert not sesi["expires"] and not sesi["max-age"]
    # The server forgets it after one working day whatever the browser does.
    sisa = Session.objects.get(session_key=sesi.value).expire_date - timezone.now()
    assert datetime.timedelta(hours=7, minutes=59) < sisa <= datetime.timedelta(hours=8)


def test_production_redirects_plain_http_to_https(client, settings, pengaturan_produksi):
    settings.SECURE_SSL_REDIRECT = pengaturan_produksi["SECURE_SSL_REDIRECT"]
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_a_new_password_shorter_than_ten_characters_is_refused_in_indonesian(org, login, password):
    client = login(org.staf_a1)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "Tlg#7pQ2x", "new_password2": "Tlg#7pQ2x"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "terlalu pendek" in html and "10 karakter" in html
    assert get_user_model().objects.get(pk=org.staf_a1.user.pk).check_password(password)


def test_a_new_password_of_ten_characters_is_accepted(org, login, password):
    client = login(org.staf_a1)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "Tlg#7pQ2xW", "new_password2": "Tlg#7pQ2xW"},
    )
    assert response["Location"] == reverse("password_change_done")
