"""An evidence file leaves storage once the transaction that replaced, cleared or deleted it commits, never
before and never while another row still names it (core.files.track_files)."""

import logging

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.models import EvaluasiKinerja, ImporRoster, RealisasiIndikator
from kinerja.pegawai import services as svc_pegawai
from kinerja.penilaian import services as svc
from tests.kinerja.pegawai.berkas_roster import roster_kecil, xlsx
from tests.kinerja.penilaian.bantuan_evaluasi import INDIKATOR, Skenario

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _kirim(client, ev, **berkas):
    """Post the realisation form, with an upload for the indicators named by position (b0, b1, b2)."""
    ev.refresh_from_db()
    indikator = list(ev.skp.rhk.get().indikator.order_by("urutan"))
    data = {"versi": ev.versi}
    for n, (i, baris) in enumerate(zip(indikator, INDIKATOR, strict=True)):
        data[f"realisasi_{i.pk}"] = str(baris[4])
        data[f"realisasi_{i.pk}_bukti_tautan"] = ""
        if f"b{n}" in berkas:
            data[f"realisasi_{i.pk}_bukti_berkas"] = berkas[f"b{n}"]
    return client.post(reverse("evaluasi_isi", args=[ev.pk]), data)


def _pdf(nama="bukti.pdf"):
    return SimpleUploadedFile(nama, PDF, "application/pdf")


@pytest.fixture
def berbukti(org, login, django_capture_on_commit_callbacks):
    """staf_a1's evaluation with a file on its first indicator, uploaded through the form and committed."""
    s = Skenario(org)
    ev = s.evaluasi()
    client = login(org.staf_a1)
    with django_capture_on_commit_callbacks(execute=True):
        assert _kirim(client, ev, b0=_pdf("lama.pdf")).status_code == 302
    baris = RealisasiIndikator.objects.get(evaluasi=ev, indikator__urutan=1)
    assert baris.bukti_berkas.name and default_storage.exists(baris.bukti_berkas.name)
    return s, ev, client, baris


def test_replacing_the_evidence_in_the_form_removes_the_old_file_once_committed(
    berbukti, django_capture_on_commit_callbacks
):
    s, ev, client, baris = berbukti
    lama = baris.bukti_berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        assert _kirim(client, ev, b0=_pdf("baru.pdf")).status_code == 302
        assert default_storage.exists(lama)  # not before the commit
    baris.refresh_from_db()
    assert baris.bukti_berkas.name != lama and default_storage.exists(baris.bukti_berkas.name)
    assert not default_storage.exists(lama)


def test_saving_the_form_without_a_new_upload_keeps_the_file(berbukti, django_capture_on_commit_callbacks):
    s, ev, client, baris = berbukti
    with django_capture_on_commit_callbacks(execute=True):
        assert _kirim(client, ev).status_code == 302
    baris.refresh_from_db()
    assert default_storage.exists(baris.bukti_berkas.name)


