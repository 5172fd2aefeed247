"""Indonesian phone numbers as people type them: "0812-3456-7890", "+62 812 3456 7890", "(0435) 821234".

normalisasi_telepon() returns the digits in the national form ("081234567890"), or raises ValueError with an
Indonesian message. A national number starts with 0: mobile numbers (08…) have 10 to 13 digits, fixed lines
(area code, then the subscriber's number) at least 8; +62 or 62 in front stands for that 0.
"""

import re

_PEMISAH = re.compile(r"[\s\-.()/]")
_NASIONAL = re.compile(r"0[1-9][0-9]{6,11}")
CONTOH = "misalnya 0812 3456 7890 atau +62 812 3456 7890"


def normalisasi_telepon(teks: str) -> str:
    angka = _PEMISAH.sub("", str(teks).strip())
    if angka.startswith("+62"):
        angka = "0" + angka[3:]
    elif angka.startswith("62") and len(angka) > 10:
        angka = "0" + angka[2:]
    elif angka.startswith("+"):
        raise ValueError(f"Nomor '{teks}' bukan nomor Indonesia; gunakan nomor yang diawali 0 atau +62, {CONTOH}.")
    if not angka.isdigit():
        raise ValueError(f"Nomor '{teks}' hanya boleh berisi angka, spasi atau tanda hubung, {CONTOH}.")
    if not angka.startswith("0"):
        raise ValueError(f"Nomor '{teks}' harus diawali 0 atau +62, {CONTOH}.")
    if not _NASIONAL.fullmatch(angka) or (angka.startswith("08") and not 10 <= len(angka) <= 13):
        raise ValueError(f"Nomor '{teks}' panjangnya tidak sesuai nomor telepon Indonesia, {CONTOH}.")
    return angka
