"""Evaluation pages against other units' and other people's ids: POSTs change nothing.

Which role gets which status on every page is the access matrix's (tests/keamanan/matriks.py); here are the
scenes it does not hold: a colleague, the supervisor's supervisor, HR rating, the ASN approving their own SKP.
The scene (bantuan_evaluasi.Skenario): staf_a1 (bidang A, PPK atasan_a) has submitted the evaluation of an open
period; hr_a manages OPD A, hr_b OPD B.
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
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian import services_skp as svc_skp
from tests.kinerja.penilaian.bantuan_evaluasi import TAHUN, Skenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def adegan(org):
    """The scene: staf_a1's submitted evaluation, and a draft SKP of next year (its forms are open)."""
    s = Skenario(org)
    s.ke_status("DIAJUKAN")
    svc_skp.salin_skp_tahun_lalu(org.staf_a1.user, org.staf_a1.pk, TAHUN + 1)
    return s


def _user(org, peran):
    orang = getattr(org, peran)
    return getattr(orang, "user", orang)


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
            reverse("evaluasi_ajukan", args=[ev.pk]),
            {"versi": ev.versi, f"realisasi_{indikator.pk}": "1"},
        ),
        (reverse("evaluasi_kembalikan", args=[ev.pk]), {"versi": ev.versi, "alasan": "x"}),
        (reverse("evaluasi_dialog", args=[ev.pk]), {"isi": "halo"}),
        (reverse("evaluasi_akui", args=[ev.pk]), {"versi": ev.versi}),
        (reverse("skp_kembalikan", args=[s.skp_a1.pk]), {"alasan": "x"}),
        (reverse("skp_setujui", args=[s.skp_a1.pk]), {}),
        (reverse("skp_rhk_ubah", args=[s.skp_a1.pk, rhk.pk]), {"uraian": "diubah", "jenis": "UTAMA"}),
        (reverse("skp_rhk_hapus", args=[rhk.pk]), {}),
        (
            reverse("skp_indikator_baru", args=[rhk.pk]),
            {"uraian": "x", "aspek": "KUANTITAS", "target": "1", "satuan": "x"},
        ),
        (reverse("skp_indikator_hapus", args=[indikator.pk]), {}),
        (reverse("periode_unit_organisasi", args=[s.periode.pk, s.org.bidang_a.pk]), {"capaian": "KURANG"}),
        (
            reverse("periode_unit_finalkan", args=[s.periode.pk, s.org.bidang_a.pk]),
            {"alasan_pengecualian": "x"},
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
        if "/unit/" in url or "notifikasi" in url:
            continue
        assert client.post(url, data).status_code in (403, 404, 405), url
    assert _jejak() == sebelum


def test_hr_of_the_unit_cannot_rate_and_the_asn_cannot_rate_themself(adegan, org, client):
    ev = adegan.evaluasi()
    sebelum = _jejak()
    for peran in ("hr_a", "staf_a1", "admin"):
        client.force_login(_user(org, peran))
        data = {"versi": ev.versi, "alasan": "x"}
        assert client.post(reverse("evaluasi_kembalikan", args=[ev.pk]), data).status_code == 403
    assert _jejak() == sebelum


def test_the_asn_cannot_approve_their_own_skp_nor_close_a_period(adegan, org, client):
    client.force_login(org.staf_a1.user)
    draf = SKP.objects.get(pegawai=org.staf_a1, tahun=TAHUN + 1)
    sebelum = _jejak()
    assert client.post(reverse("skp_setujui", args=[draf.pk])).status_code == 403
    assert client.post(reverse("periode_tutup", args=[adegan.periode.pk])).status_code == 403
    assert client.post(reverse("periode_daftar"), {}).status_code == 403
    assert client.post(reverse("pengaturan_kinerja"), {"batas_capaian": "150"}).status_code == 403
    assert _jejak() == sebelum


def test_only_an_administrator_reopens_a_period(adegan, org, client):
    svc_periode.tutup_periode(org.admin, adegan.periode.pk)
    client.force_login(org.hr_a.user)
    assert client.post(reverse("periode_buka_kembali", args=[adegan.periode.pk]), {"alasan": "x"}).status_code == 403
    assert Periode.objects.get(pk=adegan.periode.pk).status == "DITUTUP"
