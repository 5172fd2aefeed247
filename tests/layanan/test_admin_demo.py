"""The admin of the service desk (requests read-only) and its demo data."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from demo import roster as demo_roster
from layanan.kalender import WITA
from layanan.models import JenisLayanan, PenghitungTiket, Permohonan, SurveiKepuasan
from layanan.nik import urai_nik
from layanan.selectors import antrean
from tests.layanan.factories import PermohonanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(lay, client):
    lay.admin.is_staff = lay.admin.is_superuser = True
    lay.admin.save()
    client.force_login(lay.admin)
    return client


@pytest.mark.parametrize(
    "model", ["jenislayanan", "jamlayanan", "masaramadan", "harilibur", "permohonan", "surveikepuasan"]
)
def test_admin_lists_open(admin_client_, model):
    assert admin_client_.get(reverse(f"admin:layanan_{model}_changelist")).status_code == 200


def test_requests_are_read_only_in_the_admin_with_their_history(lay, admin_client_):
    p = PermohonanFactory(jenis_layanan=lay.jenis)
    p.riwayat.create(ke_status="DITERIMA", catatan="dicatat di loket")
    halaman = admin_client_.get(reverse("admin:layanan_permohonan_change", args=[p.pk])).content.decode()
    assert "dicatat di loket" in halaman
    assert 'name="_save"' not in halaman
    assert admin_client_.get(reverse("admin:layanan_permohonan_add")).status_code == 403
    assert (
        admin_client_.post(reverse("admin:layanan_permohonan_delete", args=[p.pk]), {"post": "yes"}).status_code == 403
    )
    assert Permohonan.objects.filter(pk=p.pk).exists()


def seed(*args):
    call_command("seed_demo", *args, stdout=StringIO())


def test_demo_data_has_dukcapil_services_and_a_deterministic_history():
    seed("--seed", "5")
    kode = set(JenisLayanan.objects.values_list("kode", flat=True))
    assert {"KK", "KTP", "KIA", "AKL", "AKM", "AKW", "AKC", "SKPWNI", "BIO"} == kode
    assert set(JenisLayanan.objects.values_list("unit_kerja__nama", flat=True)) == {
        "Dinas Kependudukan dan Pencatatan Sipil"
    }
    pertama = list(Permohonan.objects.order_by("nomor_tiket").values_list("nomor_tiket", "nik", "status"))
    assert pertama and SurveiKepuasan.objects.exists()
    for _, nik, _ in pertama:
        urai_nik(nik)
    # Counters continue after the demo's numbers.
    assert all(c.terakhir >= 1 for c in PenghitungTiket.objects.all())
    seed("--seed", "5", "--force")
    assert list(Permohonan.objects.order_by("nomor_tiket").values_list("nomor_tiket", "nik", "status")) == pertama


def test_demo_requests_not_finished_by_today_wait_in_the_queue():
    seed()
    awal_hari_ini = datetime.datetime.combine(timezone.localdate(), datetime.time.min, WITA)
    S = Permohonan.Status
    terbuka = Permohonan.objects.filter(status__in=[S.DITERIMA, S.DIPROSES])
    assert terbuka.exists() and not terbuka.exclude(selesai_pada=None).exists()
    assert not Permohonan.objects.filter(selesai_pada__gte=awal_hari_ini).exists()
    assert not SurveiKepuasan.objects.exclude(permohonan__status=S.SELESAI).exists()
    petugas = get_user_model().objects.get(username=demo_roster.PETUGAS.nip)
    assert list(antrean(petugas))
