"""Ten working days absent in a row across a month boundary (PP 94/2021 Pasal 11 ayat (2) huruf d angka 4), the
salary stop from the month after (Pasal 15 ayat (2)), and the wording of a discipline outcome for a PPPK (PP 49/2018
Pasal 52–53)."""

import pytest
from django.urls import reverse

from evaluasi import engine, services
from evaluasi.berturut import BulanKehadiran, Rangkaian, periksa_awal_akhir, rangkaian_terpanjang
from evaluasi.metrik import metrik_pegawai
from evaluasi.models import Konsekuensi, bulan_setelah, periksa_rekap
from tests.evaluasi.bantuan import TAHUN, kehadiran, periode


def b(tahun, bulan, berturut, awal=0, akhir=0, hari_kerja=20):
    return BulanKehadiran(tahun, bulan, hari_kerja, berturut, awal, akhir)


# (months, counted from, expected run) — Pasal 11 ayat (2) huruf d angka 4 counts working days "secara terus
# menerus", whatever month they fall in.
TABEL_RANGKAIAN = [
    ([], None, Rangkaian(0, None)),
    ([b(2026, 1, 4)], None, Rangkaian(4, (2026, 1))),
    # 4 days closing January + 6 opening February = 10: the run crosses the boundary
    ([b(2026, 1, 4, akhir=4), b(2026, 2, 6, awal=6)], None, Rangkaian(10, (2026, 2))),
    # the longest run inside one month still counts when longer than the crossing one
    ([b(2026, 1, 3, akhir=3), b(2026, 2, 8, awal=2)], None, Rangkaian(8, (2026, 2))),
    # January's absence does not reach its last working day: no carry
    ([b(2026, 1, 4, akhir=0), b(2026, 2, 6, awal=6)], None, Rangkaian(6, (2026, 2))),
    # a month without a record breaks the chain: nothing is assumed about it
    ([b(2026, 1, 4, akhir=4), b(2026, 3, 6, awal=6)], None, Rangkaian(6, (2026, 3))),
    # a short month absent throughout carries the run on: 3 + 5 (all of it) + 4 = 12
    (
        [b(2026, 1, 3, akhir=3), b(2026, 2, 5, awal=5, akhir=5, hari_kerja=5), b(2026, 3, 4, awal=4)],
        None,
        Rangkaian(12, (2026, 3)),
    ),
    # December into January counts in the new year; December alone belongs to the old one
    ([b(2025, 12, 5, akhir=5), b(2026, 1, 5, awal=5)], (2026, 1), Rangkaian(10, (2026, 1))),
    ([b(2025, 12, 12, akhir=0), b(2026, 1, 2, awal=2)], (2026, 1), Rangkaian(2, (2026, 1))),
    # order of the rows does not matter
    ([b(2026, 2, 6, awal=6), b(2026, 1, 4, akhir=4)], None, Rangkaian(10, (2026, 2))),
]


@pytest.mark.parametrize(("bulan", "sejak", "diharapkan"), TABEL_RANGKAIAN)
def test_the_longest_run_is_carried_across_months_pasal_11_ayat_2_huruf_d_angka_4(bulan, sejak, diharapkan):
    assert rangkaian_terpanjang(bulan, sejak=sejak) == diharapkan


@pytest.mark.parametrize(
    ("angka", "field"),
    [
        ((20, 5, 3, 4, 0), "tanpa_keterangan_awal"),  # opening run longer than the month's longest
        ((20, 5, 3, 0, 4), "tanpa_keterangan_akhir"),
        ((20, 5, 3, 3, 3), "tanpa_keterangan_akhir"),  # 3 + 3 disjoint runs, only 5 days absent
        ((5, 5, 5, 5, 2), "tanpa_keterangan_akhir"),  # absent the whole month: it closes as it opens
    ],
)
def test_inconsistent_month_edge_runs_are_refused_with_a_message(angka, field):
    galat = periksa_awal_akhir(*angka)
    assert field in galat and galat[field]


def test_consistent_month_edge_runs_pass():
    assert periksa_awal_akhir(20, 6, 3, 3, 3) == {}
    assert periksa_awal_akhir(5, 5, 5, 5, 5) == {}
    assert (
        periksa_rekap(
            {
                "hari_kerja": 20,
                "hadir": 14,
                "tanpa_keterangan": 6,
                "tanpa_keterangan_berturut": 4,
                "tanpa_keterangan_awal": 4,
                "tanpa_keterangan_akhir": 2,
            }
        )
        == {}
    )


def test_a_run_across_a_month_boundary_gives_pdhtaps_from_the_stored_attendance(org):
    p = periode(nomor=1)  # Triwulan I
    kehadiran(org.staf_a1, 1, tanpa_keterangan=4, berturut=4, tanpa_keterangan_akhir=4)
    kehadiran(org.staf_a1, 2, tanpa_keterangan=6, berturut=6, tanpa_keterangan_awal=6)
    kehadiran(org.staf_a2, 1, tanpa_keterangan=4, berturut=4)  # not at January's end: no run across
    kehadiran(org.staf_a2, 2, tanpa_keterangan=6, berturut=6, tanpa_keterangan_awal=6)
    m = metrik_pegawai(p, [org.staf_a1.pk, org.staf_a2.pk])
    assert m[org.staf_a1.pk]["hari_tanpa_keterangan_berturut"] == 10
    assert m[org.staf_a2.pk]["hari_tanpa_keterangan_berturut"] == 6
    dicatat = services.terapkan_aturan(org.admin, p.pk).dicatat
    # the same 10 days, not in a row for staf_a2: only the cumulative band (Pasal 9, 7–10 days)
    assert sorted((k.pegawai.nama, k.kode) for k in dicatat) == sorted(
        [(org.staf_a1.nama, "PDHTAPS"), (org.staf_a2.nama, "PERNYATAAN_TIDAK_PUAS")]
    )


