"""Reward and punishment rules: the one evaluation function, the consequence codes, and the rule checks.

Pure (the standard library, and core.numbers to write figures): `evaluate(aturan, metrik)` takes rules —
Aturan rows or any objects or dicts with the same fields — and one ASN's metrics, and returns the outcomes that
apply. Pages, the preview, the apply service, the Celery task and the management command all call it; none
re-implements a rule.

The PP 94/2021 consequence codes and their levels (DOMAIN.md §4): light (Pasal 8 ayat (2)), medium
(Pasal 8 ayat (3)), heavy (Pasal 8 ayat (4)). The absence thresholds themselves are data (the default rules
of migration 0002), so administrators can edit them.

PPPK: PP 49/2018 Pasal 52 has each agency's PPK set a PPPK discipline and impose its sanctions by the PNS
discipline procedure (PP 94/2021); a heavy breach ends the contract — *pemutusan hubungan perjanjian kerja dengan
hormat tidak atas permintaan sendiri* (Pasal 53) — not a discharge "as PNS". So an outcome is worded by the ASN's
status (`label_konsekuensi`, `catatan_konsekuensi`); what PP 49/2018 leaves to the agency is marked unconfirmed.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from core.numbers import angka as angka_teks

ANGKA = "angka"
PILIHAN = "pilihan"

SANKSI = "SANKSI"
PENGHARGAAN = "PENGHARGAAN"


@dataclass(frozen=True)
class Kode:
    """A coded consequence: its label, whether it punishes or rewards, and its fixed TPP cut (if any)."""

    label: str
    jenis: str
    tingkat: str = ""
    persen_potongan: Decimal | None = None
    bulan_potongan: int | None = None
    potongan_diatur_aturan: bool = False  # the rule sets the percentage and months (POTONG_TPP)
    label_pppk: str = ""  # the outcome's name for a PPPK when it differs (their contract, PP 49/2018)
    catatan_pppk: str = ""  # what is unconfirmed when it applies to a PPPK


_DISIPLIN_PPPK = (
    "Bagi PPPK, disiplin ditetapkan PPK instansi dan hukumannya dijatuhkan dengan tata cara PP 94/2021 "
    "(PP 49/2018 Pasal 52); jenis hukuman ini bagi PPPK belum terkonfirmasi untuk Provinsi Gorontalo."
)
_JABATAN_PPPK = (
    "Belum terkonfirmasi untuk PPPK: hukuman jabatan PP 94/2021 Pasal 8 ayat (4) disusun untuk PNS; jenis hukuman "
    "disiplin PPPK ditetapkan PPK instansi (PP 49/2018 Pasal 52)."
)
PASAL_GAJI_BERHENTI = "PP 94/2021 Pasal 15 ayat (2)"
METRIK_BERTURUT = "hari_tanpa_keterangan_berturut"

KODE = {
    "TEGURAN_LISAN": Kode("Teguran lisan", SANKSI, "Ringan", catatan_pppk=_DISIPLIN_PPPK),
    "TEGURAN_TERTULIS": Kode("Teguran tertulis", SANKSI, "Ringan", catatan_pppk=_DISIPLIN_PPPK),
    "PERNYATAAN_TIDAK_PUAS": Kode(
        "Pernyataan tidak puas secara tertulis", SANKSI, "Ringan", catatan_pppk=_DISIPLIN_PPPK
    ),
    "POTONG_TUNJANGAN_25_6_BULAN": Kode(
        "Pemotongan tunjangan kinerja 25% selama 6 bulan", SANKSI, "Sedang", 25, 6, catatan_pppk=_DISIPLIN_PPPK
    ),
    "POTONG_TUNJANGAN_25_9_BULAN": Kode(
        "Pemotongan tunjangan kinerja 25% selama 9 bulan", SANKSI, "Sedang", 25, 9, catatan_pppk=_DISIPLIN_PPPK
    ),
    "POTONG_TUNJANGAN_25_12_BULAN": Kode(
        "Pemotongan tunjangan kinerja 25% selama 12 bulan", SANKSI, "Sedang", 25, 12, catatan_pppk=_DISIPLIN_PPPK
    ),
    "PENURUNAN_JABATAN_12_BULAN": Kode(
        "Penurunan jabatan setingkat lebih rendah selama 12 bulan", SANKSI, "Berat", catatan_pppk=_JABATAN_PPPK
    ),
    "PEMBEBASAN_JABATAN_12_BULAN": Kode(
        "Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
        SANKSI,
        "Berat",
        catatan_pppk=_JABATAN_PPPK,
    ),
    "PDHTAPS": Kode(
        "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
        SANKSI,
        "Berat",
        label_pppk="Pemutusan hubungan perjanjian kerja dengan hormat tidak atas permintaan sendiri (PPPK)",
        catatan_pppk="PPPK: pelanggaran disiplin tingkat berat memutus hubungan perjanjian kerja dengan hormat tidak "
        "atas permintaan sendiri (PP 49/2018 Pasal 53). Belum terkonfirmasi untuk Provinsi Gorontalo.",
    ),
    "POTONG_TPP": Kode("Pemotongan TPP (persentase dan lama menurut aturan)", SANKSI, potongan_diatur_aturan=True),
    "PEMBINAAN": Kode("Pembinaan oleh atasan langsung", SANKSI),
    "REKOMENDASI_PELATIHAN": Kode("Rekomendasi pelatihan/pengembangan kompetensi", PENGHARGAAN),
    "USUL_PENGHARGAAN": Kode("Usulan penghargaan", PENGHARGAAN),
    "USUL_KENAIKAN_PANGKAT_PILIHAN": Kode("Usulan prioritas kenaikan pangkat/jabatan", PENGHARGAAN),
}

PPPK = "PPPK"


def label_konsekuensi(kode: str, status_kepegawaian: str | None = None) -> str:
    """An outcome's name as it applies to this ASN: a PPPK's heavy discharge is the end of their contract."""
    k = KODE.get(kode)
    if k is None:
        return kode
    return k.label_pppk if status_kepegawaian == PPPK and k.label_pppk else k.label


def catatan_konsekuensi(
    kode: str, kondisi, status_kepegawaian: str | None = None, gaji_berhenti_mulai: str | None = None
) -> list[str]:
    """What else follows from an outcome, as sentences for its page: the salary stop of PP 94/2021 Pasal 15 ayat
    (2) when PDHTAPS comes from ten consecutive working days absent (Pasal 11 ayat (2) huruf d angka 4), and, for a
    PPPK, what of it is unconfirmed. `gaji_berhenti_mulai` is the month it stops from, already written for people.
    """
    k = KODE.get(kode)
    if k is None:
        return []
    catatan = []
    if kode == "PDHTAPS" and any(_baca(c, "metrik") == METRIK_BERTURUT for c in kondisi or ()):
        teks = f"Pembayaran gaji dihentikan sejak bulan berikutnya ({PASAL_GAJI_BERHENTI})"
        teks += f": mulai {gaji_berhenti_mulai}." if gaji_berhenti_mulai else "."
        if status_kepegawaian == PPPK:
            teks += " Bagi PPPK, penghentian gaji ini belum terkonfirmasi."
        catatan.append(teks)
    if status_kepegawaian == PPPK and k.catatan_pppk:
        catatan.append(k.catatan_pppk)
    return catatan


OPERATOR = {
    "==": "=",
    "!=": "≠",
    "<": "<",
    "<=": "≤",
    ">": ">",
    ">=": "≥",
}
OPERATOR_PER_TIPE = {ANGKA: ("==", "!=", "<", "<=", ">", ">="), PILIHAN: ("==", "!=")}


@dataclass(frozen=True)
class Metrik:
    """A named metric a rule may test: its type, and for a choice metric the values it can take."""

    nama: str
    label: str
    tipe: str
    pilihan: tuple = ()  # ((value, label), ...) for PILIHAN
    satuan: str = ""

    @property
    def nilai_pilihan(self):
        return tuple(v for v, _ in self.pilihan)


@dataclass(frozen=True)
class Hasil:
    """One outcome: the rule that produced it, its consequence code, and the metric values that triggered it.

    For a rule over N consecutive periods each triggering value is a list, current period first.
    """

    aturan: object
    kode: str
    pemicu: dict


def _baca(aturan, nama, bawaan=None):
    if isinstance(aturan, dict):
        return aturan.get(nama, bawaan)
    return getattr(aturan, nama, bawaan)


def _angka(nilai) -> Decimal | None:
    if nilai is None or isinstance(nilai, bool):
        return None
    try:
        return Decimal(str(nilai))
    except InvalidOperation:
        return None


def _cocok(nilai, operator, pembanding) -> bool:
    """Compare a metric value with a rule's value; an unknown (None) metric value never triggers a rule."""
    if nilai is None:
        return False
    if isinstance(nilai, int | float | Decimal) and not isinstance(nilai, bool):
        nilai, pembanding = _angka(nilai), _angka(pembanding)
        if pembanding is None:
            return False
    else:
        nilai, pembanding = str(nilai), str(pembanding)
        if operator not in ("==", "!="):
            return False
    return {
        "==": nilai == pembanding,
        "!=": nilai != pembanding,
        "<": nilai < pembanding,
        "<=": nilai <= pembanding,
        ">": nilai > pembanding,
        ">=": nilai >= pembanding,
    }[operator]


