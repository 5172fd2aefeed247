"""What the rating of hasil kerja is proposed from: the indicators against their expectation (PermenPANRB 6/2022),
and, for a unit's head, the unit's organisational performance (SE MenPANRB 3/2023). The appraiser decides; these
are proposals shown on the rating form, plain functions tested by table (DOMAIN.md §1).

PermenPANRB 6/2022 (Lampiran, perencanaan kinerja) lets an indicator carry a quantitative target (a number and its
unit) or a qualitative one (a described result), and has the appraiser judge the realisation of each against the
expectation it sets: above, at or below. So a qualitative indicator counts exactly as a quantitative one does, by
the appraiser's mark, and is never turned into a percentage: the capaian (%) of an RHK averages its quantitative
indicators only (capaian.py). A quantitative indicator meets its expectation when the realisation equals the
target; more (less, for time and cost) is above it.

How the indicators add up to one rating is the appraiser's judgement in the regulation; our reading, marked
unconfirmed in the UI: only the RHK utama count (the expectation is set on them; an RHK tambahan is work beyond
it), any indicator below expectation proposes Di Bawah, and Di Atas needs none below and more than half above.
"""

from decimal import Decimal

from .capaian import ASPEK, ASPEK_EFISIENSI
from .predikat import BAIK, BUTUH_PERBAIKAN, DI_ATAS, DI_BAWAH, ISTIMEWA, KURANG, RATING, SANGAT_KURANG, SESUAI

KUANTITATIF = "KUANTITATIF"
KUALITATIF = "KUALITATIF"
JENIS_TARGET = (KUANTITATIF, KUALITATIF)

# Shown where the proposal is, so the reading is not taken for the regulation's own words.
KETERANGAN_USULAN = (
    "Usulan dari indikator RHK utama: indikator kuantitatif dibandingkan dengan targetnya (sama dengan target = "
    "Sesuai; lebih, atau lebih cepat/hemat untuk waktu dan biaya = Di Atas), indikator kualitatif menurut tanda "
    "pejabat penilai. Ada satu di bawah ekspektasi → Di Bawah; tidak ada yang di bawah dan lebih dari separuh di "
    "atas → Di Atas; selain itu Sesuai. Cara menjumlahkan ini bacaan kami atas PermenPANRB 6/2022 (belum "
    "terkonfirmasi); keputusan tetap pada pejabat penilai."
)


def tingkat_kuantitatif(aspek: str, target, realisasi) -> str:
    """Where a quantitative realisation stands against its target: DI_ATAS, SESUAI or DI_BAWAH. For time and cost
    less is better (PermenPANRB 6/2022: the target is the expectation, in either direction)."""
    if aspek not in ASPEK:
        raise ValueError(f"Aspek '{aspek}' tidak dikenal (harus salah satu dari {', '.join(ASPEK)}).")
    target, realisasi = Decimal(str(target)), Decimal(str(realisasi))
    if target <= 0:
        raise ValueError("Target harus lebih besar dari nol.")
    if realisasi < 0:
        raise ValueError("Realisasi tidak boleh negatif.")
    if realisasi == target:
        return SESUAI
    lebih_baik = realisasi < target if aspek in ASPEK_EFISIENSI else realisasi > target
    return DI_ATAS if lebih_baik else DI_BAWAH


def usulan_rating_hasil_kerja(tingkat_indikator: list[str | None]) -> str | None:
    """The rating of hasil kerja the RHK utama's indicators propose (see the module's reading), or None while any
    is still unknown (not realised, or a qualitative one the appraiser has not marked) or there is none."""
    if not tingkat_indikator or any(t is None for t in tingkat_indikator):
        return None
    tidak_dikenal = set(tingkat_indikator) - set(RATING)
    if tidak_dikenal:
        raise ValueError(f"Rating tidak dikenal: {', '.join(sorted(tidak_dikenal))}.")
    if DI_BAWAH in tingkat_indikator:
        return DI_BAWAH
    if tingkat_indikator.count(DI_ATAS) * 2 > len(tingkat_indikator):
        return DI_ATAS
    return SESUAI


# SE MenPANRB 3/2023 (predikat kinerja pegawai dan kurva distribusi): the rating of hasil kerja of the head of a unit
# follows the unit's organisational performance. Istimewa → Di Atas, Baik → Sesuai, the three lower ratings → Di Bawah.
_RATING_PIMPINAN = {
    ISTIMEWA: DI_ATAS,
    BAIK: SESUAI,
    BUTUH_PERBAIKAN: DI_BAWAH,
    KURANG: DI_BAWAH,
    SANGAT_KURANG: DI_BAWAH,
}

KETERANGAN_PIMPINAN = (
    "SE MenPANRB 3/2023: rating hasil kerja pimpinan unit mengikuti capaian kinerja organisasi yang dipimpinnya "
    "(Istimewa → Di Atas, Baik → Sesuai, Butuh Perbaikan/Kurang/Sangat Kurang → Di Bawah Ekspektasi). Nilai lain "
    "wajib disertai alasan, yang dicatat dalam riwayat evaluasi."
)


def rating_pimpinan(capaian_organisasi: str) -> str:
    """The rating of hasil kerja SE MenPANRB 3/2023 gives the head of a unit with this organisational performance."""
    try:
        return _RATING_PIMPINAN[capaian_organisasi]
    except KeyError:
        raise ValueError(f"Capaian kinerja organisasi '{capaian_organisasi}' tidak dikenal.") from None


def perlu_alasan_pimpinan(capaian_organisasi: str | None, rating_hasil_kerja: str) -> bool:
    """Whether rating a unit's head so needs a reason: the unit's performance is set and the rating departs from it."""
    return capaian_organisasi is not None and rating_hasil_kerja != rating_pimpinan(capaian_organisasi)