def test_a_run_from_last_december_into_january_counts_in_the_new_year(org):
    kehadiran(org.staf_a1, 12, tahun=TAHUN - 1, tanpa_keterangan=5, berturut=5, tanpa_keterangan_akhir=5)
    kehadiran(org.staf_a1, 1, tanpa_keterangan=5, berturut=5, tanpa_keterangan_awal=5)
    p = periode(nomor=1)
    m = metrik_pegawai(p, [org.staf_a1.pk])[org.staf_a1.pk]
    # December's days are not this year's cumulative absence (Pasal 9–11 count "dalam 1 tahun")
    assert (m["hari_tanpa_keterangan_berturut"], m["hari_tanpa_keterangan"]) == (10, 5)


def test_the_outcome_says_salary_stops_from_the_month_after_the_run_pasal_15_ayat_2(client, org):
    p = periode(nomor=1)
    kehadiran(org.staf_a1, 2, tanpa_keterangan=4, berturut=4, tanpa_keterangan_akhir=4)
    kehadiran(org.staf_a1, 3, tanpa_keterangan=6, berturut=6, tanpa_keterangan_awal=6)
    (k,) = services.terapkan_aturan(org.admin, p.pk).dicatat
    k = Konsekuensi.objects.get(pk=k.pk)
    assert k.catatan == [
        "Pembayaran gaji dihentikan sejak bulan berikutnya (PP 94/2021 Pasal 15 ayat (2)): mulai April 2026."
    ]
    client.force_login(org.admin)
    html = client.get(reverse("evaluasi:konsekuensi_detail", args=[k.pk])).content.decode()
    assert "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS" in html
    assert "mulai April 2026" in html
    assert "Pasal 11 ayat (2) huruf d angka 4" in html


def test_pdhtaps_from_cumulative_days_carries_no_salary_stop_note():
    kondisi = [{"metrik": "hari_tanpa_keterangan", "operator": ">=", "nilai": "28"}]
    assert engine.catatan_konsekuensi("PDHTAPS", kondisi, "PNS", "April 2026") == []


# PP 49/2018 Pasal 52: the agency's PPK sets PPPK discipline, imposed by the PNS procedure; Pasal 53: a heavy breach
# ends the contract with honour, not at own request — never "sebagai PNS".
@pytest.mark.parametrize(
    ("kode", "status", "label"),
    [
        ("PDHTAPS", "PNS", "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS"),
        ("PDHTAPS", "PPPK", "Pemutusan hubungan perjanjian kerja dengan hormat tidak atas permintaan sendiri (PPPK)"),
        ("PDHTAPS", None, "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS"),
        ("TEGURAN_LISAN", "PPPK", "Teguran lisan"),
    ],
)
def test_a_discipline_outcome_is_named_by_the_asns_status(kode, status, label):
    assert engine.label_konsekuensi(kode, status) == label
    assert "sebagai PNS" not in engine.label_konsekuensi("PDHTAPS", "PPPK")


@pytest.mark.parametrize(
    ("kode", "status", "bagian"),
    [
        ("PDHTAPS", "PPPK", "PP 49/2018 Pasal 53"),
        ("PENURUNAN_JABATAN_12_BULAN", "PPPK", "Belum terkonfirmasi untuk PPPK"),
        ("POTONG_TUNJANGAN_25_6_BULAN", "PPPK", "PP 49/2018 Pasal 52"),
        ("TEGURAN_LISAN", "PPPK", "belum terkonfirmasi"),
    ],
)
def test_what_is_unconfirmed_for_a_pppk_is_said_on_the_outcome(kode, status, bagian):
    assert any(bagian in c for c in engine.catatan_konsekuensi(kode, [], status))
    assert engine.catatan_konsekuensi(kode, [], "PNS") == []


def test_a_pppks_ten_day_outcome_page_speaks_of_their_contract_and_marks_the_salary_stop_unconfirmed(client, org):
    org.staf_a1.status_kepegawaian = "PPPK"
    org.staf_a1.save()
    p = periode(nomor=1)
    kehadiran(org.staf_a1, 1, tanpa_keterangan=10, berturut=10)
    (k,) = services.terapkan_aturan(org.admin, p.pk).dicatat
    client.force_login(org.admin)
    html = client.get(reverse("evaluasi:konsekuensi_detail", args=[k.pk])).content.decode()
    assert "Pemutusan hubungan perjanjian kerja dengan hormat tidak atas permintaan sendiri (PPPK)" in html
    assert "sebagai PNS" not in html
    assert "mulai Februari 2026" in html and "Bagi PPPK, penghentian gaji ini belum terkonfirmasi." in html
    daftar = client.get(reverse("evaluasi:konsekuensi_daftar")).content.decode()
    assert "Pemutusan hubungan perjanjian kerja" in daftar


@pytest.mark.parametrize(
    ("nilai", "diharapkan"), [("2026-03", "April 2026"), ("2025-12", "Januari 2026"), (None, None)]
)
def test_the_month_after_is_written_as_people_do(nilai, diharapkan):
    assert bulan_setelah(nilai) == diharapkan
