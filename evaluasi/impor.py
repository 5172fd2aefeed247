"""Attendance and training-hours files: checking every cell and comparing with the database (nothing written).

Reading, header matching and cell rules are core.spreadsheet's, as for the roster: any format it reads, the
header row and sheet found wherever they are, NIP as text only, every error by row and column. This module decides what
an import would do; evaluasi.services writes it in one transaction.
"""

from dataclasses import dataclass, field

from django.conf import settings

from core.spreadsheet import (
    Columns,
    RowError,
    Table,
    parse_count,
    parse_nip,
    read_table,
    sort_errors,
    template_xlsx,
    write_csv,
)

from .models import ImporFakta, RekapKehadiran, periksa_rekap

KEHADIRAN = ImporFakta.Jenis.KEHADIRAN
PELATIHAN = ImporFakta.Jenis.PELATIHAN


@dataclass(frozen=True)
class Format:
    """One kind of file: its columns (key, header), required keys, the fields compared, and the key of a row."""

    kolom: list
    wajib: tuple
    field: tuple
    kunci: tuple  # besides the ASN: ("tahun", "bulan") or ("tahun",)
    petunjuk: list

    @property
    def baca(self) -> Columns:
        """The columns as the reader looks for them, with the other spellings offices use."""
        return Columns(tuple(self.kolom), self.wajib, ALIAS)


FORMAT = {
    KEHADIRAN: Format(
        kolom=[
            ("nip", "NIP"),
            ("tahun", "Tahun"),
            ("bulan", "Bulan"),
            ("hari_kerja", "Hari Kerja"),
            ("hadir", "Hadir"),
            ("cuti", "Cuti"),
            ("sakit", "Sakit"),
            ("izin", "Izin"),
            ("tanpa_keterangan", "Tanpa Keterangan"),
            ("tanpa_keterangan_berturut", "Tanpa Keterangan Berturut"),
            ("tanpa_keterangan_awal", "Tanpa Keterangan Awal Bulan"),
            ("tanpa_keterangan_akhir", "Tanpa Keterangan Akhir Bulan"),
            ("terlambat_1_30", "Terlambat 1-30 Menit"),
            ("terlambat_31_60", "Terlambat 31-60 Menit"),
            ("terlambat_61_90", "Terlambat 61-90 Menit"),
            ("terlambat_lebih_90", "Terlambat Lebih 90 Menit"),
            ("tanpa_rekam", "Tanpa Rekam"),
            ("menit_terlambat", "Menit Terlambat"),
            ("pulang_cepat", "Pulang Cepat"),
            ("pulang_cepat_1_30", "Pulang Cepat 1-30 Menit"),
            ("pulang_cepat_31_60", "Pulang Cepat 31-60 Menit"),
            ("pulang_cepat_61_90", "Pulang Cepat 61-90 Menit"),
            ("pulang_cepat_lebih_90", "Pulang Cepat Lebih 90 Menit"),
            ("tidak_apel", "Tidak Apel"),
        ],
        wajib=("nip", "tahun", "bulan", "hari_kerja", "hadir"),
        field=RekapKehadiran.ANGKA,
        kunci=("tahun", "bulan"),
        petunjuk=[
            ("NIP", "Wajib. 18 digit, kolom berformat Teks (angka 15+ digit dirusak Excel)."),
            ("Tahun, Bulan", "Wajib. Bulan 1–12. Satu baris per pegawai per bulan; impor ulang memperbarui baris."),
            ("Hari Kerja, Hadir", "Wajib. Jumlah hari."),
            ("Cuti, Sakit, Izin, Tanpa Keterangan", "Jumlah hari; hadir + semuanya tidak boleh melebihi hari kerja."),
            ("Tanpa Keterangan Berturut", "Rangkaian hari kerja tanpa keterangan terpanjang dalam bulan itu."),
            (
                "Tanpa Keterangan Awal Bulan, Akhir Bulan",
                "Rangkaian tanpa keterangan yang dimulai pada hari kerja pertama / berakhir pada hari kerja terakhir "
                "bulan itu (0 bila tidak ada). Dipakai untuk menyambung rangkaian antarbulan: 10 hari kerja "
                "berturut-turut → PDHTAPS (PP 94/2021 Pasal 11 ayat (2) huruf d angka 4).",
            ),
            ("Terlambat ... Menit", "Berapa kali terlambat pada rentang menit itu."),
            ("Tanpa Rekam", "Berapa kali hadir tanpa rekam masuk (dipotong seperti terlambat lebih 90 menit)."),
            ("Menit Terlambat, Pulang Cepat", "Jumlah menit terlambat; berapa kali pulang sebelum waktunya."),
            (
                "Pulang Cepat ... Menit",
                "Berapa kali pulang cepat pada rentang menit itu (jumlahnya tidak melebihi Pulang Cepat; sisanya "
                "dipotong TPP seperti rentang 1-30 menit).",
            ),
            ("Tidak Apel", "Berapa kali tidak mengikuti apel pada hari hadir."),
        ],
    ),
    PELATIHAN: Format(
        kolom=[("nip", "NIP"), ("tahun", "Tahun"), ("jp", "JP")],
        wajib=("nip", "tahun", "jp"),
        field=("jp",),
        kunci=("tahun",),
        petunjuk=[
            ("NIP", "Wajib. 18 digit, kolom berformat Teks."),
            ("Tahun", "Wajib. Tahun pelatihan."),
            (
                "JP",
                "Wajib. Jumlah jam pelajaran setahun, 1 JP = 45 menit (PNS paling sedikit 20 JP: PP 11/2017 "
                "Pasal 203 jo. PP 17/2020).",
            ),
        ],
    ),
}
ALIAS = {
    "TK Berturut-turut": "tanpa_keterangan_berturut",
    "TK Awal Bulan": "tanpa_keterangan_awal",
    "TK Akhir Bulan": "tanpa_keterangan_akhir",
    "Jam Pelajaran": "jp",
    "Terlambat >90 Menit": "terlambat_lebih_90",
    "Pulang Cepat >90 Menit": "pulang_cepat_lebih_90",
    "Tidak Ikut Apel": "tidak_apel",
}
BATAS_DAFTAR = 1000  # rows listed per category in a stored preview; counts are always complete


