"""The matriks peran hasil: the supervisor divides an RHK among those they appraise, each drafts their RHK from
their role before the supervisor's SKP is approved, keeps the link, and is told when the supervisor's RHK changes."""

import pytest
from django.urls import reverse

from audit.models import LogAudit
from kinerja.models import Notifikasi, PeranHasil, RencanaHasilKerja
from kinerja.penilaian import services_skp as svc_skp
from tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

TAHUN = 2026
RHK_ATASAN = "Meningkatnya kualitas pengembangan SDM aparatur"
HASIL = "Tersusunnya analisis jabatan seluruh bidang"


@pytest.fixture
def rhk_atasan(org):
    """The supervisor's own SKP, a draft not submitted yet, with one RHK."""
    skp = svc_skp.buat_skp(org.atasan_a.user, org.atasan_a.pk, TAHUN)
    return svc_skp.simpan_rhk(org.atasan_a.user, skp.pk, uraian=RHK_ATASAN)


def _url(rhk):
    return reverse("skp_rhk_peran", args=[rhk.pk])


def _bagi(client, rhk, pegawai, hasil=HASIL, indikator="Jumlah dokumen analisis jabatan\nKetepatan waktu"):
    return client.post(_url(rhk), {"pegawai": pegawai.pk, "hasil": hasil, "indikator": indikator}, follow=True)


def test_the_supervisor_divides_an_rhk_of_a_draft_skp_and_the_asn_is_told(org, login, rhk_atasan):
    client = login(org.atasan_a)
    skp_html = client.get(reverse("skp_detail", args=[rhk_atasan.skp_id])).content.decode()
    assert _url(rhk_atasan) in skp_html
    html = client.get(_url(rhk_atasan)).content.decode()
    # Those the supervisor appraises, not anyone else.
    assert "Staf A Satu" in html and "Staf A Dua" in html and "Staf B" not in html
    respons = _bagi(client, rhk_atasan, org.staf_a1)
    assert "Peran hasil Staf A Satu disimpan." in [str(m) for m in respons.context["messages"]]
    peran = PeranHasil.objects.get()
    assert (peran.rhk_atasan, peran.pegawai, peran.hasil, peran.daftar_indikator) == (
        rhk_atasan,
        org.staf_a1,
        HASIL,
        ["Jumlah dokumen analisis jabatan", "Ketepatan waktu"],
    )
    assert HASIL in respons.content.decode() and "Belum disusun pegawai menjadi RHK." in respons.content.decode()
    assert org.staf_a1.user.notifikasi.get().judul == f"Peran hasil Anda pada RHK Atasan A {TAHUN}"
    assert LogAudit.objects.get(aksi="skp_peran_disimpan").perubahan["hasil"] == [None, HASIL]
    # Changing it keeps one row.
    _bagi(client, rhk_atasan, org.staf_a1, hasil="Tersusunnya peta jabatan")
    assert PeranHasil.objects.get().hasil == "Tersusunnya peta jabatan"


def test_a_role_for_someone_the_supervisor_does_not_appraise_is_refused(org, login, rhk_atasan):
    client = login(org.atasan_a)
    respons = client.post(_url(rhk_atasan), {"pegawai": org.staf_b.pk, "hasil": HASIL})
    assert respons.status_code == 200 and respons.context["form"].errors["pegawai"]
    respons = client.post(_url(rhk_atasan), {"pegawai": org.staf_a1.pk, "hasil": "  "})
    assert respons.context["form"].errors["hasil"]
    assert not PeranHasil.objects.exists()


@pytest.mark.parametrize(
    ("siapa", "status"), [("kepala", 403), ("staf_a1", 404), ("hr_a", 302), ("hr_b", 404), ("admin", 302)]
)
def test_only_the_owner_of_the_skp_or_hr_of_their_unit_divide_it(org, login, rhk_atasan, siapa, status):
    respons = login(getattr(org, siapa)).post(_url(rhk_atasan), {"pegawai": org.staf_a1.pk, "hasil": HASIL})
    assert respons.status_code == status
    assert PeranHasil.objects.exists() == (status == 302)