def _berlaku(aturan, pada: datetime.date | None) -> bool:
    if not _baca(aturan, "aktif", True):
        return False
    if pada is None:
        return True
    mulai, sampai = _baca(aturan, "berlaku_mulai"), _baca(aturan, "berlaku_sampai")
    return (mulai is None or mulai <= pada) and (sampai is None or pada <= sampai)


def _id(aturan):
    return _baca(aturan, "pk", None) or _baca(aturan, "id", None)


def evaluate(aturan, metrik: dict, *, pada: datetime.date | None = None) -> list[Hasil]:
    """The outcomes that apply to one ASN, heaviest first.

    - `aturan`: rules with `kondisi` ([{"metrik", "operator", "nilai"}], all must hold: AND),
      `periode_berturut` (N: the conditions must hold in this period and the N−1 before it),
      `kode_konsekuensi`, `prioritas`, `grup_eksklusif`, `aktif`, `berlaku_mulai`/`berlaku_sampai`,
      `sekali_setahun`, and `pk` or `id`.
    - `metrik`: metric name → value for the period; `riwayat`: the earlier periods' dicts, most recent first
      (an empty dict for a period without data breaks a run); `diberikan_tahun_ini`: ids of rules that
      already gave this ASN an outcome in another period of the year (skipped when `sekali_setahun`).
    - `pada`: the period's end date, for the rules' validity dates.

    Within an exclusive group only the heaviest outcome (highest priority; then the lowest rule id) is kept,
    so e.g. 12 days of absence including 10 in a row give PDHTAPS and not also a TPP cut.
    """
    riwayat = list(metrik.get("riwayat") or ())
    sudah = set(metrik.get("diberikan_tahun_ini") or ())
    hasil = []
    for a in aturan:
        if not _berlaku(a, pada):
            continue
        if _baca(a, "sekali_setahun", False) and _id(a) is not None and _id(a) in sudah:
            continue
        n = max(int(_baca(a, "periode_berturut", 1) or 1), 1)
        rangkaian = [metrik, *riwayat[: n - 1]]
        kondisi = list(_baca(a, "kondisi", None) or ())
        if len(rangkaian) < n or not kondisi:
            continue
        if all(_cocok(m.get(k["metrik"]), k["operator"], k["nilai"]) for m in rangkaian for k in kondisi):
            pemicu = {
                k["metrik"]: metrik.get(k["metrik"]) if n == 1 else [m.get(k["metrik"]) for m in rangkaian]
                for k in kondisi
            }
            hasil.append(Hasil(aturan=a, kode=_baca(a, "kode_konsekuensi"), pemicu=pemicu))

    def berat(h):
        return (-int(_baca(h.aturan, "prioritas", 0) or 0), _id(h.aturan) or 0)

    terberat = {}
    for h in sorted(hasil, key=berat):
        terberat.setdefault(_baca(h.aturan, "grup_eksklusif", "") or id(h), h)
    return sorted(terberat.values(), key=berat)


