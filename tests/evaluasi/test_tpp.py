"""TPP arithmetic (evaluasi.tpp) and the per-unit monthly table, in exact rupiah.

Sources of each step are in evaluasi/tpp.py: the base per kelas jabatan and the beban kerja / prestasi kerja
criteria (Kepmendagri 900-4700/2020, Permendagri 77/2020), the kinerja/disiplin split and the predikat table and
disiplin steps (the region's Pergub: Gorontalo's numbers unconfirmed, so the defaults of PengaturanTPP are used),
the 25% cut of PP 94/2021 Pasal 8 ayat (3), Plt/Plh (unconfirmed), PPh 21 (PP 80/2010 rates, unconfirmed for TPP)
and BPJS Kesehatan 1% (Perpres 82/2018 Pasal 30 jo. Perpres 64/2020)."""

import datetime
from decimal import Decimal

import pytest

from evaluasi import selectors, services
from evaluasi.models import BesaranTPP, Konsekuensi, PengaturanTPP, PenugasanPlt, periksa_rekap
from evaluasi.tpp import FaktaBulan, hitung_tpp, pulang_cepat_per_rentang
from tests.evaluasi.bantuan import evaluasi_final, kehadiran, periode
from tests.factories import EvaluasiKinerjaFactory

D = Decimal


@pytest.fixture
def aturan(db):
    """The shipped defaults (unconfirmed), as an administrator finds them."""
    return PengaturanTPP.aktif().aturan()


# (case, facts, expected (besaran, beban kerja, kinerja paid, disiplin paid, sanction cut, bruto, PPh, BPJS, net))
KASUS = [
    (
        "Baik, nothing cut, golongan III: 40% beban kerja; prestasi 60/40; PPh 5%, BPJS 1%",
        FaktaBulan(D(5_000_000), predikat="BAIK", golongan="III/a"),
        (5_000_000, 2_000_000, 1_800_000, 1_200_000, 0, 5_000_000, 250_000, 50_000, 4_700_000),
    ),
    (
        "Butuh Perbaikan (75%); 2 days without leave (3% each) + 2 late 1–30 (0.5%) + 1 early leave 61–90 "
        "(1.25%) + 2 missed apel (0.5%) = 9.25% of the disiplin share 1,200,000; golongan II: no PPh",
        FaktaBulan(
            D(5_000_000),
            predikat="BUTUH_PERBAIKAN",
            tanpa_keterangan=2,
            terlambat={"terlambat_1_30": 2},
            pulang_cepat={"pulang_cepat_61_90": 1},
            tidak_apel=2,
            golongan="II/c",
        ),
        (5_000_000, 2_000_000, 1_350_000, 1_089_000, 0, 4_439_000, 0, 44_390, 4_394_610),
    ),
    (
        "Sangat Kurang pays 25% of the kinerja share",
        FaktaBulan(D(5_000_000), predikat="SANGAT_KURANG"),
        (5_000_000, 2_000_000, 450_000, 1_200_000, 0, 3_650_000, 0, 36_500, 3_613_500),
    ),
    (
        "PP 94/2021 Pasal 8 ayat (3): 25% of the whole base; golongan IV: PPh 15%",
        FaktaBulan(D(5_000_000), predikat="SANGAT_BAIK", persen_sanksi=D(25), golongan="IV/b"),
        (5_000_000, 2_000_000, 1_800_000, 1_200_000, 1_250_000, 3_750_000, 562_500, 37_500, 3_150_000),
    ),
    (
        "No final evaluation covering the month: the 'belum ada predikat' percentage (100%)",
        FaktaBulan(D(5_000_000)),
        (5_000_000, 2_000_000, 1_800_000, 1_200_000, 0, 5_000_000, 0, 50_000, 4_950_000),
    ),
    (
        "Plt in a post with a higher TPP: that post's base",
        FaktaBulan(D(4_000_000), besaran_plt=D(6_000_000), predikat="BAIK", golongan="III/d"),
        (6_000_000, 2_400_000, 2_160_000, 1_440_000, 0, 6_000_000, 300_000, 60_000, 5_640_000),
    ),
    (
        "Plt at the same level or lower: own base + 20% of the other post's",
        FaktaBulan(D(6_000_000), besaran_plt=D(5_000_000), predikat="BAIK"),
        (7_000_000, 2_800_000, 2_520_000, 1_680_000, 0, 7_000_000, 0, 70_000, 6_930_000),
    ),
    (
        "The disiplin cut never takes more than the disiplin share: 40 days × 3% → 100%",
        FaktaBulan(D(5_000_000), predikat="BAIK", tanpa_keterangan=40),
        (5_000_000, 2_000_000, 1_800_000, 0, 0, 3_800_000, 0, 38_000, 3_762_000),
    ),
    (
        "Rounded once, half up: 40% of 3,333,333 = 1,333,333.2; 1% of 3,329,333 = 33,293.33",
        FaktaBulan(D(3_333_333), predikat="BAIK", terlambat={"terlambat_1_30": 1}),
        (3_333_333, 1_333_333, 1_200_000, 796_000, 0, 3_329_333, 0, 33_293, 3_296_040),
    ),
    (
        "PPPK golongan IX: the PPPK PPh rate (5%)",
        FaktaBulan(D(4_000_000), predikat="BAIK", golongan="IX"),
        (4_000_000, 1_600_000, 1_440_000, 960_000, 0, 4_000_000, 200_000, 40_000, 3_760_000),
    ),
]


