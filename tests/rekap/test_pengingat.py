"""Evaluation reminders: who gets which, in the app and by email, exactly once per person, period, kind and day."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse

from config.celery import app as celery_app
from kinerja.models import Notifikasi, Pegawai
from kinerja.penilaian import services_periode as svc_periode
from rekap import services_pengingat
from rekap.models import PengingatTerkirim
from tests.conftest import perlu_layanan
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

from .email_gagal import GagalDulu

BATAS = datetime.date(2026, 4, 10)  # batas_pengisian of the Skenario period
TIGA_HARI_SEBELUM = BATAS - datetime.timedelta(days=3)
Jenis = PengingatTerkirim.Jenis


def _skenario(org):
    skenario = Skenario(org)
    for i, p in enumerate(Pegawai.objects.all()):
        p.email = f"asn{i}@gorontaloprov.go.id"
        p.save(update_fields=["email"])
    return skenario


def _email(pegawai):
    return Pegawai.objects.get(pk=pegawai.pk).email


def _notifikasi(pegawai):
    return list(Notifikasi.objects.filter(penerima=pegawai.user).order_by("id"))


@pytest.mark.django_db
@pytest.mark.parametrize("hari", [7, 3, 1])
def test_asn_who_have_not_submitted_are_reminded_7_3_and_1_days_before_the_deadline(org, hari):
    skenario = _skenario(org)
    hasil = services_pengingat.kirim_pengingat(BATAS - datetime.timedelta(days=hari))
    (n,) = [n for n in _notifikasi(org.staf_a1) if "belum diajukan" in n.judul]
    assert n.judul == f"Evaluasi {skenario.periode} belum diajukan: batas pengisian {hari} hari lagi"
    assert n.tautan == f"/kinerja/evaluasi/{skenario.evaluasi(org.staf_a1).pk}/"
    assert "10 April 2026" in n.pesan
    # OPD A's ASN (kepala, atasan_a, staf_a1, staf_a2, hr_a) all have draft evaluations; OPD B has none.
    penerima = set(PengingatTerkirim.objects.filter(jenis=Jenis.PENGISIAN).values_list("penerima_id", flat=True))
    assert penerima == {p.user_id for p in (org.kepala, org.atasan_a, org.staf_a1, org.staf_a2, org.hr_a)}
    assert hasil.terkirim == hasil.calon


@pytest.mark.django_db
@pytest.mark.parametrize("hari", [0, 2, 4, 8])
def test_no_asn_reminder_on_other_days(org, hari):
    _skenario(org)
    services_pengingat.kirim_pengingat(BATAS - datetime.timedelta(days=hari))
    assert not PengingatTerkirim.objects.filter(jenis__in=[Jenis.PENGISIAN, Jenis.RINGKASAN_UNIT]).exists()


@pytest.mark.django_db
def test_the_reminder_days_are_a_setting(org, settings):
    settings.PENGINGAT_HARI_SEBELUM_BATAS = [5]
    _skenario(org)
    services_pengingat.kirim_pengingat(BATAS - datetime.timedelta(days=3))
    assert not PengingatTerkirim.objects.filter(jenis=Jenis.PENGISIAN).exists()
    services_pengingat.kirim_pengingat(BATAS - datetime.timedelta(days=5))
    assert PengingatTerkirim.objects.filter(jenis=Jenis.PENGISIAN, penerima=org.staf_a1.user).exists()


@pytest.mark.django_db
def test_submitted_evaluations_and_closed_periods_get_no_asn_reminder(org):
    skenario = _skenario(org)
    skenario.ajukan(org.staf_a1)
    services_pengingat.kirim_pengingat(TIGA_HARI_SEBELUM)
    assert not PengingatTerkirim.objects.filter(jenis=Jenis.PENGISIAN, penerima=org.staf_a1.user).exists()
    assert PengingatTerkirim.objects.filter(jenis=Jenis.PENGISIAN, penerima=org.staf_a2.user).exists()
    svc_periode.tutup_periode(org.admin, skenario.periode.pk)
    services_pengingat.kirim_pengingat(BATAS - datetime.timedelta(days=1))
    assert not PengingatTerkirim.objects.filter(tanggal=BATAS - datetime.timedelta(days=1)).exists()


@pytest.mark.django_db
def test_a_supervisor_is_reminded_every_day_of_submissions_waiting_and_the_link_opens_the_first(org):
    skenario = _skenario(org)
    skenario.ajukan(org.staf_a2)
    skenario.ajukan(org.staf_a1)
    for tanggal in (datetime.date(2026, 4, 1), datetime.date(2026, 4, 2)):
        services_pengingat.kirim_pengingat(tanggal)
    pengingat = [n for n in _notifikasi(org.atasan_a) if n.judul.endswith("menunggu penilaian Anda")]
    assert len(pengingat) == 2
    pertama = min(skenario.evaluasi(org.staf_a1).pk, skenario.evaluasi(org.staf_a2).pk)
    assert pengingat[0].judul == f"2 evaluasi {skenario.periode} menunggu penilaian Anda"
    assert pengingat[0].tautan == f"/kinerja/evaluasi/{pertama}/"
    assert "20 April 2026" in pengingat[0].pesan and "1 lainnya" in pengingat[0].pesan
    # Nobody else has anything waiting.
    assert set(PengingatTerkirim.objects.filter(jenis=Jenis.PENILAIAN).values_list("penerima_id", flat=True)) == {
        org.atasan_a.user_id
    }


@pytest.mark.django_db
def test_hr_staff_get_a_summary_of_their_units_that_are_behind(org):
    skenario = _skenario(org)
    skenario.ajukan(org.staf_a1)
    services_pengingat.kirim_pengingat(TIGA_HARI_SEBELUM)
    (n,) = [n for n in _notifikasi(org.hr_a) if "tertinggal" in n.judul]
    assert n.judul == f"1 unit Anda tertinggal pada evaluasi {skenario.periode} (batas 3 hari lagi)"
    assert "Badan Kepegawaian Daerah: 4 dari 5 evaluasi belum diajukan" in n.pesan
    assert n.tautan == f"{reverse('rekap:organisasi')}?periode={skenario.periode.pk}"
    # OPD B has no evaluation in the period, so its HR staff has nothing behind.
    assert not PengingatTerkirim.objects.filter(jenis=Jenis.RINGKASAN_UNIT, penerima=org.hr_b.user).exists()


@pytest.mark.django_db
def test_running_twice_the_same_day_sends_nothing_more(org, mailoutbox, django_capture_on_commit_callbacks):
    _skenario(org)
    with django_capture_on_commit_callbacks(execute=True):
        pertama = services_pengingat.kirim_pengingat(TIGA_HARI_SEBELUM)
    jumlah_notifikasi, jumlah_email = Notifikasi.objects.count(), len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        kedua = services_pengingat.kirim_pengingat(TIGA_HARI_SEBELUM)
    assert pertama.terkirim == pertama.calon > 0 and pertama.email == jumlah_email > 0
    assert (kedua.calon, kedua.terkirim, kedua.email) == (pertama.calon, 0, 0)
    assert (Notifikasi.objects.count(), len(mailoutbox)) == (jumlah_notifikasi, jumlah_email)
    # The next reminder day is a new day: sent again.
    assert services_pengingat.kirim_pengingat(BATAS - datetime.timedelta(days=1)).terkirim == pertama.calon


@pytest.mark.django_db
def test_each_reminder_is_emailed_to_its_recipient_with_an_absolute_link(
    org, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://kinerja.gorontaloprov.go.id"
    skenario = _skenario(org)
    with django_capture_on_commit_callbacks(execute=True):
        services_pengingat.kirim_pengingat(TIGA_HARI_SEBELUM)
    (surat,) = [m for m in mailoutbox if m.to == [_email(org.staf_a1)]]
    assert surat.subject == f"Evaluasi {skenario.periode} belum diajukan: batas pengisian 3 hari lagi"
    assert f"https://kinerja.gorontaloprov.go.id/kinerja/evaluasi/{skenario.evaluasi(org.staf_a1).pk}/" in surat.body
    assert not PengingatTerkirim.objects.filter(email_dikirim_pada__isnull=True).exclude(email="").exists()


@pytest.mark.django_db
def test_a_failing_email_send_is_retried_and_then_delivered_once(
    org, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.rekap.email_gagal.GagalDulu"
    # Inline tasks would otherwise raise the retry instead of running it (conftest's _celery_eager restores it).
    celery_app.conf.task_eager_propagates = False
    _skenario(org)
    Pegawai.objects.exclude(pk=org.staf_a1.pk).update(email="")
    GagalDulu.sisa_gagal, GagalDulu.percobaan = 1, 0
    with django_capture_on_commit_callbacks(execute=True):
        services_pengingat.kirim_pengingat(TIGA_HARI_SEBELUM)
    assert GagalDulu.percobaan == 2
    assert [m.to for m in mailoutbox] == [[_email(org.staf_a1)]]
    klaim = PengingatTerkirim.objects.get(penerima=org.staf_a1.user)
    assert klaim.email_dikirim_pada is not None
    # Sending it again (a duplicate task) does nothing.
    assert services_pengingat.kirim_email(klaim.pk) is False
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_reminder_once(org, mailoutbox):
    if connection.vendor != "postgresql":
        perlu_layanan("PostgreSQL: SQLite serialises writers, so this race needs PostgreSQL's row locks.")
    _skenario(org)
    notifikasi_awal = Notifikasi.objects.count()  # the SKP workflow's own notifications
    mulai = threading.Barrier(2)
    hasil, galat = [], []

    def jalan():
        try:
            mulai.wait()
            hasil.append(services_pengingat.kirim_pengingat(TIGA_HARI_SEBELUM))
        except Exception as exc:  # a failure in the thread must fail the test
            galat.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=jalan) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not galat
    calon = hasil[0].calon
    assert calon > 0 and [h.calon for h in hasil] == [calon, calon]
    assert sum(h.terkirim for h in hasil) == calon
    assert PengingatTerkirim.objects.count() == Notifikasi.objects.count() - notifikasi_awal == calon
    assert len(mailoutbox) == sum(h.email for h in hasil) == PengingatTerkirim.objects.exclude(email="").count()
