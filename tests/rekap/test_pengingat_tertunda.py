"""A reminder claimed but never emailed (its worker died before queueing the email) goes out with the next run that
day, once. The worker-killed tests in tests/config/test_worker_dibunuh.py do the same on a real worker."""

import datetime

import pytest

from rekap import services_pengingat
from rekap.models import PengingatTerkirim

from .test_pengingat import BATAS, TIGA_HARI_SEBELUM, _skenario

pytestmark = pytest.mark.django_db


def _tanpa_antre_email(monkeypatch, capture, hari):
    """A run whose worker dies right after its claims commit, before the email tasks are queued."""
    with monkeypatch.context() as m:
        m.setattr(services_pengingat, "_antre_email", lambda klaim_ids: None)
        with capture(execute=True):
            return services_pengingat.kirim_pengingat(hari)


def test_emails_of_claims_never_queued_are_sent_once_by_the_next_run_that_day(
    org, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    _skenario(org)
    pertama = _tanpa_antre_email(monkeypatch, django_capture_on_commit_callbacks, TIGA_HARI_SEBELUM)
    assert pertama.email > 0 and mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        kedua = services_pengingat.kirim_pengingat(TIGA_HARI_SEBELUM)
    assert (kedua.terkirim, kedua.email) == (0, 0)
    alamat = sorted(PengingatTerkirim.objects.exclude(email="").values_list("email", flat=True))
    assert len(alamat) == pertama.email
    assert sorted(m.to[0] for m in mailoutbox) == alamat
    assert not PengingatTerkirim.objects.filter(email_dikirim_pada__isnull=True).exclude(email="").exists()

    with django_capture_on_commit_callbacks(execute=True):
        services_pengingat.kirim_pengingat(TIGA_HARI_SEBELUM)
    assert len(mailoutbox) == pertama.email


def test_a_reminder_left_unsent_yesterday_is_not_emailed_today(
    org, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    _skenario(org)
    _tanpa_antre_email(monkeypatch, django_capture_on_commit_callbacks, TIGA_HARI_SEBELUM)
    # Two days later "3 hari lagi" would be wrong: only that day's own reminders go out.
    with django_capture_on_commit_callbacks(execute=True):
        hari_ini = services_pengingat.kirim_pengingat(BATAS - datetime.timedelta(days=1))
    assert hari_ini.email > 0 and len(mailoutbox) == hari_ini.email
    assert all("1 hari lagi" in m.subject for m in mailoutbox if "belum diajukan" in m.subject)
    assert not any("3 hari lagi" in m.subject for m in mailoutbox)
