"""The evaluation's state machine: every action × state × actor is allowed or refused, and a refusal changes
nothing (PermenPANRB 6/2022 workflow: draft → submitted → rated → final, with the return path)."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from core.errors import NotPermitted, Refusal, WrongState
from kinerja.models import EvaluasiKinerja, Notifikasi, RealisasiIndikator, RencanaAksi, RiwayatEvaluasi
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario, penilaian

STATUS = ["DRAFT", "DIAJUKAN", "DINILAI", "DIKEMBALIKAN", "FINAL"]
PELAKU = ["pegawai", "atasan", "kepala", "rekan", "hr_a", "hr_b", "admin"]

# The specification, written out rather than derived from the code: (action) → states it starts from, who may.
BOLEH = {
    # The rencana aksi is written while the realisation may be, by the same people.
    "rencana": ({"DRAFT", "DIKEMBALIKAN"}, {"pegawai", "hr_a", "admin"}),
    "isi": ({"DRAFT", "DIKEMBALIKAN"}, {"pegawai", "hr_a", "admin"}),
    "ajukan": ({"DRAFT", "DIKEMBALIKAN"}, {"pegawai", "hr_a", "admin"}),
    # Tarik kembali: the submitter takes it back before it is rated.
    "tarik": ({"DIAJUKAN"}, {"pegawai", "hr_a", "admin"}),
    "nilai": ({"DIAJUKAN", "DINILAI"}, {"atasan"}),
    "kembalikan": ({"DIAJUKAN", "DINILAI"}, {"atasan"}),
    "finalkan": ({"DINILAI"}, {"hr_a", "admin"}),
    "akui": ({"FINAL"}, {"pegawai"}),
}
HASIL = {
    "ajukan": "DIAJUKAN",
    "tarik": "DRAFT",
    "nilai": "DINILAI",
    "kembalikan": "DIKEMBALIKAN",
    "finalkan": "FINAL",
    "akui": "FINAL",
}


def _user(s, pelaku):
    o = s.org
    return {
        "pegawai": o.staf_a1.user,
        "atasan": o.atasan_a.user,
        "kepala": o.kepala.user,
        "rekan": o.staf_a2.user,
        "hr_a": o.hr_a.user,
        "hr_b": o.hr_b.user,
        "admin": o.admin,
    }[pelaku]


def _lakukan(s, aksi, user, ev):
    if aksi == "rencana":
        return s.rencana_aksi(user=user)
    if aksi == "isi":
        indikator = ev.skp.rhk.get().indikator.order_by("urutan")
        isian = [svc.IsianRealisasi(i.pk, 7) for i in indikator]
        return svc.isi_realisasi(user, ev.pk, ev.versi, isian)
    if aksi == "ajukan":
        return svc.ajukan_evaluasi(user, ev.pk, ev.versi)
    if aksi == "tarik":
        return svc.tarik_evaluasi(user, ev.pk, ev.versi)
    if aksi == "nilai":
        alasan = "Koreksi penilaian" if ev.status == "DINILAI" else ""
        return svc.nilai_evaluasi(user, ev.pk, ev.versi, alasan=alasan, **penilaian(ev, "DI_ATAS", "DI_ATAS"))
    if aksi == "kembalikan":
        return svc.kembalikan_evaluasi(user, ev.pk, ev.versi, "Perbaiki bukti")
    if aksi == "finalkan":
        return svc_periode.finalkan_unit(
            user, s.periode.pk, s.org.bidang_a.pk, alasan_pengecualian="Uji alur", pengecualian=s.belum_dinilai()
        )
    if aksi == "akui":
        return svc.akui_evaluasi(user, ev.pk, ev.versi)
    raise AssertionError(aksi)


def _jejak(ev):
    """Everything a refused action must leave unchanged."""
    ev = EvaluasiKinerja.objects.get(pk=ev.pk)
    return (
        model_to_dict(ev),
        list(RealisasiIndikator.objects.filter(evaluasi=ev).values()),
        list(RencanaAksi.objects.filter(evaluasi=ev).values()),
        RiwayatEvaluasi.objects.count(),
        Notifikasi.objects.count(),
    )


@pytest.mark.parametrize("pelaku", PELAKU)
@pytest.mark.parametrize("status", STATUS)
@pytest.mark.parametrize("aksi", list(BOLEH))
def test_every_action_in_every_state_by_every_actor_is_allowed_or_refused(org, aksi, status, pelaku):
    s = Skenario(org)
    ev = s.ke_status(status)
    asal, siapa = BOLEH[aksi]
    user = _user(s, pelaku)
    if status in asal and pelaku in siapa:
        _lakukan(s, aksi, user, ev)
        ev.refresh_from_db()
        assert ev.status == HASIL.get(aksi, status)
        assert ev.versi > 1
    else:
        sebelum = _jejak(ev)
        with pytest.raises(Refusal) as info:
            _lakukan(s, aksi, user, ev)
        # The role is checked before the state, so a stranger learns nothing about the record's state.
        expected = NotPermitted if pelaku not in siapa else WrongState
        assert isinstance(info.value, expected), info.value
        assert info.value.message
        assert _jejak(ev) == sebelum


def test_each_move_is_logged_with_who_when_from_to_and_why(org):
    s = Skenario(org)
    ev = s.ke_status("DIKEMBALIKAN")
    log = list(ev.riwayat.values_list("aksi", "dari_status", "ke_status", "oleh", "alasan"))
    assert log == [
        ("DIAJUKAN", "DRAFT", "DIAJUKAN", org.staf_a1.user.pk, ""),
        ("DIKEMBALIKAN", "DIAJUKAN", "DIKEMBALIKAN", org.atasan_a.user.pk, "Bukti belum lengkap"),
    ]
    assert all(r.pada for r in ev.riwayat.all())
    assert ev.alasan_pengembalian == "Bukti belum lengkap"


def test_returning_needs_a_reason(org):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    with pytest.raises(Exception, match="Alasan pengembalian wajib diisi"):
        svc.kembalikan_evaluasi(org.atasan_a.user, ev.pk, ev.versi, "  ")
    assert s.evaluasi().status == "DIAJUKAN"


def test_rating_computes_and_stores_the_predikat_from_the_matrix(org):
    s = Skenario(org)
    ev = s.nilai(hasil="DI_BAWAH", perilaku="DI_ATAS")
    ev.refresh_from_db()
    assert ev.predikat == "BUTUH_PERBAIKAN"
    assert ev.umpan_balik_rhk.count() == 1
    assert ev.perilaku.count() == 7


def test_rating_needs_feedback_on_every_rhk(org):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    args = penilaian(ev)
    args["umpan_balik_rhk"] = {r: " " for r in args["umpan_balik_rhk"]}
    with pytest.raises(Exception) as info:
        svc.nilai_evaluasi(org.atasan_a.user, ev.pk, ev.versi, **args)
    assert list(info.value.message_dict) == [f"umpan_balik_rhk_{ev.skp.rhk.get().pk}"]
    assert s.evaluasi().status == "DIAJUKAN"


def test_re_rating_needs_a_reason_and_logs_each_score_old_to_new(org):
    s = Skenario(org)
    s.nilai(hasil="SESUAI", perilaku="SESUAI")
    ev = s.evaluasi()
    with pytest.raises(Exception, match="Alasan mengubah penilaian"):
        svc.nilai_evaluasi(org.atasan_a.user, ev.pk, ev.versi, **penilaian(ev, "DI_ATAS", "DI_ATAS"))
    svc.nilai_evaluasi(
        org.atasan_a.user, ev.pk, ev.versi, alasan="Capaian triwulan", **penilaian(ev, "DI_ATAS", "DI_ATAS")
    )
    perubahan = {
        r.field: (r.nilai_lama, r.nilai_baru, r.alasan)
        for r in ev.riwayat.filter(aksi="NILAI_DIUBAH", alasan="Capaian triwulan")
    }
    assert perubahan == {
        "rating_hasil_kerja": ("SESUAI", "DI_ATAS", "Capaian triwulan"),
        "rating_perilaku_kerja": ("SESUAI", "DI_ATAS", "Capaian triwulan"),
        "predikat": ("BAIK", "SANGAT_BAIK", "Capaian triwulan"),
    }


def test_a_realisation_changed_after_a_return_is_logged(org):
    s = Skenario(org)
    s.ke_status("DIKEMBALIKAN")
    s.isi(nilai=["8.5", 90, 12])
    log = s.evaluasi().riwayat.get(aksi="NILAI_DIUBAH")
    # Written as the history shows it, the Indonesian way: 10.00 stored is "10", 8.5 typed is "8,5".
    assert (log.nilai_lama, log.nilai_baru, log.oleh) == ("10", "8,5", org.staf_a1.user)
    assert "Dokumen analisis jabatan" in log.field and "(10 dokumen)" in log.field


def test_submitting_needs_every_indicator_realised(org):
    s = Skenario(org)
    ev = s.evaluasi()
    with pytest.raises(Exception, match="3 indikator yang belum diisi"):
        svc.ajukan_evaluasi(org.staf_a1.user, ev.pk, ev.versi)
    assert s.evaluasi().status == "DRAFT"


def test_filling_needs_an_approved_skp(org):
    s = Skenario(org)
    ev = s.evaluasi(org.atasan_a)  # the supervisor's own SKP is a draft
    with pytest.raises(WrongState, match="belum disetujui"):
        svc.isi_realisasi(org.atasan_a.user, ev.pk, ev.versi, [])


def test_the_workflow_notifies_the_next_actor(org):
    s = Skenario(org)
    s.ke_status("DIKEMBALIKAN")
    judul_atasan = list(Notifikasi.objects.filter(penerima=org.atasan_a.user).values_list("judul", flat=True))
    judul_pegawai = list(Notifikasi.objects.filter(penerima=org.staf_a1.user).values_list("judul", flat=True))
    assert any("menunggu penilaian" in j for j in judul_atasan)
    assert any("dikembalikan" in j for j in judul_pegawai)


def test_available_actions_follow_role_and_state(org):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    assert svc.aksi_tersedia(org.atasan_a.user, ev) == {"nilai", "kembalikan"}
    assert svc.aksi_tersedia(org.staf_a1.user, ev) == {"tarik"}
    ev = s.ke_status("DRAFT", org.staf_a2)
    assert svc.aksi_tersedia(org.hr_a.user, ev) == {"rencana", "isi", "ajukan"}
    assert svc.aksi_tersedia(org.hr_b.user, ev) == set()


def test_a_withdrawn_evaluation_goes_back_to_draft_tells_the_ppk_and_can_be_submitted_again(org, login):
    s = Skenario(org)
    ev = s.ajukan(org.staf_a1)
    halaman = login(org.staf_a1).get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert "Tarik kembali pengajuan" in halaman

    respons = login(org.staf_a1).post(reverse("evaluasi_tarik", args=[ev.pk]), {"versi": ev.versi}, follow=True)
    assert "Pengajuan ditarik kembali" in respons.content.decode()
    ev.refresh_from_db()
    assert (ev.status, ev.diajukan_pada) == ("DRAFT", None)
    assert ev.riwayat.filter(aksi="DITARIK", dari_status="DIAJUKAN", ke_status="DRAFT", oleh=org.staf_a1.user)
    assert Notifikasi.objects.filter(penerima=org.atasan_a.user, judul__contains="ditarik kembali").exists()
    assert "Tarik kembali pengajuan" not in respons.content.decode()

    svc.ajukan_evaluasi(org.staf_a1.user, ev.pk, ev.versi)
    ev.refresh_from_db()
    assert ev.status == "DIAJUKAN"


def test_a_rated_evaluation_can_no_longer_be_withdrawn_and_the_page_says_why(org, login):
    s = Skenario(org)
    ev = s.nilai(org.staf_a1)
    client = login(org.staf_a1)
    assert "Tarik kembali pengajuan" not in client.get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    respons = client.post(reverse("evaluasi_tarik", args=[ev.pk]), {"versi": ev.versi})
    assert "Tidak dapat menarik kembali evaluasi berstatus Dinilai" in respons.content.decode()
    ev.refresh_from_db()
    assert ev.status == "DINILAI"
