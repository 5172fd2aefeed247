"""The SKP: cascading to the supervisor's RHK of the same year, who may write and approve it, and copying."""

import pytest
from django.core.exceptions import ValidationError

from core.errors import NotPermitted, WrongState
from kinerja.models import SKP, RencanaHasilKerja, RiwayatSKP
from kinerja.penilaian import services_skp as svc_skp
from tests.kinerja.penilaian.bantuan_evaluasi import TAHUN, skp_atasan, skp_disetujui


def test_an_rhk_may_cite_the_supervisors_rhk_of_the_same_year(org):
    rhk_atasan = skp_atasan(org.atasan_a)
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    rhk = svc_skp.simpan_rhk(org.staf_a1.user, skp.pk, uraian="Analisis jabatan", rhk_atasan_id=rhk_atasan.pk)
    assert rhk.rhk_atasan == rhk_atasan
    assert list(rhk_atasan.rhk_bawahan.all()) == [rhk]


@pytest.mark.parametrize("sumber", ["atasan_tahun_lalu", "bukan_atasan", "atasan_dari_atasan"])
def test_an_rhk_cannot_cite_an_rhk_outside_the_supervisors_skp_of_the_same_year(org, sumber):
    rhk_lain = {
        "atasan_tahun_lalu": lambda: skp_atasan(org.atasan_a, tahun=TAHUN - 1),
        "bukan_atasan": lambda: skp_atasan(org.staf_b),
        "atasan_dari_atasan": lambda: skp_atasan(org.kepala),
    }[sumber]()
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    with pytest.raises(ValidationError) as info:
        svc_skp.simpan_rhk(org.staf_a1.user, skp.pk, uraian="Analisis jabatan", rhk_atasan_id=rhk_lain.pk)
    assert "rhk_atasan" in info.value.message_dict
    assert not skp.rhk.exists()


def test_submitting_needs_indicators_and_cascading(org):
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    svc_skp.simpan_rhk(org.staf_a1.user, skp.pk, uraian="Analisis jabatan")
    with pytest.raises(ValidationError) as info:
        svc_skp.ajukan_skp(org.staf_a1.user, skp.pk)
    assert any("belum memiliki indikator" in m for m in info.value.messages)
    assert any("belum mengacu pada RHK atasan" in m for m in info.value.messages)
    assert SKP.objects.get(pk=skp.pk).status == "DRAFT"


@pytest.mark.parametrize(
    "penulis, boleh",
    [("staf_a1", True), ("hr_a", True), ("admin", True), ("staf_a2", False), ("atasan_a", False), ("hr_b", False)],
)
def test_only_the_asn_or_hr_of_their_unit_write_the_skp(org, penulis, boleh):
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    pelaku = getattr(org, penulis)
    user = getattr(pelaku, "user", pelaku)
    if boleh:
        svc_skp.simpan_rhk(user, skp.pk, uraian="Analisis jabatan")
        assert skp.rhk.count() == 1
    else:
        with pytest.raises(NotPermitted):
            svc_skp.simpan_rhk(user, skp.pk, uraian="Analisis jabatan")
        assert not skp.rhk.exists()


def test_an_approved_or_submitted_skp_cannot_be_edited(org):
    skp = skp_disetujui(org.staf_a1, skp_atasan(org.atasan_a))
    rhk = skp.rhk.get()
    for aksi in (
        lambda: svc_skp.simpan_rhk(org.staf_a1.user, skp.pk, uraian="Baru"),
        lambda: svc_skp.simpan_indikator(org.staf_a1.user, rhk.pk, uraian="x", aspek="KUANTITAS", target=1, satuan="x"),
        lambda: svc_skp.hapus_rhk(org.staf_a1.user, rhk.pk),
        lambda: svc_skp.hapus_indikator(org.staf_a1.user, rhk.indikator.first().pk),
    ):
        with pytest.raises(WrongState, match="Disetujui tidak dapat diubah"):
            aksi()
    assert skp.rhk.count() == 1 and rhk.indikator.count() == 3


@pytest.mark.parametrize("peninjau", ["kepala", "staf_a2", "hr_a", "admin", "staf_a1"])
def test_only_the_direct_supervisor_approves_or_returns(org, peninjau):
    rhk_atasan = skp_atasan(org.atasan_a)
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    rhk = svc_skp.simpan_rhk(org.staf_a1.user, skp.pk, uraian="Analisis", rhk_atasan_id=rhk_atasan.pk)
    svc_skp.simpan_indikator(org.staf_a1.user, rhk.pk, uraian="Dokumen", aspek="KUANTITAS", target=4, satuan="dokumen")
    svc_skp.ajukan_skp(org.staf_a1.user, skp.pk)
    pelaku = getattr(org, peninjau)
    user = getattr(pelaku, "user", pelaku)
    with pytest.raises(NotPermitted):
        svc_skp.setujui_skp(user, skp.pk)
    with pytest.raises(NotPermitted):
        svc_skp.kembalikan_skp(user, skp.pk, "Tidak sesuai")
    assert SKP.objects.get(pk=skp.pk).status == "DIAJUKAN"


