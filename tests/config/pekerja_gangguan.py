"""A real Celery worker for the worker-killed tests, with a fault point injected from the test side only.

Run as `python -m tests.config.pekerja_gangguan` (tests/config/test_worker_dibunuh.py starts it in its own process
group). Besides the app's own variables (DATABASE_URL, REDIS_URL, MEDIA_ROOT, EMAIL_URL) it reads:

- GANGGUAN_ANTREAN: the one queue it consumes and sends to, and the prefix of its Redis unacked keys, so it shares
  nothing with the other tests' workers on the same Redis database;
- GANGGUAN_SINYAL: a folder where it writes `selesai-<task id>` when a task ends, and `titik` at the fault point;
- GANGGUAN_TITIK (optional): the dotted path of a callable to wrap, e.g. `kinerja.pegawai.services._tulis_pegawai` or
  `rekap.models.RekapKinerja.objects.bulk_create`; with GANGGUAN_SAAT `sesudah` (the default) the wrapper lets it
  run, so its writes are made, then writes its process id to `titik` and blocks until killed; with `sebelum` it
  blocks before the call. It blocks once: later calls go through;
- GANGGUAN_VISIBILITY: seconds before Redis hands a dead worker's task out again (short here, for speed; the tasks
  of these tests take well under it).
"""

import functools
import importlib
import os
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()

from celery.signals import task_postrun  # noqa: E402

from config.celery import app  # noqa: E402

ANTREAN = os.environ["GANGGUAN_ANTREAN"]
SINYAL = Path(os.environ["GANGGUAN_SINYAL"])


def _tunggu_dibunuh():
    titik = SINYAL / "titik"
    if titik.exists():
        # Once only: when the test killed just the pool process, the task the worker runs again goes through.
        return
    # Written aside and renamed, so the test never reads a half-written process id.
    sementara = SINYAL / f"titik.{os.getpid()}"
    sementara.write_text(str(os.getpid()))
    sementara.rename(titik)
    while True:
        time.sleep(1)


def _pasang_gangguan(titik: str, saat: str):
    """Replace the callable at `titik` (module path, then attributes) with one that blocks `saat` it runs."""
    bagian = titik.split(".")
    for i in range(len(bagian) - 1, 0, -1):
        try:
            induk = importlib.import_module(".".join(bagian[:i]))
        except ModuleNotFoundError:
            continue
        for nama in bagian[i:-1]:
            induk = getattr(induk, nama)
        break
    else:
        raise ValueError(f"titik gangguan tidak dikenal: {titik}")
    asli = getattr(induk, bagian[-1])

    @functools.wraps(asli)
    def terganggu(*args, **kwargs):
        if saat == "sebelum":
            _tunggu_dibunuh()
        hasil = asli(*args, **kwargs)
        _tunggu_dibunuh()
        return hasil

    setattr(induk, bagian[-1], terganggu)


@task_postrun.connect
def _tandai_selesai(task_id=None, **kwargs):
    (SINYAL / f"selesai-{task_id}").touch()


def main():
    if titik := os.environ.get("GANGGUAN_TITIK"):
        _pasang_gangguan(titik, os.environ.get("GANGGUAN_SAAT", "sesudah"))
    app.conf.task_default_queue = ANTREAN
    # No broadcast control queue: this worker takes orders from no one and leaves nothing behind in Redis.
    app.conf.worker_enable_remote_control = False
    app.conf.broker_transport_options = {
        "visibility_timeout": float(os.environ["GANGGUAN_VISIBILITY"]),
        # Sweep for a dead worker's tasks every second instead of every 100 s.
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
        # A worker killed while sweeping leaves the sweep lock behind; let it expire quickly.
        "unacked_mutex_expire": 5,
        "unacked_key": f"{ANTREAN}.unacked",
        "unacked_index_key": f"{ANTREAN}.unacked_index",
        "unacked_mutex_key": f"{ANTREAN}.unacked_mutex",
    }
    app.worker_main(
        [
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            f"--queues={ANTREAN}",
            f"--hostname={ANTREAN}-{os.getpid()}@%h",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ]
    )


if __name__ == "__main__":
    main()
