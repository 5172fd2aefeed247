import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kinerja.models import (
    SKP,
    EvaluasiKinerja,
    IndikatorKinerja,
    Pegawai,
    PenugasanPengelola,
    Periode,
    RencanaHasilKerja,
    UnitKerja,
)
from kinerja.penilaian.periode import rencana_periode

PASSWORD = "sandi-uji-123"


def buat_nip(n: int, jenis_kelamin: str = "L") -> str:
    """A valid, unique NIP for the n-th test employee."""
    lahir = datetime.date(1970, 1, 1) + datetime.timedelta(days=(n * 37) % 10000)
    tahun_cpns = lahir.year + 25
    kelamin = "1" if jenis_kelamin == "L" else "2"
    return f"{lahir:%Y%m%d}{tahun_cpns}{(n % 12) + 1:02d}{kelamin}{n % 1000:03d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get_or_create(name=name)[0])
        if create:
            self.save()


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    kode = factory.Sequence(lambda n: f"U{n:04d}")
    nama = factory.Sequence(lambda n: f"Unit Kerja {n}")
    induk = None


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    jenis_kelamin = "L"
    nip = factory.LazyAttributeSequence(lambda o, n: buat_nip(n + 1, o.jenis_kelamin))
    nama = factory.Faker("name", locale="id_ID")
    tanggal_lahir = factory.LazyAttribute(lambda o: datetime.date(int(o.nip[:4]), int(o.nip[4:6]), int(o.nip[6:8])))
    status_kepegawaian = "PNS"
    golongan = "III/a"
    jabatan = "Analis Kepegawaian"
    jenis_jabatan = "AHLI_PERTAMA"
    unit_kerja = factory.SubFactory(UnitKerjaFactory)
    atasan = None
    user = None


class PeriodeFactory(factory.django.DjangoModelFactory):
    """A period of the year, its dates from its kind and number; open unless status says otherwise.

    Written directly, for tests of what reads periods; tests of the workflow open them through the services
    (tests/kinerja/penilaian/bantuan_evaluasi.py)."""

    class Meta:
        model = Periode

    tahun = 2026
    jenis = "TRIWULANAN"
    nomor = 1
    mulai = factory.LazyAttribute(lambda o: rencana_periode(o.jenis, o.nomor, o.tahun).mulai)
    selesai = factory.LazyAttribute(lambda o: rencana_periode(o.jenis, o.nomor, o.tahun).selesai)
    batas_pengisian = factory.LazyAttribute(lambda o: o.selesai + datetime.timedelta(days=10))
    batas_penilaian = factory.LazyAttribute(lambda o: o.selesai + datetime.timedelta(days=20))


class SKPFactory(factory.django.DjangoModelFactory):
    """An SKP in draft, written directly (the workflow is the services', see tests/kinerja/penilaian/)."""

    class Meta:
        model = SKP

    pegawai = factory.SubFactory(PegawaiFactory)
    tahun = 2026


class RencanaHasilKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RencanaHasilKerja

    skp = factory.SubFactory(SKPFactory)
    uraian = factory.Sequence(lambda n: f"Rencana hasil kerja {n}")


class IndikatorKinerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndikatorKinerja

    rhk = factory.SubFactory(RencanaHasilKerjaFactory)
    uraian = factory.Sequence(lambda n: f"Indikator {n}")
    aspek = "KUANTITAS"
    target = 10
    satuan = "dokumen"


class EvaluasiKinerjaFactory(factory.django.DjangoModelFactory):
    """An evaluation in any state with its ratings (the model derives the predikat), written directly: for tests
    of what reads results (rules, roll-ups, dashboards), not of the workflow that produces them."""

    class Meta:
        model = EvaluasiKinerja

    periode = factory.SubFactory(PeriodeFactory)
    pegawai = factory.SubFactory(PegawaiFactory)
    atasan = factory.LazyAttribute(lambda o: o.pegawai.atasan)
    status = "DRAFT"


def pegawai_dengan_akun(groups=(), **kwargs) -> Pegawai:
    """A Pegawai with a login whose username is the NIP."""
    pegawai = PegawaiFactory(**kwargs)
    pegawai.user = UserFactory(username=pegawai.nip, groups=groups)
    pegawai.save(update_fields=["user"])
    return pegawai


def tugaskan_pengelola(user, *units):
    for unit in units:
        PenugasanPengelola.objects.get_or_create(user=user, unit_kerja=unit)
