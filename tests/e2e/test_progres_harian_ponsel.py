"""On a 390 px phone: the ASN logs the day from Kinerja Saya in one tap and a short form, the supervisor sees it
from Tim Saya, and the realisation form puts the period's log into the narrative with one tap."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kinerja.models import ProgresHarian
from tests.e2e.test_evaluasi_journey import masuk
from tests.factories import RencanaHasilKerjaFactory
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.e2e

PONSEL = {"width": 390, "height": 844}
PEKERJAAN = "Memverifikasi 25 berkas klaim puskesmas"


def _muat_di_layar(page):
    """Nothing wider than the phone's screen: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]


def test_the_asn_logs_a_day_on_a_phone_and_the_supervisor_reads_it(live_server, browser_page, transactional_db, org):
    rhk = RencanaHasilKerjaFactory(
        skp__pegawai=org.staf_a1, skp__tahun=timezone.localdate().year, uraian="Terlaksananya verifikasi klaim"
    )
    page, url = browser_page, live_server.url
    page.set_viewport_size(PONSEL)

    masuk(page, url, org.staf_a1.nip)
    page.goto(f"{url}/kinerja/saya/")
    page.get_by_role("link", name="Catat progres hari ini").click()
    expect(page.get_by_label("Tanggal")).to_have_value(timezone.localdate().isoformat())
    _muat_di_layar(page)
    page.get_by_label("RHK").select_option(str(rhk.pk))
    page.get_by_label("Yang dikerjakan").fill(PEKERJAAN)
    page.get_by_role("button", name="Simpan progres").click()
    expect(page.get_by_text("tercatat.")).to_be_visible()
    expect(page.get_by_text(PEKERJAAN, exact=True)).to_be_visible()
    _muat_di_layar(page)
    progres = ProgresHarian.objects.get()
    assert (progres.pegawai, progres.rhk, progres.tanggal) == (org.staf_a1, rhk, timezone.localdate())

    masuk(page, url, org.atasan_a.nip)
    page.goto(f"{url}/tim-saya/")
    expect(page.get_by_role("heading", name="Progres harian tim")).to_be_visible()
    page.get_by_role("link", name="Baca log Staf A Satu").click()
    expect(page.get_by_text(PEKERJAAN, exact=True)).to_be_visible()
    _muat_di_layar(page)


def test_the_realisation_narrative_is_filled_from_the_periods_log_with_one_tap(
    live_server, browser_page, transactional_db, org
):
    s = Skenario(org)
    ev = s.evaluasi()
    rhk = ev.skp.rhk.get()
    for tanggal, teks in (
        (datetime.date(2026, 1, 15), "Menghimpun data jabatan"),
        (datetime.date(2026, 2, 3), "Rapat"),
    ):
        ProgresHarian.objects.create(pegawai=org.staf_a1, rhk=rhk, tanggal=tanggal, uraian=teks)
    page, url = browser_page, live_server.url
    page.set_viewport_size(PONSEL)
    masuk(page, url, org.staf_a1.nip)
    page.goto(f"{url}/kinerja/evaluasi/{ev.pk}/isi/")
    kolom = page.get_by_label("Uraian realisasi").first
    kolom.fill("Analisis selesai.")
    page.get_by_role("button", name="Isi dari progres harian").first.click()
    expect(kolom).to_have_value("Analisis selesai.\n15 Jan: Menghimpun data jabatan\n3 Feb: Rapat")
    page.get_by_role("button", name="Isi dari progres harian").first.click()  # a second tap adds nothing
    expect(kolom).to_have_value("Analisis selesai.\n15 Jan: Menghimpun data jabatan\n3 Feb: Rapat")
    _muat_di_layar(page)