def test_a_replacement_that_rolls_back_keeps_the_old_file(berbukti, django_capture_on_commit_callbacks):
    s, ev, client, baris = berbukti
    lama = baris.bukti_berkas.name
    # The first indicator's new file is saved, then the second one's is refused: the whole save rolls back.
    palsu = SimpleUploadedFile("palsu.pdf", b"MZ bukan pdf", "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = _kirim(client, ev, b0=_pdf("baru.pdf"), b1=palsu)
    assert response.status_code == 200 and response.context["form"].errors
    baris.refresh_from_db()
    assert baris.bukti_berkas.name == lama
    assert default_storage.exists(lama)


def test_clearing_the_evidence_removes_its_file(berbukti, org, django_capture_on_commit_callbacks):
    s, ev, client, baris = berbukti
    lama = baris.bukti_berkas.name
    ev.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        svc.isi_realisasi(
            org.staf_a1.user, ev.pk, ev.versi, [svc.IsianRealisasi(baris.indikator_id, 5, bukti_berkas="")]
        )
    baris.refresh_from_db()
    assert baris.bukti_berkas.name == ""
    assert not default_storage.exists(lama)


def test_deleting_the_realisation_removes_its_file(berbukti, django_capture_on_commit_callbacks):
    s, ev, client, baris = berbukti
    lama = baris.bukti_berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        baris.delete()
        assert default_storage.exists(lama)
    assert not default_storage.exists(lama)


def test_deleting_the_evaluation_removes_its_evidence_by_cascade(berbukti, django_capture_on_commit_callbacks):
    s, ev, client, baris = berbukti
    lama = baris.bukti_berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        EvaluasiKinerja.objects.filter(pk=ev.pk).delete()
    assert not RealisasiIndikator.objects.filter(pk=baris.pk).exists()
    assert not default_storage.exists(lama)


def test_a_queryset_delete_removes_the_files(berbukti, django_capture_on_commit_callbacks):
    s, ev, client, baris = berbukti
    lama = baris.bukti_berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        RealisasiIndikator.objects.filter(evaluasi=ev).delete()
    assert not default_storage.exists(lama)


def test_a_file_another_row_still_names_is_kept(berbukti, org, django_capture_on_commit_callbacks):
    s, ev, client, baris = berbukti
    lama = baris.bukti_berkas.name
    s.isi(org.staf_a2)
    lain = s.evaluasi(org.staf_a2).realisasi.order_by("indikator__urutan").first()
    RealisasiIndikator.objects.filter(pk=lain.pk).update(bukti_berkas=lama)
    with django_capture_on_commit_callbacks(execute=True):
        assert _kirim(client, ev, b0=_pdf("baru.pdf")).status_code == 302
        baris.refresh_from_db()
        baris.delete()
    assert default_storage.exists(lama)
    lain.refresh_from_db()
    assert lain.bukti_berkas.name == lama


def test_a_storage_error_while_deleting_is_logged_and_the_save_still_succeeds(
    berbukti, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    s, ev, client, baris = berbukti
    lama = baris.bukti_berkas.name

    def gagal(name):
        raise OSError("penyimpanan tidak terjangkau")

    monkeypatch.setattr(default_storage, "delete", gagal)
    with caplog.at_level(logging.ERROR, logger="core.files"), django_capture_on_commit_callbacks(execute=True):
        assert _kirim(client, ev, b0=_pdf("baru.pdf")).status_code == 302
    assert default_storage.exists(lama)
    assert any(lama in r.getMessage() for r in caplog.records)
    baris.refresh_from_db()
    assert baris.bukti_berkas.name != lama


def test_an_import_job_keeps_its_file_when_deleted(org, django_capture_on_commit_callbacks):
    # Import files are not tracked: the job is the record of what was imported.
    job = svc_pegawai.buat_impor_roster(org.admin, SimpleUploadedFile("roster.xlsx", xlsx(roster_kecil())))
    with django_capture_on_commit_callbacks(execute=True):
        ImporRoster.objects.filter(pk=job.pk).delete()
    assert default_storage.exists(job.berkas.name)


@pytest.mark.django_db(transaction=True)
def test_with_real_transactions_the_old_file_goes_at_commit_and_stays_on_rollback(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    client = login(org.staf_a1)
    assert _kirim(client, ev, b0=_pdf("lama.pdf")).status_code == 302
    lama = RealisasiIndikator.objects.get(evaluasi=ev, indikator__urutan=1).bukti_berkas.name
    palsu = SimpleUploadedFile("palsu.pdf", b"MZ bukan pdf", "application/pdf")
    assert _kirim(client, ev, b0=_pdf("baru.pdf"), b1=palsu).status_code == 200
    assert default_storage.exists(lama)
    assert _kirim(client, ev, b0=_pdf("baru.pdf")).status_code == 302
    assert not default_storage.exists(lama)
