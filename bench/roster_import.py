"""Benchmark: import a 50,000-row XLSX roster (with supervisors) into PostgreSQL, against stock import-export.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja python bench/roster_import.py [--baris 50000]

Runs in a scratch database `<name>_bench` on the DATABASE_URL server, created and dropped here. Each measured
run is its own process, so its peak memory (ru_maxrss, which includes Django itself) is its own:
  1. our import, all rows new;  2. our import of the same file again (every row unchanged);
  3. the same roster through a stock django-import-export ModelResource with default options. The stock
     resource makes several queries per row (minutes for 50,000 rows), so it imports the first --stok rows
     (default 5,000) of the same roster (the generator is deterministic, so that file is the big file's first
     rows) as new rows, and its rows/s is extrapolated.
Targets: runs 1 and 2 each ≤ 5 s wall and ≤ 500 MB peak; ≥ 10× the stock rows/s.
"""

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from bench._hasil import catat  # noqa: E402

TARGET_DETIK = 5.0
TARGET_MB = 500
TARGET_RASIO = 10


def _django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _nip(n, kelamin):
    lahir = datetime.date(1965, 1, 1) + datetime.timedelta(days=n % 12000)
    return lahir, f"{lahir:%Y%m%d}{lahir.year + 25}{n % 12 + 1:02d}{'1' if kelamin == 'L' else '2'}{n // 12000:03d}"


