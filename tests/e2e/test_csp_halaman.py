"""The Content Security Policy holds in a real browser: the main pages of every role load with no violation."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command

from demo import roster as demo_roster
from evaluasi.models import Aturan, Konsekuensi
from kinerja.models import SKP, EvaluasiKinerja, ImporRoster, Pegawai, Periode, UnitKerja
from kinerja.pegawai.services import _kunci_progres
from layanan.models import JenisLayanan, Permohonan
from tests.e2e.test_login_journey import isi_form_masuk
from tests.evaluasi.bantuan import pastikan_aturan_bawaan

pytestmark = pytest.mark.e2e

# Records every violation the page reports; added to the browser context, so it runs before any page script.
PENDENGAR_CSP = """
window.__pelanggaranCSP = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__pelanggaranCSP.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Pengamat:
    """Visits pages and collects CSP violations, CSP console errors and script errors, page by page."""

    def __init__(self, page, url):
        self.page, self.url, self.masalah, self.saat_ini = page, url, [], ""
        page.context.add_init_script(PENDENGAR_CSP)
        page.on("console", self._konsol)
        page.on("pageerror", lambda galat: self.masalah.append(f"{self.saat_ini}: galat skrip {galat}"))

    def _konsol(self, pesan):
        if "Content Security Policy" in pesan.text:
            self.masalah.append(f"{self.saat_ini}: konsol: {pesan.text}")

    def kunjungi(self, peran, path, status=200):
        self.saat_ini = f"{peran} {path}"
        response = self.page.goto(f"{self.url}{path}", wait_until="load")
        if response.status != status:
            self.masalah.append(f"{self.saat_ini}: HTTP {response.status}, diharapkan {status}")
        if "script-src 'self'" not in (response.headers.get("content-security-policy") or ""):
            self.masalah.append(f"{self.saat_ini}: tanpa header Content-Security-Policy")
        self.periksa()

    def periksa(self):
        for pelanggaran in self.page.evaluate("window.__pelanggaranCSP"):
            self.masalah.append(f"{self.saat_ini}: {pelanggaran}")
        self.page.evaluate("window.__pelanggaranCSP.length = 0")

    def masuk(self, username):
        self.page.context.clear_cookies()
        isi_form_masuk(self.page, self.url, username, demo_roster.KATA_SANDI_DEMO)
        self.page.wait_for_url(f"{self.url}/")
        self.saat_ini = f"{username} /"
        self.periksa()


@pytest.fixture
def seed_demo(transactional_db, settings):
    """Seed the demo data with N ASN; logins go the whole production path, throttling included."""
    settings.AXES_ENABLED = True

    def seed(jumlah=None):
        # The demo's outcomes come from the default rules, which an earlier transactional test may have flushed.
        pastikan_aturan_bawaan()
        call_command("seed_demo", "--pegawai", str(jumlah or demo_roster.jumlah_minimal()), stdout=StringIO())

    return seed


def halaman_per_peran():
    """The main pages of each demo login, with real ids from the seeded data."""
    pegawai = Pegawai.objects.get(nip=demo_roster.PEGAWAI.nip)
    evaluasi_saya = EvaluasiKinerja.objects.filter(pegawai=pegawai)
    evaluasi_final = evaluasi_saya.get(status=EvaluasiKinerja.Status.FINAL)
    evaluasi_terbuka = evaluasi_saya.exclude(status=EvaluasiKinerja.Status.FINAL).get()
    diajukan = EvaluasiKinerja.objects.filter(
        atasan__nip=demo_roster.ATASAN.nip, status=EvaluasiKinerja.Status.DIAJUKAN
    )[0]
    periode = Periode.objects.filter(status=Periode.Status.DIBUKA).first()
    dinkes = UnitKerja.objects.get(nama="Dinas Kesehatan")
    layanan = JenisLayanan.objects.first()
    permohonan = Permohonan.objects.filter(jenis_layanan=layanan).first()
    admin = get_user_model().objects.get(username="admin")
    impor = ImporRoster.objects.create(
        dibuat_oleh=admin, berkas="impor/roster.csv", nama_berkas="roster.csv", status=ImporRoster.Status.ANTRI
    )
    cache.set(_kunci_progres(impor.pk), {"persen": 40, "tahap": "Menulis baris"}, 600)
    return {
        demo_roster.PEGAWAI.nip: [
            "/kinerja/saya/",
            f"/kinerja/evaluasi/{evaluasi_terbuka.pk}/",
            f"/kinerja/evaluasi/{evaluasi_terbuka.pk}/rencana-aksi/",
            f"/kinerja/evaluasi/{evaluasi_final.pk}/",
            f"/kinerja/evaluasi/{evaluasi_final.pk}/dokumen/",
            f"/kinerja/skp/{SKP.objects.filter(pegawai=pegawai).first().pk}/",
            "/dasbor/saya/",
            "/aturan/saya/",
            "/profil-saya/",
            "/kinerja/notifikasi/",
            "/akun/kata-sandi/",
        ],
        demo_roster.ATASAN.nip: ["/tim-saya/", "/dasbor/tim/", f"/kinerja/evaluasi/{diajukan.pk}/nilai/"],
        demo_roster.PENGELOLA.nip: [
            "/pegawai/",
            f"/pegawai/{pegawai.pk}/",
            "/unit-kerja/",
            "/kinerja/periode/",
            f"/kinerja/periode/{periode.pk}/",
            f"/kinerja/periode/{periode.pk}/unit/{dinkes.pk}/",
            "/dasbor/organisasi/",
            "/aturan/",
            "/aturan/konsekuensi/",
            "/aturan/impor/",
            "/aturan/tpp/",
            "/layanan/permohonan/",
            "/layanan/rekap/",
        ],
        demo_roster.PETUGAS.nip: ["/layanan/loket/", "/layanan/permohonan/", f"/layanan/permohonan/{permohonan.pk}/"],
        "admin": [
            "/impor/",
            f"/impor/{impor.pk}/",
            "/aturan/baru/",
            f"/aturan/{Aturan.objects.first().pk}/ubah/",
            f"/aturan/konsekuensi/{Konsekuensi.objects.first().pk}/",
            "/kinerja/pengaturan/",
            "/admin/",
            "/admin/kinerja/pegawai/",
            f"/admin/kinerja/pegawai/{pegawai.pk}/change/",
            "/admin/kinerja/pegawai/export/",
            "/admin/axes/accessattempt/",
            f"/admin/layanan/jenislayanan/{layanan.pk}/change/",
        ],
    }