@dataclass
class SnapshotFakta:
    """What the database holds: nip → (id, name, may the user write it), and a loader of the existing rows.

    `muat(periode)` takes the set of (tahun, bulan) or (tahun,) keys the file names and returns
    {(pegawai_id, *key): {field: value, "id": pk}}, so only those months or years are read.
    """

    pegawai: dict
    muat: object


@dataclass
class RencanaFakta:
    jenis: str
    jumlah_baris: int = 0
    galat: list = field(default_factory=list)
    berkas: dict = field(default_factory=dict)  # how the file was read (Table.describe), shown in the preview
    baru: list = field(default_factory=list)  # dicts: baris, nip, nama, pegawai_id, key values, fields
    diubah: list = field(default_factory=list)  # (dict, [(header, old, new)], id)
    tidak_berubah: int = 0

    def ringkasan(self):
        def ringkas(b):
            return {"baris": b["baris"], "nip": b["nip"], "nama": b["nama"], "kunci": b["label_kunci"]}

        return {
            "berkas": self.berkas,
            "jumlah_baris": self.jumlah_baris,
            "jumlah_baru": len(self.baru),
            "jumlah_diubah": len(self.diubah),
            "jumlah_tidak_berubah": self.tidak_berubah,
            "baru": [ringkas(b) for b in self.baru[:BATAS_DAFTAR]],
            "diubah": [
                {**ringkas(b), "perubahan": [{"kolom": k, "lama": lama, "baru": baru} for k, lama, baru in p]}
                for b, p, _ in self.diubah[:BATAS_DAFTAR]
            ],
        }


def baca_berkas(jenis: str, nama_berkas: str, data: bytes, lembar: str | None = None, enkoding: str | None = None):
    """Read an attendance or training file's table, refusing a wrong type or one over EVALUASI_MAX_UPLOAD_MB.

    `lembar` and `enkoding` are the sheet and CSV encoding of the preview, so a confirmation reads what it showed.
    """
    return read_table(
        nama_berkas,
        data,
        limit_mb=settings.EVALUASI_MAX_UPLOAD_MB,
        columns=FORMAT[jenis].baca,
        sheet=lembar or None,
        encoding=enkoding or None,
    )


