"""The period's XLSX export: one row per evaluation, and a "Realisasi" sheet with one row per indicator.

Both sheets stream selectors.indikator_evaluasi (one query each, whatever the number of ASN) into core.xlsx,
holding one evaluation's rows at a time. Numbers stay numbers, NIPs stay text (DOMAIN.md §5), text that a
spreadsheet would run as a formula is escaped. The capaian of an RHK is the mean of its realised indicators'
(capaian.rata_rata_capaian), as the evaluation pages show it.

The evaluation's row summarises its RHK as their number and their lowest and highest capaian: ASN have different
numbers of RHK, so a column per RHK would mean another RHK on each row, and no regulation averages RHK into one
figure (the predikat comes from the ratings), so none is made up here. Each RHK's own capaian is on "Realisasi".
A qualitative indicator has no capaian: its row carries the target and realisation as text and the appraiser's mark.
"""

from itertools import groupby
from operator import itemgetter

from core.xlsx import Column, Sheet, write_workbook
from kinerja.pegawai.models import nama_lengkap

from .capaian import rata_rata_capaian
from .hasil_kerja import KUALITATIF
from .models import EvaluasiKinerja
from .models_skp import IndikatorKinerja, RencanaHasilKerja
from .selectors import indikator_evaluasi

_WAKTU = "dd/mm/yyyy hh:mm"
_PERSEN = "0.00"
_ANGKA = "#,##0.00"

KOLOM_EVALUASI = (
    Column("NIP", 21),
    Column("Nama", 32),
    Column("Jabatan", 28),
    Column("Unit kerja", 32),
    Column("Pejabat penilai kinerja", 28),
    Column("Status", 12),
    Column("Rating hasil kerja", 20),
    Column("Rating perilaku kerja", 20),
    Column("Predikat kinerja", 17),
    Column("Jumlah RHK", 11, "0"),
    Column("Capaian RHK terendah (%)", 13, _PERSEN),
    Column("Capaian RHK tertinggi (%)", 13, _PERSEN),
    Column("Diajukan", 17, _WAKTU),
    Column("Dinilai", 17, _WAKTU),
    Column("Difinalkan", 17, _WAKTU),
)

KOLOM_REALISASI = (
    Column("NIP", 21),
    Column("Nama", 32),
    Column("Unit kerja", 32),
    Column("Jenis RHK", 10),
    Column("Rencana hasil kerja", 45),
    Column("Indikator kinerja", 45),
    Column("Aspek", 11),
    Column("Target", 12, _ANGKA),
    Column("Satuan", 12),
    Column("Realisasi", 12, _ANGKA),
    Column("Capaian indikator (%)", 13, _PERSEN),
    Column("Capaian RHK (%)", 13, _PERSEN),
    Column("Penilaian kualitatif", 20),
)

_STATUS = dict(EvaluasiKinerja.Status.choices)
_RATING = dict(EvaluasiKinerja.Rating.choices)
_PREDIKAT = dict(EvaluasiKinerja.Predikat.choices)
_JENIS_RHK = dict(RencanaHasilKerja.Jenis.choices)
_ASPEK = dict(IndikatorKinerja.Aspek.choices)


# What each sheet reads of selectors.indikator_evaluasi.
_KOLOM_BACA_EVALUASI = [
    "status",
    "rating_hasil_kerja",
    "rating_perilaku_kerja",
    "predikat",
    "diajukan_pada",
    "dinilai_pada",
    "difinalkan_pada",
    "nip",
    "gelar_depan",
    "nama",
    "gelar_belakang",
    "jabatan",
    "unit",
    "ppk_gelar_depan",
    "ppk_nama",
    "ppk_gelar_belakang",
    "ppk_luar",
    "capaian",
]
_KOLOM_BACA_REALISASI = [
    "nip",
    "gelar_depan",
    "nama",
    "gelar_belakang",
    "unit",
    "jenis_rhk",
    "uraian_rhk",
    "indikator",
    "uraian_indikator",
    "aspek",
    "target",
    "satuan",
    "jenis_target",
    "target_kualitatif",
    "nilai_realisasi",
    "narasi",
    "penilaian_kualitatif",
    "capaian",
]


def ekspor_evaluasi(periode, evaluasi) -> bytes:
    """A workbook of a period's evaluations (`evaluasi`, ordered as the HR list): the evaluations, with the number of
    RHK and their lowest and highest capaian, then the realisation of every indicator with the capaian per RHK."""
    return write_workbook(
        [
            Sheet(str(periode), KOLOM_EVALUASI, _baris_evaluasi(evaluasi)),
            Sheet("Realisasi", KOLOM_REALISASI, _baris_realisasi(evaluasi)),
        ]
    )


def _per_evaluasi(evaluasi, kolom):
    """(first row, [(capaian of the RHK, its rows)]) per evaluation; an evaluation without an SKP has no RHK."""
    for _, baris in groupby(indikator_evaluasi(evaluasi, kolom).iterator(chunk_size=2000), key=itemgetter("pk")):
        baris = list(baris)
        rhk = []
        if baris[0]["rhk"] is not None:
            for _, baris_rhk in groupby(baris, key=itemgetter("rhk")):
                baris_rhk = list(baris_rhk)
                rhk.append((rata_rata_capaian(b["capaian"] for b in baris_rhk if b["capaian"] is not None), baris_rhk))
        yield baris[0], rhk


def _nama(b, awalan=""):
    if b[f"{awalan}nama"] is None:
        return ""
    return nama_lengkap(b[f"{awalan}gelar_depan"], b[f"{awalan}nama"], b[f"{awalan}gelar_belakang"])


def _baris_evaluasi(evaluasi):
    for b, rhk in _per_evaluasi(evaluasi, _KOLOM_BACA_EVALUASI):
        capaian = [c for c, _ in rhk if c is not None]
        yield (
            b["nip"],
            _nama(b),
            b["jabatan"],
            b["unit"],
            _nama(b, "ppk_") or b["ppk_luar"] or "",
            _STATUS[b["status"]],
            _RATING.get(b["rating_hasil_kerja"]),
            _RATING.get(b["rating_perilaku_kerja"]),
            _PREDIKAT.get(b["predikat"]),
            len(rhk),
            min(capaian, default=None),
            max(capaian, default=None),
            b["diajukan_pada"],
            b["dinilai_pada"],
            b["difinalkan_pada"],
        )


def _baris_realisasi(evaluasi):
    for pertama, rhk in _per_evaluasi(evaluasi, _KOLOM_BACA_REALISASI):
        nama = _nama(pertama)
        for capaian_rhk, baris in rhk:
            for b in baris:
                # A qualitative indicator: its described target and the ASN's narrative stand where the figures
                # are, and the appraiser's mark in the last column (hasil_kerja).
                kualitatif = b["jenis_target"] == KUALITATIF
                yield (
                    b["nip"],
                    nama,
                    b["unit"],
                    _JENIS_RHK[b["jenis_rhk"]],
                    b["uraian_rhk"],
                    b["uraian_indikator"],
                    _ASPEK.get(b["aspek"]),
                    b["target_kualitatif"] if kualitatif else b["target"],
                    b["satuan"],
                    (b["narasi"] or None) if kualitatif else b["nilai_realisasi"],
                    b["capaian"],
                    capaian_rhk,
                    _RATING.get(b["penilaian_kualitatif"]),
                )
