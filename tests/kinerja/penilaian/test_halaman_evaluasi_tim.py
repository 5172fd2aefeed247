"""The supervisor: Tim Saya's evaluation section, the review form, returning, and the SKP review."""

import pytest
from django.urls import reverse

from kinerja.models import SKP, EvaluasiKinerja, PerilakuKerja, UmpanBalikRHK
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian import services_skp as svc_skp
from kinerja.penilaian.forms import PANDUAN_BERAKHLAK
from tests.factories import pegawai_dengan_akun
from tests.kinerja.penilaian.bantuan_evaluasi import TAHUN, Skenario, buka_periode, skp_atasan

pytestmark = pytest.mark.django_db

URL_TIM = reverse("tim_saya")


def _penilaian(ev, hasil="DI_ATAS", perilaku="DI_ATAS", **tambahan):
    data = {
        "versi": ev.versi,
        "rating_hasil_kerja": hasil,
        "rating_perilaku_kerja": perilaku,
        "catatan": "Kinerja sangat baik.",
        "rekomendasi_pengembangan": "Diklat kepemimpinan.",
    }
    data.update({f"umpan_balik_rhk_{r.pk}": "Target tercapai." for r in ev.skp.rhk.all()})
    data.update({f"perilaku_{n.value}": f"Baik dalam {n.label}." for n in PerilakuKerja.Nilai})
    data.update(tambahan)
    return data


def test_the_team_shows_each_subordinates_evaluation_state_and_next_step(org, login):
    s = Skenario(org)
    s.ke_status("DIAJUKAN", org.staf_a1)
    response = login(org.atasan_a).get(URL_TIM)
    anggota = {a.pegawai: a for a in response.context["halaman_anggota"]}
    assert anggota[org.staf_a1].menunggu_saya and anggota[org.staf_a1].evaluasi.status == "DIAJUKAN"
    assert anggota[org.staf_a2].langkah_berikutnya == "Pegawai mengisi realisasi dan mengajukan"
    html = response.content.decode()
    assert "Menunggu penilaian Anda" in html
    assert reverse("evaluasi_nilai", args=[s.evaluasi().pk]) in html
    assert response.context["periode"] == s.periode


def test_the_team_shows_the_chosen_period(org, login):
    Skenario(org)
    lain = buka_periode(org.hr_a.user, nomor=2)
    response = login(org.atasan_a).get(URL_TIM, {"periode": lain.pk})
    assert response.context["periode"] == lain
    assert {a.evaluasi for a in response.context["halaman_anggota"]} == {None}
    assert "Evaluasi periode ini belum dibuat" in response.content.decode()
    assert login(org.atasan_a).get(URL_TIM).context["periode"] == lain  # the latest open one by default


def test_the_team_page_runs_the_same_number_of_queries_with_3_and_30_subordinates(
    org, login, django_assert_max_num_queries
):
    s = Skenario(org)
    atasan = pegawai_dengan_akun(unit_kerja=org.bidang_a, atasan=org.kepala, nama="Atasan Tim")
    client = login(atasan)
    hitung, jumlah = [], 0
    for n in (3, 27):
        jumlah += n
        for i in range(n):
            pegawai_dengan_akun(unit_kerja=org.bidang_a, atasan=atasan, nama=f"Anggota {n}-{i:02d}")
        svc_periode.buat_evaluasi_periode(org.hr_a.user, s.periode.pk, [org.bidang_a.pk])
        # Session, user, groups, own Pegawai with "has subordinates", the team's count and page, the periods, the
        # page's evaluations, the SKP awaiting approval, and the bell.
        with django_assert_max_num_queries(10) as ctx:
            response = client.get(URL_TIM)
        hitung.append(len(ctx.captured_queries))
        assert len(response.context["halaman_anggota"]) == jumlah
    assert hitung[0] == hitung[1], hitung


def test_the_review_form_shows_the_evidence_beside_the_berakhlak_guidance(org, login):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    html = login(org.atasan_a).get(reverse("evaluasi_nilai", args=[ev.pk])).content.decode()
    assert "Bukti kuantitatif" in html and "88,67%" in html and "76,00%" in html
    for nilai, panduan in PANDUAN_BERAKHLAK.items():
        assert nilai.label in html and panduan in html
    assert "Rating hasil kerja" in html and "Rating perilaku kerja" in html and "Kembalikan" in html


