"""The 20 JP minimum is the PNS's (PP 11/2017 Pasal 203 as amended by PP 17/2020; 1 JP = 45 minutes, Peraturan LAN
10/2018): applied to a PNS from the stored training hours and status, never to a PPPK unless an administrator turns
on the PPPK rule (Peraturan LAN 15/2020; no minimum confirmed)."""

import pytest
from django.urls import reverse

from evaluasi import services
from evaluasi.models import Aturan, RekapPelatihan
from tests.evaluasi.bantuan import TAHUN, periode


def dua(org):  # the two ASN with training hours on record
    return (org.staf_a1, org.staf_a2)


@pytest.fixture
def tahunan(org):
    for p in (org.staf_a1, org.staf_a2):
        RekapPelatihan.objects.create(pegawai=p, tahun=TAHUN, jp=12)
    org.staf_a2.status_kepegawaian = "PPPK"
    org.staf_a2.save()
    return periode(nomor=1, jenis="TAHUNAN")


def test_a_pns_below_20_jp_gets_a_training_recommendation_and_a_pppk_does_not(org, tahunan):
    dicatat = [k for k in services.terapkan_aturan(org.admin, tahunan.pk).dicatat if k.pegawai in dua(org)]
    assert [(k.pegawai, k.kode) for k in dicatat] == [(org.staf_a1, "REKOMENDASI_PELATIHAN")]
    assert dicatat[0].bukti["metrik"]["status_kepegawaian"] == "PNS"


def test_the_pppk_rule_applies_only_once_an_administrator_turns_it_on(org, tahunan):
    Aturan.objects.filter(nama__startswith="Pelatihan PPPK").update(aktif=True)
    dicatat = [k for k in services.terapkan_aturan(org.admin, tahunan.pk).dicatat if k.pegawai in dua(org)]
    assert sorted(k.pegawai.nama for k in dicatat) == sorted([org.staf_a1.nama, org.staf_a2.nama])


def test_the_rule_list_shows_the_pppk_rule_inactive_with_why(client, org):
    client.force_login(org.admin)
    html = client.get(reverse("evaluasi:aturan_daftar")).content.decode()
    assert "Pelatihan PPPK kurang dari 20 JP setahun (belum terkonfirmasi)" in html
    assert "Peraturan LAN 15/2020" in html and "Nonaktif bawaan" in html
    assert "Peraturan LAN 10/2018 (1 JP = 45 menit)" in html


def test_the_rule_list_says_what_pdhtaps_is_for_a_pppk(client, org):
    client.force_login(org.admin)
    html = client.get(reverse("evaluasi:aturan_daftar")).content.decode()
    assert "Bagi PPPK: Pemutusan hubungan perjanjian kerja dengan hormat tidak atas permintaan sendiri" in html
