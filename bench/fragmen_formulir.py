"""Benchmark: what the cached fragments that hold a form save, against the same page rendered live.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja REDIS_URL=redis://127.0.0.1:6379/15 \
        python bench/fragmen_formulir.py [--pegawai 3000] [--ulang 41]

A scratch database `<name>_bench_fragmen` on the DATABASE_URL server (seed_demo --pegawai N), created and dropped
here, and Redis as the cache, as in production. For the pages whose cached fragment holds a form (the ASN's
realisation form; the period page of HR, with its create-evaluations and close forms) and, as a reference, one
whose fragment holds none (Tim Saya), each page is requested through Django's test client in turn with the
fragment cache on (FRAGMEN_CACHE_DETIK 600, warm) and off (0), --ulang times each; the medians and their
difference are printed. The baseline is the same page rendered live, measured in the same run.

A fragment earns its place where it saves more than TARGET_HEMAT_MS per view: below that, it is a copy of a form
(and of its field values) in the cache for a few milliseconds, and goes.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._hasil import catat  # noqa: E402
from bench.ikm import _admin, _basis_data  # noqa: E402

TARGET_HEMAT_MS = 5.0


def _waktu(client, url) -> float:
    mulai = time.perf_counter()
    respons = client.get(url)
    detik = time.perf_counter() - mulai
    assert respons.status_code == 200, (url, respons.status_code)
    return detik


def jalankan(pegawai: int, ulang: int) -> list[tuple]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from demo import roster as demo_roster
    from kinerja.models import EvaluasiKinerja
    from kinerja.penilaian import selectors as sel

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--pegawai", str(pegawai), verbosity=0)
    login = {d.peran: d.username for d in demo_roster.LOGIN_DEMO}
    periode = sel.periode_terkini()
    evaluasi = EvaluasiKinerja.objects.get(periode=periode, pegawai__user__username=login["Pegawai"])
    halaman = [
        ("Formulir realisasi (ASN)", login["Pegawai"], f"/kinerja/evaluasi/{evaluasi.pk}/isi/", True),
        ("Halaman periode (HR)", login["Pengelola Kinerja"], f"/kinerja/periode/{periode.pk}/", True),
        ("Tim Saya (atasan)", login["Atasan"], "/tim-saya/", False),
    ]
    User = get_user_model()
    baris = []
    for judul, username, url, ada_formulir in halaman:
        client = Client()
        client.force_login(User.objects.get(username=username))
        settings.FRAGMEN_CACHE_DETIK = 600
        _waktu(client, url)  # warm: the fragment is stored
        hasil = {600: [], 0: []}
        for _ in range(ulang):
            for detik in (600, 0):  # interleaved, so drift on the machine hits both alike
                settings.FRAGMEN_CACHE_DETIK = detik
                hasil[detik].append(_waktu(client, url))
        median = {d: statistics.median(w) * 1000 for d, w in hasil.items()}
        hemat = median[0] - median[600]
        print(
            f"{judul:28} langsung {median[0]:7.1f} ms · dari cache {median[600]:7.1f} ms · "
            f"hemat {hemat:6.1f} ms ({median[0] / median[600]:.2f}×)"
        )
        keputusan = None if not ada_formulir else hemat > TARGET_HEMAT_MS
        baris.append((f"{judul}: langsung / dari cache", f"{median[0]:.1f} / {median[600]:.1f} ms", "", None))
        baris.append((f"{judul}: hemat per tampilan", f"{hemat:.1f} ms", f"> {TARGET_HEMAT_MS:.0f} ms", keputusan))
    return baris


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=3000)
    parser.add_argument("--ulang", type=int, default=41)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL harus menunjuk ke server PostgreSQL.")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
    nama = urlsplit(url).path.lstrip("/") + "_bench_fragmen"
    _admin(url, f'DROP DATABASE IF EXISTS "{nama}"')
    _admin(url, f'CREATE DATABASE "{nama}"')
    try:
        os.environ["DATABASE_URL"] = _basis_data(url, nama)
        # The test settings: plain HTTP and no collectstatic manifest, as for the test client.
        os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
        os.environ.setdefault("ALLOWED_HOSTS", "testserver")
        import django

        django.setup()
        baris = jalankan(args.pegawai, args.ulang)
        catat("fragmen_formulir", "Fragmen cache yang memuat formulir", baris)
    finally:
        from django.db import connections

        connections.close_all()
        _admin(url, f'DROP DATABASE IF EXISTS "{nama}"')


if __name__ == "__main__":
    main()
