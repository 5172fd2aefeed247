"""Importing e-Kinerja results (services_ekinerja): preview then confirm, all-or-nothing with row errors in
Indonesian, tolerant headers and a column mapping, the matrix flag, who wins against an evaluation rated here, the
history, HR's scope, read-only imported results, the background run and the management command."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from audit.models import LogAudit
from core.errors import NotPermitted, WrongState
from kinerja.models import EvaluasiKinerja, HasilEkinerja, ImporEkinerja, Notifikasi, RiwayatEvaluasi
from kinerja.penilaian import services as svc_evaluasi
from kinerja.penilaian import services_ekinerja as svc
from tests.factories import EvaluasiKinerjaFactory, PeriodeFactory
from tests.kinerja.penilaian.bantuan_ekinerja import JUDUL, baris, berkas, impor, unggah


@pytest.fixture
def tw1(db):
    return PeriodeFactory(tahun=2026, jenis="TRIWULANAN", nomor=1)


def test_preview_writes_nothing_and_confirming_makes_the_final_evaluation_of_record(org, tw1):
    job = unggah(org.admin, [baris(org.staf_a1), baris(org.staf_a2, hasil="Sesuai Ekspektasi", predikat="Baik")])
    assert job.status == "pratinjau" and not job.galat
    assert (job.ringkasan["jumlah_baru"], job.ringkasan["jumlah_dipakai"]) == (2, 2)
    assert not EvaluasiKinerja.objects.exists() and not HasilEkinerja.objects.exists()

    job = svc.konfirmasi_impor_ekinerja(org.admin, job.pk)
    assert job.status == "selesai"
    ev = EvaluasiKinerja.objects.get(pegawai=org.staf_a1, periode=tw1)
    assert (ev.status, ev.sumber, ev.predikat, ev.rating_hasil_kerja) == ("FINAL", "EKINERJA", "SANGAT_BAIK", "DI_ATAS")
    assert EvaluasiKinerja.objects.get(pegawai=org.staf_a2).predikat == "BAIK"
    hasil = HasilEkinerja.objects.get(pegawai=org.staf_a1)
    assert (hasil.dipakai, hasil.impor_id, hasil.diimpor_oleh) == (True, job.pk, org.admin)
    riwayat = RiwayatEvaluasi.objects.get(evaluasi=ev)
    assert (riwayat.aksi, riwayat.ke_status, riwayat.oleh) == ("DIIMPOR", "FINAL", org.admin)
    assert "hasil-ekinerja.xlsx" in riwayat.alasan
    assert LogAudit.objects.filter(aksi="ekinerja_diimpor", objek_id=job.pk).exists()
    assert svc.konfirmasi_impor_ekinerja(org.admin, job.pk).status == "selesai"  # a second confirmation: no-op


def test_importing_the_same_file_again_changes_nothing(org, tw1):
    impor(org.admin, [baris(org.staf_a1)])
    ulang = impor(org.admin, [baris(org.staf_a1)])
    r = ulang.ringkasan
    assert (r["jumlah_baru"], r["jumlah_diubah"], r["jumlah_tidak_berubah"]) == (0, 0, 1)
    assert RiwayatEvaluasi.objects.count() == 1
    assert HasilEkinerja.objects.get().impor_id != ulang.pk  # the row still names the file it came from


def test_one_bad_row_refuses_the_whole_file_with_every_error_by_row_in_indonesian(org, tw1):
    rows = [
        baris(org.staf_a1),
        baris(org.staf_a2, predikat="Cukup"),
        {**baris(org.staf_b), "NIP": "199001012015031999"},
        baris(org.kepala, periode="Triwulan II 2026"),
        baris(org.staf_a1),
        baris(org.atasan_a, hasil="Istimewa"),
    ]
    job = unggah(org.admin, rows)
    pesan = {(g["baris"], g["kolom"]): g["pesan"] for g in job.galat}
    assert "'Cukup' bukan predikat kinerja yang dikenal" in pesan[(3, "Predikat")]
    assert pesan[(4, "NIP")] == "NIP 199001012015031999 tidak ada di roster pegawai."
    assert "Periode Triwulan II 2026 belum dibuka" in pesan[(5, "Periode")]
    assert "sudah ada di baris 2" in pesan[(6, "NIP")]
    assert "'Istimewa' bukan rating" in pesan[(7, "Rating Hasil Kerja")]
    assert svc.konfirmasi_impor_ekinerja(org.admin, job.pk).status == "pratinjau"
    assert not EvaluasiKinerja.objects.exists() and not HasilEkinerja.objects.exists()


def test_headers_are_recognised_whatever_their_case_spacing_and_other_names(org, tw1):
    judul = ["NIP BARU", "nama_pegawai", "PERIODE PENILAIAN", "hasil kerja", "Perilaku  Kerja", "PREDIKAT KINERJA"]
    row = dict(zip(judul, baris(org.staf_a1).values(), strict=True))
    job = unggah(org.admin, [row], judul)
    assert not job.galat
    assert job.ringkasan["kolom"]["nip"] == "NIP BARU"
    assert job.ringkasan["kolom"]["predikat"] == "PREDIKAT KINERJA"


def test_a_required_column_the_file_names_otherwise_is_mapped_by_the_user(org, tw1):
    judul = ["NIP", "Periode", "Nilai Akhir"]
    job = unggah(
        org.admin, [{"NIP": org.staf_a1.nip, "Periode": "Tahun 2026 Triwulan 1", "Nilai Akhir": "Baik"}], judul
    )
    assert job.ringkasan["kolom_belum"] == ["predikat"]
    assert job.galat[0]["pesan"] == "Kolom wajib 'Predikat' tidak ada di baris judul."
    assert job.ringkasan["judul_berkas"] == judul

    with pytest.raises(ValidationError) as galat:
        svc.petakan_kolom_ekinerja(org.admin, job.pk, {"predikat": "Tidak Ada"})
    assert "tidak ada di baris judul" in str(galat.value)
    with pytest.raises(ValidationError, match="lebih dari satu isian"):
        svc.petakan_kolom_ekinerja(org.admin, job.pk, {"predikat": "Nilai Akhir", "tahun": "Nilai Akhir"})

    job = svc.petakan_kolom_ekinerja(org.admin, job.pk, {"predikat": "Nilai Akhir"})
    assert job.galat == [] and job.pemetaan == {"Nilai Akhir": "predikat"}
    assert job.ringkasan["kolom"]["predikat"] == "Nilai Akhir"
    svc.konfirmasi_impor_ekinerja(org.admin, job.pk)
    assert EvaluasiKinerja.objects.get(pegawai=org.staf_a1).predikat == "BAIK"


def test_a_predikat_against_the_matrix_is_flagged_and_kept_as_e_kinerja_gave_it(org, tw1):
    job = unggah(org.admin, [baris(org.staf_a1, hasil="Sesuai Ekspektasi", perilaku="Sesuai Ekspektasi")])
    assert job.ringkasan["jumlah_tidak_sesuai"] == 1
    (flag,) = job.ringkasan["tidak_sesuai"]
    assert "memberi Baik" in flag["catatan_matriks"]
    svc.konfirmasi_impor_ekinerja(org.admin, job.pk)
    assert EvaluasiKinerja.objects.get(pegawai=org.staf_a1).predikat == "SANGAT_BAIK"
    assert "memberi Baik" in HasilEkinerja.objects.get().catatan_matriks


def test_a_unit_evaluating_here_keeps_its_rated_evaluation_and_the_import_is_kept_beside_it(org, tw1):
    lokal = EvaluasiKinerjaFactory(
        pegawai=org.staf_a1, periode=tw1, status="DINILAI", rating_hasil_kerja="SESUAI", rating_perilaku_kerja="SESUAI"
    )
    job = unggah(org.admin, [baris(org.staf_a1)])
    (bentrok,) = job.ringkasan["bentrok"]
    assert (bentrok["lokal_status"], bentrok["lokal_predikat"], bentrok["predikat"]) == (
        "Dinilai",
        "Baik",
        "Sangat Baik",
    )
    assert not bentrok["pakai_impor"] and "Unit menilai di aplikasi ini" in bentrok["alasan"]
    svc.konfirmasi_impor_ekinerja(org.admin, job.pk)
    lokal.refresh_from_db()
    assert (lokal.status, lokal.sumber, lokal.predikat) == ("DINILAI", "LOKAL", "BAIK")
    hasil = HasilEkinerja.objects.get()
    assert (hasil.dipakai, hasil.predikat) == (False, "SANGAT_BAIK")
    (riwayat,) = RiwayatEvaluasi.objects.filter(evaluasi=lokal)
    assert riwayat.aksi == "DIIMPOR" and riwayat.ke_status == ""
    assert riwayat.alasan.startswith("Hasil e-Kinerja disimpan di samping, tidak dipakai: Sangat Baik.")


def test_in_a_unit_importing_from_e_kinerja_the_import_wins_and_the_local_state_is_kept_in_the_history(org, tw1):
    svc.simpan_sumber_evaluasi(org.admin, org.opd_a.pk, "IMPOR")  # bidang A inherits it
    lokal = EvaluasiKinerjaFactory(pegawai=org.staf_a1, periode=tw1, status="DIAJUKAN")
    tautan = reverse("evaluasi_detail", args=[lokal.pk])
    minta = Notifikasi.objects.create(
        penerima=org.atasan_a.user, judul="Menunggu penilaian", tautan=tautan, tindakan="NILAI_EVALUASI"
    )
    job = unggah(org.admin, [baris(org.staf_a1, predikat="Sangat Baik")])
    (bentrok,) = job.ringkasan["bentrok"]
    assert bentrok["pakai_impor"] and "Unit memakai hasil e-Kinerja" in bentrok["alasan"]
    svc.konfirmasi_impor_ekinerja(org.admin, job.pk)
    lokal.refresh_from_db()
    assert (lokal.status, lokal.sumber, lokal.predikat, lokal.versi) == ("FINAL", "EKINERJA", "SANGAT_BAIK", 2)
    hasil = HasilEkinerja.objects.get()
    assert (hasil.dipakai, hasil.lokal_status) == (True, "DIAJUKAN")
    riwayat = RiwayatEvaluasi.objects.get(evaluasi=lokal, aksi="DIIMPOR")
    assert (riwayat.dari_status, riwayat.ke_status) == ("DIAJUKAN", "FINAL")
    minta.refresh_from_db()
    assert minta.dibaca_pada is not None  # the appraiser is no longer asked to rate it


def test_a_final_evaluation_rated_here_is_never_changed_by_an_import(org, tw1):
    svc.simpan_sumber_evaluasi(org.admin, org.opd_a.pk, "IMPOR")
    lokal = EvaluasiKinerjaFactory(
        pegawai=org.staf_a1, periode=tw1, status="FINAL", rating_hasil_kerja="SESUAI", rating_perilaku_kerja="SESUAI"
    )
    impor(org.admin, [baris(org.staf_a1)])
    lokal.refresh_from_db()
    assert (lokal.sumber, lokal.predikat) == ("LOKAL", "BAIK")
    assert HasilEkinerja.objects.get().dipakai is False


def test_a_newer_import_replaces_the_result_and_the_history_keeps_the_old_values(org, tw1):
    impor(org.admin, [baris(org.staf_a1)])
    job = unggah(org.admin, [baris(org.staf_a1, hasil="Sesuai Ekspektasi", predikat="Baik")])
    (diubah,) = job.ringkasan["diubah"]
    assert {"kolom": "Predikat", "lama": "Sangat Baik", "baru": "Baik"} in diubah["perubahan"]
    svc.konfirmasi_impor_ekinerja(org.admin, job.pk)
    ev = EvaluasiKinerja.objects.get()
    assert (ev.predikat, ev.rating_hasil_kerja, ev.versi) == ("BAIK", "SESUAI", 2)
    ubah = {r.field: (r.nilai_lama, r.nilai_baru) for r in RiwayatEvaluasi.objects.filter(aksi="NILAI_DIUBAH")}
    assert ubah == {"predikat": ("SANGAT_BAIK", "BAIK"), "rating_hasil_kerja": ("DI_ATAS", "SESUAI")}
    log = LogAudit.objects.get(aksi="ekinerja_diimpor", objek_id=job.pk)
    assert {"kolom": "Predikat", "lama": "Sangat Baik", "baru": "Baik"} in log.ringkasan["diubah"][0]["perubahan"]


def test_hr_staff_import_only_the_asn_of_their_units(org, tw1):
    job = unggah(org.hr_b.user, [baris(org.staf_b), baris(org.staf_a1)])
    (galat,) = job.galat
    assert (galat["baris"], galat["kolom"]) == (3, "NIP") and "bukan pegawai unit kerja yang Anda kelola" in galat[
        "pesan"
    ]
    impor(org.hr_b.user, [baris(org.staf_b)])
    assert EvaluasiKinerja.objects.get().pegawai == org.staf_b


def test_other_roles_cannot_import_or_set_a_units_source(org, tw1):
    with pytest.raises(NotPermitted):
        unggah(org.staf_a1.user, [baris(org.staf_a1)])
    with pytest.raises(NotPermitted):
        svc.simpan_sumber_evaluasi(org.hr_b.user, org.opd_a.pk, "IMPOR")
    with pytest.raises(ValidationError):
        svc.simpan_sumber_evaluasi(org.admin, org.opd_a.pk, "LAINNYA")


def test_an_imported_evaluation_is_read_only_here(org, tw1):
    impor(org.admin, [baris(org.staf_a1)])
    ev = EvaluasiKinerja.objects.get()
    assert svc_evaluasi.aksi_tersedia(org.staf_a1.user, ev) == set()
    with pytest.raises(WrongState, match="hasil impor e-Kinerja"):
        svc_evaluasi.akui_evaluasi(org.staf_a1.user, ev.pk, ev.versi)


def test_a_large_file_is_imported_by_the_worker(org, tw1, settings, django_capture_on_commit_callbacks):
    settings.EKINERJA_BACKGROUND_ROWS = 1
    job = unggah(org.admin, [baris(org.staf_a1), baris(org.staf_a2)])
    with django_capture_on_commit_callbacks(execute=True):
        antri = svc.konfirmasi_impor_ekinerja(org.admin, job.pk)
    assert antri.status == "antri"  # the page shows the progress bar; the (eager) worker has run it since
    job.refresh_from_db()
    assert job.status == "selesai" and EvaluasiKinerja.objects.filter(sumber="EKINERJA").count() == 2


def test_the_management_command_imports_through_the_same_path(org, tw1, tmp_path):
    path = tmp_path / "hasil.csv"
    path.write_bytes(berkas([baris(org.staf_a1)], JUDUL, "csv"))
    call_command("impor_ekinerja", str(path), "--oleh", "admin", "--dry-run")
    assert not EvaluasiKinerja.objects.exists()
    call_command("impor_ekinerja", str(path), "--oleh", "admin")
    assert EvaluasiKinerja.objects.get().sumber == "EKINERJA"
    path.write_bytes(berkas([baris(org.staf_a1, predikat="Cukup")], JUDUL, "csv"))
    with pytest.raises(CommandError, match="1 galat"):
        call_command("impor_ekinerja", str(path), "--oleh", "admin")


def test_the_management_command_maps_columns_and_refuses_a_bad_mapping(org, tw1, tmp_path):
    path = tmp_path / "hasil.csv"
    judul = ["NIP", "Periode", "Nilai Akhir"]
    path.write_bytes(
        berkas([{"NIP": org.staf_a1.nip, "Periode": "Triwulan I 2026", "Nilai Akhir": "Baik"}], judul, "csv")
    )
    with pytest.raises(CommandError, match="1 galat"):
        call_command("impor_ekinerja", str(path), "--oleh", "admin")
    with pytest.raises(CommandError, match="KUNCI=JUDUL"):
        call_command("impor_ekinerja", str(path), "--oleh", "admin", "--kolom", "nilai=Nilai Akhir")
    with pytest.raises(CommandError, match="bukan administrator/pengelola"):
        call_command("impor_ekinerja", str(path), "--oleh", org.staf_a1.nip)
    call_command("impor_ekinerja", str(path), "--oleh", "admin", "--kolom", "predikat=Nilai Akhir")
    assert EvaluasiKinerja.objects.get().predikat == "BAIK"
    assert ImporEkinerja.objects.get().pemetaan == {"Nilai Akhir": "predikat"}
