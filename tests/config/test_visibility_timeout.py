"""CELERY_VISIBILITY_TIMEOUT: when Redis hands a dead worker's task to another worker, never before the task's time
limit has passed. Settings are loaded in a subprocess, as a worker container would load them."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CETAK = (
    "import json; from config.celery import app; "
    "print(json.dumps([app.conf.broker_transport_options, app.conf.task_time_limit]))"
)


def _muat(**env):
    dasar = {k: v for k, v in os.environ.items() if k not in ("CELERY_VISIBILITY_TIMEOUT", "DJANGO_SETTINGS_MODULE")}
    return subprocess.run(
        [sys.executable, "-c", CETAK],
        cwd=ROOT,
        env={**dasar, "REDIS_URL": "redis://127.0.0.1:6379/0", "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_by_default_a_dead_workers_task_returns_after_twice_the_task_time_limit():
    proses = _muat()
    assert proses.returncode == 0, proses.stderr
    opsi, batas = json.loads(proses.stdout)
    assert opsi["visibility_timeout"] == 2 * batas == 3600


def test_the_visibility_timeout_comes_from_the_environment():
    proses = _muat(CELERY_VISIBILITY_TIMEOUT="5400")
    assert proses.returncode == 0, proses.stderr
    assert json.loads(proses.stdout)[0]["visibility_timeout"] == 5400


def test_a_visibility_timeout_not_longer_than_the_task_time_limit_is_refused():
    proses = _muat(CELERY_VISIBILITY_TIMEOUT="1800")
    assert proses.returncode != 0
    assert "CELERY_VISIBILITY_TIMEOUT (1800 detik) harus lebih lama dari batas waktu tugas" in proses.stderr
