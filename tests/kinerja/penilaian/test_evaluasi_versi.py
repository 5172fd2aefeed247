"""Two people saving the same evaluation: the later save is refused with a clear message, the first is kept."""

import threading

import pytest
from django.db import close_old_connections, connection

from core.errors import VersionConflict
from kinerja.models import EvaluasiKinerja, RealisasiIndikator
from kinerja.penilaian import services as svc
from tests.conftest import perlu_layanan
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario


def _isian(ev, nilai):
    return [svc.IsianRealisasi(i.pk, nilai) for i in ev.skp.rhk.get().indikator.order_by("urutan")]


def test_the_later_of_two_readers_is_refused_and_the_first_save_kept(org):
    s = Skenario(org)
    dibaca_pegawai = s.evaluasi()
    dibaca_hr = s.evaluasi()
    assert dibaca_pegawai.versi == dibaca_hr.versi

    svc.isi_realisasi(org.staf_a1.user, dibaca_pegawai.pk, dibaca_pegawai.versi, _isian(dibaca_pegawai, 5))
    with pytest.raises(VersionConflict) as info:
        svc.isi_realisasi(org.hr_a.user, dibaca_hr.pk, dibaca_hr.versi, _isian(dibaca_hr, 9))

    assert "sudah diubah oleh Staf A Satu pada" in info.value.message
    assert "WITA; muat ulang halaman" in info.value.message
    assert set(RealisasiIndikator.objects.filter(evaluasi=dibaca_pegawai).values_list("realisasi", flat=True)) == {5}
    assert EvaluasiKinerja.objects.get(pk=dibaca_pegawai.pk).versi == dibaca_pegawai.versi + 1


def test_a_stale_version_is_refused_for_moves_too(org):
    s = Skenario(org)
    s.isi()
    basi = s.evaluasi()
    svc.isi_realisasi(org.hr_a.user, basi.pk, basi.versi, _isian(basi, 10))
    with pytest.raises(VersionConflict, match="Pengelola A"):
        svc.ajukan_evaluasi(org.staf_a1.user, basi.pk, basi.versi)
    assert s.evaluasi().status == "DRAFT"


def test_a_refused_action_does_not_consume_the_version(org):
    s = Skenario(org)
    ev = s.evaluasi()
    with pytest.raises(Exception, match="belum diisi"):
        svc.ajukan_evaluasi(org.staf_a1.user, ev.pk, ev.versi)
    assert s.evaluasi().versi == ev.versi


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_the_same_version_let_exactly_one_win(org):
    """Two threads on separate connections save the version both read; the atomic UPDATE lets one through."""
    if connection.vendor != "postgresql":
        perlu_layanan("PostgreSQL: SQLite serialises writers, so this race needs PostgreSQL's row locks.")
    s = Skenario(org)
    ev = s.evaluasi()
    penghalang = threading.Barrier(2)
    hasil = []

    def simpan(user, nilai):
        try:
            penghalang.wait()
            svc.isi_realisasi(user, ev.pk, ev.versi, _isian(ev, nilai))
            hasil.append(("ok", nilai))
        except VersionConflict:
            hasil.append(("konflik", nilai))
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=simpan, args=(org.staf_a1.user, 5)),
        threading.Thread(target=simpan, args=(org.hr_a.user, 9)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(h[0] for h in hasil) == ["konflik", "ok"]
    pemenang = next(n for status, n in hasil if status == "ok")
    assert set(RealisasiIndikator.objects.filter(evaluasi=ev).values_list("realisasi", flat=True)) == {pemenang}
    assert EvaluasiKinerja.objects.get(pk=ev.pk).versi == ev.versi + 1
