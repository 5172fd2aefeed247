"""Everyone can be evaluated, in a browser on the demo data: the Kepala Dinas submits his evaluation to the Sekda,
who rates it; the Gubernur, an appraiser outside the roster, rates the Sekda; HR see who appraises whom."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from demo import roster as demo_roster
from kinerja.models import EvaluasiKinerja, Periode
from tests.e2e.test_login_journey import isi_form_masuk

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--pegawai", str(demo_roster.jumlah_minimal()), stdout=StringIO())
    return Periode.objects.get(status="DIBUKA")


def masuk(page, url, username):
    page.context.clear_cookies()
    isi_form_masuk(page, url, username, demo_roster.KATA_SANDI_DEMO)
    page.wait_for_url(f"{url}/")


def nilai(page, hasil):
    """Fill the rating form: feedback on every RHK and value, both ratings; then save."""
    for kolom in page.locator("textarea[name^='umpan_balik_rhk_'], textarea[name^='perilaku_']").all():
        kolom.fill("Sesuai rencana kerja tahun ini.")
    page.locator(f"input[name=rating_hasil_kerja][value={hasil}]").check()
    page.locator("input[name=rating_perilaku_kerja][value=SESUAI]").check()
    page.get_by_role("button", name="Simpan penilaian").click()


def test_the_kepala_dinas_goes_to_the_sekda_and_the_sekda_to_the_gubernur(live_server, browser_page, demo):
    page, url = browser_page, live_server.url
    kepala, sekda, gubernur = demo_roster.KEPALA_DINAS, demo_roster.SEKDA, demo_roster.GUBERNUR

    # HR of Dinas Kesehatan read on the Kepala Dinas's page who appraises him.
    masuk(page, url, demo_roster.PENGELOLA.nip)
    page.goto(f"{url}/pegawai/?q={kepala.nip}")
    page.get_by_role("link", name=re.compile(kepala.nama)).first.click()
    expect(page.get_by_text("Pejabat penilai kinerja", exact=True)).to_be_visible()
    expect(page.get_by_text(sekda.nama).first).to_be_visible()
    expect(page.get_by_text(f"Atasan pejabat penilai: {gubernur.nama}")).to_be_visible()

    # The Kepala Dinas fills this quarter's realisation and submits it to the Sekda.
    masuk(page, url, kepala.nip)
    page.get_by_role("link", name="Kinerja Saya").click()
    page.get_by_role("row").filter(has_text=str(demo)).get_by_role("link", name=re.compile("Isi")).click()
    expect(page.get_by_text(f"Pejabat penilai: {sekda.nama}")).to_be_visible()
    for kolom, nilai_isi in zip(
        page.locator("input[name^='realisasi_']:not([name*='bukti'])").all(), ["12", "95", "12"], strict=True
    ):
        kolom.fill(nilai_isi)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=re.compile("Simpan dan ajukan")).click()
    expect(page.get_by_text(re.compile(f"Evaluasi diajukan kepada {sekda.nama}"))).to_be_visible()

    # The Sekda finds it in Tim Saya, waiting, and rates it.
    masuk(page, url, sekda.nip)
    page.get_by_role("link", name="Tim Saya").click()
    baris = page.get_by_role("row").filter(has_text=kepala.nama)
    expect(baris.get_by_text("Menunggu penilaian Anda")).to_be_visible()
    baris.get_by_role("link", name="Nilai").click()
    # He heads Dinas Kesehatan, rated Baik this quarter: SE MenPANRB 3/2023 proposes Sesuai Ekspektasi, and another
    # rating waits for a reason.
    expect(page.locator("#rating-pimpinan")).to_contain_text("Sesuai Ekspektasi")
    expect(page.locator("input[name=rating_hasil_kerja][value=SESUAI]")).to_be_checked()
    nilai(page, "DI_ATAS")
    expect(page.get_by_text(re.compile("Tulis alasan bila memilih rating lain"))).to_be_visible()
    page.get_by_label("Alasan rating hasil kerja berbeda dari capaian kinerja organisasi").fill(
        "Capaian program prioritas jauh di atas target meski serapan anggaran unit rendah."
    )
    nilai(page, "DI_ATAS")
    expect(page.get_by_text("Evaluasi dinilai. Predikat kinerja: Baik.")).to_be_visible()

    # The Gubernur, outside the roster, signs in with his own account and rates the Sekda.
    masuk(page, url, gubernur.username)
    expect(page.get_by_text("Pejabat Penilai", exact=True)).to_be_visible()
    page.get_by_role("link", name="Tim Saya").click()
    baris = page.get_by_role("row").filter(has_text=sekda.nama)
    baris.get_by_role("link", name="Nilai").click()
    nilai(page, "DI_BAWAH")
    expect(page.get_by_text("Evaluasi dinilai. Predikat kinerja: Butuh Perbaikan.")).to_be_visible()

    ev_kepala = EvaluasiKinerja.objects.get(periode=demo, pegawai__nip=kepala.nip)
    ev_sekda = EvaluasiKinerja.objects.get(periode=demo, pegawai__nip=sekda.nip)
    assert (ev_kepala.status, ev_kepala.predikat, ev_kepala.atasan.nip) == ("DINILAI", "BAIK", sekda.nip)
    assert (ev_sekda.status, ev_sekda.predikat) == ("DINILAI", "BUTUH_PERBAIKAN")
    assert ev_sekda.penilai_luar.nama == gubernur.nama
