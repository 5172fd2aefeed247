"""/healthz: what docker-compose and load balancers poll."""

import pytest
from django.db import connection
from django.db.utils import OperationalError

from tests.conftest import perlu_layanan

pytestmark = pytest.mark.django_db


def test_it_reports_ok_when_the_database_answers(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "latar": {"rekap": "ok"}}


@pytest.mark.services
def test_it_checks_redis_when_configured(client, settings):
    if not settings.REDIS_URL:
        perlu_layanan("REDIS_URL tidak diatur")
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "ok", "latar": {"rekap": "ok"}}


def test_it_names_redis_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["redis"] == "gagal"
    assert body["gagal"] == ["redis"]


def test_it_names_the_database_when_it_is_down_and_logs_why_without_telling_the_caller(
    client, settings, monkeypatch, caplog
):
    settings.REDIS_URL = ""

    def putus(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", putus)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["gagal"] == ["database"]
    assert response.json()["database"] == "gagal"
    assert "connection refused" not in response.content.decode()
    assert "connection refused" in caplog.text


def test_it_answers_probes_by_ip_over_plain_http_in_production(client, settings):
    settings.REDIS_URL = ""
    settings.ALLOWED_HOSTS = ["kinerja.gorontaloprov.go.id"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz/", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200


def test_other_paths_still_validate_the_host(client, settings):
    settings.ALLOWED_HOSTS = ["kinerja.gorontaloprov.go.id"]
    assert client.get("/masuk/", HTTP_HOST="10.0.0.5:8000").status_code == 400
