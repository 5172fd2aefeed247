"""Closing a period belongs to whoever manages every unit in it: a period is province-wide (it names no unit), so an
administrator, or HR staff whose units hold every unit with an active ASN or an evaluation in it."""

import pytest
from django.urls import reverse

from core.errors import NotPermitted
from core.roles import GRUP_PENGELOLA
from kinerja.models import Periode
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian.permissions import PESAN_TUTUP_PERIODE
from tests.factories import pegawai_dengan_akun, tugaskan_pengelola
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.django_db


def _pengelola(org, *unit):
    hr = pegawai_dengan_akun(groups=[GRUP_PENGELOLA], unit_kerja=org.opd_a, nama="Pengelola Lintas OPD")
    tugaskan_pengelola(hr.user, *unit)
    return hr.user


PELAKU = {
    "hr_satu_opd": lambda org: org.hr_a.user,
    "hr_opd_lain": lambda org: org.hr_b.user,
    "hr_kedua_opd": lambda org: _pengelola(org, org.opd_a, org.opd_b),
    "hr_unit_induk": lambda org: _pengelola(org, org.prov),
    "admin": lambda org: org.admin,
    "pegawai": lambda org: org.staf_a1.user,
}


@pytest.fixture
def dua_opd(org):
    """A period with evaluations in OPD A and OPD B."""
    s = Skenario(org)
    svc_periode.buat_evaluasi_periode(org.hr_b.user, s.periode.pk, [org.opd_b.pk])
    return s


@pytest.mark.parametrize(
    ("pelaku", "boleh"),
    [
        ("hr_satu_opd", False),
        ("hr_opd_lain", False),
        ("hr_kedua_opd", True),
        ("hr_unit_induk", True),
        ("admin", True),
        ("pegawai", False),
    ],
)
def test_who_may_close_a_period_covering_two_opd(org, dua_opd, pelaku, boleh):
    user = PELAKU[pelaku](org)
    if boleh:
        periode = svc_periode.tutup_periode(user, dua_opd.periode.pk)
        assert (periode.status, periode.ditutup_oleh) == ("DITUTUP", user)
    else:
        with pytest.raises(NotPermitted) as info:
            svc_periode.tutup_periode(user, dua_opd.periode.pk)
        assert info.value.message == PESAN_TUTUP_PERIODE
        assert Periode.objects.get().status == "DIBUKA"


def test_a_period_with_evaluations_in_one_opd_only_still_covers_the_other_opds_active_asn(org):
    # Skenario creates OPD A's evaluations only; OPD B's ASN may still get theirs, so its HR must not be cut off.
    s = Skenario(org)
    with pytest.raises(NotPermitted):
        svc_periode.tutup_periode(org.hr_a.user, s.periode.pk)
    assert Periode.objects.get().status == "DIBUKA"


def test_an_inactive_asn_with_an_evaluation_in_the_period_still_counts(org, dua_opd):
    hr = _pengelola(org, org.opd_a)
    for p in (org.staf_b, org.hr_b, org.petugas):
        p.aktif = False
        p.save()
    # staf_b, hr_b and petugas are inactive now, but their evaluations in OPD B remain.
    with pytest.raises(NotPermitted):
        svc_periode.tutup_periode(hr, dua_opd.periode.pk)
    svc_periode.tutup_periode(_pengelola(org, org.opd_b, org.opd_a), dua_opd.periode.pk)
    assert Periode.objects.get().status == "DITUTUP"


@pytest.mark.parametrize(("pelaku", "boleh"), [("hr_satu_opd", False), ("hr_kedua_opd", True), ("admin", True)])
def test_the_close_button_is_offered_only_to_who_may_close_and_the_page_refuses_the_others(
    org, dua_opd, client, pelaku, boleh
):
    client.force_login(PELAKU[pelaku](org))
    url = reverse("periode_tutup", args=[dua_opd.periode.pk])
    html = client.get(reverse("periode_detail", args=[dua_opd.periode.pk])).content.decode()
    assert ("Tutup periode" in html) is boleh and (f'action="{url}"' in html) is boleh
    response = client.post(url)
    if boleh:
        assert response.status_code == 302
        assert Periode.objects.get().status == "DITUTUP"
    else:
        assert response.status_code == 403
        assert "hanya administrator, atau pengelola kinerja yang mengelola setiap unit" in response.content.decode()
        assert Periode.objects.get().status == "DIBUKA"
