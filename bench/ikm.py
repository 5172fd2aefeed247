"""Benchmark: the public IKM page of one service and period over 500,000 requests and their surveys.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja python bench/ikm.py [--permohonan 500000]

Runs in a scratch database `<name>_bench_ikm` on the DATABASE_URL server, created and dropped here; rows are
loaded with COPY. Requests spread over 2024–2025 and nine services, 90% completed, 85% of those with a survey.
Measured in the same run, for one service and the year 2025:
  1. the page (/layanan/ikm/<kode>/?tahun=2025) through Django's test client: middleware, the grouped SQL
     aggregation, the population count and the template (median of 7 after one warm-up);
  2. the baseline: the same figures computed in Python from all the rows, as a view without aggregation would:
     every survey of the service and period loaded as a model instance and passed to ikm.hitung_ikm, and the
     completed requests loaded and counted (median of 3). For information, also the leanest Python path
     (only the nine answer columns and the ids); the page's own cost (middleware, template: several ms) bounds
     the ratio against that one.
Targets: page ≤ 0.5 s; ≥ 20× faster than the baseline. All paths give the same IKM (checked).
"""

import argparse
import datetime
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._hasil import catat  # noqa: E402

TARGET_DETIK = 0.5
TARGET_RASIO = 20
MULAI, AKHIR = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC), datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def _basis_data(url: str, nama: str) -> str:
    bagian = urlsplit(url)
    return urlunsplit(bagian._replace(path=f"/{nama}"))


