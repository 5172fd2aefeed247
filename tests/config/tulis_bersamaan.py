"""Run by tests/config/test_tulis_bersamaan.py in a pytest of its own, against a database on disk (a SQLite file or
a PostgreSQL database): the rules application and the roll-up of a finalised unit write at the same moment, as
the worker's two tasks do after a finalisation, and both must end done. Not collected by the main run (its name
does not start with test_): on the main run's in-memory SQLite, threads would not meet the file locks of `make
run`.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.db import connections

from config.celery import app as celery_app
from evaluasi import tasks as tasks_aturan
from evaluasi.models import Konsekuensi
from kinerja.penilaian import services_periode as svc_periode
from rekap import services as services_rekap
from rekap import tasks as tasks_rekap
from rekap.models import RekapKinerja, RekapTim, StatusRekap
from tests.evaluasi.bantuan import dinilai_dengan_teguran

# How long the rules application keeps its write transaction open after inserting its outcomes: the roll-up starts
# inside that window, so the two always overlap.
TAHAN_DETIK = 1.5


def _angka():
    kolom = ("unit_kerja_id", "jumlah_evaluasi", "jumlah_final", "jumlah_dinilai", "jumlah_baik")
    tim = ("atasan_id", "jumlah_evaluasi", "jumlah_final")
    return list(RekapKinerja.objects.order_by("unit_kerja_id").values_list(*kolom)), list(
        RekapTim.objects.order_by("atasan_id").values_list(*tim)
    )


def test_rules_and_roll_up_written_at_once_both_end_done(transactional_db, org, monkeypatch):
    s = dinilai_dengan_teguran(org)
    services_rekap.hitung_rekap([s.periode.pk])
    # The finalisation queues both tasks after its commit; here they are held and then run at the same moment.
    antre = []
    monkeypatch.setattr(tasks_aturan.terapkan_aturan_task, "delay", lambda *a: antre.append(a))
    monkeypatch.setattr(tasks_rekap.hitung_rekap_periode, "delay", lambda *a: antre.append(a))
    svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    aturan_args, rekap_args = sorted(antre, key=len, reverse=True)
    assert StatusRekap.objects.get(periode=s.periode).tertinggal

    ditulis = threading.Event()
    asli = Konsekuensi.objects.bulk_create

    def tulis_lalu_tahan(*args, **kwargs):
        hasil = asli(*args, **kwargs)
        ditulis.set()
        time.sleep(TAHAN_DETIK)
        return hasil

    monkeypatch.setattr(Konsekuensi.objects, "bulk_create", tulis_lalu_tahan)
    # A retry runs inline again, as in a worker, instead of Celery's Retry propagating.
    propagates, celery_app.conf.task_eager_propagates = celery_app.conf.task_eager_propagates, False

    def aturan():
        try:
            return tasks_aturan.terapkan_aturan_task.apply(args=aturan_args)
        finally:
            connections.close_all()

    def rekap():
        try:
            assert ditulis.wait(30), "penerapan aturan tidak sampai menulis"
            return tasks_rekap.hitung_rekap_periode.apply(args=rekap_args)
        finally:
            connections.close_all()

    try:
        with ThreadPoolExecutor(2) as pool:
            hasil_aturan, hasil_rekap = pool.submit(aturan), pool.submit(rekap)
            hasil_aturan, hasil_rekap = hasil_aturan.result(timeout=120), hasil_rekap.result(timeout=120)
    finally:
        celery_app.conf.task_eager_propagates = propagates

    assert hasil_aturan.successful(), hasil_aturan.traceback
    assert hasil_rekap.successful(), hasil_rekap.traceback
    assert sorted(Konsekuensi.objects.values_list("pegawai_id", "kode")) == sorted(
        [(org.staf_a1.pk, "TEGURAN_TERTULIS"), (org.staf_a2.pk, "TEGURAN_LISAN")]
    )
    # The dashboards show what Tim Saya shows: the roll-up saw the finalisation, and says it is current.
    assert RekapKinerja.objects.get(unit_kerja=org.bidang_a, periode=s.periode).jumlah_final == 2
    dihitung = _angka()
    services_rekap.hitung_rekap([s.periode.pk])
    assert _angka() == dihitung
    assert not StatusRekap.objects.get(periode=s.periode).tertinggal
