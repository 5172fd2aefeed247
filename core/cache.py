"""Versions of the data that cached page fragments show, so that no fragment outlives a change.

The heaviest parts of the main pages (Tim Saya, the ASN search, the HR list and its progress per unit, the
realisation form, the organisation dashboard's figures) are cached under a key that carries the version of
every kind of data they show (fragment_key(request, "roster", "evaluasi", roles=...)). Every write of such data
moves its version on: a saved or deleted row through Django's signals (track_versions), and a queryset's update,
delete, bulk_create or bulk_update through VersionedQuerySet, which the models' managers use. Each such model
names its kind in `data_kind`. A fragment cached under an older version is never read again and expires.

The version moves twice: at once, so the writer's own next read in the same transaction is fresh, and again
after the commit, so that a fragment another request rendered from the data as it was before the commit, and
stored under the first new version, is not served either. Writes that bypass the ORM (the demo seed's COPY,
restoring a backup) call bump_all().

The versions live in the shared cache (Redis in production), like the fragments: every web instance sees the
same ones. If the cache loses a version it starts again from the clock, never from a number already used. While
the cache cannot be reached (core/cache_backend.py) a version cannot be read: the request gets one no fragment was
ever stored under, so it renders its fragments live; once the cache answers again every version moves on, since
the writes made meanwhile could not move theirs.
"""

import functools
import hashlib
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from core.cache_backend import cache_recovered

KINDS = ("roster", "periode", "skp", "evaluasi", "rekap", "layanan", "survei")
_PREFIX = "versi-data:"


def _fresh() -> int:
    return time.time_ns()


def version(kind: str) -> int:
    return _versions([kind])[kind]


def _versions(kinds) -> dict[str, int | str]:
    """The current versions of these kinds of data, read in one round trip."""
    found = cache.get_many([_PREFIX + k for k in kinds])
    result = {}
    for k in kinds:
        value = found.get(_PREFIX + k)
        if value is None:
            cache.add(_PREFIX + k, _fresh(), None)
            value = cache.get(_PREFIX + k)
        if value is None:  # the cache is unreachable: a version nothing was stored under, never a stale fragment
            value = f"langsung-{uuid.uuid4().hex}"
        result[k] = value
    return result


def fragment_key(request, *kinds: str, roles: str, part: str | None = None) -> str:
    """The cache key of a page's fragment: whose page (the user, and `roles`, a text that changes whenever their
    roles do, so a changed role never sees a fragment of the old one), which part of which page (by default the
    path and query string), the versions of the data it shows, and the code that rendered it (code_release)."""
    if not settings.FRAGMEN_CACHE_DETIK:
        return ""  # nothing is cached: no key to build
    # Every kind's version in one round trip, once per request: a page may build several keys. A write later in
    # the same request only makes a fragment stored under the older version fresher than it need be.
    if not hasattr(request, "_data_versions"):
        request._data_versions = _versions(KINDS)
    versions = "-".join(f"{k}{request._data_versions[k]}" for k in kinds)
    return f"{code_release()}:{request.user.pk}:{roles}:{part or request.get_full_path()}:{versions}"


# What renders the cached fragments: a deploy that changes any of it must not serve fragments rendered before.
SOURCE_FOLDERS = ("templates", "core", "audit", "kinerja", "layanan", "evaluasi", "rekap", "config")


def digest_sources(root: Path, folders=SOURCE_FOLDERS) -> str:
    """A short digest of the templates and Python sources under `root`'s folders: the same for the same code on
    every instance of a release, different once any of them changes."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".py", ".html", ".txt") and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


@functools.cache
def code_release() -> str:
    """digest_sources of this process's code, read once (a few hundred small files, milliseconds)."""
    return digest_sources(Path(settings.BASE_DIR))


def cached(request, part: str, compute, *kinds: str, roles: str):
    """What compute() returns, kept in the cache under fragment_key() while the data it reads stay the same;
    computed afresh on every request when FRAGMEN_CACHE_DETIK is 0."""
    if not settings.FRAGMEN_CACHE_DETIK:
        return compute()
    key = "fragmen:" + hashlib.sha256(fragment_key(request, *kinds, roles=roles, part=part).encode()).hexdigest()
    return cache.get_or_set(key, compute, settings.FRAGMEN_CACHE_DETIK)


def _bump(kind: str) -> None:
    key = _PREFIX + kind
    try:
        cache.incr(key)
    except ValueError:  # not in the cache (expired or flushed): start again from the clock
        cache.set(key, _fresh(), None)


def bump(kind: str) -> None:
    """A write of this kind of data: move its version on now and again once the transaction commits."""
    _bump(kind)
    transaction.on_commit(lambda: _bump(kind))


def bump_all() -> None:
    for kind in KINDS:
        bump(kind)


def _cache_recovered(**kwargs):
    bump_all()


cache_recovered.connect(_cache_recovered, dispatch_uid="versi_data_cache_pulih")


class VersionedQuerySet(models.QuerySet):
    """A queryset whose bulk writes move the version of its model's data on (Model.data_kind)."""

    def _bump(self):
        bump(self.model.data_kind)

    def update(self, **kwargs):
        result = super().update(**kwargs)
        self._bump()
        return result

    def delete(self):
        result = super().delete()
        self._bump()
        return result

    def bulk_create(self, *args, **kwargs):
        result = super().bulk_create(*args, **kwargs)
        self._bump()
        return result

    def bulk_update(self, *args, **kwargs):
        result = super().bulk_update(*args, **kwargs)
        self._bump()
        return result


def _changed(sender, **kwargs):
    bump(sender.data_kind)


def track_versions(*model_classes) -> None:
    """Move the version on whenever a row of these models (each naming its kind in data_kind) is saved or deleted."""
    for model in model_classes:
        post_save.connect(_changed, sender=model, dispatch_uid=f"versi_data_simpan_{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"versi_data_hapus_{model.__name__}")
