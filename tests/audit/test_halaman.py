"""/audit/: administrators browse and filter the log; everyone else is refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import LogAudit
from audit.services import catat
from evaluasi.models import Aturan

URL = reverse("audit:daftar")


def _pada(hari):
    return timezone.make_aware(datetime.datetime(2026, 3, hari, 10, 0))


@pytest.fixture
def log(org):
    """Three known entries on known days, by two people, about two kinds of object."""
    aturan = Aturan.objects.create(
        nama="Terlambat berat",
        jenis="SANKSI",
        kode_konsekuensi="PEMBINAAN",
        kondisi=[{"metrik": "menit_terlambat", "operator": ">", "nilai": 600}],
        berlaku_mulai=datetime.date(2026, 1, 1),
    )
    return {
        "aturan": catat(
            org.admin, "aturan_dinonaktifkan", aturan, {"aktif": [True, False]}, label="Terlambat berat", pada=_pada(2)
        ),
        "skp": catat(
            org.staf_a1.user,
            "skp_diajukan",
            org.staf_a1,
            {"status": ["DRAFT", "DIAJUKAN"]},
            label="SKP 2026 Staf A Satu",
            pada=_pada(10),
        ),
        "penugasan": catat(None, "penugasan_dicabut", org.hr_b.user, label="Pengelola B lama", pada=_pada(20)),
    }


def _baris(response):
    return {e.pk for e in response.context["halaman"].object_list}


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("siapa", ["staf_a1", "atasan_a", "hr_a", "petugas", "kepala"])
def test_everyone_but_administrators_gets_403(org, login, siapa):
    assert login(getattr(org, siapa)).get(URL).status_code == 403


def test_the_log_cannot_be_changed_through_the_page(org, login, log):
    client = login(org.admin)
    assert client.post(URL, {"id": log["aturan"].pk}).status_code == 405
    assert LogAudit.objects.get(pk=log["aturan"].pk).perubahan == {"aktif": [True, False]}


def test_an_administrator_sees_who_what_and_old_to_new_in_indonesian(org, login, log):
    response = login(org.admin).get(URL, {"aksi": "aturan_dinonaktifkan"})
    assert response.status_code == 200
    teks = response.content.decode()
    assert _baris(response) == {log["aturan"].pk}
    assert "Aturan dinonaktifkan" in teks and "Terlambat berat" in teks and "admin" in teks
    # The field's verbose name and the booleans in words.
    assert "<del>Ya</del> → <ins>Tidak</ins>" in teks


def test_the_system_is_named_when_there_is_no_user(org, login, log):
    response = login(org.admin).get(URL, {"aksi": "penugasan_dicabut"})
    assert "sistem" in response.content.decode()


@pytest.mark.parametrize(
    "saring, harapan",
    [
        ({"dari": "2026-03-05", "sampai": "2026-03-15"}, {"skp"}),
        ({"dari": "2026-03-10"}, {"skp", "penugasan"}),
        ({"sampai": "2026-03-02"}, {"aturan"}),
        ({"oleh": "admin"}, {"aturan"}),
        ({"objek": "evaluasi.aturan"}, {"aturan"}),
        ({"aksi": "skp_diajukan"}, {"skp"}),
        ({"cari": "staf a"}, {"skp"}),
        ({"cari": "lama", "dari": "2026-03-01", "sampai": "2026-03-31"}, {"penugasan"}),
    ],
)
def test_the_filters_narrow_the_list(org, login, log, saring, harapan):
    response = login(org.admin).get(URL, {**saring, "sampai": saring.get("sampai", "2026-03-31")})
    hasil = _baris(response) & {e.pk for e in log.values()}
    assert hasil == {log[k].pk for k in harapan}
    # Entries of other days (the fixtures' own account changes, today) stay out of a March 2026 range.
    assert _baris(response) <= {e.pk for e in log.values()}


def test_a_reversed_date_range_is_explained_and_filters_nothing(org, login, log):
    response = login(org.admin).get(URL, {"dari": "2026-03-20", "sampai": "2026-03-01"})
    assert response.status_code == 200
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in response.content.decode()
    assert LogAudit.objects.count() <= 50
    assert _baris(response) == set(LogAudit.objects.values_list("pk", flat=True))


def test_a_malformed_date_is_explained(org, login, log):
    response = login(org.admin).get(URL, {"dari": "kemarin"})
    assert response.status_code == 200
    assert "Masukkan tanggal yang valid" in response.content.decode()


@pytest.mark.parametrize("n", [3, 60])
def test_the_page_runs_a_bounded_number_of_queries(org, login, django_assert_max_num_queries, n):
    LogAudit.objects.bulk_create(
        catat(org.admin, "aturan_diubah", org.admin, {"nama": ["a", "b"]}, simpan=False) for _ in range(n)
    )
    client = login(org.admin)
    client.get(URL)  # warm the session
    with django_assert_max_num_queries(9):
        response = client.get(URL)
    assert len(response.context["halaman"].object_list) == min(50, LogAudit.objects.count())


def test_the_list_is_paginated(org, login):
    LogAudit.objects.bulk_create(
        catat(org.admin, "aturan_diubah", org.admin, label=f"Entri {i}", simpan=False) for i in range(60)
    )
    client = login(org.admin)
    total = LogAudit.objects.count()
    pertama = client.get(URL)
    kedua = client.get(URL, {"halaman": 2})
    assert len(pertama.context["halaman"].object_list) == 50
    assert len(kedua.context["halaman"].object_list) == total - 50
    assert not _baris(pertama) & _baris(kedua)


def test_administrators_find_the_page_in_the_account_menu(org, login):
    assert URL in login(org.admin).get(reverse("beranda")).content.decode()
    assert URL not in login(org.hr_a).get(reverse("beranda")).content.decode()
