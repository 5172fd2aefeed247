"""Results of BKN's e-Kinerja brought in: reading a result file's cells, checking a predikat against the matrix,
which unit evaluates where, and which result is the evaluation of record (DOMAIN.md, e-Kinerja).

Pure functions over plain values (standard library only): the import (impor_ekinerja), its services and the pages
call these and never re-implement them.
"""

import re
from dataclasses import dataclass

from . import periode as rumus_periode
from . import predikat as rumus_predikat

# Where a unit's evaluations are done: here (LOKAL), or in e-Kinerja and imported (IMPOR); "" follows the parent.
LOKAL = "LOKAL"
IMPOR = "IMPOR"
IKUTI_INDUK = ""
SUMBER_BAWAAN = LOKAL  # a root unit that chose nothing evaluates here, as the product did before imports


def _kunci(teks) -> str:
    """Lowercase letters and digits only: "Di Atas Ekspektasi", "DI_ATAS" and "diatas ekspektasi" compare equal."""
    return re.sub(r"[^a-z0-9]", "", str(teks).lower())


# The spellings e-Kinerja's and offices' files use for the two ratings (the UI's labels, the codes, short forms).
_RATING = {
    **{_kunci(k): rumus_predikat.DI_ATAS for k in ("Di Atas Ekspektasi", "Di Atas", "Diatas", "DI_ATAS")},
    **{_kunci(k): rumus_predikat.SESUAI for k in ("Sesuai Ekspektasi", "Sesuai", "SESUAI")},
    **{_kunci(k): rumus_predikat.DI_BAWAH for k in ("Di Bawah Ekspektasi", "Di Bawah", "Dibawah", "DI_BAWAH")},
}
_PREDIKAT = {
    **{_kunci(label): kode for kode, label in rumus_predikat.LABEL_PREDIKAT.items()},
    **{_kunci(kode): kode for kode in rumus_predikat.PREDIKAT},
    _kunci("Kurang"): rumus_predikat.KURANG,
    _kunci("Misconduct"): rumus_predikat.KURANG,
}


def baca_rating(teks: str) -> str:
    """A rating cell → "DI_ATAS" / "SESUAI" / "DI_BAWAH"; "" for an empty cell; ValueError (Indonesian) otherwise."""
    if not str(teks).strip():
        return ""
    try:
        return _RATING[_kunci(teks)]
    except KeyError:
        raise ValueError(
            f"'{teks}' bukan rating yang dikenal (Di Atas Ekspektasi, Sesuai Ekspektasi, Di Bawah Ekspektasi)."
        ) from None


def baca_predikat(teks: str) -> str:
    """A predikat cell → its code ("SANGAT_BAIK" …); "" for an empty cell; ValueError (Indonesian) otherwise."""
    if not str(teks).strip():
        return ""
    try:
        return _PREDIKAT[_kunci(teks)]
    except KeyError:
        nama = ", ".join(rumus_predikat.LABEL_PREDIKAT.values())
        raise ValueError(f"'{teks}' bukan predikat kinerja yang dikenal ({nama}).") from None


_ROMAWI = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_BULAN = {_kunci(nama): i for i, nama in enumerate(rumus_periode.NAMA_BULAN, start=1)}
_BULAN |= {k[:3]: v for k, v in list(_BULAN.items())}
_JENIS = {
    "triwulan": rumus_periode.TRIWULANAN,
    "tw": rumus_periode.TRIWULANAN,
    "q": rumus_periode.TRIWULANAN,
    "semester": rumus_periode.SEMESTERAN,
    "smt": rumus_periode.SEMESTERAN,
    "s": rumus_periode.SEMESTERAN,
}
_TAHUNAN = {"tahunan", "tahun", "annual", "periodetahunan"}


@dataclass(frozen=True)
class KunciPeriode:
    jenis: str
    nomor: int
    tahun: int

    def __str__(self):
        return rumus_periode.nama_periode(self.jenis, self.nomor, self.tahun)


def baca_periode(teks: str, tahun=None) -> KunciPeriode:
    """A period cell as e-Kinerja and officials write it → (jenis, nomor, tahun); ValueError (Indonesian) otherwise.

    Accepted: "2026" or "Tahunan 2026" (annual), "Triwulan I 2026" / "TW 1 2026" / "Q1 2026", "Semester II 2026",
    "Bulan Maret 2026" / "Maret 2026" / "03/2026" / "2026-03". `tahun` is a separate year column, used when the cell
    names no year ("Triwulan I").
    """
    asli = str(teks).strip()
    if not asli:
        raise ValueError("Periode wajib diisi.")
    kata = [k for k in re.split(r"[\s/\-_.,]+", asli.lower()) if k]
    angka_tahun = [int(k) for k in kata if re.fullmatch(r"(19|20)\d\d", k)]
    if len(angka_tahun) > 1:
        raise ValueError(f"Periode '{asli}' menyebut lebih dari satu tahun.")
    th = angka_tahun[0] if angka_tahun else tahun
    if not th:
        raise ValueError(
            f"Periode '{asli}' tidak menyebut tahunnya (misalnya Triwulan I 2026), dan kolom Tahun kosong."
        )
    sisa = [k for k in kata if not re.fullmatch(r"(19|20)\d\d", k) and k not in ("bulan", "periode")]
    if len(sisa) > 1:  # "Tahun 2026 Triwulan 1": the word for the year beside another period's name
        sisa = [k for k in sisa if k != "tahun"]
    kunci = _baca_sisa(sisa, asli)
    jenis, nomor = kunci
    try:
        rumus_periode.periksa_nomor(jenis, nomor)
    except ValueError as galat:
        raise ValueError(f"Periode '{asli}': {galat}") from None
    return KunciPeriode(jenis, nomor, int(th))


