"""Property-based fuzzing of the roster and attendance imports (hypothesis).

Random and malformed rows, headers and bytes, through the upload pages and through the services: never a
server error, never a partial write (row counts unchanged whenever the file has any error), every error a
located Indonesian message. The number of examples comes from the hypothesis profile (tests/conftest.py).

The function-scoped fixtures (org, client) are deliberately shared by a test's examples: each example
compares the counts before and after itself, so what an earlier example imported does not matter.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.spreadsheet import FileRefused
from evaluasi import services as svc_fakta
from evaluasi.impor import FORMAT
from evaluasi.models import ImporFakta, RekapKehadiran
from kinerja.models import ImporRoster, Pegawai, UnitKerja
from kinerja.pegawai import services
from tests.kinerja.pegawai.berkas_roster import JUDUL, baris_pegawai, csv_bytes, xlsx

User = get_user_model()
pytestmark = pytest.mark.django_db

BERBAGI_FIXTURE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
JUDUL_HADIR = [j for _, j in FORMAT["KEHADIRAN"].kolom]
# A message that leaked from Python or a library rather than one written for the user.
BUKAN_PESAN_KITA = re.compile(r"Traceback|Error\b|Exception|NoneType|object at 0x|invalid literal|\bthe\b", re.I)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class Berkas:
    """A generated file: its name, bytes, data-row count, and all its text (which messages may quote)."""

    def __init__(self, nama, data, jumlah, rows, judul):
        self.nama, self.data, self.jumlah = nama, data, jumlah
        self.isi = " ".join([*map(str, judul), *(str(v) for r in rows for v in r.values())])

    def __repr__(self):
        return f"Berkas({self.nama!r}, {self.data!r})"


# Strategies ---------------------------------------------------------------------------------------------

teks_liar = st.one_of(
    st.text(max_size=40),
    st.text(min_size=300, max_size=3000),
    st.sampled_from(
        [
            "",
            " ",
            "=1+1",
            '=HYPERLINK("http://x")',
            "+62812",
            "-5",
            "@SUM(A1)",
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "Ñandú 東京 😀",
            "31/02/2020",
            "2020-13-01",
            "00/00/0000",
            "1e309",
            "NaN",
            "∞",
            "１２３",
            "19800101200",
            "1980010120051210011",
            "'=1",
            "\u200b",
            "\ufeff",
        ]
    ),
)
nilai_liar = st.one_of(
    teks_liar,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.datetimes(min_value=datetime.datetime(1900, 1, 1)),
)


def bersih(nilai):
    """What openpyxl can store: XML forbids some control characters in cells."""
    return ILLEGAL_CHARACTERS_RE.sub("", nilai) if isinstance(nilai, str) else nilai


def tanpa_nul(nilai):
    return nilai.replace("\x00", "") if isinstance(nilai, str) else nilai


def tulis(nama, format_berkas, rows, judul, pemisah=","):
    if format_berkas == "xlsx":
        data = xlsx([{k: bersih(v) for k, v in r.items()} for r in rows], judul)
    else:
        data = csv_bytes([{k: tanpa_nul(v) for k, v in r.items()} for r in rows], judul, pemisah)
    return Berkas(f"{nama}.{format_berkas}", data, len(rows), rows, judul)


@st.composite
def berkas_roster(draw):
    """(name, bytes, row count): valid rows with random cells replaced, duplicated NIPs, odd headers."""
    jumlah = draw(st.integers(min_value=1, max_value=6))
    awal = draw(st.integers(min_value=1, max_value=500))
    rows = [baris_pegawai(awal + i) for i in range(jumlah)]
    for r in rows:
        for kolom in draw(st.lists(st.sampled_from(JUDUL), max_size=4, unique=True)):
            r[kolom] = draw(nilai_liar)
    if jumlah > 1 and draw(st.booleans()):
        rows[-1]["NIP"] = rows[0]["NIP"]
    judul = list(JUDUL)
    if draw(st.booleans()):
        judul = draw(st.permutations(judul))
    judul = [j for j in judul if j not in draw(st.lists(st.sampled_from(JUDUL), max_size=2))]
    judul += draw(st.lists(st.sampled_from(["No", "Catatan", "NIP", "nama", "", "=SUM(A1)"]), max_size=2))
    return tulis("roster", draw(st.sampled_from(["xlsx", "csv"])), rows, judul, draw(st.sampled_from(",;")))


def jumlah_roster():
    return Pegawai.objects.count(), UnitKerja.objects.count(), User.objects.count()


def periksa_galat(galat, jumlah_baris, isi_berkas=""):
    """Every message non-empty and ours (words quoted from the file aside), located within the file."""
    dari_berkas = set(re.findall(r"\w+", isi_berkas))
    for g in galat:
        kata_kita = " ".join(w for w in re.findall(r"\w+", g["pesan"]) if w not in dari_berkas)
        assert g["pesan"].strip() and not BUKAN_PESAN_KITA.search(kata_kita), g
        assert g["baris"] is None or 1 <= g["baris"] <= jumlah_baris + 1, g


# Roster -------------------------------------------------------------------------------------------------


@BERBAGI_FIXTURE
@given(berkas=berkas_roster())
def test_fuzzed_roster_through_the_pages_never_errors_and_never_writes_part(org, client, berkas):
    nama, data, jumlah_baris = berkas.nama, berkas.data, berkas.jumlah
    client.force_login(org.admin)
    sebelum = jumlah_roster()
    response = client.post(reverse("impor_roster"), {"berkas": SimpleUploadedFile(nama, data)})
    assert response.status_code == 302, response.status_code
    job = ImporRoster.objects.latest("pk")
    event("berkas bergalat" if job.galat else "berkas bersih")
    periksa_galat(job.galat, jumlah_baris, berkas.isi)
    assert client.get(response.url).status_code == 200
    client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))
    job.refresh_from_db()
    if job.galat:
        assert job.status == ImporRoster.Status.PRATINJAU
        assert jumlah_roster() == sebelum
    else:
        assert job.status == ImporRoster.Status.SELESAI
        assert Pegawai.objects.count() == sebelum[0] + job.ringkasan["jumlah_baru"]


@BERBAGI_FIXTURE
@given(berkas=berkas_roster())
def test_fuzzed_roster_through_the_service_is_all_or_nothing(org, berkas):
    nama, data, jumlah_baris = berkas.nama, berkas.data, berkas.jumlah
    sebelum = jumlah_roster()
    try:
        hasil = services.impor_roster(nama, data)
    except services.ImporDitolak as exc:
        assert exc.galat
        periksa_galat([g.as_dict() for g in exc.galat], jumlah_baris, berkas.isi)
        assert all(g.row for g in exc.galat)  # row errors are located; header problems are row 1
        assert jumlah_roster() == sebelum
    except FileRefused as exc:
        periksa_galat([{"baris": None, "pesan": str(exc)}], jumlah_baris, berkas.isi)
        assert jumlah_roster() == sebelum
    else:
        assert Pegawai.objects.count() == sebelum[0] + len(hasil.rencana.baru)


nip_rusak = st.one_of(
    st.text(max_size=30).filter(lambda t: not re.fullmatch(r"\s*\d{18}\s*", t)),
    st.integers(min_value=0, max_value=10**18),
    st.floats(allow_nan=False),
)


@BERBAGI_FIXTURE
@given(
    jumlah=st.integers(min_value=1, max_value=5),
    posisi=st.integers(min_value=0, max_value=5),
    nip=nip_rusak,
    lain=st.lists(teks_liar.map(bersih), min_size=3, max_size=3),
    format_berkas=st.sampled_from(["xlsx", "csv"]),
)
def test_one_bad_row_among_good_ones_is_named_by_its_row_and_nothing_is_written(
    org, jumlah, posisi, nip, lain, format_berkas
):
    rows = [baris_pegawai(600 + i) for i in range(jumlah)]
    posisi = min(posisi, jumlah)
    buruk = baris_pegawai(700, NIP=nip, Nama=lain[0], Jabatan=lain[1], **{"Nama Unit": lain[2]})
    buruk["NIP"] = bersih(nip) if format_berkas == "xlsx" else tanpa_nul(nip)
    rows.insert(posisi, buruk)
    data = xlsx(rows) if format_berkas == "xlsx" else csv_bytes([{k: tanpa_nul(v) for k, v in r.items()} for r in rows])
    sebelum = jumlah_roster()
    with pytest.raises(services.ImporDitolak) as ditolak:
        services.impor_roster(f"roster.{format_berkas}", data)
    assert any(g.row == posisi + 2 and g.column == "NIP" for g in ditolak.value.galat), ditolak.value.galat
    assert any(str(g).startswith(f"Baris {posisi + 2}, kolom NIP: ") for g in ditolak.value.galat)
    assert jumlah_roster() == sebelum


@BERBAGI_FIXTURE
@given(
    data=st.binary(max_size=2000),
    nama=st.sampled_from(["roster.xlsx", "roster.csv"]),
    awalan=st.sampled_from([b"", b"PK\x03\x04", b"NIP;Nama\n"]),
)
def test_random_bytes_get_a_message_not_an_error(org, client, data, nama, awalan):
    client.force_login(org.admin)
    sebelum = jumlah_roster()
    response = client.post(reverse("impor_roster"), {"berkas": SimpleUploadedFile(nama, awalan + data)})
    assert response.status_code in (200, 302)
    event(f"HTTP {response.status_code}")
    if response.status_code == 200:
        (pesan,) = response.context["form"].errors["berkas"]
        periksa_galat([{"baris": None, "pesan": pesan}], 0, (awalan + data).decode("utf-8", "replace"))
    else:
        job = ImporRoster.objects.latest("pk")
        periksa_galat(job.galat, len(data), (awalan + data).decode("utf-8", "replace"))
        client.post(reverse("impor_roster_konfirmasi", args=[job.pk]))
    assert jumlah_roster() == sebelum


# Attendance ---------------------------------------------------------------------------------------------


@st.composite
def berkas_hadir(draw, pegawai):
    jumlah = draw(st.integers(min_value=1, max_value=5))
    rows = []
    for i in range(jumlah):
        p = draw(st.sampled_from(pegawai))
        r = {"NIP": p.nip, "Tahun": 2026, "Bulan": 1 + i % 12, "Hari Kerja": 22, "Hadir": 20, "Cuti": 2}
        for kolom in draw(st.lists(st.sampled_from(JUDUL_HADIR), max_size=4, unique=True)):
            r[kolom] = draw(nilai_liar)
        rows.append(r)
    judul = [j for j in JUDUL_HADIR if j not in draw(st.lists(st.sampled_from(JUDUL_HADIR), max_size=2))]
    judul += draw(st.lists(st.sampled_from(["No", "Bulan", "Keterangan"]), max_size=1))
    return tulis("hadir", draw(st.sampled_from(["xlsx", "csv"])), rows, judul)


@pytest.fixture
def pegawai_a(org):
    return [org.staf_a1, org.staf_a2, org.atasan_a, org.staf_b]


@BERBAGI_FIXTURE
@given(st.data())
def test_fuzzed_attendance_through_the_pages_never_errors_and_never_writes_part(org, client, pegawai_a, data):
    berkas = data.draw(berkas_hadir(pegawai_a))
    nama, isi, jumlah_baris = berkas.nama, berkas.data, berkas.jumlah
    client.force_login(org.hr_a.user)
    sebelum = RekapKehadiran.objects.count()
    response = client.post(reverse("evaluasi:impor"), {"jenis": "KEHADIRAN", "berkas": SimpleUploadedFile(nama, isi)})
    assert response.status_code == 302, response.status_code
    job = ImporFakta.objects.latest("pk")
    event("berkas bergalat" if job.galat else "berkas bersih")
    periksa_galat(job.galat, jumlah_baris, berkas.isi)
    assert client.get(response.url).status_code == 200
    client.post(reverse("evaluasi:impor_konfirmasi", args=[job.pk]))
    job.refresh_from_db()
    if job.galat:
        assert job.status != ImporFakta.Status.SELESAI
        assert RekapKehadiran.objects.count() == sebelum
    else:
        assert job.status == ImporFakta.Status.SELESAI
        assert RekapKehadiran.objects.count() == sebelum + job.ringkasan["jumlah_baru"]


@BERBAGI_FIXTURE
@given(st.data())
def test_fuzzed_attendance_through_the_service_is_all_or_nothing(org, pegawai_a, data):
    berkas = data.draw(berkas_hadir(pegawai_a))
    nama, isi, jumlah_baris = berkas.nama, berkas.data, berkas.jumlah
    sebelum = RekapKehadiran.objects.count()
    job = svc_fakta.buat_impor(org.admin, "KEHADIRAN", SimpleUploadedFile(nama, isi))
    periksa_galat(job.galat, jumlah_baris, berkas.isi)
    job = svc_fakta.konfirmasi_impor(org.admin, job.pk)
    if job.galat:
        assert RekapKehadiran.objects.count() == sebelum
    else:
        assert RekapKehadiran.objects.count() == sebelum + job.ringkasan["jumlah_baru"]
