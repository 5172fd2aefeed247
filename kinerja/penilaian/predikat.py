"""Predikat kinerja and the distribution curve (PermenPANRB No. 6 Tahun 2022; DOMAIN.md §1).

Pure functions over plain values: views, tasks, exports and templates call these and never re-implement them.
"""

from dataclasses import dataclass

from core.numbers import angka

DI_ATAS = "DI_ATAS"
SESUAI = "SESUAI"
DI_BAWAH = "DI_BAWAH"
RATING = (DI_ATAS, SESUAI, DI_BAWAH)

SANGAT_BAIK = "SANGAT_BAIK"
BAIK = "BAIK"
BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
KURANG = "KURANG"
SANGAT_KURANG = "SANGAT_KURANG"
PREDIKAT = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)

LABEL_PREDIKAT = {
    SANGAT_BAIK: "Sangat Baik",
    BAIK: "Baik",
    BUTUH_PERBAIKAN: "Butuh Perbaikan",
    KURANG: "Kurang/Misconduct",
    SANGAT_KURANG: "Sangat Kurang",
}

# Lampiran PermenPANRB 6/2022: rows are hasil kerja, columns perilaku kerja.
_MATRIKS = {
    (DI_ATAS, DI_BAWAH): KURANG,
    (DI_ATAS, SESUAI): BAIK,
    (DI_ATAS, DI_ATAS): SANGAT_BAIK,
    (SESUAI, DI_BAWAH): KURANG,
    (SESUAI, SESUAI): BAIK,
    (SESUAI, DI_ATAS): BAIK,
    (DI_BAWAH, DI_BAWAH): SANGAT_KURANG,
    (DI_BAWAH, SESUAI): BUTUH_PERBAIKAN,
    (DI_BAWAH, DI_ATAS): BUTUH_PERBAIKAN,
}


def predikat_kinerja(hasil_kerja: str, perilaku_kerja: str) -> str:
    """The predikat for a pair of ratings ("DI_ATAS", "SESUAI", "DI_BAWAH"), per the regulation's matrix."""
    try:
        return _MATRIKS[(hasil_kerja, perilaku_kerja)]
    except KeyError:
        raise ValueError(
            f"Rating tidak dikenal: hasil kerja '{hasil_kerja}', perilaku kerja '{perilaku_kerja}' "
            f"(harus salah satu dari {', '.join(RATING)})."
        ) from None


# Feedback on the BerAKHLAK values (PermenPANRB 6/2022, perilaku kerja): required where the behaviour is above or
# below expectation. Perilaku kerja is rated once over all seven values, so the rating cannot say which values
# lifted or lowered it: after Di Atas or Di Bawah every value needs feedback (those as expected take a short
# default text in one tap), which is sure to cover the ones that decided it; after Sesuai none does.
RATING_WAJIB_UMPAN_BALIK = (DI_ATAS, DI_BAWAH)


def umpan_balik_perilaku_wajib(perilaku_kerja: str) -> bool:
    """Whether a perilaku kerja rating needs the appraiser's feedback on every BerAKHLAK value."""
    return perilaku_kerja in RATING_WAJIB_UMPAN_BALIK


ISTIMEWA = "ISTIMEWA"
CAPAIAN_ORGANISASI = (ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)
LABEL_CAPAIAN_ORGANISASI = {ISTIMEWA: "Istimewa", **{k: LABEL_PREDIKAT[k] for k in PREDIKAT if k != SANGAT_BAIK}}
LABEL_CAPAIAN_ORGANISASI[KURANG] = "Kurang"