def _baca_sisa(sisa: list[str], asli: str) -> tuple[str, int]:
    gagal = ValueError(
        f"Periode '{asli}' tidak dikenal. Tulis seperti Tahunan 2026, Triwulan I 2026, Semester II 2026 "
        "atau Maret 2026."
    )
    if not sisa or (len(sisa) == 1 and sisa[0] in _TAHUNAN):
        return rumus_periode.TAHUNAN, 1
    if len(sisa) == 1:
        kata = sisa[0]
        if kata in _BULAN:
            return rumus_periode.BULANAN, _BULAN[kata]
        if kata.isdigit():
            return rumus_periode.BULANAN, int(kata)
        cocok = re.fullmatch(r"(q|tw|s|smt)(\d)", kata)
        if cocok:
            return _JENIS[cocok[1]], int(cocok[2])
        raise gagal
    if len(sisa) == 2 and sisa[0] in _JENIS:
        nomor = _ROMAWI.get(sisa[1]) or (int(sisa[1]) if sisa[1].isdigit() else None)
        if nomor:
            return _JENIS[sisa[0]], nomor
    raise gagal


def cek_matriks(rating_hasil_kerja: str, rating_perilaku_kerja: str, predikat: str) -> str | None:
    """Why a predikat disagrees with its two ratings under PermenPANRB 6/2022's matrix (Indonesian), or None when it
    agrees or the ratings are not both given. e-Kinerja's predikat stands either way: this is a flag for HR."""
    if not (rating_hasil_kerja and rating_perilaku_kerja):
        return None
    seharusnya = rumus_predikat.predikat_kinerja(rating_hasil_kerja, rating_perilaku_kerja)
    if seharusnya == predikat:
        return None
    label = rumus_predikat.LABEL_PREDIKAT
    return (
        f"Predikat {label[predikat]} tidak sesuai matriks PermenPANRB 6/2022: hasil kerja "
        f"{_LABEL_RATING[rating_hasil_kerja]} dan perilaku kerja {_LABEL_RATING[rating_perilaku_kerja]} "
        f"memberi {label[seharusnya]}."
    )


_LABEL_RATING = {
    rumus_predikat.DI_ATAS: "Di Atas Ekspektasi",
    rumus_predikat.SESUAI: "Sesuai Ekspektasi",
    rumus_predikat.DI_BAWAH: "Di Bawah Ekspektasi",
}


def sumber_per_unit(units) -> dict[int, str]:
    """Each unit's effective source, LOKAL or IMPOR, from (id, parent id, own choice) triples: a unit's own choice,
    else its parent's effective one, else SUMBER_BAWAAN at the root."""
    induk, pilihan = {}, {}
    for pk, induk_id, sendiri in units:
        induk[pk], pilihan[pk] = induk_id, sendiri
    hasil: dict[int, str] = {}
    for pk in induk:
        jalur, u = [], pk
        while u in induk and u not in hasil and not pilihan[u] and u not in jalur:
            jalur.append(u)
            u = induk[u]
        if u in hasil:
            nilai = hasil[u]
        elif u in induk and pilihan[u] and u not in jalur:
            nilai = hasil[u] = pilihan[u]
        else:  # the root, a parent not given, or a loop: nobody chose
            nilai = SUMBER_BAWAAN
        for p in jalur:
            hasil[p] = nilai
    return hasil


# Who wins when an imported result meets the evaluation this product holds for the same ASN and period.
PAKAI_IMPOR = "IMPOR"
PAKAI_LOKAL = "LOKAL"


@dataclass(frozen=True)
class Keputusan:
    pakai: str  # PAKAI_IMPOR: the import becomes (or replaces) the evaluation of record; PAKAI_LOKAL: kept beside it
    alasan: str


def pemenang(sumber_unit: str, lokal_status: str | None, lokal_diimpor: bool, label_status: str = "") -> Keputusan:
    """The rule (ours; no regulation says): the source the ASN's unit chose wins, and a final evaluation rated here
    is never changed. The losing result is kept and shown beside the winner.

    `lokal_status` is the state of the evaluation already held (None: none), `lokal_diimpor` whether that one came
    from an earlier import, which a newer import replaces (its old values stay in the history).
    """
    if lokal_status is None:
        return Keputusan(PAKAI_IMPOR, "Belum ada evaluasi di aplikasi ini: hasil e-Kinerja menjadi evaluasi resmi.")
    if lokal_diimpor:
        return Keputusan(PAKAI_IMPOR, "Menggantikan hasil impor e-Kinerja sebelumnya (nilai lama tetap di riwayat).")
    if lokal_status == "FINAL":
        return Keputusan(
            PAKAI_LOKAL,
            "Evaluasi di aplikasi ini sudah final dan tidak pernah diubah: tetap resmi; hasil e-Kinerja disimpan di "
            "sampingnya.",
        )
    if sumber_unit == IMPOR:
        return Keputusan(
            PAKAI_IMPOR,
            f"Unit memakai hasil e-Kinerja: menjadi evaluasi resmi; evaluasi di aplikasi ini ({label_status}) "
            "dicatat di riwayat dan ditampilkan di sampingnya.",
        )
    return Keputusan(
        PAKAI_LOKAL,
        f"Unit menilai di aplikasi ini: evaluasi di sini ({label_status}) tetap resmi; hasil e-Kinerja disimpan di "
        "sampingnya.",
    )
