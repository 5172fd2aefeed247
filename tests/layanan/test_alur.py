"""The request's life through the services: ticket numbers, states, who may move them, the SLA clock."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.errors import NotPermitted, WrongState
from layanan import services
from layanan.kalender import WITA
from layanan.models import HariLibur, JamLayanan, Permohonan
from layanan.selectors import kalender_kerja
from tests.layanan.factories import NIK_CONTOH

pytestmark = pytest.mark.django_db
S = Permohonan.Status


@pytest.fixture
def jam(monkeypatch):
    """Set the clock the services read: jam("2025-03-03 09:00") (WITA)."""

    def atur(teks):
        waktu = datetime.datetime.strptime(teks, "%Y-%m-%d %H:%M").replace(tzinfo=WITA)
        monkeypatch.setattr(timezone, "now", lambda: waktu)
        return waktu

    return atur


def catat(lay, **kw):
    data = dict(jenis_layanan=lay.jenis, nama_pemohon="Siti Rahmawati", nik=NIK_CONTOH, telepon="081234567890")
    return services.catat_di_loket(lay.petugas.user, **{**data, **kw})


def test_counter_request_gets_a_ticket_an_officer_a_deadline_and_a_history(lay, jam):
    jam("2025-03-03 09:00")  # Monday
    p = catat(lay)
    assert p.nomor_tiket == "KTP-250303-0001"
    assert p.petugas == lay.petugas
    assert p.kanal == Permohonan.Kanal.LOKET
    assert p.status == S.DITERIMA
    # 3 working days; reception during office hours → counting starts Tuesday; Thursday closes at 16:00.
    assert timezone.localtime(p.batas_waktu) == datetime.datetime(2025, 3, 6, 16, 0, tzinfo=WITA)
    (r,) = p.riwayat.all()
    assert (r.dari_status, r.ke_status, r.oleh) == ("", S.DITERIMA, lay.petugas.user)


def test_tickets_count_per_service_and_date(lay, jam):
    jam("2025-03-03 09:00")
    assert [catat(lay).nomor_tiket for _ in range(3)] == ["KTP-250303-0001", "KTP-250303-0002", "KTP-250303-0003"]
    assert catat(lay, jenis_layanan=lay.jenis_jam).nomor_tiket == "SKP-250303-0001"
    jam("2025-03-04 08:00")
    assert catat(lay).nomor_tiket == "KTP-250304-0001"


def test_the_ticket_date_is_the_wita_date(lay, jam):
    jam("2025-03-04 07:30")  # 23:30 UTC on the 3rd
    assert catat(lay).nomor_tiket.startswith("KTP-250304-")


def test_holidays_move_the_deadline(lay, jam):
    HariLibur.objects.create(tanggal=datetime.date(2025, 3, 4), nama="Uji")
    jam("2025-03-03 09:00")
    assert timezone.localtime(catat(lay).batas_waktu).date() == datetime.date(2025, 3, 7)


def test_an_officer_of_another_unit_cannot_record_or_move_the_request(lay, jam):
    jam("2025-03-03 09:00")
    with pytest.raises(NotPermitted):
        services.catat_di_loket(
            lay.petugas_a.user, jenis_layanan=lay.jenis, nama_pemohon="X", nik=NIK_CONTOH, telepon="081234567890"
        )
    p = catat(lay)
    for user in (lay.petugas_a.user, lay.hr_b.user, lay.kepala_b.user, lay.admin):
        with pytest.raises(NotPermitted):
            services.ubah_status(user, p.pk, S.DIPROSES)
    assert Permohonan.objects.get(pk=p.pk).status == S.DITERIMA


@pytest.mark.parametrize(
    "dari, ke",
    [
        ([], S.SELESAI),
        ([], S.MENUNGGU_PEMOHON),
        ([], S.DITERIMA),
        ([S.DIPROSES, S.SELESAI], S.DIPROSES),
        ([S.DIPROSES, S.SELESAI], S.DITOLAK),
        ([S.DIPROSES, S.MENUNGGU_PEMOHON], S.SELESAI),
        ([("DITOLAK", "tidak lengkap")], S.DIPROSES),
    ],
)
def test_illegal_moves_are_refused(lay, jam, dari, ke):
    jam("2025-03-03 09:00")
    p = catat(lay)
    for langkah in dari:
        status, catatan = langkah if isinstance(langkah, tuple) else (langkah, "")
        services.ubah_status(lay.petugas.user, p.pk, status, catatan)
    sebelum = Permohonan.objects.get(pk=p.pk).status
    with pytest.raises(WrongState):
        services.ubah_status(lay.petugas.user, p.pk, ke)
    assert Permohonan.objects.get(pk=p.pk).status == sebelum


def test_rejection_needs_a_reason(lay, jam):
    jam("2025-03-03 09:00")
    p = catat(lay)
    with pytest.raises(ValidationError, match="Alasan penolakan wajib"):
        services.ubah_status(lay.petugas.user, p.pk, S.DITOLAK, "   ")
    p = services.ubah_status(lay.petugas.user, p.pk, S.DITOLAK, "Berkas KK tidak terbaca")
    assert (p.alasan_penolakan, p.selesai_pada is not None, p.token_survei) == ("Berkas KK tidak terbaca", True, None)


def test_waiting_for_the_applicant_pauses_the_clock(lay, jam):
    jam("2025-03-03 08:00")
    p = catat(lay, jenis_layanan=lay.jenis_jam)  # 4 working hours → 12:00
    assert timezone.localtime(p.batas_waktu).hour == 12
    jam("2025-03-03 09:00")
    services.ubah_status(lay.petugas.user, p.pk, S.DIPROSES)
    jam("2025-03-03 10:00")
    p = services.ubah_status(lay.petugas.user, p.pk, S.MENUNGGU_PEMOHON, "Lampirkan KK asli")
    assert p.jeda_sejak is not None
    # Waits from Monday 10:00 to Tuesday 09:30: 6 + 1.5 office hours, so the deadline moves from
    # Monday 12:00 by 7.5 office hours: Monday 12:00–16:00 (4 h), Tuesday 08:00–11:30.
    jam("2025-03-04 09:30")
    p = services.ubah_status(lay.petugas.user, p.pk, S.DIPROSES)
    assert timezone.localtime(p.batas_waktu) == datetime.datetime(2025, 3, 4, 11, 30, tzinfo=WITA)
    assert p.jeda_sejak is None
    jam("2025-03-04 11:00")
    p = services.ubah_status(lay.petugas.user, p.pk, S.SELESAI)
    assert not p.terlambat
    assert [r.ke_status for r in p.riwayat.all()] == [S.DITERIMA, S.DIPROSES, S.MENUNGGU_PEMOHON, S.DIPROSES, S.SELESAI]
    assert [r.oleh for r in p.riwayat.all()] == [lay.petugas.user] * 5


def test_the_same_deadline_follows_from_the_pure_calendar(lay, jam):
    mulai = jam("2025-03-03 08:00")
    p = catat(lay, jenis_layanan=lay.jenis_jam)
    assert p.batas_waktu == kalender_kerja().batas_waktu(mulai, 4, "JAM")


def test_completion_issues_a_one_time_survey_token(lay, jam):
    jam("2025-03-03 09:00")
    p = catat(lay)
    services.ubah_status(lay.petugas.user, p.pk, S.DIPROSES)
    p = services.ubah_status(lay.petugas.user, p.pk, S.SELESAI)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", p.token_survei)  # 256 random bits


def test_online_request_is_taken_up_by_the_first_officer_who_moves_it(lay, jam):
    jam("2025-03-03 09:00")
    p = services.ajukan_daring(jenis_layanan=lay.jenis, nama_pemohon="Rahmat", nik=NIK_CONTOH, email="r@contoh.id")
    assert (p.kanal, p.petugas, p.riwayat.get().oleh) == (Permohonan.Kanal.DARING, None, None)
    p = services.ubah_status(lay.petugas.user, p.pk, S.DIPROSES)
    assert p.petugas == lay.petugas


@pytest.mark.parametrize(
    "kw, field",
    [
        ({"nik": "7501044503900000"}, "nik"),
        ({"nik": "7.50104E+15"}, "nik"),
        ({"telepon": "", "email": ""}, "telepon"),
        ({"telepon": "telepon saya"}, "telepon"),
        ({"telepon": "0812"}, "telepon"),
    ],
)
def test_invalid_applicant_data_is_refused_by_field(lay, kw, field):
    data = {**dict(jenis_layanan=lay.jenis, nama_pemohon="Rahmat", nik=NIK_CONTOH, telepon="081234567890"), **kw}
    with pytest.raises(ValidationError) as e:
        services.ajukan_daring(**data)
    assert field in e.value.message_dict
    assert not Permohonan.objects.exists()


def test_inactive_services_take_no_requests(lay):
    lay.jenis.aktif = False
    lay.jenis.save()
    with pytest.raises(WrongState):
        services.ajukan_daring(jenis_layanan=lay.jenis, nama_pemohon="R", nik=NIK_CONTOH, telepon="081234567890")


def test_office_hours_entered_in_the_admin_replace_the_defaults(lay, jam):
    JamLayanan.objects.create(hari=0, buka=datetime.time(9), tutup=datetime.time(12))  # Mondays only, 09–12
    jam("2025-03-03 10:00")
    p = catat(lay, jenis_layanan=lay.jenis_jam)  # 4 working hours: 2 this Monday, 2 the next
    assert timezone.localtime(p.batas_waktu) == datetime.datetime(2025, 3, 10, 11, 0, tzinfo=WITA)
