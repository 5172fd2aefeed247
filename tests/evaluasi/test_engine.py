"""evaluasi.engine: the one pure evaluation function and the rule checks, on plain data."""

import datetime

import pytest

from evaluasi import engine
from evaluasi.engine import ANGKA, PILIHAN, Metrik

KATALOG = {
    "hari": Metrik("hari", "Hari", ANGKA),
    "predikat": Metrik("predikat", "Predikat", PILIHAN, (("BAIK", "Baik"), ("SANGAT_BAIK", "Sangat Baik"))),
}


def aturan(id, kondisi, kode="TEGURAN_LISAN", **lain):
    return {"id": id, "kondisi": kondisi, "kode_konsekuensi": kode, **lain}


def k(metrik, operator, nilai):
    return {"metrik": metrik, "operator": operator, "nilai": nilai}


def test_all_conditions_must_hold_and():
    a = aturan(1, [k("hari", ">=", "3"), k("predikat", "==", "BAIK")])
    assert engine.evaluate([a], {"hari": 3, "predikat": "BAIK"})[0].kode == "TEGURAN_LISAN"
    assert engine.evaluate([a], {"hari": 3, "predikat": "SANGAT_BAIK"}) == []


def test_an_unknown_metric_value_never_triggers_a_rule():
    assert engine.evaluate([aturan(1, [k("hari", "<", "20")])], {"hari": None}) == []
    assert engine.evaluate([aturan(1, [k("hari", "<", "20")])], {}) == []


@pytest.mark.parametrize(
    ("riwayat", "kena"),
    [
        ([{"hari": 5}, {"hari": 6}], True),
        ([{"hari": 5}], False),  # only two periods known
        ([{"hari": 5}, {"hari": 1}], False),
        ([{}, {"hari": 6}], False),  # a period without data breaks the run
        ([{"hari": 5}, {"hari": 6}, {"hari": 0}], True),  # older periods do not matter
    ],
)
def test_a_rule_over_three_consecutive_periods_needs_this_and_the_two_before(riwayat, kena):
    a = aturan(1, [k("hari", ">=", "5")], periode_berturut=3)
    hasil = engine.evaluate([a], {"hari": 7, "riwayat": riwayat})
    assert bool(hasil) is kena
    if kena:
        assert hasil[0].pemicu == {"hari": [7, 5, 6]}


def test_within_an_exclusive_group_only_the_highest_priority_applies_and_others_are_kept():
    ringan = aturan(1, [k("hari", ">=", "1")], "TEGURAN_LISAN", prioritas=1, grup_eksklusif="g")
    berat = aturan(2, [k("hari", ">=", "2")], "TEGURAN_TERTULIS", prioritas=2, grup_eksklusif="g")
    lain = aturan(3, [k("hari", ">=", "1")], "PEMBINAAN", prioritas=0)
    assert [h.kode for h in engine.evaluate([ringan, berat, lain], {"hari": 2})] == ["TEGURAN_TERTULIS", "PEMBINAAN"]
    assert [h.kode for h in engine.evaluate([ringan, berat, lain], {"hari": 1})] == ["TEGURAN_LISAN", "PEMBINAAN"]


def test_equal_priorities_in_a_group_keep_the_lowest_rule_id():
    a = aturan(7, [k("hari", ">=", "1")], "PDHTAPS", prioritas=9, grup_eksklusif="g")
    b = aturan(3, [k("hari", ">=", "1")], "PDHTAPS", prioritas=9, grup_eksklusif="g")
    assert engine.evaluate([a, b], {"hari": 1})[0].aturan["id"] == 3


def test_inactive_rules_and_rules_outside_their_validity_dates_do_not_apply():
    kondisi = [k("hari", ">=", "1")]
    mulai, sampai = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    a = aturan(1, kondisi, berlaku_mulai=mulai, berlaku_sampai=sampai)
    assert engine.evaluate([a], {"hari": 1}, pada=datetime.date(2025, 6, 30))
    assert not engine.evaluate([a], {"hari": 1}, pada=datetime.date(2024, 12, 31))
    assert not engine.evaluate([a], {"hari": 1}, pada=datetime.date(2026, 1, 1))
    assert not engine.evaluate([aturan(2, kondisi, aktif=False)], {"hari": 1})


def test_decimal_metrics_compare_as_numbers():
    a = aturan(1, [k("hari", ">", "87.5")])
    assert engine.evaluate([a], {"hari": 87.51})
    assert not engine.evaluate([a], {"hari": 87.5})


# --- checks: each refused with a clear message --------------------------------------------------------------


@pytest.mark.parametrize(
    ("kondisi", "potongan"),
    [
        ([], "paling sedikit satu kondisi"),
        ([k("hari_kerja", ">=", "1")], "metrik 'hari_kerja' tidak dikenal"),
        ([k("hari", "~", "1")], "operator '~' tidak dikenal"),
        ([k("predikat", ">=", "BAIK")], "operator ≥ tidak cocok untuk metrik Predikat"),
        ([k("hari", ">=", "tiga")], "harus berupa angka"),
        ([k("hari", ">=", "")], "harus berupa angka"),
        ([k("predikat", "==", "ISTIMEWA")], "bukan pilihan metrik Predikat"),
        ([k("hari", ">=", "10"), k("hari", "<", "5")], "saling bertentangan"),
        ([k("hari", ">", "5"), k("hari", "<=", "5")], "saling bertentangan"),
        ([k("hari", "==", "3"), k("hari", "==", "4")], "saling bertentangan"),
        ([k("hari", "==", "3"), k("hari", "!=", "3")], "saling bertentangan"),
        ([k("hari", "<", "0")], "saling bertentangan"),  # metrics are never negative
        ([k("predikat", "==", "BAIK"), k("predikat", "==", "SANGAT_BAIK")], "saling bertentangan"),
        ([k("predikat", "!=", "BAIK"), k("predikat", "!=", "SANGAT_BAIK")], "saling bertentangan"),
    ],
)
def test_a_bad_rule_is_refused_with_a_clear_message(kondisi, potongan):
    pesan = engine.periksa_kondisi(kondisi, KATALOG)
    assert any(potongan in p for p in pesan), pesan


@pytest.mark.parametrize(
    "kondisi",
    [
        [k("hari", ">=", "4"), k("hari", "<=", "6")],
        [k("hari", ">=", "3"), k("hari", "<=", "3")],
        [k("hari", "==", "0")],
        [k("predikat", "!=", "BAIK")],
    ],
)
def test_a_satisfiable_rule_passes_the_checks(kondisi):
    assert engine.periksa_kondisi(kondisi, KATALOG) == []


def test_conditions_read_as_a_sentence():
    teks = engine.uraikan_kondisi([k("hari", ">=", "4"), k("predikat", "==", "BAIK")], KATALOG, 2)
    assert teks == "Hari ≥ 4 dan Predikat = Baik, 2 periode berturut-turut"


@pytest.mark.parametrize(("nilai", "teks"), [("87.5", "Hari > 87,5"), (87.5, "Hari > 87,5"), ("1000", "Hari > 1.000")])
def test_numbers_in_a_condition_read_the_indonesian_way(nilai, teks):
    assert engine.uraikan_kondisi([k("hari", ">", nilai)], KATALOG) == teks
    pesan = engine.periksa_kondisi([k("hari", ">", nilai), k("hari", "<", "2")], KATALOG)
    assert pesan == [f"Kondisi saling bertentangan, tidak pernah terpenuhi bersamaan: {teks} dan Hari < 2."]