@pytest.mark.parametrize(("kasus", "fakta", "diharapkan"), KASUS, ids=[k[0][:40] for k in KASUS])
def test_tpp_arithmetic_in_exact_rupiah(aturan, kasus, fakta, diharapkan):
    r = hitung_tpp(fakta, aturan)
    hasil = (r.besaran, r.beban_kerja, r.kinerja, r.disiplin, r.potongan_sanksi, r.bruto, r.pph, r.bpjs, r.diterima)
    assert hasil == tuple(D(x) for x in diharapkan)
    assert r.beban_kerja + r.porsi_kinerja + r.porsi_disiplin == r.besaran
    assert r.bruto + r.potongan_kinerja + r.potongan_disiplin + r.potongan_sanksi == r.besaran
    assert r.diterima + r.pph + r.bpjs == r.bruto


def test_the_amount_paid_never_goes_below_zero(aturan):
    r = hitung_tpp(
        FaktaBulan(D(1_000_000), predikat="SANGAT_KURANG", tanpa_keterangan=50, persen_sanksi=D(100)), aturan
    )
    assert (r.bruto, r.diterima) == (0, 0)


@pytest.mark.parametrize(
    ("jumlah", "per_rentang", "diharapkan"),
    [
        (0, {}, (0, 0, 0, 0)),
        (3, {"pulang_cepat_31_60": 1}, (2, 1, 0, 0)),  # the 2 unbanded count as the mildest band
        (2, {"pulang_cepat_lebih_90": 2}, (0, 0, 0, 2)),
    ],
)
def test_early_leaves_without_a_band_count_in_the_mildest(jumlah, per_rentang, diharapkan):
    assert tuple(pulang_cepat_per_rentang(jumlah, per_rentang).values()) == diharapkan


def test_the_banded_early_leaves_cannot_exceed_their_total():
    galat = periksa_rekap({"hari_kerja": 20, "hadir": 20, "pulang_cepat": 1, "pulang_cepat_1_30": 2, "tidak_apel": 21})
    assert galat["pulang_cepat"] == "Pulang cepat per rentang menit (2) melebihi jumlah pulang cepat (1)."
    assert galat["tidak_apel"] == "Tidak apel (21) melebihi hari hadir (20)."


@pytest.fixture
def tpp_unit(org):
    """Kelas 7 for the staff (Rp5,000,000 in 2026), the head's kelas 14 has no base; staf_a1 is cut 25% for 6
    months from April (11 days without leave in January)."""
    BesaranTPP.objects.create(tahun=2026, kelas_jabatan=7, besaran=D(5_000_000))
    BesaranTPP.objects.create(tahun=2025, kelas_jabatan=14, besaran=D(9_000_000))
    for p, kelas in ((org.staf_a1, 7), (org.staf_a2, 7), (org.kepala, 14)):
        p.kelas_jabatan = kelas
        p.save(update_fields=["kelas_jabatan"])
    q1 = periode(1)
    kehadiran(org.staf_a1, 1, tanpa_keterangan=11, terlambat_1_30=2, tanpa_rekam=1)
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


