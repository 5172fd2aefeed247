"""The ASN: Kinerja Saya, the SKP editor (RHK, indicators, submit, copy), the dialog, acknowledgement, document."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.models import (
    SKP,
    DialogKinerja,
    EvaluasiKinerja,
    IndikatorKinerja,
    KinerjaOrganisasi,
    Notifikasi,
    RencanaHasilKerja,
)
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian import services_skp as svc_skp
from tests.kinerja.penilaian.bantuan_evaluasi import TAHUN, Skenario, skp_atasan

pytestmark = pytest.mark.django_db


def _pesan(response):
    return [str(m) for m in response.context["messages"]]


def test_kinerja_saya_lists_own_skp_and_evaluations(org, login):
    s = Skenario(org)
    response = login(org.staf_a1).get(reverse("kinerja_saya"))
    assert [e.pk for e in response.context["evaluasi"]] == [s.evaluasi().pk]
    assert [k.pk for k in response.context["skp"]] == [s.skp_a1.pk]
    html = response.content.decode()
    assert reverse("evaluasi_isi", args=[s.evaluasi().pk]) in html and "SKP 2026" in html


def test_an_account_without_a_pegawai_is_told_so(org, login):
    assert "belum terhubung" in login(org.admin).get(reverse("kinerja_saya")).content.decode()


def test_the_asn_writes_an_skp_and_submits_it(org, login):
    rhk_atasan = skp_atasan(org.atasan_a)
    client = login(org.staf_a1)
    response = client.post(reverse("kinerja_saya"), {"tahun": TAHUN}, follow=True)
    skp = SKP.objects.get(pegawai=org.staf_a1)
    assert response.redirect_chain[-1][0] == reverse("skp_detail", args=[skp.pk])
    page = client.get(reverse("skp_rhk_baru", args=[skp.pk]))
    assert (rhk_atasan.pk, rhk_atasan.uraian) in page.context["form"].fields["rhk_atasan"].choices
    client.post(
        reverse("skp_rhk_baru", args=[skp.pk]),
        {"uraian": "Tersusunnya laporan", "jenis": "UTAMA", "rhk_atasan": rhk_atasan.pk},
    )
    rhk = RencanaHasilKerja.objects.get(skp=skp)
    client.post(
        reverse("skp_indikator_baru", args=[rhk.pk]),
        {"uraian": "Jumlah laporan", "aspek": "KUANTITAS", "target": "4", "satuan": "dokumen"},
    )
    indikator = IndikatorKinerja.objects.get(rhk=rhk)
    client.post(
        reverse("skp_indikator_ubah", args=[rhk.pk, indikator.pk]),
        {"uraian": "Jumlah laporan", "aspek": "KUANTITAS", "target": "6", "satuan": "dokumen"},
    )
    assert IndikatorKinerja.objects.get(pk=indikator.pk).target == 6
    response = client.post(reverse("skp_ajukan", args=[skp.pk]), follow=True)
    assert "SKP diajukan kepada pejabat penilai kinerja." in _pesan(response)
    assert SKP.objects.get(pk=skp.pk).status == "DIAJUKAN"
    # Submitted: the editor is closed.
    assert client.get(reverse("skp_rhk_baru", args=[skp.pk])).status_code == 302


def test_an_incomplete_skp_is_not_submitted_and_says_why(org, login):
    client = login(org.staf_a1)
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    client.post(reverse("skp_rhk_baru", args=[skp.pk]), {"uraian": "Tanpa acuan", "jenis": "UTAMA"})
    response = client.post(reverse("skp_ajukan", args=[skp.pk]), follow=True)
    pesan = " ".join(_pesan(response))
    assert "belum memiliki indikator" in pesan and "belum mengacu pada RHK atasan" in pesan
    assert SKP.objects.get(pk=skp.pk).status == "DRAFT"


def test_an_rhk_citing_someone_elses_rhk_is_a_field_error(org, login):
    lain = skp_atasan(org.staf_b)
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    response = login(org.staf_a1).post(
        reverse("skp_rhk_baru", args=[skp.pk]), {"uraian": "x", "jenis": "UTAMA", "rhk_atasan": lain.pk}
    )
    assert "rhk_atasan" in response.context["form"].errors
    assert not RencanaHasilKerja.objects.filter(skp=skp).exists()


@pytest.mark.parametrize("target", ["0", "-5"])
def test_an_indicator_without_a_positive_target_is_a_field_error_said_once(org, login, target):
    rhk = skp_atasan(org.atasan_a)
    data = {"uraian": "Dokumen kajian", "aspek": "KUANTITAS", "target": target, "satuan": "dokumen"}
    response = login(org.atasan_a).post(reverse("skp_indikator_baru", args=[rhk.pk]), data)
    assert response.context["form"].errors["target"] == ["Target harus lebih dari 0."]
    html = response.content.decode()
    assert html.count("Target harus lebih dari 0.") == 1 and "indikator_target_positif" not in html
    assert not IndikatorKinerja.objects.filter(rhk=rhk).exists()


def test_a_target_of_zero_written_past_the_form_is_refused_in_indonesian(org):
    rhk = skp_atasan(org.atasan_a)
    indikator = IndikatorKinerja(rhk=rhk, uraian="x", aspek="KUANTITAS", target=0, satuan="dokumen")
    with pytest.raises(ValidationError) as info:
        indikator.full_clean()
    assert info.value.messages == ["Target harus lebih dari 0."]


def test_long_texts_are_refused_with_the_limit_and_nothing_is_saved(org, login):
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    response = login(org.staf_a1).post(reverse("skp_rhk_baru", args=[skp.pk]), {"uraian": "x" * 1001, "jenis": "UTAMA"})
    assert "paling banyak 1000 karakter" in response.context["form"].errors["uraian"][0]
    assert not RencanaHasilKerja.objects.filter(skp=skp).exists()


def test_the_asn_copies_last_years_skp_and_deletes_an_indicator_and_an_rhk(org, login):
    s = Skenario(org)
    client = login(org.staf_a1)
    client.post(reverse("kinerja_saya"), {"tahun": TAHUN + 1, "salin": "on"})
    baru = SKP.objects.get(pegawai=org.staf_a1, tahun=TAHUN + 1)
    rhk = baru.rhk.get()
    assert rhk.uraian == s.skp_a1.rhk.get().uraian and rhk.indikator.count() == 3
    client.post(reverse("skp_indikator_hapus", args=[rhk.indikator.first().pk]))
    assert rhk.indikator.count() == 2
    client.post(reverse("skp_rhk_hapus", args=[rhk.pk]))
    assert not baru.rhk.exists()
    response = client.post(reverse("kinerja_saya"), {"tahun": TAHUN + 1})
    assert "sudah ada" in response.context["form"].errors["tahun"][0]


def test_the_dialog_is_between_the_asn_and_their_supervisor(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    login(org.staf_a1).post(reverse("evaluasi_dialog", args=[ev.pk]), {"isi": "Mohon arahan"})
    login(org.atasan_a).post(reverse("skp_dialog", args=[s.skp_a1.pk]), {"isi": "Silakan"})
    assert list(DialogKinerja.objects.values_list("isi", flat=True)) == ["Mohon arahan", "Silakan"]
    assert org.atasan_a.user.notifikasi.filter(tautan=f"/kinerja/evaluasi/{ev.pk}/").exists()
    assert org.staf_a1.user.notifikasi.filter(tautan=f"/kinerja/skp/{s.skp_a1.pk}/").exists()
    html = login(org.hr_a).get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert "Mohon arahan" in html and "Kirim catatan" not in html
    assert login(org.hr_a).post(reverse("evaluasi_dialog", args=[ev.pk]), {"isi": "x"}).status_code == 403
    assert DialogKinerja.objects.count() == 2


def test_the_asn_acknowledges_the_final_result_once(org, login):
    s = Skenario(org)
    ev = s.ke_status("FINAL")
    client = login(org.staf_a1)
    assert (
        "Saya telah menerima hasil evaluasi ini"
        in client.get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    )
    client.post(reverse("evaluasi_akui", args=[ev.pk]), {"versi": ev.versi})
    ev = EvaluasiKinerja.objects.get(pk=ev.pk)
    assert ev.diakui_pada is not None and ev.status == "FINAL"
    html = client.get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert "Diterima pegawai pada" in html and "Saya telah menerima" not in html


def test_the_document_has_the_fields_of_the_regulation(org, login):
    s = Skenario(org)
    ev = s.ke_status("FINAL")
    response = login(org.staf_a1).get(reverse("evaluasi_dokumen", args=[ev.pk]))
    html = response.content.decode()
    for teks in (
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        "TRIWULAN I 2026",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "ATASAN PEJABAT PENILAI KINERJA",
        "Staf A Satu",
        "Atasan A",
        "Kepala Badan",
        "ISTIMEWA",
        "Predikat kinerja pegawai",
        "BAIK",
        "Pertahankan.",
        "Pelatihan analisis jabatan.",
        "Pejabat Penilai Kinerja,",
        "Pegawai yang Dinilai,",
        "css/dokumen.css",
        "data-cetak",
    ):
        assert teks in html, teks
    assert "DRAF" not in html
    assert "<script>" not in html  # no inline script: the print button is wired in static/js


def test_the_document_uses_the_nearest_ancestors_organisational_performance(org, login):
    s = Skenario(org)
    KinerjaOrganisasi.objects.filter(unit_kerja=org.bidang_a).delete()
    svc_periode.tetapkan_kinerja_organisasi(org.hr_a.user, s.periode.pk, org.opd_a.pk, "BAIK")
    ev = s.ke_status("DINILAI")
    html = login(org.atasan_a).get(reverse("evaluasi_dokumen", args=[ev.pk])).content.decode()
    assert "BAIK</strong>" in html and "Badan Kepegawaian Daerah" in html and "DRAF" in html


def test_the_print_stylesheet_is_a4():
    css = Path(finders.find("css/dokumen.css")).read_text()
    assert "@page" in css and "A4" in css and "@media print" in css


@pytest.mark.parametrize(("jumlah", "catatan"), [(6, False), (55, True)])
def test_the_notifications_page_says_it_shows_only_the_latest_50_when_it_does(client, org, jumlah, catatan):
    user = org.staf_a1.user
    Notifikasi.objects.bulk_create([Notifikasi(penerima=user, judul=f"Pemberitahuan {i}") for i in range(jumlah)])
    client.force_login(user)
    html = client.get(reverse("notifikasi_daftar")).content.decode()
    assert html.count("Pemberitahuan ") == min(jumlah, 50)
    assert ("Menampilkan 50 notifikasi terbaru" in html) is catatan


def test_the_history_names_a_changed_score_and_its_values_in_words(org, login):
    s = Skenario(org)
    s.nilai(hasil="SESUAI", perilaku="SESUAI")
    s.nilai(hasil="DI_ATAS", perilaku="DI_ATAS", alasan="Bukti tambahan diterima", sudah_diajukan=True)
    html = login(org.staf_a1).get(reverse("evaluasi_detail", args=[s.evaluasi().pk])).content.decode()
    assert "Rating hasil kerja: Sesuai Ekspektasi → Di Atas Ekspektasi" in html
    assert "Predikat kinerja: Baik → Sangat Baik" in html
    assert "DI_ATAS" not in html and "rating_hasil_kerja" not in html
