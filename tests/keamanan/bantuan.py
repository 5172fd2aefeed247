"""Helpers of the security tests: every URL pattern of the project, a fingerprint of the database, and one
request answered inside a savepoint so that nothing it writes reaches the next request."""

import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

APLIKASI = ("kinerja", "evaluasi", "layanan", "rekap")


@dataclass(frozen=True)
class Pola:
    """One URL pattern: `kunci` is its name ("layanan:detail") or, when unnamed, its route."""

    kunci: str
    rute: str
    nama: str | None
    callback: object

    @property
    def admin(self) -> bool:
        return self.rute.startswith("admin/")

    @property
    def parameter(self) -> list[str]:
        return [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", self.rute)]


def semua_pola() -> list[Pola]:
    """Every URL pattern of the project, admin's included, walking the root resolver recursively."""

    def jelajah(resolver, awalan, ruang):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ruang_baru = ":".join(filter(None, [ruang, p.namespace]))
                yield from jelajah(p, awalan + str(p.pattern), ruang_baru)
            elif isinstance(p, URLPattern):
                rute = awalan + str(p.pattern)
                nama = ":".join(filter(None, [ruang, p.name])) if p.name else None
                yield Pola(nama or rute, rute, nama, p.callback)

    return list(jelajah(get_resolver(), "", ""))


def url_pola(pola: Pola, kwargs: dict) -> str:
    if pola.nama:
        return reverse(pola.nama, kwargs=kwargs)
    # Unnamed patterns (admin's object shortcut, its catch-all): fill the route by hand.
    rute = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), pola.rute)
    rute = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), rute)
    return "/" + rute.lstrip("^").rstrip("$")


def isi_argumen(pola, baris, nilai: dict, adegan) -> str:
    """The pattern's URL with its kwargs and query filled from `nilai` (the unit's objects, or another's)."""
    if "{admin_objek}" in baris.argumen.values():
        _, app_label, model_name, *_ = pola.rute.split("/")
        nilai = {**nilai, "admin_objek": adegan.objek_admin(app_label, model_name)}
    kwargs = {k: v.format(**nilai) for k, v in baris.argumen.items()}
    url = url_pola(pola, kwargs)
    return f"{url}?{baris.query.format(**nilai)}" if baris.query else url


def _sql_jejak() -> list[tuple[str, str]]:
    qn = connection.ops.quote_name
    model = [m for app in APLIKASI for m in apps.get_app_config(app).get_models()] + [User, Group, User.groups.through]
    hasil = []
    for m in model:
        # last_login moves whenever a test signs a user in; it is no data a request could corrupt.
        kolom = ", ".join(qn(f.column) for f in m._meta.concrete_fields if f.attname != "last_login")
        hasil.append((m._meta.label, f"SELECT {kolom} FROM {qn(m._meta.db_table)} ORDER BY {qn(m._meta.pk.column)}"))
    return hasil


def jejak() -> dict[str, list]:
    """Every row of the project's tables, users and groups: equal before and after means nothing changed.

    Plain SQL rather than the ORM: the matrix takes it after every refused POST.
    """
    with connection.cursor() as cursor:
        hasil = {}
        for label, sql in _sql_jejak():
            cursor.execute(sql)
            hasil[label] = cursor.fetchall()
    return hasil


def beda(sebelum: dict, sesudah: dict) -> list[str]:
    return sorted(k for k in sebelum if sebelum[k] != sesudah[k])


@dataclass
class Jawaban:
    status: int
    lokasi: str
    isi: bytes
    jenis: str
    berubah: list[str]

    @property
    def kode(self) -> str:
        """The status as the matrix writes it: "L" a redirect to a login page, "R" any other redirect."""
        if self.status in (301, 302):
            return "L" if self.lokasi.startswith((reverse("login"), reverse("admin:login"))) else "R"
        return str(self.status)


def _masuk(client, user) -> None:
    """Sign the client in as `user` (None: out), unless it still is: a request that logged out, or whose new
    session was rolled back, leaves another session cookie behind."""
    sesi = client.cookies.get(settings.SESSION_COOKIE_NAME)
    sesi = sesi.value if sesi else ""
    if getattr(client, "_akses", None) == (user, sesi):
        return
    if user is not None:
        client.force_login(user)
    else:
        client.logout()
    sesi = client.cookies.get(settings.SESSION_COOKIE_NAME)
    client._akses = (user, sesi.value if sesi else "")


def minta(client, user, metode: str, url: str, data=None, jejak_awal=None) -> Jawaban:
    """One request as `user` (None: anonymous), rolled back afterwards.

    With `jejak_awal` (a jejak() taken before), `berubah` names the tables the request changed. The cache is
    emptied first: the public forms' per-address limits would otherwise answer 429 after a few requests.
    """
    _masuk(client, user)
    cache.clear()
    with transaction.atomic():
        response = getattr(client, metode)(url, data or {})
        berubah = beda(jejak_awal, jejak()) if jejak_awal is not None else []
        isi = b"".join(response.streaming_content) if response.streaming else response.content
        transaction.set_rollback(True)
    return Jawaban(response.status_code, response.get("Location", ""), isi, response.get("Content-Type", ""), berubah)
