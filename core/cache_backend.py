"""The shared cache on Redis, which a Redis outage degrades to no cache at all instead of a 503 page.

Nothing in the cache is the only copy of anything: sessions and login failures live in the database, the page
fragments are rebuilt from it, the rate-limit counters and the import progress are best effort. So while Redis
cannot be reached every read is a miss and every write is dropped, and the pages render live. A dead Redis costs
milliseconds: the sockets time out quickly, and after a failure the server is left alone for PAUSE_SECONDS (a
circuit breaker) before a PING tries it again. The outage is logged once per LOG_INTERVAL_SECONDS, its end once.
/healthz asks Redis itself, so it still reports it down.

When Redis answers again it may still hold what it held before: cache_recovered is sent first (core.cache moves
every data version on, since the writes made in between could not), then the call goes ahead.
"""

import functools
import logging
import threading
import time
from urllib.parse import urlsplit

import redis
from django.core.cache.backends.redis import RedisCache
from django.dispatch import Signal

logger = logging.getLogger(__name__)

REDIS_DOWN = (redis.ConnectionError, redis.TimeoutError)
# A Redis on the local network answers in a millisecond; one that takes longer than this is as good as down.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}

# Sent by the first call that reaches Redis after it was unreachable, before that call runs.
cache_recovered = Signal()


class CacheUnavailable(ValueError):
    """incr() while Redis is unreachable: a ValueError, as for a missing key, which callers already handle."""


class _Breaker:
    """The state of one Redis server in this process, shared by the threads' cache instances."""

    def __init__(self, location: str):
        # Host and port only: a password in REDIS_URL stays out of the log.
        self.location = ",".join(
            f"{u.hostname}:{u.port or 6379}" if u.hostname else u.path for u in map(urlsplit, location.split(","))
        )
        self.lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0
        self.failed_at = 0.0
        self.logged_at: float | None = None
        self.missed = 0

    def fail(self, exc: Exception, pause: float, log_interval: float) -> None:
        now = time.monotonic()
        with self.lock:
            self.down, self.failed_at, self.retry_at = True, now, now + pause
            self.missed += 1
            if self.logged_at is not None and now - self.logged_at < log_interval:
                return
            self.logged_at, missed, self.missed = now, self.missed, 0
        logger.warning(
            "Redis (%s) tidak dapat dihubungi: cache dilewati, halaman dibuat langsung (%d panggilan gagal): %s",
            self.location,
            missed,
            exc,
        )

    def recover(self) -> None:
        with self.lock:
            if not self.down:
                return
            self.down, self.logged_at, self.missed = False, None, 0
        logger.warning("Redis (%s) dapat dihubungi lagi: cache dipakai kembali", self.location)


_breakers: dict[str, _Breaker] = {}
_breakers_lock = threading.Lock()
_local = threading.local()


def _breaker(location: str) -> _Breaker:
    with _breakers_lock:
        return _breakers.setdefault(location, _Breaker(location))


def _or_else(miss):
    """The Redis call, or what `miss(*args, **kwargs)` gives while Redis is unreachable."""

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            breaker = self._breaker
            if breaker.down and not getattr(_local, "recovering", False) and not self._probe():
                return miss(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except REDIS_DOWN as exc:
                breaker.fail(exc, self.pause_seconds, self.log_interval_seconds)
                return miss(*args, **kwargs)

        return call

    return decorate


def _unavailable(key, *args, **kwargs):
    raise CacheUnavailable(f"Redis tidak dapat dihubungi: {key!r} tidak dapat dinaikkan")


class DegradingRedisCache(RedisCache):
    """Django's RedisCache that answers like an empty cache, and stores nothing, while Redis is unreachable."""

    pause_seconds = 5.0
    log_interval_seconds = 60.0

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._breaker = _breaker(",".join(self._servers))

    def _probe(self) -> bool:
        """After the pause, whether Redis answers a PING; if it does, cache_recovered's receivers run first."""
        breaker = self._breaker
        if time.monotonic() < breaker.retry_at:
            return False
        started = time.monotonic()
        try:
            self._cache.get_client(write=True).ping()
        except REDIS_DOWN as exc:
            breaker.fail(exc, self.pause_seconds, self.log_interval_seconds)
            return False
        _local.recovering = True  # the receivers' own calls go straight to Redis
        try:
            cache_recovered.send(sender=type(self), cache=self)
        finally:
            _local.recovering = False
        if breaker.failed_at >= started:  # Redis went away again while the receivers ran
            return False
        breaker.recover()
        return True

    get = _or_else(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _or_else(lambda keys, version=None: {})(RedisCache.get_many)
    has_key = _or_else(lambda *a, **kw: False)(RedisCache.has_key)
    add = _or_else(lambda *a, **kw: False)(RedisCache.add)
    set = _or_else(lambda *a, **kw: None)(RedisCache.set)
    set_many = _or_else(lambda data, *a, **kw: list(data))(RedisCache.set_many)
    touch = _or_else(lambda *a, **kw: False)(RedisCache.touch)
    delete = _or_else(lambda *a, **kw: False)(RedisCache.delete)
    delete_many = _or_else(lambda *a, **kw: None)(RedisCache.delete_many)
    incr = _or_else(_unavailable)(RedisCache.incr)
    clear = _or_else(lambda: False)(RedisCache.clear)
