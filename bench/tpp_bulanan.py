"""Benchmark: one month's TPP for 30,000 ASN in PostgreSQL, set-based against a per-ASN loop, in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_tpp python bench/tpp_bulanan.py [--pegawai 30000]

Runs in a scratch database `<name>_tpp` (the DATABASE_URL's database name plus `_tpp`), created and dropped here.
The data is generated in SQL: 1 province, 40 OPD × 5 bidang; every ASN with a kelas jabatan (1–17) and a
golongan; the 2026 base table for kelas 1–16 (kelas 17 left out, so its ASN show "besaran belum ditetapkan");
January 2026's attendance for every ASN (unexcused days, lateness and early leave by bands, missed apel); a
closed Triwulan I with final evaluations of every predikat; 1 ASN in 50 acting as Plt in a higher kelas.
  1. the province's month computed set-based (evaluasi.selectors.tabel_tpp on the root: a fixed number of
     queries), twice;
  2. the baseline: a per-ASN loop (each ASN's attendance, evaluation, Plt, cuts and base read one by one, then
     the same pure arithmetic), run on the first --sampel ASN (default 1,000) and extrapolated linearly to all
     ASN: the loop's cost is per ASN, so this is a fair estimate; both must give the same amounts;
  3. locking every OPD's list (evaluasi.services.kunci_tpp, 40 locks storing 30,000 lines).
Targets: the set-based month ≤ 5 s and ≥ 10× the extrapolated loop; locking the 40 OPD ≤ 20 s.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._hasil import catat  # noqa: E402

TARGET_BULAN_DETIK = 5.0
TARGET_RASIO = 10
TARGET_KUNCI_DETIK = 20.0


def _django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def isi_data(jumlah: int):
    """Units, ASN, the base table, January's attendance, Triwulan I's evaluations and the Plt, generated in SQL."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT setseed(0.42)")
        c.execute("INSERT INTO kinerja_unitkerja (kode, nama) VALUES ('75', 'Pemerintah Provinsi Gorontalo')")
        c.execute(
            """INSERT INTO kinerja_unitkerja (kode, nama, induk_id)
               SELECT '75.' || lpad(o::text, 2, '0'), 'OPD ' || o, (SELECT id FROM kinerja_unitkerja WHERE kode='75')
               FROM generate_series(1, 40) o"""
        )
        c.execute(
            """INSERT INTO kinerja_unitkerja (kode, nama, induk_id)
               SELECT u.kode || '.' || lpad(b::text, 2, '0'), 'Bidang ' || b || ' ' || u.nama, u.id
               FROM kinerja_unitkerja u, generate_series(1, 5) b WHERE u.kode LIKE '75.__'"""
        )
        c.execute(
            """WITH bidang AS (SELECT id, row_number() OVER (ORDER BY kode) - 1 AS i
                               FROM kinerja_unitkerja WHERE kode LIKE '75.__.__')
               INSERT INTO kinerja_pegawai (nip, nama, gelar_depan, gelar_belakang, jenis_kelamin,
                   status_kepegawaian, golongan, jabatan, jenis_jabatan, kelas_jabatan, unit_kerja_id, email, no_hp,
                   aktif, diperbarui)
               SELECT lpad(n::text, 18, '0'), 'Pegawai ' || n, '', '', 'L', 'PNS',
                      (ARRAY['II/c','III/a','III/b','III/c','III/d','IV/a'])[1 + n %% 6], 'Analis', 'PELAKSANA',
                      1 + n %% 17, b.id, '', '', true, now()
               FROM generate_series(1, %s) n JOIN bidang b ON b.i = (n - 1) %% 200""",
            [jumlah],
        )
        c.execute(
            """INSERT INTO evaluasi_besarantpp (tahun, kelas_jabatan, besaran)
               SELECT 2026, k, 1500000 + k * 650000 FROM generate_series(1, 16) k"""
        )
        c.execute(
            """INSERT INTO evaluasi_rekapkehadiran (pegawai_id, tahun, bulan, hari_kerja, hadir, cuti, sakit, izin,
                   tanpa_keterangan, tanpa_keterangan_berturut, tanpa_keterangan_awal, tanpa_keterangan_akhir,
                   terlambat_1_30, terlambat_31_60, terlambat_61_90, terlambat_lebih_90, tanpa_rekam,
                   menit_terlambat, pulang_cepat, pulang_cepat_1_30, pulang_cepat_31_60, pulang_cepat_61_90,
                   pulang_cepat_lebih_90, tidak_apel, sumber, diperbarui)
               SELECT id, 2026, 1, 21, 21 - t, 0, 0, 0, t, least(t, 1), 0, 0,
                      (random() * 3)::int, (random() * 2)::int, (random() * 1.4)::int, 0, (random() * 1.2)::int,
                      0, 2, 1, 1, 0, 0, (random() * 2)::int, 'IMPOR', now()
               FROM (SELECT id, (random() * 2.5)::int AS t FROM kinerja_pegawai) p"""
        )
        c.execute(
            """INSERT INTO kinerja_periode (tahun, jenis, nomor, mulai, selesai, batas_pengisian, batas_penilaian,
                                            status, dibuat)
               VALUES (2026, 'TRIWULANAN', 1, '2026-01-01', '2026-03-31', '2026-04-05', '2026-04-15', 'DITUTUP',
                       now())"""
        )
        c.execute(
            """INSERT INTO kinerja_evaluasikinerja (periode_id, pegawai_id, status, rating_hasil_kerja,
                   rating_perilaku_kerja, predikat, catatan, rekomendasi_pengembangan, alasan_pengembalian, versi,
                   dibuat)
               SELECT (SELECT id FROM kinerja_periode), p.id, 'FINAL', '', '',
                      (ARRAY['SANGAT_BAIK','BAIK','BAIK','BAIK','BUTUH_PERBAIKAN','KURANG','SANGAT_KURANG'])
                      [1 + floor(random() * 7)::int], '', '', '', 1, now()
               FROM kinerja_pegawai p WHERE p.id % 10 <> 0"""
        )
        c.execute(
            """INSERT INTO evaluasi_penugasanplt (pegawai_id, jenis, jabatan, kelas_jabatan, mulai, nomor_sk)
               SELECT id, 'PLT', 'Kepala Bidang', least(kelas_jabatan + 2, 16), '2026-01-01', 'SP-' || id
               FROM kinerja_pegawai WHERE id % 50 = 0"""
        )
        c.execute("ANALYZE")


