"""manage.py import_roster: the same code path as the page; exit 0 on success, non-zero with every error."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.models import Pegawai
from tests.kinerja.pegawai.berkas_roster import roster_kecil, xlsx


@pytest.fixture
def berkas(tmp_path):
    def tulis(rows, nama="roster.xlsx"):
        path = tmp_path / nama
        path.write_bytes(xlsx(rows))
        return path

    return tulis


def test_it_imports_and_reports_a_summary(db, berkas, capsys):
    call_command("import_roster", str(berkas(roster_kecil())))
    assert "3 baru" in capsys.readouterr().out
    assert Pegawai.objects.count() == 3


def test_dry_run_writes_nothing(db, berkas, capsys):
    call_command("import_roster", str(berkas(roster_kecil())), "--dry-run")
    assert "Uji coba" in capsys.readouterr().out
    assert Pegawai.objects.count() == 0


def test_it_marks_missing_asn_inactive_only_with_the_option(db, berkas):
    rows = roster_kecil()
    call_command("import_roster", str(berkas(rows)))
    sebagian = str(berkas(rows[:1], "sebagian.xlsx"))
    call_command("import_roster", sebagian)
    assert Pegawai.objects.filter(aktif=True).count() == 3
    call_command("import_roster", sebagian, "--nonaktifkan-yang-hilang")
    assert Pegawai.objects.filter(aktif=True).count() == 1


def test_it_fails_printing_every_row_error_and_writes_nothing(db, berkas, capsys):
    rows = roster_kecil()
    rows[0]["Email"] = "salah"
    rows[2]["NIP"] = int(rows[2]["NIP"])
    with pytest.raises(CommandError, match="3 galat"):
        call_command("import_roster", str(berkas(rows)))
    err = capsys.readouterr().err
    assert "Baris 2, kolom Email" in err and "Baris 4, kolom NIP" in err
    assert "Baris 3, kolom NIP Atasan" in err  # its supervisor is the corrupted NIP of row 4
    assert Pegawai.objects.count() == 0


def test_it_fails_on_a_missing_or_unreadable_file(db, tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("import_roster", str(tmp_path / "tidak-ada.xlsx"))
    palsu = tmp_path / "palsu.xlsx"
    palsu.write_text("NIP,Nama\n")
    with pytest.raises(CommandError, match="bukan berkas Excel"):
        call_command("import_roster", str(palsu))


def test_the_process_exit_code_is_non_zero_on_failure(tmp_path):
    palsu = tmp_path / "palsu.csv"
    palsu.write_bytes(b"\x00\x01")
    hasil = subprocess.run(
        [sys.executable, "manage.py", "import_roster", str(palsu), "--dry-run"],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'terpisah.sqlite3'}"},  # not the dev database
    )
    assert hasil.returncode != 0
    assert "biner" in hasil.stderr
