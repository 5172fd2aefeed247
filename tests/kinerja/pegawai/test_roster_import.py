"""The roster import engine (kinerja.pegawai.roster + kinerja.pegawai.services.impor_roster): one code path for
every entry."""

import datetime
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model

from core.spreadsheet import FileRefused, RowError
from kinerja.models import Pegawai, UnitKerja
from kinerja.pegawai.services import ImporDitolak, impor_roster, pratinjau_roster
from tests.factories import PegawaiFactory, buat_nip
from tests.kinerja.pegawai.berkas_roster import JUDUL, baris_pegawai, csv_bytes, roster_kecil, xlsx

User = get_user_model()


def jumlah():
    return Pegawai.objects.count(), UnitKerja.objects.count(), User.objects.count()


def tolak(nama, data, **kwargs):
    """Import a file that must be refused; return its errors after checking nothing was written."""
    sebelum = jumlah()
    with pytest.raises((ImporDitolak, FileRefused)) as info:
        impor_roster(nama, data, **kwargs)
    assert jumlah() == sebelum
    if isinstance(info.value, FileRefused):
        return [RowError(None, None, str(info.value))]
    return info.value.galat


def test_it_imports_an_xlsx_roster_with_a_supervisor_in_a_later_row(db):
    rows = roster_kecil()
    hasil = impor_roster("roster.xlsx", xlsx(rows))

    assert hasil.rencana.ringkasan()["jumlah_baru"] == 3
    kepala, staf, atasan = (Pegawai.objects.get(nip=r["NIP"]) for r in rows)
    assert staf.atasan == atasan and atasan.atasan == kepala and kepala.atasan is None
    assert staf.unit_kerja.kode == "90.01" and staf.unit_kerja.induk.kode == "90"
    assert staf.unit_kerja.nama == "Bidang Uji"
    assert staf.tanggal_lahir == rows[1]["Tanggal Lahir"]
    assert staf.jenis_jabatan == "AHLI_PERTAMA" and staf.golongan == "III/a"
    assert staf.gelar_belakang == "S.E." and staf.no_hp == "081234567890"


def test_it_creates_a_login_account_per_new_asn_with_an_unusable_password(db):
    rows = roster_kecil()
    hasil = impor_roster("roster.xlsx", xlsx(rows))

    assert hasil.akun_dibuat == 3
    for r in rows:
        pegawai = Pegawai.objects.select_related("user").get(nip=r["NIP"])
        assert pegawai.user.username == r["NIP"]
        assert not pegawai.user.has_usable_password()


def test_it_links_an_existing_user_whose_username_is_the_nip(db):
    rows = roster_kecil()
    user = User.objects.create_user(username=rows[0]["NIP"], password="x")
    impor_roster("roster.xlsx", xlsx(rows))
    assert Pegawai.objects.get(nip=rows[0]["NIP"]).user == user


@pytest.mark.parametrize("pemisah", [",", ";"])
@pytest.mark.parametrize("bom", [False, True])
def test_it_reads_csv_with_comma_or_semicolon_with_or_without_bom(db, pemisah, bom):
    rows = roster_kecil()
    rows[0]["Nama"] = "Sitti Nurhaliza Pakaya"  # a value with a comma must survive a comma-separated file
    rows[0]["Jabatan"] = "Kepala Dinas, Pembina"
    impor_roster("roster.csv", csv_bytes(rows, pemisah=pemisah, bom=bom))

    kepala = Pegawai.objects.get(nip=rows[0]["NIP"])
    assert kepala.jabatan == "Kepala Dinas, Pembina"
    assert kepala.tanggal_lahir == rows[0]["Tanggal Lahir"]
    assert Pegawai.objects.count() == 3


