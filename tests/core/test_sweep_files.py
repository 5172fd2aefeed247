"""manage.py sweep_files: stored files no row names, listed by default, deleted with --hapus once old enough."""

import os
import time
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from kinerja.models import RealisasiIndikator
from tests.factories import EvaluasiKinerjaFactory, IndikatorKinerjaFactory

pytestmark = pytest.mark.django_db

DUA_JAM = 2 * 3600


@pytest.fixture
def berkas(settings, tmp_path):
    """A referenced evidence file, an old orphan, a young orphan, and an old import file outside bukti/."""
    settings.MEDIA_ROOT = tmp_path

    def simpan(nama, isi, umur=0):
        nama = default_storage.save(nama, ContentFile(isi))
        if umur:
            lalu = time.time() - umur
            os.utime(tmp_path / nama, (lalu, lalu))
        return nama

    dirujuk = simpan("bukti/2025/01/dirujuk.pdf", b"%PDF-1 dirujuk", umur=DUA_JAM)
    RealisasiIndikator.objects.create(
        evaluasi=EvaluasiKinerjaFactory(),
        indikator=IndikatorKinerjaFactory(),
        realisasi=1,
        diisi_sebagai="PEGAWAI",
        bukti_berkas=dirujuk,
    )
    return {
        "dirujuk": dirujuk,
        "yatim": simpan("bukti/2024/12/yatim.pdf", b"x" * 2048, umur=DUA_JAM),
        "muda": simpan("bukti/2025/02/baru_diunggah.pdf", b"%PDF-1 muda"),
        "impor": simpan("impor_roster/2024/12/roster.xlsx", b"PK", umur=DUA_JAM),
    }


def _jalankan(*args):
    out = StringIO()
    call_command("sweep_files", *args, stdout=out)
    return out.getvalue()


def test_it_lists_old_orphans_with_count_and_size_and_deletes_nothing(berkas):
    keluaran = _jalankan()
    assert berkas["yatim"] in keluaran
    assert "1 berkas yatim, 2,0\xa0KB" in keluaran and "--hapus" in keluaran
    assert berkas["dirujuk"] not in keluaran and berkas["muda"] not in keluaran
    assert "1 berkas tak dirujuk yang lebih muda dari 60 menit dilewati" in keluaran
    assert all(default_storage.exists(n) for n in berkas.values())


def test_hapus_deletes_only_the_orphans_older_than_the_threshold(berkas):
    keluaran = _jalankan("--hapus")
    assert "1 dari 1 berkas yatim dihapus" in keluaran
    assert not default_storage.exists(berkas["yatim"])
    assert default_storage.exists(berkas["dirujuk"])
    assert default_storage.exists(berkas["muda"])


def test_a_shorter_threshold_reaches_younger_orphans(berkas):
    _jalankan("--hapus", "--menit", "0")
    assert not default_storage.exists(berkas["muda"])
    assert default_storage.exists(berkas["dirujuk"])


def test_files_outside_the_tracked_folders_are_left_alone(berkas):
    assert berkas["impor"] not in _jalankan("--hapus", "--menit", "0")
    assert default_storage.exists(berkas["impor"])


def test_an_empty_storage_has_nothing_to_sweep(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "belum_ada"
    assert "Tidak ada berkas yatim." in _jalankan("--hapus")
