"""Backups of the whole database: pg_dump/pg_restore for PostgreSQL, SQLite's online backup API for SQLite.

Used by `manage.py backup_db` and `manage.py restore_db` (`make backup`, `make restore FILE=...`). Every refusal
raises CadanganGagal with a message for the operator, in Indonesian, before anything is changed.
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

from .versi_data import naikkan_semua

# How each kind of backup file begins (pg_dump's custom format; SQLite's database header).
KEPALA = {"postgresql": b"PGDMP", "sqlite": b"SQLite format 3\x00"}
AKHIRAN = {"postgresql": ".dump", "sqlite": ".sqlite3"}
NAMA_JENIS = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


class CadanganGagal(Exception):
    """A backup or restore that cannot be done; the message says why."""


def jenis_basis_data(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in AKHIRAN:
        raise CadanganGagal(f"Basis data {vendor} tidak didukung; hanya PostgreSQL dan SQLite.")
    return vendor


def nama_baku(folder: Path, alias: str = "default") -> Path:
    """A new timestamped file name (WITA) in `folder` for a backup of the database."""
    return folder / f"kinerja-{timezone.localtime():%Y%m%d-%H%M%S}{AKHIRAN[jenis_basis_data(alias)]}"


def cadangkan(tujuan: Path, alias: str = "default") -> Path:
    """Write a backup of the database to `tujuan`, never over an existing file; a failed run leaves no file."""
    jenis = jenis_basis_data(alias)
    if tujuan.exists():
        raise CadanganGagal(f"Berkas {tujuan} sudah ada; cadangan tidak menimpa berkas lain.")
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    sebagian = tujuan.with_name(f"{tujuan.name}.sebagian")
    try:
        if jenis == "postgresql":
            _pg_dump(alias, sebagian)
        else:
            _sqlite_cadangkan(alias, sebagian)
        sebagian.rename(tujuan)
    finally:
        sebagian.unlink(missing_ok=True)
    return tujuan


def pulihkan(sumber: Path, alias: str = "default") -> None:
    """Replace the database's contents with the backup `sumber`, in one transaction where the database allows.

    The file is checked first (it exists, is a backup of this kind of database, holds a Django database);
    a refused file changes nothing.
    """
    jenis = jenis_basis_data(alias)
    if not sumber.is_file():
        raise CadanganGagal(f"Berkas cadangan {sumber} tidak ditemukan.")
    with sumber.open("rb") as f:
        kepala = f.read(16)
    jenis_berkas = next((j for j, awal in KEPALA.items() if kepala.startswith(awal)), None)
    if jenis_berkas is None:
        raise CadanganGagal(f"Berkas {sumber} bukan cadangan basis data (pg_dump -Fc atau SQLite).")
    if jenis_berkas != jenis:
        raise CadanganGagal(
            f"Berkas {sumber} adalah cadangan {NAMA_JENIS[jenis_berkas]}, sedangkan basis data ini {NAMA_JENIS[jenis]}."
        )
    # Our own open connection would hold locks the restore has to take.
    connections[alias].close()
    if jenis == "postgresql":
        _pg_restore(alias, sumber)
    else:
        _sqlite_pulihkan(alias, sumber)
    # The data changed under the ORM: no cached page fragment may show what was there before.
    naikkan_semua()


# PostgreSQL --------------------------------------------------------------------------------------------------


def _program(nama: str) -> str:
    program = shutil.which(nama)
    if program is None:
        raise CadanganGagal(f"{nama} tidak ditemukan; pasang klien PostgreSQL (paket postgresql-client).")
    return program


def _env_pg(alias: str) -> dict:
    """The connection as libpq environment variables, so the password never appears on a command line."""
    d = connections[alias].settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    nilai = {"PGHOST": d["HOST"], "PGPORT": d["PORT"], "PGUSER": d["USER"], "PGPASSWORD": d["PASSWORD"]}
    nilai["PGSSLMODE"] = d.get("OPTIONS", {}).get("sslmode")
    env.update({k: str(v) for k, v in nilai.items() if v})
    return env


def _versi_utama(program: str) -> int:
    keluaran = subprocess.run([program, "--version"], capture_output=True, text=True, check=True).stdout
    # "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    return int(re.search(r"\)\s*(\d+)", keluaran).group(1))


def _jalankan(perintah: list[str], alias: str) -> None:
    proses = subprocess.run(perintah, env=_env_pg(alias), capture_output=True, text=True)
    if proses.returncode != 0:
        raise CadanganGagal(f"{Path(perintah[0]).name} gagal:\n{proses.stderr.strip()}")


def _pg_dump(alias: str, tujuan: Path) -> None:
    program = _program("pg_dump")
    klien, server = _versi_utama(program), connections[alias].pg_version // 10000
    if klien < server:
        raise CadanganGagal(
            f"pg_dump versi {klien} tidak dapat mencadangkan server PostgreSQL {server}; "
            f"pasang postgresql-client-{server} atau jalankan pg_dump di mesin server."
        )
    _jalankan([program, "--format=custom", f"--file={tujuan}", connections[alias].settings_dict["NAME"]], alias)


def _pg_restore(alias: str, sumber: Path) -> None:
    program = _program("pg_restore")
    daftar = subprocess.run([program, "--list", str(sumber)], capture_output=True, text=True)
    if daftar.returncode != 0 or not re.search(r"\bTABLE \S+ django_migrations\b", daftar.stdout):
        raise CadanganGagal(f"Berkas {sumber} bukan cadangan basis data aplikasi ini.")
    _jalankan(
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


def _sqlite_cadangkan(alias: str, tujuan: Path) -> None:
    # The online backup API copies a consistent snapshot even while the app writes; cp could copy half a write.
    nama = Path(connections[alias].settings_dict["NAME"])
    if not nama.is_file():
        raise CadanganGagal(f"Basis data SQLite {nama} belum ada; jalankan make migrate dahulu.")
    with closing(sqlite3.connect(nama)) as sumber, closing(sqlite3.connect(tujuan)) as salinan:
        sumber.backup(salinan)


def _sqlite_pulihkan(alias: str, sumber: Path) -> None:
    with closing(sqlite3.connect(f"{sumber.resolve().as_uri()}?mode=ro", uri=True)) as cadangan:
        ada = cadangan.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'")
        if ada.fetchone() is None:
            raise CadanganGagal(f"Berkas {sumber} bukan cadangan basis data aplikasi ini.")
        with closing(sqlite3.connect(connections[alias].settings_dict["NAME"])) as basis_data:
            cadangan.backup(basis_data)
