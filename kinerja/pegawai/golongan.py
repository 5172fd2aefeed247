"""Pangkat/golongan ruang of PNS and golongan of PPPK (DOMAIN.md §5).

PNS: PP 99/2000 jo. PP 12/2002 (I/a–IV/e with their pangkat names); PPPK: Perpres 98/2020 (I–XVII).
"""

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

_PNS_BY_KEY = {kode.upper(): kode for kode in PANGKAT_PNS}
_PPPK_BY_KEY = {kode: kode for kode in GOLONGAN_PPPK}


def normalisasi_golongan(nilai: str, status: str) -> str:
    """Return the canonical golongan code for a status ("PNS"/"PPPK"), or raise ValueError.

    Accepts the usual spellings from spreadsheets: "iii/a", "III / a", "IIIa" for PNS; "ix" for PPPK.
    """
    teks = "".join(str(nilai).split()).upper()
    if status == "PNS":
        if "/" not in teks and len(teks) >= 2 and teks[-1] in "ABCDE":
            teks = f"{teks[:-1]}/{teks[-1]}"
        if teks in _PNS_BY_KEY:
            return _PNS_BY_KEY[teks]
        raise ValueError(f"Golongan PNS '{nilai}' tidak dikenal (contoh yang benar: III/a, IV/b).")
    if status == "PPPK":
        if teks in _PPPK_BY_KEY:
            return teks
        raise ValueError(f"Golongan PPPK '{nilai}' tidak dikenal (harus I sampai XVII).")
    raise ValueError(f"Status kepegawaian '{status}' tidak dikenal.")


def pangkat(golongan: str) -> str:
    """The pangkat name of a PNS golongan, or '' for PPPK/unknown."""
    return PANGKAT_PNS.get(golongan, "")
