"""The embedded default (SQLite) and PostgreSQL under concurrent writes: the worker's rules application and roll-up
run at the same moment after a finalisation and both end done (tests/config/tulis_bersamaan.py, in a pytest of its
own against a database on disk)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.db import connection

from tests.conftest import perlu_layanan

ROOT = Path(__file__).resolve().parents[2]
UJI = "tests/config/tulis_bersamaan.py"


def _jalankan(env: dict) -> None:
    env = {k: v for k, v in {**os.environ, **env}.items() if v is not None and k != "PYTEST_XDIST_WORKER"}
    env["PYTEST_ADDOPTS"] = ""
    proses = subprocess.run(
        [sys.executable, "-m", "pytest", UJI, "-q", "-p", "no:randomly", "-p", "no:xdist", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proses.returncode == 0, proses.stdout[-6000:] + proses.stderr[-3000:]
    assert "1 passed" in proses.stdout, proses.stdout[-3000:]


def test_on_the_embedded_sqlite_file_both_end_done(tmp_path):
    env = {"KINERJA_UJI_SQLITE": str(tmp_path / "uji.sqlite3"), "DATABASE_URL": None}
    _jalankan(env)


def test_on_postgresql_both_end_done(db):
    if connection.vendor != "postgresql":
        perlu_layanan("membutuhkan PostgreSQL (DATABASE_URL)")
    bagian = urlsplit(os.environ["DATABASE_URL"])
    # A database of its own (pytest-django makes test_<name>), beside the ones this run's processes use.
    nama = f"{bagian.path.lstrip('/')}_bersamaan_{uuid.uuid4().hex[:6]}"
    _jalankan({"DATABASE_URL": urlunsplit(bagian._replace(path="/" + nama))})
