"""The roster as an office keeps it — title rows, an instructions sheet first, .xls and .ods, a Windows CSV — imports
all its rows through the page and the command, and the preview says how the file was read."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from kinerja.models import ImporRoster, Pegawai
from kinerja.pegawai import services
from tests.berkas_kantor import BARIS_TERSEMBUNYI, JUDUL_BARIS, NAMA, csv_kantor, fixture, roster, xlsx_kantor
from tests.kinerja.pegawai.berkas_roster import JUDUL, baris_pegawai

BERKAS = [
    ("roster.xlsx", lambda: xlsx_kantor("roster")),
    ("roster.ods", lambda: fixture("roster_kantor.ods")),
    ("roster.xls", lambda: fixture("roster_kantor.xls")),
    ("roster.csv", lambda: csv_kantor("roster", "cp1252")),
]
ID = ["xlsx", "ods", "xls", "csv-windows"]


def nama_diimpor():
    return sorted(Pegawai.objects.filter(nip__in=[r["NIP"] for r in roster()]).values_list("nama", flat=True))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def unggah(client, nama, data):
    response = client.post(reverse("impor_roster"), {"berkas": SimpleUploadedFile(nama, data)})
    assert response.status_code == 302, response.content[:800]
    return ImporRoster.objects.latest("pk")


@pytest.mark.parametrize(("nama", "buat"), BERKAS, ids=ID)
def test_an_office_roster_imports_every_row_through_the_page(org, client, nama, buat):
    client.force_login(org.admin)
    job = unggah(client, nama, buat())
    assert job.galat == [] and job.jumlah_baris == 3

    halaman = client.get(reverse("impor_roster_detail", args=[job.pk])).content.decode()
    assert f"baris {JUDUL_BARIS}</strong>; baris di atasnya (judul, catatan) dilewati" in halaman
    if nama.endswith(".csv"):
        assert (job.lembar, job.enkoding) == ("", "cp1252")
        assert "bukan UTF-8 (dikenali otomatis)" in halaman
        assert all(f"<q>{n}</q>" in halaman for n in NAMA)
    else:
        assert job.lembar == "Data" and "Lembar: <strong>Data</strong>" in halaman
        assert "form-lembar" not in halaman  # one sheet matches: nothing to choose
    if nama.endswith((".xlsx", ".ods")):
        assert f"ikut dibaca seperti yang lain: {BARIS_TERSEMBUNYI}." in halaman
        assert "Kolom yang disembunyikan di berkas ikut dibaca seperti yang lain: Gelar Depan." in halaman

    client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImporRoster.Status.SELESAI, job.galat
    assert nama_diimpor() == sorted(NAMA)
    assert Pegawai.objects.get(nip=roster()[1]["NIP"]).atasan.nip == roster()[0]["NIP"]


@pytest.mark.parametrize(("nama", "buat"), BERKAS, ids=ID)
def test_an_office_roster_imports_every_row_through_the_command(db, tmp_path, capsys, nama, buat):
    path = tmp_path / nama
    path.write_bytes(buat())
    call_command("import_roster", str(path))
    keluaran = capsys.readouterr().out
    assert f"baris judul {JUDUL_BARIS}" in keluaran and "3 baru" in keluaran
    assert nama_diimpor() == sorted(NAMA)


def dua_lembar():
    """Two sheets with a roster header: the first names ASN 1 and 2, the second ASN 3, 4 and 5."""
    wb = openpyxl.Workbook()
    wb.active.title = "Lama"
    wb.create_sheet("Baru")
    for ws, nomor in ((wb["Lama"], (1, 2)), (wb["Baru"], (3, 4, 5))):
        ws.append(JUDUL)
        for n in nomor:
            ws.append(list(baris_pegawai(n).values()))
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def test_of_two_matching_sheets_the_user_picks_one_and_the_confirmation_imports_exactly_that(org, client):
    client.force_login(org.admin)
    job = unggah(client, "roster.xlsx", dua_lembar())
    assert (job.lembar, job.jumlah_baris) == ("Lama", 2)
    halaman = client.get(reverse("impor_roster_detail", args=[job.pk])).content.decode()
    assert "2 lembar memiliki baris judul yang cocok (Lama, Baru)" in halaman and 'id="form-lembar"' in halaman

    response = client.post(reverse("impor_roster_lembar", args=[job.pk]), {"lembar": "Baru"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.lembar, job.jumlah_baris, job.ringkasan["jumlah_baru"]) == ("Baru", 3, 3)
    halaman = client.get(reverse("impor_roster_detail", args=[job.pk])).content.decode()
    assert '<option value="Lama">Lama (judul cocok)</option>' in halaman  # and back again, if need be
    client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))
    assert sorted(Pegawai.objects.filter(nama__startswith="Pegawai Uji").values_list("nama", flat=True)) == [
        f"Pegawai Uji {n}" for n in (3, 4, 5)
    ]


def test_a_sheet_the_file_does_not_have_or_a_confirmed_job_changes_nothing(org, client):
    client.force_login(org.admin)
    job = unggah(client, "roster.xlsx", dua_lembar())
    response = client.post(reverse("impor_roster_lembar", args=[job.pk]), {"lembar": "Lain"}, follow=True)
    assert "Pilih salah satu lembar yang ada di berkas." in response.content.decode()
    job.refresh_from_db()
    assert (job.lembar, job.jumlah_baris) == ("Lama", 2)

    client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))
    response = client.post(reverse("impor_roster_lembar", args=[job.pk]), {"lembar": "Baru"}, follow=True)
    assert "sudah dikonfirmasi; lembarnya tidak dapat diganti lagi" in response.content.decode()
    job.refresh_from_db()
    assert (job.lembar, job.status) == ("Lama", ImporRoster.Status.SELESAI)
    assert Pegawai.objects.filter(nama__startswith="Pegawai Uji").count() == 2


def test_only_an_administrator_picks_a_sheet(org):
    job = services.buat_impor_roster(org.admin, SimpleUploadedFile("roster.xlsx", dua_lembar()))
    with pytest.raises(services.NotPermitted):
        services.pilih_lembar_impor_roster(job, org.hr_a.user, "Baru")
    job.refresh_from_db()
    assert job.lembar == "Lama"


def test_when_no_sheet_matches_the_preview_names_the_closest_row_and_offers_every_sheet(org, client):
    wb = openpyxl.Workbook()
    wb.active.title = "Petunjuk"
    ws = wb.create_sheet("Data")
    ws.append(["DAFTAR PEGAWAI"])
    ws.append([j for j in JUDUL if j != "Nama Unit"])
    keluaran = io.BytesIO()
    wb.save(keluaran)
    client.force_login(org.admin)
    job = unggah(client, "roster.xlsx", keluaran.getvalue())
    assert job.galat == [
        {"baris": 2, "kolom": "Nama Unit", "pesan": "Kolom wajib 'Nama Unit' tidak ada di baris judul."}
    ]
    halaman = client.get(reverse("impor_roster_detail", args=[job.pk])).content.decode()
    assert (
        "Tidak ada baris berisi semua kolom wajib di 20 baris pertama lembar mana pun; yang paling mirip baris 2"
        in halaman
    )
    assert '<option value="Petunjuk">Petunjuk</option>' in halaman