def test_the_supervisor_rates_and_sees_the_predikat(org, login):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    response = login(org.atasan_a).post(reverse("evaluasi_nilai", args=[ev.pk]), _penilaian(ev), follow=True)
    assert "Evaluasi dinilai. Predikat kinerja: Sangat Baik." in [str(m) for m in response.context["messages"]]
    assert response.redirect_chain[-1][0] == reverse("evaluasi_detail", args=[ev.pk])
    ev.refresh_from_db()
    assert (ev.status, ev.predikat, ev.catatan) == ("DINILAI", "SANGAT_BAIK", "Kinerja sangat baik.")
    assert UmpanBalikRHK.objects.get(evaluasi=ev).umpan_balik == "Target tercapai."
    assert ev.perilaku.count() == 7
    assert "Sangat Baik" in response.content.decode()


def test_missing_feedback_is_shown_beside_each_field_and_nothing_changes(org, login):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    data = _penilaian(ev, perilaku_LOYAL="", rating_hasil_kerja="")
    response = login(org.atasan_a).post(reverse("evaluasi_nilai", args=[ev.pk]), data)
    assert set(response.context["form"].errors) == {"perilaku_LOYAL", "rating_hasil_kerja"}
    assert response.context["form"]["catatan"].value() == "Kinerja sangat baik."
    assert EvaluasiKinerja.objects.get(pk=ev.pk).status == "DIAJUKAN"


def test_re_rating_asks_for_a_reason(org, login):
    s = Skenario(org)
    ev = s.ke_status("DINILAI")
    client = login(org.atasan_a)
    response = client.post(reverse("evaluasi_nilai", args=[ev.pk]), _penilaian(ev))
    assert "alasan" in response.context["form"].errors
    client.post(reverse("evaluasi_nilai", args=[ev.pk]), _penilaian(ev, alasan="Bukti tambahan diterima"))
    ev.refresh_from_db()
    assert ev.predikat == "SANGAT_BAIK" and ev.riwayat.filter(alasan="Bukti tambahan diterima").exists()


def test_the_supervisor_returns_with_a_reason(org, login):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    client = login(org.atasan_a)
    url = reverse("evaluasi_kembalikan", args=[ev.pk])
    response = client.post(url, {"versi": ev.versi, "alasan": ""})
    assert "alasan" in response.context["form_kembali"].errors
    client.post(url, {"versi": ev.versi, "alasan": "Lampirkan laporan"})
    ev.refresh_from_db()
    assert (ev.status, ev.alasan_pengembalian) == ("DIKEMBALIKAN", "Lampirkan laporan")
    html = login(org.staf_a1).get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert "Dikembalikan oleh atasan" in html and "Lampirkan laporan" in html


def test_two_reviews_with_the_same_version_keep_the_first(org, login):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    client = login(org.atasan_a)
    url = reverse("evaluasi_nilai", args=[ev.pk])
    client.post(url, _penilaian(ev, "SESUAI", "SESUAI"))
    response = client.post(url, _penilaian(ev, "DI_BAWAH", "DI_BAWAH", alasan="ubah"))
    html = response.content.decode()
    assert "sudah diubah oleh Atasan A" in html and "Muat ulang halaman" in html
    assert response.context["form"]["rating_hasil_kerja"].value() == "DI_BAWAH"
    assert EvaluasiKinerja.objects.get(pk=ev.pk).predikat == "BAIK"


def _skp_diajukan(org):
    rhk_atasan = skp_atasan(org.atasan_a)
    user = org.staf_a1.user
    skp = svc_skp.buat_skp(user, org.staf_a1.pk, TAHUN)
    rhk = svc_skp.simpan_rhk(user, skp.pk, uraian="Tersusunnya laporan", rhk_atasan_id=rhk_atasan.pk)
    svc_skp.simpan_indikator(user, rhk.pk, uraian="Laporan", aspek="KUANTITAS", target=4, satuan="dokumen")
    return svc_skp.ajukan_skp(user, skp.pk)


def test_the_supervisor_approves_a_submitted_skp_from_the_team_page(org, login):
    skp = _skp_diajukan(org)
    client = login(org.atasan_a)
    assert reverse("skp_detail", args=[skp.pk]) in client.get(URL_TIM).content.decode()
    assert "Setujui SKP" in client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    client.post(reverse("skp_setujui", args=[skp.pk]))
    skp.refresh_from_db()
    assert skp.status == "DISETUJUI" and skp.disetujui_oleh == org.atasan_a.user


def test_the_supervisor_returns_an_skp_with_a_reason(org, login):
    skp = _skp_diajukan(org)
    client = login(org.atasan_a)
    response = client.post(reverse("skp_kembalikan", args=[skp.pk]), {"alasan": " "})
    assert "alasan" in response.context["form_kembali"].errors
    client.post(reverse("skp_kembalikan", args=[skp.pk]), {"alasan": "Target terlalu rendah"})
    skp = SKP.objects.get(pk=skp.pk)
    assert (skp.status, skp.alasan_pengembalian) == ("DIKEMBALIKAN", "Target terlalu rendah")