def test_the_main_pages_of_every_role_load_without_a_csp_violation(live_server, browser_page, seed_demo):
    # Enough ASN to give the demo Atasan a team with evaluations waiting for a rating.
    seed_demo(150)
    pengamat = Pengamat(browser_page, live_server.url)
    for username, daftar in halaman_per_peran().items():
        pengamat.masuk(username)
        for path in daftar:
            pengamat.kunjungi(username, path)
            if path.startswith("/dasbor/organisasi/"):
                # Chart.js really ran under the policy and drew the charts.
                assert browser_page.evaluate("Object.keys(Chart.instances).length") > 0
            if path.endswith("/export/"):
                # The one inline handler the policy allows by its hash: it must still run.
                browser_page.locator("input.select-toggle").first.click()
                kolom = browser_page.locator(".selectable-field-export-row input[type=checkbox]:not(.select-toggle)")
                assert kolom.count() > 1 and not any(k.is_checked() for k in kolom.all())
                pengamat.periksa()
            if path.startswith("/impor/") and path != "/impor/":
                bar = browser_page.locator("#progres-impor .progress-bar")
                assert bar.evaluate("(el) => el.style.width") == "40%"
    assert pengamat.masalah == []


def test_public_pages_and_the_lockout_page_load_without_a_csp_violation(live_server, browser_page, seed_demo):
    seed_demo()
    pengamat = Pengamat(browser_page, live_server.url)
    layanan = JenisLayanan.objects.first()
    for path in [
        "/",
        "/masuk/",
        "/layanan/ajukan/",
        f"/layanan/ajukan/?layanan={layanan.kode}",
        "/layanan/lacak/",
        "/layanan/ikm/",
        f"/layanan/ikm/{layanan.kode}/",
    ]:
        pengamat.kunjungi("anonim", path)
    pengamat.kunjungi("anonim", "/layanan/survei/tautan-lama/", status=404)
    # A receipt (its QR code is inline SVG), opened the way a citizen does: by tracking the request.
    permohonan = Permohonan.objects.select_related("jenis_layanan").first()
    pengamat.kunjungi("anonim", f"/layanan/lacak/?tiket={permohonan.nomor_tiket}")
    browser_page.get_by_label("4 digit terakhir NIK").fill(permohonan.nik[-4:])
    browser_page.get_by_role("button", name="Lacak").click()
    browser_page.get_by_role("link", name="Tanda terima").click()
    browser_page.locator("svg.qr-lacak").wait_for()
    pengamat.saat_ini = "anonim tanda terima"
    pengamat.periksa()
    for _ in range(5):
        isi_form_masuk(browser_page, live_server.url, demo_roster.PEGAWAI.nip, "bukan-sandinya")
    browser_page.get_by_text("Masuk dikunci sementara").wait_for()
    pengamat.saat_ini = "anonim halaman terkunci"
    pengamat.periksa()
    assert pengamat.masalah == []


def test_the_listener_does_catch_a_violation(live_server, browser_page, transactional_db):
    # Without this, a broken listener would pass every page above.
    pengamat = Pengamat(browser_page, live_server.url)
    pengamat.kunjungi("anonim", "/masuk/")
    browser_page.evaluate(
        """() => {
          const s = document.createElement("script");
          s.textContent = "window.__dijalankan = true";
          document.body.append(s);
          document.body.setAttribute("style", "color: red");
        }"""
    )
    browser_page.wait_for_function("window.__pelanggaranCSP.length >= 2")
    assert browser_page.evaluate("window.__dijalankan") is None
    pengamat.periksa()
    assert any("script-src" in m for m in pengamat.masalah)
    assert any("style-src-attr" in m for m in pengamat.masalah)
