"""Tim Saya: a supervisor's active direct subordinates, in a bounded number of queries."""

import pytest
from django.urls import reverse

from kinerja.models import Pegawai
from tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

URL = reverse("tim_saya")


def test_supervisor_sees_their_active_direct_subordinates(org, login):
    PegawaiFactory(nama="Sudah Pindah", atasan=org.atasan_a, aktif=False, unit_kerja=org.bidang_a)
    tim = login(org.atasan_a).get(URL).context["halaman"]
    assert [p.nama for p in tim] == ["Staf A Dua", "Staf A Satu"]


def test_team_is_direct_subordinates_only(org, login):
    tim = login(org.kepala).get(URL).context["halaman"]
    assert [(p.nama, p.jumlah_bawahan) for p in tim] == [("Atasan A", 2)]


def test_team_rows_show_jabatan_golongan_and_link_to_detail(org, login):
    html = login(org.atasan_a).get(URL).content.decode()
    assert reverse("detail_pegawai", args=[org.staf_a1.pk]) in html
    assert org.staf_a1.jabatan in html
    assert "III/a" in html and "Penata Muda" in html


def test_someone_whose_subordinates_all_left_is_no_longer_a_supervisor(org, login):
    Pegawai.objects.filter(atasan=org.atasan_a).update(aktif=False)
    assert login(org.atasan_a).get(URL).status_code == 403


@pytest.mark.parametrize("n", [5, 60])
def test_team_runs_a_bounded_number_of_queries(org, login, django_assert_max_num_queries, n):
    for _ in range(n):
        bawahan = PegawaiFactory(atasan=org.atasan_a, unit_kerja=org.bidang_a)
        PegawaiFactory(atasan=bawahan, unit_kerja=org.bidang_a)
    client = login(org.atasan_a)
    # Session, user, groups, own Pegawai with "has subordinates"; the team's count and one page of it, each member
    # with their subordinate count; the evaluation section's periods and SKP awaiting approval (no period here: see
    # test_halaman_evaluasi_tim); the bell.
    with django_assert_max_num_queries(9):
        response = client.get(URL)
    assert response.context["halaman"].paginator.count == n + 2
    assert len(response.context["halaman"]) == min(n + 2, 50)
