"""The access matrix: for every URL pattern of the project, what each role gets for GET and for POST.

How to read (and add) a row
---------------------------
    "url_name": baris("GET per role", "POST per role", kwarg="{key}", query="a={key}&b=1"),

- The key is the URL name with its namespace ("layanan:detail"); an unnamed pattern is keyed by its route.
- Each of the two strings has one code per role, in this column order:

      anonim  pegawai  atasan  hr_lain  hr_unit  petugas  admin

  anonim: not signed in · pegawai: staf_a1, who owns the unit's personal objects · atasan: atasan_a, staf_a1's
  PPK · hr_lain: Pengelola Kinerja of OPD B · hr_unit: Pengelola Kinerja of OPD A (the unit) · petugas: a
  Petugas Layanan of OPD A · admin: the Administrator (also the Django admin superuser, as in seed_demo).
- Codes: a status ("200", "403", "404", "405") or "L" (302 to a login page, the site's or the admin's) or "R"
  (302 anywhere else). A POST is sent with no data: a refused one (L, 403, 404, 405) must change nothing.
- URL kwargs are templates filled from the scene (tests/keamanan/skenario.py): "{evaluasi}" is the id of the
  unit's evaluation, and so on (Adegan.nilai lists the keys). `query` is appended as a query string.

Django admin's ModelAdmin pages are not listed one by one: `aturan_admin` gives every such page its row from
the page kind (changelist, add, change, delete, history, the object shortcut) and the model's kind below.
A named admin page listed in MATRIKS (e.g. the roster import, which sends to the app's own page) overrides it.
A pattern with neither an entry nor an admin rule fails the matrix test, naming the pattern.
"""

# ruff: noqa: E501 - one row per URL with aligned columns reads better than rows wrapped over several lines.

import re
from dataclasses import dataclass, field

PERAN = ("anonim", "pegawai", "atasan", "hr_lain", "hr_unit", "petugas", "admin")
DITOLAK = {"L", "403", "404", "405"}


@dataclass(frozen=True)
class Baris:
    get: tuple[str, ...]
    post: tuple[str, ...]
    argumen: dict = field(default_factory=dict)
    query: str = ""

    def harapan(self, metode: str) -> dict[str, str]:
        return dict(zip(PERAN, self.get if metode == "get" else self.post, strict=True))


def baris(get: str, post: str, query: str = "", **argumen) -> Baris:
    kode_get, kode_post = tuple(get.split()), tuple(post.split())
    assert len(kode_get) == len(kode_post) == len(PERAN), f"{get!r} / {post!r}: satu kode per peran"
    return Baris(kode_get, kode_post, argumen, query)


