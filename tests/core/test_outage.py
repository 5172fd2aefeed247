"""PostgreSQL or Redis unreachable: a plain 503 in Indonesian, never a traceback or a 500. (The cache does not
raise when Redis is down: tests/core/test_redis_padam.py.)"""

import logging

import pytest
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.test import Client
from django.urls import reverse

from tests.conftest import perlu_layanan

pytestmark = pytest.mark.django_db

REDIS_MATI = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def assert_halaman_gangguan(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Layanan sementara tidak tersedia" in html
    assert "coba lagi dalam beberapa saat" in html
    assert "Traceback" not in html and "OperationalError" not in html and "Server Error" not in html


@pytest.fixture
def putuskan_db(monkeypatch):
    """Call it (after logging in) to make every further query fail as if PostgreSQL had gone away."""

    def putuskan(galat=None):
        def putus(*args, **kwargs):
            raise galat or OperationalError("could not connect to server: Connection refused")

        monkeypatch.setattr(connection, "cursor", putus)

    return putuskan


def test_a_signed_in_page_answers_503_when_the_database_is_down(org, login, putuskan_db):
    client = login(org.staf_a1)
    putuskan_db()
    assert_halaman_gangguan(client.get(reverse("beranda")))


def test_a_public_page_answers_503_when_the_database_is_down(client, putuskan_db):
    putuskan_db()
    assert_halaman_gangguan(client.get(reverse("layanan:hasil_ikm")))


def test_a_form_post_answers_503_when_the_database_is_down(org, login, putuskan_db):
    client = login(org.hr_a)
    putuskan_db()
    assert_halaman_gangguan(client.post(reverse("periode_daftar"), {"nama": "x"}))


def test_a_lost_connection_midway_answers_503_too(org, login, putuskan_db):
    client = login(org.staf_a1)
    putuskan_db(InterfaceError("connection already closed"))
    assert_halaman_gangguan(client.get(reverse("daftar_pegawai")))


def test_the_failure_is_logged_with_the_path(org, login, putuskan_db, caplog):
    client = login(org.staf_a1)
    putuskan_db()
    with caplog.at_level(logging.ERROR, logger="core.outage"):
        client.get(reverse("beranda"))
    (catatan,) = [r for r in caplog.records if r.name == "core.outage"]
    assert "GET /" in catatan.getMessage()
    assert "Connection refused" in catatan.getMessage()
    assert catatan.exc_info is not None


def test_a_redis_error_reaching_a_view_answers_503(client, settings):
    # Django's own RedisCache raises when Redis is down; production's degrades to no cache instead, and tracking
    # answers (tests/core/test_redis_padam.py). What still raises (a client used directly) gets the 503 page.
    settings.CACHES = REDIS_MATI
    response = client.post(reverse("layanan:lacak"), {"nomor_tiket": "X", "nik_4": "0001"})
    assert_halaman_gangguan(response)


class MiddlewareBasisDataPutus:
    """Stands for a middleware that reaches the database itself, like the session store when it saves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("server closed the connection unexpectedly")


def test_a_failure_inside_another_middleware_also_answers_503(settings):
    posisi = settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1
    mw = settings.MIDDLEWARE
    settings.MIDDLEWARE = [*mw[:posisi], f"{__name__}.MiddlewareBasisDataPutus", *mw[posisi:]]
    # Without the test client re-raising: this is what a browser would receive.
    assert_halaman_gangguan(Client(raise_request_exception=False).get(reverse("login")))


@pytest.mark.django_db(transaction=True)
def test_postgresql_on_a_closed_port_gives_503_and_healthz_names_the_database(client, settings):
    if connection.vendor != "postgresql":
        perlu_layanan("DATABASE_URL bukan PostgreSQL: port tertutup hanya diuji pada PostgreSQL")
    settings.REDIS_URL = ""
    port_asli = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = 1
    try:
        assert_halaman_gangguan(client.get(reverse("layanan:hasil_ikm")))
        sehat = client.get("/healthz/")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port_asli
    assert sehat.status_code == 503
    assert sehat.json()["gagal"] == ["database"]
