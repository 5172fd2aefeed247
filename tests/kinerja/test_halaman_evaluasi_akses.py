"""Who may open which evaluation page: every page against every role, and other units' ids by POST change nothing.

The scene (bantuan_evaluasi.Skenario): staf_a1 (bidang A, PPK atasan_a) has submitted the evaluation of an open
period; hr_a manages OPD A, hr_b OPD B. An id the user may not see is a 404; a page of a role they lack is a 403.
"""

import pytest
from django.urls import reverse

from kinerja.models import (
    SKP,
    EvaluasiKinerja,
    IndikatorKinerja,
    KinerjaOrganisasi,
    Notifikasi,
    Periode,
    RencanaHasilKerja,
)
from kinerja.penilaian import services as svc
from tests.kinerja.bantuan_evaluasi import TAHUN, Skenario

pytestmark = pytest.mark.django_db

PERAN = ["staf_a1", "atasan_a", "hr_b", "hr_a", "petugas", "admin"]


def _status(**per_peran):
    assert set(per_peran) == set(PERAN)
    return per_peran


STAF_SAJA = _status(staf_a1=403, atasan_a=403, hr_b=200, hr_a=200, petugas=403, admin=200)
# Pages of staf_a1's evaluation or SKP: the ASN, their PPK, HR of the unit and administrators see them.
MILIK_STAF_A1 = _status(staf_a1=200, atasan_a=200, hr_b=404, hr_a=200, petugas=404, admin=200)
PENGISI = _status(staf_a1=200, atasan_a=403, hr_b=404, hr_a=200, petugas=404, admin=200)

HALAMAN = {
    "periode_daftar": STAF_SAJA,
    "periode_detail": STAF_SAJA,
    "periode_ekspor": STAF_SAJA,
    "periode_unit": _status(staf_a1=403, atasan_a=403, hr_b=404, hr_a=200, petugas=403, admin=200),
    "pengaturan_kinerja": _status(staf_a1=403, atasan_a=403, hr_b=403, hr_a=403, petugas=403, admin=200),
    "evaluasi_detail": MILIK_STAF_A1,
    "evaluasi_isi": PENGISI,
    "evaluasi_nilai": _status(staf_a1=403, atasan_a=200, hr_b=404, hr_a=403, petugas=404, admin=403),
    "evaluasi_dokumen": MILIK_STAF_A1,
    "kinerja_saya": dict.fromkeys(PERAN, 200),
    "skp_detail": MILIK_STAF_A1,
    "skp_rhk_baru": PENGISI,
    "skp_rhk_ubah": PENGISI,
    "skp_indikator_baru": PENGISI,
    "skp_indikator_ubah": PENGISI,
    "notifikasi_daftar": dict.fromkeys(PERAN, 200),
    "tim_saya": _status(staf_a1=403, atasan_a=200, hr_b=403, hr_a=403, petugas=403, admin=403),
}


@pytest.fixture
def adegan(org):
    """The scene, and every page's URL in it."""
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    # A draft SKP of next year, so the RHK and indicator forms are open.
    draf = svc.salin_skp_tahun_lalu(org.staf_a1.user, org.staf_a1.pk, TAHUN + 1)
    rhk = draf.rhk.get()
    indikator = rhk.indikator.first()
    args = {
        "periode_detail": [s.periode.pk],
        "periode_ekspor": [s.periode.pk],
        "periode_unit": [s.periode.pk, org.bidang_a.pk],
        "evaluasi_detail": [ev.pk],
        "evaluasi_isi": [ev.pk],
        "evaluasi_nilai": [ev.pk],
        "evaluasi_dokumen": [ev.pk],
        "skp_detail": [s.skp_a1.pk],
        "skp_rhk_baru": [draf.pk],
        "skp_rhk_ubah": [draf.pk, rhk.pk],
        "skp_indikator_baru": [rhk.pk],
        "skp_indikator_ubah": [rhk.pk, indikator.pk],
    }
    s.url = {nama: reverse(nama, args=args.get(nama, [])) for nama in HALAMAN}
    return s


def _user(org, peran):
    orang = getattr(org, peran)
    return getattr(orang, "user", orang)


@pytest.mark.parametrize("halaman", sorted(HALAMAN))
def test_anonymous_is_sent_to_the_login_page(adegan, client, halaman):
    url = adegan.url[halaman]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(
    "halaman, peran, status",
    [(h, p, st) for h, per_peran in sorted(HALAMAN.items()) for p, st in per_peran.items()],
)
def test_each_role_gets_the_expected_status(adegan, org, client, halaman, peran, status):
    client.force_login(_user(org, peran))
    assert client.get(adegan.url[halaman]).status_code == status


@pytest.mark.parametrize(
    "url_name",
    ["periode_tutup", "periode_buka_kembali", "periode_buat_evaluasi", "notifikasi_baca"],
)
def test_post_only_actions_refuse_get(adegan, org, client, url_name):
    client.force_login(org.admin)
    args = [] if url_name == "notifikasi_baca" else [adegan.periode.pk]
    assert client.get(reverse(url_name, args=args)).status_code == 405


