"""The roster spreadsheet: reading it (core.spreadsheet), checking every cell, and comparing it with the database.

This module decides *what* an import would do; kinerja.pegawai.services writes it. The staff page, the admin, the
management command and the background task all go through baca_roster → rencanakan_impor, so a rule about the
file is written once. Nothing here writes to the database.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.spreadsheet import (
    Columns,
    RowError,
    Table,
    cell_text,
    escape_cell,
    is_number,
    number_as_text,
    parse_date,
    parse_nip,
    parse_text,
    read_table,
    sort_errors,
    template_xlsx,
    text_only_cell,
    write_csv,
)
from core.xlsx import write_xlsx

from .golongan import baca_golongan, normalisasi_golongan
from .kolom_roster import KOLOM
from .models import KELAS_JABATAN_MAKS, KELAS_JABATAN_MIN, Pegawai
from .nip import validasi_nip
from .telepon import normalisasi_telepon

JUDUL = dict(KOLOM)
# Required in the header row. A unit is found by its code, or by its name where the file has no code (SIASN's
# UNOR NAMA); the status may be left to the golongan (a ruang letter is PNS, a bare roman numeral PPPK).
WAJIB = ("nip", "nama", "jenis_kelamin", "nama_unit")
KOLOM_BACA = Columns(tuple(KOLOM), WAJIB)

# The file's columns that are Pegawai fields as they are (between the NIP and the unit): the one list the
# comparison, the write (services.KOLOM_TULIS) and the export build theirs from.
FIELD_DATA = tuple(kolom for kolom, _ in KOLOM[1 : KOLOM.index(("kode_unit", "Kode Unit"))])
# Pegawai fields an import sets, compared to tell a changed row from an unchanged one.
FIELD_PEGAWAI = (*FIELD_DATA, "kode_unit", "nip_atasan", "email", "no_hp", "aktif")
# The file's column each compared field comes from: a field whose column the file lacks keeps its stored value.
KOLOM_SUMBER = {f: f for f in FIELD_PEGAWAI} | {"kode_unit": "nama_unit", "aktif": None}
LABEL_FIELD = {**JUDUL, "kode_unit": "Unit Kerja", "nip_atasan": "Atasan", "aktif": "Aktif"}

PANJANG_MAKS = {
    "nama": 150,
    "gelar_depan": 50,
    "gelar_belakang": 80,
    "jabatan": 200,
    "kode_unit": 30,
    "nama_unit": 200,
    "kode_unit_induk": 30,
    "email": 254,
    "no_hp": 20,
}

BATAS_DAFTAR = 1000  # rows listed per category in a stored preview; counts are always complete


@dataclass
class BarisPegawai:
    """One checked data row: the values to store, keyed like KOLOM."""

    baris: int
    nilai: dict


@dataclass
class SnapshotDB:
    """What the database holds now, loaded once so checking and planning make no per-row queries.

    pegawai: nip → dict of FIELD_PEGAWAI values plus "id" and "user_id"; unit: kode → {"id", "nama", "induk"}.
    """

    pegawai: dict
    unit: dict


@dataclass
class Rencana:
    """What an import would do, or why it cannot."""

    jumlah_baris: int = 0
    galat: list = field(default_factory=list)
    berkas: dict = field(default_factory=dict)  # how the file was read (Table.describe), shown in the preview
    baris: list = field(default_factory=list)  # all checked rows, BarisPegawai
    baru: list = field(default_factory=list)  # BarisPegawai not yet in the database
    diubah: list = field(default_factory=list)  # (BarisPegawai, [(field, old, new)])
    tidak_berubah: int = 0
    unit_baru: dict = field(default_factory=dict)  # kode → {"nama", "induk"}
    unit_diubah: dict = field(default_factory=dict)  # kode → {"nama", "induk"} (final values)
    hilang: list = field(default_factory=list)  # (nip, nama) active in the database, absent from the file

    @property
    def sah(self):
        return not self.galat

    def ringkasan(self):
        """A JSON-ready summary for the preview page; long lists are cut at BATAS_DAFTAR, counts are exact."""
        return {
            "berkas": self.berkas,
            "jumlah_baris": self.jumlah_baris,
            "jumlah_baru": len(self.baru),
            "jumlah_diubah": len(self.diubah),
            "jumlah_tidak_berubah": self.tidak_berubah,
            "jumlah_hilang": len(self.hilang),
            "jumlah_unit_baru": len(self.unit_baru),
            "jumlah_unit_diubah": len(self.unit_diubah),
            "jumlah_galat": len(self.galat),
            "baru": [_ringkas_baris(b) for b in self.baru[:BATAS_DAFTAR]],
            "diubah": [
                {
                    **_ringkas_baris(b),
                    "perubahan": [
                        {"kolom": LABEL_FIELD[f], "lama": _tampil(f, lama), "baru": _tampil(f, baru)}
                        for f, lama, baru in perubahan
                    ],
                }
                for b, perubahan in self.diubah[:BATAS_DAFTAR]
            ],
            "unit_baru": [{"kode": k, "nama": v["nama"]} for k, v in list(self.unit_baru.items())[:BATAS_DAFTAR]],
            "hilang": [{"nip": nip, "nama": nama} for nip, nama in self.hilang[:BATAS_DAFTAR]],
        }


def _ringkas_baris(b):
    return {"baris": b.baris, "nip": b.nilai["nip"], "nama": b.nilai["nama"]}


def _tampil(field_name, nilai):
    if nilai is None or nilai == "":
        return ""
    if isinstance(nilai, datetime.date):
        return f"{nilai:%d/%m/%Y}"
    if field_name == "aktif":
        return "Ya" if nilai else "Tidak"
    if field_name == "jenis_jabatan":
        return Pegawai.JenisJabatan(nilai).label
    return str(nilai)


def _kolom_terbaca(tabel: Table) -> list:
    """Each heading of the file and the column it was read as ("" when ignored), for the preview."""
    dibaca = {i: kunci for kunci, i in tabel.positions.items()}
    return [
        {"judul": cell_text(judul) or f"(kolom {i + 1} tanpa judul)", "dibaca_sebagai": JUDUL.get(dibaca.get(i), "")}
        for i, judul in enumerate(tabel.headers)
        if not (judul in (None, "") and i not in dibaca)
    ]


# Reading ------------------------------------------------------------------------------------------------


def baca_roster(
    nama_berkas: str, data: bytes, lembar: str | None = None, enkoding: str | None = None, alias=None
) -> Table:
    """Read a roster's table, checking size and that the content matches the extension.

    `lembar` and `enkoding` are the sheet and CSV encoding of the preview, so a confirmation reads what it showed.
    `alias` maps other headings (AliasKolomRoster: SIASN's "NIP BARU", ...) to column keys.
    """
    return read_table(
        nama_berkas,
        data,
        limit_mb=settings.ROSTER_MAX_UPLOAD_MB,
        columns=Columns(tuple(KOLOM), WAJIB, {} if alias is None else alias),
        sheet=lembar or None,
        encoding=enkoding or None,
    )


# Cells --------------------------------------------------------------------------------------------------


def _kunci_pilihan(isi: str) -> str:
    return " ".join(isi.lower().replace("_", " ").split())


_JENIS_JABATAN = {}
for _nilai, _label in Pegawai.JenisJabatan.choices:
    for _bentuk in (_nilai, str(_label)):
        _kunci = _kunci_pilihan(_bentuk)
        _JENIS_JABATAN[_kunci] = _nilai
        _JENIS_JABATAN[_kunci.removeprefix("fungsional ")] = _nilai

# SIASN writes M/F; the NIP's 15th digit is 1 or 2.
_JENIS_KELAMIN = {
    "l": "L",
    "p": "P",
    "laki-laki": "L",
    "laki laki": "L",
    "perempuan": "P",
    "pria": "L",
    "wanita": "P",
    "m": "L",
    "f": "P",
    "1": "L",
    "2": "P",
}


def _parse_status(nilai, judul):
    # SIASN's JENIS PEGAWAI NAMA says "PNS Daerah", "PNS Pusat DPK", "CPNS", "PPPK".
    isi = _kunci_pilihan(parse_text(nilai, judul))
    if not isi:
        return ""
    if isi.startswith(("pns", "cpns")):
        return "PNS"
    if isi.startswith(("pppk", "p3k")) or "perjanjian kerja" in isi:
        return "PPPK"
    raise ValueError(f"'{parse_text(nilai, judul)}' tidak dikenal; isi dengan PNS atau PPPK.")


def _parse_kelas_jabatan(nilai, judul):
    isi = number_as_text(nilai) if is_number(nilai) else cell_text(nilai)
    isi = isi.lower().removeprefix("kelas").strip()
    if not isi:
        return None
    if not isi.isdigit() or not KELAS_JABATAN_MIN <= int(isi) <= KELAS_JABATAN_MAKS:
        raise ValueError(f"'{cell_text(nilai)}' bukan kelas jabatan; isi dengan angka 1 sampai 17.")
    return int(isi)


# The jenjang of a jabatan fungsional is the end of its name (PermenPANRB 1/2023: "Analis SDM Aparatur Ahli Muda",
# "Pranata Komputer Terampil"), so a file without a jenis jabatan column (SIASN's JABATAN NAMA) still gives it.
_JENJANG_DI_NAMA = [
    (" ".join(str(label).lower().split()[1:]), nilai)
    for nilai, label in Pegawai.JenisJabatan.choices
    if str(label).startswith("Fungsional ")
]


# Titles written before a name (academic and professional); "H."/"Hj." stay in the name, as offices differ.
_GELAR_DEPAN = {"prof.", "dr.", "drg.", "drs.", "dra.", "ir.", "ns.", "apt.", "drh."}


def pisah_gelar(teks: str) -> tuple[str, str, str]:
    """A name as documents write it, titles included ("Dr. dr. Siti Aisyah, Sp.PD., M.Kes."), as the app stores it:
    (gelar depan, nama, gelar belakang). What follows the first comma is the back titles when each part looks like
    one (has a dot, or is a short abbreviation such as SH); else the text is all name."""
    nama, koma, belakang = teks.partition(",")
    bagian = [b.strip() for b in belakang.split(",")] if koma else []
    if not all(b and ("." in b or (len(b) <= 6 and b.isalnum())) for b in bagian):
        nama, bagian = teks, []
    kata = nama.split()
    depan = []
    while len(kata) > 1 and kata[0].lower() in _GELAR_DEPAN:
        depan.append(kata.pop(0))
    return " ".join(depan), " ".join(kata), ", ".join(bagian)


def jenjang_dari_jabatan(jabatan: str) -> str:
    """The JenisJabatan of a jabatan fungsional whose name ends in its jenjang, else ""."""
    nama = " ".join(jabatan.lower().split())
    for akhir, nilai in _JENJANG_DI_NAMA:
        if nama.endswith(" " + akhir):
            return nilai
    return ""


def _parse_pilihan(peta, contoh):
    def parse(nilai, judul):
        isi = number_as_text(nilai) if is_number(nilai) else cell_text(nilai)
        if not isi:
            return ""
        try:
            return peta[_kunci_pilihan(isi)]
        except KeyError:
            raise ValueError(f"'{isi}' tidak dikenal; isi dengan {contoh}.") from None

    return parse


def _parse_kode_unit(nilai, judul):
    # A whole number is safe to read back (75 → "75"); a decimal like 75.10 has already lost its trailing zero.
    if is_number(nilai) and float(nilai).is_integer():
        return number_as_text(nilai)
    return text_only_cell(nilai, judul, "kode seperti 75.10 kehilangan angka nol di belakangnya.")


def _parse_no_hp(nilai, judul):
    isi = text_only_cell(nilai, judul, "angka 0 di depan nomor HP hilang bila disimpan sebagai angka.")
    # Checked, but kept as written: an unchanged roster must read back unchanged.
    if isi:
        normalisasi_telepon(isi)
    return isi


# A plain address (most of a roster) that this strict pattern accepts is valid for Django's validator too;
# anything else gets the full check. Saves a quarter second per 50,000 rows.
_EMAIL_SEDERHANA = re.compile(
    r"[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
)


def _parse_email(nilai, judul):
    isi = parse_text(nilai, judul)
    if isi and not (len(isi) <= PANJANG_MAKS["email"] and _EMAIL_SEDERHANA.fullmatch(isi)):
        try:
            validate_email(isi)
        except ValidationError:
            raise ValueError(f"'{isi}' bukan alamat email yang sah.") from None
    return isi


PARSER = {
    "nip": parse_nip,
    "nama": parse_text,
    "gelar_depan": parse_text,
    "gelar_belakang": parse_text,
    "jenis_kelamin": _parse_pilihan(_JENIS_KELAMIN, "L atau P"),
    "tanggal_lahir": parse_date,
    "status_kepegawaian": _parse_status,
    "golongan": parse_text,
    "jabatan": parse_text,
    "jenis_jabatan": _parse_pilihan(_JENIS_JABATAN, "jenis jabatan seperti 'Pelaksana' atau 'Ahli Pertama'"),
    "kelas_jabatan": _parse_kelas_jabatan,
    "kode_unit": _parse_kode_unit,
    "nama_unit": parse_text,
    "kode_unit_induk": _parse_kode_unit,
    "nip_atasan": parse_nip,
    "email": _parse_email,
    "no_hp": _parse_no_hp,
}


# These parsers return a text cell as cell_text() does; they differ only for numbers and dates.
_PARSER_TEKS = {parse_text, parse_nip, _parse_kode_unit}


# Checking -----------------------------------------------------------------------------------------------


def _spesifikasi(posisi):
    """Per present column: (cell index, key, header, parser, required, max length); computed once per file."""
    return [
        (i, kunci, JUDUL[kunci], PARSER[kunci], kunci in WAJIB, PANJANG_MAKS.get(kunci)) for kunci, i in posisi.items()
    ]


_KOSONG = {kunci: None if kunci in ("tanggal_lahir", "kelas_jabatan") else "" for kunci, _ in KOLOM}


def _periksa_baris(nomor, sel, spesifikasi, galat):
    nilai = dict(_KOSONG)
    panjang = len(sel)
    for i, kunci, judul, parser, wajib, maks in spesifikasi:
        mentah = sel[i] if i < panjang else ""
        # Fast path for the common case, a text cell in a text column: 50,000 rows × 16 cells add up.
        if mentah.__class__ is str and parser in _PARSER_TEKS:
            v = cell_text(mentah) if mentah[:1] == "'" else mentah.strip()
        else:
            try:
                v = parser(mentah, judul)
            except ValueError as exc:
                galat.append(RowError(nomor, judul, str(exc)))
                nilai[kunci] = None
                continue
        if v == "" or v is None:
            if wajib:
                galat.append(RowError(nomor, judul, f"{judul} wajib diisi."))
                v = None
        elif maks and len(v) > maks:
            galat.append(RowError(nomor, judul, f"Terlalu panjang: paling banyak {maks} karakter."))
        nilai[kunci] = v
    if nilai["nip"]:
        try:
            validasi_nip(nilai["nip"], nilai["jenis_kelamin"] or None, nilai["tanggal_lahir"])
        except ValueError as exc:
            galat.append(RowError(nomor, "NIP", str(exc)))
    if nilai["golongan"] and nilai["status_kepegawaian"]:
        try:
            nilai["golongan"] = normalisasi_golongan(nilai["golongan"], nilai["status_kepegawaian"])
        except ValueError as exc:
            galat.append(RowError(nomor, "Golongan", str(exc)))
    elif nilai["golongan"] and nilai["status_kepegawaian"] == "":
        try:
            nilai["golongan"], nilai["status_kepegawaian"] = baca_golongan(nilai["golongan"])
        except ValueError as exc:
            galat.append(RowError(nomor, "Golongan", str(exc)))
    if nilai["status_kepegawaian"] == "" and not nilai["golongan"]:
        galat.append(
            RowError(nomor, "Status Kepegawaian", "Status Kepegawaian wajib diisi (PNS atau PPPK), atau isi Golongan.")
        )
    if not nilai["jenis_jabatan"] and nilai["jabatan"]:
        nilai["jenis_jabatan"] = jenjang_dari_jabatan(nilai["jabatan"])
    if nilai["nip_atasan"] and nilai["nip_atasan"] == nilai["nip"]:
        galat.append(RowError(nomor, "NIP Atasan", "Pegawai tidak boleh menjadi atasan dirinya sendiri."))
    return BarisPegawai(nomor, nilai)


def _kunci_nama_unit(nama: str) -> str:
    return " ".join(nama.casefold().split())


def _cari_unit_dari_nama(baris, unit_berkas, db, galat):
    """Give rows that name their unit without a code the code of the one unit of that name, in the database or
    elsewhere in the file; a name that matches none or several is the row's error."""
    if not baris:
        return
    per_nama = {}
    for kode, u in (db.unit | unit_berkas).items():
        per_nama.setdefault(_kunci_nama_unit(u["nama"]), set()).add(kode)
    for b in baris:
        nama = b.nilai["nama_unit"]
        kode = sorted(per_nama.get(_kunci_nama_unit(nama), ()))
        if len(kode) == 1:
            b.nilai["kode_unit"] = kode[0]
            b.nilai["nama_unit"] = (unit_berkas.get(kode[0]) or db.unit[kode[0]])["nama"]
        elif not kode:
            galat.append(
                RowError(
                    b.baris,
                    "Nama Unit",
                    f"Tidak ada unit kerja bernama '{nama}' di aplikasi maupun di berkas. Periksa ejaannya, atau isi "
                    "kolom Kode Unit (unit baru dibuat dengan kodenya).",
                )
            )
        else:
            galat.append(
                RowError(
                    b.baris,
                    "Nama Unit",
                    f"Ada {len(kode)} unit kerja bernama '{nama}' (kode {', '.join(kode)}). Isi kolom Kode Unit "
                    "untuk memilih salah satunya.",
                )
            )


def _cari_lingkaran(induk_dari, mulai_dari):
    """Cycles in a child → parent map, walking only from the given nodes; each cycle once, as a list."""
    keadaan, lingkaran = {}, []
    for awal in mulai_dari:
        jalur, simpul = [], awal
        while simpul is not None and simpul not in keadaan:
            keadaan[simpul] = "jalan"
            jalur.append(simpul)
            simpul = induk_dari.get(simpul)
        if simpul is not None and keadaan[simpul] == "jalan":
            lingkaran.append(jalur[jalur.index(simpul) :])
        for s in jalur:
            keadaan[s] = "selesai"
    return lingkaran


def rencanakan_impor(tabel: Table, db: SnapshotDB) -> Rencana:
    """Check every row of a roster against itself and the database, and work out new/changed/unchanged rows.

    Every problem is collected (by row and column) rather than stopping at the first, so the user can fix the
    whole file at once. A plan with any error must not be written.
    """
    rencana = Rencana(berkas={**tabel.describe(), "kolom": _kolom_terbaca(tabel)})
    galat = rencana.galat
    galat.extend(tabel.errors)
    if tabel.found and not {"status_kepegawaian", "golongan"} & tabel.positions.keys():
        galat.append(
            RowError(
                tabel.header_row,
                "Status Kepegawaian",
                "Kolom wajib 'Status Kepegawaian' tidak ada di baris judul (atau kolom Golongan, yang menunjukkan "
                "PNS atau PPPK).",
            )
        )
    if galat:
        return rencana
    spesifikasi = _spesifikasi(tabel.positions)

    baris_nip = {}
    unit_berkas = {}  # kode → {"nama", "induk", "baris"}
    tanpa_kode = []  # rows naming their unit only, resolved once every coded unit of the file is known
    # Without title columns, the titles are in the name (as documents write it): split as the app stores them.
    gelar_di_nama = not {"gelar_depan", "gelar_belakang"} & tabel.positions.keys()
    for nomor, sel in tabel.rows:
        rencana.jumlah_baris += 1
        b = _periksa_baris(nomor, sel, spesifikasi, galat)
        if gelar_di_nama and b.nilai["nama"]:
            b.nilai["gelar_depan"], b.nilai["nama"], b.nilai["gelar_belakang"] = pisah_gelar(b.nilai["nama"])
            for kunci in ("gelar_depan", "gelar_belakang"):
                if len(b.nilai[kunci]) > PANJANG_MAKS[kunci]:
                    galat.append(
                        RowError(
                            nomor,
                            "Nama",
                            f"{JUDUL[kunci]} terlalu panjang: paling banyak {PANJANG_MAKS[kunci]} karakter.",
                        )
                    )
        nip = b.nilai["nip"]
        if nip:
            if nip in baris_nip:
                galat.append(RowError(nomor, "NIP", f"NIP {nip} sudah ada di baris {baris_nip[nip].baris}."))
            else:
                baris_nip[nip] = b
        kode = b.nilai["kode_unit"]
        if kode == "" and b.nilai["nama_unit"]:
            tanpa_kode.append(b)
        if kode:
            unit = unit_berkas.setdefault(kode, {"nama": b.nilai["nama_unit"], "induk": "", "baris": nomor})
            if b.nilai["nama_unit"] and unit["nama"] and b.nilai["nama_unit"] != unit["nama"]:
                galat.append(
                    RowError(
                        nomor,
                        "Nama Unit",
                        f"Kode unit {kode} bernama '{unit['nama']}' di baris {unit['baris']}, "
                        f"tetapi '{b.nilai['nama_unit']}' di sini. Satu kode unit harus satu nama.",
                    )
                )
            induk = b.nilai["kode_unit_induk"]
            if induk:
                if unit["induk"] and induk != unit["induk"]:
                    galat.append(
                        RowError(
                            nomor,
                            "Kode Unit Induk",
                            f"Unit {kode} berinduk {unit['induk']} di baris sebelumnya, tetapi {induk} di sini.",
                        )
                    )
                else:
                    unit["induk"] = induk
        rencana.baris.append(b)
    _cari_unit_dari_nama(tanpa_kode, unit_berkas, db, galat)

    # Units: the parent must be in the file or the database, and the resulting tree must have no cycle.
    induk_unit = {kode: u["induk"] for kode, u in db.unit.items()}
    for kode, u in unit_berkas.items():
        if u["induk"]:
            induk_unit[kode] = u["induk"]
    for u in unit_berkas.values():
        if u["induk"] and u["induk"] not in unit_berkas and u["induk"] not in db.unit:
            galat.append(
                RowError(
                    u["baris"],
                    "Kode Unit Induk",
                    f"Kode unit induk {u['induk']} tidak dikenal: tidak ada di berkas (kolom Kode Unit) "
                    "maupun di basis data.",
                )
            )
    for siklus in _cari_lingkaran({k: v or None for k, v in induk_unit.items()}, unit_berkas):
        baris = min(unit_berkas[k]["baris"] for k in siklus if k in unit_berkas)
        jalur = " → ".join([*siklus, siklus[0]])
        galat.append(RowError(baris, "Kode Unit Induk", f"Susunan unit membentuk lingkaran: {jalur}."))

    # Supervisors: anywhere in the file (any order) or the database, and no chain may loop.
    atasan_dari = {nip: p["nip_atasan"] or None for nip, p in db.pegawai.items()}
    for nip, b in baris_nip.items():
        atasan_dari[nip] = b.nilai["nip_atasan"] or None
        atasan = b.nilai["nip_atasan"]
        if atasan and atasan not in baris_nip and atasan not in db.pegawai:
            galat.append(
                RowError(b.baris, "NIP Atasan", f"Atasan dengan NIP {atasan} tidak ada di berkas maupun di basis data.")
            )
    for siklus in _cari_lingkaran(atasan_dari, baris_nip):
        baris = min(baris_nip[n].baris for n in siklus if n in baris_nip)
        jalur = " → ".join([*siklus, siklus[0]])
        galat.append(RowError(baris, "NIP Atasan", f"Rantai atasan membentuk lingkaran: {jalur}."))

    if galat:
        sort_errors(galat, KOLOM)
        return rencana

    for kode, u in unit_berkas.items():
        ada = db.unit.get(kode)
        if ada is None:
            rencana.unit_baru[kode] = {"nama": u["nama"], "induk": u["induk"]}
        elif ada["nama"] != u["nama"] or (u["induk"] and ada["induk"] != u["induk"]):
            rencana.unit_diubah[kode] = {"nama": u["nama"], "induk": u["induk"] or ada["induk"]}

    # A column the file does not have leaves the stored value alone (a SIASN export has no NIP Atasan, Email...).
    tetap = [f for f, kolom in KOLOM_SUMBER.items() if kolom and kolom not in tabel.positions]
    for b in rencana.baris:
        b.nilai["aktif"] = True
        lama = db.pegawai.get(b.nilai["nip"])
        if lama is None:
            rencana.baru.append(b)
            continue
        for f in tetap:
            # ... unless the row gave it another way: the status by the golongan, the jenjang by the jabatan's name,
            # the titles by the name.
            if not (f in ("status_kepegawaian", "jenis_jabatan", "gelar_depan", "gelar_belakang") and b.nilai[f]):
                b.nilai[f] = lama[f]
        perubahan = [(f, lama[f], b.nilai[f]) for f in FIELD_PEGAWAI if lama[f] != b.nilai[f]]
        if perubahan:
            rencana.diubah.append((b, perubahan))
        else:
            rencana.tidak_berubah += 1
    rencana.hilang = sorted((nip, p["nama"]) for nip, p in db.pegawai.items() if p["aktif"] and nip not in baris_nip)
    return rencana


# Export -------------------------------------------------------------------------------------------------

# values_list lookups in KOLOM order, so an export re-imports as it is.
NILAI_EKSPOR = (
    "nip",
    *FIELD_DATA,
    "unit_kerja__kode",
    "unit_kerja__nama",
    "unit_kerja__induk__kode",
    "atasan__nip",
    "email",
    "no_hp",
)


def baris_ekspor(queryset, tanggal_sebagai_teks=False):
    """Rows of the roster in import-column order, escaped for spreadsheets (one query)."""
    label_jabatan = dict(Pegawai.JenisJabatan.choices)
    for baris in queryset.order_by("unit_kerja__kode", "nip").values_list(*NILAI_EKSPOR).iterator(chunk_size=2000):
        nilai = list(baris)
        nilai[9] = str(label_jabatan.get(nilai[9], nilai[9] or ""))
        if nilai[5] and tanggal_sebagai_teks:
            nilai[5] = f"{nilai[5]:%d/%m/%Y}"
        yield [escape_cell(v if v is not None else "") for v in nilai]


def xlsx_roster(rows) -> bytes:
    """An XLSX roster with every text column stored as text (so NIPs keep all 18 digits)."""
    lebar = [22 if kunci in ("nip", "nip_atasan", "nama", "jabatan") else 15 for kunci, _ in KOLOM]
    return write_xlsx("Pegawai", [judul for _, judul in KOLOM], rows, widths=lebar)


def csv_roster(rows) -> bytes:
    """A CSV roster: UTF-8 with BOM and semicolons, which Excel in an Indonesian locale opens directly."""
    return write_csv([judul for _, judul in KOLOM], rows)


PETUNJUK = [
    ("NIP", "Wajib. 18 digit, kolom berformat Teks (angka 15+ digit dirusak Excel)."),
    ("Nama", "Wajib. Nama tanpa gelar."),
    ("Gelar Depan", "Misalnya Dr. atau Ir."),
    ("Gelar Belakang", "Misalnya S.E., M.Si."),
    ("Jenis Kelamin", "Wajib. L atau P; harus sesuai digit ke-15 NIP."),
    ("Tanggal Lahir", "Sel tanggal atau teks dd/mm/yyyy; harus sesuai 8 digit pertama NIP."),
    ("Status Kepegawaian", "PNS atau PPPK. Boleh kosong bila Golongan diisi (III/a berarti PNS, IX berarti PPPK)."),
    ("Golongan", "PNS: I/a sampai IV/e (juga ditulis III a, 3a, Penata Muda (III/a)). PPPK: I sampai XVII."),
    ("Jabatan", "Nama jabatan."),
    (
        "Jenis Jabatan",
        "; ".join(str(label) for _, label in Pegawai.JenisJabatan.choices)
        + ". Kosong: jenjang fungsional dibaca dari akhir nama jabatan (misalnya '... Ahli Muda').",
    ),
    ("Kelas Jabatan", "Angka 1 sampai 17 sesuai peta jabatan (dasar TPP)."),
    (
        "Kode Unit",
        "Kode unit kerja (Teks), misalnya 75.01.02. Unit baru dibuat otomatis. Kosong: unit dicari dari namanya.",
    ),
    ("Nama Unit", "Wajib. Nama unit kerja; satu kode satu nama. Tanpa kode, nama harus tepat satu unit yang ada."),
    ("Kode Unit Induk", "Kode unit di atasnya; harus ada di berkas atau di aplikasi. Kosong: tidak diubah."),
    ("NIP Atasan", "NIP atasan langsung (Teks); boleh di baris mana saja di berkas atau sudah ada di aplikasi."),
    ("Email", "Alamat email dinas."),
    ("No HP", "Nomor HP, berformat Teks agar angka 0 di depan tidak hilang."),
]


def templat_xlsx_roster() -> bytes:
    """The downloadable template: the headers, text-formatted columns, and a sheet explaining each column."""
    return template_xlsx("Pegawai", KOLOM, PETUNJUK, date_columns=("tanggal_lahir",), number_columns=("kelas_jabatan",))
