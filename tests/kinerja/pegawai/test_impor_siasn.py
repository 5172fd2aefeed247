"""A roster as SIASN exports it — its own headings (NIP BARU, GELAR BLKG, TGL LHR, GOL AKHIR NAMA, JABATAN NAMA,
UNOR NAMA), no unit codes, no status column for some rows, golongan in several spellings — imports through the page
and the command; the preview says which column was read as what; the aliases are data the administrator extends."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from kinerja.models import AliasKolomRoster, ImporRoster, Pegawai
from kinerja.pegawai.roster import pisah_gelar
from tests.factories import UnitKerjaFactory, buat_nip
from tests.kinerja.pegawai.berkas_roster import pastikan_data_bawaan, xlsx

JUDUL_SIASN = [
    "PNS ID",
    "NIP BARU",
    "NAMA",
    "GELAR DEPAN",
    "GELAR BLKG",
    "TGL LHR",
    "JENIS KELAMIN",
    "JENIS PEGAWAI NAMA",
    "GOL AKHIR NAMA",
    "JABATAN NAMA",
    "UNOR NAMA",
    "KELAS JABATAN",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def data_bawaan(db):
    pastikan_data_bawaan()


def _orang(n, kelamin="L", **ubah):
    nip = buat_nip(20000 + n, kelamin)
    baris = {
        "PNS ID": f"A8ACA7F1-{n:04d}",
        "NIP BARU": nip,
        "NAMA": f"Pegawai SIASN {n}",
        "GELAR DEPAN": "",
        "GELAR BLKG": "S.Kom.",
        "TGL LHR": f"{nip[6:8]}-{nip[4:6]}-{nip[:4]}",
        "JENIS KELAMIN": "M" if kelamin == "L" else "F",
        "JENIS PEGAWAI NAMA": "PNS Daerah",
        "GOL AKHIR NAMA": "Penata Muda (III/a)",
        "JABATAN NAMA": "Pranata Komputer Ahli Pertama",
        "UNOR NAMA": "Bidang Pengembangan",
        "KELAS JABATAN": 8,
    }
    baris.update(ubah)
    return baris


def siasn(rows, judul=JUDUL_SIASN):
    """An XLSX as SIASN's download: a title and a date above the headings, NIPs as text."""
    di_atas = [["DATA PNS PEMERINTAH PROVINSI GORONTALO"], ["Diunduh 01-12-2026"]]
    return xlsx(rows, judul, di_atas=di_atas, lembar="Data PNS")


def berkas_contoh(org):
    return [
        _orang(1),
        _orang(2, "P", **{"GOL AKHIR NAMA": "III b", "GELAR DEPAN": "dr.", "GELAR BLKG": "Sp.PD", "KELAS JABATAN": 9}),
        _orang(3, **{"GOL AKHIR NAMA": "3c", "JABATAN NAMA": "Analis SDM Aparatur Ahli Muda"}),
        # A PPPK: SIASN says so, and its golongan has no ruang letter.
        _orang(4, "P", **{"JENIS PEGAWAI NAMA": "PPPK", "GOL AKHIR NAMA": "IX", "UNOR NAMA": "DINAS  KESEHATAN"}),
        # No status: the golongan tells.
        _orang(5, **{"JENIS PEGAWAI NAMA": "", "GOL AKHIR NAMA": "IIIA", "JABATAN NAMA": "Pengadministrasi Umum"}),
    ]


def unggah(client, data, nama="siasn.xlsx"):
    response = client.post(reverse("impor_roster"), {"berkas": SimpleUploadedFile(nama, data)})
    assert response.status_code == 302, response.content[:800]
    return ImporRoster.objects.latest("pk")


def _diimpor():
    return {p.nama: p for p in Pegawai.objects.filter(nama__startswith="Pegawai SIASN").select_related("unit_kerja")}