def test_it_reads_birth_dates_from_date_cells_and_dd_mm_yyyy_text(db):
    a, b = baris_pegawai(1), baris_pegawai(2)
    a["Tanggal Lahir"] = datetime.datetime.combine(a["Tanggal Lahir"], datetime.time())
    b["Tanggal Lahir"] = f"{b['Tanggal Lahir']:%d/%m/%Y}"
    impor_roster("roster.xlsx", xlsx([a, b]))

    assert Pegawai.objects.get(nip=a["NIP"]).tanggal_lahir == datetime.date(int(a["NIP"][:4]), 1, 1).replace(
        month=int(a["NIP"][4:6]), day=int(a["NIP"][6:8])
    )
    assert f"{Pegawai.objects.get(nip=b['NIP']).tanggal_lahir:%d/%m/%Y}" == b["Tanggal Lahir"]


def test_it_matches_headers_case_insensitively_in_any_order_and_ignores_extra_columns(db):
    r = baris_pegawai(1)
    judul = ["No", *reversed(JUDUL)]
    data = xlsx([{**r, "No": 1}], judul=judul)
    data_kecil = xlsx([{j.upper(): v for j, v in {**r, "No": 1}.items()}], judul=[j.upper() for j in judul])
    impor_roster("a.xlsx", data)
    hasil = impor_roster("b.xlsx", data_kecil)
    assert hasil.rencana.tidak_berubah == 1
    assert Pegawai.objects.get(nip=r["NIP"]).nama == r["Nama"]


def test_it_normalises_golongan_spellings_and_jenis_jabatan_labels(db):
    a = baris_pegawai(1, Golongan="iii / b", **{"Jenis Jabatan": "PELAKSANA"})
    b = baris_pegawai(2, Golongan="ix", **{"Status Kepegawaian": "pppk", "Jenis Jabatan": "Fungsional Terampil"})
    impor_roster("roster.xlsx", xlsx([a, b]))
    assert Pegawai.objects.get(nip=a["NIP"]).golongan == "III/b"
    pppk = Pegawai.objects.get(nip=b["NIP"])
    assert (pppk.golongan, pppk.status_kepegawaian, pppk.jenis_jabatan) == ("IX", "PPPK", "TERAMPIL")


def test_reimporting_the_same_file_changes_nothing_and_reports_every_row_unchanged(db):
    data = xlsx(roster_kecil())
    impor_roster("roster.xlsx", data)
    sebelum = list(Pegawai.objects.order_by("nip").values())
    jumlah_sebelum = jumlah()

    hasil = impor_roster("roster.xlsx", data)

    ringkasan = hasil.ringkasan()
    assert (ringkasan["jumlah_baru"], ringkasan["jumlah_diubah"], ringkasan["jumlah_tidak_berubah"]) == (0, 0, 3)
    assert ringkasan["jumlah_unit_baru"] == ringkasan["jumlah_unit_diubah"] == 0
    assert hasil.akun_dibuat == 0
    assert list(Pegawai.objects.order_by("nip").values()) == sebelum
    assert jumlah() == jumlah_sebelum


def test_preview_lists_new_changed_with_old_and_new_values_and_unchanged_without_writing(db):
    rows = roster_kecil()
    impor_roster("roster.xlsx", xlsx(rows))
    rows[1]["Golongan"] = "III/b"
    rows[1]["Nama Unit"] = "Bidang Uji Baru"
    rows[2]["Nama Unit"] = "Bidang Uji Baru"
    baru = baris_pegawai(7, **{"Kode Unit": "90", "Nama Unit": "Dinas Uji"})
    sebelum = jumlah()

    ringkasan = pratinjau_roster("roster.xlsx", xlsx([*rows, baru])).ringkasan()

    assert jumlah() == sebelum
    assert Pegawai.objects.get(nip=rows[1]["NIP"]).golongan == "III/a"
    assert ringkasan["jumlah_baru"] == 1 and ringkasan["baru"][0]["nip"] == baru["NIP"]
    assert ringkasan["baru"][0]["baris"] == 5
    assert ringkasan["jumlah_tidak_berubah"] == 2
    assert ringkasan["jumlah_diubah"] == 1
    diubah = ringkasan["diubah"][0]
    assert (diubah["nip"], diubah["baris"]) == (rows[1]["NIP"], 3)
    assert diubah["perubahan"] == [{"kolom": "Golongan", "lama": "III/a", "baru": "III/b"}]
    assert ringkasan["jumlah_unit_diubah"] == 1


