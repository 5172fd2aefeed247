import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kinerja.models import Pegawai, PenugasanPengelola, UnitKerja

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


def pegawai_dengan_akun(groups=(), **kwargs) -> Pegawai:
    """A Pegawai with a login whose username is the NIP."""
    pegawai = PegawaiFactory(**kwargs)
    pegawai.user = UserFactory(username=pegawai.nip, groups=groups)
    pegawai.save(update_fields=["user"])
    return pegawai


def tugaskan_pengelola(user, *units):
    for unit in units:
        PenugasanPengelola.objects.get_or_create(user=user, unit_kerja=unit)