def loop_per_asn(sampel: int, tahun: int, bulan: int):
    """The baseline: ASN by ASN, each fact read with its own queries, then the same pure arithmetic."""
    import datetime

    from evaluasi import tpp
    from evaluasi.models import BesaranTPP, Konsekuensi, PengaturanTPP, PenugasanPlt, RekapKehadiran
    from evaluasi.selectors import fakta_bulan
    from kinerja.models import EvaluasiKinerja, Pegawai

    awal = datetime.date(tahun, bulan, 1)
    mulai = time.perf_counter()
    hasil = {}
    for p in Pegawai.objects.filter(aktif=True).order_by("id")[:sampel]:
        aturan = PengaturanTPP.aktif().aturan()
        dasar = BesaranTPP.objects.filter(tahun=tahun, kelas_jabatan=p.kelas_jabatan).first()
        if dasar is None:
            hasil[p.pk] = None
            continue
        r = RekapKehadiran.objects.filter(pegawai=p, tahun=tahun, bulan=bulan).first()
        e = (
            EvaluasiKinerja.objects.filter(
                pegawai=p, status="FINAL", periode__mulai__lte=awal, periode__selesai__gte=awal
            )
            .exclude(predikat="")
            .first()
        )
        plt = PenugasanPlt.objects.filter(pegawai=p, mulai__lte=awal).order_by("-mulai").first()
        besaran = {p.kelas_jabatan: dasar.besaran}
        if plt:
            b_plt = BesaranTPP.objects.filter(tahun=tahun, kelas_jabatan=plt.kelas_jabatan).first()
            if b_plt:
                besaran[plt.kelas_jabatan] = b_plt.besaran
        sanksi = [
            k
            for k in Konsekuensi.objects.filter(pegawai=p, status="DISETUJUI", persen_potongan__gt=0)
            if k.potongan_mulai and k.potongan_mulai <= awal < k.potongan_sampai
        ]
        hasil[p.pk] = tpp.hitung_tpp(fakta_bulan(p, r, besaran, plt, e.predikat if e else "", sanksi), aturan)
    return time.perf_counter() - mulai, hasil


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pegawai", type=int, default=30_000)
    parser.add_argument("--sampel", type=int, default=1_000, help="ASN in the per-ASN loop baseline")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Setel DATABASE_URL ke PostgreSQL, misalnya postgres://postgres@127.0.0.1:5432/kinerja_tpp")
    import psycopg

    dasar, _, nama_db = url.rpartition("/")
    scratch = f"{nama_db.split('?')[0]}_tpp"
    url_scratch = f"{dasar}/{scratch}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        conn.execute(f'CREATE DATABASE "{scratch}"')
    try:
        _django(url_scratch)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        t = time.perf_counter()
        isi_data(args.pegawai)
        print(
            f"Data: {args.pegawai:,} ASN, 241 unit, kehadiran Januari 2026, evaluasi Triwulan I "
            f"(dibuat dalam {time.perf_counter() - t:.1f} s; basis data sementara {scratch})"
        )
        hasil = jalankan(args)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
    laporan(hasil, args)