def generate(path, jumlah):
    """A roster of `jumlah` ASN in 1 province, 40 OPD and 5 bidang each; every ASN but the top has an atasan.

    Heads come first (supervisor before subordinate), so the stock resource can resolve atasan row by row.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from kinerja.pegawai.roster import KOLOM

    unit = [("75", "Pemerintah Provinsi Gorontalo", "")]
    for o in range(1, 41):
        unit.append((f"75.{o:02d}", f"OPD {o}", "75"))
        unit.extend((f"75.{o:02d}.{b:02d}", f"Bidang {b} OPD {o}", f"75.{o:02d}") for b in range(1, 6))
    baris, kepala = [], {}

    def tambah(kode, nama_unit, induk, atasan, jenis):
        n = len(baris)
        kelamin = "L" if n % 3 else "P"
        lahir, nip = _nip(n, kelamin)
        baris.append(
            [
                nip,
                f"Pegawai {n}",
                "Dr." if n % 17 == 0 else "",
                "S.E." if n % 2 else "",
                kelamin,
                lahir,
                "PNS",
                ["III/a", "III/b", "III/c", "IV/a"][n % 4],
                "Analis",
                jenis,
                kode,
                nama_unit,
                induk,
                atasan,
                f"pegawai{n}@gorontaloprov.go.id",
                f"08{n:010d}",
            ]  # fmt: skip
        )
        return nip

    for kode, nama, induk in unit:
        kepala[kode] = tambah(kode, nama, induk, kepala.get(induk, ""), "JPT Pratama" if induk else "JPT Madya")
    bidang = [u for u in unit if u[0].count(".") == 2]
    i = 0
    while len(baris) < jumlah:
        kode, nama, induk = bidang[i % len(bidang)]
        tambah(kode, nama, induk, kepala[kode], "Pelaksana")
        i += 1

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Pegawai")

    def teks(v):
        c = WriteOnlyCell(ws, value=v)
        c.number_format = "@" if isinstance(v, str) else "dd/mm/yyyy"
        return c

    ws.append([judul for _, judul in KOLOM])
    for r in baris[:jumlah]:
        ws.append([teks(v) for v in r])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def _ukur(fungsi):
    mulai = time.perf_counter()
    info = fungsi()
    detik = time.perf_counter() - mulai
    mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"detik": detik, "puncak_mb": mb, **info}


def fase_kami(path):
    from kinerja.pegawai.services import impor_roster

    def jalan():
        hasil = impor_roster(path.name, path.read_bytes()).ringkasan()
        return {
            "baris": hasil["jumlah_baris"],
            "baru": hasil["jumlah_baru"],
            "diubah": hasil["jumlah_diubah"],
            "tidak_berubah": hasil["jumlah_tidak_berubah"],
        }

    return _ukur(jalan)


def fase_stok(path):
    import tablib
    from django.contrib.auth import get_user_model
    from import_export import fields, resources, widgets

    from kinerja.models import Pegawai, UnitKerja
    from kinerja.pegawai.roster import KOLOM

    # Stock import-export cannot create units; ours already did in run 1, so only the ASN are cleared.
    Pegawai.objects.all().delete()
    get_user_model().objects.filter(username__regex=r"^[0-9]{18}$").delete()

    # The stock resource reads model field names as headers; renaming the file's headers is all it is given.
    nama_field = {judul: kunci for kunci, judul in KOLOM}
    nama_field.update({"Kode Unit": "unit_kerja", "NIP Atasan": "atasan"})

    class StokPegawaiResource(resources.ModelResource):
        unit_kerja = fields.Field("unit_kerja", "unit_kerja", widgets.ForeignKeyWidget(UnitKerja, "kode"))
        atasan = fields.Field("atasan", "atasan", widgets.ForeignKeyWidget(Pegawai, "nip"))

        class Meta:
            model = Pegawai
            import_id_fields = ("nip",)
            fields = (
                "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin", "tanggal_lahir",
                "status_kepegawaian", "golongan", "jabatan", "jenis_jabatan", "unit_kerja", "atasan", "email",
                "no_hp",
            )  # fmt: skip

    def jalan():
        data = tablib.Dataset().load(path.read_bytes(), format="xlsx")
        data.headers = [nama_field[j] for j in data.headers]
        hasil = StokPegawaiResource().import_data(data, dry_run=False)
        if hasil.has_errors() or hasil.has_validation_errors():
            raise SystemExit(f"impor stok gagal: {hasil.row_errors()[:1] or hasil.invalid_rows[:1]}")
        return {"baris": len(data), "baru": hasil.totals["new"]}

    return _ukur(jalan)


def _anak(fase, database_url, path, *extra):
    keluaran = subprocess.run(
        [sys.executable, __file__, "--fase", fase, "--berkas", str(path), *extra],
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=False,
    )
    if keluaran.returncode:
        sys.exit(f"fase {fase} gagal:\n{keluaran.stdout}\n{keluaran.stderr}")
    return json.loads(keluaran.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baris", type=int, default=50_000)
    parser.add_argument("--stok", type=int, default=5_000, help="rows for the stock import-export run")
    parser.add_argument("--fase", choices=["kami", "stok"], help=argparse.SUPPRESS)
    parser.add_argument("--berkas", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.fase:
        _django(os.environ["DATABASE_URL"])
        hasil = fase_kami(args.berkas) if args.fase == "kami" else fase_stok(args.berkas)
        print(json.dumps(hasil))
        return

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Setel DATABASE_URL ke PostgreSQL, misalnya postgres://postgres@127.0.0.1:5432/kinerja")
    import psycopg

    dasar, _, nama_db = url.rpartition("/")
    nama_db = nama_db.split("?")[0]
    scratch = f"{nama_db}_bench"
    url_scratch = f"{dasar}/{scratch}"

    path, path_stok = OUT / f"roster_{args.baris}.xlsx", OUT / f"roster_{args.stok}.xlsx"
    for p, jumlah in ((path, args.baris), (path_stok, args.stok)):
        if not p.exists():
            print(f"Membuat {p} ({jumlah} baris)...", flush=True)
            _django(url)
            generate(p, jumlah)

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        conn.execute(f'CREATE DATABASE "{scratch}"')
    try:
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"],
            env={**os.environ, "DATABASE_URL": url_scratch},
            check=True,
        )
        baru = _anak("kami", url_scratch, path)
        ulang = _anak("kami", url_scratch, path)
        stok = _anak("stok", url_scratch, path_stok)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')

    def laju(h):
        return h["baris"] / h["detik"]

    print(f"Berkas: {path.name}, {baru['baris']} baris; PostgreSQL (basis data sementara {scratch})")
    gagal = []
    for judul, h in (("Impor kami, semua baru", baru), ("Impor kami, ulang (tanpa perubahan)", ulang)):
        print(
            f"  {judul:38} {h['detik']:6.2f} s  {laju(h):9,.0f} baris/s  puncak {h['puncak_mb']:6.0f} MB"
            f"  (baru {h['baru']}, diubah {h['diubah']}, tidak berubah {h['tidak_berubah']})"
        )
        if h["detik"] > TARGET_DETIK or h["puncak_mb"] > TARGET_MB:
            gagal.append(f"{judul}: target ≤ {TARGET_DETIK} s dan ≤ {TARGET_MB} MB")
    print(
        f"  {'import-export stok (ModelResource)':38} {stok['detik']:6.2f} s  {laju(stok):9,.0f} baris/s  puncak "
        f"{stok['puncak_mb']:6.0f} MB  ({stok['baru']} baris pertama, semua baru; "
        f"diperkirakan {baru['baris'] / laju(stok):.0f} s untuk {baru['baris']} baris)"
    )
    rasio = laju(baru) / laju(stok)
    print(f"Rasio baris/s (impor kami baru ÷ stok): {rasio:.1f}× (target ≥ {TARGET_RASIO}×)")
    if rasio < TARGET_RASIO:
        gagal.append(f"rasio {rasio:.1f}× < {TARGET_RASIO}×")
    baris = []
    for judul, h in (("semua baru", baru), ("ulang, tanpa perubahan", ulang)):
        for ukuran, nilai, target, lulus in (
            ("waktu", f"{h['detik']:.2f} s", f"≤ {TARGET_DETIK:g} s", h["detik"] <= TARGET_DETIK),
            ("memori puncak", f"{h['puncak_mb']:.0f} MB", f"≤ {TARGET_MB} MB", h["puncak_mb"] <= TARGET_MB),
        ):
            baris.append((f"{baru['baris']:,} baris, {judul}: {ukuran}", nilai, target, lulus))
    baris.append(("baris/s kami ÷ import-export stok", f"{rasio:.1f}×", f"≥ {TARGET_RASIO}×", rasio >= TARGET_RASIO))
    catat("roster_import", "Impor roster XLSX", baris)
    if gagal:
        sys.exit("TARGET TIDAK TERCAPAI: " + "; ".join(gagal))


if __name__ == "__main__":
    main()