def _admin(url, sql):
    import psycopg

    with psycopg.connect(_basis_data(url, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def _copy(cursor, tabel, kolom, baris):
    with cursor.copy(f"COPY {tabel} ({', '.join(kolom)}) FROM STDIN") as copy:
        for b in baris:
            copy.write_row(b)


def isi(jumlah: int):
    """Units, nine services, 40 officers, then `jumlah` requests, their history-free rows and surveys by COPY."""
    from django.db import connection

    from demo.layanan import LAYANAN
    from kinerja.models import Pegawai, UnitKerja
    from layanan.models import JenisLayanan
    from tests.factories import buat_nip

    unit = UnitKerja.objects.create(kode="75.02", nama="Dinas Kependudukan dan Pencatatan Sipil")
    layanan = [
        JenisLayanan.objects.create(kode=k, nama=n, unit_kerja=unit, sla_jumlah=j, sla_satuan=s)
        for k, n, _, j, s in LAYANAN
    ]
    petugas = Pegawai.objects.bulk_create(
        Pegawai(nip=buat_nip(n), nama=f"Petugas {n}", jenis_kelamin="L", status_kepegawaian="PNS", unit_kerja=unit)
        for n in range(1, 41)
    )
    acak = random.Random(2025)
    rentang = int((AKHIR - MULAI).total_seconds()) - 10 * 86400
    permohonan, survei = io.StringIO(), []
    with connection.cursor() as c:
        baris_p, baris_s = [], []
        for pk in range(1, jumlah + 1):
            jenis = acak.choice(layanan)
            diterima = MULAI + datetime.timedelta(seconds=acak.randrange(rentang))
            batas = diterima + datetime.timedelta(days=jenis.sla_jumlah)
            selesai_ = acak.random() < 0.9
            selesai_pada = diterima + datetime.timedelta(hours=acak.randrange(1, 48)) if selesai_ else None
            baris_p.append(
                (
                    pk,
                    f"{jenis.kode}-{pk:07d}",
                    jenis.pk,
                    "Pemohon",
                    "7501044503900001",
                    "0812",
                    "",
                    "LOKET",
                    acak.choice(petugas).pk,
                    "SELESAI" if selesai_ else "DIPROSES",
                    diterima,
                    batas,
                    selesai_pada,
                    "",
                )
            )
            if selesai_ and acak.random() < 0.85:
                puas = acak.choice((2, 3, 3, 4))
                jawaban = [min(4, max(1, puas + acak.choice((-1, 0, 0, 1)))) for _ in range(9)]
                baris_s.append((pk, jenis.pk, selesai_pada + datetime.timedelta(hours=1), *jawaban, ""))
        kolom_p = ["id", "nomor_tiket", "jenis_layanan_id", "nama_pemohon", "nik", "telepon", "email", "kanal"]
        kolom_p += ["petugas_id", "status", "diterima_pada", "batas_waktu", "selesai_pada", "alasan_penolakan"]
        kolom_s = ["permohonan_id", "jenis_layanan_id", "diisi_pada", *[f"unsur_{n}" for n in range(1, 10)], "saran"]
        raw = c.cursor
        _copy(raw, "layanan_permohonan", kolom_p, baris_p)
        _copy(raw, "layanan_surveikepuasan", kolom_s, baris_s)
        c.execute("SELECT setval(pg_get_serial_sequence('layanan_permohonan', 'id'), %s)", [jumlah])
        # As autovacuum would soon after a load: statistics, and the visibility map index-only scans rely on.
        c.execute("VACUUM ANALYZE")
    del permohonan, survei
    return layanan, len(baris_s)


def ukur(fungsi, kali):
    waktu = []
    for _ in range(kali):
        mulai = time.perf_counter()
        hasil = fungsi()
        waktu.append(time.perf_counter() - mulai)
    return statistics.median(waktu), hasil


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--permohonan", type=int, default=500_000)
    parser.add_argument("--simpan", action="store_true", help="keep the scratch database afterwards (to inspect plans)")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL harus menunjuk ke server PostgreSQL.")
    nama = urlsplit(url).path.lstrip("/") + "_bench_ikm"
    _admin(url, f'DROP DATABASE IF EXISTS "{nama}"')
    _admin(url, f'CREATE DATABASE "{nama}"')
    try:
        os.environ["DATABASE_URL"] = _basis_data(url, nama)
        os.environ["REDIS_URL"] = ""
        # The test settings: plain HTTP and no collectstatic manifest, as for the test client.
        os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
        os.environ.setdefault("ALLOWED_HOSTS", "testserver")
        import django

        django.setup()
        jalankan(args.permohonan)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.simpan:
            _admin(url, f'DROP DATABASE IF EXISTS "{nama}"')


def jalankan(jumlah):
    from django.core.management import call_command
    from django.test import Client

    from layanan import ikm
    from layanan.models import Permohonan, SurveiKepuasan
    from layanan.selectors import rentang_waktu

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    layanan, jumlah_survei = isi(jumlah)
    print(f"data: {jumlah:,} permohonan, {jumlah_survei:,} survei, dimuat dalam {time.perf_counter() - t0:.1f} s")

    jenis = layanan[2]
    awal, akhir = rentang_waktu(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    client = Client()
    halaman = f"/layanan/ikm/{jenis.kode}/?tahun=2025"
    respons = client.get(halaman)
    assert respons.status_code == 200, respons.status_code
    detik_halaman, respons = ukur(lambda: client.get(halaman), 7)

    survei = SurveiKepuasan.objects.filter(jenis_layanan=jenis, diisi_pada__gte=awal, diisi_pada__lt=akhir)
    selesai = Permohonan.objects.filter(
        jenis_layanan=jenis, status="SELESAI", selesai_pada__gte=awal, selesai_pada__lt=akhir
    )

    def python_objek():
        # What a view without aggregation does: iterate the rows as model instances.
        # .all(): a fresh queryset each run, not the previous run's cached rows.
        return ikm.hitung_ikm([s.jawaban for s in survei.all()]), sum(1 for _ in selesai.all())

    def python_kolom():
        # The leanest Python path: only the nine answer columns, and the ids.
        return ikm.hitung_ikm(survei.values_list(*SurveiKepuasan.FIELD_UNSUR)), sum(
            1 for _ in selesai.values_list("id")
        )

    detik_python, (hasil, populasi) = ukur(python_objek, 3)
    detik_kolom, (hasil_kolom, populasi_kolom) = ukur(python_kolom, 3)
    assert (hasil, populasi) == (hasil_kolom, populasi_kolom)
    isi_halaman = respons.content.decode()
    ikm_teks = str(hasil.ikm).replace(".", ",")
    assert ikm_teks in isi_halaman, f"halaman tidak menampilkan IKM {ikm_teks} yang dihitung di Python"
    rasio = detik_python / detik_halaman
    print(f"layanan {jenis.kode}, tahun 2025: {hasil.responden:,} responden, {populasi:,} permohonan selesai")
    print(f"IKM {hasil.ikm} ({hasil.mutu}, {hasil.kinerja}); sampel minimum {ikm.ukuran_sampel_minimum(populasi)}")
    print(f"halaman IKM (SQL)      : {detik_halaman * 1000:8.1f} ms  (target ≤ {TARGET_DETIK * 1000:.0f} ms)")
    print(f"Python, objek model    : {detik_python * 1000:8.1f} ms  → rasio {rasio:5.1f}×  (target ≥ {TARGET_RASIO}×)")
    rasio_kolom = detik_kolom / detik_halaman
    print(f"Python, 9 kolom saja   : {detik_kolom * 1000:8.1f} ms  → rasio {rasio_kolom:5.1f}×  (informasi)")
    lulus = detik_halaman <= TARGET_DETIK and rasio >= TARGET_RASIO
    catat(
        "ikm",
        f"IKM, {jumlah:,} permohonan",
        [
            ("halaman IKM satu layanan", f"{detik_halaman * 1000:.1f} ms", f"≤ {TARGET_DETIK * 1000:.0f} ms",
             detik_halaman <= TARGET_DETIK),
            ("Python (objek model) ÷ halaman", f"{rasio:.1f}×", f"≥ {TARGET_RASIO}×", rasio >= TARGET_RASIO),
        ],
    )  # fmt: skip
    print("LULUS" if lulus else "GAGAL")
    if not lulus:
        sys.exit(1)


if __name__ == "__main__":
    main()
