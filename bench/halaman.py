"""Benchmark: the main pages under load, served by gunicorn as in docker-compose.yml, over 30,000 seeded ASN.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja REDIS_URL=redis://127.0.0.1:6379/0 \
        python bench/halaman.py [--pegawai 30000] [--port 8100]

Two scratch databases on the DATABASE_URL server, `<name>_halaman` (seed_demo --pegawai 30000, plus
--periode/--permohonan when seed_demo offers them, see --seed-args) and `<name>_halaman_kecil` (300 ASN),
created and dropped here. gunicorn runs with config/gunicorn.conf.py (the web service's), settings
bench._settings_halaman: the production settings plus bench-only floor views. The load is locust's FastHttpUser
(bench/_locust_halaman.py): HR staff (the period's evaluation list, the ASN search, the organisation dashboard),
supervisors (Tim Saya), ASN (their evaluation form) and citizens (tracking a request, the IKM page), logged in
through sessions made beforehand, each user requesting without think time.
  1. Queries per page (Django's test client, second request): at 30,000 and at 300 ASN, ≤ 12 and equal.
  2. Page against floor: one client, each page and its floor view (the same main query, plain text) in turn,
     median of --ulang requests each; target ≤ 2×.
  3. 16 users for --durasi seconds: p95 per page ≤ 150 ms, ≥ 150 requests/s overall, no failed request.
  4. 64 users for --durasi-beban seconds with writes (citizens submit online requests, ASN save their
     evaluation form): no 5xx, and every write the server acknowledged is in the database afterwards.
  5. Memory: one gunicorn worker on the 300-ASN database, its VmRSS after 500 warm-up requests and after
     10,000 more over the main pages (for at most --durasi-memori seconds); growth ≤ 20 MB.
"""

import argparse
import csv
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from bench._hasil import catat  # noqa: E402

TARGET_SEED_DETIK = 180
TARGET_KUERI = 12
TARGET_P95_MS = 150
TARGET_RPS = 150
TARGET_RASIO = 2.0
TARGET_RSS_MB = 20
TARGET_PERMINTAAN_RSS = 10_000
PEMANASAN_RSS = 500

# (name, label, role, URL key, method); the URL keys are filled by the "siapkan" phase from the seeded data.
HALAMAN = [
    ("periode", "Daftar evaluasi periode (HR)", "pengelola", "periode", "GET"),
    ("pegawai", "Cari ASN (HR)", "pengelola", "pegawai_cari", "GET"),
    ("dasbor", "Dasbor organisasi (HR)", "pengelola", "dasbor", "GET"),
    ("tim_saya", "Tim Saya (atasan)", "atasan", "tim_saya", "GET"),
    ("evaluasi", "Formulir evaluasi (ASN)", "pegawai", "evaluasi", "GET"),
    ("ikm", "IKM (warga)", None, "ikm", "GET"),
    ("lacak", "Lacak permohonan (warga)", None, "lacak", "POST"),
]
LANTAI = {
    "periode": "/_lantai/periode/{periode_pk}/",
    "pegawai": "/_lantai/pegawai/?q={cari0}",
    "dasbor": "/_lantai/dasbor/",
    "tim_saya": "/_lantai/tim-saya/",
    "evaluasi": "/_lantai/evaluasi/{evaluasi_pk}/",
    "ikm": "/_lantai/ikm/",
    "lacak": "/_lantai/lacak/",
}
PENULIS = 16


