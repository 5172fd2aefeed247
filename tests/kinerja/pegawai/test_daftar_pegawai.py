"""The ASN list: search, filters, pagination, scope and a bounded number of queries."""

import pytest
from django.urls import reverse

from tests.conftest import perlu_layanan
from tests.factories import PegawaiFactory, UnitKerjaFactory

pytestmark = pytest.mark.django_db

URL = reverse("daftar_pegawai")


def _nama_di_halaman(response):
    return {p.nama for p in response.context["halaman"].object_list}


def test_hr_sees_only_the_asn_of_their_units(org, login):
    names = _nama_di_halaman(login(org.hr_a).get(URL))
    assert {"Kepala Badan", "Atasan A", "Staf A Satu", "Staf A Dua", "Pengelola A"} == names


def test_hr_unit_filter_offers_only_their_units(org, login):
    choices = login(org.hr_a).get(URL).context["form"].fields["unit"].choices
    assert [label for _, label in choices] == [
        "Semua unit",
        "Badan Kepegawaian Daerah (75.01)",
        "— Bidang Pengembangan (75.01.01)",
    ]


def test_hr_cannot_filter_by_another_units_id(org, login):
    response = login(org.hr_a).get(URL, {"unit": org.opd_b.pk})
    assert response.context["form"].errors["unit"]
    assert "Staf B" not in _nama_di_halaman(response)


def test_administrator_sees_everyone_and_every_unit(org, login):
    response = login(org.admin).get(URL)
    assert {"Staf B", "Staf A Satu", "Petugas Layanan"} <= _nama_di_halaman(response)
    labels = [label for _, label in response.context["form"].fields["unit"].choices]
    assert labels == [
        "Semua unit",
        "Pemerintah Provinsi Gorontalo (75)",
        "— Badan Kepegawaian Daerah (75.01)",
        "— — Bidang Pengembangan (75.01.01)",
        "— Dinas Kesehatan (75.02)",
    ]


@pytest.mark.parametrize("q", ["staf a", "STAF A", "Staf A", "  sTaF a  "])
def test_search_by_name_is_case_insensitive(org, login, q):
    assert _nama_di_halaman(login(org.admin).get(URL, {"q": q})) == {"Staf A Satu", "Staf A Dua"}


def test_search_by_full_nip_with_or_without_spaces(org, login):
    nip = org.staf_a2.nip
    client = login(org.admin)
    assert _nama_di_halaman(client.get(URL, {"q": nip})) == {"Staf A Dua"}
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert _nama_di_halaman(client.get(URL, {"q": spaced})) == {"Staf A Dua"}


def test_search_by_part_of_a_nip(org, login):
    PegawaiFactory(nama="Lahir 1990", nip="199005052015051001", tanggal_lahir=None, unit_kerja=org.opd_b)
    assert _nama_di_halaman(login(org.admin).get(URL, {"q": "19900505"})) == {"Lahir 1990"}


def test_search_that_matches_nothing_says_so(org, login):
    response = login(org.admin).get(URL, {"q": "tidak ada orang ini"})
    assert _nama_di_halaman(response) == set()
    assert "Tidak ada pegawai yang cocok" in response.content.decode()


def test_unit_filter_includes_the_subtree(org, login):
    client = login(org.admin)
    assert _nama_di_halaman(client.get(URL, {"unit": org.bidang_a.pk})) == {"Atasan A", "Staf A Satu", "Staf A Dua"}
    assert _nama_di_halaman(client.get(URL, {"unit": org.opd_a.pk})) == {
        "Kepala Badan",
        "Atasan A",
        "Staf A Satu",
        "Staf A Dua",
        "Pengelola A",
    }


def test_status_filter(org, login):
    PegawaiFactory(nama="Guru PPPK", status_kepegawaian="PPPK", golongan="IX", unit_kerja=org.opd_b)
    client = login(org.admin)
    assert _nama_di_halaman(client.get(URL, {"status": "PPPK"})) == {"Guru PPPK"}
    assert "Guru PPPK" not in _nama_di_halaman(client.get(URL, {"status": "PNS"}))


def test_golongan_filter(org, login):
    PegawaiFactory(nama="Pembina Satu", golongan="IV/a", unit_kerja=org.opd_b)
    assert _nama_di_halaman(login(org.admin).get(URL, {"golongan": "IV/a"})) == {"Pembina Satu"}


def test_active_filter_defaults_to_active_only(org, login):
    PegawaiFactory(nama="Sudah Pensiun", aktif=False, unit_kerja=org.opd_b)
    client = login(org.admin)
    assert "Sudah Pensiun" not in _nama_di_halaman(client.get(URL))
    assert "Sudah Pensiun" not in _nama_di_halaman(client.get(URL, {"aktif": "1"}))
    assert _nama_di_halaman(client.get(URL, {"aktif": "0"})) == {"Sudah Pensiun"}
    assert "Sudah Pensiun" in _nama_di_halaman(client.get(URL, {"aktif": "semua"}))


