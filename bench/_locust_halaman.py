"""Locust users of bench/halaman.py: HR staff, supervisors, ASN and citizens over the main pages.

Run by bench/halaman.py (`locust -f bench/_locust_halaman.py --headless ...`), which writes the plan this file
reads from BENCH_RENCANA: logged-in session cookies per role, the URLs to open, and whether users also write
(BENCH_TULIS=1: citizens submit online requests, ASN save their evaluation form). Every write the server
acknowledged is appended to BENCH_TULISAN (JSON lines) so the bench can check afterwards that it is stored.
"""

import itertools
import json
import os
import random
import re
from pathlib import Path

import gevent
from locust import FastHttpUser, events, task

RENCANA = json.loads(Path(os.environ["BENCH_RENCANA"]).read_text())
TULIS = os.environ.get("BENCH_TULIS") == "1"
# Stop once the server has answered this many requests in all (0: run for the given time only).
BATAS_PERMINTAAN = int(os.environ.get("BENCH_BATAS_PERMINTAAN", "0"))
TULISAN = []
_lingkungan = {}
_nomor = itertools.count(1)
_asn_penulis = itertools.cycle(RENCANA["penulis"])

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TIKET = re.compile(r'id="nomor-tiket">\s*([^<\s]+)')


@events.init.add_listener
def _simpan_lingkungan(environment, **kwargs):
    _lingkungan["env"] = environment


@events.request.add_listener
def _hitung_permintaan(**kwargs):
    env = _lingkungan.get("env")
    if BATAS_PERMINTAAN and env and env.runner and env.stats.total.num_requests >= BATAS_PERMINTAAN:
        gevent.spawn(env.runner.quit)


@events.test_stop.add_listener
def _simpan_tulisan(**kwargs):
    if TULISAN and os.environ.get("BENCH_TULISAN"):
        with open(os.environ["BENCH_TULISAN"], "a") as f:
            for t in TULISAN:
                f.write(json.dumps(t) + "\n")
        TULISAN.clear()


# The compose proxy (nginx/kinerja.conf) opens a new connection to gunicorn for every request, so each request
# goes to whichever worker accepts it first. Keep-alive from 16 users straight to gunicorn would instead pin each
# user to one worker for the whole run, and the load would depend on how the connections happened to spread.
TANPA_KEEPALIVE = {"Connection": "close"}


class _Masuk(FastHttpUser):
    abstract = True
    peran = ""
    default_headers = TANPA_KEEPALIVE

    def on_start(self):
        # Sessions were created in the database by the bench: no password hashing in the measured load.
        self.client.cookiejar.set_cookie(_cookie("sessionid", RENCANA["sesi"][self.peran]))

    def _buka(self, nama, url):
        # Not following redirects: a lost session would redirect to the login page, which is no success.
        with self.client.get(url, name=nama, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")


def _cookie(nama, nilai):
    from http.cookiejar import Cookie

    return Cookie(0, nama, nilai, None, False, "127.0.0.1", False, False, "/", True, False, None, False, None, None, {})


class Pengelola(_Masuk):
    """HR staff: the period's evaluation list, the ASN search, the organisation dashboard."""

    weight = 6
    peran = "pengelola"

    @task
    def periode(self):
        self._buka("periode", RENCANA["url"]["periode"])

    @task
    def pegawai(self):
        self._buka("pegawai", RENCANA["url"]["pegawai"] + random.choice(RENCANA["cari"]))

    @task
    def dasbor(self):
        self._buka("dasbor", RENCANA["url"]["dasbor"])


class Atasan(_Masuk):
    """Supervisors: Tim Saya."""

    weight = 3
    peran = "atasan"

    @task
    def tim_saya(self):
        self._buka("tim_saya", RENCANA["url"]["tim_saya"])


class Pegawai(_Masuk):
    """ASN: their evaluation form; with writes on, each user saves the realisations of its own evaluation."""

    weight = 3
    peran = "pegawai"

    def on_start(self):
        if TULIS:
            # Each writer has its own ASN and evaluation, so saves never race on one version number.
            self.penulis = next(_asn_penulis)
            self.client.cookiejar.set_cookie(_cookie("sessionid", self.penulis["sesi"]))
        else:
            super().on_start()

    @task
    def evaluasi(self):
        url = self.penulis["url"] if TULIS else RENCANA["url"]["evaluasi"]
        if not TULIS:
            self._buka("evaluasi", url)
            return
        with self.client.get(url, name="evaluasi", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
                return
            halaman = r.text
        versi = re.search(r'name="versi" value="(\d+)"', halaman)
        kolom = re.findall(r'name="(realisasi_\d+)"', halaman)
        token = CSRF.search(halaman)
        if not (versi and kolom and token):
            return
        nilai = str(next(_nomor))
        # Each attempt is recorded: the run may end after the server stored a save but before it answered.
        TULISAN.append({"jenis": "percobaan", "evaluasi": self.penulis["evaluasi"], "nilai": nilai})
        data = {"csrfmiddlewaretoken": token.group(1), "versi": versi.group(1)}
        data |= {k: nilai for k in kolom}
        with self.client.post(
            url, data=data, name="evaluasi (simpan)", allow_redirects=False, catch_response=True
        ) as r:
            # A saved form redirects back to itself; anything else is not an acknowledged write.
            if r.status_code == 302:
                TULISAN.append({"jenis": "realisasi", "evaluasi": self.penulis["evaluasi"], "nilai": nilai})
            elif r.status_code >= 500:
                r.failure(f"HTTP {r.status_code}")


class Warga(FastHttpUser):
    """Citizens, no account: tracking a request, the IKM page; with writes on, submitting an online request."""

    weight = 4
    default_headers = TANPA_KEEPALIVE

    def on_start(self):
        r = self.client.get(RENCANA["url"]["lacak"], name="lacak (formulir)")
        self.token = CSRF.search(r.text).group(1)

    @task
    def lacak(self):
        data = {"csrfmiddlewaretoken": self.token, **RENCANA["lacak"]}
        with self.client.post(RENCANA["url"]["lacak"], data=data, name="lacak", catch_response=True) as r:
            if r.status_code != 200 or RENCANA["lacak"]["nomor_tiket"] not in r.text:
                r.failure(f"HTTP {r.status_code}, tiket tidak tampil")

    @task
    def ikm(self):
        with self.client.get(RENCANA["url"]["ikm"], name="ikm", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")

    @task
    def ajukan(self):
        if not TULIS:
            return
        nama = f"Pemohon Beban {next(_nomor)}"
        data = {"csrfmiddlewaretoken": self.token, "nama_pemohon": nama, **RENCANA["ajukan"]}
        with self.client.post(RENCANA["url"]["ajukan"], data=data, name="ajukan", catch_response=True) as r:
            # Followed to the confirmation page, which alone shows a ticket number.
            tiket = TIKET.search(r.text) if r.status_code == 200 else None
            if tiket:
                TULISAN.append({"jenis": "permohonan", "nama": nama, "tiket": tiket.group(1)})
            elif r.status_code >= 500:
                r.failure(f"HTTP {r.status_code}")
            else:
                r.failure(f"HTTP {r.status_code}: permohonan tidak diterima")