def _url_db(url: str, nama: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{nama}"))


def _admin(url: str, *sql: str) -> None:
    import psycopg

    with psycopg.connect(_url_db(url, "postgres"), autocommit=True) as conn:
        for s in sql:
            conn.execute(s)


def _env(database_url: str, **extra) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench._settings_halaman",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def _anak(fase: str, database_url: str, *extra) -> dict:
    """Run a phase in a child process (its own Django, its own database) and return the JSON it prints last."""
    hasil = subprocess.run(
        [sys.executable, __file__, "--fase", fase, *extra],
        env=_env(database_url),
        capture_output=True,
        text=True,
        check=False,
    )
    if hasil.returncode:
        sys.exit(f"fase {fase} gagal:\n{hasil.stdout[-3000:]}\n{hasil.stderr[-3000:]}")
    return json.loads(hasil.stdout.strip().splitlines()[-1])


def _seed(database_url: str, pegawai: int, seed_args: str) -> float:
    mulai = time.perf_counter()
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=_env(database_url), check=True)
    bantuan = subprocess.run(
        [*manage, "seed_demo", "--help"], env=_env(database_url), capture_output=True, text=True, check=True
    ).stdout
    # Province-scale flags only where seed_demo offers them, so this runs before and after they land.
    tambahan, pakai = [], False
    for token in shlex.split(seed_args):
        if token.startswith("--"):
            pakai = f"{token.split('=')[0]} " in bantuan
        if pakai:
            tambahan.append(token)
    subprocess.run(
        [*manage, "seed_demo", "--pegawai", str(pegawai), "--force", "-v0", *tambahan],
        env=_env(database_url),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - mulai


# --- phases in a child process (Django set up on one scratch database) ------------------------------------------


def _sesi(user) -> str:
    """A logged-in session for `user`, stored as the session engine stores it (no password hashing needed)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    sesi = import_module(settings.SESSION_ENGINE).SessionStore()
    sesi[SESSION_KEY] = str(user.pk)
    sesi[BACKEND_SESSION_KEY] = "kinerja.backends.BackendPeran"
    sesi[HASH_SESSION_KEY] = user.get_session_auth_hash()
    sesi.save()
    return sesi.session_key


def fase_siapkan() -> dict:
    """The plan of the load: sessions per role, the URLs, a request to track, and ASN who write their form."""
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef

    from demo import roster as demo_roster
    from kinerja.models import EvaluasiKinerja, IndikatorKinerja, Pegawai
    from kinerja.penilaian import selectors as sel
    from layanan.models import JenisLayanan, Permohonan

    User = get_user_model()
    login = {d.peran: d.username for d in demo_roster.LOGIN_DEMO}
    akun = {
        "pengelola": User.objects.get(username=login["Pengelola Kinerja"]),
        "atasan": User.objects.get(username=login["Atasan"]),
        "pegawai": User.objects.get(username=login["Pegawai"]),
    }
    periode = sel.periode_terkini()
    evaluasi = EvaluasiKinerja.objects.get(periode=periode, pegawai__user=akun["pegawai"])
    permohonan = Permohonan.objects.order_by("pk").first()
    jenis = JenisLayanan.objects.filter(aktif=True).order_by("pk").first()
    # The commonest surnames of the seeded roster, so each search finds a full page.
    nama_belakang = Counter(n.split()[-1] for n in Pegawai.objects.values_list("nama", flat=True)[:3000])
    cari = [n for n, _ in nama_belakang.most_common(5)]

    # Writers: ASN with a draft evaluation of the period whose SKP has indicators, given an account here.
    ada_indikator = IndikatorKinerja.objects.filter(rhk__skp=OuterRef("skp")).values("pk")
    calon = list(
        EvaluasiKinerja.objects.filter(periode=periode, status="DRAFT", pegawai__user__isnull=True)
        .filter(Exists(ada_indikator))
        .select_related("pegawai")
        .order_by("pk")[:PENULIS]
    )
    penulis = []
    for ev in calon:
        user = User.objects.create_user(username=ev.pegawai.nip)
        Pegawai.objects.filter(pk=ev.pegawai_id).update(user=user)
        penulis.append({"evaluasi": ev.pk, "url": f"/kinerja/evaluasi/{ev.pk}/isi/", "sesi": _sesi(user)})

    return {
        "sesi": {peran: _sesi(user) for peran, user in akun.items()},
        "url": {
            "periode": f"/kinerja/periode/{periode.pk}/",
            "pegawai": "/pegawai/?q=",
            "pegawai_cari": f"/pegawai/?q={cari[0]}",
            "dasbor": "/dasbor/organisasi/",
            "tim_saya": "/tim-saya/",
            "evaluasi": f"/kinerja/evaluasi/{evaluasi.pk}/isi/",
            "ikm": "/layanan/ikm/",
            "lacak": "/layanan/lacak/",
            "ajukan": "/layanan/ajukan/",
        },
        "cari": cari,
        "periode_pk": periode.pk,
        "evaluasi_pk": evaluasi.pk,
        "lacak": {"nomor_tiket": permohonan.nomor_tiket, "nik_4": permohonan.nik[-4:]},
        "ajukan": {"jenis_layanan": str(jenis.pk), "nik": permohonan.nik, "telepon": "081234567890", "email": ""},
        "penulis": penulis,
    }


def fase_kueri() -> dict:
    """Queries per page, counted on the second request (the first fills per-process caches)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    rencana = fase_siapkan()
    from django.contrib.auth import get_user_model

    from demo import roster as demo_roster

    login = {d.peran: d.username for d in demo_roster.LOGIN_DEMO}
    nama_peran = {"pengelola": "Pengelola Kinerja", "atasan": "Atasan", "pegawai": "Pegawai"}
    hasil = {}
    for nama, _, peran, kunci, metode in HALAMAN:
        client = Client()
        if peran:
            client.force_login(get_user_model().objects.get(username=login[nama_peran[peran]]))
        url = rencana["url"][kunci]

        def minta(client=client, url=url, metode=metode):
            return client.post(url, rencana["lacak"]) if metode == "POST" else client.get(url)

        minta()
        # The cached fragments and figures are dropped first: what is counted is a page rendered afresh, as after
        # any write of its data.
        cache.clear()
        with CaptureQueriesContext(connection) as q:
            respons = minta()
        assert respons.status_code == 200, (url, respons.status_code)
        hasil[nama] = len(q.captured_queries)
    return hasil


def fase_periksa(berkas: str) -> dict:
    """Every acknowledged write is stored: each ticket with its applicant, each evaluation's last saved value."""
    from decimal import Decimal

    from kinerja.models import RealisasiIndikator
    from layanan.models import Permohonan

    tulisan = [json.loads(b) for b in Path(berkas).read_text().splitlines() if b.strip()]
    permohonan = [t for t in tulisan if t["jenis"] == "permohonan"]
    tersimpan = set(
        Permohonan.objects.filter(nama_pemohon__startswith="Pemohon Beban ").values_list("nomor_tiket", "nama_pemohon")
    )
    hilang = [t for t in permohonan if (t["tiket"], t["nama"]) not in tersimpan]
    # Each ASN saves in turn with growing values: the stored value is the last acknowledged one, or one attempted
    # after it whose answer the end of the run cut off. An older value means an acknowledged save was lost.
    terakhir, sesudahnya = {}, {}
    for t in tulisan:
        if t["jenis"] == "realisasi":
            terakhir[t["evaluasi"]] = Decimal(t["nilai"])
            sesudahnya[t["evaluasi"]] = set()
        elif t["jenis"] == "percobaan" and t["evaluasi"] in terakhir:
            sesudahnya[t["evaluasi"]].add(Decimal(t["nilai"]))
    for ev, nilai in terakhir.items():
        nilai_db = set(RealisasiIndikator.objects.filter(evaluasi_id=ev).values_list("realisasi", flat=True))
        if not (nilai_db == {nilai} or (len(nilai_db) == 1 and nilai_db <= sesudahnya[ev])):
            hilang.append({"jenis": "realisasi", "evaluasi": ev, "diharapkan": str(nilai), "tersimpan": str(nilai_db)})
    return {
        "permohonan": len(permohonan),
        "realisasi": sum(1 for t in tulisan if t["jenis"] == "realisasi"),
        "hilang": hilang[:10],
        "jumlah_hilang": len(hilang),
    }


# --- the server and the load --------------------------------------------------------------------------------------


def _pekerja(master: int) -> list[int]:
    anak = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(p) for p in anak)