def test_a_siasn_export_imports_through_the_page_and_the_preview_names_each_column(org, client):
    client.force_login(org.admin)
    job = unggah(client, siasn(berkas_contoh(org)))
    assert job.galat == [] and job.jumlah_baris == 5
    assert job.ringkasan["jumlah_baru"] == 5 and job.ringkasan["jumlah_unit_baru"] == 0

    halaman = client.get(reverse("impor_roster_detail", args=[job.pk])).content.decode()
    assert 'id="kolom-terbaca"' in halaman
    for judul, kolom in [
        ("NIP BARU", "NIP"),
        ("GELAR BLKG", "Gelar Belakang"),
        ("TGL LHR", "Tanggal Lahir"),
        ("JENIS PEGAWAI NAMA", "Status Kepegawaian"),
        ("GOL AKHIR NAMA", "Golongan"),
        ("JABATAN NAMA", "Jabatan"),
        ("UNOR NAMA", "Nama Unit"),
        ("KELAS JABATAN", "Kelas Jabatan"),
    ]:
        assert f'<span class="fw-semibold">{judul}</span> <span aria-hidden="true">→</span>' in halaman
        assert f"dibaca sebagai</span> {kolom}</li>" in halaman
    assert "PNS ID: diabaikan" in halaman
    assert "Baris judul kolom: <strong>baris 3</strong>" in halaman

    client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))
    p = _diimpor()
    assert len(p) == 5
    satu, dua, tiga, empat, lima = (p[f"Pegawai SIASN {n}"] for n in range(1, 6))
    assert (satu.status_kepegawaian, satu.golongan, satu.jenis_jabatan, satu.kelas_jabatan) == (
        "PNS",
        "III/a",
        "AHLI_PERTAMA",
        8,
    )
    assert satu.unit_kerja == org.bidang_a and satu.tanggal_lahir == datetime.date(
        int(satu.nip[:4]), int(satu.nip[4:6]), int(satu.nip[6:8])
    )
    # The titles are stored apart from the name, as the app keeps them, and make the name as documents print it.
    assert (dua.gelar_depan, dua.nama, dua.gelar_belakang) == ("dr.", "Pegawai SIASN 2", "Sp.PD")
    assert dua.nama_lengkap == "dr. Pegawai SIASN 2, Sp.PD" and dua.jenis_kelamin == "P" and dua.golongan == "III/b"
    assert (tiga.golongan, tiga.jenis_jabatan) == ("III/c", "AHLI_MUDA")
    assert (empat.status_kepegawaian, empat.golongan, empat.unit_kerja) == ("PPPK", "IX", org.opd_b)
    assert (lima.status_kepegawaian, lima.golongan, lima.jenis_jabatan) == ("PNS", "III/a", "")


def test_a_siasn_export_keeps_what_it_does_not_carry(org, client):
    """SIASN has no NIP Atasan, Email or No HP: re-importing an ASN changes what the file says, nothing else."""
    staf = org.staf_a1
    staf.email, staf.no_hp, staf.kelas_jabatan = "staf@gorontaloprov.go.id", "081234567890", 7
    staf.save()
    baris = _orang(
        9,
        NAMA=staf.nama,
        **{
            "NIP BARU": staf.nip,
            "TGL LHR": f"{staf.tanggal_lahir:%d-%m-%Y}",
            "GOL AKHIR NAMA": "III/b",
            "GELAR BLKG": "",
            "JABATAN NAMA": staf.jabatan,
        },
    )
    judul = [j for j in JUDUL_SIASN if j != "KELAS JABATAN"]
    client.force_login(org.admin)
    job = unggah(client, siasn([baris], judul))
    assert job.galat == []
    assert [p["kolom"] for p in job.ringkasan["diubah"][0]["perubahan"]] == ["Golongan"]
    client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))
    staf.refresh_from_db()
    assert (staf.golongan, staf.atasan, staf.email, staf.no_hp, staf.kelas_jabatan) == (
        "III/b",
        org.atasan_a,
        "staf@gorontaloprov.go.id",
        "081234567890",
        7,
    )


def test_a_unit_name_that_matches_none_or_several_is_the_rows_error_and_nothing_is_written(org, client):
    UnitKerjaFactory(kode="75.01.09", nama="Sekretariat", induk=org.opd_a)
    UnitKerjaFactory(kode="75.02.09", nama="Sekretariat", induk=org.opd_b)
    rows = [_orang(1, **{"UNOR NAMA": "Bidang Entah"}), _orang(2, **{"UNOR NAMA": "sekretariat"}), _orang(3)]
    client.force_login(org.admin)
    job = unggah(client, siasn(rows))
    assert job.galat == [
        {
            "baris": 4,
            "kolom": "Nama Unit",
            "pesan": "Tidak ada unit kerja bernama 'Bidang Entah' di aplikasi maupun di berkas. Periksa ejaannya, "
            "atau isi kolom Kode Unit (unit baru dibuat dengan kodenya).",
        },
        {
            "baris": 5,
            "kolom": "Nama Unit",
            "pesan": "Ada 2 unit kerja bernama 'sekretariat' (kode 75.01.09, 75.02.09). Isi kolom Kode Unit untuk "
            "memilih salah satunya.",
        },
    ]
    halaman = client.get(reverse("impor_roster_detail", args=[job.pk])).content.decode()
    assert "Ada 2 unit kerja bernama" in halaman
    client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))
    assert _diimpor() == {}


def test_a_golongan_that_contradicts_the_status_is_refused(org, client):
    rows = [
        _orang(1, **{"JENIS PEGAWAI NAMA": "PPPK", "GOL AKHIR NAMA": "III/a"}),
        _orang(2, **{"GOL AKHIR NAMA": "5e"}),
    ]
    client.force_login(org.admin)
    job = unggah(client, siasn(rows))
    assert [(g["baris"], g["kolom"]) for g in job.galat] == [(4, "Golongan"), (5, "Golongan")]
    assert "tidak berlaku untuk PPPK" in job.galat[0]["pesan"]
    assert "tidak dikenal" in job.galat[1]["pesan"]


