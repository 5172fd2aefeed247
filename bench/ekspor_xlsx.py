"""Benchmark: the period export's workbook for the whole province, core/xlsx against XlsxWriter.

    python bench/ekspor_xlsx.py [--asn 30000] [--indikator 3] [--ulang 3]

No database: the two sheets of kinerja/penilaian/ekspor.py (its columns; rows of the same types: text, Decimal,
counts, aware times, empty cells) are built in memory for --asn ASN with --indikator indicators each, and then
written by
  1. core.xlsx.write_workbook, the hand-written writer every export uses;
  2. the yardstick: the same writer on XlsxWriter (constant_memory, rows streamed to temporary files), below. It
     keeps core.xlsx's behaviour (tests/core/test_xlsx.py passes with it, but for the widths: XlsxWriter adds
     Excel's padding, so a width of 21 is stored as 21.71, which Excel shows as 21).
Each write runs in its own process, A B A B ..., --ulang times each, so its peak memory (ru_maxrss) is its own:
CPU seconds (user + system) of the write alone, and the peak over the rows already in memory. The figures are
medians; the ratio is the median of the pairs' ratios. Both workbooks are read back with python-calamine and must
hold the same values.
Targets: core/xlsx writes the workbook in ≤ 10 s of CPU (the export also runs its queries within gunicorn's 30 s)
and ≤ 50 MB over the rows; XlsxWriter takes more than 2× its CPU, the reason core/xlsx stays (bench/results.md,
"Keputusan"): should XlsxWriter come within 2×, the bench fails and the hand-written writer should go.
"""

import argparse
import datetime
import io
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._hasil import catat  # noqa: E402

TARGET_CPU = 10.0
TARGET_MB = 50
TARGET_RASIO = 2.0
PENULIS = {"core/xlsx": "tangan", "XlsxWriter": "xlsxwriter"}


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def tulis_xlsxwriter(sheets) -> bytes:
    """core.xlsx.write_workbook on XlsxWriter: the same sheets, formats, escapes and dates, with its typed writes
    (so no text is taken for a formula, a URL or a number)."""
    import xlsxwriter
    from django.utils import timezone

    from core.spreadsheet import escape_cell
    from core.xlsx import _DATE_FORMAT, _DATETIME_FORMAT, _NOT_XML, _sheet_name

    tak_xml = re.compile("[" + "".join(map(chr, _NOT_XML)) + "]")
    output = io.BytesIO()
    buku = xlsxwriter.Workbook(output, {"constant_memory": True})
    dibuat, nama = {}, []

    def format_(kode, tebal=False):
        if (kode, tebal) not in dibuat:
            sifat = {k: v for k, v in (("num_format", kode), ("bold", tebal)) if v}
            dibuat[kode, tebal] = buku.add_format(sifat) if sifat else None
        return dibuat[kode, tebal]

    def teks(v):
        return tak_xml.sub("", escape_cell(v))

    for sheet in sheets:
        nama.append(_sheet_name(sheet.name, nama))
        lembar = buku.add_worksheet(nama[-1])
        lembar.freeze_panes(1, 0)
        kolom = []
        for i, c in enumerate(sheet.columns):
            if c.width:
                lembar.set_column(i, i, c.width)
            lembar.write_string(0, i, teks(c.header), format_("@", True))
            kode = c.number_format
            tanggal, waktu = format_(kode or _DATE_FORMAT), format_(kode or _DATETIME_FORMAT)
            kolom.append((format_("@"), format_(kode), tanggal, waktu))
        for r, baris in enumerate(sheet.rows, start=1):
            for i, (v, (f_teks, f_angka, f_tanggal, f_waktu)) in enumerate(zip(baris, kolom, strict=False)):
                if v is None or v == "":
                    continue
                if isinstance(v, str):
                    lembar.write_string(r, i, teks(v), f_teks)
                elif isinstance(v, bool):
                    lembar.write_boolean(r, i, v)
                elif isinstance(v, int | float | Decimal):
                    lembar.write_number(r, i, v, f_angka)
                elif isinstance(v, datetime.datetime):
                    lokal = timezone.localtime(v).replace(tzinfo=None) if v.tzinfo else v
                    lembar.write_datetime(r, i, lokal, f_waktu)
                elif isinstance(v, datetime.date):
                    lembar.write_datetime(r, i, v, f_tanggal)
                else:
                    lembar.write_string(r, i, teks(str(v)), f_teks)
    buku.close()
    return output.getvalue()


