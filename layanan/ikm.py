"""Indeks Kepuasan Masyarakat (IKM) from a Survei Kepuasan Masyarakat (SKM), PermenPANRB No. 14 Tahun 2017.

DOMAIN.md §3: nine elements (unsur) answered 1–4; per element the mean answer (nilai rata-rata, NRR);
IKM = Σ(NRR × 1/9) × 25 with the exact 1/9 weight (the rounded 0.111 some offices use caps IKM below 100),
rounded to 2 decimals half up as spreadsheets do, and banded on the rounded value.
Minimum sample: Krejcie and Morgan (1970), χ² = 3.841, P = 0.5, d = 0.05.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from core.numbers import angka

UNSUR = (
    "Persyaratan",
    "Sistem, Mekanisme dan Prosedur",
    "Waktu Penyelesaian",
    "Biaya/Tarif",
    "Produk Spesifikasi Jenis Pelayanan",
    "Kompetensi Pelaksana",
    "Perilaku Pelaksana",
    "Penanganan Pengaduan, Saran dan Masukan",
    "Sarana dan Prasarana",
)
JUMLAH_UNSUR = len(UNSUR)
# The question and the meaning of answers 1–4 for each element (PermenPANRB 14/2017, Lampiran, contoh kuesioner).
PERTANYAAN = (
    (
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    (
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    (
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    (
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    (
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
        "pelayanan dengan hasil yang diberikan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    (
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    (
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    ),
    (
        "Bagaimana pendapat Saudara tentang penanganan pengaduan, saran dan masukan pengguna layanan?",
        ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    ),
    ("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?", ("Buruk", "Cukup", "Baik", "Sangat baik")),
)
NILAI_MIN, NILAI_MAKS = 1, 4
# Converted to the 25–100 scale by multiplying by 25 (PermenPANRB 14/2017, Lampiran, Bab IV).
FAKTOR_KONVERSI = 25

# (lowest converted IKM of the band, mutu, kinerja unit pelayanan), best first.
MUTU = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
)

CHI_KUADRAT = Decimal("3.841")
PROPORSI = Decimal("0.5")
GALAT = Decimal("0.05")


@dataclass(frozen=True)
class HasilIKM:
    """The survey result: per-element mean answers, the converted IKM, its band and the respondent count."""

    nrr: tuple[Decimal, ...]
    ikm: Decimal
    mutu: str
    kinerja: str
    responden: int


def _bulatkan(nilai: Fraction) -> Decimal:
    """Round an exact fraction to 2 decimals, halves up (76.605 → 76.61) without any float on the way."""
    # Integer arithmetic: floor(x × 100 + 1/2) for x ≥ 0, exact however large the denominator.
    seratus_kali = (2 * nilai.numerator * 100 + nilai.denominator) // (2 * nilai.denominator)
    return Decimal(seratus_kali).scaleb(-2)


def rentang_mutu() -> list[tuple[str, str, Decimal, Decimal]]:
    """(mutu, kinerja, lowest, highest converted IKM) of each band, best first, for the pages' legend: a band ends
    one hundredth below the next one's start (IKM has 2 decimals), the best at 100."""
    atas = [Decimal("100.00")] + [batas - Decimal("0.01") for batas, _, _ in MUTU[:-1]]
    return [(mutu, kinerja, batas, tertinggi) for (batas, mutu, kinerja), tertinggi in zip(MUTU, atas, strict=True)]


def mutu_ikm(ikm: Decimal) -> tuple[str, str]:
    """The quality letter and performance label of a converted IKM (already rounded to 2 decimals)."""
    for batas, mutu, kinerja in MUTU:
        if ikm >= batas:
            return mutu, kinerja
    raise ValueError(f"IKM {angka(ikm, 2)} di bawah 25,00: nilai terendah yang mungkin adalah 25,00.")


def ikm_dari_jumlah(jumlah_per_unsur: Sequence[int], responden: int) -> HasilIKM:
    """IKM from the per-element answer totals and the number of respondents.

    This is the one formula: hitung_ikm sums answers in Python and the pages sum them in SQL, and both call it.
    """
    if responden <= 0:
        raise ValueError("IKM tidak dapat dihitung tanpa responden.")
    if len(jumlah_per_unsur) != JUMLAH_UNSUR:
        raise ValueError(f"Diperlukan jumlah nilai untuk {JUMLAH_UNSUR} unsur, diterima {len(jumlah_per_unsur)}.")
    for nomor, jumlah in enumerate(jumlah_per_unsur, start=1):
        if not NILAI_MIN * responden <= jumlah <= NILAI_MAKS * responden:
            raise ValueError(f"Jumlah nilai unsur {nomor} ({jumlah}) mustahil untuk {responden} responden.")
    nrr = [Fraction(int(jumlah), responden) for jumlah in jumlah_per_unsur]
    ikm = _bulatkan(sum(nrr) * Fraction(1, JUMLAH_UNSUR) * FAKTOR_KONVERSI)
    mutu, kinerja = mutu_ikm(ikm)
    return HasilIKM(nrr=tuple(_bulatkan(n) for n in nrr), ikm=ikm, mutu=mutu, kinerja=kinerja, responden=responden)


def hitung_ikm(jawaban: Iterable[Sequence[int]]) -> HasilIKM:
    """IKM of a set of respondents, each a sequence of nine answers from 1 to 4 (in the order of UNSUR).

    Raises ValueError (in Indonesian) for no respondents, a respondent without exactly nine answers, or an
    answer outside 1–4.
    """
    jumlah = [0] * JUMLAH_UNSUR
    responden = 0
    for responden, baris in enumerate(jawaban, start=1):
        nilai = list(baris)
        if len(nilai) != JUMLAH_UNSUR:
            raise ValueError(
                f"Responden ke-{responden} memberi {len(nilai)} jawaban; "
                f"setiap responden menjawab {JUMLAH_UNSUR} unsur."
            )
        for nomor, n in enumerate(nilai, start=1):
            # bool is an int in Python; True is not an answer.
            if isinstance(n, bool) or not isinstance(n, int) or not NILAI_MIN <= n <= NILAI_MAKS:
                raise ValueError(
                    f"Responden ke-{responden}, unsur {nomor} ({UNSUR[nomor - 1]}): jawaban harus bilangan bulat "
                    f"{NILAI_MIN} sampai {NILAI_MAKS}, diterima {n!r}."
                )
            jumlah[nomor - 1] += n
    if responden == 0:
        raise ValueError("IKM tidak dapat dihitung tanpa responden.")
    return ikm_dari_jumlah(jumlah, responden)


def ukuran_sampel_minimum(populasi: int) -> int:
    """The Krejcie–Morgan minimum sample for a population: s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)).

    Rounded to the nearest whole respondent, halves up, which reproduces the published table
    (100 → 80, 1,000 → 278, 2,000 → 322, one million or more → 384).
    """
    if isinstance(populasi, bool) or not isinstance(populasi, int) or populasi < 0:
        raise ValueError(f"Populasi harus bilangan bulat tidak negatif, diterima {populasi!r}.")
    if populasi == 0:
        return 0
    pq = PROPORSI * (1 - PROPORSI)
    s = CHI_KUADRAT * populasi * pq / (GALAT**2 * (populasi - 1) + CHI_KUADRAT * pq)
    return int(s.quantize(Decimal(1), rounding=ROUND_HALF_UP))
