"""The evaluation journey in a browser: HR fills and submits, the supervisor rates, HR finalises (with a reason for
each ASN not rated and an override of the curve), and the ASN reads the document."""

import re

import pytest
from playwright.sync_api import expect

from kinerja.models import EvaluasiKinerja, PengecualianKurva
from tests.e2e.test_login_journey import isi_form_masuk
from tests.factories import PASSWORD
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.e2e


@pytest.fixture
def skenario(transactional_db, org):
    return Skenario(org)


def masuk(page, url, username):
    page.context.clear_cookies()
    isi_form_masuk(page, url, username, PASSWORD)
    page.wait_for_url(f"{url}/")


def test_hr_fills_the_supervisor_rates_hr_finalises_and_the_asn_reads_the_document(live_server, browser_page, skenario):
    page, url, org = browser_page, live_server.url, skenario.org

    # HR staff fill staf_a1's realisation on their behalf and submit it.
    masuk(page, url, org.hr_a.nip)
    page.get_by_role("link", name="Evaluasi Kinerja").click()
    page.get_by_role("link", name=str(skenario.periode)).click()
    baris = page.get_by_role("row").filter(has_text="Staf A Satu")
    baris.get_by_role("link", name="Isi realisasi").click()
    expect(page.get_by_text("atas nama Staf A Satu")).to_be_visible()
    for kolom, nilai in zip(page.locator("input[name$='_bukti_tautan']").all(), ["a", "b", "c"], strict=True):
        kolom.fill(f"https://drive.example.go.id/{nilai}")
    for kolom, nilai in zip(
        page.locator("input[name^='realisasi_']:not([name*='bukti'])").all(), ["10", "90", "12"], strict=True
    ):
        kolom.fill(nilai)
    # Submitting asks first; answered "no", nothing is sent.
    pertanyaan = []
    page.once("dialog", lambda dialog: (pertanyaan.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Simpan dan ajukan ke atasan").click()
    expect(page.get_by_role("button", name="Simpan dan ajukan ke atasan")).to_be_visible()
    assert "Ajukan evaluasi ini kepada Atasan A" in pertanyaan[0]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Simpan dan ajukan ke atasan").click()
    expect(page.get_by_text("Evaluasi diajukan kepada Atasan A untuk dinilai.")).to_be_visible()
    expect(page.get_by_text("diisi pengelola atas nama pegawai").first).to_be_visible()

    # The supervisor rates it from Tim Saya and sees the predikat.
    masuk(page, url, org.atasan_a.nip)
    # Only this evaluation: the two SKP submissions of the scene's set-up were read when the supervisor approved them.
    expect(page.locator("#lonceng-notifikasi .badge")).to_have_text("1 belum dibaca")
    page.get_by_role("link", name="Tim Saya").click()
    page.get_by_role("row").filter(has_text="Staf A Satu").get_by_role("link", name="Nilai").click()
    expect(page.get_by_text("88,67%")).to_be_visible()
    for kolom in page.locator("textarea[name^='umpan_balik_rhk_'], textarea[name^='perilaku_']").all():
        kolom.fill("Sangat baik dan konsisten.")
    page.locator("input[name=rating_hasil_kerja][value=DI_ATAS]").check()
    page.locator("input[name=rating_perilaku_kerja][value=DI_ATAS]").check()
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.get_by_text("Evaluasi dinilai. Predikat kinerja: Sangat Baik.")).to_be_visible()

    # HR sets the organisational performance and finalises the unit; one Sangat Baik of one breaks the curve.
    masuk(page, url, org.hr_a.nip)
    page.get_by_role("link", name="Evaluasi Kinerja").click()
    page.get_by_role("link", name=str(skenario.periode)).click()
    page.get_by_role("row").filter(has_text="Bidang Pengembangan").get_by_role(
        "link", name="Kurva & finalisasi"
    ).click()
    page.get_by_label("Capaian kinerja organisasi").select_option("ISTIMEWA")
    page.get_by_role("button", name="Tetapkan").click()
    expect(page.get_by_text("Capaian kinerja organisasi Bidang Pengembangan: Istimewa.")).to_be_visible()
    expect(page.get_by_text("Melanggar kurva distribusi:")).to_be_visible()
    expect(page.get_by_text("Sangat Baik paling banyak 70%")).to_be_visible()
    # The two others of the unit are not rated: finalising without a reason for each is refused, naming them.
    page.get_by_label("Alasan pengecualian kurva").fill("Baru satu pegawai yang dinilai pada triwulan ini.")
    page.get_by_role("button", name=re.compile("Finalkan 1 evaluasi")).click()
    expect(page.get_by_text("2 evaluasi unit ini belum dinilai dan belum diberi alasan pengecualian")).to_be_visible()
    page.get_by_label("Alasan Atasan A").select_option("CLTN")
    page.get_by_label("Alasan Staf A Dua").select_option("LAINNYA")
    page.get_by_label("Keterangan Staf A Dua").fill("Diperbantukan ke BPBD")
    page.get_by_role("button", name=re.compile("Finalkan 1 evaluasi")).click()
    expect(
        page.get_by_text(
            "1 evaluasi Bidang Pengembangan difinalkan. 2 dikecualikan dengan alasan; kurva dinilai atas 1 dari 3 "
            "evaluasi unit. Pengecualian kurva distribusi dicatat."
        )
    ).to_be_visible()
    expect(page.get_by_text("Baru satu pegawai yang dinilai pada triwulan ini.")).to_be_visible()
    expect(page.get_by_text("Kurva dinilai atas 1 dari 3 evaluasi unit; 2 dikecualikan dengan alasan.")).to_be_visible()
    expect(page.get_by_text("Lainnya — Diperbantukan ke BPBD")).to_be_visible()

    # The ASN sees the final result and its document.
    masuk(page, url, org.staf_a1.nip)
    page.get_by_role("link", name="Kinerja Saya").click()
    page.get_by_role("row").filter(has_text=str(skenario.periode)).get_by_role("link", name="Dokumen").click()
    dokumen, lampiran = page.locator("article.dokumen-a4").first, page.locator("article.dokumen-lampiran")
    expect(dokumen).to_contain_text("DOKUMEN EVALUASI KINERJA PEGAWAI")
    expect(dokumen).to_contain_text("SANGAT BAIK")
    expect(dokumen).to_contain_text("ISTIMEWA")
    expect(lampiran).to_contain_text("Capaian RHK 88,67%")
    expect(lampiran).to_contain_text("Sangat baik dan konsisten.")
    expect(page.locator("main")).not_to_contain_text("DRAF")

    ev = EvaluasiKinerja.objects.get(periode=skenario.periode, pegawai=org.staf_a1)
    assert (ev.status, ev.predikat) == ("FINAL", "SANGAT_BAIK")
    assert ev.realisasi.filter(diisi_sebagai="PENGELOLA").count() == 3
    assert PengecualianKurva.objects.get().alasan == "Baru satu pegawai yang dinilai pada triwulan ini."