def test_it_never_deletes_missing_asn_and_marks_them_inactive_only_when_asked(db):
    rows = roster_kecil()
    impor_roster("roster.xlsx", xlsx(rows))
    tanpa_staf = xlsx([rows[0], rows[2]])

    rencana = pratinjau_roster("roster.xlsx", tanpa_staf)
    assert [nip for nip, _ in rencana.hilang] == [rows[1]["NIP"]]
    impor_roster("roster.xlsx", tanpa_staf)
    assert Pegawai.objects.get(nip=rows[1]["NIP"]).aktif

    hasil = impor_roster("roster.xlsx", tanpa_staf, nonaktifkan_yang_hilang=True)
    assert hasil.dinonaktifkan == 1
    staf = Pegawai.objects.get(nip=rows[1]["NIP"])
    assert not staf.aktif
    assert Pegawai.objects.filter(aktif=True).count() == 2

    kembali = impor_roster("roster.xlsx", xlsx(rows)).ringkasan()
    assert kembali["diubah"][0]["perubahan"] == [{"kolom": "Aktif", "lama": "Tidak", "baru": "Ya"}]
    assert Pegawai.objects.get(nip=rows[1]["NIP"]).aktif


def test_dry_run_reports_the_plan_and_writes_nothing(db):
    sebelum = jumlah()
    hasil = impor_roster("roster.xlsx", xlsx(roster_kecil()), dry_run=True)
    assert hasil.rencana.ringkasan()["jumlah_baru"] == 3
    assert jumlah() == sebelum


def test_it_accepts_a_supervisor_already_in_the_database(org):
    r = baris_pegawai(50, **{"NIP Atasan": org.atasan_a.nip, "Kode Unit": "75.01.01", "Nama Unit": org.bidang_a.nama})
    impor_roster("roster.xlsx", xlsx([r]))
    assert Pegawai.objects.get(nip=r["NIP"]).atasan == org.atasan_a


# Refusals: each one reports the row and column, and writes nothing ------------------------------------


def _satu(galat, baris, kolom, potongan):
    cocok = [g for g in galat if g.row == baris and g.column == kolom and potongan in g.message]
    assert cocok, f"tidak ada galat {baris}/{kolom}/{potongan!r} di {[str(g) for g in galat]}"


def test_it_refuses_an_nip_stored_as_a_number_and_writes_nothing(org):
    rows = roster_kecil()
    rows[1]["NIP"] = int(rows[1]["NIP"])
    galat = tolak("roster.xlsx", xlsx(rows))
    _satu(galat, 3, "NIP", "Format kolom NIP sebagai Teks")
    _satu(galat, 3, "NIP", "15 digit")


@pytest.mark.parametrize(
    "ubah, kolom, potongan",
    [
        ({"NIP": "19860926201505100"}, "NIP", "18 digit"),
        ({"NIP": "198602302015051001"}, "NIP", "tanggal lahir"),
        ({"Jenis Kelamin": "P"}, "NIP", "tidak sesuai dengan jenis kelamin"),
        ({"Tanggal Lahir": datetime.date(1950, 1, 1)}, "NIP", "tidak sesuai dengan tanggal lahir"),
        ({"Tanggal Lahir": "31/02/1990"}, "Tanggal Lahir", "bukan tanggal yang ada"),
        ({"Tanggal Lahir": "1990/31/12"}, "Tanggal Lahir", "dd/mm/yyyy"),
        ({"Email": "bukan-email"}, "Email", "bukan alamat email"),
        ({"Golongan": "V/a"}, "Golongan", "tidak dikenal"),
        ({"Jenis Kelamin": "X"}, "Jenis Kelamin", "L atau P"),
        ({"Status Kepegawaian": "Honorer"}, "Status Kepegawaian", "PNS atau PPPK"),
        ({"Jenis Jabatan": "Raja"}, "Jenis Jabatan", "tidak dikenal"),
        ({"Nama": ""}, "Nama", "wajib diisi"),
        ({"Kode Unit": "", "Nama Unit": "Bidang Entah"}, "Nama Unit", "Tidak ada unit kerja bernama 'Bidang Entah'"),
        ({"Kelas Jabatan": 18}, "Kelas Jabatan", "1 sampai 17"),
        ({"Kelas Jabatan": "tinggi"}, "Kelas Jabatan", "1 sampai 17"),
        ({"Status Kepegawaian": "", "Golongan": ""}, "Status Kepegawaian", "wajib diisi"),
        ({"No HP": 81234567890}, "No HP", "Format kolom No HP sebagai Teks"),
        ({"No HP": "telepon saya"}, "No HP", "hanya boleh berisi angka"),
        ({"No HP": "0812"}, "No HP", "panjangnya tidak sesuai"),
        ({"Kode Unit": 90.1}, "Kode Unit", "Format kolom Kode Unit sebagai Teks"),
        ({"NIP Atasan": buat_nip(29999)}, "NIP Atasan", "tidak ada di berkas maupun di basis data"),
        ({"Nama": "x" * 151}, "Nama", "paling banyak 150"),
    ],
)
def test_it_refuses_an_invalid_cell_and_writes_nothing(org, ubah, kolom, potongan):
    rows = roster_kecil()
    rows[1].update(ubah)
    galat = tolak("roster.xlsx", xlsx(rows))
    _satu(galat, 3, kolom, potongan)


