"""A real Celery worker, fed through Redis, executes tasks (the path background imports take in CI)."""

import threading

import pytest
from celery.signals import task_success

from config.celery import periksa_layanan


@pytest.mark.services
def test_it_runs_the_health_check_task_on_a_real_worker_through_redis(celery_worker_redis):
    selesai = threading.Event()
    hasil = {}

    def catat(sender=None, result=None, **kwargs):
        if sender.name == periksa_layanan.name:
            hasil.update(result)
            hasil["thread"] = threading.current_thread()
            selesai.set()

    task_success.connect(catat, weak=False)
    try:
        pesan = periksa_layanan.delay()
        assert selesai.wait(timeout=30), "worker tidak menjalankan tugas dalam 30 detik"
    finally:
        task_success.disconnect(catat)
    assert pesan.id
    # Run by the worker's thread, not inline in the test: the message really went through Redis.
    assert hasil.pop("thread") is not threading.current_thread()
    assert hasil == {"database": "ok", "redis": "ok"}


def test_it_runs_tasks_inline_without_a_worker_by_default(db):
    assert periksa_layanan.delay().get(timeout=5)["database"] == "ok"
