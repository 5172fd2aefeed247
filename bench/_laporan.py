"""Gather the figures every benchmark recorded (bench/out/hasil_*.json) into bench/results.md.

    python bench/_laporan.py [--durasi SECONDS]

Run by `make bench` after the benchmarks; a benchmark that crashed before recording shows as missing.
"""

import argparse
import datetime
import json
import os
import platform
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
URUTAN = ["roster_import", "ikm", "rollup", "ekspor_xlsx", "halaman", "fragmen_formulir"]
KEPUTUSAN = "## Keputusan"


def mesin() -> str:
    model = "?"
    for baris in Path("/proc/cpuinfo").read_text().splitlines():
        if baris.startswith("model name"):
            model = baris.split(":", 1)[1].strip()
            break
    ram_kb = next(int(b.split()[1]) for b in Path("/proc/meminfo").read_text().splitlines() if b.startswith("MemTotal"))
    return f"{model}, {os.cpu_count()} core, RAM {ram_kb / 1024**2:.1f} GiB, {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--durasi", type=float, help="wall time of the whole `make bench`, in seconds")
    parser.add_argument("--gagal", default="", help="benchmarks whose script exited non-zero (space separated)")
    args = parser.parse_args()
    hasil = {}
    for f in sorted((BENCH / "out").glob("hasil_*.json")):
        data = json.loads(f.read_text())
        hasil[data["bench"]] = data
    nama = sorted(hasil, key=lambda n: (URUTAN.index(n) if n in URUTAN else len(URUTAN), n))
    keluar_gagal = set(args.gagal.split())
    baris = [
        "# Hasil benchmark (`make bench`)",
        "",
        f"- Tanggal: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Mesin: {mesin()}",
        f"- Python {platform.python_version()}; PostgreSQL dan Redis di mesin yang sama",
    ]
    if args.durasi:
        baris.append(f"- Durasi `make bench`: {args.durasi / 60:.1f} menit (target ≤ 10 menit)")
    baris += ["", "| Benchmark | Ukuran | Nilai | Target | Hasil |", "| --- | --- | --- | --- | --- |"]
    semua_lulus = True
    for n in nama:
        for ukuran, nilai, target, lulus in hasil[n]["baris"]:
            status = "—" if lulus is None else ("lulus" if lulus else "**GAGAL**")
            semua_lulus &= lulus is not False
            baris.append(f"| {hasil[n]['judul']} | {ukuran} | {nilai} | {target or '—'} | {status} |")
    for n in sorted(keluar_gagal - set(hasil)):
        semua_lulus = False
        baris.append(f"| {n} | (tidak ada angka: skrip gagal) | — | — | **GAGAL** |")
    if args.durasi:
        lulus = args.durasi <= 600
        semua_lulus &= lulus
        status = "lulus" if lulus else "**GAGAL**"
        baris.append(f"| make bench | durasi | {args.durasi / 60:.1f} menit | ≤ 10 menit | {status} |")
    baris += ["", "Semua target tercapai." if semua_lulus else "Ada target yang tidak tercapai (lihat **GAGAL**).", ""]
    # The decisions the figures led to are written by hand below the table; a new run keeps them.
    lama = (BENCH / "results.md").read_text() if (BENCH / "results.md").exists() else ""
    if KEPUTUSAN in lama:
        baris.append(lama[lama.index(KEPUTUSAN) :].rstrip("\n") + "\n")
    (BENCH / "results.md").write_text("\n".join(baris))
    print("\n".join(baris))
    sys.exit(0 if semua_lulus else 1)


if __name__ == "__main__":
    main()
