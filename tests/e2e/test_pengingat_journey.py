"""A supervisor gets the daily reminder of a submission waiting for them, opens it, and lands on the pending review.

The notification bell and the evaluation pages are built on other branches. Here the reminder is opened from the
dashboard's "Pengingat untuk Anda hari ini" card (the same link the Notifikasi row carries); at merge, open it
from the bell instead (BELL below) — the landing assertions stay the same.
"""

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import expect

from kinerja.models import EvaluasiKinerja, Notifikasi
from rekap import services_pengingat
from tests.e2e.test_login_journey import isi_form_masuk
from tests.factories import PASSWORD
from tests.kinerja.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.e2e

BELL = None  # e.g. "[data-lonceng-notifikasi]" once the bell is on this branch


def test_a_supervisor_opens_the_reminder_and_lands_on_the_pending_review(
    transactional_db, org, live_server, browser_page
):
    skenario = Skenario(org)
    skenario.ajukan(org.staf_a1)
    pending = EvaluasiKinerja.objects.get(periode=skenario.periode, pegawai=org.staf_a1)
    assert pending.status == "DIAJUKAN"
    services_pengingat.kirim_pengingat()
    judul = f"1 evaluasi {skenario.periode} menunggu penilaian Anda"
    assert Notifikasi.objects.filter(penerima=org.atasan_a.user, judul=judul, tautan=f"/kinerja/evaluasi/{pending.pk}/")

    page = browser_page
    isi_form_masuk(page, live_server.url, org.atasan_a.nip, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    if BELL:
        page.locator(BELL).click()
    else:
        page.get_by_role("link", name="Dasbor").click()
        expect(page.locator("#pengingat-hari-ini")).to_be_visible()
    page.get_by_role("link", name=judul).click()
    page.wait_for_url(f"{live_server.url}/kinerja/evaluasi/{pending.pk}/")
    try:
        resolve(f"/kinerja/evaluasi/{pending.pk}/")
    except Resolver404:
        return  # the evaluation pages are not on this branch: the URL is the pending review's
    expect(page.get_by_text(org.staf_a1.nama).first).to_be_visible()
