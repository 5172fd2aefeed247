import uuid

import pytest

from core.roles import GRUP_PETUGAS_LAYANAN
from tests.factories import pegawai_dengan_akun
from tests.layanan.factories import JenisLayananFactory


@pytest.fixture(autouse=True)
def _cache_sendiri(settings):
    """A fresh in-process cache per test, so rate-limit counters neither leak between tests nor hit Redis."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }


@pytest.fixture
def lay(org):
    """The `org` fixture plus the service desk: services of OPD B (where `petugas` works) and of OPD A.

    - jenis: KTP-el in OPD B (3 working days); jenis_jam: a 4-working-hour service of OPD B
    - jenis_a: a service of OPD A; petugas_a: a Petugas Layanan in OPD A
    - kepala_b: head of OPD B (UnitKerja.kepala), with an account
    """
    kepala_b = pegawai_dengan_akun(unit_kerja=org.opd_b, nama="Kepala Dinas B", jenis_jabatan="JPT_PRATAMA")
    org.opd_b.kepala = kepala_b
    org.opd_b.save(update_fields=["kepala"])
    petugas_a = pegawai_dengan_akun(groups=[GRUP_PETUGAS_LAYANAN], unit_kerja=org.opd_a, nama="Petugas A")
    org.kepala_b = kepala_b
    org.petugas_a = petugas_a
    org.jenis = JenisLayananFactory(kode="KTP", nama="Perekaman KTP-el", unit_kerja=org.opd_b)
    org.jenis_jam = JenisLayananFactory(
        kode="SKP", nama="Surat Keterangan Pindah", unit_kerja=org.opd_b, sla_jumlah=4, sla_satuan="JAM"
    )
    org.jenis_a = JenisLayananFactory(kode="KIA", nama="Kartu Identitas Anak", unit_kerja=org.opd_a)
    return org