def _rss_mb(pid: int) -> float:
    for baris in Path(f"/proc/{pid}/status").read_text().splitlines():
        if baris.startswith("VmRSS:"):
            return int(baris.split()[1]) / 1024
    return 0.0


def _tunggu(url: str, detik: float = 60) -> None:
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"gunicorn tidak menjawab {url}")


def _sesi_http(rencana: dict, peran: str | None):
    import requests

    s = requests.Session()
    if peran:
        s.cookies.set("sessionid", rencana["sesi"][peran], domain="127.0.0.1", path="/")
    return s


def _minta(s, host: str, url: str, metode: str, rencana: dict):
    if metode == "POST":
        token = s.cookies.get("csrftoken") or _csrf(s, host, rencana)
        data = {"csrfmiddlewaretoken": token, **rencana["lacak"]}
        return s.post(host + url, data=data, headers={"Referer": host + url})
    return s.get(host + url)


def _csrf(s, host: str, rencana: dict) -> str:
    s.get(host + rencana["url"]["lacak"])
    return s.cookies.get("csrftoken")


def ukur_rasio(host: str, rencana: dict, ulang: int) -> dict:
    """Median time of each page and of its floor view, requested in turn by one client."""
    hasil = {}
    for nama, _, peran, kunci, metode in HALAMAN:
        s = _sesi_http(rencana, peran)
        url = rencana["url"][kunci]
        lantai = LANTAI[nama].format(**rencana, cari0=rencana["cari"][0])
        waktu = {"halaman": [], "lantai": []}
        for i in range(ulang + 2):
            for jenis, u in (("halaman", url), ("lantai", lantai)):
                mulai = time.perf_counter()
                r = _minta(s, host, u, metode, rencana)
                detik = time.perf_counter() - mulai
                if r.status_code != 200:
                    sys.exit(f"{u}: HTTP {r.status_code}")
                if i >= 2:  # the first two of each warm the worker's caches
                    waktu[jenis].append(detik)
        halaman, lantai_ = statistics.median(waktu["halaman"]), statistics.median(waktu["lantai"])
        hasil[nama] = {"halaman_ms": halaman * 1000, "lantai_ms": lantai_ * 1000, "rasio": halaman / lantai_}
    return hasil


