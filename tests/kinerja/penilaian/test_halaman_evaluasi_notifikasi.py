"""Notifications: the navbar bell's unread count, the list, opening one (marks it read), marking all read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import Notifikasi
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.django_db


def _lonceng(html):
    awal = html.index('id="lonceng-notifikasi"')
    return html[awal : html.index("</a>", awal)]


def test_the_bell_shows_the_unread_count(org, login):
    Notifikasi.objects.create(penerima=org.staf_a1.user, judul="Satu")
    Notifikasi.objects.create(penerima=org.staf_a1.user, judul="Dua")
    Notifikasi.objects.create(penerima=org.staf_a1.user, judul="Lama", dibaca_pada="2026-01-01T00:00:00Z")
    Notifikasi.objects.create(penerima=org.staf_a2.user, judul="Bukan milik")
    lonceng = _lonceng(login(org.staf_a1).get(reverse("beranda")).content.decode())
    assert ">2<" in lonceng and "belum dibaca" in lonceng and "bi-bell-fill" in lonceng
    assert "badge" not in _lonceng(login(org.hr_b).get(reverse("beranda")).content.decode())


def test_the_bell_costs_one_query(org, login):
    client = login(org.staf_a1)
    Notifikasi.objects.create(penerima=org.staf_a1.user, judul="Satu")
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("beranda"))
    assert sum("kinerja_notifikasi" in q["sql"] for q in ctx.captured_queries) == 1


def test_the_list_shows_own_notifications_and_opening_one_marks_it_read_and_follows_it(org, login):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    client = login(org.atasan_a)
    notifikasi = Notifikasi.objects.get(penerima=org.atasan_a.user, tautan=f"/kinerja/evaluasi/{ev.pk}/")
    html = client.get(reverse("notifikasi_daftar")).content.decode()
    assert notifikasi.judul in html and "Baru" in html
    response = client.post(reverse("notifikasi_buka", args=[notifikasi.pk]))
    assert response["Location"] == reverse("evaluasi_detail", args=[ev.pk])
    assert Notifikasi.objects.get(pk=notifikasi.pk).dibaca_pada is not None
    assert client.get(response["Location"]).status_code == 200


def test_a_link_to_another_site_is_not_followed(org, login):
    n = Notifikasi.objects.create(penerima=org.staf_a1.user, judul="x", tautan="https://contoh.invalid/")
    response = login(org.staf_a1).post(reverse("notifikasi_buka", args=[n.pk]))
    assert response["Location"] == reverse("notifikasi_daftar")


def test_someone_elses_notification_is_not_found_and_stays_unread(org, login):
    n = Notifikasi.objects.create(penerima=org.staf_a2.user, judul="x")
    assert login(org.staf_a1).post(reverse("notifikasi_buka", args=[n.pk])).status_code == 404
    assert Notifikasi.objects.get(pk=n.pk).dibaca_pada is None


def test_mark_all_read(org, login):
    for i in range(3):
        Notifikasi.objects.create(penerima=org.staf_a1.user, judul=f"N{i}")
    lain = Notifikasi.objects.create(penerima=org.staf_a2.user, judul="Lain")
    response = login(org.staf_a1).post(reverse("notifikasi_baca"), follow=True)
    assert "3 notifikasi ditandai sudah dibaca." in [str(m) for m in response.context["messages"]]
    assert not Notifikasi.objects.filter(penerima=org.staf_a1.user, dibaca_pada__isnull=True).exists()
    assert Notifikasi.objects.get(pk=lain.pk).dibaca_pada is None
    assert "badge" not in _lonceng(response.content.decode())
