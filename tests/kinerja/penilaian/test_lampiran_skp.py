"""Lampiran SKP (PermenPANRB 6/2022): dukungan sumber daya, skema pertanggungjawaban and konsekuensi, written with
the plan while it can be changed, by whoever edits the SKP, audited, and shown on the SKP's page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import LogAudit
from core.errors import NotPermitted, WrongState
from kinerja.models import SKP
from kinerja.penilaian import services_skp as svc_skp
from tests.kinerja.penilaian.bantuan_evaluasi import TAHUN, Skenario

pytestmark = pytest.mark.django_db

LAMPIRAN = {
    "dukungan_sumber_daya": "1. Anggaran kegiatan analisis jabatan.\n2. Aplikasi SIMPEG.",
    "skema_pertanggungjawaban": "Laporan bulanan kepada atasan langsung.",
    "konsekuensi": "Capaian di bawah ekspektasi ditindaklanjuti dengan pembinaan.",
}


@pytest.fixture
def draf(org):
    """staf_a1's draft SKP of the next year."""
    return svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN + 1)


def _url(skp):
    return reverse("skp_lampiran", args=[skp.pk])


def test_the_asn_writes_the_annex_which_the_skp_page_shows(org, login, draf):
    client = login(org.staf_a1)
    halaman = client.get(reverse("skp_detail", args=[draf.pk])).content.decode()
    assert "Lampiran SKP" in halaman and "Belum diisi." in halaman and _url(draf) in halaman
    form = client.get(_url(draf)).content.decode()
    # Each part says what it holds.
    for nama in SKP.FIELD_LAMPIRAN:
        assert f'name="{nama}"' in form
    assert "sumber daya yang disediakan organisasi" in form and "mempertanggungjawabkan hasil kerjanya" in form
    assert "penghargaan bila di atas ekspektasi" in form

    respons = client.post(_url(draf), {**LAMPIRAN, "konsekuensi": f"  {LAMPIRAN['konsekuensi']}  "}, follow=True)
    assert "Lampiran SKP disimpan." in [str(m) for m in respons.context["messages"]]
    assert respons.redirect_chain[-1][0] == reverse("skp_detail", args=[draf.pk])
    draf.refresh_from_db()
    assert {n: getattr(draf, n) for n in SKP.FIELD_LAMPIRAN} == LAMPIRAN
    html = respons.content.decode()
    assert "1. Anggaran kegiatan analisis jabatan.<br>2. Aplikasi SIMPEG." in html and "Belum diisi." not in html
    log = LogAudit.objects.get(aksi="skp_lampiran")
    assert (log.objek_id, log.oleh) == (draf.pk, org.staf_a1.user)
    assert log.perubahan == {n: ["", t] for n, t in LAMPIRAN.items()}


def test_hr_of_the_unit_writes_it_too_and_an_unchanged_save_is_not_audited(org, draf):
    svc_skp.simpan_lampiran_skp(org.hr_a.user, draf.pk, LAMPIRAN)
    svc_skp.simpan_lampiran_skp(org.hr_a.user, draf.pk, LAMPIRAN)
    assert LogAudit.objects.filter(aksi="skp_lampiran").count() == 1
    # A part not given keeps its text.
    svc_skp.simpan_lampiran_skp(org.hr_a.user, draf.pk, {"konsekuensi": ""})
    draf.refresh_from_db()
    assert (draf.dukungan_sumber_daya, draf.konsekuensi) == (LAMPIRAN["dukungan_sumber_daya"], "")
    assert LogAudit.objects.filter(aksi="skp_lampiran").latest("pk").perubahan == {
        "konsekuensi": [LAMPIRAN["konsekuensi"], ""]
    }


@pytest.mark.parametrize(("siapa", "galat"), [("atasan_a", NotPermitted), ("hr_b", NotPermitted)])
def test_who_does_not_edit_the_skp_may_not_write_its_annex(org, draf, siapa, galat):
    with pytest.raises(galat):
        svc_skp.simpan_lampiran_skp(getattr(org, siapa).user, draf.pk, LAMPIRAN)
    draf.refresh_from_db()
    assert draf.konsekuensi == "" and not LogAudit.objects.filter(aksi="skp_lampiran").exists()


def test_an_approved_skp_keeps_its_annex(org, login):
    s = Skenario(org)
    with pytest.raises(WrongState, match="Disetujui tidak dapat diubah"):
        svc_skp.simpan_lampiran_skp(org.staf_a1.user, s.skp_a1.pk, LAMPIRAN)
    client = login(org.staf_a1)
    respons = client.post(_url(s.skp_a1), LAMPIRAN, follow=True)
    assert "SKP berstatus Disetujui tidak dapat diubah." in [str(m) for m in respons.context["messages"]]
    s.skp_a1.refresh_from_db()
    assert s.skp_a1.konsekuensi == ""
    assert _url(s.skp_a1) not in client.get(reverse("skp_detail", args=[s.skp_a1.pk])).content.decode()


def test_a_part_too_long_is_shown_beside_its_field_and_nothing_is_saved(org, login, draf):
    respons = login(org.staf_a1).post(_url(draf), {**LAMPIRAN, "skema_pertanggungjawaban": "x" * 2001})
    assert respons.status_code == 200
    assert list(respons.context["form"].errors) == ["skema_pertanggungjawaban"]
    with pytest.raises(ValidationError) as info:
        svc_skp.simpan_lampiran_skp(org.staf_a1.user, draf.pk, {**LAMPIRAN, "konsekuensi": "x" * 2001})
    assert info.value.message_dict == {"konsekuensi": ["Paling panjang 2000 karakter."]}
    with pytest.raises(ValidationError, match="tidak dikenal: lampiran_lain"):
        svc_skp.simpan_lampiran_skp(org.staf_a1.user, draf.pk, {"lampiran_lain": "x"})
    draf.refresh_from_db()
    assert {getattr(draf, n) for n in SKP.FIELD_LAMPIRAN} == {""}
    assert not LogAudit.objects.filter(aksi="skp_lampiran").exists()


def test_copying_last_years_skp_copies_its_annex(org, draf):
    svc_skp.simpan_lampiran_skp(org.staf_a1.user, draf.pk, LAMPIRAN)
    salinan = svc_skp.salin_skp_tahun_lalu(org.staf_a1.user, org.staf_a1.pk, TAHUN + 2)
    assert {n: getattr(salinan, n) for n in SKP.FIELD_LAMPIRAN} == LAMPIRAN
