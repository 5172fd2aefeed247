"""Login throttling (django-axes): per username and address, cool-off, Indonesian lockout page, behind a proxy."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core.proxy import client_address

pytestmark = pytest.mark.django_db

BATAS = 5


@pytest.fixture(autouse=True)
def _axes_aktif(settings):
    # tests/settings.py switches axes off for the rest of the suite; these tests are about it.
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = BATAS
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)


def masuk(client, username, password, url=None, **extra):
    return client.post(url or reverse("login"), {"username": username, "password": password}, **extra)


def gagal(client, username, kali, **extra):
    return [masuk(client, username, "bukan-sandinya", **extra) for _ in range(kali)]


def test_it_locks_a_username_after_repeated_failures_even_with_the_right_password(org, client, password):
    jawaban = gagal(client, org.staf_a1.nip, BATAS)
    assert [r.status_code for r in jawaban[:-1]] == [200] * (BATAS - 1)
    assert jawaban[-1].status_code == 429
    response = masuk(client, org.staf_a1.nip, password)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_explains_in_indonesian_how_long_to_wait(org, client):
    html = gagal(client, org.staf_a1.nip, BATAS)[-1].content.decode()
    assert "Masuk dikunci sementara" in html
    assert "Terlalu banyak percobaan masuk yang gagal (5 kali)" in html
    assert "15 menit" in html
    assert "Account locked" not in html and "Traceback" not in html


def test_another_username_from_the_same_address_can_still_log_in(org, client, password):
    gagal(client, org.staf_a1.nip, BATAS)
    response = masuk(client, org.staf_a2.nip, password)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(org.staf_a2.user.pk)


def test_the_same_username_from_another_address_is_not_locked(org, client, password):
    gagal(client, org.staf_a1.nip, BATAS, REMOTE_ADDR="10.1.1.1")
    assert masuk(client, org.staf_a1.nip, password, REMOTE_ADDR="10.1.1.2").status_code == 302


def test_the_lock_lifts_after_the_cool_off_time(org, client, password):
    gagal(client, org.staf_a1.nip, BATAS)
    assert masuk(client, org.staf_a1.nip, password).status_code == 429
    # Time travel: the failures happened 16 minutes ago.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert masuk(client, org.staf_a1.nip, password).status_code == 302


def test_the_lock_holds_just_before_the_cool_off_ends(org, client, password):
    gagal(client, org.staf_a1.nip, BATAS)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=14))
    assert masuk(client, org.staf_a1.nip, password).status_code == 429


def test_a_successful_login_resets_the_failure_count(org, client, password):
    gagal(client, org.staf_a1.nip, BATAS - 1)
    assert masuk(client, org.staf_a1.nip, password).status_code == 302
    client.post(reverse("logout"))
    jawaban = gagal(client, org.staf_a1.nip, BATAS - 1)
    assert [r.status_code for r in jawaban] == [200] * (BATAS - 1)
    assert masuk(client, org.staf_a1.nip, password).status_code == 302


def test_the_admin_login_is_throttled_too(client, password):
    get_user_model().objects.create_superuser("root", password=password)
    url = reverse("admin:login")
    jawaban = gagal(client, "root", BATAS, url=url)
    assert jawaban[-1].status_code == 429
    assert "Masuk dikunci sementara" in jawaban[-1].content.decode()
    assert masuk(client, "root", password, url=url).status_code == 429


def test_administrators_see_lockouts_in_the_admin_and_can_delete_them(org, client, password):
    gagal(client, org.staf_a1.nip, BATAS)
    root = get_user_model().objects.create_superuser("root", password=password)
    client.force_login(root)
    daftar = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert daftar.status_code == 200
    assert org.staf_a1.nip in daftar.content.decode()
    percobaan = AccessAttempt.objects.get(username=org.staf_a1.nip)
    hapus = client.post(reverse("admin:axes_accessattempt_delete", args=[percobaan.pk]), {"post": "yes"})
    assert hapus.status_code == 302
    client.post(reverse("logout"))
    assert masuk(client, org.staf_a1.nip, password).status_code == 302


# --- the client address behind the reverse proxy -------------------------------------------------------------


def permintaan(remote_addr, forwarded=None):
    meta = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/masuk/", **meta)


def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_address(permintaan("203.0.113.7", "10.9.9.9")) == "203.0.113.7"


def test_behind_one_proxy_the_client_is_the_address_it_appended(settings):
    settings.TRUSTED_PROXIES = 1
    # The client wrote "1.2.3.4" itself; the proxy appended the address it really came from.
    assert client_address(permintaan("172.18.0.5", "1.2.3.4, 36.80.12.9")) == "36.80.12.9"
    assert client_address(permintaan("172.18.0.5")) == "172.18.0.5"


def test_behind_a_tls_terminator_and_nginx_the_client_is_second_from_the_right(settings):
    settings.TRUSTED_PROXIES = 2
    assert client_address(permintaan("172.18.0.5", "1.2.3.4, 36.80.12.9, 10.0.0.2")) == "36.80.12.9"
    assert client_address(permintaan("172.18.0.5", "10.0.0.2")) == "172.18.0.5"


def test_two_clients_behind_the_same_proxy_are_locked_separately(org, client, password, settings):
    settings.TRUSTED_PROXIES = 1
    gagal(client, org.staf_a1.nip, BATAS, REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR="36.80.1.1")
    assert AccessAttempt.objects.get().ip_address == "36.80.1.1"
    lain = masuk(client, org.staf_a1.nip, password, REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR="36.80.2.2")
    assert lain.status_code == 302
