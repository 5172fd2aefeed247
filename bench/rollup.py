"""Benchmark: roll-ups and the daily reminder run with 30,000 ASN and 12 monthly periods in PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_rekap python bench/rollup.py [--pegawai 30000]

Runs in a scratch database `<name>_rekap` (the DATABASE_URL's database name plus `_rekap`), created and dropped
here. The data is generated in SQL (1 province, 40 OPD × 5 bidang; every ASN with a login, an email and a
supervisor; 12 monthly periods of 2026, 11 closed and the last open with its filling deadline 3 days from today;
evaluations in every state with predikat, and two realised indicators with capaian on every evaluation past the draft).
  1. the full roll-up of all 12 periods (rekap.services.hitung_rekap), run twice (the second is the nightly
     re-run over existing rows);
  2. the baseline: a per-ASN loop in Python over the same data (each ASN's evaluations and realisations read,
     counts added to their unit and every ancestor). It is run on the first --sampel ASN (default 1,000) and its
     time extrapolated linearly to all ASN: the loop's cost is per ASN, so this is a fair estimate;
  3. the daily reminder run (rekap.services_pengingat.kirim_pengingat), then the same day again (claims taken:
     nothing sent). Email tasks go to an in-memory broker here, so publishing is measured but no mail is sent.
Targets: full roll-up ≤ 3 s and ≥ 20× the extrapolated loop; the reminder run ≤ 10 s.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._hasil import catat  # noqa: E402

TARGET_REKAP_DETIK = 3.0
TARGET_RASIO = 20
TARGET_PENGINGAT_DETIK = 10.0


def _django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from config.celery import app

    # Published tasks stay in this process: nothing reaches the development queue or a real worker.
    app.conf.broker_url = "memory://"
    app.conf.task_always_eager = False


def isi_data(jumlah: int):
    """Units, ASN with logins, 12 periods, evaluations and realisations, generated in SQL."""
    from django.db import connection
    from django.utils import timezone

    hari_ini = timezone.localdate()
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
            """INSERT INTO auth_user (username, password, is_superuser, first_name, last_name, email, is_staff,
                                      is_active, date_joined)
               SELECT lpad(n::text, 18, '0'), '!', false, '', '', '', false, true, now()
               FROM generate_series(1, %s) n""",
            [jumlah],
        )
        # One head per bidang first (n = 1..200), then staff spread over the bidang, each under their head.
        c.execute(
            """WITH bidang AS (SELECT id, row_number() OVER (ORDER BY kode) - 1 AS i
                               FROM kinerja_unitkerja WHERE kode LIKE '75.__.__')
               INSERT INTO kinerja_pegawai (nip, nama, gelar_depan, gelar_belakang, jenis_kelamin,
                   status_kepegawaian, golongan, jabatan, jenis_jabatan, unit_kerja_id, email, no_hp, aktif,
                   user_id, diperbarui)
               SELECT u.username, 'Pegawai ' || n, '', '', 'L', 'PNS', 'III/a', 'Analis',
                      CASE WHEN n <= 200 THEN 'PENGAWAS' ELSE 'PELAKSANA' END,
                      b.id, 'pegawai' || n || '@gorontaloprov.go.id', '', true, u.id, now()
               FROM generate_series(1, %s) n
               JOIN auth_user u ON u.username = lpad(n::text, 18, '0')
               JOIN bidang b ON b.i = (n - 1) %% 200""",
            [jumlah],
        )
        c.execute(
            """UPDATE kinerja_pegawai p SET atasan_id = k.id
               FROM kinerja_pegawai k
               WHERE k.unit_kerja_id = p.unit_kerja_id AND k.jenis_jabatan = 'PENGAWAS' AND p.id <> k.id"""
        )
        c.execute(
            """INSERT INTO kinerja_periode (tahun, jenis, nomor, mulai, selesai, batas_pengisian, batas_penilaian,
                                            status, dibuat)
               SELECT 2026, 'BULANAN', m, make_date(2026, m, 1), (make_date(2026, m, 1) + interval '1 month - 1 day'),
                      CASE WHEN m = 12 THEN %s::date ELSE make_date(2026, m, 1) + interval '1 month 5 days' END,
                      CASE WHEN m = 12 THEN %s::date ELSE make_date(2026, m, 1) + interval '1 month 15 days' END,
                      CASE WHEN m = 12 THEN 'DIBUKA' ELSE 'DITUTUP' END, now()
               FROM generate_series(1, 12) m""",
            [hari_ini + timezone.timedelta(days=3), hari_ini + timezone.timedelta(days=10)],
        )
        # Closed months are mostly final; the open month is mostly drafts, some waiting for their supervisor.
        c.execute(
            """INSERT INTO kinerja_evaluasikinerja (periode_id, pegawai_id, atasan_id, status, rating_hasil_kerja,
                   rating_perilaku_kerja, predikat, catatan, rekomendasi_pengembangan, alasan_pengembalian, versi,
                   dibuat)
               SELECT pr.id, p.id, p.atasan_id, s.status, '', '',
                      CASE WHEN s.status IN ('DINILAI', 'FINAL') THEN
                        (ARRAY['SANGAT_BAIK','BAIK','BAIK','BAIK','BUTUH_PERBAIKAN','KURANG','SANGAT_KURANG'])
                        [1 + floor(random() * 7)::int] ELSE '' END,
                      '', '', '', 1, now()
               FROM kinerja_periode pr CROSS JOIN kinerja_pegawai p
               CROSS JOIN LATERAL (SELECT CASE
                   WHEN pr.status = 'DIBUKA' THEN
                     (ARRAY['DRAFT','DRAFT','DRAFT','DRAFT','DRAFT','DIKEMBALIKAN','DIAJUKAN'])
                     [1 + floor(random() * 7)::int]
                   ELSE (ARRAY['FINAL','FINAL','FINAL','FINAL','FINAL','FINAL','DINILAI','DIAJUKAN','DRAFT'])
                        [1 + floor(random() * 9)::int] END AS status, p.id AS _p) s"""
        )
        c.execute(
            """INSERT INTO kinerja_skp (pegawai_id, tahun, status, alasan_pengembalian, dibuat, diperbarui)
               SELECT min(id), 2026, 'DISETUJUI', '', now(), now() FROM kinerja_pegawai"""
        )
        c.execute(
            "INSERT INTO kinerja_rencanahasilkerja (skp_id, uraian, jenis, urutan) "
            "SELECT id, 'RHK', 'UTAMA', 1 FROM kinerja_skp"
        )
        c.execute(
            """INSERT INTO kinerja_indikatorkinerja (rhk_id, uraian, aspek, target, satuan, urutan)
               SELECT r.id, 'Indikator ' || k, 'KUANTITAS', 10, 'dokumen', k
               FROM kinerja_rencanahasilkerja r, generate_series(1, 2) k"""
        )
        c.execute(
            """INSERT INTO kinerja_realisasiindikator (evaluasi_id, indikator_id, realisasi, bukti_tautan,
                   bukti_berkas, diisi_sebagai, diisi_pada, capaian)
               SELECT e.id, i.id, 10, '', '', 'PEGAWAI', now(), round((60 + random() * 60)::numeric, 2)
               FROM kinerja_evaluasikinerja e CROSS JOIN kinerja_indikatorkinerja i WHERE e.status <> 'DRAFT'"""
        )
        c.execute("ANALYZE")
        c.execute("SELECT count(*) FROM kinerja_evaluasikinerja")
        evaluasi = c.fetchone()[0]
        c.execute("SELECT count(*) FROM kinerja_realisasiindikator")
        realisasi = c.fetchone()[0]
    return evaluasi, realisasi


def loop_per_asn(sampel: int) -> tuple[float, int]:
    """The baseline: ASN by ASN, read their evaluations and realisations and add them to every ancestor unit."""
    from collections import defaultdict

    from kinerja.models import EvaluasiKinerja, Pegawai, RealisasiIndikator, UnitKerja

    mulai = time.perf_counter()
    induk = dict(UnitKerja.objects.values_list("id", "induk_id"))
    angka = defaultdict(lambda: defaultdict(int))
    pegawai = list(Pegawai.objects.order_by("id")[:sampel])
    for p in pegawai:
        for e in EvaluasiKinerja.objects.filter(pegawai=p):
            capaian = [r.capaian for r in RealisasiIndikator.objects.filter(evaluasi=e) if r.capaian is not None]
            unit = p.unit_kerja_id
            while unit is not None:
                a = angka[(e.periode_id, unit)]
                a["evaluasi"] += 1
                a[e.status] += 1
                if e.predikat:
                    a[e.predikat] += 1
                a["capaian_n"] += len(capaian)
                a["capaian_jumlah"] += sum(capaian)
                unit = induk[unit]
    return time.perf_counter() - mulai, len(pegawai)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pegawai", type=int, default=30_000)
    parser.add_argument("--sampel", type=int, default=1_000, help="ASN in the per-ASN loop baseline")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Setel DATABASE_URL ke PostgreSQL, misalnya postgres://postgres@127.0.0.1:5432/kinerja_rekap")
    import psycopg

    dasar, _, nama_db = url.rpartition("/")
    # Named after the DATABASE_URL's database, so parallel runs on one server keep to their own names.
    scratch = f"{nama_db.split('?')[0]}_rekap"
    url_scratch = f"{dasar}/{scratch}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        conn.execute(f'CREATE DATABASE "{scratch}"')
    try:
        _django(url_scratch)
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        t = time.perf_counter()
        evaluasi, realisasi = isi_data(args.pegawai)
        print(
            f"Data: {args.pegawai:,} ASN, 241 unit, 12 periode bulanan, {evaluasi:,} evaluasi, {realisasi:,} realisasi "
            f"(dibuat dalam {time.perf_counter() - t:.1f} s; basis data sementara {scratch})"
        )
        hasil = jalankan(args)
        connection.close()
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
    laporan(hasil, args)


def jalankan(args) -> dict:
    from kinerja.models import Periode
    from rekap import services, services_pengingat

    periode = list(Periode.objects.values_list("pk", flat=True))
    hasil = {}
    t = time.perf_counter()
    r = services.hitung_rekap(periode)
    hasil["rekap"] = time.perf_counter() - t
    hasil["baris_unit"], hasil["baris_tim"] = r.baris_unit, r.baris_tim
    t = time.perf_counter()
    services.hitung_rekap(periode)
    hasil["rekap_ulang"] = time.perf_counter() - t
    hasil["loop"], hasil["sampel"] = loop_per_asn(args.sampel)
    t = time.perf_counter()
    p = services_pengingat.kirim_pengingat()
    hasil["pengingat"] = time.perf_counter() - t
    hasil["pengingat_hasil"] = p
    t = time.perf_counter()
    hasil["pengingat_ulang_hasil"] = services_pengingat.kirim_pengingat()
    hasil["pengingat_ulang"] = time.perf_counter() - t
    return hasil


def laporan(h: dict, args):
    loop_penuh = h["loop"] * args.pegawai / h["sampel"]
    rasio = loop_penuh / h["rekap"]
    p, p2 = h["pengingat_hasil"], h["pengingat_ulang_hasil"]
    print(
        f"  Rekap penuh 12 periode          {h['rekap']:6.2f} s  "
        f"({h['baris_unit']:,} baris unit, {h['baris_tim']:,} tim)"
    )
    print(f"  Rekap penuh, dijalankan ulang   {h['rekap_ulang']:6.2f} s")
    print(
        f"  Loop per ASN (Python)           {h['loop']:6.2f} s untuk {h['sampel']:,} ASN → diperkirakan "
        f"{loop_penuh:.1f} s untuk {args.pegawai:,} ASN"
    )
    print(f"  Rasio loop ÷ rekap              {rasio:6.1f}×  (target ≥ {TARGET_RASIO}×)")
    print(
        f"  Pengingat harian                {h['pengingat']:6.2f} s  ({p.calon:,} calon, {p.terkirim:,} terkirim, "
        f"{p.email:,} email diantrekan)"
    )
    print(f"  Pengingat hari yang sama lagi   {h['pengingat_ulang']:6.2f} s  ({p2.terkirim} terkirim)")
    gagal = []
    if h["rekap"] > TARGET_REKAP_DETIK:
        gagal.append(f"rekap {h['rekap']:.2f} s > {TARGET_REKAP_DETIK} s")
    if rasio < TARGET_RASIO:
        gagal.append(f"rasio {rasio:.1f}× < {TARGET_RASIO}×")
    if h["pengingat"] > TARGET_PENGINGAT_DETIK:
        gagal.append(f"pengingat {h['pengingat']:.2f} s > {TARGET_PENGINGAT_DETIK} s")
    if p2.terkirim:
        gagal.append("pengingat terkirim dua kali")
    catat(
        "rollup",
        f"Rekap, {args.pegawai:,} ASN × 12 periode",
        [
            ("rekap penuh 12 periode", f"{h['rekap']:.2f} s", f"≤ {TARGET_REKAP_DETIK:g} s",
             h["rekap"] <= TARGET_REKAP_DETIK),
            ("loop per ASN ÷ rekap", f"{rasio:.1f}×", f"≥ {TARGET_RASIO}×", rasio >= TARGET_RASIO),
            ("pengingat harian", f"{h['pengingat']:.2f} s ({p.terkirim:,} terkirim)",
             f"≤ {TARGET_PENGINGAT_DETIK:g} s", h["pengingat"] <= TARGET_PENGINGAT_DETIK),
            ("pengingat hari yang sama lagi", f"{p2.terkirim} terkirim", "0", p2.terkirim == 0),
        ],
    )  # fmt: skip
    if gagal:
        sys.exit("TARGET TIDAK TERCAPAI: " + "; ".join(gagal))
    print("Semua target tercapai.")


if __name__ == "__main__":
    main()
