"""Backups of the whole database: pg_dump/pg_restore for PostgreSQL, SQLite's online backup API for SQLite.

Used by `manage.py backup_db` and `manage.py restore_db` (`make backup`, `make restore FILE=...`). Every refusal
raises BackupFailed with a message for the operator, in Indonesian, before anything is changed.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connections
from django.utils import timezone

from core.cache import bump_all

# How each kind of backup file begins (pg_dump's custom format; SQLite's database header).
MAGIC = {"postgresql": b"PGDMP", "sqlite": b"SQLite format 3\x00"}
SUFFIX = {"postgresql": ".dump", "sqlite": ".sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


class BackupFailed(Exception):
    """A backup or restore that cannot be done; the message says why."""


def database_vendor(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in SUFFIX:
        raise BackupFailed(f"Basis data {vendor} tidak didukung; hanya PostgreSQL dan SQLite.")
    return vendor


def timestamped_name(folder: Path, alias: str = "default") -> Path:
    """A new timestamped file name (WITA) in `folder` for a backup of the database."""
    return folder / f"kinerja-{timezone.localtime():%Y%m%d-%H%M%S}{SUFFIX[database_vendor(alias)]}"


def backup(tujuan: Path, alias: str = "default") -> Path:
    """Write a backup of the database to `tujuan`, never over an existing file; a failed run leaves no file."""
    jenis = database_vendor(alias)
    if tujuan.exists():
        raise BackupFailed(f"Berkas {tujuan} sudah ada; cadangan tidak menimpa berkas lain.")
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    sebagian = tujuan.with_name(f"{tujuan.name}.sebagian")
    try:
        if jenis == "postgresql":
            _pg_dump(alias, sebagian)
        else:
            _sqlite_backup(alias, sebagian)
        sebagian.rename(tujuan)
    finally:
        sebagian.unlink(missing_ok=True)
    return tujuan


def restore(sumber: Path, alias: str = "default") -> None:
    """Replace the database's contents with the backup `sumber`, in one transaction where the database allows.

    The file is checked first (it exists, is a backup of this kind of database, holds a Django database);
    a refused file changes nothing.
    """
    jenis = database_vendor(alias)
    if not sumber.is_file():
        raise BackupFailed(f"Berkas cadangan {sumber} tidak ditemukan.")
    with sumber.open("rb") as f:
        kepala = f.read(16)
    jenis_berkas = next((j for j, awal in MAGIC.items() if kepala.startswith(awal)), None)
    if jenis_berkas is None:
        raise BackupFailed(f"Berkas {sumber} bukan cadangan basis data (pg_dump -Fc atau SQLite).")
    if jenis_berkas != jenis:
        raise BackupFailed(
            f"Berkas {sumber} adalah cadangan {VENDOR_NAMES[jenis_berkas]}, "
            f"sedangkan basis data ini {VENDOR_NAMES[jenis]}."
        )
    # Our own open connection would hold locks the restore has to take.
    connections[alias].close()
    if jenis == "postgresql":
        _pg_restore(alias, sumber)
    else:
        _sqlite_restore(alias, sumber)
    # The data changed under the ORM: no cached page fragment may show what was there before.
    bump_all()


# PostgreSQL --------------------------------------------------------------------------------------------------


def _find_program(nama: str) -> str:
    program = shutil.which(nama)
    if program is None:
        raise BackupFailed(f"{nama} tidak ditemukan; pasang klien PostgreSQL (paket postgresql-client).")
    return program


def _pg_environment(alias: str) -> dict:
    """The connection as libpq environment variables, so the password never appears on a command line."""
    d = connections[alias].settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    nilai = {"PGHOST": d["HOST"], "PGPORT": d["PORT"], "PGUSER": d["USER"], "PGPASSWORD": d["PASSWORD"]}
    nilai["PGSSLMODE"] = d.get("OPTIONS", {}).get("sslmode")
    env.update({k: str(v) for k, v in nilai.items() if v})
    return env


def _major_version(program: str) -> int:
    keluaran = subprocess.run([program, "--version"], capture_output=True, text=True, check=True).stdout
    # "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    return int(re.search(r"\)\s*(\d+)", keluaran).group(1))


def _run(perintah: list[str], alias: str) -> None:
    proses = subprocess.run(perintah, env=_pg_environment(alias), capture_output=True, text=True)
    if proses.returncode != 0:
        raise BackupFailed(f"{Path(perintah[0]).name} gagal:\n{proses.stderr.strip()}")


def _pg_dump(alias: str, tujuan: Path) -> None:
    program = _find_program("pg_dump")
    klien, server = _major_version(program), connections[alias].pg_version // 10000
    if klien < server:
        raise BackupFailed(
            f"pg_dump versi {klien} tidak dapat mencadangkan server PostgreSQL {server}; "
            f"pasang postgresql-client-{server} atau jalankan pg_dump di mesin server."
        )
    _run([program, "--format=custom", f"--file={tujuan}", connections[alias].settings_dict["NAME"]], alias)


def _pg_restore(alias: str, sumber: Path) -> None:
    program = _find_program("pg_restore")
    daftar = subprocess.run([program, "--list", str(sumber)], capture_output=True, text=True)
    if daftar.returncode != 0 or not re.search(r"\bTABLE \S+ django_migrations\b", daftar.stdout):
        raise BackupFailed(f"Berkas {sumber} bukan cadangan basis data aplikasi ini.")
    _run(
        [
            program,
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            # Objects belong to whoever restores: the database user may differ from the one that was backed up.
            "--no-owner",
            "--no-privileges",
            f"--dbname={connections[alias].settings_dict['NAME']}",
            str(sumber),
        ],
        alias,
    )


# SQLite ------------------------------------------------------------------------------------------------------


def _sqlite_backup(alias: str, tujuan: Path) -> None:
    # The online backup API copies a consistent snapshot even while the app writes; cp could copy half a write.
    nama = Path(connections[alias].settings_dict["NAME"])
    if not nama.is_file():
        raise BackupFailed(f"Basis data SQLite {nama} belum ada; jalankan make migrate dahulu.")
    with closing(sqlite3.connect(nama)) as sumber, closing(sqlite3.connect(tujuan)) as salinan:
        sumber.backup(salinan)


def _sqlite_restore(alias: str, sumber: Path) -> None:
    with closing(sqlite3.connect(f"{sumber.resolve().as_uri()}?mode=ro", uri=True)) as cadangan:
        ada = cadangan.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'")
        if ada.fetchone() is None:
            raise BackupFailed(f"Berkas {sumber} bukan cadangan basis data aplikasi ini.")
        with closing(sqlite3.connect(connections[alias].settings_dict["NAME"])) as basis_data:
            cadangan.backup(basis_data)
