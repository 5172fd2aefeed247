"""IKM and the minimum sample, PermenPANRB No. 14 Tahun 2017 (DOMAIN.md §3)."""

from decimal import Decimal

import pytest

from layanan.ikm import HasilIKM, hitung_ikm, ikm_dari_jumlah, mutu_ikm, rentang_mutu, ukuran_sampel_minimum


def responden_dengan_total(n: int, total: int) -> list[list[int]]:
    """n respondents whose 9n answers add up to total, spread as evenly as the 1–4 scale allows."""
    dasar, sisa = divmod(total, 9 * n)
    sel = [dasar + (i < sisa) for i in range(9 * n)]
    return [sel[i * 9 : (i + 1) * 9] for i in range(n)]


def responden_dengan_total_per_unsur(totals: list[int], n: int) -> list[list[int]]:
    """n respondents whose answers to element k add up to totals[k]."""
    kolom = []
    for total in totals:
        dasar, sisa = divmod(total, n)
        kolom.append([dasar + (i < sisa) for i in range(n)])
    return [list(baris) for baris in zip(*kolom, strict=True)]


def test_it_reproduces_the_domain_example():
    # DOMAIN.md §3: 29 respondents, element totals 105, 101, 100, 116, 102, 105, 106, 105, 115 (sum 955)
    # → 955 / (29 × 9) × 25 = 91.48 → A, Sangat Baik.
    jawaban = responden_dengan_total_per_unsur([105, 101, 100, 116, 102, 105, 106, 105, 115], 29)
    hasil = hitung_ikm(jawaban)
    assert hasil.ikm == Decimal("91.48")
    assert (hasil.mutu, hasil.kinerja) == ("A", "Sangat Baik")
    assert hasil.responden == 29
    assert hasil.nrr[0] == Decimal("3.62")  # 105 / 29 = 3.6207
    assert hasil.nrr[3] == Decimal("4.00")  # 116 / 29


# Every band boundary of the PermenPANRB 14/2017 table, on both sides: (respondents, sum of all answers,
# expected IKM after half-up rounding to 2 decimals, mutu, kinerja unit pelayanan).
BATAS_MUTU = [
    (1, 36, "100.00", "A", "Sangat Baik"),  # all 4: exactly 100 with the exact 1/9 (0.111 would give 99.90)
    (24, 763, "88.31", "A", "Sangat Baik"),  # 88.3102 — lowest A
    (5000, 158949, "88.31", "A", "Sangat Baik"),  # exactly 88.305: rounds half up into A
    (19, 604, "88.30", "B", "Baik"),  # 88.3041 — highest B
    (19, 524, "76.61", "B", "Baik"),  # 76.6082 — lowest B
    (5000, 137889, "76.61", "B", "Baik"),  # exactly 76.605 → 76.61 (DOMAIN.md's rounding example)
    (26, 717, "76.60", "C", "Kurang Baik"),  # 76.6026 — highest C
    (5, 117, "65.00", "C", "Kurang Baik"),  # exactly 65 — lowest C
    (38, 889, "64.99", "D", "Tidak Baik"),  # 64.9854 — highest D
    (1, 9, "25.00", "D", "Tidak Baik"),  # all 1: the lowest possible IKM
]


@pytest.mark.parametrize("responden, total, ikm, mutu, kinerja", BATAS_MUTU)
def test_it_bands_the_rounded_value_at_every_boundary(responden, total, ikm, mutu, kinerja):
    hasil = hitung_ikm(responden_dengan_total(responden, total))
    assert hasil.ikm == Decimal(ikm)
    assert hasil.ikm.as_tuple().exponent == -2
    assert (hasil.mutu, hasil.kinerja) == (mutu, kinerja)


@pytest.mark.parametrize(
    "ikm, mutu",
    [("100.00", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"), ("65.00", "C"), ("64.99", "D")],
)
def test_mutu_follows_the_regulation_table(ikm, mutu):
    assert mutu_ikm(Decimal(ikm))[0] == mutu


def test_it_accepts_any_iterable_of_sequences():
    hasil = hitung_ikm(iter([(4,) * 9, (3,) * 9]))
    assert hasil == HasilIKM(nrr=(Decimal("3.50"),) * 9, ikm=Decimal("87.50"), mutu="B", kinerja="Baik", responden=2)


@pytest.mark.parametrize(
    "jawaban, pesan",
    [
        ([], "tanpa responden"),
        ([[4] * 8], "memberi 8 jawaban"),
        ([[4] * 10], "memberi 10 jawaban"),
        ([[4] * 9, [4, 4, 0, 4, 4, 4, 4, 4, 4]], "Responden ke-2, unsur 3 (Waktu Penyelesaian)"),
        ([[5] * 9], "harus bilangan bulat 1 sampai 4"),
        ([[4] * 8 + [3.5]], "harus bilangan bulat 1 sampai 4"),
        ([[4] * 8 + ["4"]], "harus bilangan bulat 1 sampai 4"),
        ([[True] * 9], "harus bilangan bulat 1 sampai 4"),
    ],
)
def test_it_refuses_invalid_answers_in_indonesian(jawaban, pesan):
    with pytest.raises(ValueError, match=pesan.replace("(", r"\(").replace(")", r"\)")):
        hitung_ikm(jawaban)


def test_totals_that_no_answers_could_give_are_refused():
    with pytest.raises(ValueError, match="mustahil"):
        ikm_dari_jumlah([37] + [36] * 8, 9)  # 37 over 9 respondents needs an answer above 4
    with pytest.raises(ValueError, match="9 unsur"):
        ikm_dari_jumlah([10] * 8, 5)


# Krejcie & Morgan (1970), as adopted in PermenPANRB 14/2017: χ² = 3.841, P = 0.5, d = 0.05.
@pytest.mark.parametrize(
    "populasi, sampel",
    [
        (0, 0),
        (1, 1),
        (10, 10),
        (50, 44),
        (100, 80),
        (150, 108),
        (500, 217),
        (1_000, 278),
        (2_000, 322),
        (5_000, 357),
        (10_000, 370),
        (1_000_000, 384),
        (50_000_000, 384),
    ],
)
def test_minimum_sample_follows_krejcie_morgan(populasi, sampel):
    assert ukuran_sampel_minimum(populasi) == sampel


@pytest.mark.parametrize("populasi", [-1, 2.5, "100", True])
def test_minimum_sample_refuses_a_non_population(populasi):
    with pytest.raises(ValueError, match="Populasi harus bilangan bulat"):
        ukuran_sampel_minimum(populasi)


def test_the_legends_bands_cover_25_to_100_without_gaps():
    """PermenPANRB 14/2017, Lampiran, Bab IV (nilai interval konversi): A 88,31–100,00; B 76,61–88,30;
    C 65,00–76,60; D 25,00–64,99."""
    assert rentang_mutu() == [
        ("A", "Sangat Baik", Decimal("88.31"), Decimal("100.00")),
        ("B", "Baik", Decimal("76.61"), Decimal("88.30")),
        ("C", "Kurang Baik", Decimal("65.00"), Decimal("76.60")),
        ("D", "Tidak Baik", Decimal("25.00"), Decimal("64.99")),
    ]
    for mutu, _, bawah, atas in rentang_mutu():
        assert mutu_ikm(bawah)[0] == mutu_ikm(atas)[0] == mutu
