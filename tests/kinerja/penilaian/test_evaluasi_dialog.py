"""Continuous feedback: a dated thread between the ASN and their supervisor; the other side is notified."""

import pytest

from core.errors import NotPermitted
from kinerja.models import DialogKinerja, Notifikasi
from kinerja.notifikasi.services import tandai_notifikasi_dibaca
from kinerja.penilaian import services as svc
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario


@pytest.mark.parametrize("objek", ["skp", "evaluasi"])
def test_a_note_by_the_asn_notifies_the_supervisor_and_vice_versa(org, objek):
    s = Skenario(org)
    target = {"skp_id": s.skp_a1.pk} if objek == "skp" else {"evaluasi_id": s.evaluasi().pk}
    Notifikasi.objects.all().delete()

    svc.kirim_dialog(org.staf_a1.user, isi="Mohon arahan untuk indikator kualitas.", **target)
    catatan = Notifikasi.objects.get()
    assert catatan.penerima == org.atasan_a.user
    assert "Staf A Satu" in catatan.judul and catatan.pesan == "Mohon arahan untuk indikator kualitas."

    svc.kirim_dialog(org.atasan_a.user, isi="Gunakan standar BKN.", **target)
    assert Notifikasi.objects.filter(penerima=org.staf_a1.user).count() == 1
    assert list(DialogKinerja.objects.values_list("penulis", flat=True)) == [org.staf_a1.user.pk, org.atasan_a.user.pk]
    assert all(d.dibuat for d in DialogKinerja.objects.all())


@pytest.mark.parametrize("pelaku", ["staf_a2", "kepala", "hr_a", "staf_b"])
def test_only_the_asn_and_their_supervisor_take_part(org, pelaku):
    s = Skenario(org)
    jumlah = Notifikasi.objects.count()
    with pytest.raises(NotPermitted):
        svc.kirim_dialog(getattr(org, pelaku).user, isi="Catatan", evaluasi_id=s.evaluasi().pk)
    assert not DialogKinerja.objects.exists()
    assert Notifikasi.objects.count() == jumlah


def test_an_empty_note_is_refused(org):
    s = Skenario(org)
    with pytest.raises(Exception, match="tidak boleh kosong"):
        svc.kirim_dialog(org.staf_a1.user, isi="  ", skp_id=s.skp_a1.pk)
    assert not DialogKinerja.objects.exists()


def test_notifications_are_marked_read_per_user(org):
    s = Skenario(org)
    svc.kirim_dialog(org.staf_a1.user, isi="Halo", skp_id=s.skp_a1.pk)
    assert tandai_notifikasi_dibaca(org.staf_b.user) == 0
    assert tandai_notifikasi_dibaca(org.atasan_a.user) >= 1
    assert not Notifikasi.objects.filter(penerima=org.atasan_a.user, dibaca_pada__isnull=True).exists()
