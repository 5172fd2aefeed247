"""kinerja.backends.BackendPeran: the user of a request comes with its roles and unread count in one query, the
same roles peran() computes for a plain user, and never older than the request."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from core.roles import GRUP_ADMINISTRATOR, GRUP_PENGELOLA
from kinerja.backends import BackendPeran
from kinerja.models import Notifikasi
from kinerja.notifikasi.selectors import notifikasi_belum_dibaca
from kinerja.pegawai.permissions import peran
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def _orang(org, siapa):
    if siapa == "superuser":
        return UserFactory(username="super", is_superuser=True)
    if siapa == "tanpa pegawai":
        return UserFactory(username="tamu")
    if siapa == "atasan, bawahan nonaktif":
        for p in (org.staf_a1, org.staf_a2):
            p.aktif = False
            p.save()
        return org.atasan_a.user
    orang = getattr(org, siapa)
    return getattr(orang, "user", orang)


# (who, the roles they hold: administrator, pengelola, petugas_layanan, atasan)
PERAN = [
    ("admin", (True, False, False, False)),
    ("superuser", (True, False, False, False)),
    ("hr_a", (False, True, False, False)),
    ("petugas", (False, False, True, False)),
    ("kepala", (False, False, False, True)),
    ("atasan_a", (False, False, False, True)),
    ("atasan, bawahan nonaktif", (False, False, False, False)),
    ("staf_a1", (False, False, False, False)),
    ("tanpa pegawai", (False, False, False, False)),
]


@pytest.mark.parametrize(("siapa", "diharapkan"), PERAN, ids=[p[0] for p in PERAN])
def test_roles_read_with_the_user_are_those_peran_computes(org, siapa, diharapkan, django_assert_num_queries):
    orang = _orang(org, siapa)
    with django_assert_num_queries(1):
        user = BackendPeran().get_user(orang.pk)
        dibaca = peran(user)
        unit = dibaca.pegawai.unit_kerja.nama if dibaca.pegawai else None
    dihitung = peran(User.objects.get(pk=orang.pk))
    assert dibaca == dihitung
    assert (dibaca.administrator, dibaca.pengelola, dibaca.petugas_layanan, dibaca.atasan) == diharapkan
    assert unit == (dihitung.pegawai.unit_kerja.nama if dihitung.pegawai else None)
    if dibaca.pegawai:
        assert dibaca.pegawai.jumlah_bawahan_aktif == dihitung.pegawai.jumlah_bawahan_aktif


def test_the_bell_count_is_read_with_the_user(org):
    user = org.atasan_a.user
    Notifikasi.objects.bulk_create([Notifikasi(penerima=user, judul=f"N{i}") for i in range(3)])
    Notifikasi.objects.create(penerima=org.staf_a1.user, judul="bukan miliknya")
    Notifikasi.objects.filter(judul="N0").update(dibaca_pada="2026-11-30T08:00+08:00")
    dibaca = BackendPeran().get_user(user.pk)
    assert notifikasi_belum_dibaca(dibaca) == notifikasi_belum_dibaca(User.objects.get(pk=user.pk)) == 2


def test_an_inactive_or_missing_user_is_no_user(org):
    user = org.staf_a1.user
    user.is_active = False
    user.save()
    assert BackendPeran().get_user(user.pk) is None
    assert BackendPeran().get_user(999_999) is None


def test_a_role_taken_away_or_given_counts_from_the_next_request(client, org):
    client.force_login(org.hr_a.user)
    url = reverse("daftar_pegawai")
    assert client.get(url).status_code == 200
    org.hr_a.user.groups.remove(Group.objects.get(name=GRUP_PENGELOLA))
    assert client.get(url).status_code == 403
    org.hr_a.user.groups.add(Group.objects.get_or_create(name=GRUP_ADMINISTRATOR)[0])
    assert client.get(url).status_code == 200


def test_logging_in_with_a_password_goes_through_the_backend(client, org, password):
    assert client.login(username=org.hr_a.user.username, password=password)
    respons = client.get(reverse("beranda"))
    assert respons.status_code == 200
    assert respons.wsgi_request.user._grup_pengelola is True