# --- rule checks ------------------------------------------------------------------------------------------


def periksa_kondisi(kondisi, katalog: dict[str, Metrik]) -> list[str]:
    """Every problem with a rule's conditions, as messages for the administrator (empty when valid).

    Refused: no condition, an unknown metric or operator, an operator that does not fit the metric's type
    (a choice metric takes only = and ≠), a value that is not a number or not one of the choices, and
    conditions that can never hold together (e.g. ≥ 10 and < 5, or = Baik and = Sangat Baik).
    """
    if not kondisi:
        return ["Aturan harus memiliki paling sedikit satu kondisi."]
    pesan = []
    per_metrik: dict[str, list] = {}
    for i, k in enumerate(kondisi, start=1):
        if not isinstance(k, dict):
            pesan.append(f"Kondisi {i} tidak sah.")
            continue
        nama, operator, nilai = k.get("metrik"), k.get("operator"), k.get("nilai")
        m = katalog.get(nama)
        if m is None:
            pesan.append(f"Kondisi {i}: metrik '{nama}' tidak dikenal. Metrik tersedia: {', '.join(sorted(katalog))}.")
            continue
        if operator not in OPERATOR:
            pesan.append(f"Kondisi {i}: operator '{operator}' tidak dikenal.")
            continue
        if operator not in OPERATOR_PER_TIPE[m.tipe]:
            boleh = " atau ".join(OPERATOR[o] for o in OPERATOR_PER_TIPE[m.tipe])
            pesan.append(
                f"Kondisi {i}: operator {OPERATOR[operator]} tidak cocok untuk metrik {m.label} "
                f"(pilihan, bukan angka); gunakan {boleh}."
            )
            continue
        if m.tipe == ANGKA:
            angka = _angka(nilai)
            if angka is None or str(nilai).strip() == "":
                pesan.append(f"Kondisi {i}: nilai '{nilai}' untuk metrik {m.label} harus berupa angka.")
                continue
            per_metrik.setdefault(nama, []).append((operator, angka))
        else:
            if str(nilai) not in m.nilai_pilihan:
                pilihan = ", ".join(m.nilai_pilihan)
                pesan.append(f"Kondisi {i}: nilai '{nilai}' bukan pilihan metrik {m.label} ({pilihan}).")
                continue
            per_metrik.setdefault(nama, []).append((operator, str(nilai)))
    for nama, daftar in per_metrik.items():
        m = katalog[nama]
        mustahil = _mustahil_angka(daftar) if m.tipe == ANGKA else _mustahil_pilihan(daftar, m.nilai_pilihan)
        if mustahil:
            uraian = " dan ".join(f"{m.label} {OPERATOR[o]} {_teks(v, m)}" for o, v in daftar)
            pesan.append(f"Kondisi saling bertentangan, tidak pernah terpenuhi bersamaan: {uraian}.")
    return pesan


