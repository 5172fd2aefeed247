"""Versions of the data that cached page fragments show, so that no fragment outlives a change.

The heaviest parts of the main pages (Tim Saya, the ASN search, the HR list and its progress per unit, the
realisation form, the organisation dashboard's figures) are cached under a key that carries the version of
every kind of data they show (kunci_fragmen(request, "roster", "evaluasi")). Every write of such data moves its
version on: a saved or deleted row through Django's signals, and a queryset's update, delete, bulk_create or
bulk_update through VersiQuerySet, which the models' managers use. A fragment cached under an older version is
never read again and expires.

The version moves twice: at once, so the writer's own next read in the same transaction is fresh, and again
after the commit, so that a fragment another request rendered from the data as it was before the commit, and
stored under the first new version, is not served either. Writes that bypass the ORM (the demo seed's COPY,
restoring a backup) call naikkan_semua().

The versions live in the shared cache (Redis in production), like the fragments: every web instance sees the
same ones. If the cache loses a version it starts again from the clock, never from a number already used.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

JENIS = ("roster", "periode", "skp", "evaluasi", "rekap", "layanan")
_AWALAN = "versi-data:"


def _baru() -> int:
    return time.time_ns()


def versi(jenis: str) -> int:
    return _versi_versi([jenis])[jenis]


def _versi_versi(jenis) -> dict[str, int]:
    """The current versions of these kinds of data, read in one round trip."""
    ada = cache.get_many([_AWALAN + j for j in jenis])
    hasil = {}
    for j in jenis:
        nilai = ada.get(_AWALAN + j)
        if nilai is None:
            cache.add(_AWALAN + j, _baru(), None)
            nilai = cache.get(_AWALAN + j)
        hasil[j] = nilai
    return hasil


def kunci_fragmen(request, *jenis: str, bagian: str | None = None) -> str:
    """The cache key of a page's fragment: whose page (the user and their roles, so a changed role never sees a
    fragment of the old one), which part of which page (by default the path and query string), and the versions
    of the data it shows."""
    from .permissions import peran

    if not settings.FRAGMEN_CACHE_DETIK:
        return ""  # nothing is cached: no key to build
    p = peran(request.user)
    peran_peran = "".join("1" if f else "0" for f in (p.administrator, p.pengelola, p.petugas_layanan, p.atasan))
    # Every kind's version in one round trip, once per request: a page may build several keys. A write later in
    # the same request only makes a fragment stored under the older version fresher than it need be.
    if not hasattr(request, "_versi_data"):
        request._versi_data = _versi_versi(JENIS)
    versi_versi = "-".join(f"{j}{request._versi_data[j]}" for j in jenis)
    return f"{request.user.pk}:{peran_peran}:{bagian or request.get_full_path()}:{versi_versi}"


def tersimpan(request, bagian: str, hitung, *jenis: str):
    """What hitung() returns, kept in the cache under kunci_fragmen() while the data it reads stay the same;
    computed afresh on every request when FRAGMEN_CACHE_DETIK is 0."""
    if not settings.FRAGMEN_CACHE_DETIK:
        return hitung()
    kunci_cache = "fragmen:" + hashlib.sha256(kunci_fragmen(request, *jenis, bagian=bagian).encode()).hexdigest()
    return cache.get_or_set(kunci_cache, hitung, settings.FRAGMEN_CACHE_DETIK)


def _naik(jenis: str) -> None:
    kunci_cache = _AWALAN + jenis
    try:
        cache.incr(kunci_cache)
    except ValueError:  # not in the cache (expired or flushed): start again from the clock
        cache.set(kunci_cache, _baru(), None)


def naikkan(jenis: str) -> None:
    """A write of this kind of data: move its version on now and again once the transaction commits."""
    _naik(jenis)
    transaction.on_commit(lambda: _naik(jenis))


def naikkan_semua() -> None:
    for jenis in JENIS:
        naikkan(jenis)


class VersiQuerySet(models.QuerySet):
    """A queryset whose bulk writes move the version of its model's data on (Model.versi_data)."""

    def _naikkan(self):
        naikkan(self.model.versi_data)

    def update(self, **kwargs):
        hasil = super().update(**kwargs)
        self._naikkan()
        return hasil

    def delete(self):
        hasil = super().delete()
        self._naikkan()
        return hasil

    def bulk_create(self, *args, **kwargs):
        hasil = super().bulk_create(*args, **kwargs)
        self._naikkan()
        return hasil

    def bulk_update(self, *args, **kwargs):
        hasil = super().bulk_update(*args, **kwargs)
        self._naikkan()
        return hasil


def _berubah(sender, **kwargs):
    naikkan(sender.versi_data)


def hubungkan(*model_model) -> None:
    """Move the version on whenever a row of these models (each naming its kind in versi_data) is saved or deleted."""
    for model in model_model:
        post_save.connect(_berubah, sender=model, dispatch_uid=f"versi_data_simpan_{model.__name__}")
        post_delete.connect(_berubah, sender=model, dispatch_uid=f"versi_data_hapus_{model.__name__}")
