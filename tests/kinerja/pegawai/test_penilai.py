"""Who appraises an ASN (kinerja/pegawai/penilai.py). PermenPANRB 6/2022 (DOMAIN.md §1): the pejabat penilai
kinerja is the direct supervisor, unless another official is named (a unit head whose appraiser is the Sekda; the
Gubernur, outside the roster, for the Sekda); the atasan pejabat penilai is the PPK's own appraiser unless named."""

import pytest

from kinerja.pegawai.models import Pegawai, PejabatLuar, dinilai_oleh
from kinerja.pegawai.penilai import BarisPenilai, Penilai, penilai, ppk
from tests.factories import PegawaiFactory

# (atasan, penilai, penilai_luar) → PPK as (pegawai id, luar id)
KASUS_PPK = [
    ((None, None, None), (None, None)),  # a head of OPD with nobody named: no PPK yet
    ((7, None, None), (7, None)),  # the direct supervisor by default
    ((7, 9, None), (9, None)),  # a named roster ASN wins over the supervisor
    ((None, 9, None), (9, None)),  # a Kepala Dinas with the Sekda named
    ((7, None, 3), (None, 3)),  # an appraiser outside the roster wins too
    ((None, None, 3), (None, 3)),  # the Sekda with the Gubernur named
]


@pytest.mark.parametrize(("kolom", "harapan"), KASUS_PPK)
def test_the_ppk_is_the_named_appraiser_else_the_direct_supervisor(kolom, harapan):
    atasan, dinamai, luar = kolom
    assert ppk(BarisPenilai(1, atasan, dinamai, luar)) == harapan


SEKDA = BarisPenilai(9, None, None, 3)  # appraised by the Gubernur (outside the roster, id 3)
KEPALA_SEKSI = BarisPenilai(7, 20)  # appraised by their supervisor 20
KASUS_ATASAN = [
    # the Kepala Dinas: PPK the Sekda, so the atasan PPK is the Sekda's PPK, the Gubernur
    (BarisPenilai(1, None, 9), SEKDA, Penilai(9, None, None, 3)),
    # staff: PPK the Kepala Seksi, atasan PPK the Kepala Seksi's supervisor
    (BarisPenilai(2, 7), KEPALA_SEKSI, Penilai(7, None, 20, None)),
    # an atasan PPK named by HR wins over the derived one
    (BarisPenilai(2, 7, atasan_penilai_luar_id=4), KEPALA_SEKSI, Penilai(7, None, None, 4)),
    (BarisPenilai(2, 7, atasan_penilai_id=30), KEPALA_SEKSI, Penilai(7, None, 30, None)),
    # a PPK outside the roster has no appraiser here: no atasan PPK unless named
    (BarisPenilai(9, None, None, 3), None, Penilai(None, 3, None, None)),
    # nobody to appraise: nothing
    (BarisPenilai(5), None, Penilai()),
    # the PPK's own PPK is the ASN: not their own atasan PPK
    (BarisPenilai(2, 7), BarisPenilai(7, 2), Penilai(7, None, None, None)),
]


@pytest.mark.parametrize(("baris", "baris_ppk", "harapan"), KASUS_ATASAN)
def test_the_atasan_ppk_is_the_named_one_else_the_ppks_own_ppk(baris, baris_ppk, harapan):
    assert penilai(baris, baris_ppk) == harapan


@pytest.mark.django_db
def test_the_team_filter_and_the_rule_agree_on_every_kind_of_row():
    """dinilai_oleh() (the Q the team pages filter with) names exactly the ASN whose ppk() is the given ASN."""
    gubernur = PejabatLuar.objects.create(nama="Gubernur", jabatan="Gubernur Gorontalo")
    sekda = PegawaiFactory()
    kasi = PegawaiFactory()
    semua = [
        PegawaiFactory(atasan=kasi),
        PegawaiFactory(atasan=kasi, penilai=sekda),
        PegawaiFactory(atasan=kasi, penilai_luar=gubernur),
        PegawaiFactory(atasan=sekda),
        PegawaiFactory(penilai=kasi),
        PegawaiFactory(),
        sekda,
        kasi,
    ]
    for orang in (sekda, kasi):
        lewat_q = set(Pegawai.objects.filter(dinilai_oleh(orang.pk)).values_list("pk", flat=True))
        lewat_aturan = {p.pk for p in semua if ppk(p.baris_penilai) == (orang.pk, None)}
        assert lewat_q == lewat_aturan
        assert lewat_q  # each has someone to appraise, so the comparison means something


@pytest.mark.django_db
def test_the_pegawai_properties_name_the_same_people_as_the_rule():
    gubernur = PejabatLuar.objects.create(nama="Drs. Gubernur", jabatan="Gubernur Gorontalo")
    sekda = PegawaiFactory(penilai_luar=gubernur)
    kepala = PegawaiFactory(penilai=sekda)
    staf = PegawaiFactory(atasan=kepala)
    assert (kepala.pejabat_penilai, kepala.atasan_pejabat_penilai) == (sekda, gubernur)
    assert (sekda.pejabat_penilai, sekda.atasan_pejabat_penilai) == (gubernur, None)
    assert (staf.pejabat_penilai, staf.atasan_pejabat_penilai) == (kepala, sekda)
