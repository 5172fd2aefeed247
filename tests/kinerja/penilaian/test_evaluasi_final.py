"""A final evaluation cannot be changed by anyone through any path: services, model save, querysets, related rows."""

import contextlib

import pytest
from django.db import transaction

from core.errors import WrongState
from kinerja.models import (
    EvaluasiKinerja,
    EvaluasiTerkunci,
    PerilakuKerja,
    RealisasiIndikator,
    RencanaAksi,
    UmpanBalikRHK,
)
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario, penilaian


@contextlib.contextmanager
def ditolak():
    """Expect EvaluasiTerkunci; the savepoint keeps the test's transaction usable (bulk_update has none)."""
    with pytest.raises(EvaluasiTerkunci), transaction.atomic():
        yield


@pytest.fixture
def final(org):
    s = Skenario(org)
    s.rencana_aksi()  # so that every part of the evaluation has a row to freeze
    return s, s.ke_status("FINAL")


def test_services_refuse_to_change_a_final_evaluation(org, final):
    s, ev = final
    with pytest.raises(WrongState):
        svc.nilai_evaluasi(org.atasan_a.user, ev.pk, ev.versi, alasan="x", **penilaian(ev, "DI_ATAS", "DI_ATAS"))
    with pytest.raises(WrongState):
        svc.kembalikan_evaluasi(org.atasan_a.user, ev.pk, ev.versi, "x")
    with pytest.raises(WrongState):
        svc.isi_realisasi(org.admin, ev.pk, ev.versi, [])
    with pytest.raises(WrongState):
        svc.isi_rencana_aksi(org.admin, ev.pk, ev.versi, {})
    assert EvaluasiKinerja.objects.get(pk=ev.pk).predikat == "BAIK"


def test_a_direct_model_save_of_a_final_evaluation_is_refused(final):
    _, ev = final
    ev.rating_hasil_kerja = "DI_ATAS"
    ev.rating_perilaku_kerja = "DI_ATAS"
    with ditolak():
        ev.save()
    with ditolak():
        ev.save(update_fields=["rating_hasil_kerja"])
    assert EvaluasiKinerja.objects.get(pk=ev.pk).predikat == "BAIK"


def test_a_stale_copy_read_before_finalising_cannot_overwrite_it(org):
    s = Skenario(org)
    basi = s.ke_status("DINILAI")
    svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    basi.status = "DINILAI"
    basi.catatan = "diubah lewat salinan lama"
    with ditolak():
        basi.save()
    assert EvaluasiKinerja.objects.get(pk=basi.pk).status == "FINAL"


def test_queryset_update_bulk_update_and_delete_of_a_final_evaluation_are_refused(final):
    _, ev = final
    with ditolak():
        EvaluasiKinerja.objects.filter(pk=ev.pk).update(predikat="SANGAT_BAIK")
    ev.predikat = "SANGAT_BAIK"
    with ditolak():
        EvaluasiKinerja.objects.bulk_update([ev], ["predikat"])
    with ditolak():
        EvaluasiKinerja.objects.filter(pk=ev.pk).delete()
    with ditolak():
        EvaluasiKinerja.objects.get(pk=ev.pk).delete()
    assert EvaluasiKinerja.objects.get(pk=ev.pk).predikat == "BAIK"


@pytest.mark.parametrize("model", [RealisasiIndikator, RencanaAksi, UmpanBalikRHK, PerilakuKerja])
def test_rows_of_a_final_evaluation_cannot_be_saved_updated_deleted_or_added(final, model):
    _, ev = final
    baris = model.objects.filter(evaluasi=ev).first()
    sebelum = list(model.objects.filter(evaluasi=ev).values())
    with ditolak():
        baris.save()
    with ditolak():
        baris.delete()
    with ditolak():
        model.objects.filter(evaluasi=ev).update(evaluasi=ev)
    with ditolak():
        model.objects.filter(evaluasi=ev).delete()
    baris.pk = None
    with ditolak():
        model.objects.bulk_create([baris])
    assert list(model.objects.filter(evaluasi=ev).values()) == sebelum


def test_the_asn_acknowledges_a_final_result_once(org, final):
    _, ev = final
    ev = svc.akui_evaluasi(org.staf_a1.user, ev.pk, ev.versi)
    assert ev.diakui_pada is not None
    assert ev.riwayat.filter(aksi="DIAKUI").count() == 1
    ev.refresh_from_db()
    with pytest.raises(WrongState, match="sudah Anda terima"):
        svc.akui_evaluasi(org.staf_a1.user, ev.pk, ev.versi)


def test_the_acknowledgement_changes_nothing_else(org, final):
    _, ev = final
    sebelum = EvaluasiKinerja.objects.filter(pk=ev.pk).values("status", "predikat", "catatan").get()
    svc.akui_evaluasi(org.staf_a1.user, ev.pk, ev.versi)
    assert EvaluasiKinerja.objects.filter(pk=ev.pk).values("status", "predikat", "catatan").get() == sebelum
