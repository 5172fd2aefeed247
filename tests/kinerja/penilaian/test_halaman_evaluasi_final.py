"""A final evaluation cannot be changed through any page: every form refuses, and the database stays the same."""

import pytest
from django.urls import reverse

from kinerja.models import DialogKinerja, EvaluasiKinerja, PerilakuKerja, RealisasiIndikator, RiwayatEvaluasi
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.django_db


def _jejak(ev):
    return (
        EvaluasiKinerja.objects.filter(pk=ev.pk).values().get(),
        list(RealisasiIndikator.objects.filter(evaluasi=ev).values_list("realisasi", "bukti_tautan", "capaian")),
        list(PerilakuKerja.objects.filter(evaluasi=ev).values_list("nilai", "umpan_balik")),
        RiwayatEvaluasi.objects.filter(evaluasi=ev).count(),
    )


@pytest.mark.parametrize("peran", ["staf_a1", "atasan_a", "hr_a", "admin"])
def test_every_form_refuses_to_change_a_final_evaluation(org, client, peran):
    s = Skenario(org)
    ev = s.ke_status("FINAL")
    orang = getattr(org, peran)
    client.force_login(getattr(orang, "user", orang))
    sebelum = _jejak(ev)
    indikator = list(ev.skp.rhk.get().indikator.order_by("urutan"))
    isi = {"versi": ev.versi, **{f"realisasi_{i.pk}": "1" for i in indikator}}
    nilai = {
        "versi": ev.versi,
        "rating_hasil_kerja": "DI_BAWAH",
        "rating_perilaku_kerja": "DI_BAWAH",
        "alasan": "x",
        **{f"umpan_balik_rhk_{r.pk}": "x" for r in ev.skp.rhk.all()},
        **{f"perilaku_{n.value}": "x" for n in PerilakuKerja.Nilai},
    }
    unit = reverse("periode_unit", args=[s.periode.pk, org.bidang_a.pk])
    posts = [
        (reverse("evaluasi_isi", args=[ev.pk]), isi),
        (reverse("evaluasi_ajukan", args=[ev.pk]), isi),
        (reverse("evaluasi_nilai", args=[ev.pk]), nilai),
        (reverse("evaluasi_kembalikan", args=[ev.pk]), {"versi": ev.versi, "alasan": "x"}),
        (unit + "organisasi/", {"capaian": "KURANG"}),
        (unit + "finalkan/", {"alasan_pengecualian": "x", f"versi_{ev.pk}": ev.versi}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (200, 302, 403), url
        assert _jejak(ev) == sebelum, url
    # The forms show why when the role may use them.
    if peran == "hr_a":
        html = client.post(reverse("evaluasi_isi", args=[ev.pk]), isi).content.decode()
        assert "Tidak dapat mengisi realisasi evaluasi berstatus Final" in html
    if peran == "atasan_a":
        html = client.post(reverse("evaluasi_nilai", args=[ev.pk]), nilai).content.decode()
        assert "tidak sedang menunggu penilaian" in html


def test_the_pages_offer_no_change_buttons_on_a_final_evaluation(org, login):
    s = Skenario(org)
    ev = s.ke_status("FINAL")
    for orang in (org.staf_a1, org.atasan_a, org.hr_a):
        html = login(orang).get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
        assert reverse("evaluasi_isi", args=[ev.pk]) not in html
        assert reverse("evaluasi_nilai", args=[ev.pk]) not in html
    html = login(org.hr_a).get(reverse("evaluasi_isi", args=[ev.pk])).content.decode()
    assert "tidak dapat diisi lagi" in html and "Simpan dan ajukan" not in html


def test_the_dialog_still_works_on_a_final_evaluation(org, login):
    s = Skenario(org)
    ev = s.ke_status("FINAL")
    login(org.staf_a1).post(reverse("evaluasi_dialog", args=[ev.pk]), {"isi": "Terima kasih"})
    assert DialogKinerja.objects.get().isi == "Terima kasih"
