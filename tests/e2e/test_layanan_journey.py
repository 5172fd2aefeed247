"""A citizen applies online, an officer processes it to done, the citizen tracks it, answers the survey,
and the published IKM changes — in headless Chromium against a live server."""

import uuid

import pytest
from playwright.sync_api import expect

from core.roles import GRUP_PETUGAS_LAYANAN
from tests.factories import PASSWORD, UnitKerjaFactory, pegawai_dengan_akun
from tests.layanan.factories import NIK_CONTOH, JenisLayananFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def dukcapil(transactional_db, settings):
    # Own in-process cache: rate-limit counters of other runs (Redis) must not throttle this journey.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
    unit = UnitKerjaFactory(kode="75.02", nama="Dinas Kependudukan dan Pencatatan Sipil")
    petugas = pegawai_dengan_akun(groups=[GRUP_PETUGAS_LAYANAN], unit_kerja=unit, nama="Moh. Rizal Daud")
    jenis = JenisLayananFactory(kode="KTP", nama="Penerbitan KTP-el", unit_kerja=unit)
    return petugas, jenis


def test_apply_process_track_survey_and_the_ikm_page_changes(live_server, browser_page, dukcapil):
    petugas, jenis = dukcapil
    warga, url = browser_page, live_server.url

    warga.goto(f"{url}/layanan/ikm/KTP/")
    expect(warga.locator("#nilai-ikm")).to_have_text("–")

    # The citizen applies online.
    warga.goto(f"{url}/layanan/ajukan/")
    warga.get_by_label("Layanan", exact=True).select_option(label=jenis.nama)
    warga.get_by_role("button", name="Lanjutkan").click()
    warga.get_by_label("Nama pemohon").fill("Nurain Latif")
    warga.locator("input[name=nik]").fill(NIK_CONTOH)
    warga.get_by_label("No. HP").fill("085212345678")
    warga.get_by_role("button", name="Kirim permohonan").click()
    tiket = warga.locator("#nomor-tiket").inner_text().strip()
    assert tiket.startswith("KTP-")

    # The officer finds it in the desk queue and processes it to done.
    petugas_ctx = warga.context.browser.new_context(locale="id-ID", timezone_id="Asia/Makassar")
    kantor = petugas_ctx.new_page()
    kantor.goto(f"{url}/masuk/")
    kantor.locator("input[name=username]").fill(petugas.nip)
    kantor.locator("input[name=password]").fill(PASSWORD)
    kantor.get_by_role("button", name="Masuk").click()
    kantor.wait_for_url(f"{url}/")
    kantor.get_by_role("button", name="Layanan").click()
    kantor.get_by_role("link", name="Loket Layanan").click()
    kantor.get_by_role("link", name=tiket).click()
    kantor.get_by_role("button", name="Proses").click()
    expect(kantor.locator("#status-permohonan")).to_contain_text("Diproses")
    kantor.get_by_role("button", name="Selesai").click()
    expect(kantor.locator("#status-permohonan")).to_contain_text("Selesai")
    petugas_ctx.close()

    # The citizen tracks it with the ticket and the NIK's last four digits, then answers the survey.
    warga.goto(f"{url}/layanan/lacak/")
    warga.get_by_label("Nomor tiket").fill(tiket)
    warga.get_by_label("4 digit terakhir NIK").fill(NIK_CONTOH[-4:])
    warga.get_by_role("button", name="Lacak").click()
    expect(warga.locator("#hasil-lacak")).to_contain_text("Selesai")
    warga.get_by_role("link", name="Isi survei kepuasan").click()
    for nomor, nilai in enumerate((4, 4, 3, 4, 4, 4, 4, 3, 4), start=1):
        warga.locator(f"input[name=unsur_{nomor}][value='{nilai}']").check()
    warga.get_by_role("button", name="Kirim survei").click()
    expect(warga.get_by_role("heading", name="Terima kasih")).to_be_visible()

    # The published result now counts the answer: 34 / 9 × 25 = 94.44 → A.
    warga.get_by_role("link", name="Lihat hasil survei layanan ini").click()
    expect(warga.locator("#nilai-ikm")).to_have_text("94,44")
    expect(warga.locator("#mutu-ikm")).to_have_text("Mutu A")
    expect(warga.locator("#jumlah-responden")).to_have_text("1")
