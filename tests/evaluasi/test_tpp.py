"""TPP arithmetic (evaluasi.tpp) and the per-unit monthly table: exact rupiah, deductions from lateness steps
(DOMAIN.md §4 defaults) and from approved TPP cuts (PP 94/2021 Pasal 8 ayat (3))."""

import datetime
from decimal import Decimal

import pytest

from evaluasi import selectors, services
from evaluasi.models import BesaranTPP, Konsekuensi
from evaluasi.tpp import hitung_tpp
from tests.evaluasi.bantuan import kehadiran, periode

LANGKAH = {
    "terlambat_1_30": Decimal("0.5"),
    "terlambat_31_60": Decimal("1"),
    "terlambat_61_90": Decimal("1.25"),
    "terlambat_lebih_90": Decimal("1.5"),
}
D = Decimal


@pytest.mark.parametrize(
    ("besaran", "persen_kinerja", "kali", "sanksi", "diharapkan"),
    [
        # 40/60 split of Rp5,000,000, nothing deducted.
        (D(5_000_000), D(40), {}, D(0), (D(2_000_000), D(3_000_000), D(0), D(0), D(5_000_000))),
        # 2 × 1–30 min (0.5% each) + 1 × 61–90 min (1.25%) = 2.25% of the discipline share 3,000,000 = 67,500.
        (
            D(5_000_000),
            D(40),
            {"terlambat_1_30": 2, "terlambat_61_90": 1},
            D(0),
            (D(2_000_000), D(3_000_000), D(67_500), D(0), D(4_932_500)),
        ),
        # A 25% cut of the whole base on top: 1,250,000.
        (
            D(5_000_000),
            D(40),
            {"terlambat_1_30": 2, "terlambat_61_90": 1},
            D(25),
            (D(2_000_000), D(3_000_000), D(67_500), D(1_250_000), D(3_682_500)),
        ),
        # Rounding once, half up, and the shares still add up to the base: 3,333,333 × 40% = 1,333,333.2.
        (
            D(3_333_333),
            D(40),
            {"terlambat_31_60": 1},
            D(0),
            (D(1_333_333), D(2_000_000), D(20_000), D(0), D(3_313_333)),
        ),
        # 0.5% of 1,999,999 = 9,999.995 → 10,000 (half up, not banker's rounding).
        (D(3_333_332), D(40), {"terlambat_1_30": 1}, D(0), (D(1_333_333), D(1_999_999), D(10_000), D(0), D(3_323_332))),
        # Lateness never takes more than the discipline share: 100 × 1.5% → capped at 100%.
        (
            D(1_000_000),
            D(40),
            {"terlambat_lebih_90": 100},
            D(0),
            (D(400_000), D(600_000), D(600_000), D(0), D(400_000)),
        ),
    ],
)
def test_tpp_arithmetic_in_exact_rupiah(besaran, persen_kinerja, kali, sanksi, diharapkan):
    r = hitung_tpp(
        besaran, persen_kinerja=persen_kinerja, kali_terlambat=kali, langkah_terlambat=LANGKAH, persen_sanksi=sanksi
    )
    assert (r.porsi_kinerja, r.porsi_disiplin, r.potongan_terlambat, r.potongan_sanksi, r.diterima) == diharapkan
    assert r.porsi_kinerja + r.porsi_disiplin == r.besaran
    assert r.diterima + r.potongan_terlambat + r.potongan_sanksi == r.besaran


def test_the_amount_paid_never_goes_below_zero():
    r = hitung_tpp(
        D(1_000_000),
        persen_kinerja=D(40),
        kali_terlambat={"terlambat_lebih_90": 100},
        langkah_terlambat=LANGKAH,
        persen_sanksi=D(100),
    )
    assert r.diterima == 0


@pytest.fixture
def tpp_unit(org):
    BesaranTPP.objects.create(jenis_jabatan="AHLI_PERTAMA", besaran=D(5_000_000))
    q1 = periode(1)
    kehadiran(org.staf_a1, 1, tanpa_keterangan=11, terlambat_1_30=2, tanpa_rekam=1)  # 11 days: 25% for 6 months
    (k,) = services.terapkan_aturan(org.admin, q1.pk).dicatat
    services.putuskan_konsekuensi(org.admin, k.pk, setujui=True, alasan="Sesuai rekap")
    return k


def test_the_unit_table_applies_an_approved_cut_from_the_month_after_the_period_for_its_months(org, tpp_unit):
    k = tpp_unit
    assert (k.persen_potongan, k.bulan_potongan, k.potongan_mulai) == (D(25), 6, datetime.date(2026, 4, 1))
    per_bulan = {}
    for bulan in (3, 4, 9, 10):
        baris = {b.pegawai: b for b in selectors.tabel_tpp(org.opd_a.pk, 2026, bulan)}
        per_bulan[bulan] = baris[org.staf_a1].rincian.potongan_sanksi
    assert per_bulan == {3: 0, 4: D(1_250_000), 9: D(1_250_000), 10: 0}


def test_the_unit_table_cuts_lateness_and_no_record_as_the_heaviest_step(org, tpp_unit):
    baris = {b.pegawai: b for b in selectors.tabel_tpp(org.opd_a.pk, 2026, 1)}
    # 2 × 0.5% + 1 (no record) × 1.5% = 2.5% of 3,000,000.
    assert baris[org.staf_a1].rincian.potongan_terlambat == D(75_000)
    assert baris[org.staf_a2].rincian.diterima == D(5_000_000)
    assert baris[org.kepala].rincian is None  # no base amount for JPT Pratama yet


def test_the_unit_table_runs_a_fixed_number_of_queries(org, tpp_unit, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        selectors.tabel_tpp(org.prov.pk, 2026, 4)


def test_a_rejected_or_proposed_cut_is_not_deducted(org):
    BesaranTPP.objects.create(jenis_jabatan="AHLI_PERTAMA", besaran=D(5_000_000))
    kehadiran(org.staf_a1, 1, tanpa_keterangan=11)
    services.terapkan_aturan(org.admin, periode(1).pk)
    assert Konsekuensi.objects.get().status == "USULAN"
    baris = {b.pegawai: b for b in selectors.tabel_tpp(org.opd_a.pk, 2026, 4)}
    assert baris[org.staf_a1].rincian.potongan_sanksi == 0
