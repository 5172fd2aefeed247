"""Several app instances on one PostgreSQL and one Redis: a roster previewed on one instance is confirmed on
another, as behind a load balancer. Each instance is a separate gunicorn process with its own working and
temporary folders; the instance that took the upload is stopped before the other confirms, so nothing it kept
on its own disk or in its memory can help."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.db import connection

from core.roles import GRUP_ADMINISTRATOR
from kinerja.models import ImporRoster, Pegawai
from tests.conftest import perlu_layanan, url_database
from tests.factories import PASSWORD, UserFactory
from tests.kinerja.pegawai.berkas_roster import baris_pegawai, roster_kecil, xlsx

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parent.parent
# Ports set aside for these servers; one that is taken (another test run) is skipped.
PORT = range(8110, 8120)
# Rosters with more rows than this are confirmed as a background task.
BATAS_LATAR_BELAKANG = 3


def _port_bebas(mulai: int) -> int | None:
    for port in PORT:
        if port < mulai:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return None


class Instansi:
    """One gunicorn process serving config.wsgi from its own folder, with its own TMPDIR."""

    def __init__(self, nama: str, folder: Path, env: dict):
        self.nama, self.folder = nama, folder
        (folder / "tmp").mkdir(parents=True)
        self.env = {**env, "TMPDIR": str(folder / "tmp")}
        self.proses = None
        self.url = ""

    def mulai(self, port_awal: int) -> int:
        port = port_awal
        while (port := _port_bebas(port)) is not None:
            self.proses = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                cwd=self.folder,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=(self.folder / "gunicorn.log").open("wb"),
            )
            self.url = f"http://127.0.0.1:{port}"
            if self._siap():
                return port
            self.berhenti()
            port += 1
        pytest.fail(f"instansi {self.nama} tidak dapat dijalankan: {(self.folder / 'gunicorn.log').read_text()}")

    def _siap(self) -> bool:
        # Generous: the machine may be busy, and the first request loads the whole app.
        batas = time.monotonic() + 60
        while time.monotonic() < batas and self.proses.poll() is None:
            try:
                if requests.get(f"{self.url}/healthz/", timeout=10).status_code == 200:
                    return True
            except requests.RequestException:
                pass
            time.sleep(0.2)
        return False

    def berhenti(self):
        if self.proses and self.proses.poll() is None:
            self.proses.send_signal(signal.SIGTERM)
            try:
                self.proses.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proses.kill()
                self.proses.wait()


@pytest.fixture
def dua_instansi(transactional_db, settings, tmp_path):
    """Instances A and B on the test database and Redis, sharing only the media folder (the shared storage)."""
    if connection.vendor != "postgresql":
        perlu_layanan("DATABASE_URL bukan PostgreSQL: beberapa instansi butuh satu database bersama")
    if not settings.REDIS_URL:
        perlu_layanan("REDIS_URL tidak diatur: beberapa instansi butuh Redis bersama (cache, antrean)")
    bersama = tmp_path / "media-bersama"
    bersama.mkdir()
    # A worker started by the test reads the same storage as the instances.
    settings.MEDIA_ROOT = bersama
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": url_database(),
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(bersama),
        "ROSTER_BACKGROUND_ROWS": str(BATAS_LATAR_BELAKANG),
        # No connection outlives a request, so the test database can be flushed and dropped afterwards.
        "CONN_MAX_AGE": "0",
    }
    # Under pytest-xdist tests/settings.py gives each test process its own Celery queue; the instances must send
    # to the one this process's worker consumes.
    if "PYTEST_XDIST_WORKER" in os.environ:
        env["PYTEST_XDIST_WORKER"] = os.environ["PYTEST_XDIST_WORKER"]
    a = Instansi("A", tmp_path / "a", env)
    b = Instansi("B", tmp_path / "b", env)
    try:
        b.mulai(a.mulai(PORT.start) + 1)
        yield a, b
    finally:
        a.berhenti()
        b.berhenti()


@pytest.fixture
def admin(transactional_db):
    return UserFactory(username="admin.impor", groups=[GRUP_ADMINISTRATOR])


def masuk(url: str, user) -> requests.Session:
    sesi = requests.Session()
    sesi.get(f"{url}/masuk/", timeout=10)
    r = sesi.post(
        f"{url}/masuk/",
        data={"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": sesi.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 302, r.text[:500]
    return sesi


def unggah(sesi: requests.Session, url: str, data: bytes) -> int:
    r = sesi.post(
        f"{url}/impor/",
        data={"csrfmiddlewaretoken": sesi.cookies["csrftoken"]},
        files={"berkas": ("roster.xlsx", data)},
        allow_redirects=False,
        timeout=30,
    )
    assert r.status_code == 302, r.text[:500]
    return int(r.headers["Location"].rstrip("/").split("/")[-1])


def konfirmasi(sesi: requests.Session, url: str, pk: int) -> requests.Response:
    r = sesi.post(f"{url}/impor/{pk}/konfirmasi/", data={"csrfmiddlewaretoken": sesi.cookies["csrftoken"]}, timeout=30)
    assert r.status_code == 200, r.text[:500]
    return r


def berkas_lokal(instansi: Instansi) -> list[Path]:
    return [p for p in instansi.folder.rglob("*") if p.is_file() and p.name != "gunicorn.log"]


def test_a_roster_previewed_on_one_instance_is_imported_from_another(dua_instansi, admin):
    a, b = dua_instansi
    sesi = masuk(a.url, admin)
    pk = unggah(sesi, a.url, xlsx(roster_kecil()))
    pratinjau = sesi.get(f"{a.url}/impor/{pk}/", timeout=10)
    assert "Pratinjau impor" in pratinjau.text
    a.berhenti()

    # B knows the session logged in on A and shows the preview A stored.
    halaman = sesi.get(f"{b.url}/impor/{pk}/", allow_redirects=False, timeout=10)
    assert halaman.status_code == 200 and "Pratinjau impor" in halaman.text
    assert "Konfirmasi" in halaman.text
    r = konfirmasi(sesi, b.url, pk)

    assert "Impor selesai" in r.text
    assert ImporRoster.objects.get(pk=pk).status == ImporRoster.Status.SELESAI
    assert sorted(Pegawai.objects.values_list("nip", flat=True)) == sorted(b["NIP"] for b in roster_kecil())
    assert berkas_lokal(a) == [] and berkas_lokal(b) == []


def test_a_background_import_confirmed_on_another_instance_is_run_by_a_worker(dua_instansi, admin, celery_worker_redis):
    a, b = dua_instansi
    baris = [baris_pegawai(n) for n in range(1, BATAS_LATAR_BELAKANG + 3)]
    sesi = masuk(a.url, admin)
    pk = unggah(sesi, a.url, xlsx(baris))
    a.berhenti()

    r = konfirmasi(sesi, b.url, pk)
    assert "Impor berjalan di latar belakang" in r.text
    batas = time.monotonic() + 60
    while (status := sesi.get(f"{b.url}/impor/{pk}/status/", timeout=10).json())["status"] == "antri":
        assert time.monotonic() < batas, f"impor belum selesai setelah 60 detik: {status}"
        time.sleep(0.3)

    assert status["status"] == "selesai", ImporRoster.objects.get(pk=pk).galat
    assert sorted(Pegawai.objects.values_list("nip", flat=True)) == sorted(b["NIP"] for b in baris)
    assert berkas_lokal(a) == [] and berkas_lokal(b) == []