def jalankan_locust(host, rencana_path, pengguna, detik, awalan, tulis=False, tulisan=None, batas=0) -> dict:
    env = {**os.environ, "BENCH_RENCANA": str(rencana_path), "BENCH_TULIS": "1" if tulis else "0"}
    env["BENCH_BATAS_PERMINTAAN"] = str(batas)
    if tulisan:
        env["BENCH_TULISAN"] = str(tulisan)
    perintah = [
        str(Path(sys.executable).parent / "locust"),
        "-f",
        str(ROOT / "bench" / "_locust_halaman.py"),
        "--headless",
        "--host",
        host,
        "-u",
        str(pengguna),
        "-r",
        str(pengguna),
        "-t",
        f"{detik}s",
        "--csv",
        str(awalan),
        "--only-summary",
        "--exit-code-on-error",
        "0",
        "--loglevel",
        "WARNING",
    ]
    subprocess.run(perintah, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    statistik = {}
    with open(f"{awalan}_stats.csv", newline="") as f:
        for baris in csv.DictReader(f):
            statistik[baris["Name"]] = {
                "jumlah": int(baris["Request Count"]),
                "gagal": int(baris["Failure Count"]),
                "p95_ms": float(baris["95%"]),
                "median_ms": float(baris["50%"]),
                "rps": float(baris["Requests/s"]),
            }
    galat = []
    with open(f"{awalan}_failures.csv", newline="") as f:
        for baris in csv.DictReader(f):
            galat.append(f"{baris['Name']}: {baris['Error']} ×{baris['Occurrences']}")
    statistik["_galat"] = galat
    return statistik


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pegawai", type=int, default=30_000)
    parser.add_argument("--kecil", type=int, default=300, help="ASN in the small database of the query counts")
    parser.add_argument(
        "--seed-args",
        default=os.environ.get("BENCH_SEED_ARGS", "--periode 12 --permohonan 500000"),
        help="extra seed_demo flags for the large database (each used only if seed_demo lists it)",
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8100)))
    parser.add_argument("--durasi", type=int, default=30, help="seconds of the 16-user load")
    parser.add_argument("--durasi-beban", type=int, default=60, help="seconds of the 64-user load with writes")
    parser.add_argument(
        "--durasi-memori", type=int, default=300, help="at most this many seconds to serve the 10,000 requests"
    )
    parser.add_argument("--pengguna", type=int, default=16)
    parser.add_argument("--pengguna-beban", type=int, default=64)
    parser.add_argument("--ulang", type=int, default=20, help="requests per page and floor in the ratio")
    parser.add_argument("--simpan", action="store_true", help="keep the scratch databases afterwards")
    parser.add_argument("--fase", choices=["siapkan", "kueri", "periksa"], help=argparse.SUPPRESS)
    parser.add_argument("--berkas", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.fase:
        import django

        django.setup()
        fungsi = {"siapkan": fase_siapkan, "kueri": fase_kueri, "periksa": lambda: fase_periksa(args.berkas)}
        print(json.dumps(fungsi[args.fase]()))
        return

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Setel DATABASE_URL ke PostgreSQL, misalnya postgres://postgres@127.0.0.1:5432/kinerja")
    nama = urlsplit(url).path.lstrip("/")
    besar, kecil = f"{nama}_halaman", f"{nama}_halaman_kecil"
    url_besar, url_kecil = _url_db(url, besar), _url_db(url, kecil)
    _admin(url, *(f'DROP DATABASE IF EXISTS "{d}"' for d in (besar, kecil)))
    _admin(url, *(f'CREATE DATABASE "{d}"' for d in (besar, kecil)))
    OUT.mkdir(parents=True, exist_ok=True)
    kerja = Path(tempfile.mkdtemp(prefix="halaman-", dir=OUT))
    gunicorn = None
    try:
        detik_seed = _seed(url_besar, args.pegawai, args.seed_args)
        _seed(url_kecil, args.kecil, "")
        print(f"Data: {args.pegawai:,} ASN di {besar} (seed_demo {detik_seed:.0f} s); {args.kecil} ASN di {kecil}")
        kueri_besar = _anak("kueri", url_besar)
        kueri_kecil = _anak("kueri", url_kecil)
        rencana = _anak("siapkan", url_besar)
        rencana_path = kerja / "rencana.json"
        rencana_path.write_text(json.dumps(rencana))

        host = f"http://127.0.0.1:{args.port}"
        log_akses = kerja / "akses.log"
        gunicorn = _mulai_gunicorn(url_besar, args.port, log_akses, kerja / "gunicorn.log")
        _tunggu(f"{host}/healthz/")
        rasio = ukur_rasio(host, rencana, args.ulang)
        beban16 = jalankan_locust(host, rencana_path, args.pengguna, args.durasi, kerja / "beban16")
        tulisan = kerja / "tulisan.jsonl"
        beban64 = jalankan_locust(
            host, rencana_path, args.pengguna_beban, args.durasi_beban, kerja / "beban64", tulis=True, tulisan=tulisan
        )
        status_5xx = sum(1 for b in log_akses.read_text().splitlines() if b.split()[-1].startswith("5"))
        _hentikan(gunicorn)
        gunicorn = None
        memori = ukur_memori(args, url_kecil, host, kerja)
        periksa = _anak("periksa", url_besar, "--berkas", str(tulisan))
    finally:
        if gunicorn is not None:
            gunicorn.kill()
            gunicorn.wait()
        if not args.simpan:
            _admin(url, *(f'DROP DATABASE IF EXISTS "{d}"' for d in (besar, kecil)))
    laporan(args, detik_seed, kueri_besar, kueri_kecil, rasio, beban16, beban64, memori, status_5xx, periksa)


def _mulai_gunicorn(database_url: str, port: int, log_akses: Path, log_galat: Path, **extra) -> subprocess.Popen:
    """gunicorn with config/gunicorn.conf.py, as the compose web service runs it, logging "<pid> <status>"."""
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "-c", str(ROOT / "config/gunicorn.conf.py")],
        cwd=ROOT,
        env=_env(
            database_url,
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_ACCESS_LOG=str(log_akses),
            GUNICORN_ACCESS_LOG_FORMAT="%(p)s %(s)s",
            **extra,
        ),
        stdout=subprocess.DEVNULL,
        stderr=open(log_galat, "w"),  # noqa: SIM115
    )


