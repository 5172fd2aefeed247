"""Rencana aksi: per RHK, what the ASN plans to do in the period, written at its start (by the ASN or HR on their
behalf) while the evaluation can be filled, and shown beside the realisation to the ASN and the appraiser."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import LogAudit
from core.errors import VersionConflict, WrongState
from kinerja.models import EvaluasiKinerja, RencanaAksi
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from tests.factories import IndikatorKinerjaFactory, RencanaHasilKerjaFactory
from tests.kinerja.penilaian.bantuan_evaluasi import RENCANA_AKSI, Skenario

pytestmark = pytest.mark.django_db


def _url(ev):
    return reverse("evaluasi_rencana_aksi", args=[ev.pk])


def _rhk(ev):
    return ev.skp.rhk.get()


def test_the_asn_writes_a_plan_at_the_start_of_the_period_before_any_realisation(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    client = login(org.staf_a1)
    html = client.get(_url(ev)).content.decode()
    # The RHK with its indicators' targets, and a field for its plan.
    assert "Tersusunnya analisis jabatan" in html and "target 10 dokumen" in html
    assert f'name="rencana_{_rhk(ev).pk}"' in html and "atas nama" not in html

    respons = client.post(_url(ev), {"versi": ev.versi, f"rencana_{_rhk(ev).pk}": f"  {RENCANA_AKSI}  "}, follow=True)
    assert "Rencana aksi tersimpan." in [str(m) for m in respons.context["messages"]]
    assert respons.redirect_chain[-1][0] == reverse("evaluasi_detail", args=[ev.pk])
    rencana = RencanaAksi.objects.get(evaluasi=ev)
    assert (rencana.rhk, rencana.rencana, rencana.diisi_oleh, rencana.diisi_sebagai) == (
        _rhk(ev),
        RENCANA_AKSI,
        org.staf_a1.user,
        "PEGAWAI",
    )
    assert not ev.realisasi.exists() and s.evaluasi().status == "DRAFT"
    log = LogAudit.objects.get(aksi="evaluasi_rencana_aksi")
    assert log.perubahan == {"rencana aksi: Tersusunnya analisis jabatan": ["", RENCANA_AKSI]} and log.uraian == ""
    assert RENCANA_AKSI in respons.content.decode()


def test_hr_writes_it_on_behalf_of_the_asn_which_is_recorded_and_shown_as_such(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    client = login(org.hr_a)
    assert "atas nama Staf A Satu" in client.get(_url(ev)).content.decode()
    client.post(_url(ev), {"versi": ev.versi, f"rencana_{_rhk(ev).pk}": RENCANA_AKSI})
    rencana = RencanaAksi.objects.get(evaluasi=ev)
    assert (rencana.diisi_oleh, rencana.diisi_sebagai) == (org.hr_a.user, "PENGELOLA")
    assert LogAudit.objects.get(aksi="evaluasi_rencana_aksi").uraian == "Diisi pengelola kinerja atas nama pegawai."
    html = login(org.staf_a1).get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert RENCANA_AKSI in html and "(diisi pengelola atas nama pegawai)" in html


def test_the_plan_is_shown_beside_the_realisation_on_the_form_the_evaluation_and_the_rating_page(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    isi = reverse("evaluasi_isi", args=[ev.pk])
    client = login(org.staf_a1)
    assert "Rencana aksi:" in client.get(isi).content.decode()  # cached now, with "belum diisi"
    s.rencana_aksi()
    # The cached realisation form shows the new plan at once.
    assert RENCANA_AKSI in client.get(isi).content.decode()
    assert RENCANA_AKSI in client.get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    ev = s.ajukan()
    penilaian = login(org.atasan_a).get(reverse("evaluasi_nilai", args=[ev.pk])).content.decode()
    assert RENCANA_AKSI in penilaian and "88,67%" in penilaian


def test_without_a_plan_the_pages_say_it_is_not_written(org, login):
    s = Skenario(org)
    ev = s.ajukan()
    html = login(org.atasan_a).get(reverse("evaluasi_nilai", args=[ev.pk])).content.decode()
    assert "Rencana aksi:" in html and "belum diisi" in html


def test_an_emptied_plan_is_removed_and_the_removal_audited(org):
    s = Skenario(org)
    s.rencana_aksi()
    ev = s.rencana_aksi(teks="   ")
    assert not RencanaAksi.objects.filter(evaluasi=ev).exists()
    assert LogAudit.objects.filter(aksi="evaluasi_rencana_aksi").latest("pk").perubahan == {
        "rencana aksi: Tersusunnya analisis jabatan": [RENCANA_AKSI, ""]
    }


def test_saving_the_same_plan_again_writes_no_audit_entry(org):
    s = Skenario(org)
    s.rencana_aksi()
    s.rencana_aksi()
    assert LogAudit.objects.filter(aksi="evaluasi_rencana_aksi").count() == 1


def test_a_plan_too_long_is_a_field_error_and_nothing_is_saved(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    nama = f"rencana_{_rhk(ev).pk}"
    respons = login(org.staf_a1).post(_url(ev), {"versi": ev.versi, nama: "x" * 1001})
    assert respons.status_code == 200
    assert respons.context["form"].errors[nama] == [
        "Pastikan nilai ini mengandung paling banyak 1000 karakter (sekarang 1001 karakter)."
    ]
    assert not RencanaAksi.objects.exists()
    # The service refuses it too, beside the field, whatever sends it.
    with pytest.raises(ValidationError) as info:
        svc.isi_rencana_aksi(org.staf_a1.user, ev.pk, ev.versi, {_rhk(ev).pk: "x" * 1001})
    assert info.value.message_dict == {nama: ["Rencana aksi paling panjang 1000 karakter."]}
    assert not RencanaAksi.objects.exists()
    assert EvaluasiKinerja.objects.get(pk=ev.pk).versi == ev.versi


def test_an_rhk_of_another_plan_is_refused_and_nothing_is_saved(org):
    s = Skenario(org)
    ev = s.evaluasi()
    lain = s.skp_a2.rhk.get()
    with pytest.raises(ValidationError) as info:
        svc.isi_rencana_aksi(
            org.staf_a1.user, ev.pk, ev.versi, {_rhk(ev).pk: RENCANA_AKSI, lain.pk: "Bukan milik saya"}
        )
    assert info.value.message_dict == {f"rencana_{lain.pk}": ["RHK ini bukan bagian dari SKP evaluasi ini."]}
    assert not RencanaAksi.objects.exists()


def test_a_save_made_meanwhile_is_kept_and_the_later_one_asked_to_reload(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    s.rencana_aksi(user=org.hr_a.user)  # HR saved first
    nama = f"rencana_{_rhk(ev).pk}"
    respons = login(org.staf_a1).post(_url(ev), {"versi": ev.versi, nama: "Rencana saya sendiri"})
    html = respons.content.decode()
    assert respons.status_code == 200
    assert "sudah diubah oleh Pengelola A" in html and "Muat ulang halaman" in html
    assert "Rencana saya sendiri" in html  # what the ASN typed is still in the form
    assert RencanaAksi.objects.get(evaluasi=ev).rencana == RENCANA_AKSI
    with pytest.raises(VersionConflict):
        svc.isi_rencana_aksi(org.staf_a1.user, ev.pk, ev.versi, {_rhk(ev).pk: "Lagi"})


def test_once_submitted_the_plan_is_read_only_until_returned(org, login):
    s = Skenario(org)
    s.rencana_aksi()
    ev = s.ajukan()
    client = login(org.staf_a1)
    html = client.get(_url(ev)).content.decode()
    assert "tidak dapat diubah lagi" in html and "Simpan rencana aksi" not in html
    respons = client.post(_url(ev), {"versi": ev.versi, f"rencana_{_rhk(ev).pk}": "Diubah sesudah diajukan"})
    assert "Tidak dapat mengisi rencana aksi evaluasi berstatus Diajukan" in respons.content.decode()
    assert RencanaAksi.objects.get(evaluasi=ev).rencana == RENCANA_AKSI
    detail = client.get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert _url(ev) not in detail

    svc.kembalikan_evaluasi(org.atasan_a.user, ev.pk, s.evaluasi().versi, "Rencana aksi kurang rinci")
    s.rencana_aksi(teks="Rencana yang lebih rinci")
    assert RencanaAksi.objects.get(evaluasi=ev).rencana == "Rencana yang lebih rinci"


def test_a_closed_period_refuses_the_plan_and_changes_nothing(org):
    s = Skenario(org)
    s.rencana_aksi()
    svc_periode.tutup_periode(org.admin, s.periode.pk)
    with pytest.raises(WrongState, match="sudah ditutup"):
        s.rencana_aksi(teks="Terlambat")
    assert RencanaAksi.objects.get().rencana == RENCANA_AKSI


def test_without_an_approved_plan_there_is_nothing_to_write_against(org, login):
    s = Skenario(org)
    ev = s.evaluasi(org.atasan_a)  # the supervisor's own SKP is a draft
    with pytest.raises(WrongState, match="belum disetujui"):
        svc.isi_rencana_aksi(org.atasan_a.user, ev.pk, ev.versi, {})
    respons = login(org.atasan_a).post(_url(ev), {"versi": ev.versi, f"rencana_{ev.skp.rhk.get().pk}": "Rencana"})
    assert "SKP 2026 pegawai ini belum disetujui pejabat penilai kinerja." in respons.content.decode()
    assert not RencanaAksi.objects.exists()


def test_the_asn_finds_the_plan_from_kinerja_saya_and_the_evaluation_page(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    client = login(org.staf_a1)
    assert _url(ev) in client.get(reverse("kinerja_saya")).content.decode()
    assert _url(ev) in client.get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    # The appraiser reads it but does not write it.
    assert _url(ev) not in login(org.atasan_a).get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()


def test_the_page_runs_the_same_queries_for_one_rhk_and_for_five(org, login, django_assert_max_num_queries):
    s = Skenario(org)
    ev = s.evaluasi()
    s.rencana_aksi()
    client = login(org.staf_a1)
    hitung = []
    for tambahan in (0, 4):
        for i in range(tambahan):
            IndikatorKinerjaFactory(rhk=RencanaHasilKerjaFactory(skp=ev.skp, uraian=f"RHK tambahan {i}"))
        # Session, the user with roles and bell, the evaluation, its realisations and plans, its RHK and their
        # indicators: seven, whatever the number of RHK.
        with django_assert_max_num_queries(7) as ctx:
            html = client.get(_url(ev)).content.decode()
        hitung.append(len(ctx.captured_queries))
    assert "RHK tambahan 3" in html and html.count('name="rencana_') == 5
    assert hitung[0] == hitung[1], hitung
