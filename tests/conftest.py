import os

import pytest

from kinerja.permissions import GRUP_ADMINISTRATOR, GRUP_PENGELOLA, GRUP_PETUGAS_LAYANAN
from tests.factories import PASSWORD, UnitKerjaFactory, UserFactory, pegawai_dengan_akun, tugaskan_pengelola

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def perlu_layanan(alasan: str):
    """Skip a test that needs an external service, or fail it when CI demands every service."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 tetapi layanan tidak tersedia: {alasan}")
    pytest.skip(alasan)


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


@pytest.fixture(autouse=True)
def _pengaturan_uji(settings):
    """Test-only settings: fast password hashing (PBKDF2 would cost seconds per `org` fixture), plain HTTP for
    the test client, and static files without a collectstatic manifest."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