def _hentikan(gunicorn: subprocess.Popen) -> None:
    gunicorn.send_signal(signal.SIGTERM)
    gunicorn.wait(30)


def ukur_memori(args, url_kecil: str, host: str, kerja: Path) -> dict:
    """Phase 5: one gunicorn worker (the production threads) serves the main pages 10,000 times after a warm-up.

    On the 300-ASN database, whose pages are cheap enough for 10,000 requests to fit the run; a leak grows with
    the requests served, not with the size of the data. VmRSS is read after the warm-up and at the end.
    """
    rencana_path = kerja / "rencana_kecil.json"
    rencana_path.write_text(json.dumps(_anak("siapkan", url_kecil)))
    log_akses = kerja / "akses_memori.log"
    gunicorn = _mulai_gunicorn(url_kecil, args.port, log_akses, kerja / "gunicorn_memori.log", WEB_CONCURRENCY="1")
    try:
        _tunggu(f"{host}/healthz/")
        jalankan_locust(host, rencana_path, 4, 60, kerja / "memori_pemanasan", batas=PEMANASAN_RSS)
        (pekerja,) = _pekerja(gunicorn.pid)
        awal, sebelum = _rss_mb(pekerja), len(log_akses.read_text().splitlines())
        jalankan_locust(host, rencana_path, 4, args.durasi_memori, kerja / "memori", batas=TARGET_PERMINTAAN_RSS)
        akhir, dilayani = _rss_mb(pekerja), len(log_akses.read_text().splitlines()) - sebelum
    finally:
        _hentikan(gunicorn)
    return {"awal": awal, "akhir": akhir, "dilayani": dilayani}


