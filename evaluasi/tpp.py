"""TPP (tambahan penghasilan pegawai) of one ASN for one month: the arithmetic, in exact rupiah.

Pure (standard library only). Sources, and what of them is confirmed:
- The base per kelas jabatan and the criteria (beban kerja, prestasi kerja, …) come from Kepmendagri
  900-4700/2020 (tata cara persetujuan TPP) and Permendagri 77/2020 (pedoman teknis pengelolaan keuangan daerah,
  lampiran, belanja pegawai: TPP); the numbers are the region's own, set in a Peraturan Gubernur. Gorontalo's
  Pergub is not at hand, so every percentage below comes from PengaturanTPP, with defaults marked unconfirmed.
- Prestasi kerja split into kinerja (paid by the period's predikat) and disiplin (cut per unexcused day, per late
  arrival and early leave by bands, per missed apel): the common Pergub structure (unconfirmed for Gorontalo).
- The cut of PP 94/2021 Pasal 8 ayat (3) huruf a: 25% of TPP for 6, 9 or 12 months, a percentage of the whole base.
- Plt/Plh (unconfirmed; read from the yearly Permendagri pedoman penyusunan APBD, e.g. 27/2021, on TPP for Plt):
  acting in a post with a higher TPP pays that post's TPP; acting in a post at the same level or lower pays one's
  own TPP plus 20% of the other post's TPP.
- PPh 21 and BPJS Kesehatan (the employee's 1%, Perpres 82/2018 Pasal 30 as amended by Perpres 64/2020) are
  configurable percentages of the gross; PPh 21 per golongan ruang (default 0/0/5/15% for I/II/III/IV, the
  final-tax rates of PP 80/2010 for payments from the APBD — unconfirmed whether the region applies them to TPP).

Every amount is rounded once to whole rupiah (half up), and the parts are derived so they always add up:
base = beban kerja + kinerja + disiplin; gross = base − kinerja not paid − disiplin cut − sanction; net = gross −
PPh 21 − BPJS.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

RUPIAH = Decimal(1)
SERATUS = Decimal(100)
NOL = Decimal(0)

# Lateness and early-leave bands, in the order of RekapKehadiran's counters and PengaturanTPP's steps.
TERLAMBAT = ("terlambat_1_30", "terlambat_31_60", "terlambat_61_90", "terlambat_lebih_90")
PULANG_CEPAT = ("pulang_cepat_1_30", "pulang_cepat_31_60", "pulang_cepat_61_90", "pulang_cepat_lebih_90")
PREDIKAT = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")


def rupiah(nilai: Decimal) -> Decimal:
    """Round to whole rupiah, halves up, as a spreadsheet does."""
    return Decimal(nilai).quantize(RUPIAH, ROUND_HALF_UP)


def persen(nilai: Decimal, p: Decimal) -> Decimal:
    return rupiah(Decimal(nilai) * Decimal(p) / SERATUS)


@dataclass(frozen=True)
class AturanTPP:
    """The region's percentages (PengaturanTPP); steps are % of the disiplin share per occurrence."""

    persen_beban_kerja: Decimal
    persen_kinerja: Decimal  # of the prestasi kerja share; disiplin is the rest
    kinerja_per_predikat: dict[str, Decimal]
    persen_kinerja_tanpa_predikat: Decimal
    potong_tanpa_keterangan: Decimal
    langkah_terlambat: dict[str, Decimal]
    langkah_pulang_cepat: dict[str, Decimal]
    potong_tidak_apel: Decimal
    persen_plt: Decimal
    pph_per_golongan: dict[str, Decimal]
    persen_bpjs: Decimal


@dataclass(frozen=True)
class FaktaBulan:
    """One ASN's facts of the month (counts default to none)."""

    besaran: Decimal  # the base of the ASN's own kelas jabatan
    besaran_plt: Decimal | None = None  # the base of the post held as Plt/Plh, if any
    predikat: str = ""  # "" = no final evaluation covering the month
    tanpa_keterangan: int = 0
    terlambat: dict[str, int] = field(default_factory=dict)
    pulang_cepat: dict[str, int] = field(default_factory=dict)
    tidak_apel: int = 0
    persen_sanksi: Decimal = NOL
    golongan: str = ""


@dataclass(frozen=True)
class RincianTPP:
    besaran: Decimal  # after Plt/Plh
    beban_kerja: Decimal
    porsi_kinerja: Decimal
    porsi_disiplin: Decimal
    persen_kinerja_dibayar: Decimal
    kinerja: Decimal  # kinerja share paid
    persen_potong_disiplin: Decimal
    potongan_disiplin: Decimal
    disiplin: Decimal  # disiplin share paid
    persen_sanksi: Decimal
    potongan_sanksi: Decimal
    bruto: Decimal
    persen_pph: Decimal
    pph: Decimal
    bpjs: Decimal
    diterima: Decimal

    @property
    def potongan_kinerja(self) -> Decimal:
        return self.porsi_kinerja - self.kinerja


