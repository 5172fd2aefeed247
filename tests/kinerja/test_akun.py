"""Login, logout and password change, in Indonesian."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_is_in_indonesian(client):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="id">' in html
    assert "NIP atau nama pengguna" in html
    assert "Kata sandi" in html
    assert ">Masuk</button>" in html
    assert "Username" not in html and "Password" not in html


def test_failed_login_shows_an_indonesian_error(org, client):
    response = client.post(reverse("login"), {"username": org.staf_a1.nip, "password": "salah"})
    assert response.status_code == 200
    assert "NIP/nama pengguna atau kata sandi salah" in response.content.decode()


def test_empty_login_says_the_field_is_required_in_indonesian(client):
    html = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    assert "Bidang ini tidak boleh kosong" in html


def test_login_with_nip_lands_on_beranda(org, client, password):
    response = client.post(reverse("login"), {"username": org.staf_a1.nip, "password": password}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("beranda")
    assert response.context["user"] == org.staf_a1.user


def test_logged_in_user_visiting_login_goes_to_beranda(org, login):
    response = login(org.staf_a1).get(reverse("login"))
    assert response["Location"] == reverse("beranda")


def test_logout_is_a_post_that_returns_to_login(org, login):
    client = login(org.staf_a1)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    # Signed out, the front page is the public one again, with the way back in.
    html = client.get(reverse("beranda")).content.decode()
    assert "Masuk pegawai" in html and "Keluar" not in html


def test_password_change_form_is_in_indonesian(org, login):
    html = login(org.staf_a1).get(reverse("password_change")).content.decode()
    assert "Kata sandi lama" in html and "Ulangi kata sandi baru" in html


def test_password_change_errors_are_in_indonesian(org, login):
    response = login(org.staf_a1).post(
        reverse("password_change"),
        {"old_password": "salah", "new_password1": "123", "new_password2": "123"},
    )
    html = response.content.decode()
    assert "Kata sandi lama salah" in html


def test_password_change_refuses_different_new_passwords_in_indonesian(org, login, password):
    response = login(org.staf_a1).post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "Gorontalo-Baru-2026", "new_password2": "Gorontalo-Lain-2026"},
    )
    assert "Kedua isian kata sandi baru tidak sama" in response.content.decode()


def test_password_change_refuses_a_weak_password_in_indonesian(org, login, password):
    response = login(org.staf_a1).post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"},
    )
    html = response.content.decode()
    assert "terlalu umum" in html


def test_password_change_succeeds(org, login, password):
    client = login(org.staf_a1)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "Gorontalo-Baru-2026", "new_password2": "Gorontalo-Baru-2026"},
        follow=True,
    )
    assert "Kata sandi Anda sudah diganti" in response.content.decode()
    org.staf_a1.user.refresh_from_db()
    assert org.staf_a1.user.check_password("Gorontalo-Baru-2026")