def laporan(args, detik_seed, kueri_besar, kueri_kecil, rasio, beban16, beban64, memori, status_5xx, periksa):
    baris, gagal = [], []

    def nilai(ukuran, teks, target, lulus):
        baris.append((ukuran, teks, target, lulus))
        if lulus is False:
            gagal.append(f"{ukuran}: {teks} (target {target})")

    nilai(
        f"seed_demo --pegawai {args.pegawai} {args.seed_args}".strip(),
        f"{detik_seed:.0f} s",
        f"≤ {TARGET_SEED_DETIK} s",
        detik_seed <= TARGET_SEED_DETIK,
    )

    print(f"\n{'Halaman':34} {'kueri':>11} {'p95 16 pengguna':>16} {'halaman/lantai':>22}")
    for nama, label, *_ in HALAMAN:
        b, k = kueri_besar[nama], kueri_kecil[nama]
        s = beban16.get(nama, {"p95_ms": float("nan"), "jumlah": 0})
        r = rasio[nama]
        print(
            f"{label:34} {b:>4} / {k:<4}  {s['p95_ms']:>10.0f} ms  "
            f"{r['halaman_ms']:6.1f} / {r['lantai_ms']:5.1f} ms = {r['rasio']:.2f}×"
        )
        nilai(
            f"{label}: kueri ({args.pegawai:,} / {args.kecil} ASN)",
            f"{b} / {k}",
            f"≤ {TARGET_KUERI}, sama",
            b <= TARGET_KUERI and b == k,
        )
        nilai(
            f"{label}: p95, {args.pengguna} pengguna",
            f"{s['p95_ms']:.0f} ms",
            f"≤ {TARGET_P95_MS} ms",
            s["p95_ms"] <= TARGET_P95_MS,
        )
        nilai(
            f"{label}: halaman ÷ lantai (median 1 klien)",
            f"{r['halaman_ms']:.1f} / {r['lantai_ms']:.1f} ms = {r['rasio']:.2f}×",
            f"≤ {TARGET_RASIO:g}×",
            r["rasio"] <= TARGET_RASIO,
        )
    total = beban16["Aggregated"]
    print(
        f"{args.pengguna} pengguna, {args.durasi} s: {total['jumlah']:,} permintaan, {total['rps']:.0f}/s, "
        f"p95 {total['p95_ms']:.0f} ms, {total['gagal']} gagal {beban16['_galat'][:3]}"
    )
    nilai(f"{args.pengguna} pengguna: permintaan/s", f"{total['rps']:.0f}/s", f"≥ {TARGET_RPS}/s",
          total["rps"] >= TARGET_RPS)  # fmt: skip
    nilai(f"{args.pengguna} pengguna: permintaan gagal", f"{total['gagal']} dari {total['jumlah']:,}", "0",
          total["gagal"] == 0)  # fmt: skip
    t64 = beban64["Aggregated"]
    print(
        f"{args.pengguna_beban} pengguna dengan penulisan, {args.durasi_beban} s: {t64['jumlah']:,} permintaan, "
        f"{t64['rps']:.0f}/s, p95 {t64['p95_ms']:.0f} ms, {t64['gagal']} gagal {beban64['_galat'][:3]}; "
        f"5xx di log gunicorn: {status_5xx}"
    )
    print(
        f"  penulisan diterima server: {periksa['permohonan']:,} permohonan daring, {periksa['realisasi']:,} "
        f"simpan realisasi; hilang: {periksa['jumlah_hilang']} {periksa['hilang']}"
    )
    nilai("respons 5xx, semua fase beban", str(status_5xx), "0",
          status_5xx == 0)  # fmt: skip
    nilai(
        f"{args.pengguna_beban} pengguna: penulisan diterima / hilang",
        f"{periksa['permohonan'] + periksa['realisasi']:,} / {periksa['jumlah_hilang']}",
        "0 hilang",
        periksa["jumlah_hilang"] == 0 and periksa["permohonan"] > 0 and periksa["realisasi"] > 0,
    )
    nilai(f"{args.pengguna_beban} pengguna: p95 (informasi)", f"{t64['p95_ms']:.0f} ms", "", None)
    naik = memori["akhir"] - memori["awal"]
    print(
        f"RSS satu pekerja gunicorn: {memori['awal']:.0f} → {memori['akhir']:.0f} MB "
        f"setelah {memori['dilayani']:,} permintaan (sesudah {PEMANASAN_RSS:,} permintaan pemanasan)"
    )
    nilai(
        f"RSS satu pekerja gunicorn, {memori['dilayani']:,} permintaan sesudah pemanasan",
        f"+{naik:.1f} MB ({memori['awal']:.0f} → {memori['akhir']:.0f} MB)",
        f"≤ {TARGET_RSS_MB} MB setelah ≥ {TARGET_PERMINTAAN_RSS:,}",
        naik <= TARGET_RSS_MB and memori["dilayani"] >= TARGET_PERMINTAAN_RSS,
    )
    catat("halaman", "Halaman di bawah beban", baris)
    if gagal:
        sys.exit("TARGET TIDAK TERCAPAI:\n  " + "\n  ".join(gagal))
    print("Semua target tercapai.")


if __name__ == "__main__":
    main()