def test_filters_combine(org, login):
    PegawaiFactory(nama="Staf A PPPK", status_kepegawaian="PPPK", golongan="V", unit_kerja=org.bidang_a)
    response = login(org.admin).get(URL, {"q": "staf a", "unit": org.opd_a.pk, "status": "PPPK", "golongan": "V"})
    assert _nama_di_halaman(response) == {"Staf A PPPK"}


def test_rows_show_nip_titles_pangkat_jabatan_unit_and_atasan(org, login):
    PegawaiFactory(
        nama="Siti Rahma",
        gelar_depan="Dr.",
        gelar_belakang="S.E., M.Si.",
        golongan="III/c",
        jabatan="Analis Kebijakan",
        unit_kerja=org.bidang_a,
        atasan=org.atasan_a,
    )
    html = login(org.admin).get(URL, {"q": "siti"}).content.decode()
    assert "Dr. Siti Rahma, S.E., M.Si." in html
    assert "III/c" in html and "Penata" in html
    assert "Analis Kebijakan" in html
    assert 'Bidang Pengembangan<br><span class="text-muted">Badan Kepegawaian Daerah</span>' in html
    assert org.atasan_a.nama_lengkap in html


def _buat_pegawai(unit, n, prefix="Orang"):
    atasan = PegawaiFactory(nama=f"{prefix} Atasan", unit_kerja=unit)
    for i in range(n - 1):
        PegawaiFactory(nama=f"{prefix} {i:03d}", unit_kerja=unit, atasan=atasan)


def test_pagination_keeps_the_filters(org, login):
    _buat_pegawai(org.bidang_a, 120, prefix="Orang")
    client = login(org.admin)
    first = client.get(URL, {"q": "orang", "unit": org.bidang_a.pk})
    halaman = first.context["halaman"]
    assert halaman.paginator.count == 120
    assert len(halaman.object_list) == 50
    html = first.content.decode()
    assert f"?q=orang&amp;unit={org.bidang_a.pk}&amp;halaman=2" in html
    assert "Menampilkan 1–50 dari 120 pegawai" in html

    third = client.get(URL, {"q": "orang", "unit": org.bidang_a.pk, "halaman": 3})
    assert len(third.context["halaman"].object_list) == 20
    assert third.context["halaman"].number == 3
    assert f"?q=orang&amp;unit={org.bidang_a.pk}&amp;halaman=2" in third.content.decode()


def test_a_page_past_the_end_shows_the_last_page(org, login):
    _buat_pegawai(org.bidang_a, 60)
    response = login(org.admin).get(URL, {"halaman": 99})
    assert response.context["halaman"].number == response.context["halaman"].paginator.num_pages


# Session, user, groups, own Pegawai with "has subordinates", HR assignment, unit subtree, unit choices, count,
# rows, and the navbar bell's unread-notification count.
BATAS_QUERY_DAFTAR = 11


@pytest.mark.parametrize("role", ["admin", "hr_a"])
@pytest.mark.parametrize("n", [5, 60])
def test_list_runs_a_bounded_number_of_queries(org, login, django_assert_max_num_queries, role, n):
    for i in range(3):
        UnitKerjaFactory(induk=org.opd_a, nama=f"Seksi {i}")
    _buat_pegawai(org.bidang_a, n)
    client = login(getattr(org, role))
    with django_assert_max_num_queries(BATAS_QUERY_DAFTAR):
        response = client.get(URL, {"unit": org.opd_a.pk})
    assert response.status_code == 200
    assert len(response.context["halaman"].object_list) == min(n + 5, 50)


@pytest.mark.parametrize(
    ("q", "indeks"), [("lestari", "pegawai_nama_trgm_idx"), ("850412201001", "pegawai_nip_trgm_idx")]
)
def test_the_search_by_part_of_a_name_or_nip_reads_a_trigram_index_on_postgresql(org, q, indeks):
    # A btree cannot serve '%q%': without these indexes each search and its page count read the whole roster
    # (5 ms each at 30,000 ASN, see bench/halaman.py). Sequential and whole-index scans are turned off so the small
    # test roster shows which index the pattern itself can use, as the planner does at province scale.
    from django.db import connection

    from kinerja.pegawai import selectors

    if connection.vendor != "postgresql":
        perlu_layanan("DATABASE_URL bukan PostgreSQL: indeks trigram hanya ada di PostgreSQL")
    PegawaiFactory(nama="Sri Lestari", nip="198504122010012001", unit_kerja=org.bidang_a)
    qs = selectors.cari_pegawai(org.admin, q=q)
    # Other ASN of the test roster may match too (factories generate their names and NIP); this one must.
    assert "Sri Lestari" in [p.nama for p in qs]
    sql, params = qs.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as c:
        c.execute("SET LOCAL enable_seqscan = off")
        c.execute("SET LOCAL enable_indexscan = off")
        c.execute("EXPLAIN " + sql, params)
        rencana = "\n".join(r[0] for r in c.fetchall())
    assert indeks in rencana