def lembar_ekspor(jumlah_asn: int, jumlah_indikator: int):
    """The two sheets of ekspor.ekspor_evaluasi for a generated province, their rows in lists."""
    from kinerja.penilaian.ekspor import KOLOM_EVALUASI, KOLOM_REALISASI
    from kinerja.penilaian.models import EvaluasiKinerja
    from kinerja.penilaian.models_skp import IndikatorKinerja, RencanaHasilKerja
    from tests.factories import buat_nip

    acak = random.Random(2026)
    status = [label for _, label in EvaluasiKinerja.Status.choices]
    rating = [label for _, label in EvaluasiKinerja.Rating.choices]
    predikat = [label for _, label in EvaluasiKinerja.Predikat.choices]
    aspek = [label for _, label in IndikatorKinerja.Aspek.choices]
    jenis = [label for _, label in RencanaHasilKerja.Jenis.choices]
    unit = [f"Bidang {b} Dinas {o} Provinsi Gorontalo" for o in range(1, 41) for b in range(1, 6)]
    jabatan = ["Analis Kebijakan Ahli Muda", "Pranata Komputer Ahli Pertama", "Pengelola Keuangan", "Guru"]
    satuan = ["dokumen", "laporan", "kegiatan", "persen", "hari"]
    awal = datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)

    def capaian():
        return Decimal(acak.randrange(5000, 12001)) / 100

    evaluasi, realisasi = [], []
    for n in range(jumlah_asn):
        nip, nama = buat_nip(n + 1), f"{'Dr. ' if n % 17 == 0 else ''}Pegawai {n}{', S.E.' if n % 2 else ''}"
        dinilai = n % 5 != 0  # one in five waits for its rating: empty ratings and times
        diajukan = awal + datetime.timedelta(minutes=acak.randrange(90 * 24 * 60))
        c = [capaian() for _ in range(jumlah_indikator)]
        evaluasi.append(
            (
                nip, nama, acak.choice(jabatan), unit[n % len(unit)], f"Atasan {n // 20}, M.Si.",
                acak.choice(status), acak.choice(rating) if dinilai else None, acak.choice(rating) if dinilai else None,
                acak.choice(predikat) if dinilai else None, jumlah_indikator, min(c), max(c), diajukan,
                diajukan + datetime.timedelta(days=3) if dinilai else None, None,
            )
        )  # fmt: skip
        for i, ci in enumerate(c):
            target = Decimal(acak.randrange(1, 500))
            realisasi.append(
                (
                    nip, nama, unit[n % len(unit)], jenis[i > 0],
                    f"Terlaksananya layanan & dokumen kebijakan nomor {i + 1} sesuai rencana kerja tahunan",
                    f"Jumlah {satuan[i % len(satuan)]} yang diselesaikan tepat waktu dan sesuai standar mutu",
                    aspek[i % len(aspek)], target, satuan[i % len(satuan)], target * ci / 100, ci, ci,
                )
            )  # fmt: skip
    return (KOLOM_EVALUASI, evaluasi), (KOLOM_REALISASI, realisasi)


def satu_tulis(penulis: str, jumlah_asn: int, jumlah_indikator: int, berkas: Path) -> dict:
    """One write in this process: its CPU seconds, wall seconds and the peak memory before and after."""
    from core.xlsx import Sheet, write_workbook

    tulis = {"tangan": write_workbook, "xlsxwriter": tulis_xlsxwriter}[penulis]
    (kolom_e, evaluasi), (kolom_r, realisasi) = lembar_ekspor(jumlah_asn, jumlah_indikator)
    lembar = [Sheet("Triwulan I 2026", kolom_e, iter(evaluasi)), Sheet("Realisasi", kolom_r, iter(realisasi))]
    sebelum, mulai = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    data = tulis(lembar)
    detik, sesudah = time.perf_counter() - mulai, resource.getrusage(resource.RUSAGE_SELF)
    berkas.write_bytes(data)
    return {
        "cpu": sesudah.ru_utime + sesudah.ru_stime - sebelum.ru_utime - sebelum.ru_stime,
        "detik": detik,
        "mb_baris": sebelum.ru_maxrss / 1024,
        "mb_puncak": sesudah.ru_maxrss / 1024,
        "ukuran": len(data),
        "sel": sum(len(b) for b in evaluasi) + sum(len(b) for b in realisasi),
    }


