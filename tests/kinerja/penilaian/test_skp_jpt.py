"""SKP for JPT (PermenPANRB 6/2022): a pimpinan tinggi plans the organisation's targets, the unit's sasaran strategis
with their Indikator Kinerja Utama from its Perjanjian Kinerja, beside the cascading JA/JF model."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.models import SKP
from kinerja.penilaian import services_skp as svc_skp
from tests.factories import PegawaiFactory
from tests.kinerja.penilaian.bantuan_evaluasi import TAHUN

pytestmark = pytest.mark.django_db

PK = "Perjanjian Kinerja Kepala Badan Tahun 2026 Nomor 800/BKD/12/2026"


@pytest.mark.parametrize(
    ("jenis_jabatan", "jenis"),
    [
        ("JPT_UTAMA", "JPT"),
        ("JPT_MADYA", "JPT"),
        ("JPT_PRATAMA", "JPT"),
        ("ADMINISTRATOR", "JA_JF"),
        ("PENGAWAS", "JA_JF"),
        ("AHLI_PERTAMA", "JA_JF"),
        ("", "JA_JF"),
    ],
)
def test_the_skp_model_follows_the_post(jenis_jabatan, jenis):
    assert SKP.jenis_untuk(jenis_jabatan) == jenis


def _skp_kepala(org):
    """The Kepala Badan (JPT pratama, appraised by nobody on the roster but the org's own chain) starts an SKP."""
    return svc_skp.buat_skp(org.kepala.user, org.kepala.pk, TAHUN)


def test_a_jpt_starts_a_jpt_skp_and_staff_a_ja_jf_one(org):
    assert _skp_kepala(org).jenis == "JPT"
    assert svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN).jenis == "JA_JF"


def _ajukan_tanpa_pk(org):
    """The Kepala Badan's JPT SKP with a sasaran and an IKU, no supervisor's RHK to cite, submitted to a PPK."""
    penilai = PegawaiFactory(nama="Sekretaris Daerah", jenis_jabatan="JPT_MADYA", unit_kerja=org.opd_a.induk)
    org.kepala.atasan = penilai
    org.kepala.save()
    skp = _skp_kepala(org)
    rhk = svc_skp.simpan_rhk(org.kepala.user, skp.pk, uraian="Meningkatnya profesionalitas ASN daerah")
    svc_skp.simpan_indikator(
        org.kepala.user, rhk.pk, uraian="Indeks profesionalitas ASN", aspek="KUALITAS", target=75, satuan="indeks"
    )
    return skp


def test_a_jpt_skp_needs_its_perjanjian_kinerja_not_a_supervisors_rhk(org):
    skp = _ajukan_tanpa_pk(org)
    with pytest.raises(ValidationError) as galat:
        svc_skp.ajukan_skp(org.kepala.user, skp.pk)
    assert galat.value.messages == [
        "SKP JPT harus mencantumkan Perjanjian Kinerja yang menjadi dasar sasaran strategisnya (Ubah lampiran)."
    ]
    assert SKP.objects.get(pk=skp.pk).status == "DRAFT"
    svc_skp.simpan_lampiran_skp(org.kepala.user, skp.pk, {"perjanjian_kinerja": PK})
    # The sasaran cites no supervisor's RHK: a JPT's come from the unit's Perjanjian Kinerja.
    assert svc_skp.ajukan_skp(org.kepala.user, skp.pk).status == "DIAJUKAN"


def test_a_ja_jf_skp_takes_no_perjanjian_kinerja(org):
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    with pytest.raises(ValidationError, match="tidak dikenal: perjanjian_kinerja"):
        svc_skp.simpan_lampiran_skp(org.staf_a1.user, skp.pk, {"perjanjian_kinerja": PK})
    assert SKP.objects.get(pk=skp.pk).perjanjian_kinerja == ""


def test_the_jpt_skp_pages_speak_of_sasaran_strategis_iku_and_the_perjanjian_kinerja(org, login):
    skp = _ajukan_tanpa_pk(org)
    client = login(org.kepala)
    halaman = client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    assert "SKP jabatan pimpinan tinggi" in halaman and "belum dicantumkan" in halaman
    assert "Indikator kinerja utama (IKU)" in halaman and "Tambah sasaran strategis" in halaman
    rhk_form = client.get(reverse("skp_rhk_baru", args=[skp.pk])).context["form"]
    assert rhk_form.fields["uraian"].label == "Sasaran strategis (RHK)"
    rhk = skp.rhk.get()
    assert (
        client.get(reverse("skp_indikator_baru", args=[rhk.pk])).context["form"].fields["uraian"].label
        == "Indikator kinerja utama (IKU)"
    )
    lampiran = client.get(reverse("skp_lampiran", args=[skp.pk]))
    assert "perjanjian_kinerja" in lampiran.context["form"].fields
    client.post(
        reverse("skp_lampiran", args=[skp.pk]),
        {"perjanjian_kinerja": PK, "dukungan_sumber_daya": "", "skema_pertanggungjawaban": "", "konsekuensi": ""},
    )
    assert PK in client.get(reverse("skp_detail", args=[skp.pk])).content.decode()


def test_a_ja_jf_skp_keeps_its_wording(org, login):
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    client = login(org.staf_a1)
    halaman = client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    assert "SKP jabatan pimpinan tinggi" not in halaman and "Tambah RHK" in halaman
    assert "perjanjian_kinerja" not in client.get(reverse("skp_lampiran", args=[skp.pk])).context["form"].fields
