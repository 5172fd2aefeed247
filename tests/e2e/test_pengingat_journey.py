"""A supervisor gets the daily reminder of a submission waiting for them, sees it in the bell, opens it, and
lands on the pending review."""

import pytest
from playwright.sync_api import expect

from kinerja.models import EvaluasiKinerja, Notifikasi
from rekap import services_pengingat
from tests.e2e.test_login_journey import isi_form_masuk
from tests.factories import PASSWORD
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.e2e


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
    belum_dibaca = Notifikasi.objects.filter(penerima=org.atasan_a.user, dibaca_pada=None).count()
    bel = page.locator("#lonceng-notifikasi")
    expect(bel.locator(".badge")).to_contain_text(f"{belum_dibaca} belum dibaca")
    bel.click()
    baris = page.locator(".list-group-item", has_text=judul)
    expect(baris).to_contain_text("Baru")
    baris.get_by_role("button", name="Buka").click()
    page.wait_for_url(f"{live_server.url}/kinerja/evaluasi/{pending.pk}/")
    expect(page.get_by_text(org.staf_a1.nama).first).to_be_visible()
    page.get_by_role("link", name="Nilai").first.click()
    page.wait_for_url(f"{live_server.url}/kinerja/evaluasi/{pending.pk}/nilai/")
    expect(page.get_by_text("Bukti kuantitatif")).to_be_visible()
    # Opened: the bell counts one fewer.
    expect(page.locator("#lonceng-notifikasi .badge")).to_contain_text(f"{belum_dibaca - 1} belum dibaca")