def test_the_unit_table_cuts_discipline_and_says_which_bases_are_missing(org, tpp_unit):
    PenugasanPlt.objects.create(
        pegawai=org.staf_a2, jabatan="Kepala Bidang", kelas_jabatan=7, mulai=datetime.date(2026, 1, 20), nomor_sk="1"
    )
    baris = {b.pegawai: b for b in selectors.tabel_tpp(org.opd_a.pk, 2026, 1)}
    # 11 days × 3% + 2 × 0.5% + 1 (no record) × 1.5% = 35.5% of the disiplin share 1,200,000.
    assert baris[org.staf_a1].rincian.potongan_disiplin == D(426_000)
    # Plt of a post of the same kelas: own base + 20% of it.
    assert baris[org.staf_a2].rincian.besaran == D(6_000_000)
    assert baris[org.staf_a2].plt.jabatan == "Kepala Bidang"
    # The head's kelas has a base for 2025 only; atasan_a has no kelas at all: neither is paid a silent 0.
    assert baris[org.kepala].rincian is None
    assert baris[org.kepala].kosong == "Besaran belum ditetapkan: kelas jabatan 14 tahun 2026 belum ada di tabel."
    assert baris[org.atasan_a].kosong == "Besaran belum ditetapkan: kelas jabatan pegawai belum diisi."


def test_the_kinerja_share_follows_the_months_predikat_imported_or_rated_here(org, tpp_unit):
    evaluasi_final(org.staf_a2, tpp_unit.periode, "DI_BAWAH", "DI_BAWAH")
    bulanan = periode(2, jenis="BULANAN")
    EvaluasiKinerjaFactory(  # imported from e-Kinerja
        periode=bulanan,
        pegawai=org.staf_a2,
        status="FINAL",
        sumber="EKINERJA",
        predikat="SANGAT_BAIK",
    )
    baris = {b.pegawai: b for b in selectors.tabel_tpp(org.opd_a.pk, 2026, 2)}
    # February: the monthly (imported) Sangat Baik wins over the quarter's Sangat Kurang.
    assert (baris[org.staf_a2].predikat, baris[org.staf_a2].rincian.kinerja) == ("SANGAT_BAIK", D(1_800_000))
    baris = {b.pegawai: b for b in selectors.tabel_tpp(org.opd_a.pk, 2026, 3)}
    assert (baris[org.staf_a2].predikat, baris[org.staf_a2].rincian.kinerja) == ("SANGAT_KURANG", D(450_000))


@pytest.mark.parametrize("jumlah", [3, 30])
def test_the_unit_table_runs_a_fixed_number_of_queries(org, tpp_unit, jumlah, django_assert_max_num_queries):
    from tests.factories import PegawaiFactory

    for i in range(jumlah):
        p = PegawaiFactory(unit_kerja=org.bidang_a, nama=f"Pegawai {i}", kelas_jabatan=7)
        kehadiran(p, 4, tanpa_keterangan=i % 3)
    with django_assert_max_num_queries(8):
        selectors.tabel_tpp(org.prov.pk, 2026, 4)


def test_a_rejected_or_proposed_cut_is_not_deducted(org):
    BesaranTPP.objects.create(tahun=2026, kelas_jabatan=7, besaran=D(5_000_000))
    org.staf_a1.kelas_jabatan = 7
    org.staf_a1.save(update_fields=["kelas_jabatan"])
    kehadiran(org.staf_a1, 1, tanpa_keterangan=11)
    services.terapkan_aturan(org.admin, periode(1).pk)
    assert Konsekuensi.objects.get().status == "USULAN"
    baris = {b.pegawai: b for b in selectors.tabel_tpp(org.opd_a.pk, 2026, 4)}
    assert baris[org.staf_a1].rincian.potongan_sanksi == 0