def test_a_returned_skp_carries_the_reason_and_can_be_edited_and_resubmitted(org):
    rhk_atasan = skp_atasan(org.atasan_a)
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    rhk = svc_skp.simpan_rhk(org.staf_a1.user, skp.pk, uraian="Analisis", rhk_atasan_id=rhk_atasan.pk)
    svc_skp.simpan_indikator(org.staf_a1.user, rhk.pk, uraian="Dokumen", aspek="KUANTITAS", target=4, satuan="dokumen")
    svc_skp.ajukan_skp(org.staf_a1.user, skp.pk)
    with pytest.raises(ValidationError):
        svc_skp.kembalikan_skp(org.atasan_a.user, skp.pk, "")
    skp = svc_skp.kembalikan_skp(org.atasan_a.user, skp.pk, "Target terlalu rendah")
    assert (skp.status, skp.alasan_pengembalian) == ("DIKEMBALIKAN", "Target terlalu rendah")
    svc_skp.simpan_indikator(
        org.staf_a1.user,
        rhk.pk,
        indikator_id=rhk.indikator.get().pk,
        uraian="Dokumen",
        aspek="KUANTITAS",
        target=8,
        satuan="dokumen",
    )
    svc_skp.ajukan_skp(org.staf_a1.user, skp.pk)
    skp = svc_skp.setujui_skp(org.atasan_a.user, skp.pk)
    assert (skp.status, skp.disetujui_oleh) == ("DISETUJUI", org.atasan_a.user)
    assert list(RiwayatSKP.objects.filter(skp=skp).values_list("dari_status", "ke_status", "alasan")) == [
        ("", "DRAFT", ""),
        ("DRAFT", "DIAJUKAN", ""),
        ("DIAJUKAN", "DIKEMBALIKAN", "Target terlalu rendah"),
        ("DIKEMBALIKAN", "DIAJUKAN", ""),
        ("DIAJUKAN", "DISETUJUI", ""),
    ]


def test_a_supervisors_rhk_cited_by_the_team_cannot_be_deleted(org):
    rhk_atasan = skp_atasan(org.atasan_a)
    skp_disetujui(org.staf_a1, rhk_atasan)
    with pytest.raises(WrongState, match="diacu oleh RHK bawahan"):
        svc_skp.hapus_rhk(org.atasan_a.user, rhk_atasan.pk)
    assert RencanaHasilKerja.objects.filter(pk=rhk_atasan.pk).exists()


def test_copying_last_years_skp_copies_rhk_and_indicators_but_not_the_cascading(org):
    lama = skp_disetujui(org.staf_a1, skp_atasan(org.atasan_a, tahun=TAHUN - 1), tahun=TAHUN - 1)
    baru = svc_skp.salin_skp_tahun_lalu(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    assert (baru.tahun, baru.status) == (TAHUN, "DRAFT")
    rhk_lama, rhk_baru = lama.rhk.get(), baru.rhk.get()
    assert rhk_baru.uraian == rhk_lama.uraian and rhk_baru.rhk_atasan is None
    assert list(rhk_baru.indikator.values_list("uraian", "aspek", "target", "satuan")) == list(
        rhk_lama.indikator.values_list("uraian", "aspek", "target", "satuan")
    )
    with pytest.raises(ValidationError, match="sudah ada"):
        svc_skp.salin_skp_tahun_lalu(org.staf_a1.user, org.staf_a1.pk, TAHUN)


def test_copying_needs_last_years_skp(org):
    with pytest.raises(ValidationError, match=f"Tidak ada SKP tahun {TAHUN - 1}"):
        svc_skp.salin_skp_tahun_lalu(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    assert not SKP.objects.exists()


def test_an_indicator_target_must_be_positive(org):
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    rhk = svc_skp.simpan_rhk(org.staf_a1.user, skp.pk, uraian="Analisis")
    with pytest.raises(ValidationError):
        svc_skp.simpan_indikator(org.staf_a1.user, rhk.pk, uraian="x", aspek="KUANTITAS", target=0, satuan="dokumen")
    assert not rhk.indikator.exists()
