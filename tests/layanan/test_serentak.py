"""Concurrency on PostgreSQL with real threads: ticket numbers and the overdue task."""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone

from kinerja.models import Notifikasi
from layanan import services
from layanan.models import Permohonan
from tests.conftest import perlu_layanan
from tests.layanan.factories import NIK_CONTOH, PermohonanFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        perlu_layanan("DATABASE_URL bukan PostgreSQL: uji serentak butuh penguncian baris sungguhan")


def serentak(jumlah, fungsi):
    """Run fungsi(i) in `jumlah` threads released at the same instant; return their results and errors."""
    gerbang = threading.Barrier(jumlah)
    hasil, galat = [None] * jumlah, []

    def jalan(i):
        try:
            gerbang.wait()
            hasil[i] = fungsi(i)
        except Exception as e:  # noqa: BLE001 — reported by the test
            galat.append(e)
        finally:
            connections.close_all()

    utas = [threading.Thread(target=jalan, args=(i,)) for i in range(jumlah)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=60)
    return hasil, galat


def test_officers_saving_at_the_same_instant_get_distinct_consecutive_tickets(lay):
    petugas_lain = [lay.petugas.user]
    jumlah = 8

    def catat(i):
        return [
            services.catat_di_loket(
                petugas_lain[0],
                jenis_layanan=lay.jenis,
                nama_pemohon=f"P{i}-{k}",
                nik=NIK_CONTOH,
                telepon="081234567890",
            ).nomor_tiket
            for k in range(3)
        ]

    hasil, galat = serentak(jumlah, catat)
    assert galat == []
    tiket = sorted(t for bagian in hasil for t in bagian)
    tanggal = timezone.localdate().strftime("%y%m%d")
    assert tiket == [f"KTP-{tanggal}-{n:04d}" for n in range(1, jumlah * 3 + 1)]


def test_two_overdue_scans_at_once_notify_each_request_once(lay):
    terlambat = [
        PermohonanFactory(jenis_layanan=lay.jenis, batas_waktu=timezone.now() - timezone.timedelta(hours=1))
        for _ in range(20)
    ]
    hasil, galat = serentak(2, lambda i: services.tandai_terlambat())
    assert galat == []
    assert sum(hasil) == len(terlambat)
    assert Notifikasi.objects.count() == len(terlambat)
    assert not Permohonan.objects.filter(terlambat_ditandai_pada__isnull=True).exists()
