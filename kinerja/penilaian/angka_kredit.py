"""Angka kredit of a jabatan fungsional from the annual predikat kinerja (DOMAIN.md §5).

PermenPANRB 1/2023 on Jabatan Fungsional, Pasal 37 (konversi predikat kinerja ke angka kredit; mechanics in
Peraturan BKN 3/2023 on Angka Kredit, Kenaikan Pangkat dan Jenjang Jabatan Fungsional): the angka kredit of a
year is the percentage of the year's predikat times the jenjang's annual coefficient. Pasal 39 (kenaikan pangkat)
and Pasal 30 (kenaikan jenjang) set the cumulative angka kredit needed, counted within the jenjang. The defaults
below are those regulations' tables; the app reads the editable copies (the admin's tables), which start as these.
Pure functions over plain values (stdlib + core.numbers).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from core.numbers import angka

SUMBER_KONVERSI = "PermenPANRB 1/2023 Pasal 37; Peraturan BKN 3/2023 (konversi predikat kinerja ke angka kredit)"
SUMBER_KOEFISIEN = "PermenPANRB 1/2023 Lampiran (koefisien angka kredit tahunan per jenjang)"
SUMBER_KEBUTUHAN = "PermenPANRB 1/2023 Pasal 30 dan 39, Lampiran (angka kredit kumulatif kenaikan pangkat/jenjang)"

# Percentage of the annual coefficient earned by each predikat (keys: kinerja.penilaian.predikat).
PERSENTASE_PREDIKAT = {
    "SANGAT_BAIK": 150,
    "BAIK": 100,
    "BUTUH_PERBAIKAN": 75,
    "KURANG": 50,
    "SANGAT_KURANG": 25,
}

# Annual coefficient per jenjang (keys: Pegawai.JenisJabatan of the jabatan fungsional).
KOEFISIEN_TAHUNAN = {
    "AHLI_PERTAMA": Decimal("12.5"),
    "AHLI_MUDA": Decimal("25"),
    "AHLI_MADYA": Decimal("37.5"),
    "AHLI_UTAMA": Decimal("50"),
    "PEMULA": Decimal("3.75"),
    "TERAMPIL": Decimal("5"),
    "MAHIR": Decimal("12.5"),
    "PENYELIA": Decimal("25"),
}
JENJANG_FUNGSIONAL = tuple(KOEFISIEN_TAHUNAN)

PANGKAT = "PANGKAT"
JENJANG = "JENJANG"

# (jenjang, golongan) → (cumulative angka kredit within the jenjang, what it earns): the next pangkat in the same
# jenjang, or the next jenjang. Kenaikan pangkat: Ahli Pertama 50, Ahli Muda 100, Ahli Madya 150, Ahli Utama 200,
# Terampil 20, Mahir 50, Penyelia 100 for each step; kenaikan jenjang: 100, 200, 450 (keahlian), 15, 60, 100
# (keterampilan). The top golongan of the top jenjangs (IV/e, III/d) have no next step.
KEBUTUHAN = {
    ("AHLI_PERTAMA", "III/a"): (Decimal(50), PANGKAT),
    ("AHLI_PERTAMA", "III/b"): (Decimal(100), JENJANG),
    ("AHLI_MUDA", "III/c"): (Decimal(100), PANGKAT),
    ("AHLI_MUDA", "III/d"): (Decimal(200), JENJANG),
    ("AHLI_MADYA", "IV/a"): (Decimal(150), PANGKAT),
    ("AHLI_MADYA", "IV/b"): (Decimal(300), PANGKAT),
    ("AHLI_MADYA", "IV/c"): (Decimal(450), JENJANG),
    ("AHLI_UTAMA", "IV/d"): (Decimal(200), PANGKAT),
    ("PEMULA", "II/a"): (Decimal(15), JENJANG),
    ("TERAMPIL", "II/b"): (Decimal(20), PANGKAT),
    ("TERAMPIL", "II/c"): (Decimal(40), PANGKAT),
    ("TERAMPIL", "II/d"): (Decimal(60), JENJANG),
    ("MAHIR", "III/a"): (Decimal(50), PANGKAT),
    ("MAHIR", "III/b"): (Decimal(100), JENJANG),
    ("PENYELIA", "III/c"): (Decimal(100), PANGKAT),
}

JENJANG_BERIKUTNYA = {
    "AHLI_PERTAMA": "AHLI_MUDA",
    "AHLI_MUDA": "AHLI_MADYA",
    "AHLI_MADYA": "AHLI_UTAMA",
    "PEMULA": "TERAMPIL",
    "TERAMPIL": "MAHIR",
    "MAHIR": "PENYELIA",
}

_TIGA_DESIMAL = Decimal("0.001")


def angka_kredit_tahun(predikat: str, jenjang: str, persentase=None, koefisien=None) -> Decimal | None:
    """The angka kredit a year's predikat earns in a jenjang, to 3 decimals; None when the jenjang is not a
    jabatan fungsional or the year has no predikat. `persentase` and `koefisien` are the editable tables."""
    persentase = PERSENTASE_PREDIKAT if persentase is None else persentase
    koefisien = KOEFISIEN_TAHUNAN if koefisien is None else koefisien
    if predikat not in persentase or jenjang not in koefisien:
        return None
    nilai = Decimal(persentase[predikat]) * Decimal(koefisien[jenjang]) / 100
    return nilai.quantize(_TIGA_DESIMAL, ROUND_HALF_UP)


@dataclass(frozen=True)
class TahunAngkaKredit:
    tahun: int
    predikat: str
    jenjang: str
    persen: int | None
    koefisien: Decimal | None
    angka_kredit: Decimal | None


@dataclass
class RekapAngkaKredit:
    """An ASN's angka kredit in the current jenjang: the starting figure, each year, the total, the next step."""

    awal: Decimal
    tahun: list = field(default_factory=list)  # TahunAngkaKredit, oldest first
    total: Decimal = Decimal(0)
    kebutuhan: Decimal | None = None  # the cumulative figure the next step needs, None at the top
    kenaikan: str = ""  # PANGKAT or JENJANG
    jenjang_berikutnya: str = ""
    kekurangan: Decimal | None = None  # still needed; 0 once reached

    @property
    def terpenuhi(self) -> bool:
        return self.kekurangan is not None and self.kekurangan == 0

    def keterangan(self) -> str:
        """The next step in words, for pages and the export."""
        if self.kebutuhan is None:
            return "Tidak ada kenaikan pangkat/jenjang berikutnya yang diatur untuk golongan dan jenjang ini."
        tujuan = "kenaikan pangkat" if self.kenaikan == PANGKAT else "kenaikan jenjang"
        if self.terpenuhi:
            return f"Angka kredit untuk {tujuan} ({angka(self.kebutuhan)}) sudah terpenuhi."
        return f"Kurang {angka(self.kekurangan)} dari {angka(self.kebutuhan)} angka kredit untuk {tujuan}."


