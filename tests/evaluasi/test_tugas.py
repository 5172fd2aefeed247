"""Finalising a unit applies the rules in the background: inline here, and on a real worker with Redis."""

import time

import pytest

from evaluasi.models import Konsekuensi
from evaluasi.tasks import terapkan_aturan_task
from kinerja.penilaian import services_periode as svc_periode
from tests.evaluasi.bantuan import kehadiran, pastikan_aturan_bawaan
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario


def test_finalising_a_unit_applies_the_rules_to_the_asn_just_finalised(org, django_capture_on_commit_callbacks):
    s = Skenario(org)
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    kehadiran(org.staf_a2, 1, tanpa_keterangan=3)  # not rated yet: not finalised, so not in scope
    s.nilai(org.staf_a1)
    with django_capture_on_commit_callbacks(execute=True):
        svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    (k,) = Konsekuensi.objects.all()
    assert (k.pegawai, k.kode, k.status, k.dibuat_oleh) == (org.staf_a1, "TEGURAN_LISAN", "USULAN", None)


def test_the_task_is_idempotent_and_safe_to_retry(org):
    s = Skenario(org)
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    s.ke_status("FINAL")
    Konsekuensi.objects.all().delete()  # as if the task had not run yet
    assert terapkan_aturan_task(s.periode.pk, [org.staf_a1.pk])["baru"] == 1
    assert terapkan_aturan_task(s.periode.pk, [org.staf_a1.pk]) == {"baru": 0, "tetap": 1, "digantikan": 0}
    assert Konsekuensi.objects.count() == 1


def test_the_task_records_nothing_for_a_period_no_longer_final(org):
    s = Skenario(org)
    kehadiran(org.staf_a2, 1, tanpa_keterangan=3)
    s.ke_status("DINILAI", org.staf_a2)
    assert "ditolak" in terapkan_aturan_task(s.periode.pk, [org.staf_a2.pk])
    assert not Konsekuensi.objects.exists()


@pytest.mark.services
def test_a_real_worker_applies_the_rules_after_hr_finalises(org, celery_worker_redis):
    pastikan_aturan_bawaan()
    s = Skenario(org)
    kehadiran(org.staf_a1, 1, tanpa_keterangan=4)
    s.nilai(org.staf_a1)
    svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    batas = time.monotonic() + 30
    while time.monotonic() < batas and not Konsekuensi.objects.exists():
        time.sleep(0.2)
    (k,) = Konsekuensi.objects.all()
    assert (k.pegawai, k.kode) == (org.staf_a1, "TEGURAN_TERTULIS")