@dataclass(frozen=True)
class SyaratKurva:
    """One condition of the curve: the share of the given predikat must be at most/at least a percentage.

    `minimal=True` with persen 0 means "at least one".
    """

    predikat: tuple[str, ...]
    persen: float
    minimal: bool

    def _nama(self) -> str:
        return " dan/atau ".join(LABEL_PREDIKAT[p] for p in self.predikat)

    def uraian(self) -> str:
        """The condition in words, e.g. "Sangat Baik paling banyak 70%" (the dashboards list them)."""
        nama = self._nama()
        if self.minimal:
            return f"harus ada {nama}" if self.persen == 0 else f"{nama} paling sedikit {angka(self.persen)}%"
        return f"tidak boleh ada {nama}" if self.persen == 0 else f"{nama} paling banyak {angka(self.persen)}%"

    def dilanggar(self, jumlah: dict[str, int], total: int) -> str | None:
        """How the distribution breaks this condition, with the share found (Indonesian figures), or None."""
        n = sum(jumlah.get(p, 0) for p in self.predikat)
        share = 100 * n / total
        if self.minimal and self.persen == 0:
            return None if n > 0 else f"harus ada pegawai berpredikat {self._nama()} (saat ini tidak ada)"
        if (self.minimal and share < self.persen) or (not self.minimal and share > self.persen):
            if self.persen == 0:
                return f"{self.uraian()} (saat ini {angka(n)} dari {angka(total)})"
            return f"{self.uraian()} (saat ini {angka(share, 1)}%: {angka(n)} dari {angka(total)})"
        return None


# SE MenPANRB 3/2023 as reported in DOMAIN.md §1 (one secondary source): editable defaults, not hard truth.
KURVA_BAWAAN: dict[str, tuple[SyaratKurva, ...]] = {
    ISTIMEWA: (SyaratKurva((SANGAT_BAIK,), 70, minimal=False),),
    BAIK: (
        SyaratKurva((BAIK,), 70, minimal=False),
        SyaratKurva((BUTUH_PERBAIKAN, KURANG), 0, minimal=True),
    ),
    BUTUH_PERBAIKAN: (
        SyaratKurva((BUTUH_PERBAIKAN,), 60, minimal=True),
        SyaratKurva((SANGAT_BAIK,), 10, minimal=False),
    ),
    KURANG: (
        SyaratKurva((KURANG,), 60, minimal=True),
        SyaratKurva((BUTUH_PERBAIKAN,), 10, minimal=True),
        SyaratKurva((SANGAT_BAIK,), 10, minimal=False),
    ),
    SANGAT_KURANG: (
        SyaratKurva((SANGAT_KURANG,), 60, minimal=True),
        SyaratKurva((KURANG, BUTUH_PERBAIKAN), 10, minimal=True),
        SyaratKurva((SANGAT_BAIK,), 0, minimal=False),
    ),
}


def cek_kurva_distribusi(
    capaian_organisasi: str, jumlah: dict[str, int], kurva: dict[str, tuple[SyaratKurva, ...]] | None = None
) -> list[str]:
    """Violations (Indonesian, human-readable) of the distribution curve; empty when the distribution conforms.

    `capaian_organisasi` is the unit's rating ("ISTIMEWA" … "SANGAT_KURANG"); `jumlah` maps predikat → count.
    `kurva` replaces the default percentages (KURVA_BAWAAN) with the ones the agency has set.
    """
    kurva = KURVA_BAWAAN if kurva is None else kurva
    if capaian_organisasi not in kurva:
        raise ValueError(f"Capaian kinerja organisasi '{capaian_organisasi}' tidak dikenal.")
    tidak_dikenal = set(jumlah) - set(PREDIKAT)
    if tidak_dikenal:
        raise ValueError(f"Predikat tidak dikenal: {', '.join(sorted(tidak_dikenal))}.")
    if any(n < 0 for n in jumlah.values()):
        raise ValueError("Jumlah pegawai per predikat tidak boleh negatif.")
    total = sum(jumlah.values())
    if total == 0:
        return []
    label = LABEL_CAPAIAN_ORGANISASI[capaian_organisasi]
    return [
        f"Capaian organisasi {label}: {pelanggaran}"
        for syarat in kurva[capaian_organisasi]
        if (pelanggaran := syarat.dilanggar(jumlah, total))
    ]