def rekap_angka_kredit(
    awal, tahunan, jenjang: str, golongan: str, persentase=None, koefisien=None, kebutuhan=None
) -> RekapAngkaKredit:
    """Accumulate the angka kredit of each year (tahunan: (tahun, predikat, jenjang) of the final annual
    evaluations) onto `awal` and compare with what the next pangkat or jenjang needs (Pasal 30 and 39)."""
    kebutuhan = KEBUTUHAN if kebutuhan is None else kebutuhan
    persentase = PERSENTASE_PREDIKAT if persentase is None else persentase
    koefisien = KOEFISIEN_TAHUNAN if koefisien is None else koefisien
    rekap = RekapAngkaKredit(awal=Decimal(awal))
    total = rekap.awal
    for tahun, predikat, jenjang_tahun in sorted(tahunan):
        nilai = angka_kredit_tahun(predikat, jenjang_tahun, persentase, koefisien)
        rekap.tahun.append(
            TahunAngkaKredit(
                tahun,
                predikat,
                jenjang_tahun,
                persentase.get(predikat),
                koefisien.get(jenjang_tahun),
                nilai,
            )
        )
        total += nilai or 0
    rekap.total = total
    syarat = kebutuhan.get((jenjang, golongan))
    if syarat:
        rekap.kebutuhan, rekap.kenaikan = Decimal(syarat[0]), syarat[1]
        rekap.jenjang_berikutnya = JENJANG_BERIKUTNYA.get(jenjang, "") if syarat[1] == JENJANG else jenjang
        rekap.kekurangan = max(rekap.kebutuhan - total, Decimal(0))
    return rekap
