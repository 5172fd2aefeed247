"""Budgets of requests kept in the shared cache: at most N in a window, per client address or per whatever a form
counts (a submitted email address), so every instance behind the proxy counts the same."""

import logging

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from core.cache_backend import CacheUnavailable

logger = logging.getLogger(__name__)

# While the shared cache is unreachable (core/cache_backend.py) each process counts on its own: the public forms
# still answer (failing closed would shut the service desk for the whole outage), and a guesser is still slowed,
# by a budget per process rather than per site.
_this_process = LocMemCache("core-ratelimit", {"OPTIONS": {"MAX_ENTRIES": 10000}})


def over_limit(key: str, limit: int, seconds: int) -> bool:
    """Count one request against the budget `key` (`limit` per `seconds`); True once the budget is spent.

    The window starts with the first request of it and is not prolonged by later ones.
    """
    try:
        count = _count(cache, key, seconds)
    except CacheUnavailable:
        if _this_process.add("peringatan", True, 60):
            logger.warning("Cache bersama tidak tersedia: batas permintaan dihitung per proses web")
        count = _count(_this_process, key, seconds)
    return count > limit


def _count(store, key: str, seconds: int) -> int:
    store.add(key, 0, seconds)
    try:
        count = store.incr(key)
    except CacheUnavailable:
        raise
    except ValueError:  # expired between add and incr
        store.set(key, 1, seconds)
        count = 1
    if count == 1:
        # The first of a window: if the key expired just before Redis's INCR, INCR made it anew without an expiry,
        # and the budget would stay spent for good.
        store.touch(key, seconds)
    return count
