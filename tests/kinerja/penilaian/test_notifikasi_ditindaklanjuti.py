"""A notification that asks its recipient to act is read once they have acted on what it points to: the PPK's
"menunggu penilaian" once they rate or return that evaluation, the ASN's "dikembalikan" once they submit it again,
"sudah final" once they acknowledge it, the supervisor's "SKP diajukan" once they approve or return it. Only that
recipient's and only about that subject; in the acting service's transaction; and the bell follows."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.models import Notifikasi
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_skp as svc_skp
from rekap import services_pengingat
from tests.kinerja.penilaian.bantuan_evaluasi import INDIKATOR, Skenario, penilaian, skp_atasan

pytestmark = pytest.mark.django_db


def belum_dibaca(pegawai) -> list[str]:
    return sorted(
        Notifikasi.objects.filter(penerima=pegawai.user, dibaca_pada__isnull=True).values_list("judul", flat=True)
    )


def _lonceng(client) -> str:
    html = client.get(reverse("tim_saya")).content.decode()
    awal = html.index('id="lonceng-notifikasi"')
    return html[awal : html.index("</a>", awal)]


@pytest.fixture
def diajukan(org):
    """staf_a1 and staf_a2 have submitted; staf_a1 also wrote a note to the PPK on their evaluation."""
    s = Skenario(org)
    s.ajukan(org.staf_a1)
    s.ajukan(org.staf_a2)
    svc.kirim_dialog(org.staf_a1.user, isi="Bukti sudah saya unggah.", evaluasi_id=s.evaluasi().pk)
    return s


def _menunggu(s, pegawai):
    return f"Evaluasi {s.periode} {pegawai.nama} menunggu penilaian"


def test_rating_reads_the_ppks_notification_about_that_evaluation_only(org, diajukan):
    s = diajukan
    catatan = f"Catatan baru pada evaluasi {s.periode} dari {org.staf_a1.nama}"
    assert belum_dibaca(org.atasan_a) == sorted([_menunggu(s, org.staf_a1), _menunggu(s, org.staf_a2), catatan])
    milik_asn = belum_dibaca(org.staf_a1)
    s.nilai(org.staf_a1, sudah_diajukan=True)
    # The other evaluation still waits, and a note in the dialog is a message to read, not a task done.
    assert belum_dibaca(org.atasan_a) == sorted([_menunggu(s, org.staf_a2), catatan])
    assert belum_dibaca(org.staf_a1) == sorted([*milik_asn, f"Evaluasi {s.periode} Anda telah dinilai"])


def test_returning_reads_it_too(org, diajukan):
    s = diajukan
    ev = s.evaluasi(org.staf_a2)
    svc.kembalikan_evaluasi(org.atasan_a.user, ev.pk, ev.versi, "Bukti belum lengkap")
    assert _menunggu(s, org.staf_a2) not in belum_dibaca(org.atasan_a)
    assert _menunggu(s, org.staf_a1) in belum_dibaca(org.atasan_a)


def test_a_refused_rating_leaves_the_notification_unread(org, diajukan):
    s = diajukan
    ev = s.evaluasi()
    argumen = penilaian(ev)
    argumen["umpan_balik_rhk"] = {}  # feedback on every RHK is required
    with pytest.raises(ValidationError):
        svc.nilai_evaluasi(org.atasan_a.user, ev.pk, ev.versi, **argumen)
    assert _menunggu(s, org.staf_a1) in belum_dibaca(org.atasan_a)


def test_submitting_again_reads_the_asns_returned_notification(org):
    s = Skenario(org)
    s.ke_status("DIKEMBALIKAN")
    dikembalikan = f"Evaluasi {s.periode} Anda dikembalikan"
    assert dikembalikan in belum_dibaca(org.staf_a1)
    s.ajukan(org.staf_a1)
    assert dikembalikan not in belum_dibaca(org.staf_a1)
    # The PPK is asked again, in a new notification.
    assert belum_dibaca(org.atasan_a).count(_menunggu(s, org.staf_a1)) == 1


def test_hr_submitting_on_the_asns_behalf_leaves_the_asns_notification_for_them(org):
    s = Skenario(org)
    s.ke_status("DIKEMBALIKAN")
    ev = s.evaluasi()
    svc.ajukan_evaluasi(org.hr_a.user, ev.pk, ev.versi)
    assert f"Evaluasi {s.periode} Anda dikembalikan" in belum_dibaca(org.staf_a1)


def test_acknowledging_reads_the_final_notification(org):
    s = Skenario(org)
    ev = s.ke_status("FINAL")
    final = f"Evaluasi {s.periode} Anda sudah final"
    assert final in belum_dibaca(org.staf_a1)
    svc.akui_evaluasi(org.staf_a1.user, ev.pk, ev.versi)
    assert final not in belum_dibaca(org.staf_a1)


def test_submitting_reads_the_filling_reminder_but_rating_one_of_several_leaves_the_ppks(org):
    s = Skenario(org)
    s.ajukan(org.staf_a2)
    services_pengingat.kirim_pengingat(datetime.date(2026, 4, 7))  # three days before the filling deadline
    (pengingat,) = [j for j in belum_dibaca(org.staf_a1) if "belum diajukan" in j]
    s.ajukan(org.staf_a1)
    assert pengingat not in belum_dibaca(org.staf_a1)
    # The supervisor's reminder counts every evaluation waiting: rating one does not answer it.
    (menunggu,) = [j for j in belum_dibaca(org.atasan_a) if j.endswith("menunggu penilaian Anda")]
    s.nilai(org.staf_a2, sudah_diajukan=True)
    assert menunggu in belum_dibaca(org.atasan_a)


@pytest.fixture
def skp_diajukan(org):
    rhk_atasan = skp_atasan(org.atasan_a)
    skp = {}
    for pegawai in (org.staf_a1, org.staf_a2):
        user = pegawai.user
        skp[pegawai] = svc_skp.buat_skp(user, pegawai.pk, 2026)
        rhk = svc_skp.simpan_rhk(user, skp[pegawai].pk, uraian="Tersusunnya laporan", rhk_atasan_id=rhk_atasan.pk)
        uraian, aspek, target, satuan, _ = INDIKATOR[0]
        svc_skp.simpan_indikator(user, rhk.pk, uraian=uraian, aspek=aspek, target=target, satuan=satuan)
        svc_skp.ajukan_skp(user, skp[pegawai].pk)
    return skp


@pytest.mark.parametrize("aksi", ["setujui", "kembalikan"])
def test_approving_or_returning_an_skp_reads_the_supervisors_notification_about_it(org, skp_diajukan, aksi):
    skp = skp_diajukan[org.staf_a1]
    if aksi == "setujui":
        svc_skp.setujui_skp(org.atasan_a.user, skp.pk)
    else:
        svc_skp.kembalikan_skp(org.atasan_a.user, skp.pk, "RHK belum mengacu dengan tepat")
    assert belum_dibaca(org.atasan_a) == [f"SKP 2026 {org.staf_a2.nama} diajukan"]


def test_submitting_a_returned_skp_again_reads_the_asns_notification(org, skp_diajukan):
    skp = skp_diajukan[org.staf_a1]
    svc_skp.kembalikan_skp(org.atasan_a.user, skp.pk, "RHK belum mengacu dengan tepat")
    assert "SKP 2026 Anda dikembalikan" in belum_dibaca(org.staf_a1)
    svc_skp.ajukan_skp(org.staf_a1.user, skp.pk)
    assert "SKP 2026 Anda dikembalikan" not in belum_dibaca(org.staf_a1)


def test_the_bell_counts_one_less_once_the_ppk_has_rated(org, login, diajukan):
    client = login(org.atasan_a)
    assert ">3<" in _lonceng(client)
    diajukan.nilai(org.staf_a1, sudah_diajukan=True)
    assert ">2<" in _lonceng(client)