def _jejak():
    """A fingerprint of everything the pages can write, to show that a refused request changed nothing."""
    return (
        list(EvaluasiKinerja.objects.order_by("pk").values_list("pk", "status", "versi", "predikat", "catatan")),
        list(SKP.objects.order_by("pk").values_list("pk", "status")),
        list(RencanaHasilKerja.objects.order_by("pk").values_list("pk", "uraian")),
        list(IndikatorKinerja.objects.order_by("pk").values_list("pk", "uraian", "target")),
        list(Periode.objects.order_by("pk").values_list("pk", "status")),
        list(KinerjaOrganisasi.objects.order_by("pk").values_list("pk", "capaian")),
        Notifikasi.objects.filter(dibaca_pada__isnull=True).count(),
    )


def _post_lain_unit(s):
    """POSTs of every evaluation form against OPD A's objects, as hr_b (OPD B) would send them."""
    ev = s.evaluasi()
    rhk = s.skp_a1.rhk.get()
    indikator = rhk.indikator.first()
    notif = Notifikasi.objects.filter(penerima=s.org.atasan_a.user).first()
    return [
        (
            reverse("evaluasi_isi", args=[ev.pk]),
            {"versi": ev.versi, f"realisasi_{indikator.pk}": "1", "aksi": "ajukan"},
        ),
        (reverse("evaluasi_nilai", args=[ev.pk]), {"versi": ev.versi, "aksi": "kembalikan", "alasan": "x"}),
        (reverse("evaluasi_detail", args=[ev.pk]), {"aksi": "dialog", "isi": "halo"}),
        (reverse("evaluasi_detail", args=[ev.pk]), {"aksi": "akui", "versi": ev.versi}),
        (reverse("skp_detail", args=[s.skp_a1.pk]), {"aksi": "kembalikan", "alasan": "x"}),
        (reverse("skp_detail", args=[s.skp_a1.pk]), {"aksi": "setujui"}),
        (reverse("skp_rhk_ubah", args=[s.skp_a1.pk, rhk.pk]), {"uraian": "diubah", "jenis": "UTAMA"}),
        (reverse("skp_rhk_hapus", args=[rhk.pk]), {}),
        (
            reverse("skp_indikator_baru", args=[rhk.pk]),
            {"uraian": "x", "aspek": "KUANTITAS", "target": "1", "satuan": "x"},
        ),
        (reverse("skp_indikator_hapus", args=[indikator.pk]), {}),
        (reverse("periode_unit", args=[s.periode.pk, s.org.bidang_a.pk]), {"aksi": "organisasi", "capaian": "KURANG"}),
        (
            reverse("periode_unit", args=[s.periode.pk, s.org.bidang_a.pk]),
            {"aksi": "finalkan", "alasan_pengecualian": "x"},
        ),
        (reverse("bukti_berkas", args=[ev.realisasi.first().pk]), {}),
        (reverse("notifikasi_buka", args=[notif.pk]), {}),
    ]


def test_another_units_objects_are_not_found_by_id_and_nothing_changes(adegan, org, client):
    client.force_login(org.hr_b.user)
    sebelum = _jejak()
    for url, data in _post_lain_unit(adegan):
        response = client.post(url, data)
        assert response.status_code in (404, 405), url
        if response.status_code == 405:
            assert client.get(url).status_code == 404, url
    assert _jejak() == sebelum


@pytest.mark.parametrize("peran", ["staf_a2", "petugas", "kepala"])
def test_a_colleague_or_the_supervisors_supervisor_finds_nothing_either(adegan, org, client, peran):
    client.force_login(_user(org, peran))
    sebelum = _jejak()
    for url, data in _post_lain_unit(adegan):
        if "periode_unit" in url or "notifikasi" in url:
            continue
        assert client.post(url, data).status_code in (403, 404, 405), url
    assert _jejak() == sebelum


def test_hr_of_the_unit_cannot_rate_and_the_asn_cannot_rate_themself(adegan, org, client):
    ev = adegan.evaluasi()
    sebelum = _jejak()
    for peran in ("hr_a", "staf_a1", "admin"):
        client.force_login(_user(org, peran))
        data = {"versi": ev.versi, "aksi": "kembalikan", "alasan": "x"}
        assert client.post(reverse("evaluasi_nilai", args=[ev.pk]), data).status_code == 403
    assert _jejak() == sebelum


def test_the_asn_cannot_approve_their_own_skp_nor_close_a_period(adegan, org, client):
    client.force_login(org.staf_a1.user)
    draf = SKP.objects.get(pegawai=org.staf_a1, tahun=TAHUN + 1)
    sebelum = _jejak()
    assert client.post(reverse("skp_detail", args=[draf.pk]), {"aksi": "setujui"}).status_code == 403
    assert client.post(reverse("periode_tutup", args=[adegan.periode.pk])).status_code == 403
    assert client.post(reverse("periode_daftar"), {}).status_code == 403
    assert client.post(reverse("pengaturan_kinerja"), {"batas_capaian": "150"}).status_code == 403
    assert _jejak() == sebelum


def test_only_an_administrator_reopens_a_period(adegan, org, client):
    svc.tutup_periode(org.hr_a.user, adegan.periode.pk)
    client.force_login(org.hr_a.user)
    assert client.post(reverse("periode_buka_kembali", args=[adegan.periode.pk]), {"alasan": "x"}).status_code == 403
    assert Periode.objects.get(pk=adegan.periode.pk).status == "DITUTUP"