# fmt: off
MATRIKS = {
    # --- accounts ---------------------------------------------------------------------------------------------
    "login":                    baris("200 R R R R R R",             "200 R R R R R R"),
    "logout":                   baris("405 405 405 405 405 405 405", "L L L L L L L"),
    "password_change":          baris("L 200 200 200 200 200 200",   "L 200 200 200 200 200 200"),
    "password_change_done":     baris("L 200 200 200 200 200 200",   "L 405 405 405 405 405 405"),
    # A forgotten password needs no account; a made-up link shows the "link no longer valid" page to everyone.
    "password_reset":           baris("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "password_reset_done":      baris("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "password_reset_confirm":   baris("200 200 200 200 200 200 200", "200 200 200 200 200 200 200", uidb64="MQ", token="tautan-palsu"),
    "password_reset_complete":  baris("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    # --- roster (kinerja) -------------------------------------------------------------------------------------
    # The public front page for visitors, the dashboard for staff; the web-app manifest and the favicon.
    "beranda":                  baris("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "manifest":                 baris("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "favicon.ico":              baris("R R R R R R R",               "405 405 405 405 405 405 405"),
    "daftar_pegawai":           baris("L 403 403 200 200 403 200",   "L 403 403 200 200 403 200"),
    "detail_pegawai":           baris("L 200 200 404 200 404 200",   "L 200 200 404 200 404 200", pk="{pegawai}"),
    "pohon_unit":               baris("L 403 403 200 200 403 200",   "L 403 403 200 200 403 200"),
    "tim_saya":                 baris("L 403 200 403 403 403 403",   "L 403 200 403 403 403 403"),
    "profil_saya":              baris("L 200 200 200 200 200 200",   "L 200 200 200 200 200 200"),
    "impor_roster":             baris("L 403 403 403 403 403 200",   "L 403 403 403 403 403 200"),
    "impor_roster_detail":      baris("L 403 403 403 403 403 200",   "L 403 403 403 403 403 200", pk="{impor_roster}"),
    "impor_roster_konfirmasi":  baris("405 405 405 405 405 405 405", "L 403 403 403 403 403 R", pk="{impor_roster}"),
    "impor_roster_lembar":      baris("405 405 405 405 405 405 405", "L 403 403 403 403 403 R", pk="{impor_roster}"),
    "impor_roster_status":      baris("L 403 403 403 403 403 200",   "405 405 405 405 405 405 405", pk="{impor_roster}"),
    "templat_roster":           baris("L 403 403 403 403 403 200",   "405 405 405 405 405 405 405", format_berkas="xlsx"),
    "ekspor_roster":            baris("L 403 403 200 200 403 200",   "405 405 405 405 405 405 405", format_berkas="csv"),
    "ekspor_angka_kredit":      baris("L 403 403 200 200 403 200",   "405 405 405 405 405 405 405"),
    # Naming an ASN's appraisers: HR of the ASN's unit and administrators (an empty POST is the form with its errors).
    "pegawai_penilai":          baris("L 403 403 404 200 404 200",   "L 403 403 404 200 404 200", pegawai_pk="{pegawai}"),
    # --- evaluations: periods (HR and administrators; periods are province-wide) --------------------------------
    "periode_daftar":           baris("L 403 403 200 200 403 200",   "L 403 403 200 200 403 200"),
    "periode_detail":           baris("L 403 403 200 200 403 200",   "L 403 403 200 200 403 200", pk="{periode}"),
    # Closing a province-wide period takes managing every unit in it: neither OPD's Pengelola may, an administrator may.
    "periode_tutup":            baris("405 405 405 405 405 405 405", "L 403 403 403 403 403 R", pk="{periode}"),
    "periode_buka_kembali":     baris("405 405 405 405 405 405 405", "L 403 403 403 403 403 R", pk="{periode}"),
    "periode_buat_evaluasi":    baris("405 405 405 405 405 405 405", "L 403 403 R R 403 R", pk="{periode}"),
    "periode_ekspor":           baris("L 403 403 200 200 403 200",   "L 403 403 200 200 403 200", pk="{periode}"),
    "periode_unit":             baris("L 403 403 404 200 403 200",   "405 405 405 405 405 405 405", pk="{periode}", unit_pk="{unit}"),
    "periode_unit_organisasi":  baris("405 405 405 405 405 405 405", "L 403 403 404 200 403 200", pk="{periode}", unit_pk="{unit}"),
    "periode_unit_finalkan":    baris("405 405 405 405 405 405 405", "L 403 403 404 200 403 200", pk="{periode}", unit_pk="{unit}"),
    "pengaturan_kinerja":       baris("L 403 403 403 403 403 200",   "L 403 403 403 403 403 200"),
    # --- evaluations: one evaluation (staf_a1's, submitted to atasan_a) ------------------------------------------
    "evaluasi_detail":          baris("L 200 200 404 200 404 200",   "405 405 405 405 405 405 405", pk="{evaluasi}"),
    "evaluasi_dialog":          baris("405 405 405 405 405 405 405", "L 200 200 404 200 404 200", pk="{evaluasi}"),
    "evaluasi_akui":            baris("405 405 405 405 405 405 405", "L 200 200 404 200 404 200", pk="{evaluasi}"),
    "evaluasi_tarik":           baris("405 405 405 405 405 405 405", "L 200 200 404 200 404 200", pk="{evaluasi}"),
    "evaluasi_rencana_aksi":    baris("L 200 403 404 200 404 200",   "L 200 403 404 200 404 200", pk="{evaluasi}"),
    "evaluasi_isi":             baris("L 200 403 404 200 404 200",   "L 200 403 404 200 404 200", pk="{evaluasi}"),
    "evaluasi_ajukan":          baris("405 405 405 405 405 405 405", "L 200 403 404 200 404 200", pk="{evaluasi}"),
    "evaluasi_nilai":           baris("L 403 200 404 403 404 403",   "L 403 200 404 403 404 403", pk="{evaluasi}"),
    "evaluasi_kembalikan":      baris("405 405 405 405 405 405 405", "L 403 200 404 403 404 403", pk="{evaluasi}"),
    "evaluasi_dokumen":         baris("L 200 200 404 200 404 200",   "L 200 200 404 200 404 200", pk="{evaluasi}"),
    "bukti_berkas":             baris("L 200 200 404 200 404 200",   "L 200 200 404 200 404 200", pk="{realisasi}"),
    "evaluasi_berkas_penilaian": baris("L 200 200 404 200 404 200",  "405 405 405 405 405 405 405", pk="{evaluasi}"),
    "kinerja_saya":             baris("L 200 200 200 200 200 200",   "L 200 200 200 200 200 200"),
    # --- e-Kinerja results in: HR of the unit's upload (hr_a's); only its uploader maps, re-reads or confirms it --
    "impor_ekinerja":           baris("L 403 403 200 200 403 200",   "L 403 403 200 200 403 200"),
    "impor_ekinerja_detail":    baris("L 403 403 404 200 403 200",   "405 405 405 405 405 405 405", pk="{impor_ekinerja}"),
    "impor_ekinerja_kolom":     baris("405 405 405 405 405 405 405", "L 403 403 404 200 403 403", pk="{impor_ekinerja}"),
    "impor_ekinerja_lembar":    baris("405 405 405 405 405 405 405", "L 403 403 404 R 403 403", pk="{impor_ekinerja}"),
    "impor_ekinerja_konfirmasi": baris("405 405 405 405 405 405 405", "L 403 403 404 R 403 403", pk="{impor_ekinerja}"),
    "impor_ekinerja_status":    baris("L 403 403 404 200 403 200",   "405 405 405 405 405 405 405", pk="{impor_ekinerja}"),
    "templat_ekinerja":         baris("L 403 403 200 200 403 200",   "405 405 405 405 405 405 405", format_berkas="xlsx"),
    "sumber_evaluasi":          baris("L 403 403 200 200 403 200",   "405 405 405 405 405 405 405"),
    "sumber_evaluasi_ubah":     baris("405 405 405 405 405 405 405", "L 403 403 403 R 403 R", unit_pk="{unit}"),
    # --- SKP (staf_a1's approved one, and a draft of next year for the edit forms) ------------------------------
    "skp_buat_untuk":           baris("405 405 405 405 405 405 405", "L R 403 404 R 404 R", pegawai_pk="{pegawai}"),
    "skp_detail":               baris("L 200 200 404 200 404 200",   "405 405 405 405 405 405 405", pk="{skp}"),
    "skp_ajukan":               baris("405 405 405 405 405 405 405", "L R 403 404 R 404 R", pk="{skp}"),
    "skp_setujui":              baris("405 405 405 405 405 405 405", "L 403 R 404 403 404 403", pk="{skp}"),
    # Recording an outside appraiser's approval is HR's, and only where the PPK is outside the roster (not here).
    "skp_setujui_atas_nama":    baris("405 405 405 405 405 405 405", "L 403 403 404 403 404 403", pk="{skp}"),
    "skp_berkas_persetujuan":   baris("L 200 200 404 200 404 200",   "405 405 405 405 405 405 405", pk="{skp}"),
    "skp_kembalikan":           baris("405 405 405 405 405 405 405", "L 200 200 404 200 404 200", pk="{skp}"),
    "skp_dialog":               baris("405 405 405 405 405 405 405", "L 200 200 404 200 404 200", pk="{skp}"),
    "skp_ekspektasi":           baris("405 405 405 405 405 405 405", "L 403 R 404 403 404 403", pk="{skp}"),
    # The annex of the draft SKP: whoever edits the SKP; an empty POST saves the (empty) annex and goes back.
    "skp_lampiran":             baris("L 200 403 404 200 404 200",   "L R 403 404 R 404 R", pk="{skp_draf}"),
    "skp_rhk_baru":             baris("L 200 403 404 200 404 200",   "L 200 403 404 200 404 200", skp_pk="{skp_draf}"),
    "skp_rhk_ubah":             baris("L 200 403 404 200 404 200",   "L 200 403 404 200 404 200", skp_pk="{skp_draf}", pk="{rhk}"),
    "skp_rhk_hapus":            baris("405 405 405 405 405 405 405", "L R 403 404 R 404 R", pk="{rhk}"),
    "skp_indikator_baru":       baris("L 200 403 404 200 404 200",   "L 200 403 404 200 404 200", rhk_pk="{rhk}"),
    "skp_indikator_ubah":       baris("L 200 403 404 200 404 200",   "L 200 403 404 200 404 200", rhk_pk="{rhk}", pk="{indikator}"),
    "skp_indikator_hapus":      baris("405 405 405 405 405 405 405", "L R 403 404 R 404 R", pk="{indikator}"),
    # The matriks peran hasil of an RHK: whoever sees the SKP reads it, whoever edits the SKP divides it (an empty
    # POST is the form with its errors). The role is staf_a1's in atasan_a's RHK, whose SKP staf_a1 does not see;
    # it is settled (staf_a1's plan of that year is approved), so deleting it is refused with a message.
    "skp_rhk_peran":            baris("L 200 200 404 200 404 200",   "L 200 403 404 200 404 200", pk="{rhk}"),
    "skp_peran_hapus":          baris("405 405 405 405 405 405 405", "L 404 R 404 R 404 R", pk="{peran_hasil}"),
    # Drafting next year's RHK from a role of this year's matrix is refused with a message (another year's role).
    "skp_susun_dari_peran":     baris("405 405 405 405 405 405 405", "L R 403 404 R 404 R", pk="{skp_draf}", peran_pk="{peran_hasil}"),
    "skp_rhk_tinjau_atasan":    baris("405 405 405 405 405 405 405", "L R 403 404 R 404 R", pk="{rhk}"),
    # --- the daily progress log (staf_a1's entry of today, with an evidence file) -------------------------------
    # Every ASN has their own log (the administrator, not an ASN, gets the "no profile" page).
    "progres_harian":           baris("L 200 200 200 200 200 200",   "L 200 200 200 200 200 200"),
    "progres_ubah":             baris("L 200 404 404 404 404 404",   "L 200 404 404 404 404 404", pk="{progres}"),
    "progres_hapus":            baris("405 405 405 405 405 405 405", "L R 404 404 404 404 404", pk="{progres}"),
    "progres_berkas":           baris("L 200 200 404 200 404 200",   "405 405 405 405 405 405 405", pk="{progres}"),
    "progres_pegawai":          baris("L 200 200 404 200 404 200",   "405 405 405 405 405 405 405", pegawai_pk="{pegawai}"),
    # --- notifications (staf_a1's) ------------------------------------------------------------------------------
    "notifikasi_daftar":        baris("L 200 200 200 200 200 200",   "L 200 200 200 200 200 200"),
    "notifikasi_baca":          baris("L 405 405 405 405 405 405",   "L R R R R R R"),
    "notifikasi_buka":          baris("L 405 405 405 405 405 405",   "L R 404 404 404 404 404", pk="{notifikasi}"),
    # --- rules, outcomes, attendance, TPP (evaluasi) ------------------------------------------------------------
    # --- audit log (administrators only) ------------------------------------------------------------------------
    "audit:daftar":             baris("L 403 403 403 403 403 200",   "405 405 405 405 405 405 405"),
    "evaluasi:aturan_daftar":   baris("L 403 403 200 200 403 200",   "405 405 405 405 405 405 405"),
    "evaluasi:aturan_baru":     baris("L 403 403 403 403 403 200",   "L 403 403 403 403 403 200"),
    "evaluasi:aturan_ubah":     baris("L 403 403 403 403 403 200",   "L 403 403 403 403 403 200", pk="{aturan}"),
    "evaluasi:terapkan":        baris("L 403 403 403 403 403 200",   "L 403 403 403 403 403 200", query="periode={periode}"),
    "evaluasi:konsekuensi_daftar":   baris("L 403 403 200 200 403 200",   "405 405 405 405 405 405 405"),
    "evaluasi:konsekuensi_detail":   baris("L 200 200 404 200 404 200",   "405 405 405 405 405 405 405", pk="{konsekuensi}"),
    "evaluasi:konsekuensi_putuskan": baris("405 405 405 405 405 405 405", "L 403 403 404 403 404 R", pk="{konsekuensi}"),
    "evaluasi:konsekuensi_saya":     baris("L 200 200 200 200 200 200",   "405 405 405 405 405 405 405"),
    # An attendance import is its uploader's (hr_a's) own job: nobody else, not even an administrator, opens it.
    "evaluasi:impor":           baris("L 403 403 200 200 403 200",   "L 403 403 200 200 403 200"),
    "evaluasi:impor_detail":    baris("L 403 403 404 200 403 404",   "405 405 405 405 405 405 405", pk="{impor_fakta}"),
    "evaluasi:impor_konfirmasi": baris("405 405 405 405 405 405 405", "L 403 403 404 R 403 404", pk="{impor_fakta}"),
    "evaluasi:impor_lembar":    baris("405 405 405 405 405 405 405", "L 403 403 404 R 403 404", pk="{impor_fakta}"),
    "evaluasi:impor_templat":   baris("L 403 403 200 200 403 200",   "405 405 405 405 405 405 405", jenis="kehadiran", format_berkas="xlsx"),
    "evaluasi:kehadiran_isi":   baris("L 403 403 200 200 403 200",   "L 403 403 200 200 403 200"),
    "evaluasi:tpp":             baris("L 403 403 200 200 403 200",   "405 405 405 405 405 405 405", query="unit={unit}&tahun={tahun}&bulan={bulan}"),
    "evaluasi:tpp_ekspor":      baris("L 403 403 404 200 403 200",   "405 405 405 405 405 405 405", query="unit={unit}&tahun={tahun}&bulan={bulan}"),
    "evaluasi:tpp_kunci":       baris("405 405 405 405 405 405 405", "L 403 403 R R 403 R"),
    # --- dashboards (rekap) -------------------------------------------------------------------------------------
    "rekap:dasbor":             baris("L R R R R R R",               "L R R R R R R"),
    "rekap:organisasi":         baris("L 403 403 404 200 403 200",   "L 403 403 404 200 403 200", query="unit={unit}"),
    "rekap:tim":                baris("L 403 200 403 403 403 403",   "L 403 200 403 403 403 403"),
    "rekap:saya":               baris("L 200 200 200 200 200 200",   "L 200 200 200 200 200 200"),
    # --- public service (layanan): citizens need no account; the request is OPD A's, served by `petugas` --------
    "layanan:ajukan":           baris("200 200 200 200 200 200 200", "200 200 200 200 200 200 200", query="layanan={kode_layanan}"),
    # A receipt opens for the browser that sent or tracked the request (none here) and for staff who see it.
    "layanan:tanda_terima":     baris("404 404 404 404 200 200 200", "405 405 405 405 405 405 405", nomor_tiket="{tiket}"),
    "layanan:lacak":            baris("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "layanan:survei":           baris("200 200 200 200 200 200 200", "200 200 200 200 200 200 200", token="{token_survei}"),
    "layanan:hasil_ikm":        baris("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "layanan:hasil_ikm_layanan": baris("200 200 200 200 200 200 200", "200 200 200 200 200 200 200", kode="{kode_layanan}"),
    "layanan:loket":            baris("L 403 403 403 403 200 403",   "L 403 403 403 403 200 403"),
    "layanan:daftar":           baris("L 403 200 200 200 200 200",   "L 403 200 200 200 200 200"),
    "layanan:detail":           baris("L 404 404 404 200 200 200",   "L 404 404 404 200 200 200", pk="{permohonan}"),
    # The citizen's documents: the officers and HR of the unit offering the service, never heads or supervisors.
    "layanan:berkas_persyaratan": baris("L 404 404 404 200 200 200", "405 405 405 405 405 405 405", pk="{permohonan}", berkas_pk="{berkas_persyaratan}"),
    "layanan:ubah_status":      baris("L 405 405 405 405 405 405",   "L 404 404 404 403 R 403", pk="{permohonan}"),
    "layanan:rekap":            baris("L 403 200 200 200 403 200",   "L 403 200 200 200 403 200"),
    # --- Django admin: the site's own pages (ModelAdmin pages follow aturan_admin) ------------------------------
    "admin:index":              baris("L L L L L L 200",             "L L L L L L 200"),
    "admin:login":              baris("200 200 200 200 200 200 R",   "200 200 200 200 200 200 200"),
    "admin:logout":             baris("R R R R R R 405",             "R R R R R R L"),
    "admin:password_change":    baris("L L L L L L 200",             "L L L L L L 200"),
    "admin:password_change_done": baris("L L L L L L 200",           "L L L L L L 405"),
    "admin:autocomplete":       baris("L L L L L L 403",             "L L L L L L 405"),
    "admin:jsi18n":             baris("L L L L L L 200",             "L L L L L L 405"),
    "admin:view_on_site":       baris("L L L L L L 404",             "L L L L L L 404", content_type_id="{jenis_pegawai}", object_id="{pegawai}"),
    "admin:app_list":           baris("L L L L L L 200",             "L L L L L L 200", app_label="kinerja"),
    "admin/(?P<url>.*)$":       baris("L L L L L L 404",             "L L L L L L 404", url="tidak-ada/"),
    # The roster is imported through the app's own page (preview, all-or-nothing); admin's import sends there.
    "admin:kinerja_pegawai_import":         baris("L L L L L L R",   "L L L L L L R"),
    "admin:kinerja_pegawai_process_import": baris("L L L L L L R",   "L L L L L L R"),
    "admin:kinerja_pegawai_export":         baris("L L L L L L 200", "L L L L L L 200"),
}
# fmt: on

# Models whose records change only through the app's services (state machines, the audit trail): the admin
# shows them but cannot add, change or delete them.
ADMIN_HANYA_BACA = {
    "evaluasi.daftartpp",
    "kinerja.evaluasikinerja",
    "kinerja.hasilekinerja",
    "kinerja.imporekinerja",
    "kinerja.skp",
    "kinerja.kinerjaorganisasi",
    "kinerja.pengecualiankurva",
    "kinerja.notifikasi",
    "evaluasi.konsekuensi",
    "audit.logaudit",
    "rekap.statusrekap",
    "layanan.permohonan",
    "layanan.surveikepuasan",
}
# Import jobs (uploaded through the app's pages only) and django-axes' login records (written by the login): the
# admin may look at them and delete them (deleting an attempt lifts its lockout).
ADMIN_JEJAK_IMPOR = {
    "kinerja.imporroster",
    "evaluasi.imporfakta",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}
# Settings kept in one row: edited, never added or deleted.
ADMIN_TUNGGAL = {"kinerja.pengaturankinerja", "evaluasi.pengaturantpp"}

# What the administrator gets on each kind of ModelAdmin page, per kind of model: (GET, POST).
_ADMIN_HALAMAN = {
    "changelist": {"ubah": ("200", "200"), "baca": ("200", "200"), "impor": ("200", "200"), "tunggal": ("200", "200")},
    "add": {"ubah": ("200", "200"), "baca": ("403", "403"), "impor": ("403", "403"), "tunggal": ("403", "403")},
    # The import jobs' fields are all read-only: saving the change form stores nothing and goes back to the list.
    "change": {"ubah": ("200", "200"), "baca": ("200", "403"), "impor": ("200", "R"), "tunggal": ("200", "200")},
    "delete": {"ubah": ("200", "200"), "baca": ("403", "403"), "impor": ("200", "200"), "tunggal": ("403", "403")},
    "history": {"ubah": ("200", "200"), "baca": ("200", "200"), "impor": ("200", "200"), "tunggal": ("200", "200")},
    # /admin/<app>/<model>/<id>/ redirects to the change page.
    "objek": {"ubah": ("R", "R"), "baca": ("R", "R"), "impor": ("R", "R"), "tunggal": ("R", "R")},
}


def _jenis_model(label: str) -> str:
    if label in ADMIN_HANYA_BACA:
        return "baca"
    if label in ADMIN_JEJAK_IMPOR:
        return "impor"
    if label in ADMIN_TUNGGAL:
        return "tunggal"
    return "ubah"


def aturan_admin(rute: str, nama: str | None) -> Baris | None:
    """The row of a ModelAdmin page from its route: admin/<app>/<model>/[<id>/][add/|change/|delete/|history/].
    Everyone but the superuser is sent to the admin's login page. None if the route is not such a page."""
    bagian = rute.split("/")
    if len(bagian) < 4 or bagian[0] != "admin" or bagian[1].startswith("("):
        return None
    label, sisa = f"{bagian[1]}.{bagian[2]}", "/".join(bagian[3:])
    halaman = {
        "": "changelist",
        "add/": "add",
        "<path:object_id>/change/": "change",
        "<path:object_id>/delete/": "delete",
        "<path:object_id>/history/": "history",
        "<path:object_id>/": "objek",
        "<id>/password/": "change",
    }.get(sisa)
    if halaman is None or (nama is None) != (halaman == "objek"):
        return None
    get, post = _ADMIN_HALAMAN[halaman][_jenis_model(label)]
    # The row's id comes from the scene's row of the page's model (Adegan.objek_admin).
    kwargs = {nama_id: "{admin_objek}" for nama_id in re.findall(r"<(?:\w+:)?(\w+)>", sisa)}
    return baris(f"L L L L L L {get}", f"L L L L L L {post}", **kwargs)


def baris_untuk(kunci: str, rute: str, nama: str | None) -> Baris | None:
    """The pattern's row: its entry in MATRIKS, else the admin rule; None when it has neither."""
    return MATRIKS.get(kunci) or aturan_admin(rute, nama)