def test_it_refuses_duplicate_nip_and_writes_nothing(org):
    rows = roster_kecil()
    rows.append({**rows[1], "Nama": "Kembaran"})
    galat = tolak("roster.xlsx", xlsx(rows))
    _satu(galat, 5, "NIP", "sudah ada di baris 3")


def test_it_refuses_a_supervisor_cycle_in_the_file_and_writes_nothing(org):
    rows = roster_kecil()
    rows[0]["NIP Atasan"] = rows[1]["NIP"]  # kepala → staf → atasan → kepala
    galat = tolak("roster.xlsx", xlsx(rows))
    _satu(galat, 2, "NIP Atasan", "lingkaran")


def test_it_refuses_a_supervisor_cycle_formed_with_database_rows_and_writes_nothing(org):
    # In the database staf_a1 reports to atasan_a; the file makes atasan_a report to staf_a1.
    a = org.atasan_a
    r = baris_pegawai(
        0,
        nip=a.nip,
        Nama=a.nama,
        **{"Jenis Kelamin": a.jenis_kelamin, "NIP Atasan": org.staf_a1.nip, "Tanggal Lahir": a.tanggal_lahir},
    )
    galat = tolak("roster.xlsx", xlsx([r]))
    _satu(galat, 2, "NIP Atasan", "lingkaran")


def test_it_refuses_a_missing_required_column_and_writes_nothing(org):
    # Either column tells PNS from PPPK; without both the file cannot.
    judul = [j for j in JUDUL if j not in ("Status Kepegawaian", "Golongan")]
    galat = tolak("roster.xlsx", xlsx(roster_kecil(), judul=judul))
    _satu(galat, 1, "Status Kepegawaian", "Kolom wajib")


def test_it_refuses_an_unknown_parent_unit_and_writes_nothing(org):
    rows = roster_kecil()
    for r in rows[1:]:
        r["Kode Unit Induk"] = "99"
    galat = tolak("roster.xlsx", xlsx(rows))
    _satu(galat, 3, "Kode Unit Induk", "99 tidak dikenal")


def test_it_refuses_a_unit_tree_cycle_and_writes_nothing(org):
    rows = roster_kecil()
    rows[0]["Kode Unit Induk"] = "90.01"  # 90 under 90.01 under 90
    galat = tolak("roster.xlsx", xlsx(rows))
    _satu(galat, 2, "Kode Unit Induk", "lingkaran")


def test_it_refuses_one_unit_code_with_two_names_and_writes_nothing(org):
    rows = roster_kecil()
    rows[2]["Nama Unit"] = "Bidang Lain"
    galat = tolak("roster.xlsx", xlsx(rows))
    _satu(galat, 4, "Nama Unit", "Satu kode unit harus satu nama")


