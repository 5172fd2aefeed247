"""Opening a period in a browser: picking the type and year fills the number, the dates and the period's name
(static/js/periode.js), what HR types stays, and a deadline after a typed date is left for the server to count."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kinerja.models import Periode
from kinerja.penilaian.periode import batas_penilaian_bawaan, nomor_usulan, rencana_periode
from tests.e2e.test_login_journey import isi_form_masuk
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def test_the_form_fills_itself_as_hr_picks_and_keeps_what_hr_typed(live_server, browser_page, transactional_db, org):
    page, url = browser_page, live_server.url
    hari_ini = timezone.localdate()
    isi_form_masuk(page, url, org.hr_a.nip, PASSWORD)
    page.wait_for_url(f"{url}/")
    page.goto(f"{url}/kinerja/periode/")
    bidang = {
        n: page.locator(f"[name={n}]") for n in ("nomor", "mulai", "selesai", "batas_pengisian", "batas_penilaian")
    }
    nama = page.locator("#nama-periode")

    page.get_by_label("Jenis periode").select_option("BULANAN")
    bulan = rencana_periode("BULANAN", nomor_usulan("BULANAN", hari_ini.year, hari_ini, set()), hari_ini.year)
    expect(bidang["nomor"]).to_have_value(str(bulan.nomor))
    expect(bidang["mulai"]).to_have_value(bulan.mulai.isoformat())
    expect(bidang["batas_penilaian"]).to_have_value(bulan.batas_penilaian.isoformat())
    expect(nama).to_have_text(f"Periode yang akan dibuka: {bulan.nama}")

    # HR types the number and a later filling deadline: the rating deadline is emptied, for the server to count.
    bidang["nomor"].fill("2")
    februari, triwulan = rencana_periode("BULANAN", 2, hari_ini.year), rencana_periode("TRIWULANAN", 2, hari_ini.year)
    expect(bidang["selesai"]).to_have_value(februari.selesai.isoformat())
    batas = triwulan.selesai + datetime.timedelta(days=12)
    bidang["batas_pengisian"].fill(batas.isoformat())
    expect(bidang["batas_penilaian"]).to_have_value("")

    # Another type keeps both typed values and takes its own dates for the number typed.
    page.get_by_label("Jenis periode").select_option("TRIWULANAN")
    expect(bidang["nomor"]).to_have_value("2")
    expect(bidang["mulai"]).to_have_value(triwulan.mulai.isoformat())
    expect(bidang["batas_pengisian"]).to_have_value(batas.isoformat())
    expect(nama).to_have_text(f"Periode yang akan dibuka: {triwulan.nama}")

    page.get_by_role("button", name="Buka periode").click()
    expect(page.get_by_text(f"Periode {triwulan.nama} dibuka.")).to_be_visible()
    p = Periode.objects.get()
    assert (p.jenis, p.nomor, p.mulai, p.selesai) == ("TRIWULANAN", 2, triwulan.mulai, triwulan.selesai)
    assert (p.batas_pengisian, p.batas_penilaian) == (batas, batas_penilaian_bawaan(batas))