def _parse_tahun(nilai, judul):
    tahun = parse_count(nilai, judul)
    if tahun is not None and not 2000 <= tahun <= 2100:
        raise ValueError(f"'{tahun}' bukan tahun yang sah.")
    return tahun


def _parse_bulan(nilai, judul):
    bulan = parse_count(nilai, judul)
    if bulan is not None and not 1 <= bulan <= 12:
        raise ValueError(f"'{bulan}' bukan bulan 1–12.")
    return bulan


def _parser(kunci):
    return {"nip": parse_nip, "tahun": _parse_tahun, "bulan": _parse_bulan}.get(kunci, parse_count)


def rencanakan(jenis: str, tabel: Table, db: SnapshotFakta) -> RencanaFakta:
    """Check every row against itself and the database and sort rows into new, changed and unchanged.

    Every problem is collected (row and column); a plan with any error must not be written.
    """
    fmt = FORMAT[jenis]
    judul = dict(fmt.kolom)
    rencana = RencanaFakta(jenis=jenis, berkas=tabel.describe())
    galat = rencana.galat
    galat.extend(tabel.errors)
    if galat:
        return rencana
    posisi = tabel.positions
    dilihat, calon = {}, []
    for nomor, sel in tabel.rows:
        rencana.jumlah_baris += 1
        nilai, rusak = {}, False
        for kunci, _ in fmt.kolom:
            if kunci not in posisi:
                nilai[kunci] = 0
                continue
            mentah = sel[posisi[kunci]] if posisi[kunci] < len(sel) else ""
            try:
                v = _parser(kunci)(mentah, judul[kunci])
            except ValueError as exc:
                galat.append(RowError(nomor, judul[kunci], str(exc)))
                rusak = True
                continue
            if v in ("", None):
                if kunci in fmt.wajib:
                    galat.append(RowError(nomor, judul[kunci], f"{judul[kunci]} wajib diisi."))
                    rusak = True
                    continue
                v = 0
            nilai[kunci] = v
        if rusak:
            continue
        if jenis == KEHADIRAN:
            for f, pesan in periksa_rekap(nilai).items():
                galat.append(RowError(nomor, judul[f], pesan))
        nip = nilai["nip"]
        pegawai = db.pegawai.get(nip)
        if pegawai is None:
            galat.append(RowError(nomor, "NIP", f"NIP {nip} tidak ada di roster pegawai."))
            continue
        pegawai_id, nama, boleh = pegawai
        if not boleh:
            galat.append(RowError(nomor, "NIP", f"{nama} ({nip}) bukan pegawai unit kerja yang Anda kelola."))
            continue
        kunci_baris = (pegawai_id, *(nilai[k] for k in fmt.kunci))
        if kunci_baris in dilihat:
            galat.append(
                RowError(nomor, "NIP", f"NIP {nip} untuk periode yang sama sudah ada di baris {dilihat[kunci_baris]}.")
            )
            continue
        dilihat[kunci_baris] = nomor
        calon.append(
            {
                "baris": nomor,
                "nip": nip,
                "nama": nama,
                "pegawai_id": pegawai_id,
                "label_kunci": "/".join(str(nilai[k]) for k in reversed(fmt.kunci)),
                **{k: nilai[k] for k in (*fmt.kunci, *fmt.field)},
            }
        )
    if not galat:
        ada = db.muat({tuple(b[k] for k in fmt.kunci) for b in calon})
        for baris in calon:
            lama = ada.get((baris["pegawai_id"], *(baris[k] for k in fmt.kunci)))
            if lama is None:
                rencana.baru.append(baris)
                continue
            perubahan = [(judul[f], lama[f], baris[f]) for f in fmt.field if lama[f] != baris[f]]
            if perubahan:
                rencana.diubah.append((baris, perubahan, lama["id"]))
            else:
                rencana.tidak_berubah += 1
    sort_errors(galat, fmt.kolom)
    return rencana


def templat(jenis: str, format_berkas: str) -> bytes:
    """The downloadable template of a kind of file, XLSX (with a help sheet) or CSV."""
    fmt = FORMAT[jenis]
    if format_berkas == "csv":
        return write_csv([j for _, j in fmt.kolom], [])
    angka = tuple(k for k, _ in fmt.kolom if k != "nip")
    return template_xlsx("Data", fmt.kolom, fmt.petunjuk, number_columns=angka)
