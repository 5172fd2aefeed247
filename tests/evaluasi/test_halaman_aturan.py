"""The rule editor (save, refuse, simulate) and the apply page, through the test client."""

import pytest
from django.urls import reverse

from audit.models import LogAudit
from evaluasi.models import Aturan, Konsekuensi
from tests.evaluasi.bantuan import evaluasi_final, kehadiran, periode


def isian(kondisi, **ubah):
    data = {
        "nama": "Terlambat berat",
        "jenis": "SANKSI",
        "dasar_hukum": "Perkada (contoh)",
        "kode_konsekuensi": "PEMBINAAN",
        "periode_berturut": "1",
        "berlaku_mulai": "2026-01-01",
        "aktif": "on",
        "prioritas": "0",
        "kondisi-TOTAL_FORMS": str(len(kondisi)),
        "kondisi-INITIAL_FORMS": "0",
        "kondisi-MIN_NUM_FORMS": "0",
        "kondisi-MAX_NUM_FORMS": "10",
    }
    for i, (m, o, v) in enumerate(kondisi):
        data.update({f"kondisi-{i}-metrik": m, f"kondisi-{i}-operator": o, f"kondisi-{i}-nilai": v})
    data.update(ubah)
    return data


@pytest.fixture
def admin_client(client, org):
    client.force_login(org.admin)
    return client


def test_an_administrator_creates_a_rule_and_it_is_audited(admin_client):
    sebelum = Aturan.objects.count()
    response = admin_client.post(reverse("evaluasi:aturan_baru"), isian([("menit_terlambat", ">", "600")]))
    assert response.status_code == 302
    aturan = Aturan.objects.get(nama="Terlambat berat")
    assert aturan.kondisi == [{"metrik": "menit_terlambat", "operator": ">", "nilai": "600"}]
    assert Aturan.objects.count() == sebelum + 1
    assert LogAudit.objects.filter(aksi="aturan_dibuat", objek_id=aturan.pk).exists()


@pytest.mark.parametrize(
    ("kondisi", "ubah", "pesan"),
    [
        ([("lembur", ">", "1")], {}, "tidak dikenal"),
        ([("predikat", ">=", "BAIK")], {}, "tidak cocok untuk metrik Predikat kinerja"),
        ([("hari_tanpa_keterangan", ">=", "10"), ("hari_tanpa_keterangan", "<", "5")], {}, "saling bertentangan"),
        ([], {}, "paling sedikit satu kondisi"),
        ([("menit_terlambat", ">", "600")], {"kode_konsekuensi": "USUL_PENGHARGAAN"}, "sesuaikan jenis aturan"),
        ([("menit_terlambat", ">", "600")], {"kode_konsekuensi": "POTONG_TPP"}, "Isi potongan TPP"),
        ([("menit_terlambat", ">", "600")], {"berlaku_sampai": "2025-12-31"}, "tidak boleh sebelum tanggal mulai"),
    ],
)
def test_a_refused_rule_shows_a_clear_message_and_writes_nothing(admin_client, kondisi, ubah, pesan):
    sebelum, log_sebelum = Aturan.objects.count(), LogAudit.objects.count()
    response = admin_client.post(reverse("evaluasi:aturan_baru"), isian(kondisi, **ubah))
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert Aturan.objects.count() == sebelum
    # admin_client's account creation is itself logged; the refused rule adds nothing.
    assert LogAudit.objects.count() == log_sebelum


def test_editing_what_a_rule_decides_makes_a_new_version_and_renaming_does_not(admin_client):
    aturan = Aturan.objects.get(kode_konsekuensi="TEGURAN_LISAN")
    url = reverse("evaluasi:aturan_ubah", args=[aturan.pk])
    dasar = dict(
        nama=aturan.nama,
        jenis=aturan.jenis,
        dasar_hukum=aturan.dasar_hukum,
        kode_konsekuensi=aturan.kode_konsekuensi,
        grup_eksklusif=aturan.grup_eksklusif,
        prioritas=str(aturan.prioritas),
        berlaku_mulai="2021-09-01",
        sekali_setahun="on",
    )
    sama = [("hari_tanpa_keterangan", ">=", "3"), ("hari_tanpa_keterangan", "<=", "3")]
    admin_client.post(url, isian(sama, **{**dasar, "nama": "Bolos 3 hari"}))
    aturan.refresh_from_db()
    assert (aturan.nama, aturan.versi) == ("Bolos 3 hari", 1)
    admin_client.post(url, isian([("hari_tanpa_keterangan", "==", "3")], **dasar))
    aturan.refresh_from_db()
    assert aturan.versi == 2


def test_simulating_an_unsaved_rule_shows_who_it_would_reach_and_saves_nothing(admin_client, org):
    p = periode()
    kehadiran(org.staf_a1, 2, menit_terlambat=700)
    kehadiran(org.staf_a2, 2, menit_terlambat=100)
    data = isian([("menit_terlambat", ">", "600")], **{"simulasi": "1", "simulasi-periode": str(p.pk)})
    response = admin_client.post(reverse("evaluasi:aturan_baru"), data)
    assert response.status_code == 200
    baris = response.context["simulasi"]["baris"]
    assert [b.pegawai for b in baris] == [org.staf_a1]
    assert "Menit terlambat dalam periode" in response.content.decode()
    assert not Aturan.objects.filter(nama="Terlambat berat").exists()


def test_the_apply_page_previews_then_records_proposals(admin_client, org):
    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    url = reverse("evaluasi:terapkan")
    response = admin_client.get(url, {"periode": p.pk})
    assert "Staf A Satu" in response.content.decode() and not Konsekuensi.objects.exists()
    response = admin_client.post(url, {"periode": p.pk})
    assert response.status_code == 302
    assert Konsekuensi.objects.get().kode == "TEGURAN_LISAN"


def test_the_apply_page_refuses_a_period_not_final_without_the_confirmation(admin_client, org):
    p = periode(ditutup=False)
    evaluasi_final(org.staf_a1, p, status="DINILAI")
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    url = reverse("evaluasi:terapkan")
    assert "belum final" in admin_client.get(url, {"periode": p.pk}).content.decode()
    response = admin_client.post(url, {"periode": p.pk}, follow=True)
    assert "belum final" in response.content.decode() and not Konsekuensi.objects.exists()
    admin_client.post(url, {"periode": p.pk, "konfirmasi_belum_final": "on"})
    assert Konsekuensi.objects.count() == 1


def test_the_admin_filters_rules_by_exclusive_group_and_names_the_rules_in_none(org, admin_client):
    org.admin.is_staff = org.admin.is_superuser = True  # the Django admin's superuser, as the demo's admin is
    org.admin.save()
    # The default rules (migration 0002) put the reprimands in one exclusive group and the awards in none.
    dengan_grup = Aturan.objects.exclude(grup_eksklusif="")
    tanpa_grup = Aturan.objects.filter(grup_eksklusif="")
    assert dengan_grup.exists() and tanpa_grup.exists()
    url = reverse("admin:evaluasi_aturan_changelist")

    html = admin_client.get(url).content.decode()
    assert 'href="?grup_eksklusif=-"' in html and ">Tanpa grup</a>" in html
    assert 'href="?grup_eksklusif="' not in html  # a link without text

    terpilih = admin_client.get(url, {"grup_eksklusif": "-"}).context["cl"].queryset
    assert set(terpilih) == set(tanpa_grup)
    grup = dengan_grup.first().grup_eksklusif
    terpilih = admin_client.get(url, {"grup_eksklusif": grup}).context["cl"].queryset
    assert set(terpilih) == set(Aturan.objects.filter(grup_eksklusif=grup))
