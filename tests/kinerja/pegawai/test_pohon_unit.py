"""The unit tree: headcounts per unit and per subtree, scope, links, and two queries whatever its size."""

import pytest
from django.urls import reverse

from tests.factories import PegawaiFactory, UnitKerjaFactory, tugaskan_pengelola

pytestmark = pytest.mark.django_db

URL = reverse("pohon_unit")


def _ratakan(nodes):
    """{kode: (depth, own count, subtree count)} of a tree of SimpulUnit."""
    hasil = {}
    for node in nodes:
        hasil[node.unit.kode] = (node.kedalaman, node.jumlah, node.jumlah_subtree)
        hasil.update(_ratakan(node.anak))
    return hasil


def test_administrator_sees_the_whole_tree_with_active_counts(org, login):
    PegawaiFactory(unit_kerja=org.bidang_a, aktif=False)
    pohon = login(org.admin).get(URL).context["pohon"]
    assert [node.unit.kode for node in pohon] == ["75"]
    assert _ratakan(pohon) == {
        "75": (0, 0, 8),
        "75.01": (1, 2, 5),
        "75.01.01": (2, 3, 3),
        "75.02": (1, 3, 3),
    }


def test_hr_sees_only_their_assigned_subtree(org, login):
    pohon = login(org.hr_a).get(URL).context["pohon"]
    assert _ratakan(pohon) == {"75.01": (0, 2, 5), "75.01.01": (1, 3, 3)}


def test_hr_with_two_assignments_gets_two_roots(org, login):
    tugaskan_pengelola(org.hr_b.user, org.bidang_a)
    pohon = login(org.hr_b).get(URL).context["pohon"]
    assert [node.unit.kode for node in pohon] == ["75.01.01", "75.02"]


def test_each_unit_links_to_the_list_filtered_by_it(org, login):
    html = login(org.hr_a).get(URL).content.decode()
    assert f'href="{reverse("daftar_pegawai")}?unit={org.bidang_a.pk}"' in html
    assert f'href="{reverse("daftar_pegawai")}?unit={org.opd_a.pk}"' in html
    assert "Dinas Kesehatan" not in html


def test_tree_is_collapsible_without_inline_script(org, login):
    html = login(org.admin).get(URL).content.decode()
    assert "<details" in html and "<summary" in html
    assert "js/pohon_unit.js" in html
    assert "<script>" not in html


def _pohon_besar(induk, lebar):
    """`lebar` OPD under induk, each with two bidang, each bidang with two active people and one inactive."""
    for i in range(lebar):
        opd = UnitKerjaFactory(induk=induk, nama=f"OPD {i}")
        for j in range(2):
            bidang = UnitKerjaFactory(induk=opd, nama=f"Bidang {i}.{j}")
            PegawaiFactory.create_batch(2, unit_kerja=bidang)
            PegawaiFactory(unit_kerja=bidang, aktif=False)


# Session, user, groups, own Pegawai with "has subordinates", HR assignment, unit subtree, units, grouped count,
# and the navbar bell's unread-notification count.
BATAS_QUERY_POHON = 9


@pytest.mark.parametrize("role", ["admin", "hr_a"])
@pytest.mark.parametrize("lebar", [5, 60])
def test_tree_runs_a_bounded_number_of_queries(org, login, django_assert_max_num_queries, role, lebar):
    _pohon_besar(org.opd_a, lebar)
    client = login(getattr(org, role))
    with django_assert_max_num_queries(BATAS_QUERY_POHON):
        response = client.get(URL)
    opd_a = next(node for node in _semua(response.context["pohon"]) if node.unit.pk == org.opd_a.pk)
    assert opd_a.jumlah_subtree == 5 + lebar * 2 * 2


def _semua(nodes):
    for node in nodes:
        yield node
        yield from _semua(node.anak)
