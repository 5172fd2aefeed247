"""Behind our reverse proxies, per-address limits count the client's address, not the proxy's."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.5"  # what REMOTE_ADDR is behind docker compose's nginx: the proxy container


def lacak(client, xff):
    return client.post(
        reverse("layanan:lacak"), {"nomor_tiket": "X", "nik_4": "0001"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=xff
    ).status_code


def test_citizens_behind_the_proxy_each_get_their_own_tracking_budget(client, settings):
    settings.TRUSTED_PROXIES = 1
    settings.LAYANAN_BATAS_LACAK = 2
    assert [lacak(client, "36.66.1.10") for _ in range(3)] == [200, 200, 429]
    assert lacak(client, "36.66.1.11") == 200


def test_a_citizen_cannot_escape_the_limit_by_sending_x_forwarded_for(client, settings):
    settings.TRUSTED_PROXIES = 1
    settings.LAYANAN_BATAS_LACAK = 2
    # nginx appends the address it saw; what the client wrote stays to the left and is ignored.
    kode = [lacak(client, f"10.9.9.{n}, 36.66.1.10") for n in range(3)]
    assert kode == [200, 200, 429]


def test_with_a_tls_terminator_in_front_the_second_entry_from_the_right_is_the_client(client, settings):
    settings.TRUSTED_PROXIES = 2
    settings.LAYANAN_BATAS_LACAK = 1
    assert lacak(client, "10.9.9.9, 36.66.1.10, 10.0.0.2") == 200
    assert lacak(client, "10.9.9.8, 36.66.1.10, 10.0.0.2") == 429
    assert lacak(client, "36.66.1.11, 10.0.0.2") == 200


def test_without_trusted_proxies_the_header_is_ignored(client, settings):
    settings.TRUSTED_PROXIES = 0
    settings.LAYANAN_BATAS_LACAK = 1
    assert lacak(client, "36.66.1.10") == 200
    assert lacak(client, "36.66.1.11") == 429
