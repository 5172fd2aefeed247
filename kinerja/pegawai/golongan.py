"""Pangkat/golongan ruang of PNS and golongan of PPPK (DOMAIN.md §5).

PNS: PP 99/2000 jo. PP 12/2002 (I/a–IV/e with their pangkat names); PPPK: Perpres 98/2020 (I–XVII).
"""

import re

PANGKAT_PNS = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}

GOLONGAN_PPPK = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]

GOLONGAN_CHOICES = [
    ("PNS", [(kode, f"{kode} – {nama}") for kode, nama in PANGKAT_PNS.items()]),
    ("PPPK", [(kode, f"{kode} (PPPK)") for kode in GOLONGAN_PPPK]),
]

_ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"]
# "Penata Muda Tk. I" and "Penata Muda Tingkat I" are the same pangkat: names compared in this form.
_TINGKAT = re.compile(r"\b(TK|TINGKAT)\b\.?")


def _kunci_pangkat(nama: str) -> str:
    return " ".join(_TINGKAT.sub(" TINGKAT ", nama.upper().replace(".", ". ")).replace(".", " ").split())


_PNS_BY_PANGKAT = {_kunci_pangkat(nama): kode for kode, nama in PANGKAT_PNS.items()}
# Golongan ruang as written after its pangkat or by itself: roman or arabic (3a, 3/a), the ruang letter optional
# (PPPK has none), separated by nothing, a slash, a space, a dot or a dash; "Gol." in front allowed.
_KODE = re.compile(r"^(?:GOL(?:ONGAN)?\.?|RUANG)?\s*([IVX]+|\d{1,2})\s*[/.\- ]?\s*([A-E])?$")


def baca_golongan(nilai) -> tuple[str, str]:
    """Read a golongan as spreadsheets write it: (canonical code, "PNS" or "PPPK"), or raise ValueError.

    PNS golongan ruang (PP 99/2000: I/a–IV/e) as "III/a", "III a", "IIIA", "3a", "3/a", "Penata Muda (III/a)",
    "Penata Muda"; PPPK golongan (Perpres 98/2020: I–XVII) as "IX", "9", "Gol. IX". The ruang letter tells a PNS
    golongan from a PPPK one.
    """
    teks = " ".join(str(nilai).split())
    if not teks:
        raise ValueError("Golongan kosong.")
    dalam_kurung = re.search(r"\(([^()]*)\)", teks)
    if dalam_kurung:
        teks = dalam_kurung.group(1).strip()
    if kode := _PNS_BY_PANGKAT.get(_kunci_pangkat(teks)):
        return kode, "PNS"
    cocok = _KODE.match(teks.upper())
    if not cocok:
        raise ValueError(f"Golongan '{nilai}' tidak dikenal (contoh yang benar: III/a, IV/b, atau IX untuk PPPK).")
    angka, ruang = cocok.groups()
    romawi = _ROMAWI[int(angka) - 1] if angka.isdigit() and 1 <= int(angka) <= len(_ROMAWI) else angka
    if ruang:
        kode = f"{romawi}/{ruang.lower()}"
        if kode in PANGKAT_PNS:
            return kode, "PNS"
        raise ValueError(f"Golongan PNS '{nilai}' tidak dikenal (contoh yang benar: III/a, IV/b).")
    if romawi in GOLONGAN_PPPK:
        return romawi, "PPPK"
    raise ValueError(f"Golongan PPPK '{nilai}' tidak dikenal (harus I sampai XVII).")


def normalisasi_golongan(nilai: str, status: str) -> str:
    """Return the canonical golongan code for a status ("PNS"/"PPPK"), or raise ValueError (baca_golongan's
    spellings); a PPPK golongan for a PNS, or the reverse, is refused."""
    if status not in ("PNS", "PPPK"):
        raise ValueError(f"Status kepegawaian '{status}' tidak dikenal.")
    try:
        kode, jenis = baca_golongan(nilai)
    except ValueError as exc:
        raise ValueError(f"{exc} Status kepegawaian: {status}.") from None
    if jenis != status:
        contoh = "III/a, IV/b" if status == "PNS" else "I sampai XVII"
        raise ValueError(f"Golongan {jenis} '{nilai}' tidak berlaku untuk {status} (golongan {status}: {contoh}).")
    return kode


def pangkat(golongan: str) -> str:
    """The pangkat name of a PNS golongan, or '' for PPPK/unknown."""
    return PANGKAT_PNS.get(golongan, "")
