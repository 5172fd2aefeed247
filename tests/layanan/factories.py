"""Factories of the service desk (kept beside its tests so the shared tests/factories.py stays the roster's)."""

import datetime

import factory
from django.utils import timezone

from layanan.models import JenisLayanan, Permohonan
from tests.factories import UnitKerjaFactory

NIK_CONTOH = "7501044503900001"


class JenisLayananFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JenisLayanan

    kode = factory.Sequence(lambda n: f"L{n:03d}")
    nama = factory.Sequence(lambda n: f"Layanan {n}")
    unit_kerja = factory.SubFactory(UnitKerjaFactory)
    persyaratan = "Fotokopi KK\nFormulir F-1.01"
    sla_jumlah = 3
    sla_satuan = JenisLayanan.SatuanSLA.HARI


class PermohonanFactory(factory.django.DjangoModelFactory):
    """A request written directly (no service call): for lists, selectors and figures."""

    class Meta:
        model = Permohonan

    nomor_tiket = factory.Sequence(lambda n: f"T-{n:06d}")
    jenis_layanan = factory.SubFactory(JenisLayananFactory)
    nama_pemohon = factory.Faker("name", locale="id_ID")
    nik = NIK_CONTOH
    telepon = "081234567890"
    kanal = Permohonan.Kanal.LOKET
    diterima_pada = factory.LazyFunction(timezone.now)
    batas_waktu = factory.LazyAttribute(lambda o: o.diterima_pada + datetime.timedelta(days=3))