def _mustahil_angka(daftar) -> bool:
    """Whether numeric conditions on one metric have no common value (metrics are never negative)."""
    bawah, bawah_inklusif = Decimal(0), True
    atas, atas_inklusif = None, True
    tidak = set()
    for operator, v in daftar:
        if operator in (">", ">=", "==") and (v > bawah or (v == bawah and operator == ">")):
            bawah, bawah_inklusif = v, operator != ">"
        if operator in ("<", "<=", "==") and (atas is None or v < atas or (v == atas and operator == "<")):
            atas, atas_inklusif = v, operator != "<"
        if operator == "!=":
            tidak.add(v)
    if atas is None:
        return False
    if bawah > atas or (bawah == atas and not (bawah_inklusif and atas_inklusif)):
        return True
    return bawah == atas and bawah in tidak


def _mustahil_pilihan(daftar, semua) -> bool:
    boleh = set(semua)
    for operator, v in daftar:
        boleh = boleh & {v} if operator == "==" else boleh - {v}
    return not boleh


def _teks(nilai, m: Metrik | None) -> str:
    """A rule's value for people: a choice by its label, a number in Indonesian (87,5), anything else as given."""
    if m is not None and m.tipe == PILIHAN:
        return str(dict(m.pilihan).get(nilai, nilai))
    angka = _angka(nilai)
    return angka_teks(angka) if angka is not None and angka.is_finite() else str(nilai)


def uraikan_kondisi(kondisi, katalog: dict[str, Metrik], periode_berturut: int = 1) -> str:
    """A rule's conditions as a sentence, e.g. 'Hari tanpa keterangan ≥ 4 dan ≤ 6', for lists and previews."""
    bagian = []
    for k in kondisi or ():
        m = katalog.get(k.get("metrik"))
        label = m.label if m else k.get("metrik")
        bagian.append(f"{label} {OPERATOR.get(k.get('operator'), k.get('operator'))} {_teks(k.get('nilai'), m)}")
    teks = " dan ".join(bagian)
    if periode_berturut and periode_berturut > 1:
        teks += f", {periode_berturut} periode berturut-turut"
    return teks
