"""Redis down (core/cache_backend.py): users still sign in, pages render live, public tracking answers, and /healthz
still says Redis is down. With Redis up the backend is Django's RedisCache."""

import logging
import uuid

import pytest
import redis
from axes.models import AccessAttempt
from celery.app.task import Task
from django.core.cache import cache
from django.urls import reverse
from kombu.exceptions import OperationalError as BrokerTidakTersedia

from core import cache_backend, ratelimit
from core.cache_backend import CacheUnavailable, DegradingRedisCache
from kinerja.models import Pegawai
from tests.conftest import perlu_layanan
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario
from tests.layanan.factories import NIK_CONTOH, PermohonanFactory

pytestmark = pytest.mark.django_db

PORT_TERTUTUP = "redis://127.0.0.1:1/0"
BACKEND = "core.cache_backend.DegradingRedisCache"


@pytest.fixture(autouse=True)
def _sirkuit_baru(monkeypatch):
    """Each test starts with no memory of an earlier outage, and with empty per-process rate limits."""
    monkeypatch.setattr(cache_backend, "_breakers", {})
    ratelimit._this_process.clear()


@pytest.fixture
def redis_padam(settings, monkeypatch):
    """Redis on a closed port, as cache and as broker, with the fragment and IKM caches on as in production."""
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": PORT_TERTUTUP}}
    settings.REDIS_URL = PORT_TERTUTUP
    settings.FRAGMEN_CACHE_DETIK = 600
    settings.IKM_CACHE_DETIK = 300

    def broker_padam(*args, **kwargs):
        raise BrokerTidakTersedia("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    # Signing in and tracking send no task: one would fail here as it fails with the broker down.
    monkeypatch.setattr(Task, "apply_async", broker_padam)


def masuk(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_it_logs_in_through_the_login_form_while_redis_is_down(org, client, password, redis_padam):
    response = masuk(client, org.staf_a1.nip, password)
    assert response.status_code == 302 and response["Location"] == reverse("beranda")
    beranda = client.get(reverse("beranda"))
    assert beranda.status_code == 200
    assert "Staf A Satu" in beranda.content.decode()


def test_login_throttling_works_in_the_database_while_redis_is_down(org, client, password, settings, redis_padam):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    assert masuk(client, org.staf_a1.nip, "bukan-sandinya").status_code == 200
    assert AccessAttempt.objects.get(username=org.staf_a1.nip).failures_since_start == 1
    assert masuk(client, org.staf_a1.nip, password).status_code == 302
    assert client.session["_auth_user_id"] == str(org.staf_a1.user.pk)
    client.logout()
    gagal = [masuk(client, org.staf_a2.nip, "bukan-sandinya").status_code for _ in range(3)]
    assert gagal == [200, 200, 429]


def test_an_asns_main_pages_answer_live_while_redis_is_down(org, login, redis_padam):
    s = Skenario(org)
    atasan = login(org.atasan_a)
    for url in (reverse("beranda"), reverse("tim_saya"), reverse("evaluasi_detail", args=[s.evaluasi().pk])):
        assert atasan.get(url).status_code == 200, url
    assert "Menunggu penilaian Anda" not in atasan.get(reverse("tim_saya")).content.decode()

    s.ajukan()
    # Nothing cached can be read: the page shows the submission at once.
    assert "Menunggu penilaian Anda" in atasan.get(reverse("tim_saya")).content.decode()


def test_the_cached_lists_show_a_change_at_once_while_redis_is_down(org, login, redis_padam):
    hr = login(org.hr_a)
    assert "Staf A Satu" in hr.get(reverse("daftar_pegawai")).content.decode()
    Pegawai.objects.filter(pk=org.staf_a1.pk).update(nama="Nama Baru Sekali")
    html = hr.get(reverse("daftar_pegawai")).content.decode()
    assert "Nama Baru Sekali" in html and "Staf A Satu" not in html


def test_public_tracking_finds_a_ticket_while_redis_is_down(client, redis_padam):
    permohonan = PermohonanFactory(nik=NIK_CONTOH)
    response = client.post(reverse("layanan:lacak"), {"nomor_tiket": permohonan.nomor_tiket, "nik_4": NIK_CONTOH[-4:]})
    assert response.status_code == 200
    assert permohonan.nomor_tiket in response.content.decode()
    assert response.context["permohonan"] == permohonan
    assert client.get(reverse("layanan:hasil_ikm")).status_code == 200


def test_tracking_is_still_limited_per_process_while_redis_is_down(client, settings, redis_padam, caplog):
    settings.LAYANAN_BATAS_LACAK = 2
    data = {"nomor_tiket": "T-000000", "nik_4": "0000"}
    with caplog.at_level(logging.WARNING, logger="core.ratelimit"):
        status = [client.post(reverse("layanan:lacak"), data).status_code for _ in range(3)]
    assert status == [200, 200, 429]
    (peringatan,) = [r for r in caplog.records if r.name == "core.ratelimit"]
    assert "dihitung per proses" in peringatan.getMessage()


def test_healthz_still_reports_redis_down(client, redis_padam):
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["gagal"] == ["redis"]


def test_a_dead_redis_is_left_alone_for_a_pause_and_logged_once(settings, monkeypatch, caplog):
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": PORT_TERTUTUP}}
    with caplog.at_level(logging.WARNING, logger="core.cache_backend"):
        assert cache.get("a", "bawaan") == "bawaan"
    panggilan = []
    asli = cache._cache.get_client
    monkeypatch.setattr(cache._cache, "get_client", lambda *a, **kw: panggilan.append(1) or asli(*a, **kw))
    with caplog.at_level(logging.WARNING, logger="core.cache_backend"):
        for _ in range(50):
            assert cache.get("a") is None
            assert cache.get_many(["a", "b"]) == {}
            assert cache.add("a", 1) is False
            assert cache.set("a", 1) is None
            assert cache.get_or_set("a", lambda: 7) == 7
            with pytest.raises(CacheUnavailable):
                cache.incr("a")
        assert panggilan == []  # the breaker is open: not one connection tried

        # After the pause one PING tries the server again; it is still down, and the log already said so.
        monkeypatch.setattr(cache._breaker, "retry_at", 0.0)
        monkeypatch.setattr(DegradingRedisCache, "pause_seconds", 0)
        cache.get("a")
        cache.get("a")
    assert len(panggilan) == 2
    (catatan,) = [r for r in caplog.records if r.name == "core.cache_backend"]
    assert "(127.0.0.1:1)" in catatan.getMessage() and "Connection refused" in catatan.getMessage()


def test_the_sockets_time_out_quickly():
    backend = DegradingRedisCache(PORT_TERTUTUP, {})
    opsi = backend._cache._pool_options
    assert opsi["socket_connect_timeout"] <= 0.5 and opsi["socket_timeout"] <= 1
    # A deployment may still choose its own.
    assert (
        DegradingRedisCache(PORT_TERTUTUP, {"OPTIONS": {"socket_timeout": 2}})._cache._pool_options["socket_timeout"]
        == 2
    )


# --- with Redis up ------------------------------------------------------------------------------------------------


@pytest.fixture
def redis_hidup(settings):
    """The backend on the real Redis (REDIS_URL), under a prefix of its own, removed afterwards."""
    if not settings.REDIS_URL:
        perlu_layanan("REDIS_URL tidak diatur")
    awalan = f"uji-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": settings.REDIS_URL, "KEY_PREFIX": awalan}}
    yield cache
    klien = redis.Redis.from_url(settings.REDIS_URL)
    for kunci in klien.scan_iter(match=f"{awalan}:*"):
        klien.delete(kunci)