def _anak(penulis, args, berkas):
    perintah = [sys.executable, __file__, "--penulis", penulis, "--berkas", str(berkas)]
    perintah += ["--asn", str(args.asn), "--indikator", str(args.indikator)]
    keluaran = subprocess.run(perintah, capture_output=True, text=True, check=False)
    if keluaran.returncode:
        sys.exit(f"penulis {penulis} gagal:\n{keluaran.stdout}\n{keluaran.stderr}")
    return json.loads(keluaran.stdout.strip().splitlines()[-1])


def isi_buku(berkas: Path) -> dict:
    from python_calamine import CalamineWorkbook

    buku = CalamineWorkbook.from_path(str(berkas))
    return {nama: buku.get_sheet_by_name(nama).to_python() for nama in buku.sheet_names}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--asn", type=int, default=30_000)
    parser.add_argument("--indikator", type=int, default=3)
    parser.add_argument("--ulang", type=int, default=3, help="writes of each writer, alternating")
    parser.add_argument("--penulis", choices=PENULIS.values(), help=argparse.SUPPRESS)
    parser.add_argument("--berkas", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.penulis:
        _django()
        print(json.dumps(satu_tulis(args.penulis, args.asn, args.indikator, args.berkas)))
        return

    hasil = {p: [] for p in PENULIS.values()}
    with tempfile.TemporaryDirectory() as folder:
        berkas = {p: Path(folder) / f"{p}.xlsx" for p in PENULIS.values()}
        for putaran in range(1, args.ulang + 1):
            for judul, p in PENULIS.items():
                hasil[p].append(_anak(p, args, berkas[p]))
                h = hasil[p][-1]
                print(f"putaran {putaran}, {judul:10}: CPU {h['cpu']:6.2f} s, dinding {h['detik']:6.2f} s, "
                      f"memori {h['mb_baris']:.0f} → {h['mb_puncak']:.0f} MB, {h['ukuran'] / 1e6:.1f} MB")  # fmt: skip
        sama = isi_buku(berkas["tangan"]) == isi_buku(berkas["xlsxwriter"])
    assert sama, "XlsxWriter dan core/xlsx tidak menulis nilai yang sama"

    def median(p, kunci):
        return statistics.median(h[kunci] for h in hasil[p])

    cpu, cpu_xw = median("tangan", "cpu"), median("xlsxwriter", "cpu")
    tambah, tambah_xw = (statistics.median(h["mb_puncak"] - h["mb_baris"] for h in hasil[p]) for p in hasil)
    rasio = statistics.median(x["cpu"] / t["cpu"] for t, x in zip(hasil["tangan"], hasil["xlsxwriter"], strict=True))
    ukuran = f"{args.asn:,} ASN × {args.indikator} indikator ({hasil['tangan'][0]['sel']:,} sel)"
    print(f"{ukuran}; median dari {args.ulang}; kedua buku dibaca ulang dengan python-calamine: nilai sama")
    print(f"core/xlsx  : CPU {cpu:6.2f} s, memori +{tambah:.0f} MB  (target ≤ {TARGET_CPU:.0f} s, ≤ {TARGET_MB} MB)")
    print(f"XlsxWriter : CPU {cpu_xw:6.2f} s, memori +{tambah_xw:.0f} MB")
    print(f"XlsxWriter ÷ core/xlsx (CPU): {rasio:.2f}×  (core/xlsx tetap bila > {TARGET_RASIO:.0f}×)")
    lulus_cpu, lulus_mb, lulus_rasio = cpu <= TARGET_CPU, tambah <= TARGET_MB, rasio > TARGET_RASIO
    catat(
        "ekspor_xlsx",
        f"Ekspor periode XLSX, {args.asn:,} ASN × {args.indikator} indikator",
        [
            ("core/xlsx: CPU menulis 2 lembar", f"{cpu:.2f} s", f"≤ {TARGET_CPU:.0f} s", lulus_cpu),
            ("core/xlsx: memori di atas baris", f"+{tambah:.0f} MB", f"≤ {TARGET_MB} MB", lulus_mb),
            ("XlsxWriter constant_memory: CPU menulis", f"{cpu_xw:.2f} s (+{tambah_xw:.0f} MB)", None, None),
            ("XlsxWriter ÷ core/xlsx (CPU)", f"{rasio:.2f}×", f"> {TARGET_RASIO:.0f}× (core/xlsx tetap)", lulus_rasio),
        ],
    )
    lulus = lulus_cpu and lulus_mb and lulus_rasio
    print("LULUS" if lulus else "GAGAL")
    if not lulus:
        sys.exit(1)


if __name__ == "__main__":
    main()
