"""Angka kredit of jabatan fungsional from the annual predikat (kinerja.penilaian.angka_kredit).

PermenPANRB 1/2023 Pasal 37 jo. Peraturan BKN 3/2023: AK of a year = % predikat (Sangat Baik 150, Baik 100, Butuh
Perbaikan 75, Kurang 50, Sangat Kurang 25) × the jenjang's annual coefficient (Ahli Pertama 12,5, Ahli Muda 25,
Ahli Madya 37,5, Ahli Utama 50, Pemula 3,75, Terampil 5, Mahir 12,5, Penyelia 25). Pasal 30 and 39 with the
Lampiran: the cumulative AK needed for the next pangkat (50/100/150/200; 20/50/100) or jenjang (100/200/450;
15/60/100).
"""

from decimal import Decimal

import pytest

from kinerja.models import KebutuhanAngkaKredit, KoefisienAngkaKredit, KonversiPredikatAngkaKredit
from kinerja.penilaian import angka_kredit as ak
from tests.kinerja.pegawai.berkas_roster import pastikan_data_bawaan


@pytest.mark.parametrize(
    "predikat, jenjang, hasil",
    [
        # BKN's worked example (sosialisasi Peraturan BKN 3/2023): Ahli Pertama, Sangat Baik → 150% × 12,5 = 18,75.
        ("SANGAT_BAIK", "AHLI_PERTAMA", "18.750"),
        ("BAIK", "AHLI_PERTAMA", "12.500"),
        ("BUTUH_PERBAIKAN", "AHLI_PERTAMA", "9.375"),
        ("KURANG", "AHLI_PERTAMA", "6.250"),
        ("SANGAT_KURANG", "AHLI_PERTAMA", "3.125"),
        ("BAIK", "AHLI_MUDA", "25.000"),
        ("SANGAT_BAIK", "AHLI_MADYA", "56.250"),
        ("BAIK", "AHLI_UTAMA", "50.000"),
        ("BAIK", "PEMULA", "3.750"),
        ("BUTUH_PERBAIKAN", "PEMULA", "2.813"),  # 2,8125 rounded half up to 3 decimals
        ("SANGAT_BAIK", "TERAMPIL", "7.500"),
        ("BAIK", "MAHIR", "12.500"),
        ("KURANG", "PENYELIA", "12.500"),
    ],
)
def test_pasal_37_percentage_of_the_predikat_times_the_jenjang_coefficient(predikat, jenjang, hasil):
    assert ak.angka_kredit_tahun(predikat, jenjang) == Decimal(hasil)


@pytest.mark.parametrize(
    "predikat, jenjang",
    [("", "AHLI_MUDA"), ("BAIK", "PELAKSANA"), ("BAIK", "JPT_PRATAMA"), ("BAIK", "")],
)
def test_no_angka_kredit_without_a_predikat_or_outside_a_jabatan_fungsional(predikat, jenjang):
    assert ak.angka_kredit_tahun(predikat, jenjang) is None


def test_the_editable_tables_are_what_the_rule_uses():
    """A changed coefficient (a new regulation, set in the admin) changes the result."""
    assert ak.angka_kredit_tahun("BAIK", "AHLI_MUDA", koefisien={"AHLI_MUDA": Decimal(30)}) == Decimal("30.000")
    assert ak.angka_kredit_tahun("SANGAT_BAIK", "AHLI_MUDA", persentase={"SANGAT_BAIK": 120}) == Decimal("30.000")


@pytest.mark.parametrize(
    "jenjang, golongan, awal, predikat, total, kebutuhan, kenaikan, kekurangan",
    [
        # Ahli Pertama III/a: two years Baik (25) and the PAK's 10 → 35 of the 50 for III/b (Pasal 39).
        ("AHLI_PERTAMA", "III/a", 10, ["BAIK", "BAIK"], "35", 50, ak.PANGKAT, "15"),
        # Ahli Pertama III/b: 100 for Ahli Muda (Pasal 30); 4 × Sangat Baik = 75 + 30 = 105, reached.
        ("AHLI_PERTAMA", "III/b", 30, ["SANGAT_BAIK"] * 4, "105", 100, ak.JENJANG, "0"),
        # Ahli Madya IV/b: counted within the jenjang, 300 for IV/c.
        ("AHLI_MADYA", "IV/b", 200, ["BAIK", "BUTUH_PERBAIKAN"], "265.625", 300, ak.PANGKAT, "34.375"),
        ("AHLI_MADYA", "IV/c", 400, [], "400", 450, ak.JENJANG, "50"),
        ("TERAMPIL", "II/d", 50, ["BAIK", "BAIK"], "60", 60, ak.JENJANG, "0"),
        ("PEMULA", "II/a", 0, ["BAIK"] * 3, "11.25", 15, ak.JENJANG, "3.75"),
    ],
)
def test_pasal_30_and_39_the_total_against_the_next_pangkat_or_jenjang(
    jenjang, golongan, awal, predikat, total, kebutuhan, kenaikan, kekurangan
):
    tahunan = [(2023 + i, p, jenjang) for i, p in enumerate(predikat)]
    rekap = ak.rekap_angka_kredit(awal, tahunan, jenjang, golongan)
    assert rekap.total == Decimal(total)
    assert (rekap.kebutuhan, rekap.kenaikan, rekap.kekurangan) == (Decimal(kebutuhan), kenaikan, Decimal(kekurangan))
    assert [t.tahun for t in rekap.tahun] == [t for t, _, _ in tahunan]
    assert rekap.terpenuhi == (Decimal(kekurangan) == 0)


def test_the_top_of_a_ladder_has_no_next_step():
    rekap = ak.rekap_angka_kredit(0, [(2025, "BAIK", "AHLI_UTAMA")], "AHLI_UTAMA", "IV/e")
    assert rekap.kebutuhan is None and rekap.total == Decimal(50)
    assert "Tidak ada kenaikan" in rekap.keterangan()


def test_the_explanation_is_written_the_indonesian_way():
    rekap = ak.rekap_angka_kredit(Decimal("10.5"), [(2025, "BAIK", "AHLI_PERTAMA")], "AHLI_PERTAMA", "III/a")
    assert rekap.keterangan() == "Kurang 27 dari 50 angka kredit untuk kenaikan pangkat."
    rekap = ak.rekap_angka_kredit(Decimal("41"), [(2025, "SANGAT_BAIK", "AHLI_PERTAMA")], "AHLI_PERTAMA", "III/a")
    assert rekap.keterangan() == "Angka kredit untuk kenaikan pangkat (50) sudah terpenuhi."


def test_the_seeded_tables_hold_the_regulation_defaults(db):
    """The data migration seeds the admin's tables with exactly the rule module's figures."""
    pastikan_data_bawaan()
    assert dict(KonversiPredikatAngkaKredit.objects.values_list("predikat", "persen")) == ak.PERSENTASE_PREDIKAT
    assert dict(KoefisienAngkaKredit.objects.values_list("jenjang", "koefisien")) == ak.KOEFISIEN_TAHUNAN
    assert {
        (j, g): (a, k)
        for j, g, a, k in KebutuhanAngkaKredit.objects.values_list("jenjang", "golongan", "angka_kredit", "kenaikan")
    } == ak.KEBUTUHAN
    assert all("PermenPANRB 1/2023" in s for s in KoefisienAngkaKredit.objects.values_list("sumber", flat=True))