@pytest.mark.services
def test_with_redis_up_it_is_an_ordinary_redis_cache(redis_hidup):
    c = redis_hidup
    assert c.get("a") is None
    assert c.add("a", 1, 60) is True and c.add("a", 2, 60) is False
    assert c.incr("a") == 2 and c.incr("a", 5) == 7
    c.set("b", {"isi": [1, 2]}, 60)
    assert c.get_many(["a", "b", "c"]) == {"a": 7, "b": {"isi": [1, 2]}}
    assert c.get_or_set("c", lambda: "dihitung", 60) == "dihitung"
    assert c.get_or_set("c", lambda: "lagi", 60) == "dihitung"
    assert c.touch("b", 30) is True and c.has_key("b")
    assert c.delete("b") is True and c.get("b") is None
    with pytest.raises(ValueError):
        c.incr("tidak-ada")


@pytest.mark.services
def test_a_change_made_while_redis_was_unreachable_shows_once_it_is_back(
    org, login, settings, redis_hidup, monkeypatch
):
    """Redis may come back holding the fragments of before; the writes made meanwhile could not move the versions
    on, so the first call that reaches Redis again moves them all."""
    settings.FRAGMEN_CACHE_DETIK = 600
    s = Skenario(org)
    atasan = login(org.atasan_a)
    assert "Menunggu penilaian Anda" not in atasan.get(reverse("tim_saya")).content.decode()  # now cached

    def putus(*args, **kwargs):
        raise redis.ConnectionError("Error 111 connecting. Connection refused.")

    with monkeypatch.context() as m:
        m.setattr(redis_hidup._cache, "get_client", putus)
        s.ajukan()
        assert "Menunggu penilaian Anda" in atasan.get(reverse("tim_saya")).content.decode()

    monkeypatch.setattr(redis_hidup._breaker, "retry_at", 0.0)  # the pause is over
    assert "Menunggu penilaian Anda" in atasan.get(reverse("tim_saya")).content.decode()
