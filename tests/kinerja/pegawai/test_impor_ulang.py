"""A background roster import the database refuses for a moment (SQLite busy, a PostgreSQL deadlock or restart)
stays queued and is retried; one refused through every retry fails visibly, nothing imported."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.roles import GRUP_ADMINISTRATOR
from kinerja.models import ImporRoster, Pegawai
from kinerja.pegawai import services
from tests.conftest import galat_sqlite
from tests.factories import UserFactory
from tests.kinerja.pegawai.berkas_roster import roster_kecil, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def konfirmasi(settings, ulang_inline, monkeypatch, django_capture_on_commit_callbacks):
    """Confirm a 3-row roster as a background import (run inline), the database refusing its first `n` attempts."""
    settings.ROSTER_BACKGROUND_ROWS = 1
    asli, percobaan = services.impor_roster, []

    def _konfirmasi(n):
        def kadang_terkunci(*args, **kwargs):
            percobaan.append(1)
            if len(percobaan) <= n:
                raise galat_sqlite()
            return asli(*args, **kwargs)

        monkeypatch.setattr(services, "impor_roster", kadang_terkunci)
        admin = UserFactory(groups=[GRUP_ADMINISTRATOR])
        job = services.buat_impor_roster(admin, SimpleUploadedFile("roster.xlsx", xlsx(roster_kecil())))
        with django_capture_on_commit_callbacks(execute=True):
            services.konfirmasi_impor_roster(job, admin, nonaktifkan_yang_hilang=False)
        job.refresh_from_db()
        return job, len(percobaan)

    return _konfirmasi


def test_an_import_the_database_refused_twice_is_imported_on_the_third_attempt(konfirmasi):
    job, percobaan = konfirmasi(2)
    assert (job.status, job.galat, percobaan) == (ImporRoster.Status.SELESAI, [], 3)
    assert Pegawai.objects.count() == 3


def test_an_import_the_database_refuses_through_every_retry_fails_visibly_with_nothing_imported(konfirmasi):
    job, percobaan = konfirmasi(100)
    assert job.status == ImporRoster.Status.GAGAL
    (galat,) = job.galat
    assert galat["pesan"].startswith("Basis data tidak tersedia saat mengimpor; tidak ada data yang diubah.")
    assert percobaan == 9  # the first attempt and RetryingTask's eight retries
    assert not Pegawai.objects.exists()
