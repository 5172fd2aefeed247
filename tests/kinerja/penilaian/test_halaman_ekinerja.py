"""The e-Kinerja pages: upload → preview (columns read, mapping, conflicts, matrix flags) → confirm, who may open
them, the units' source page, and where an imported result shows (the evaluation, the ASN's page); with query
bounds."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.models import EvaluasiKinerja, UnitKerja
from kinerja.penilaian.models_ekinerja import ImporEkinerja
from tests.factories import EvaluasiKinerjaFactory, PegawaiFactory, PeriodeFactory
from tests.kinerja.penilaian.bantuan_ekinerja import baris, berkas, impor, unggah


@pytest.fixture
def tw1(db):
    return PeriodeFactory(tahun=2026, jenis="TRIWULANAN", nomor=1)


def _unggah_lewat_halaman(client, rows, judul=None, nama="hasil.xlsx"):
    data = berkas(rows, judul) if judul else berkas(rows)
    return client.post(reverse("impor_ekinerja"), {"berkas": SimpleUploadedFile(nama, data)}, follow=True)


def test_upload_preview_and_confirm_through_the_pages(org, tw1, login):
    client = login(org.admin)
    r = _unggah_lewat_halaman(client, [baris(org.staf_a1)])
    teks = r.content.decode()
    assert "Pratinjau impor e-Kinerja" in teks and "Kolom yang dibaca" in teks and "Konfirmasi impor" in teks
    job = ImporEkinerja.objects.get()
    r = client.post(reverse("impor_ekinerja_konfirmasi", args=[job.pk]), follow=True)
    assert "Impor hasil e-Kinerja selesai." in r.content.decode()
    assert EvaluasiKinerja.objects.get().sumber == "EKINERJA"


def test_a_refused_file_lists_its_errors_and_offers_no_confirmation(org, tw1, login):
    client = login(org.admin)
    teks = _unggah_lewat_halaman(client, [baris(org.staf_a1, predikat="Cukup")]).content.decode()
    assert "Berkas tidak dapat diimpor: 1 galat." in teks and "bukan predikat kinerja yang dikenal" in teks
    assert "Konfirmasi impor" not in teks


def test_the_mapping_form_reads_the_file_again_and_refuses_a_header_it_lacks(org, tw1, login):
    client = login(org.admin)
    judul = ["NIP", "Periode", "Nilai Akhir"]
    row = {"NIP": org.staf_a1.nip, "Periode": "Triwulan I 2026", "Nilai Akhir": "Baik"}
    teks = _unggah_lewat_halaman(client, [row], judul).content.decode()
    assert "Kolom wajib belum dikenali: <strong>Predikat</strong>" in teks
    job = ImporEkinerja.objects.get()
    url = reverse("impor_ekinerja_kolom", args=[job.pk])
    r = client.post(url, {"predikat": "Nilai Akhir", "periode": "Nilai Akhir"})
    assert r.status_code == 200 and "dipilih untuk lebih dari satu isian" in r.content.decode()
    r = client.post(url, {"nip": "NIP", "periode": "Periode", "predikat": "Nilai Akhir"}, follow=True)
    assert "Berkas dibaca ulang dengan pemetaan kolom Anda." in r.content.decode()
    job.refresh_from_db()
    assert not job.galat and job.ringkasan["kolom"]["predikat"] == "Nilai Akhir"


def test_the_preview_shows_both_results_and_which_wins(org, tw1, login):
    EvaluasiKinerjaFactory(
        pegawai=org.staf_a1, periode=tw1, status="DINILAI", rating_hasil_kerja="SESUAI", rating_perilaku_kerja="SESUAI"
    )
    job = unggah(org.admin, [baris(org.staf_a1)])
    teks = login(org.admin).get(reverse("impor_ekinerja_detail", args=[job.pk])).content.decode()
    assert 'id="daftar-bentrok"' in teks and "Dinilai, Baik" in teks and "Aplikasi ini</strong>" in teks


@pytest.mark.parametrize("siapa", ["staf_a1", "atasan_a", "petugas"])
def test_other_roles_get_403_on_every_e_kinerja_page(org, tw1, login, siapa):
    client = login(getattr(org, siapa))
    for url in (reverse("impor_ekinerja"), reverse("sumber_evaluasi"), reverse("templat_ekinerja", args=["csv"])):
        assert client.get(url).status_code == 403


def test_hr_staff_cannot_open_anothers_upload(org, tw1, login):
    job = unggah(org.hr_a.user, [baris(org.staf_a1)])
    client = login(org.hr_b)
    assert client.get(reverse("impor_ekinerja_detail", args=[job.pk])).status_code == 404
    assert client.post(reverse("impor_ekinerja_konfirmasi", args=[job.pk])).status_code == 404


def test_the_templates_download(org, login):
    client = login(org.admin)
    r = client.get(reverse("templat_ekinerja", args=["csv"]))
    assert r.status_code == 200 and r.content.decode("utf-8-sig").startswith("NIP;Nama;Periode;Tahun")
    assert client.get(reverse("templat_ekinerja", args=["xlsx"])).status_code == 200
    assert client.get(reverse("templat_ekinerja", args=["pdf"])).status_code == 404


def test_hr_sets_the_source_of_their_units_only(org, login):
    client = login(org.hr_a)
    teks = client.get(reverse("sumber_evaluasi")).content.decode()
    assert org.bidang_a.nama in teks and org.opd_b.nama not in teks
    r = client.post(reverse("sumber_evaluasi_ubah", args=[org.opd_a.pk]), {"sumber_evaluasi": "IMPOR"}, follow=True)
    assert "Diimpor dari e-Kinerja BKN" in r.content.decode()
    assert UnitKerja.objects.get(pk=org.opd_a.pk).sumber_evaluasi == "IMPOR"
    assert (
        client.post(reverse("sumber_evaluasi_ubah", args=[org.opd_b.pk]), {"sumber_evaluasi": "IMPOR"}).status_code
        == 403
    )
    assert UnitKerja.objects.get(pk=org.opd_b.pk).sumber_evaluasi == ""


def test_the_source_page_runs_a_fixed_number_of_queries(org, login, django_assert_max_num_queries):
    for i in range(20):
        UnitKerja.objects.create(kode=f"75.01.9{i:02d}", nama=f"Seksi {i}", induk=org.opd_a)
    client = login(org.hr_a)
    # The user and roles, the managed units, the tree, and the navbar bell.
    with django_assert_max_num_queries(6):
        r = client.get(reverse("sumber_evaluasi"))
    assert len(r.context["baris"]) == 22


def test_the_upload_and_preview_pages_run_a_fixed_number_of_queries(org, tw1, login, django_assert_max_num_queries):
    rows = [baris(PegawaiFactory(unit_kerja=org.bidang_a)) for _ in range(30)]
    job = unggah(org.admin, rows)
    unggah(org.admin, rows[:2])
    client = login(org.admin)
    with django_assert_max_num_queries(5):
        client.get(reverse("impor_ekinerja_detail", args=[job.pk]))
    with django_assert_max_num_queries(5):
        client.get(reverse("impor_ekinerja"))


def test_the_asn_sees_the_imported_result_on_the_evaluation_and_their_page(org, tw1, login):
    impor(org.admin, [baris(org.staf_a1, hasil="Sesuai Ekspektasi", perilaku="Sesuai Ekspektasi")])
    ev = EvaluasiKinerja.objects.get()
    client = login(org.staf_a1)
    teks = client.get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert "Hasil e-Kinerja BKN" in teks and "evaluasi resmi" in teks and "hasil-ekinerja.xlsx" in teks
    assert "Tidak sesuai matriks" in teks and "Saya telah menerima" not in teks
    assert "Dokumen evaluasi" not in teks
    assert "belum terhubung dengan SKP" not in teks and "Penilaian atasan" not in teks  # e-Kinerja's, not ours
    assert client.get(reverse("evaluasi_dokumen", args=[ev.pk])).status_code == 404
    teks = client.get(reverse("profil_saya")).content.decode()
    assert 'id="evaluasi-pegawai"' in teks and "e-Kinerja</span>" in teks and str(tw1) in teks
    teks = client.get(reverse("kinerja_saya")).content.decode()
    assert "Hasil e-Kinerja BKN" in teks and "e-Kinerja</span>" in teks
    assert reverse("evaluasi_dokumen", args=[ev.pk]) not in teks


def test_an_import_kept_beside_a_result_rated_here_shows_on_the_asns_page(org, tw1, login):
    EvaluasiKinerjaFactory(
        pegawai=org.staf_a1, periode=tw1, status="DINILAI", rating_hasil_kerja="SESUAI", rating_perilaku_kerja="SESUAI"
    )
    impor(org.admin, [baris(org.staf_a1)])
    teks = login(org.hr_a).get(reverse("detail_pegawai", args=[org.staf_a1.pk])).content.decode()
    assert "Hasil e-Kinerja disimpan di samping (tidak dipakai): Sangat Baik" in teks


def test_a_queued_import_shows_its_progress_until_the_worker_runs_it(org, tw1, login, settings):
    settings.EKINERJA_BACKGROUND_ROWS = 0
    job = unggah(org.admin, [baris(org.staf_a1)])
    client = login(org.admin)
    r = client.post(reverse("impor_ekinerja_konfirmasi", args=[job.pk]), follow=True)  # the worker not yet asked
    teks = r.content.decode()
    assert "Impor berjalan di latar belakang." in teks
    assert f'data-url="{reverse("impor_ekinerja_status", args=[job.pk])}"' in teks
    status = client.get(reverse("impor_ekinerja_status", args=[job.pk])).json()
    assert (status["status"], status["tahap"]) == ("antri", "Menunggu giliran")
    assert not EvaluasiKinerja.objects.exists()


def test_the_hr_list_of_a_period_marks_imported_results(org, tw1, login):
    impor(org.admin, [baris(org.staf_a1)])
    teks = login(org.hr_a).get(reverse("periode_detail", args=[tw1.pk])).content.decode()
    assert "Staf A Satu" in teks and 'title="Diimpor dari e-Kinerja BKN">e-Kinerja</span>' in teks