def test_it_reports_every_error_of_every_row_at_once(org):
    rows = roster_kecil()
    rows[0]["Email"] = "salah"
    rows[1]["NIP"] = int(rows[1]["NIP"])
    rows[2]["Golongan"] = "Z"
    galat = tolak("roster.xlsx", xlsx(rows))
    assert [(g.row, g.column) for g in galat][:3] == [(2, "Email"), (3, "NIP"), (4, "Golongan")]


def _zip_tanpa_buku_kerja():
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w") as z:
        z.writestr("isi.txt", "bukan excel")
    return keluaran.getvalue()


@pytest.mark.parametrize(
    "nama, data, potongan",
    [
        ("roster.xlsx", csv_bytes(roster_kecil()), "bukan berkas Excel"),
        ("roster.xlsx", _zip_tanpa_buku_kerja(), "bukan buku kerja Excel"),
        ("roster.csv", xlsx(roster_kecil()), "isinya biner"),
        ("roster.csv", b"NIP,Nama\x00\x01\x02", "isinya biner"),
        ("roster.pdf", b"%PDF-1.4", "Format berkas tidak didukung"),
        ("roster.xls", b"\xd0\xcf\x11\xe0", "bukan berkas Excel 97-2003 (.xls)"),
        ("roster.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "rusak dan tidak dapat dibaca"),
        ("roster.ods", xlsx(roster_kecil()), "bukan buku kerja OpenDocument"),
        ("roster.csv", b"", "kosong"),
        ("roster.csv", b"\n\n", "judul kolom"),
    ],
)
def test_it_refuses_a_file_that_is_not_what_its_name_says_and_writes_nothing(org, nama, data, potongan):
    galat = tolak(nama, data)
    assert potongan in galat[0].message


def test_it_refuses_a_file_over_the_size_limit_and_writes_nothing(org, settings):
    settings.ROSTER_MAX_UPLOAD_MB = 1
    data = csv_bytes(roster_kecil()) + b"," * (1024 * 1024)
    galat = tolak("roster.csv", data)
    assert "melebihi batas 1 MB" in galat[0].message


def test_it_refuses_an_unknown_supervisor_even_when_other_rows_are_valid(org):
    PegawaiFactory()
    rows = roster_kecil()
    rows[2]["NIP Atasan"] = buat_nip(29998)
    galat = tolak("roster.csv", csv_bytes(rows, pemisah=";", bom=True))
    _satu(galat, 4, "NIP Atasan", "tidak ada di berkas maupun di basis data")


def test_an_existing_asn_without_an_account_gets_one_and_is_otherwise_unchanged(db):
    rows = roster_kecil()
    impor_roster("roster.xlsx", xlsx(rows))
    staf = Pegawai.objects.get(nip=rows[1]["NIP"])
    akun_lama = staf.user
    staf.user = None
    staf.save(update_fields=["user"])
    akun_lama.delete()

    hasil = impor_roster("roster.xlsx", xlsx(rows))

    assert hasil.akun_dibuat == 1 and hasil.rencana.tidak_berubah == 3
    staf.refresh_from_db()
    assert staf.user.username == staf.nip and not staf.user.has_usable_password()


def test_a_changed_row_updates_every_field_and_keeps_the_account(db):
    rows = roster_kecil()
    impor_roster("roster.xlsx", xlsx(rows))
    akun = Pegawai.objects.get(nip=rows[1]["NIP"]).user
    rows[1].update({"Nama": "Nama Baru", "Gelar Depan": "Dr.", "NIP Atasan": rows[0]["NIP"], "No HP": ""})

    impor_roster("roster.csv", csv_bytes(rows))

    staf = Pegawai.objects.get(nip=rows[1]["NIP"])
    assert (staf.nama, staf.gelar_depan, staf.no_hp, staf.user) == ("Nama Baru", "Dr.", "", akun)
    assert staf.atasan.nip == rows[0]["NIP"]


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_the_spreadsheet(org):
    rows = roster_kecil()
    rows.insert(1, {})  # an empty spreadsheet row 3
    rows[3]["Email"] = "salah"
    galat = tolak("roster.xlsx", xlsx(rows))
    assert [(g.row, g.column) for g in galat] == [(5, "Email")]
