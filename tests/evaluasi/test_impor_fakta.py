"""Attendance and training imports: the roster import's quality (preview, row/column errors, all-or-nothing,
text-only NIP, semicolon CSV with BOM, idempotent re-import, file type and size)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluasi import services
from evaluasi.impor import FORMAT
from evaluasi.models import ImporFakta, RekapKehadiran, RekapPelatihan
from tests.kinerja.pegawai.berkas_roster import csv_bytes, xlsx

JUDUL_HADIR = [j for _, j in FORMAT["KEHADIRAN"].kolom]


def baris(pegawai, **ubah):
    b = {"NIP": pegawai.nip, "Tahun": 2026, "Bulan": 1, "Hari Kerja": 22, "Hadir": 20, "Tanpa Keterangan": 2}
    b.update(ubah)
    return b


def unggah(user, nama, data, jenis="KEHADIRAN"):
    return services.buat_impor(user, jenis, SimpleUploadedFile(nama, data))


def impor(user, nama, data, jenis="KEHADIRAN"):
    job = unggah(user, nama, data, jenis)
    assert not job.galat, job.galat
    return services.konfirmasi_impor(user, job.pk)


def test_preview_then_confirm_writes_every_row_and_reimporting_changes_nothing(org):
    data = xlsx([baris(org.staf_a1), baris(org.staf_a2, Hadir=22, **{"Tanpa Keterangan": 0})], JUDUL_HADIR)
    job = unggah(org.admin, "hadir.xlsx", data)
    assert (job.ringkasan["jumlah_baru"], RekapKehadiran.objects.count()) == (2, 0)
    job = services.konfirmasi_impor(org.admin, job.pk)
    assert job.status == "selesai" and RekapKehadiran.objects.count() == 2
    r = RekapKehadiran.objects.get(pegawai=org.staf_a1)
    assert (r.tanpa_keterangan, r.sumber, r.cuti) == (2, "IMPOR", 0)
    ulang = impor(org.admin, "hadir.xlsx", data)
    assert (
        ulang.ringkasan["jumlah_baru"],
        ulang.ringkasan["jumlah_diubah"],
        ulang.ringkasan["jumlah_tidak_berubah"],
    ) == (
        0,
        0,
        2,
    )
    assert services.konfirmasi_impor(org.admin, job.pk).status == "selesai"  # a second confirmation is a no-op


def test_a_changed_month_shows_old_and_new_values_and_updates_in_place(org):
    impor(org.admin, "a.xlsx", xlsx([baris(org.staf_a1)], JUDUL_HADIR))
    job = unggah(org.admin, "b.xlsx", xlsx([baris(org.staf_a1, Hadir=19, **{"Tanpa Keterangan": 3})], JUDUL_HADIR))
    (diubah,) = job.ringkasan["diubah"]
    assert {"kolom": "Tanpa Keterangan", "lama": 2, "baru": 3} in diubah["perubahan"]
    services.konfirmasi_impor(org.admin, job.pk)
    assert RekapKehadiran.objects.get().tanpa_keterangan == 3


@pytest.mark.parametrize(("pemisah", "bom"), [(";", True), (";", False), (",", True)])
def test_it_reads_csv_with_semicolons_or_commas_with_or_without_bom(org, pemisah, bom):
    data = csv_bytes([baris(org.staf_a1)], JUDUL_HADIR, pemisah=pemisah, bom=bom)
    impor(org.admin, "hadir.csv", data)
    assert RekapKehadiran.objects.get().hadir == 20


def test_training_hours_import_per_asn_per_year(org):
    impor(
        org.admin,
        "jp.csv",
        csv_bytes([{"NIP": org.staf_a1.nip, "Tahun": 2026, "JP": 24}], ["NIP", "Tahun", "JP"]),
        "PELATIHAN",
    )
    assert RekapPelatihan.objects.get().jp == 24


@pytest.mark.parametrize(
    ("ubah", "kolom", "potongan"),
    [
        ({"NIP": 199001012015031001}, "NIP", "NIP tersimpan sebagai angka"),
        ({"NIP": "199001012099031999"}, "NIP", "tidak ada di roster"),
        ({"Bulan": 13}, "Bulan", "bukan bulan 1–12"),
        ({"Hadir": -1}, "Hadir", "bukan bilangan bulat tidak negatif"),
        ({"Hadir": 2.5}, "Hadir", "bukan bilangan bulat tidak negatif"),
        ({"Hadir": ""}, "Hadir", "Hadir wajib diisi"),
        ({"Hadir": 21}, "Hari Kerja", "melebihi hari kerja"),
        ({"Tanpa Keterangan Berturut": 3}, "Tanpa Keterangan Berturut", "melebihi jumlah tanpa keterangan"),
        (
            {"Tanpa Keterangan Berturut": 1, "Tanpa Keterangan Awal Bulan": 2},
            "Tanpa Keterangan Awal Bulan",
            "melebihi rangkaian terpanjang",
        ),
        (
            {"Tanpa Keterangan Berturut": 2, "Tanpa Keterangan Awal Bulan": 2, "Tanpa Keterangan Akhir Bulan": 1},
            "Tanpa Keterangan Akhir Bulan",
            "melebihi jumlah tanpa keterangan",
        ),
        ({"Pulang Cepat": 1, "Pulang Cepat 31-60 Menit": 2}, "Pulang Cepat", "melebihi jumlah pulang cepat"),
        ({"Tidak Apel": 21}, "Tidak Apel", "melebihi hari hadir"),
    ],
)
def test_a_bad_cell_is_refused_by_row_and_column_and_nothing_is_written(org, ubah, kolom, potongan):
    data = xlsx([baris(org.staf_a2), baris(org.staf_a1, **ubah)], JUDUL_HADIR)
    job = unggah(org.admin, "hadir.xlsx", data)
    assert any(g["baris"] == 3 and g["kolom"] == kolom and potongan in g["pesan"] for g in job.galat), job.galat
    assert services.konfirmasi_impor(org.admin, job.pk).status == "pratinjau"
    assert not RekapKehadiran.objects.exists()


def test_the_same_asn_and_month_twice_is_refused(org):
    job = unggah(org.admin, "hadir.xlsx", xlsx([baris(org.staf_a1), baris(org.staf_a1)], JUDUL_HADIR))
    assert job.galat == [
        {"baris": 3, "kolom": "NIP", "pesan": f"NIP {org.staf_a1.nip} untuk periode yang sama sudah ada di baris 2."}
    ]


def test_hr_may_import_only_their_units_asn(org):
    job = unggah(org.hr_b.user, "hadir.xlsx", xlsx([baris(org.staf_b), baris(org.staf_a1)], JUDUL_HADIR))
    assert [g["baris"] for g in job.galat] == [3]
    assert "bukan pegawai unit kerja yang Anda kelola" in job.galat[0]["pesan"]
    impor(org.hr_b.user, "hadir.xlsx", xlsx([baris(org.staf_b)], JUDUL_HADIR))
    assert RekapKehadiran.objects.get().pegawai == org.staf_b


@pytest.mark.parametrize(
    ("nama", "data", "potongan"),
    [
        ("hadir.pdf", b"%PDF-1.4", "Format berkas tidak didukung"),
        ("hadir.xlsx", b"NIP;Tahun\n", "bukan berkas Excel"),
        ("hadir.csv", b"PK\x03\x04rubbish", "isinya biner"),
        ("hadir.csv", "NIP;Tahun\n".encode("utf-16"), "isinya biner"),
        ("hadir.csv", b"Nama;Umur\nA;1\n", "Kolom wajib 'NIP'"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_written(org, nama, data, potongan):
    job = unggah(org.admin, nama, data)
    assert any(potongan in g["pesan"] for g in job.galat), job.galat
    assert not RekapKehadiran.objects.exists()


def test_a_file_over_the_size_limit_is_refused_by_the_page(client, org, settings):
    settings.EVALUASI_MAX_UPLOAD_MB = 1
    client.force_login(org.admin)
    besar = SimpleUploadedFile("hadir.csv", b"x" * (1024 * 1024 + 1))
    response = client.post(reverse("evaluasi:impor"), {"jenis": "KEHADIRAN", "berkas": besar})
    assert "melebihi batas 1 MB" in response.content.decode()
    assert not ImporFakta.objects.exists()


def test_the_downloaded_template_imports_back_once_filled(org):
    from io import BytesIO

    import openpyxl

    from evaluasi.impor import templat

    wb = openpyxl.load_workbook(BytesIO(templat("KEHADIRAN", "xlsx")))
    ws = wb.active
    ws.append([org.staf_a1.nip, 2026, 3, 21, 21])
    keluaran = BytesIO()
    wb.save(keluaran)
    impor(org.admin, "templat.xlsx", keluaran.getvalue())
    assert RekapKehadiran.objects.get().bulan == 3


def test_the_import_pages_upload_preview_and_confirm(client, org):
    client.force_login(org.hr_a.user)
    berkas = SimpleUploadedFile("hadir.xlsx", xlsx([baris(org.staf_a1)], JUDUL_HADIR))
    response = client.post(reverse("evaluasi:impor"), {"jenis": "KEHADIRAN", "berkas": berkas})
    job = ImporFakta.objects.get()
    assert response["Location"] == reverse("evaluasi:impor_detail", args=[job.pk])
    assert "Konfirmasi impor" in client.get(response["Location"]).content.decode()
    client.post(reverse("evaluasi:impor_konfirmasi", args=[job.pk]))
    assert RekapKehadiran.objects.count() == 1
    client.force_login(org.hr_b.user)  # another user's job is not theirs to see
    assert client.get(reverse("evaluasi:impor_detail", args=[job.pk])).status_code == 404


def test_hr_enters_one_month_by_hand_and_it_is_audited(client, org):
    from audit.models import LogAudit

    client.force_login(org.hr_a.user)
    isian = {"nip": org.staf_a1.nip, "tahun": 2026, "bulan": 2, "hari_kerja": 20, "hadir": 19, "tanpa_keterangan": 1}
    isian |= {f: 0 for f in RekapKehadiran.ANGKA if f not in isian}
    assert client.post(reverse("evaluasi:kehadiran_isi"), isian).status_code == 302
    r = RekapKehadiran.objects.get()
    assert (r.tanpa_keterangan, r.sumber, r.diperbarui_oleh) == (1, "MANUAL", org.hr_a.user)
    assert LogAudit.objects.filter(aksi="kehadiran_diisi", objek_id=r.pk).exists()
    response = client.post(reverse("evaluasi:kehadiran_isi"), {**isian, "hadir": 20})
    assert "melebihi hari kerja" in response.content.decode()
    response = client.post(reverse("evaluasi:kehadiran_isi"), {**isian, "nip": org.staf_b.nip})
    assert "tidak ada di unit kerja yang Anda kelola" in response.content.decode()
    assert RekapKehadiran.objects.get().hadir == 19


def test_the_runs_at_the_months_edges_are_imported_and_carry_a_run_across_months(org):
    """PP 94/2021 Pasal 11 ayat (2) huruf d angka 4: 4 days closing January and 6 opening February are 10 in a row."""
    from evaluasi.metrik import metrik_pegawai
    from tests.evaluasi.bantuan import periode

    jan = baris(org.staf_a1, Hadir=18, **{"Tanpa Keterangan": 4, "Tanpa Keterangan Berturut": 4})
    jan["Tanpa Keterangan Akhir Bulan"] = 4
    feb = baris(org.staf_a1, Bulan=2, Hadir=16, **{"Tanpa Keterangan": 6, "Tanpa Keterangan Berturut": 6})
    feb["TK Awal Bulan"] = 6  # the shorter spelling offices use
    judul = [("TK Awal Bulan" if j == "Tanpa Keterangan Awal Bulan" else j) for j in JUDUL_HADIR]
    jan["TK Awal Bulan"] = 0
    impor(org.admin, "hadir.xlsx", xlsx([jan, feb], judul))
    r = RekapKehadiran.objects.get(pegawai=org.staf_a1, bulan=2)
    assert (r.tanpa_keterangan_awal, r.tanpa_keterangan_akhir) == (6, 0)
    m = metrik_pegawai(periode(nomor=1), [org.staf_a1.pk])[org.staf_a1.pk]
    assert m["hari_tanpa_keterangan_berturut"] == 10


def test_early_leaves_by_band_and_missed_apel_are_imported_for_the_tpp(org):
    b = baris(org.staf_a1, **{"Pulang Cepat": 3, "Pulang Cepat 31-60 Menit": 1, "Pulang Cepat Lebih 90 Menit": 1})
    b["Tidak Ikut Apel"] = 2  # the spelling some attendance systems use
    judul = [("Tidak Ikut Apel" if j == "Tidak Apel" else j) for j in JUDUL_HADIR]
    impor(org.admin, "hadir.xlsx", xlsx([b], judul))
    r = RekapKehadiran.objects.get(pegawai=org.staf_a1)
    assert (r.pulang_cepat, r.pulang_cepat_31_60, r.pulang_cepat_lebih_90, r.tidak_apel) == (3, 1, 1, 2)
