import os
import sqlite3
import uuid
from urllib.parse import quote

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings as django_settings
from django.db import OperationalError, connections
from hypothesis import settings as hypothesis_settings

from config import celery_app
from core.roles import GRUP_ADMINISTRATOR, GRUP_PENGELOLA, GRUP_PETUGAS_LAYANAN
from tests.factories import PASSWORD, UnitKerjaFactory, UserFactory, pegawai_dengan_akun, tugaskan_pengelola

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"

# Property-based tests: few examples and no per-example deadline (database work varies with the machine), so
# the suite stays quick; HYPOTHESIS_PROFILE=mendalam explores more before a release.
hypothesis_settings.register_profile("ci", max_examples=50, deadline=None)
hypothesis_settings.register_profile("mendalam", max_examples=500, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def perlu_layanan(alasan: str):
    """Skip a test that needs an external service, or fail it when CI demands every service."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 tetapi layanan tidak tersedia: {alasan}")
    pytest.skip(alasan)


def url_database(nama: str | None = None) -> str:
    """DATABASE_URL of the PostgreSQL test database (or of database `nama` on its server), for subprocesses."""
    d = connections["default"].settings_dict
    sandi = f":{quote(d['PASSWORD'], safe='')}" if d["PASSWORD"] else ""
    alamat = f"{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}"
    return f"postgres://{quote(d['USER'], safe='')}{sandi}@{alamat}/{nama or d['NAME']}"


def kosongkan_cache(settings) -> None:
    """An empty cache from now on, as after a deploy or once every entry has expired, without flushing the shared
    Redis database that other test processes and the broker use (cache.clear() would): the keys move under a prefix
    of their own. Set through the settings, so the live server's and the worker's threads use it too."""
    settings.CACHES = {
        alias: {**konfigurasi, "KEY_PREFIX": f"uji-{uuid.uuid4().hex}"}
        for alias, konfigurasi in django_settings.CACHES.items()
    }


@pytest.fixture(autouse=True)
def _cache_sendiri(settings):
    """Each test starts with an empty cache of its own."""
    kosongkan_cache(settings)


@pytest.fixture(autouse=True)
def _celery_eager():
    """Run tasks inline by default, so background paths execute without a worker and raise their errors.

    Also with REDIS_URL set: a task sent to Redis with no worker listening would never run.
    celery_worker_redis switches this off while a real worker runs.
    """
    conf = celery_app.conf
    lama = conf.task_always_eager, conf.task_eager_propagates
    conf.task_always_eager, conf.task_eager_propagates = True, True
    yield
    conf.task_always_eager, conf.task_eager_propagates = lama


def galat_sqlite(pesan: str = "database is locked") -> OperationalError:
    """The error the ORM raises when SQLite refuses (by default: busy beyond its timeout), its driver's as cause."""
    galat = OperationalError(pesan)
    galat.__cause__ = sqlite3.OperationalError(pesan)
    return galat


@pytest.fixture
def ulang_inline():
    """Tasks run inline and a retry runs inline again, as in a worker, instead of propagating Celery's Retry."""
    conf = celery_app.conf
    lama, conf.task_eager_propagates = conf.task_eager_propagates, False
    yield
    conf.task_eager_propagates = lama


def _tutup_koneksi_db(**kwargs):
    # The worker thread keeps its own connections (CONN_MAX_AGE); left open they block dropping the test database.
    connections.close_all()


@pytest.fixture
def celery_worker_redis(transactional_db, _celery_eager):
    """A real Celery worker thread consuming from Redis (REDIS_URL), for transactional tests.

    Tasks sent while it runs go through Redis to the worker, which sees committed rows only.
    """
    if not django_settings.REDIS_URL:
        perlu_layanan("REDIS_URL tidak diatur: worker Celery sungguhan membutuhkan Redis")
    conf = celery_app.conf
    conf.task_always_eager = False
    # Messages left by an earlier, interrupted run would otherwise reach this worker.
    celery_app.control.purge()
    task_postrun.connect(_tutup_koneksi_db, weak=False)
    try:
        with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=30) as worker:
            yield worker
    finally:
        task_postrun.disconnect(_tutup_koneksi_db)
        conf.task_always_eager = True


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def org(db):
    """A small organisation: a province, two OPD, each with a bidang, and one person per role.

    - kepala: head of OPD A (atasan of atasan_a)
    - atasan_a: supervisor of staf_a1 and staf_a2 in bidang A
    - staf_b: an ASN in OPD B
    - hr_a: Pengelola Kinerja assigned to OPD A; hr_b: assigned to OPD B
    - admin: Administrator; petugas: Petugas Layanan in OPD B
    """
    prov = UnitKerjaFactory(kode="75", nama="Pemerintah Provinsi Gorontalo")
    opd_a = UnitKerjaFactory(kode="75.01", nama="Badan Kepegawaian Daerah", induk=prov)
    bidang_a = UnitKerjaFactory(kode="75.01.01", nama="Bidang Pengembangan", induk=opd_a)
    opd_b = UnitKerjaFactory(kode="75.02", nama="Dinas Kesehatan", induk=prov)
    kepala = pegawai_dengan_akun(unit_kerja=opd_a, nama="Kepala Badan", jenis_jabatan="JPT_PRATAMA")
    atasan_a = pegawai_dengan_akun(unit_kerja=bidang_a, atasan=kepala, nama="Atasan A", jenis_jabatan="ADMINISTRATOR")
    staf_a1 = pegawai_dengan_akun(unit_kerja=bidang_a, atasan=atasan_a, nama="Staf A Satu")
    staf_a2 = pegawai_dengan_akun(unit_kerja=bidang_a, atasan=atasan_a, nama="Staf A Dua", jenis_kelamin="P")
    staf_b = pegawai_dengan_akun(unit_kerja=opd_b, nama="Staf B")
    hr_a = pegawai_dengan_akun(groups=[GRUP_PENGELOLA], unit_kerja=opd_a, nama="Pengelola A")
    hr_b = pegawai_dengan_akun(groups=[GRUP_PENGELOLA], unit_kerja=opd_b, nama="Pengelola B")
    petugas = pegawai_dengan_akun(groups=[GRUP_PETUGAS_LAYANAN], unit_kerja=opd_b, nama="Petugas Layanan")
    tugaskan_pengelola(hr_a.user, opd_a)
    tugaskan_pengelola(hr_b.user, opd_b)
    admin = UserFactory(username="admin", groups=[GRUP_ADMINISTRATOR])
    return type(
        "Org",
        (),
        dict(
            prov=prov,
            opd_a=opd_a,
            bidang_a=bidang_a,
            opd_b=opd_b,
            kepala=kepala,
            atasan_a=atasan_a,
            staf_a1=staf_a1,
            staf_a2=staf_a2,
            staf_b=staf_b,
            hr_a=hr_a,
            hr_b=hr_b,
            petugas=petugas,
            admin=admin,
        ),
    )


@pytest.fixture
def login(client):
    """Log the test client in as a user (or a Pegawai's user); returns the client."""

    def _login(who):
        user = getattr(who, "user", who)
        client.force_login(user)
        return client

    return _login