def besaran_plt(besaran: Decimal, besaran_plt: Decimal | None, persen_plt: Decimal) -> Decimal:
    """The base of an ASN acting as Plt/Plh: the higher post's base, or one's own plus persen_plt of the other's."""
    besaran = rupiah(besaran)
    if besaran_plt is None:
        return besaran
    besaran_plt = rupiah(besaran_plt)
    if besaran_plt > besaran:
        return besaran_plt
    return besaran + persen(besaran_plt, persen_plt)


def pulang_cepat_per_rentang(jumlah: int, per_rentang: dict[str, int]) -> dict[str, int]:
    """Early leaves by band; those the attendance system did not band (the total minus the banded) count in the
    mildest band, since how early is unknown (unconfirmed reading)."""
    hasil = {k: int(per_rentang.get(k) or 0) for k in PULANG_CEPAT}
    hasil[PULANG_CEPAT[0]] += max(int(jumlah or 0) - sum(hasil.values()), 0)
    return hasil


def ruang(golongan: str) -> str:
    """'III/a' → 'III'; a PPPK's 'IX' stays 'IX'; '' stays ''."""
    return (golongan or "").split("/")[0].strip().upper()


def hitung_tpp(fakta: FaktaBulan, aturan: AturanTPP) -> RincianTPP:
    """One month's TPP (see the module docstring for each step's source)."""
    besaran = besaran_plt(fakta.besaran, fakta.besaran_plt, aturan.persen_plt)
    beban_kerja = persen(besaran, aturan.persen_beban_kerja)
    prestasi = besaran - beban_kerja
    porsi_kinerja = persen(prestasi, aturan.persen_kinerja)
    porsi_disiplin = prestasi - porsi_kinerja

    if fakta.predikat:
        persen_kinerja_dibayar = Decimal(aturan.kinerja_per_predikat.get(fakta.predikat, NOL))
    else:
        persen_kinerja_dibayar = Decimal(aturan.persen_kinerja_tanpa_predikat)
    persen_kinerja_dibayar = min(persen_kinerja_dibayar, SERATUS)
    kinerja = persen(porsi_kinerja, persen_kinerja_dibayar)

    persen_disiplin = Decimal(fakta.tanpa_keterangan) * Decimal(aturan.potong_tanpa_keterangan)
    persen_disiplin += sum(
        (Decimal(fakta.terlambat.get(k) or 0) * Decimal(aturan.langkah_terlambat[k]) for k in TERLAMBAT), NOL
    )
    persen_disiplin += sum(
        (Decimal(fakta.pulang_cepat.get(k) or 0) * Decimal(aturan.langkah_pulang_cepat[k]) for k in PULANG_CEPAT),
        NOL,
    )
    persen_disiplin += Decimal(fakta.tidak_apel) * Decimal(aturan.potong_tidak_apel)
    persen_disiplin = min(persen_disiplin, SERATUS)
    potongan_disiplin = persen(porsi_disiplin, persen_disiplin)
    disiplin = porsi_disiplin - potongan_disiplin

    persen_sanksi = min(Decimal(fakta.persen_sanksi), SERATUS)
    sebelum_sanksi = beban_kerja + kinerja + disiplin
    potongan_sanksi = min(persen(besaran, persen_sanksi), sebelum_sanksi)
    bruto = sebelum_sanksi - potongan_sanksi

    persen_pph = Decimal(aturan.pph_per_golongan.get(ruang(fakta.golongan), NOL))
    pph = persen(bruto, persen_pph)
    bpjs = min(persen(bruto, aturan.persen_bpjs), bruto - pph)
    return RincianTPP(
        besaran=besaran,
        beban_kerja=beban_kerja,
        porsi_kinerja=porsi_kinerja,
        porsi_disiplin=porsi_disiplin,
        persen_kinerja_dibayar=persen_kinerja_dibayar,
        kinerja=kinerja,
        persen_potong_disiplin=persen_disiplin,
        potongan_disiplin=potongan_disiplin,
        disiplin=disiplin,
        persen_sanksi=persen_sanksi,
        potongan_sanksi=potongan_sanksi,
        bruto=bruto,
        persen_pph=persen_pph,
        pph=pph,
        bpjs=bpjs,
        diterima=bruto - pph - bpjs,
    )
