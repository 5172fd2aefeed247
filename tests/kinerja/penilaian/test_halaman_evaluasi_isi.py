"""The realisation form: the ASN or HR on their behalf, evidence links and files, submitting, the version check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import LogAudit
from kinerja.models import EvaluasiKinerja, Pegawai, RealisasiIndikator
from kinerja.penilaian import services as svc
from tests.kinerja.penilaian.bantuan_evaluasi import INDIKATOR, Skenario

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _isian(ev, nilai, **tambahan):
    data = {"versi": ev.versi}
    for i, n in zip(ev.skp.rhk.get().indikator.order_by("urutan"), nilai, strict=True):
        data[f"realisasi_{i.pk}"] = n
        data[f"realisasi_{i.pk}_bukti_tautan"] = ""
    data.update(tambahan)
    return data


def _pesan(response):
    return [str(m) for m in response.context["messages"]]


def test_the_form_lists_every_indicator_with_target_and_evidence_fields(org, login):
    s = Skenario(org)
    html = login(org.staf_a1).get(reverse("evaluasi_isi", args=[s.evaluasi().pk])).content.decode()
    for uraian, _, target, satuan, _ in INDIKATOR:
        assert uraian in html and f"target {target} {satuan}" in html
    assert 'enctype="multipart/form-data"' in html and "Simpan dan ajukan ke atasan" in html
    assert "atas nama" not in html


def test_hr_fills_on_behalf_of_the_asn_which_is_recorded_as_such(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    client = login(org.hr_a)
    assert "atas nama Staf A Satu" in client.get(reverse("evaluasi_isi", args=[ev.pk])).content.decode()
    data = _isian(ev, ["10", "90", "12"])
    ind = ev.skp.rhk.get().indikator.order_by("urutan").first()
    data[f"realisasi_{ind.pk}_bukti_tautan"] = "https://drive.example.go.id/bukti/1"
    response = client.post(reverse("evaluasi_isi", args=[ev.pk]), data, follow=True)
    assert "Realisasi tersimpan." in _pesan(response)
    baris = RealisasiIndikator.objects.filter(evaluasi=ev)
    assert {(r.diisi_oleh, r.diisi_sebagai) for r in baris} == {(org.hr_a.user, "PENGELOLA")}
    assert sorted(str(r.capaian) for r in baris) == ["100.00", "76.00", "90.00"]
    assert baris.get(indikator=ind).bukti_tautan == "https://drive.example.go.id/bukti/1"
    assert "diisi pengelola atas nama pegawai" in client.get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()


def test_the_asn_uploads_a_file_and_submits_to_the_supervisor(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    ind = ev.skp.rhk.get().indikator.order_by("urutan").first()
    data = _isian(ev, ["10", "90", "12"])
    data[f"realisasi_{ind.pk}_bukti_berkas"] = SimpleUploadedFile("laporan.pdf", PDF, "application/pdf")
    response = login(org.staf_a1).post(reverse("evaluasi_ajukan", args=[ev.pk]), data, follow=True)
    assert "Evaluasi diajukan kepada Atasan A untuk dinilai." in _pesan(response)
    ev.refresh_from_db()
    assert ev.status == "DIAJUKAN"
    realisasi = RealisasiIndikator.objects.get(evaluasi=ev, indikator=ind)
    assert realisasi.diisi_sebagai == "PEGAWAI" and realisasi.bukti_berkas.name.endswith(".pdf")
    assert ev.atasan.user.notifikasi.filter(tautan=f"/kinerja/evaluasi/{ev.pk}/").exists()


def test_a_file_whose_content_is_not_its_type_is_shown_beside_its_field(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    ind = ev.skp.rhk.get().indikator.order_by("urutan").first()
    data = _isian(ev, ["10", "90", "12"])
    data[f"realisasi_{ind.pk}_bukti_berkas"] = SimpleUploadedFile("palsu.pdf", b"MZ bukan pdf", "application/pdf")
    response = login(org.staf_a1).post(reverse("evaluasi_isi", args=[ev.pk]), data)
    assert response.status_code == 200
    assert "bukan berkas PDF yang sah" in response.context["form"].errors[f"realisasi_{ind.pk}_bukti_berkas"][0]
    assert not RealisasiIndikator.objects.filter(evaluasi=ev).exists()


def test_a_negative_or_missing_value_is_a_field_error(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    response = login(org.staf_a1).post(reverse("evaluasi_isi", args=[ev.pk]), _isian(ev, ["-1", "", "12"]))
    galat = response.context["form"].errors
    assert len(galat) == 2 and all(k.startswith("realisasi_") for k in galat)
    assert not RealisasiIndikator.objects.filter(evaluasi=ev).exists()


def test_a_thousand_written_with_a_dot_is_explained(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    response = login(org.staf_a1).post(reverse("evaluasi_isi", args=[ev.pk]), _isian(ev, ["1.000", "90", "12"]))
    (pesan,) = response.context["form"].errors.values()
    assert pesan == [
        "Paling banyak 2 angka di belakang koma. Tulis desimal dengan koma (12,5) dan ribuan tanpa titik (1000)."
    ]
    assert not RealisasiIndikator.objects.filter(evaluasi=ev).exists()


def test_a_refused_submission_keeps_what_was_saved_and_explains(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    EvaluasiKinerja.objects.filter(pk=ev.pk).update(atasan=None)  # the PPK left the roster, nobody named since
    Pegawai.objects.filter(pk=org.staf_a1.pk).update(atasan=None)
    response = login(org.staf_a1).post(
        reverse("evaluasi_ajukan", args=[ev.pk]), _isian(ev, ["10", "90", "12"]), follow=True
    )
    pesan = _pesan(response)
    assert (
        "Evaluasi ini belum memiliki pejabat penilai kinerja. Pengelola kinerja dapat menetapkannya di halaman "
        "pegawai (Pejabat penilai kinerja)." in pesan
    )
    assert "Realisasi tersimpan, tetapi evaluasi belum diajukan." in pesan
    assert EvaluasiKinerja.objects.get(pk=ev.pk).status == "DRAFT"
    assert RealisasiIndikator.objects.filter(evaluasi=ev).count() == 3


def test_two_saves_with_the_same_version_keep_the_first_and_show_the_second_its_input(org, client):
    s = Skenario(org)
    ev = s.evaluasi()
    url = reverse("evaluasi_isi", args=[ev.pk])
    client.force_login(org.staf_a1.user)
    client.post(url, _isian(ev, ["5", "50", "6"]))
    client.force_login(org.hr_a.user)
    response = client.post(url, _isian(ev, ["9", "99", "9"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "sudah diubah oleh Staf A Satu pada" in html and "Muat ulang halaman" in html
    form = response.context["form"]
    assert sorted(form[n].value() for n in form.fields if n.startswith("realisasi_") and n.count("_") == 1) == [
        "9",
        "9",
        "99",
    ]
    assert sorted(RealisasiIndikator.objects.filter(evaluasi=ev).values_list("realisasi", flat=True)) == [5, 6, 50]


def test_an_evidence_file_is_served_only_to_those_who_see_the_evaluation(org, login, client):
    s = Skenario(org)
    ev = s.evaluasi()
    ind = ev.skp.rhk.get().indikator.order_by("urutan").first()
    berkas = SimpleUploadedFile("bukti.pdf", PDF, "application/pdf")
    svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, [svc.IsianRealisasi(ind.pk, 10, bukti_berkas=berkas)])
    realisasi = RealisasiIndikator.objects.get(evaluasi=ev)
    url = reverse("bukti_berkas", args=[realisasi.pk])
    for peran in ("staf_a1", "atasan_a", "hr_a", "admin"):
        orang = getattr(org, peran)
        client.force_login(getattr(orang, "user", orang))
        response = client.get(url)
        assert response.status_code == 200, peran
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf" and "inline" in response["Content-Disposition"]
    for peran in ("hr_b", "staf_a2", "petugas", "kepala"):
        client.force_login(getattr(org, peran).user)
        assert client.get(url).status_code == 404, peran
    client.logout()
    assert client.get(url).status_code == 302
    assert realisasi.bukti_berkas.url.startswith("/media/")
    assert client.get(realisasi.bukti_berkas.url).status_code == 404  # media is never served publicly


@pytest.mark.parametrize("halaman", ["evaluasi_isi", "evaluasi_nilai", "evaluasi_detail", "evaluasi_dokumen"])
def test_the_evaluation_pages_run_the_same_number_of_queries_with_3_and_30_indicators(
    org, login, django_assert_max_num_queries, halaman
):
    s = Skenario(org)
    s.ajukan()
    ev = s.evaluasi()
    rhk = ev.skp.rhk.get()
    client = login(org.atasan_a if halaman == "evaluasi_nilai" else org.hr_a)
    url = reverse(halaman, args=[ev.pk])
    hitung = []
    for tambahan in (0, 27):
        # Grown behind the services' back (the SKP is approved): this measures reads only.
        for i in range(tambahan):
            ind = rhk.indikator.create(uraian=f"Tambahan {i}", aspek="KUANTITAS", target=1, satuan="x", urutan=10 + i)
            RealisasiIndikator.objects.create(
                evaluasi=ev, indikator=ind, realisasi=1, diisi_sebagai="PEGAWAI", capaian=100
            )
        with django_assert_max_num_queries(22) as ctx:
            assert client.get(url).status_code == 200
        hitung.append(len(ctx.captured_queries))
    assert hitung[0] == hitung[1], hitung


def test_the_asn_writes_what_was_done_per_indicator_and_the_ppk_reads_it_beside_the_figure(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    ind = ev.skp.rhk.get().indikator.order_by("urutan").first()
    data = _isian(ev, ["10", "90", "12"], **{f"realisasi_{ind.pk}_narasi": "Menyusun 10 dokumen anjab bersama bidang."})
    client = login(org.staf_a1)
    assert "Uraian realisasi" in client.get(reverse("evaluasi_isi", args=[ev.pk])).content.decode()
    response = client.post(reverse("evaluasi_ajukan", args=[ev.pk]), data, follow=True)
    assert "Evaluasi diajukan kepada Atasan A untuk dinilai." in _pesan(response)
    assert RealisasiIndikator.objects.get(evaluasi=ev, indikator=ind).narasi == (
        "Menyusun 10 dokumen anjab bersama bidang."
    )
    halaman_ppk = login(org.atasan_a).get(reverse("evaluasi_nilai", args=[ev.pk])).content.decode()
    assert "Menyusun 10 dokumen anjab bersama bidang." in halaman_ppk
    jejak = LogAudit.objects.filter(aksi="evaluasi_realisasi").latest("pk")
    assert f"uraian realisasi: {ind}" in jejak.perubahan


def test_a_narrative_too_long_is_refused_and_nothing_is_saved(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    ind = ev.skp.rhk.get().indikator.order_by("urutan").first()
    data = _isian(ev, ["10", "90", "12"], **{f"realisasi_{ind.pk}_narasi": "x" * 2001})
    response = login(org.staf_a1).post(reverse("evaluasi_isi", args=[ev.pk]), data)
    assert response.status_code == 200
    assert "paling banyak 2000 karakter" in response.content.decode()
    assert not RealisasiIndikator.objects.filter(evaluasi=ev).exists()
