"""The angka kredit of a jabatan fungsional on the ASN's page (year by year, total, what the next pangkat or jenjang
needs) and in HR's XLSX; and kelas jabatan on the ASN's page, the admin, the roster template and export."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from kinerja.models import KoefisienAngkaKredit, Pegawai
from tests.factories import EvaluasiKinerjaFactory, PegawaiFactory, PeriodeFactory
from tests.kinerja.pegawai.berkas_roster import pastikan_data_bawaan

DI_ATAS, SESUAI, DI_BAWAH = "DI_ATAS", "SESUAI", "DI_BAWAH"


@pytest.fixture(autouse=True)
def data_bawaan(db):
    pastikan_data_bawaan()


def tahunan(pegawai, tahun, hasil, perilaku, status="FINAL"):
    periode = PeriodeFactory(tahun=tahun, jenis="TAHUNAN", nomor=1)
    return EvaluasiKinerjaFactory(
        periode=periode, pegawai=pegawai, status=status, rating_hasil_kerja=hasil, rating_perilaku_kerja=perilaku
    )


@pytest.fixture
def jf(org):
    """staf_a1, an Ahli Pertama III/a with 10 angka kredit from the last PAK, counted from 2024."""
    staf = org.staf_a1
    staf.jenis_jabatan, staf.golongan = "AHLI_PERTAMA", "III/a"
    staf.angka_kredit_awal, staf.angka_kredit_sejak_tahun = Decimal(10), 2024
    staf.save()
    tahunan(staf, 2023, DI_ATAS, DI_ATAS)  # before the PAK: not counted
    tahunan(staf, 2024, DI_ATAS, DI_ATAS)  # Sangat Baik: 150% × 12,5 = 18,75
    tahunan(staf, 2025, SESUAI, SESUAI)  # Baik: 12,5
    tahunan(staf, 2026, DI_BAWAH, DI_BAWAH, status="DINILAI")  # not final yet
    return staf


def halaman(client, user, pegawai):
    client.force_login(user)
    return client.get(reverse("detail_pegawai", args=[pegawai.pk]))


@pytest.mark.parametrize("siapa", ["staf_a1", "hr_a", "admin"])
def test_the_asn_and_their_hr_see_the_angka_kredit_year_by_year(org, jf, client, siapa):
    user = getattr(org, siapa)
    user = getattr(user, "user", user)
    teks = halaman(client, user, jf).content.decode()
    assert 'id="angka-kredit"' in teks
    assert '<th scope="row">2023</th>' not in teks
    assert '<th scope="row">2024</th><td>Sangat Baik</td><td class="text-end">150</td>' in teks
    assert '<td class="text-end">12,5</td><td class="text-end">18,75</td>' in teks
    assert '<th scope="row">2025</th><td>Baik</td><td class="text-end">100</td>' in teks
    assert '<th scope="row">2026</th>' not in teks
    assert 'id="total-angka-kredit">41,25<' in teks
    assert "Kurang 8,75 dari 50 angka kredit untuk kenaikan pangkat." in teks


def test_the_supervisor_does_not_see_the_angka_kredit(org, jf, client):
    teks = halaman(client, org.atasan_a.user, jf).content.decode()
    assert teks and 'id="angka-kredit"' not in teks and "Kelas jabatan" in teks


def test_an_asn_outside_a_jabatan_fungsional_has_no_angka_kredit(org, client):
    teks = halaman(client, org.hr_a.user, org.atasan_a).content.decode()
    assert 'id="angka-kredit"' not in teks


def test_a_coefficient_changed_in_the_admin_changes_the_figures(org, jf, client):
    KoefisienAngkaKredit.objects.filter(jenjang="AHLI_PERTAMA").update(koefisien=Decimal(20))
    teks = halaman(client, org.hr_a.user, jf).content.decode()
    assert 'id="total-angka-kredit">60<' in teks  # 10 + 150% × 20 + 100% × 20
    assert "Angka kredit untuk kenaikan pangkat (50) sudah terpenuhi." in teks


def test_the_page_reads_the_angka_kredit_in_a_fixed_number_of_queries(org, jf, client, django_assert_max_num_queries):
    client.force_login(org.hr_a.user)
    client.get(reverse("detail_pegawai", args=[jf.pk]))  # the session and role lookups of a first request
    for tahun in range(2010, 2020):
        tahunan(jf, tahun, SESUAI, SESUAI)
    # 15 whatever the number of years: the page's own, the evaluations card (evaluations, kept e-Kinerja results)
    # and the angka kredit (final annual predikat, the three tables).
    with django_assert_max_num_queries(15):
        assert client.get(reverse("detail_pegawai", args=[jf.pk])).status_code == 200


def _lembar(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="angka-kredit-')
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    baris = list(ws.iter_rows(values_only=True))
    return baris[0], {r[0]: dict(zip(baris[0], r, strict=True)) for r in baris[1:]}


def test_hr_exports_the_angka_kredit_of_their_units_jabatan_fungsional(org, jf, client, django_assert_max_num_queries):
    for _ in range(5):
        PegawaiFactory(unit_kerja=org.bidang_a, jenis_jabatan="AHLI_MUDA", golongan="III/c")
    client.force_login(org.hr_a.user)
    client.get(reverse("ekspor_angka_kredit"))  # the session and role lookups of a first request
    with django_assert_max_num_queries(9):
        response = client.get(reverse("ekspor_angka_kredit"))
    judul, baris = _lembar(response)
    assert judul[:8] == ("NIP", "Nama", "Jabatan", "Jenjang", "Golongan", "Unit Kerja", "AK Awal", "Sejak Tahun")
    # 2023 is a column (another ASN's PAK may count it), empty for this one.
    assert judul[8:11] == ("AK 2023", "AK 2024", "AK 2025")
    assert judul[11:] == ("Total AK", "AK Dibutuhkan", "Untuk", "Kekurangan", "Keterangan")
    r = baris[jf.nip]
    assert (r["Jenjang"], r["AK 2023"], r["AK 2024"], r["AK 2025"], r["Total AK"]) == (
        "Fungsional Ahli Pertama",
        None,
        18.75,
        12.5,
        41.25,
    )
    assert (r["AK Dibutuhkan"], r["Untuk"], r["Kekurangan"]) == (50, "Kenaikan pangkat", 8.75)
    assert org.staf_b.nip not in baris  # another OPD
    assert org.atasan_a.nip not in baris  # not a jabatan fungsional
    assert len([n for n, r in baris.items() if r["Jenjang"] == "Fungsional Ahli Muda"]) == 5


def test_the_export_follows_the_list_filters(org, jf, client):
    client.force_login(org.admin)
    _, baris = _lembar(client.get(reverse("ekspor_angka_kredit"), {"q": jf.nama}))
    assert list(baris) == [jf.nip]


# Kelas jabatan ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kelas", [0, 18])
def test_kelas_jabatan_is_1_to_17(org, kelas):
    staf = org.staf_a1
    staf.kelas_jabatan = kelas
    with pytest.raises(ValidationError) as galat:
        staf.full_clean()
    assert "kelas_jabatan" in galat.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Pegawai.objects.filter(pk=staf.pk).update(kelas_jabatan=kelas)


def test_kelas_jabatan_is_shown_and_edited_in_the_admin(org, client):
    staf = org.staf_a1
    staf.kelas_jabatan = 8
    staf.save()
    assert 'id="kelas-jabatan">8</dd>' in halaman(client, staf.user, staf).content.decode()
    admin = org.admin
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    form = client.get(reverse("admin:kinerja_pegawai_change", args=[staf.pk])).content.decode()
    assert 'name="kelas_jabatan"' in form and 'name="angka_kredit_awal"' in form


def test_kelas_jabatan_is_a_column_of_the_template_and_the_export(org, client):
    client.force_login(org.admin)
    org.staf_a1.kelas_jabatan = 7
    org.staf_a1.save()
    ws = openpyxl.load_workbook(io.BytesIO(client.get(reverse("templat_roster", args=["xlsx"])).content)).active
    assert "Kelas Jabatan" in [c.value for c in ws[1]]
    ws = openpyxl.load_workbook(io.BytesIO(client.get(reverse("ekspor_roster", args=["xlsx"])).content)).active
    baris = list(ws.iter_rows(values_only=True))
    kolom = baris[0].index("Kelas Jabatan")
    assert next(r for r in baris[1:] if r[0] == org.staf_a1.nip)[kolom] == 7