def jalankan(args) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from evaluasi import selectors, services
    from kinerja.models import UnitKerja

    akar = UnitKerja.objects.get(kode="75")
    h = {}
    with CaptureQueriesContext(connection) as kueri:
        t = time.perf_counter()
        baris = selectors.tabel_tpp(akar.pk, 2026, 1)
        h["bulan"] = time.perf_counter() - t
    h["kueri"] = len(kueri.captured_queries)
    t = time.perf_counter()
    selectors.tabel_tpp(akar.pk, 2026, 1)
    h["bulan_ulang"] = time.perf_counter() - t
    h["baris"], h["kosong"] = len(baris), sum(1 for b in baris if b.rincian is None)
    h["diterima"] = sum(b.rincian.diterima for b in baris if b.rincian)
    h["loop"], per_asn = loop_per_asn(args.sampel, 2026, 1)
    h["sampel"] = len(per_asn)
    set_based = {b.pegawai.pk: b.rincian for b in baris}
    h["sama"] = all(set_based[pk] == r for pk, r in per_asn.items())
    admin = get_user_model().objects.create_superuser("bench-admin", password=None)
    t = time.perf_counter()
    for opd in UnitKerja.objects.filter(induk=akar).order_by("kode"):
        services.kunci_tpp(admin, opd.pk, 2026, 1)
    h["kunci"] = time.perf_counter() - t
    return h


def laporan(h: dict, args):
    loop_penuh = h["loop"] * args.pegawai / h["sampel"]
    rasio = loop_penuh / h["bulan"]
    print(
        f"  TPP satu bulan, set-based       {h['bulan']:6.2f} s  ({h['baris']:,} ASN, {h['kosong']:,} tanpa besaran, "
        f"{h['kueri']} kueri, bersih Rp{h['diterima']:,})"
    )
    print(f"  Sama, dijalankan ulang          {h['bulan_ulang']:6.2f} s")
    print(
        f"  Loop per ASN                    {h['loop']:6.2f} s untuk {h['sampel']:,} ASN → diperkirakan "
        f"{loop_penuh:.1f} s untuk {args.pegawai:,} ASN (angka sama: {'ya' if h['sama'] else 'TIDAK'})"
    )
    print(f"  Rasio loop ÷ set-based          {rasio:6.1f}×  (target ≥ {TARGET_RASIO}×)")
    print(f"  Kunci daftar 40 OPD             {h['kunci']:6.2f} s")
    gagal = []
    if h["bulan"] > TARGET_BULAN_DETIK:
        gagal.append(f"bulan {h['bulan']:.2f} s > {TARGET_BULAN_DETIK} s")
    if rasio < TARGET_RASIO:
        gagal.append(f"rasio {rasio:.1f}× < {TARGET_RASIO}×")
    if not h["sama"]:
        gagal.append("loop dan set-based memberi angka berbeda")
    if h["kunci"] > TARGET_KUNCI_DETIK:
        gagal.append(f"kunci {h['kunci']:.2f} s > {TARGET_KUNCI_DETIK} s")
    catat(
        "tpp_bulanan",
        f"TPP bulanan, {args.pegawai:,} ASN",
        [
            ("TPP satu bulan, set-based", f"{h['bulan']:.2f} s ({h['kueri']} kueri)", f"≤ {TARGET_BULAN_DETIK:g} s",
             h["bulan"] <= TARGET_BULAN_DETIK),
            ("loop per ASN ÷ set-based", f"{rasio:.1f}×", f"≥ {TARGET_RASIO}×", rasio >= TARGET_RASIO),
            ("angka loop = set-based", "ya" if h["sama"] else "tidak", "ya", h["sama"]),
            ("kunci daftar 40 OPD", f"{h['kunci']:.2f} s", f"≤ {TARGET_KUNCI_DETIK:g} s",
             h["kunci"] <= TARGET_KUNCI_DETIK),
        ],
    )  # fmt: skip
    if gagal:
        sys.exit("TARGET TIDAK TERCAPAI: " + "; ".join(gagal))
    print("Semua target tercapai.")


if __name__ == "__main__":
    main()
