"""An e-Kinerja result file: reading every cell, and deciding what importing it would do (nothing written).

Reading and header matching are core.spreadsheet's, as for the roster and attendance: any format it reads, the
header row found wherever it stands, case, spacing and punctuation of headers ignored, NIP as text only, every
error by row and column. A required column the file names otherwise is mapped by the user (the job's `pemetaan`).
The cells' meaning and who wins are ekinerja's rules; services_ekinerja writes the plan in one transaction.
"""

from dataclasses import dataclass, field

from django.conf import settings

from core.spreadsheet import (
    Columns,
    RowError,
    Table,
    cell_text,
    parse_count,
    parse_nip,
    read_table,
    sort_errors,
    template_xlsx,
    write_csv,
)

from . import ekinerja
from .predikat import LABEL_PREDIKAT

KOLOM = [
    ("nip", "NIP"),
    ("nama", "Nama"),
    ("periode", "Periode"),
    ("tahun", "Tahun"),
    ("rating_hasil_kerja", "Rating Hasil Kerja"),
    ("rating_perilaku_kerja", "Rating Perilaku Kerja"),
    ("predikat", "Predikat"),
]
JUDUL = dict(KOLOM)
WAJIB = ("nip", "periode", "predikat")
# Columns a user may map by hand when the file names them otherwise (the name is only read for the preview).
DAPAT_DIPETAKAN = ("nip", "periode", "tahun", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat")
# Other spellings, compared like the headers (case, spacing, punctuation ignored). Ours, from e-Kinerja's screens and
# SIASN's exports as far as we know them: not confirmed against a real e-Kinerja export, hence the mapping.
ALIAS = {
    "NIP Baru": "nip",
    "NIP Pegawai": "nip",
    "NIP ASN": "nip",
    "Nama Pegawai": "nama",
    "Nama Lengkap": "nama",
    "Periode Penilaian": "periode",
    "Periode Evaluasi": "periode",
    "Periode Kinerja": "periode",
    "Tahun Penilaian": "tahun",
    "Hasil Kerja": "rating_hasil_kerja",
    "Rating Hasil": "rating_hasil_kerja",
    "Perilaku Kerja": "rating_perilaku_kerja",
    "Rating Perilaku": "rating_perilaku_kerja",
    "Predikat Kinerja": "predikat",
    "Predikat Kinerja Pegawai": "predikat",
    "Predikat Akhir": "predikat",
}
PETUNJUK = [
    ("NIP", "Wajib. 18 digit, kolom berformat Teks (angka 15+ digit dirusak Excel)."),
    ("Nama", "Tidak wajib; hanya untuk memudahkan membaca."),
    ("Periode", "Wajib. Tahunan 2026, Triwulan I 2026, Semester II 2026 atau Maret 2026; periode harus sudah dibuka."),
    ("Tahun", "Tidak wajib; dipakai bila kolom Periode tidak menyebut tahun."),
    ("Rating Hasil Kerja, Rating Perilaku Kerja", "Di Atas Ekspektasi, Sesuai Ekspektasi, atau Di Bawah Ekspektasi."),
    ("Predikat", "Wajib. Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, atau Sangat Kurang."),
]
BATAS_DAFTAR = 1000  # rows listed per category in a stored preview; counts are always complete


def kolom(pemetaan: dict | None = None) -> Columns:
    """The columns as the reader looks for them: our headers, the aliases, and the user's mapping (header → key)."""
    return Columns(tuple(KOLOM), WAJIB, {**ALIAS, **(pemetaan or {})})


def baca_berkas(nama_berkas: str, data: bytes, lembar=None, enkoding=None, pemetaan=None) -> Table:
    """Read a result file's table, refusing a wrong type or one over EVALUASI_MAX_UPLOAD_MB."""
    return read_table(
        nama_berkas,
        data,
        limit_mb=settings.EVALUASI_MAX_UPLOAD_MB,
        columns=kolom(pemetaan),
        sheet=lembar or None,
        encoding=enkoding or None,
    )


@dataclass
class SnapshotEkinerja:
    """What the database holds, for the plan.

    `pegawai`: nip → (id, name, unit id, may the user import it); `periode`: (jenis, nomor, tahun) → (id, name);
    `sumber_unit`: unit id → LOKAL/IMPOR; `muat(periode_ids)` → ({(periode id, pegawai id): evaluation values},
    {(periode id, pegawai id): imported result values}) for the periods the file names.
    """

    pegawai: dict
    periode: dict
    sumber_unit: dict
    muat: object


@dataclass
class RencanaEkinerja:
    jumlah_baris: int = 0
    galat: list = field(default_factory=list)
    berkas: dict = field(default_factory=dict)
    kolom: dict = field(default_factory=dict)  # key → the file's header it was read from
    kolom_belum: list = field(default_factory=list)  # required keys the file's header row lacks (to map)
    judul_berkas: list = field(default_factory=list)  # the file's header row, for the mapping form
    baris: list = field(default_factory=list)  # every row planned (dicts, see _baris)
    baru: int = 0
    diubah: int = 0
    tidak_berubah: int = 0

    def ringkasan(self):
        dipakai = [b for b in self.baris if b["pakai"] == ekinerja.PAKAI_IMPOR]
        bentrok = [b for b in self.baris if b["lokal_status"] and not b["lokal_diimpor"]]
        tidak_sesuai = [b for b in self.baris if b["catatan_matriks"]]
        return {
            "berkas": self.berkas,
            "kolom": self.kolom,
            "kolom_belum": self.kolom_belum,
            "judul_berkas": self.judul_berkas,
            "jumlah_baris": self.jumlah_baris,
            "jumlah_baru": self.baru,
            "jumlah_diubah": self.diubah,
            "jumlah_tidak_berubah": self.tidak_berubah,
            "jumlah_dipakai": len(dipakai),
            "jumlah_lokal_menang": len(self.baris) - len(dipakai),
            "jumlah_bentrok": len(bentrok),
            "jumlah_tidak_sesuai": len(tidak_sesuai),
            "bentrok": [_ringkas(b) for b in bentrok[:BATAS_DAFTAR]],
            "tidak_sesuai": [_ringkas(b) for b in tidak_sesuai[:BATAS_DAFTAR]],
            "diubah": [_ringkas(b) for b in self.baris if b["perubahan"]][:BATAS_DAFTAR],
        }


def _ringkas(b):
    label = dict(LABEL_PREDIKAT)
    return {
        "baris": b["baris"],
        "nip": b["nip"],
        "nama": b["nama"],
        "periode": b["label_periode"],
        "predikat": label[b["predikat"]],
        "lokal_status": b["label_lokal_status"],
        "lokal_predikat": label.get(b["lokal_predikat"], ""),
        "pakai_impor": b["pakai"] == ekinerja.PAKAI_IMPOR,
        "alasan": b["alasan"],
        "catatan_matriks": b["catatan_matriks"],
        "perubahan": b["perubahan"],
    }


_LABEL_STATUS = {
    "DRAFT": "Draf",
    "DIAJUKAN": "Diajukan",
    "DINILAI": "Dinilai",
    "DIKEMBALIKAN": "Dikembalikan",
    "FINAL": "Final",
}
_LABEL_RATING = {"DI_ATAS": "Di Atas Ekspektasi", "SESUAI": "Sesuai Ekspektasi", "DI_BAWAH": "Di Bawah Ekspektasi"}
FIELD_HASIL = ("rating_hasil_kerja", "rating_perilaku_kerja", "predikat")


def _sel(cells, posisi, kunci):
    i = posisi.get(kunci)
    return cells[i] if i is not None and i < len(cells) else ""


def _baca_baris(nomor, cells, posisi, galat) -> dict | None:
    """One row's cells checked; its errors appended; None when any cell is wrong."""
    n = len(galat)
    nilai = {}
    try:
        nilai["nip"] = parse_nip(_sel(cells, posisi, "nip"), JUDUL["nip"])
        if not nilai["nip"]:
            galat.append(RowError(nomor, JUDUL["nip"], "NIP wajib diisi."))
    except ValueError as exc:
        galat.append(RowError(nomor, JUDUL["nip"], str(exc)))
    tahun = None
    try:
        tahun = parse_count(_sel(cells, posisi, "tahun"), JUDUL["tahun"])
    except ValueError as exc:
        galat.append(RowError(nomor, JUDUL["tahun"], str(exc)))
    try:
        nilai["periode"] = ekinerja.baca_periode(cell_text(_sel(cells, posisi, "periode")), tahun)
    except ValueError as exc:
        galat.append(RowError(nomor, JUDUL["periode"], str(exc)))
    for kunci, baca in (
        ("rating_hasil_kerja", ekinerja.baca_rating),
        ("rating_perilaku_kerja", ekinerja.baca_rating),
        ("predikat", ekinerja.baca_predikat),
    ):
        try:
            nilai[kunci] = baca(cell_text(_sel(cells, posisi, kunci)))
        except ValueError as exc:
            galat.append(RowError(nomor, JUDUL[kunci], str(exc)))
    if "predikat" in nilai and not nilai["predikat"]:
        galat.append(RowError(nomor, JUDUL["predikat"], "Predikat wajib diisi."))
    return nilai if len(galat) == n else None


def rencanakan(tabel: Table, db: SnapshotEkinerja) -> RencanaEkinerja:
    """Check every row against itself and the database, and decide for each which result is of record.

    Every problem is collected (row and column); a plan with any error must not be written.
    """
    posisi = tabel.positions
    rencana = RencanaEkinerja(
        berkas=tabel.describe(),
        kolom={k: cell_text(tabel.headers[i]) for k, i in posisi.items() if i < len(tabel.headers)},
        kolom_belum=[k for k in WAJIB if k not in posisi],
        judul_berkas=[cell_text(h) for h in tabel.headers if cell_text(h)],
    )
    galat = rencana.galat
    galat.extend(tabel.errors)
    if galat:
        return rencana
    dilihat, calon = {}, []
    for nomor, cells in tabel.rows:
        rencana.jumlah_baris += 1
        nilai = _baca_baris(nomor, cells, posisi, galat)
        if nilai is None:
            continue
        nip, kp = nilai["nip"], nilai["periode"]
        pegawai = db.pegawai.get(nip)
        if pegawai is None:
            galat.append(RowError(nomor, JUDUL["nip"], f"NIP {nip} tidak ada di roster pegawai."))
            continue
        pegawai_id, nama, unit_id, boleh = pegawai
        if not boleh:
            galat.append(RowError(nomor, JUDUL["nip"], f"{nama} ({nip}) bukan pegawai unit kerja yang Anda kelola."))
            continue
        periode = db.periode.get((kp.jenis, kp.nomor, kp.tahun))
        if periode is None:
            galat.append(
                RowError(
                    nomor,
                    JUDUL["periode"],
                    f"Periode {kp} belum dibuka di aplikasi ini; buka dulu di halaman Periode Penilaian.",
                )
            )
            continue
        kunci = (periode[0], pegawai_id)
        if kunci in dilihat:
            galat.append(
                RowError(nomor, JUDUL["nip"], f"{nama} ({nip}) untuk {kp} sudah ada di baris {dilihat[kunci]}.")
            )
            continue
        dilihat[kunci] = nomor
        calon.append((nomor, nip, nama, unit_id, pegawai_id, periode, nilai))
    if not galat:
        evaluasi, hasil = db.muat({c[5][0] for c in calon})
        for nomor, nip, nama, unit_id, pegawai_id, periode, nilai in calon:
            rencana.baris.append(
                _baris(rencana, nomor, nip, nama, unit_id, pegawai_id, periode, nilai, evaluasi, hasil, db)
            )
    sort_errors(galat, KOLOM)
    return rencana


def _baris(rencana, nomor, nip, nama, unit_id, pegawai_id, periode, nilai, evaluasi, hasil, db) -> dict:
    kunci = (periode[0], pegawai_id)
    ev = evaluasi.get(kunci)
    lama = hasil.get(kunci)
    status = ev["status"] if ev else None
    diimpor = bool(ev and ev["sumber"] == "EKINERJA")
    keputusan = ekinerja.pemenang(
        db.sumber_unit.get(unit_id, ekinerja.SUMBER_BAWAAN), status, diimpor, _LABEL_STATUS.get(status or "", "")
    )
    baru = {f: nilai[f] for f in FIELD_HASIL}
    perubahan = []
    if lama is None:
        rencana.baru += 1
    else:
        label = {**_LABEL_RATING, **LABEL_PREDIKAT, "": "–"}
        perubahan = [
            {"kolom": JUDUL[f], "lama": label[lama[f]], "baru": label[baru[f]]}
            for f in FIELD_HASIL
            if lama[f] != baru[f]
        ]
        dipakai = keputusan.pakai == ekinerja.PAKAI_IMPOR
        if lama["dipakai"] != dipakai:
            sumber = {True: "Hasil e-Kinerja", False: "Evaluasi di aplikasi ini"}
            perubahan.append({"kolom": "Evaluasi resmi", "lama": sumber[lama["dipakai"]], "baru": sumber[dipakai]})
        if perubahan:
            rencana.diubah += 1
        else:
            rencana.tidak_berubah += 1
    return {
        "baris": nomor,
        "nip": nip,
        "nama": nama,
        "pegawai_id": pegawai_id,
        "unit_id": unit_id,
        "periode_id": periode[0],
        "label_periode": periode[1],
        **baru,
        "catatan_matriks": ekinerja.cek_matriks(*(baru[f] for f in FIELD_HASIL)) or "",
        "pakai": keputusan.pakai,
        "alasan": keputusan.alasan,
        "evaluasi_id": ev["id"] if ev else None,
        "lokal_status": status or "",
        "label_lokal_status": _LABEL_STATUS.get(status or "", ""),
        "lokal_predikat": ev["predikat"] if ev else "",
        "lokal_ratings": (ev["rating_hasil_kerja"], ev["rating_perilaku_kerja"]) if ev else ("", ""),
        "lokal_diimpor": diimpor,
        "hasil_id": lama["id"] if lama else None,
        "perubahan": perubahan,
    }


def templat(format_berkas: str) -> bytes:
    """The downloadable template, XLSX (with a help sheet) or CSV."""
    if format_berkas == "csv":
        return write_csv([j for _, j in KOLOM], [])
    return template_xlsx("Hasil e-Kinerja", KOLOM, PETUNJUK, number_columns=("tahun",))
