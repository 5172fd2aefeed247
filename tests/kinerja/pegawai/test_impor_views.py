"""The "Impor Pegawai" pages: upload → preview → confirm → progress, template downloads, export, admin."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from config.celery import app as celery_app
from kinerja.models import ImporRoster, Pegawai, UnitKerja
from kinerja.pegawai import services
from tests.factories import PegawaiFactory
from tests.kinerja.pegawai.berkas_roster import baris_pegawai, csv_bytes, roster_kecil, xlsx

User = get_user_model()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def eager():
    """Run Celery tasks in-process (no broker); the real-worker test lives in test_impor_worker.py."""
    lama = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = lama


def jumlah():
    return Pegawai.objects.count(), UnitKerja.objects.count(), User.objects.count()


def unggah(client, data, nama="roster.xlsx"):
    return client.post(reverse("impor_roster"), {"berkas": SimpleUploadedFile(nama, data)})


def job_dari(response):
    assert response.status_code == 302, response.content[:500]
    return ImporRoster.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


# Permissions ----------------------------------------------------------------------------------------------


def halaman_impor(org):
    job = ImporRoster.objects.create(nama_berkas="x.xlsx", berkas="impor_roster/x.xlsx", dibuat_oleh=org.admin)
    return [
        ("get", reverse("impor_roster")),
        ("get", reverse("impor_roster_detail", args=[job.pk])),
        ("get", reverse("impor_roster_status", args=[job.pk])),
        ("get", reverse("templat_roster", args=["xlsx"])),
        ("get", reverse("templat_roster", args=["csv"])),
        ("post", reverse("impor_roster_konfirmasi", args=[job.pk])),
    ]


def test_anonymous_users_are_sent_to_login_from_every_import_page(client, org):
    for metode, url in halaman_impor(org):
        response = getattr(client, metode)(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("siapa", ["staf_a1", "atasan_a", "kepala", "hr_a", "petugas"])
def test_only_administrators_may_use_the_import_pages(org, login, siapa):
    client = login(getattr(org, siapa))
    for metode, url in halaman_impor(org):
        assert getattr(client, metode)(url).status_code == 403, url


def test_an_administrator_may_use_the_import_pages(org, login):
    client = login(org.admin)
    for metode, url in halaman_impor(org):
        if metode == "get":
            assert client.get(url).status_code == 200, url


# Upload, preview, confirm -----------------------------------------------------------------------------


def test_upload_shows_a_preview_and_writes_nothing_until_confirmed(org, login, django_assert_max_num_queries):
    client = login(org.admin)
    rows = roster_kecil()
    sebelum = jumlah()

    job = job_dari(unggah(client, xlsx(rows)))

    assert jumlah() == sebelum
    assert job.status == ImporRoster.Status.PRATINJAU and job.jumlah_baris == 3
    assert default_storage.exists(job.berkas.name)
    with django_assert_max_num_queries(8):
        halaman = client.get(reverse("impor_roster_detail", args=[job.pk]))
    teks = halaman.content.decode()
    assert "Pratinjau impor" in teks and "Konfirmasi impor" in teks
    for r in rows:
        assert r["NIP"] in teks
    assert "Nonaktifkan pegawai yang tidak ada di berkas (8 pegawai)" in teks

    response = client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImporRoster.Status.SELESAI
    assert Pegawai.objects.filter(nip__in=[r["NIP"] for r in rows]).count() == 3
    assert Pegawai.objects.filter(aktif=False).count() == 0
    assert "Impor selesai" in client.get(response.url).content.decode()


def test_the_preview_shows_changed_rows_with_old_and_new_values(org, login):
    client = login(org.admin)
    a = org.staf_a1
    r = baris_pegawai(
        0,
        nip=a.nip,
        Nama=a.nama,
        Golongan="IV/a",
        Jabatan=a.jabatan,
        **{
            "Tanggal Lahir": a.tanggal_lahir,
            "Gelar Belakang": "",
            "Jenis Jabatan": "Ahli Pertama",
            "Kode Unit": "75.01.01",
            "Nama Unit": org.bidang_a.nama,
            "NIP Atasan": org.atasan_a.nip,
            "Email": "",
            "No HP": "",
        },
    )
    job = job_dari(unggah(client, xlsx([r])))
    assert job.ringkasan["diubah"][0]["perubahan"] == [{"kolom": "Golongan", "lama": "III/a", "baru": "IV/a"}]
    teks = client.get(reverse("impor_roster_detail", args=[job.pk])).content.decode()
    assert '<del class="text-danger">III/a</del> → <ins class="text-success">IV/a</ins>' in teks


def test_confirming_with_the_option_marks_missing_asn_inactive(org, login):
    client = login(org.admin)
    job = job_dari(unggah(client, xlsx(roster_kecil())))
    client.post(reverse("impor_roster_konfirmasi", args=[job.pk]), {"nonaktifkan_yang_hilang": "on"})
    job.refresh_from_db()
    assert job.status == ImporRoster.Status.SELESAI and job.ringkasan["dinonaktifkan"] == 8
    assert not Pegawai.objects.get(pk=org.staf_b.pk).aktif
    assert Pegawai.objects.count() == 11  # nobody deleted


def test_a_file_with_errors_lists_every_error_by_row_and_column_and_cannot_be_confirmed(org, login):
    client = login(org.admin)
    rows = roster_kecil()
    rows[1]["NIP"] = int(rows[1]["NIP"])
    rows[2]["Email"] = "bukan-email"
    sebelum = jumlah()

    job = job_dari(unggah(client, xlsx(rows)))
    teks = client.get(reverse("impor_roster_detail", args=[job.pk])).content.decode()

    assert "Berkas tidak dapat diimpor" in teks and "Konfirmasi impor" not in teks
    assert '<th scope="col">Galat</th>' in teks
    assert "Format kolom NIP sebagai Teks" in teks and "bukan alamat email yang sah" in teks
    assert [(g["baris"], g["kolom"]) for g in job.galat][:2] == [(3, "NIP"), (4, "Email")]
    client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImporRoster.Status.PRATINJAU
    assert jumlah() == sebelum
    # The import page's history says so too, beside a file that is still a preview.
    baik = job_dari(unggah(client, xlsx(roster_kecil()), "baik.xlsx"))
    riwayat = {j.pk: j for j in client.get(reverse("impor_roster")).context["riwayat"]}
    assert (riwayat[job.pk].ditolak, riwayat[baik.pk].ditolak) == (True, False)
    halaman = client.get(reverse("impor_roster")).content.decode()
    assert halaman.count("Ditolak") == 1 and "Pratinjau" in halaman


@pytest.mark.parametrize(
    "nama, data, pesan",
    [
        ("roster.pdf", b"%PDF-1.4", "Format berkas tidak didukung"),
        ("roster.xlsx", b"NIP,Nama\n", "bukan berkas Excel"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_with_a_clear_message(org, login, nama, data, pesan):
    client = login(org.admin)
    sebelum = jumlah()
    response = unggah(client, data, nama)
    if response.status_code == 200:
        assert pesan in response.content.decode()
    else:
        assert pesan in client.get(response.url).content.decode()
    assert jumlah() == sebelum


def test_a_file_over_the_size_limit_is_refused(org, login, settings):
    settings.ROSTER_MAX_UPLOAD_MB = 1
    client = login(org.admin)
    response = unggah(client, b"x" * (1024 * 1024 + 1), "roster.csv")
    assert response.status_code == 200
    assert "melebihi batas 1 MB" in response.content.decode()
    assert not ImporRoster.objects.exists()


def test_confirming_twice_imports_once(org, login):
    client = login(org.admin)
    job = job_dari(unggah(client, xlsx(roster_kecil())))
    url = reverse("impor_roster_konfirmasi", args=[job.pk])
    client.post(url)
    client.post(url, {"nonaktifkan_yang_hilang": "on"})
    job.refresh_from_db()
    assert not job.nonaktifkan_yang_hilang
    assert Pegawai.objects.filter(aktif=True).count() == 11


# Background import ----------------------------------------------------------------------------------


def test_a_large_file_imports_in_the_background_and_reports_progress(
    org, login, settings, eager, django_capture_on_commit_callbacks
):
    settings.ROSTER_BACKGROUND_ROWS = 2
    client = login(org.admin)
    job = job_dari(unggah(client, csv_bytes(roster_kecil(), pemisah=";"), "roster.csv"))

    with django_capture_on_commit_callbacks(execute=False) as antre:
        client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImporRoster.Status.ANTRI and len(antre) == 1
    status = client.get(reverse("impor_roster_status", args=[job.pk])).json()
    assert status["status"] == "antri" and status["persen"] == 0
    halaman = client.get(reverse("impor_roster_detail", args=[job.pk])).content.decode()
    assert 'id="progres-impor"' in halaman and "js/impor_roster.js" in halaman

    antre[0]()  # the on_commit callback: enqueue (eager: runs now)

    job.refresh_from_db()
    assert job.status == ImporRoster.Status.SELESAI and job.progres == 100
    assert client.get(reverse("impor_roster_status", args=[job.pk])).json() == {
        "status": "selesai",
        "label": "Selesai",
        "persen": 100,
        "tahap": "",
    }
    assert Pegawai.objects.count() == 11


def test_the_background_task_running_twice_imports_once(org, eager):
    job = services.buat_impor_roster(org.admin, SimpleUploadedFile("roster.xlsx", xlsx(roster_kecil())))
    ImporRoster.objects.filter(pk=job.pk).update(status=ImporRoster.Status.ANTRI)
    from kinerja.pegawai.tasks import impor_roster

    assert impor_roster.delay(job.pk).get() == "selesai"
    sesudah = jumlah()
    assert impor_roster.delay(job.pk).get() == "selesai"
    assert jumlah() == sesudah


def test_a_job_that_becomes_invalid_before_it_runs_fails_and_writes_nothing(org):
    rows = roster_kecil()
    job = services.buat_impor_roster(org.admin, SimpleUploadedFile("roster.xlsx", xlsx(rows)))
    ImporRoster.objects.filter(pk=job.pk).update(status=ImporRoster.Status.ANTRI)
    # Meanwhile someone creates, in the database, a unit tree that the file now contradicts (cycle).
    u90 = UnitKerja.objects.create(kode="90.01", nama="Bidang Uji")
    UnitKerja.objects.create(kode="90", nama="Dinas Uji", induk=u90)
    sebelum = jumlah()
    job = services.jalankan_impor_roster(job.pk)
    assert job.status == ImporRoster.Status.GAGAL and "lingkaran" in job.galat[0]["pesan"]
    assert jumlah() == sebelum


# Templates and export ---------------------------------------------------------------------------------


def test_the_xlsx_template_has_the_headers_and_text_formatted_columns(org, login):
    response = login(org.admin).get(reverse("templat_roster", args=["xlsx"]))
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    ws = wb["Pegawai"]
    assert [c.value for c in ws[1]][:3] == ["NIP", "Nama", "Gelar Depan"]
    assert ws.column_dimensions["A"].number_format == "@"
    assert "Petunjuk" in wb.sheetnames


def test_the_csv_template_has_the_headers(org, login):
    response = login(org.admin).get(reverse("templat_roster", args=["csv"]))
    assert response.content.decode("utf-8-sig").startswith("NIP;Nama;Gelar Depan;")


def test_export_is_for_staff_only(client, org, login):
    url = reverse("ekspor_roster", args=["xlsx"])
    assert client.get(url).url.startswith(reverse("login"))
    for siapa in ("staf_a1", "atasan_a", "petugas"):
        assert login(getattr(org, siapa)).get(url).status_code == 403


def _baca_xlsx(content):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_export_is_scoped_to_what_the_user_may_see(org, login):
    semua = {
        c.value
        for c in list(_baca_xlsx(login(org.admin).get(reverse("ekspor_roster", args=["xlsx"])).content).columns)[0][1:]
    }
    assert semua == set(Pegawai.objects.values_list("nip", flat=True))
    hr = {
        c.value
        for c in list(_baca_xlsx(login(org.hr_a).get(reverse("ekspor_roster", args=["xlsx"])).content).columns)[0][1:]
    }
    assert org.staf_a1.nip in hr and org.staf_b.nip not in hr


def test_export_follows_the_filters_of_the_asn_list(org, login):
    client = login(org.admin)
    halaman = client.get(reverse("daftar_pegawai"), {"q": "Staf A"}).content.decode()
    assert f'href="{reverse("ekspor_roster", args=["xlsx"])}?q=Staf+A"' in halaman

    terfilter = client.get(reverse("ekspor_roster", args=["xlsx"]), {"q": "Staf A"}).content
    nip = {c.value for c in list(_baca_xlsx(terfilter).columns)[0][1:]}
    assert nip == {org.staf_a1.nip, org.staf_a2.nip}


def test_export_keeps_nip_as_text_and_escapes_formula_cells(org, login):
    PegawaiFactory(
        unit_kerja=org.opd_b,
        nama='=HYPERLINK("http://jahat")',
        gelar_depan="@SUM(A1)",
        jabatan="+cmd",
        no_hp="-1",
        gelar_belakang="\tS.E.",
    )
    client = login(org.admin)
    ws = _baca_xlsx(client.get(reverse("ekspor_roster", args=["xlsx"])).content)
    judul = [c.value for c in ws[1]]
    baris = next(r for r in ws.iter_rows(min_row=2) if r[1].value.startswith("'="))
    sel = dict(zip(judul, baris, strict=True))
    assert sel["NIP"].data_type == "s" and len(sel["NIP"].value) == 18
    assert sel["Nama"].value == '\'=HYPERLINK("http://jahat")'
    assert sel["Gelar Depan"].value == "'@SUM(A1)"
    assert sel["Jabatan"].value == "'+cmd"
    assert sel["No HP"].value == "'-1"
    assert sel["Gelar Belakang"].value == "'\tS.E."
    for r in ws.iter_rows(min_row=2):
        assert r[0].data_type == "s"

    teks = client.get(reverse("ekspor_roster", args=["csv"])).content.decode("utf-8-sig")
    baris_csv = next(r for r in csv.reader(io.StringIO(teks), delimiter=";") if r[1].startswith("'="))
    assert baris_csv[0] == sel["NIP"].value
    assert baris_csv[1:4] == ['\'=HYPERLINK("http://jahat")', "'@SUM(A1)", "'\tS.E."]
    assert (baris_csv[8], baris_csv[16]) == ("'+cmd", "'-1")


@pytest.mark.parametrize("format_berkas", ["xlsx", "csv"])
def test_an_export_reimports_with_every_row_unchanged(org, login, format_berkas):
    PegawaiFactory(unit_kerja=org.opd_b, atasan=org.staf_b, nama="=SUM(1)", no_hp="+6281234567890", email="a@b.id")
    isi = login(org.admin).get(reverse("ekspor_roster", args=[format_berkas])).content
    rencana = services.pratinjau_roster(f"ekspor.{format_berkas}", isi)
    assert rencana.galat == []
    assert rencana.ringkasan()["jumlah_tidak_berubah"] == Pegawai.objects.count()
    assert rencana.ringkasan()["jumlah_diubah"] == 0


# Admin ---------------------------------------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("super", password="x")


def test_the_admin_import_button_leads_to_the_one_import_page(client, org, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:kinerja_pegawai_import"))
    assert response.status_code == 302 and response.url == reverse("impor_roster")
    assert client.get(reverse("admin:kinerja_pegawai_changelist")).status_code == 200


def test_the_admin_export_uses_the_roster_columns(client, org, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:kinerja_pegawai_export"),
        {"format": "0", "resource": "0", **{f"pegawairesource_{k}": "on" for k in ("nip", "nama")}},
    )
    assert response.status_code == 200, response.content[:300]
    isi = response.content.decode("utf-8-sig") if b"NIP" in response.content[:50] else None
    assert isi is not None and isi.splitlines()[0].startswith("NIP,Nama,Gelar Depan")
    assert json.dumps(org.staf_a1.nip)[1:-1] in isi


def test_a_job_the_broker_cannot_take_fails_visibly_and_writes_nothing(
    org, login, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from kinerja.pegawai import tasks

    def broker_mati(*args, **kwargs):
        raise ConnectionError("broker tidak tersedia")

    monkeypatch.setattr(tasks.impor_roster, "delay", broker_mati)
    settings.ROSTER_BACKGROUND_ROWS = 2
    client = login(org.admin)
    job = job_dari(unggah(client, xlsx(roster_kecil())))
    sebelum = jumlah()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImporRoster.Status.GAGAL
    assert "Antrean tugas latar belakang tidak tersedia" in job.galat[0]["pesan"]
    assert jumlah() == sebelum


def test_an_import_the_queue_lost_is_queued_again_and_imports_once(
    org, settings, eager, django_capture_on_commit_callbacks
):
    from kinerja.pegawai import tasks

    settings.ROSTER_ANTRE_ULANG_MENIT = 10
    hilang = services.buat_impor_roster(org.admin, SimpleUploadedFile("roster.xlsx", xlsx(roster_kecil())))
    baru = services.buat_impor_roster(org.admin, SimpleUploadedFile("baru.xlsx", xlsx(roster_kecil())))
    pratinjau = services.buat_impor_roster(org.admin, SimpleUploadedFile("lama.xlsx", xlsx(roster_kecil())))
    lama = timezone.now() - datetime.timedelta(minutes=11)
    ImporRoster.objects.filter(pk=hilang.pk).update(status=ImporRoster.Status.ANTRI, diperbarui=lama)
    ImporRoster.objects.filter(pk=baru.pk).update(status=ImporRoster.Status.ANTRI)
    ImporRoster.objects.filter(pk=pratinjau.pk).update(diperbarui=lama)
    sebelum = jumlah()

    # The beat task, run as the worker runs it: the lost job alone goes back in the queue, and imports.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.antrekan_ulang_impor_tertahan.delay().get() == [hilang.pk]
    hilang.refresh_from_db()
    assert hilang.status == ImporRoster.Status.SELESAI
    assert jumlah()[0] == sebelum[0] + hilang.ringkasan["jumlah_baru"] > sebelum[0]
    assert ImporRoster.objects.get(pk=baru.pk).status == ImporRoster.Status.ANTRI
    assert ImporRoster.objects.get(pk=pratinjau.pk).status == ImporRoster.Status.PRATINJAU


def test_a_lost_import_is_queued_again_once_per_interval(org, monkeypatch, django_capture_on_commit_callbacks):
    from kinerja.pegawai import tasks

    antre = []
    monkeypatch.setattr(tasks.impor_roster, "delay", antre.append)
    job = services.buat_impor_roster(org.admin, SimpleUploadedFile("roster.xlsx", xlsx(roster_kecil())))
    ImporRoster.objects.filter(pk=job.pk).update(
        status=ImporRoster.Status.ANTRI, diperbarui=timezone.now() - datetime.timedelta(minutes=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.antrekan_ulang_impor_tertahan(menit=10) == [job.pk]
        assert services.antrekan_ulang_impor_tertahan(menit=10) == []
    assert antre == [job.pk]