def test_the_asn_drafts_an_rhk_from_the_role_before_the_supervisors_skp_is_approved(org, login, rhk_atasan):
    _bagi(login(org.atasan_a), rhk_atasan, org.staf_a1)
    client = login(org.staf_a1)
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    html = client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    assert "Peran hasil dari atasan" in html and HASIL in html and "(SKP atasan draf)" in html
    url = reverse("skp_susun_dari_peran", args=[skp.pk, PeranHasil.objects.get().pk])
    respons = client.post(url, follow=True)
    assert "RHK disusun dari peran hasil. Lengkapi indikator dan targetnya." in [
        str(m) for m in respons.context["messages"]
    ]
    rhk = skp.rhk.get()
    assert (rhk.uraian, rhk.jenis, rhk.rhk_atasan, rhk.uraian_rhk_atasan) == (HASIL, "UTAMA", rhk_atasan, RHK_ATASAN)
    html = respons.content.decode()
    assert "Sudah disusun menjadi RHK" in html
    # Each proposed indicator opens the indicator form with its text.
    tambah = reverse("skp_indikator_baru", args=[rhk.pk]) + "?uraian=Ketepatan%20waktu"
    assert tambah in html
    assert "Ketepatan waktu</textarea>" in client.get(tambah).content.decode()
    # Once per supervisor's RHK; the matrix shows it drafted.
    respons = client.post(url, follow=True)
    assert "sudah memiliki RHK yang mengacu" in " ".join(str(m) for m in respons.context["messages"])
    assert skp.rhk.count() == 1
    assert "RHK disusun di SKP 2026 (draf)" in login(org.atasan_a).get(_url(rhk_atasan)).content.decode()


def test_someone_else_cannot_draft_from_a_role_that_is_not_theirs(org, login, rhk_atasan):
    _bagi(login(org.atasan_a), rhk_atasan, org.staf_a1)
    skp = svc_skp.buat_skp(org.staf_a2.user, org.staf_a2.pk, TAHUN)
    respons = login(org.staf_a2).post(
        reverse("skp_susun_dari_peran", args=[skp.pk, PeranHasil.objects.get().pk]), follow=True
    )
    assert "bukan untuk SKP 2026 Staf A Dua" in " ".join(str(m) for m in respons.context["messages"])
    assert not skp.rhk.exists()
    # Nor on someone else's SKP.
    assert login(org.staf_a1).post(reverse("skp_susun_dari_peran", args=[skp.pk, 1])).status_code == 404


def test_a_role_is_settled_once_the_asns_plan_is_submitted(org, login, rhk_atasan):
    client = login(org.atasan_a)
    _bagi(client, rhk_atasan, org.staf_a1)
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    rhk = svc_skp.simpan_rhk(org.staf_a1.user, skp.pk, uraian=HASIL, rhk_atasan_id=rhk_atasan.pk)
    svc_skp.simpan_indikator(org.staf_a1.user, rhk.pk, uraian="Dokumen", aspek="KUANTITAS", target=4, satuan="dok")
    svc_skp.ajukan_skp(org.staf_a1.user, skp.pk)
    respons = _bagi(client, rhk_atasan, org.staf_a1, hasil="Peran baru")
    assert "SKP 2026 Staf A Satu sudah berstatus Diajukan" in respons.content.decode()
    peran = PeranHasil.objects.get()
    assert peran.hasil == HASIL
    respons = client.post(reverse("skp_peran_hapus", args=[peran.pk]), follow=True)
    assert PeranHasil.objects.exists()


def test_the_asn_sees_and_is_told_when_the_supervisor_rewrites_the_rhk_they_cite(org, login, rhk_atasan):
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    rhk = svc_skp.simpan_rhk(org.staf_a1.user, skp.pk, uraian=HASIL, rhk_atasan_id=rhk_atasan.pk)
    client = login(org.staf_a1)
    assert "RHK atasan telah diubah" not in client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    baru = "Meningkatnya kualitas dan kecepatan pengembangan SDM aparatur"
    svc_skp.simpan_rhk(org.atasan_a.user, rhk_atasan.skp_id, uraian=baru, rhk_id=rhk_atasan.pk)
    notifikasi = Notifikasi.objects.get(penerima=org.staf_a1.user)
    assert notifikasi.judul == f"RHK atasan yang Anda acu pada SKP {TAHUN} diubah" and baru in notifikasi.pesan
    html = client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    assert "RHK atasan telah diubah" in html and RHK_ATASAN in html and baru in html
    client.post(reverse("skp_rhk_tinjau_atasan", args=[rhk.pk]))
    assert RencanaHasilKerja.objects.get(pk=rhk.pk).uraian_rhk_atasan == baru
    assert "RHK atasan telah diubah" not in client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    # Only the ASN (or HR of the unit) confirms.
    assert login(org.staf_a2).post(reverse("skp_rhk_tinjau_atasan", args=[rhk.pk])).status_code == 404


def test_the_matrix_page_runs_a_fixed_number_of_queries(org, login, rhk_atasan, django_assert_max_num_queries):
    client = login(org.atasan_a)
    for i in range(8):
        staf = PegawaiFactory(unit_kerja=org.bidang_a, atasan=org.atasan_a, nama=f"Staf Tambahan {i}")
        _bagi(client, rhk_atasan, staf, hasil=f"Hasil {i}")
    with django_assert_max_num_queries(12):
        respons = client.get(_url(rhk_atasan))
    assert respons.content.decode().count("Hasil yang diharapkan:") == 8