def test_the_command_imports_a_siasn_export_and_says_how_it_read_the_columns(org, tmp_path, capsys):
    path = tmp_path / "siasn.xlsx"
    path.write_bytes(siasn(berkas_contoh(org)))
    call_command("import_roster", str(path))
    keluaran = capsys.readouterr().out
    assert "NIP BARU → NIP" in keluaran and "UNOR NAMA → Nama Unit" in keluaran
    assert "Diabaikan: PNS ID." in keluaran
    assert "5 baru" in keluaran
    assert len(_diimpor()) == 5


def test_an_alias_the_administrator_adds_in_the_admin_is_read_next_time(org, client):
    judul = ["NOMOR INDUK PEGAWAI" if j == "NIP BARU" else j for j in JUDUL_SIASN]
    rows = [{("NOMOR INDUK PEGAWAI" if k == "NIP BARU" else k): v for k, v in _orang(1).items()}]
    client.force_login(org.admin)
    job = unggah(client, siasn(rows, judul))
    assert any("Kolom wajib 'NIP'" in g["pesan"] for g in job.galat)

    admin = org.admin
    admin.is_staff = admin.is_superuser = True
    admin.save()
    tambah = reverse("admin:kinerja_aliaskolomroster_add")
    response = client.post(tambah, {"kolom": "nip", "alias": "Nomor Induk Pegawai", "sumber": "berkas Dinas Uji"})
    assert response.status_code == 302
    assert AliasKolomRoster.objects.get(alias="Nomor Induk Pegawai").kunci == "nomorindukpegawai"

    job = unggah(client, siasn(rows, judul))
    assert job.galat == [] and job.ringkasan["jumlah_baru"] == 1


@pytest.mark.parametrize(
    "alias, pesan",
    [
        ("N.I.P.", "sudah dikenali sebagai kolom NIP"),  # the template's own heading, punctuation aside
        ("nip_baru", "sudah menjadi alias kolom NIP"),  # the seeded SIASN heading, spelt otherwise
        ("--", "harus berisi huruf atau angka"),
    ],
)
def test_the_admin_refuses_an_alias_that_would_be_ambiguous(org, client, alias, pesan):
    admin = org.admin
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    jumlah = AliasKolomRoster.objects.count()
    response = client.post(reverse("admin:kinerja_aliaskolomroster_add"), {"kolom": "nama", "alias": alias})
    assert response.status_code == 200 and pesan in response.content.decode()
    assert AliasKolomRoster.objects.count() == jumlah


def test_the_seeded_aliases_say_where_each_comes_from(db):
    sumber = dict(AliasKolomRoster.objects.values_list("alias", "sumber"))
    for judul in ("NIP BARU", "GELAR BLKG", "TGL LHR", "GOL AKHIR NAMA", "JABATAN NAMA", "UNOR NAMA"):
        assert "SIASN" in sumber[judul]
    assert all(s for s in sumber.values())


@pytest.mark.parametrize(
    "teks, hasil",
    [
        ("Dr. dr. Siti Aisyah, Sp.PD., M.Kes.", ("Dr. dr.", "Siti Aisyah", "Sp.PD., M.Kes.")),
        ("Ir. Budi Santoso, M.T.", ("Ir.", "Budi Santoso", "M.T.")),
        ("Andi Pakaya, SH, MH", ("", "Andi Pakaya", "SH, MH")),
        ("Drs. H. Rahmat Datau, M.Si.", ("Drs.", "H. Rahmat Datau", "M.Si.")),
        ("Nurhayati Lamatenggo", ("", "Nurhayati Lamatenggo", "")),
        ("Dr.", ("", "Dr.", "")),  # a title alone is not a name: left as it is
        ("Abdul, bin Ahmad Yusuf", ("", "Abdul, bin Ahmad Yusuf", "")),  # not titles after the comma
    ],
)
def test_titles_written_in_the_name_are_split_as_the_app_stores_them(teks, hasil):
    assert pisah_gelar(teks) == hasil


def test_a_file_with_titles_in_the_name_column_stores_them_apart(org, client):
    judul = [j for j in JUDUL_SIASN if j not in ("GELAR DEPAN", "GELAR BLKG")]
    rows = [_orang(1, NAMA="dr. Pegawai SIASN 1, Sp.A, M.Kes."), _orang(2, NAMA="Pegawai SIASN 2")]
    client.force_login(org.admin)
    job = unggah(client, siasn(rows, judul))
    assert job.galat == []
    client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))
    p = _diimpor()
    assert (p["Pegawai SIASN 1"].gelar_depan, p["Pegawai SIASN 1"].gelar_belakang) == ("dr.", "Sp.A, M.Kes.")
    assert p["Pegawai SIASN 1"].nama_lengkap == "dr. Pegawai SIASN 1, Sp.A, M.Kes."
    assert (p["Pegawai SIASN 2"].gelar_depan, p["Pegawai SIASN 2"].gelar_belakang) == ("", "")
