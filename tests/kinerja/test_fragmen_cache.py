"""Cached fragments of the main pages (core/cache.py): served again only while the data they show stay the
same, never to another user or another role, and fresh at once after any write: a service, a queryset update or
bulk write, a closed period, a restored backup or a new demo seed."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import backup
from core import cache as versi_data
from core.roles import GRUP_ADMINISTRATOR
from kinerja.models import EvaluasiKinerja, Pegawai, PenugasanPengelola, Periode
from kinerja.penilaian import services_periode as svc_periode
from rekap.services import hitung_rekap
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.django_db

URL_TIM = reverse("tim_saya")
URL_PEGAWAI = reverse("daftar_pegawai")


def _buka(client, url, **params):
    with CaptureQueriesContext(connection) as q:
        response = client.get(url, params)
    assert response.status_code == 200
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return html, len(q.captured_queries)


def _periode_url(s):
    return reverse("periode_detail", args=[s.periode.pk])


def test_tim_saya_is_served_from_the_cache_until_an_evaluation_changes(org, login):
    s = Skenario(org)
    client = login(org.atasan_a)
    pertama, kueri_pertama = _buka(client, URL_TIM)
    kedua, kueri_kedua = _buka(client, URL_TIM)
    assert kedua == pertama and kueri_kedua < kueri_pertama
    assert "Menunggu penilaian Anda" not in kedua

    s.ke_status("DIAJUKAN", org.staf_a1)  # realisations saved (a queryset update), then submitted (a save)
    ketiga, _ = _buka(client, URL_TIM)
    assert "Menunggu penilaian Anda" in ketiga
    assert reverse("evaluasi_nilai", args=[s.evaluasi().pk]) in ketiga


def test_closing_the_period_takes_the_review_button_off_tim_saya_at_once(org, login):
    s = Skenario(org)
    s.ke_status("DIAJUKAN", org.staf_a1)
    client = login(org.atasan_a)
    nilai = reverse("evaluasi_nilai", args=[s.evaluasi().pk])
    assert nilai in _buka(client, URL_TIM)[0]
    svc_periode.tutup_periode(org.admin, s.periode.pk)
    assert nilai not in _buka(client, URL_TIM)[0]


@pytest.mark.parametrize("cara", ["update", "bulk_update", "save"])
def test_a_renamed_asn_shows_at_once_in_the_search_and_in_tim_saya(org, login, cara):
    atasan = login(org.atasan_a)
    assert "Staf A Satu" in _buka(atasan, URL_TIM)[0]
    hr = Client()
    hr.force_login(org.hr_a.user)
    assert "Staf A Satu" in _buka(hr, URL_PEGAWAI)[0]

    if cara == "update":
        Pegawai.objects.filter(pk=org.staf_a1.pk).update(nama="Staf A Pertama")
    elif cara == "bulk_update":
        org.staf_a1.nama = "Staf A Pertama"
        Pegawai.objects.bulk_update([org.staf_a1], ["nama"])
    else:
        org.staf_a1.nama = "Staf A Pertama"
        org.staf_a1.save()
    for client, url in ((atasan, URL_TIM), (hr, URL_PEGAWAI)):
        html, _ = _buka(client, url)
        assert "Staf A Pertama" in html and "Staf A Satu" not in html


def test_the_hr_lists_progress_and_rows_follow_each_new_state(org, login):
    s = Skenario(org)
    client = login(org.hr_a)
    html, _ = _buka(client, _periode_url(s))
    assert "Diajukan 0" in html
    s.ke_status("DIAJUKAN", org.staf_a1)
    html, _ = _buka(client, _periode_url(s))
    assert "Diajukan 1" in html and "Atasan menilai atau mengembalikan" in html
    s.nilai(org.staf_a1, sudah_diajukan=True)
    html, _ = _buka(client, _periode_url(s))
    assert "Diajukan 0" in html and "Dinilai 1" in html


def test_the_filters_of_the_hr_list_each_get_their_own_fragment(org, login):
    s = Skenario(org)
    s.ke_status("DIAJUKAN", org.staf_a1)
    client = login(org.hr_a)
    semua, _ = _buka(client, _periode_url(s))
    diajukan, _ = _buka(client, _periode_url(s), status="DIAJUKAN")
    assert "Staf A Dua" in semua and "Staf A Dua" not in diajukan and "Staf A Satu" in diajukan


def test_a_user_never_gets_a_fragment_cached_for_another(org, login):
    Skenario(org)
    a, b = Client(), Client()
    a.force_login(org.hr_a.user)
    b.force_login(org.hr_b.user)
    html_a, _ = _buka(a, URL_PEGAWAI)
    html_b, _ = _buka(b, URL_PEGAWAI)
    assert "Staf A Satu" in html_a and "Staf A Satu" not in html_b and "Staf B" in html_b

    kepala, atasan = Client(), Client()
    kepala.force_login(org.kepala.user)
    atasan.force_login(org.atasan_a.user)
    assert "Staf A Satu" in _buka(atasan, URL_TIM)[0]
    assert "Staf A Satu" not in _buka(kepala, URL_TIM)[0]


def test_a_narrowed_role_never_sees_the_fragment_of_the_wider_one(org, login):
    # Group membership moves no data version: the roles are part of the key instead.
    admin = Group.objects.get(name=GRUP_ADMINISTRATOR)
    org.hr_a.user.groups.add(admin)
    client = login(org.hr_a)
    assert "Staf B" in _buka(client, URL_PEGAWAI)[0]
    org.hr_a.user.groups.remove(admin)
    assert "Staf B" not in _buka(client, URL_PEGAWAI)[0]


def test_a_version_moves_at_once_and_again_after_the_commit(django_capture_on_commit_callbacks):
    awal = versi_data.version("evaluasi")
    with django_capture_on_commit_callbacks(execute=True):
        EvaluasiKinerja.objects.none().update(catatan="")
        assert versi_data.version("evaluasi") == awal + 1
    assert versi_data.version("evaluasi") == awal + 2


def test_a_lost_version_starts_again_from_the_clock_not_from_a_used_number():
    terpakai = versi_data.version("skp")
    for _ in range(3):
        versi_data.bump("skp")
    sebelum_hilang = versi_data.version("skp")
    cache.delete("versi-data:skp")
    assert versi_data.version("skp") > sebelum_hilang > terpakai


def test_a_new_demo_seed_moves_every_version():
    from django.core.management import call_command

    sebelum = {j: versi_data.version(j) for j in versi_data.KINDS}
    call_command("seed_demo", "--pegawai", "91", stdout=StringIO())
    assert all(versi_data.version(j) > sebelum[j] for j in versi_data.KINDS)


def test_restoring_a_backup_moves_every_version(monkeypatch, tmp_path):
    berkas = tmp_path / "cadangan.sqlite3"
    berkas.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    monkeypatch.setattr(backup, "database_vendor", lambda alias="default": "sqlite")
    monkeypatch.setattr(backup, "_sqlite_restore", lambda alias, sumber: None)
    sebelum = {j: versi_data.version(j) for j in versi_data.KINDS}
    backup.restore(berkas)
    assert all(versi_data.version(j) > sebelum[j] for j in versi_data.KINDS)


def test_the_organisation_dashboard_is_cached_until_the_next_roll_up(org, login):
    s = Skenario(org)
    s.ajukan(org.staf_a1)
    hitung_rekap(Periode.objects.values_list("pk", flat=True))
    client = login(org.hr_a)
    url = reverse("rekap:organisasi")
    pertama = client.get(url, {"unit": org.opd_a.pk}).context["dasbor"].baris[0]
    with CaptureQueriesContext(connection) as q:
        kedua = client.get(url, {"unit": org.opd_a.pk}).context["dasbor"].baris[0]
    assert (pertama.jumlah_diajukan, kedua.jumlah_diajukan) == (1, 1)
    assert not any("rekap_rekapkinerja" in k["sql"] for k in q.captured_queries)

    s.nilai(org.staf_a1, sudah_diajukan=True)
    hitung_rekap(Periode.objects.values_list("pk", flat=True))
    ketiga = client.get(url, {"unit": org.opd_a.pk}).context["dasbor"].baris[0]
    assert (ketiga.jumlah_diajukan, ketiga.jumlah_dinilai) == (0, 1)


def test_a_renamed_service_shows_at_once_on_the_organisation_dashboard(org, login):
    from layanan.models import JenisLayanan

    Skenario(org)
    jenis = JenisLayanan.objects.create(kode="UJI", nama="Layanan Uji", unit_kerja=org.opd_a, sla_jumlah=3)
    hitung_rekap(Periode.objects.values_list("pk", flat=True))
    client = login(org.hr_a)
    url = reverse("rekap:organisasi")
    assert "Layanan Uji" in client.get(url).content.decode()
    jenis.nama = "Layanan Uji Baru"
    jenis.save()
    assert "Layanan Uji Baru" in client.get(url).content.decode()


def test_a_unit_newly_assigned_to_hr_shows_at_once_in_the_period_pages_choices(org, login):
    s = Skenario(org)
    client = login(org.hr_a)
    html, _ = _buka(client, _periode_url(s))
    assert "Dinas Kesehatan" not in html
    PenugasanPengelola.objects.create(user=org.hr_a.user, unit_kerja=org.opd_b)
    html, _ = _buka(client, _periode_url(s))
    assert html.count("Dinas Kesehatan (75.02)") == 3  # the filter, the units to create evaluations for, and to open


def _isian_form(ev, nilai):
    data = {"versi": ev.versi}
    for i, n in zip(ev.skp.rhk.get().indikator.order_by("urutan"), nilai, strict=True):
        data[f"realisasi_{i.pk}"] = n
        data[f"realisasi_{i.pk}_bukti_tautan"] = ""
    return data


def test_the_realisation_form_shows_each_save_and_its_token_is_the_users_own(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    client = login(org.staf_a1)
    url = reverse("evaluasi_isi", args=[ev.pk])
    pertama = client.get(url)
    kedua = client.get(url)
    token = 'name="csrfmiddlewaretoken" value="'
    assert token in pertama.content.decode() and 'form="form-realisasi"' in pertama.content.decode()
    assert f'name="versi" value="{ev.versi}"' in kedua.content.decode()

    assert client.post(url, _isian_form(ev, ["7", "80", "9"])).status_code == 302
    ev.refresh_from_db()
    html = client.get(url).content.decode()
    assert f'name="versi" value="{ev.versi}"' in html and 'value="80' in html


def test_a_realisation_form_sent_back_with_errors_is_never_the_cached_one(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    client = login(org.staf_a1)
    url = reverse("evaluasi_isi", args=[ev.pk])
    client.get(url)  # now cached
    salah = client.post(url, _isian_form(ev, ["bukan angka", "80", "9"]))
    assert salah.status_code == 200 and 'value="bukan angka"' in salah.content.decode()
    assert "is-invalid" in salah.content.decode()
    assert 'value="bukan angka"' not in client.get(url).content.decode()


def test_a_changed_target_shows_at_once_on_the_realisation_form(org, login):
    from kinerja.models import IndikatorKinerja

    s = Skenario(org)
    ev = s.evaluasi()
    client = login(org.staf_a1)
    url = reverse("evaluasi_isi", args=[ev.pk])
    assert "target 10 dokumen" in client.get(url).content.decode()
    IndikatorKinerja.objects.filter(rhk__skp=ev.skp, satuan="dokumen").update(target=15)
    html = client.get(url).content.decode()
    assert "target 15 dokumen" in html and "target 10 dokumen" not in html


def test_closing_the_period_takes_the_create_form_off_the_hr_list_at_once(org, login):
    s = Skenario(org)
    client = login(org.hr_a)
    html, _ = _buka(client, _periode_url(s))
    assert 'id="form-buat-evaluasi"' in html and 'form="form-buat-evaluasi"' in html
    svc_periode.tutup_periode(org.admin, s.periode.pk)
    html, _ = _buka(client, _periode_url(s))
    assert 'id="form-buat-evaluasi"' not in html and 'form="form-buat-evaluasi"' not in html
