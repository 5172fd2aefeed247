"""make backup / make restore FILE=...: a backup restored into a fresh database holds the same rows."""

import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core.roles import GRUP_ADMINISTRATOR
from kinerja.models import Pegawai, UnitKerja
from kinerja.pegawai import services
from tests.conftest import perlu_layanan, url_database
from tests.factories import UserFactory
from tests.kinerja.pegawai.berkas_roster import csv_bytes, roster_kecil, xlsx

ROOT = Path(__file__).resolve().parent.parent.parent
NAMA_BAKU = re.compile(r"kinerja-\d{8}-\d{6}\.(dump|sqlite3)$")


def manage(database_url: str, *argumen: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.run(
        [sys.executable, "manage.py", *argumen], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def berhasil(proses: subprocess.CompletedProcess) -> str:
    assert proses.returncode == 0, proses.stdout + proses.stderr
    return proses.stdout


def berkas_cadangan(keluaran: str) -> Path:
    return Path(re.search(r"Cadangan tersimpan: (\S+) \(", keluaran).group(1))


def baris_pegawai_sqlite(berkas: Path) -> list[tuple]:
    with closing(sqlite3.connect(berkas)) as db:
        return db.execute(f"SELECT nip, nama FROM {Pegawai._meta.db_table} ORDER BY nip").fetchall()


def test_a_sqlite_backup_restores_into_a_fresh_database_with_the_same_rows(tmp_path):
    asal = f"sqlite:///{tmp_path / 'asal.sqlite3'}"
    berhasil(manage(asal, "migrate", "--noinput", "-v0"))
    roster = tmp_path / "roster.csv"
    roster.write_bytes(csv_bytes(roster_kecil()))
    berhasil(manage(asal, "import_roster", str(roster)))

    keluaran = berhasil(manage(asal, "backup_db", "--output", f"{tmp_path / 'cadangan'}/"))
    cadangan = berkas_cadangan(keluaran)
    assert cadangan.parent == tmp_path / "cadangan" and NAMA_BAKU.search(cadangan.name)
    # A second backup to the same name is refused rather than overwriting the first.
    ulang = manage(asal, "backup_db", "--output", str(cadangan))
    assert ulang.returncode != 0 and "sudah ada" in ulang.stderr

    baru = tmp_path / "baru.sqlite3"
    keluaran = berhasil(manage(f"sqlite:///{baru}", "restore_db", str(cadangan), "--noinput"))
    assert "dipulihkan" in keluaran
    pegawai = baris_pegawai_sqlite(baru)
    assert sorted(nip for nip, _ in pegawai) == sorted(b["NIP"] for b in roster_kecil())
    assert pegawai == baris_pegawai_sqlite(tmp_path / "asal.sqlite3")


@pytest.mark.django_db
def test_restore_refuses_a_missing_file_and_a_file_that_is_not_a_backup(tmp_path):
    UnitKerja.objects.create(kode="75", nama="Pemerintah Provinsi Gorontalo")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("restore_db", str(tmp_path / "tidak-ada.dump"), "--noinput")
    bukan = tmp_path / "roster.xlsx"
    bukan.write_bytes(xlsx(roster_kecil()))
    with pytest.raises(CommandError, match="bukan cadangan basis data"):
        call_command("restore_db", str(bukan), "--noinput")
    assert list(UnitKerja.objects.values_list("kode", flat=True)) == ["75"]


@pytest.mark.django_db
def test_restore_asks_first_and_any_answer_but_ya_changes_nothing(tmp_path, monkeypatch):
    cadangan = tmp_path / "cadangan.sqlite3"
    with closing(sqlite3.connect(cadangan)) as db:
        db.execute("CREATE TABLE django_migrations (id integer)")
    UnitKerja.objects.create(kode="75", nama="Pemerintah Provinsi Gorontalo")
    monkeypatch.setattr("builtins.input", lambda pertanyaan: "tidak")
    with pytest.raises(CommandError, match="Dibatalkan"):
        call_command("restore_db", str(cadangan))
    assert UnitKerja.objects.filter(kode="75").exists()


@pytest.fixture
def database_pulih(transactional_db):
    """A scratch PostgreSQL database next to the test database, empty, dropped afterwards."""
    if connection.vendor != "postgresql":
        perlu_layanan("DATABASE_URL bukan PostgreSQL: uji pg_dump/pg_restore butuh PostgreSQL")
    nama = f"{connection.settings_dict['NAME'].removeprefix('test_')}_restore"
    with psycopg.connect(url_database("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{nama}"')
        admin.execute(f'CREATE DATABASE "{nama}"')
    yield nama
    with psycopg.connect(url_database("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')


def baris_pegawai_pg(nama_database: str) -> list[tuple]:
    with psycopg.connect(url_database(nama_database)) as db:
        return db.execute(f"SELECT nip, nama, unit_kerja_id FROM {Pegawai._meta.db_table} ORDER BY nip").fetchall()


@pytest.mark.services
def test_a_postgresql_backup_restores_into_a_fresh_database_with_the_same_rows(database_pulih, tmp_path):
    admin = UserFactory(groups=[GRUP_ADMINISTRATOR])
    job = services.buat_impor_roster(admin, SimpleUploadedFile("roster.xlsx", xlsx(roster_kecil())))
    services.konfirmasi_impor_roster(job, admin, nonaktifkan_yang_hilang=False)
    asli = list(Pegawai.objects.order_by("nip").values_list("nip", "nama", "unit_kerja_id"))
    assert len(asli) == 3

    keluaran = berhasil(manage(url_database(), "backup_db", "--output", f"{tmp_path}/"))
    cadangan = berkas_cadangan(keluaran)
    assert NAMA_BAKU.search(cadangan.name) and cadangan.read_bytes().startswith(b"PGDMP")

    berhasil(manage(url_database(database_pulih), "restore_db", str(cadangan), "--noinput"))
    assert baris_pegawai_pg(database_pulih) == asli
    # Restoring again over the restored data (--clean --if-exists) gives the same rows, not twice as many.
    berhasil(manage(url_database(database_pulih), "restore_db", str(cadangan), "--noinput"))
    assert baris_pegawai_pg(database_pulih) == asli
    # The restored database is a working application database: Django sees no missing migration.
    berhasil(manage(url_database(database_pulih), "migrate", "--check"))
