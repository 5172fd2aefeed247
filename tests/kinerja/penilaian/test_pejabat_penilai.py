"""Everyone can be evaluated: HR name the pejabat penilai kinerja (and the atasan pejabat penilai) of any ASN,
also an official outside the roster, who rates through an account or whose signed rating HR record. The Kepala
Dinas is rated by the Sekda, the Sekda by the Gubernur."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.errors import NotPermitted, WrongState
from kinerja.models import EvaluasiKinerja, Notifikasi, PejabatLuar, RiwayatEvaluasi
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian import services_skp as svc_skp
from kinerja.penilaian.services_penilai import PilihanPenilai, tetapkan_penilai
from rekap.services_pengingat import calon_penilaian
from tests.factories import PASSWORD, UserFactory, pegawai_dengan_akun
from tests.keamanan.skenario import PDF

from .bantuan_evaluasi import INDIKATOR, TAHUN, buka_periode, penilaian, skp_atasan

pytestmark = pytest.mark.django_db


def _skp(pegawai, rhk_atasan=None, setujui_oleh=None):
    """The ASN's SKP with one RHK (citing `rhk_atasan` when given) and the standard indicators, submitted, and
    approved by `setujui_oleh` when given."""
    user = pegawai.user
    skp = svc_skp.buat_skp(user, pegawai.pk, TAHUN)
    rhk = svc_skp.simpan_rhk(
        user, skp.pk, uraian=f"Kinerja {pegawai.nama}", rhk_atasan_id=rhk_atasan.pk if rhk_atasan else None
    )
    for uraian, aspek, target, satuan, _ in INDIKATOR:
        svc_skp.simpan_indikator(user, rhk.pk, uraian=uraian, aspek=aspek, target=target, satuan=satuan)
    if skp.jpt:
        # The Kepala Dinas's and the Sekda's plans follow the JPT model: their Perjanjian Kinerja is recorded.
        svc_skp.simpan_lampiran_skp(user, skp.pk, {"perjanjian_kinerja": f"Perjanjian Kinerja {TAHUN} {pegawai.nama}"})
    svc_skp.ajukan_skp(user, skp.pk)
    if setujui_oleh is not None:
        svc_skp.setujui_skp(setujui_oleh, skp.pk)
    return skp


def _isi_ajukan(ev, user):
    indikator = ev.skp.rhk.get().indikator.order_by("urutan")
    isian = [svc.IsianRealisasi(i.pk, n[4]) for i, n in zip(indikator, INDIKATOR, strict=True)]
    ev = svc.isi_realisasi(user, ev.pk, ev.versi, isian)
    return svc.ajukan_evaluasi(user, ev.pk, ev.versi)


class Pimpinan:
    """org plus a Sekda (in the province unit) whose PPK is the Gubernur (outside the roster, with an account), and
    OPD A's head (org.kepala) whose PPK is the Sekda, named by the administrator."""

    def __init__(self, org, *, akun_gubernur=True):
        self.org = org
        self.sekda = pegawai_dengan_akun(
            unit_kerja=org.prov, nama="Sekretaris Daerah", jabatan="Sekretaris Daerah", jenis_jabatan="JPT_MADYA"
        )
        self.gubernur = PejabatLuar.objects.create(
            nama="Drs. H. Gubernur Gorontalo",
            jabatan="Gubernur Gorontalo",
            user=UserFactory(username="gubernur") if akun_gubernur else None,
        )
        tetapkan_penilai(org.admin, self.sekda.pk, PilihanPenilai(luar=self.gubernur), PilihanPenilai())
        tetapkan_penilai(org.admin, org.kepala.pk, PilihanPenilai(pegawai=self.sekda), PilihanPenilai())

    def skp(self):
        """Approved SKP: the Sekda's by the Gubernur (in the app), the Kepala's (citing the Sekda's) by the Sekda."""
        skp_sekda = _skp(self.sekda, setujui_oleh=self.gubernur.user)
        rhk_sekda = skp_sekda.rhk.get()
        return skp_sekda, _skp(self.org.kepala, rhk_sekda, setujui_oleh=self.sekda.user)

    def periode(self):
        periode = buka_periode(self.org.admin)
        svc_periode.buat_evaluasi_periode(self.org.admin, periode.pk, [self.org.prov.pk])
        return periode


@pytest.fixture
def pimpinan(org):
    return Pimpinan(org)


def test_the_kepala_dinas_is_rated_by_the_sekda_named_as_ppk(client, org, pimpinan):
    pimpinan.skp()
    periode = pimpinan.periode()
    ev = EvaluasiKinerja.objects.get(periode=periode, pegawai=org.kepala)
    assert (ev.atasan, ev.penilai_luar) == (pimpinan.sekda, None)
    assert ev.atasan_pejabat_penilai == pimpinan.gubernur  # the Sekda's own PPK
    _isi_ajukan(ev, org.kepala.user)
    assert Notifikasi.objects.filter(penerima=pimpinan.sekda.user, judul__contains="menunggu penilaian").exists()

    client.force_login(pimpinan.sekda.user)
    tim = client.get(reverse("tim_saya")).content.decode()
    assert org.kepala.nama_lengkap in tim and "Menunggu penilaian Anda" in tim
    halaman = client.get(reverse("evaluasi_nilai", args=[ev.pk]))
    assert halaman.status_code == 200
    ev.refresh_from_db()
    data = _data_penilaian(halaman.context["form"], ev)
    response = client.post(reverse("evaluasi_nilai", args=[ev.pk]), data)
    assert response.status_code == 302
    ev.refresh_from_db()
    assert (ev.status, ev.predikat) == ("DINILAI", "BAIK")
    assert not ev.berkas_penilaian  # rated in the Sekda's own name

    # The structural head of the province unit is not the Kepala's PPK: HR of OPD A only see it, never rate it.
    client.force_login(org.hr_a.user)
    assert client.get(reverse("evaluasi_nilai", args=[ev.pk])).status_code == 403


def _data_penilaian(form, ev, hasil="SESUAI", perilaku="SESUAI"):
    """What the rating form posts when filled in completely."""
    isi = penilaian(ev, hasil, perilaku)
    data = {"versi": ev.versi, "rating_hasil_kerja": hasil, "rating_perilaku_kerja": perilaku}
    for baris, nama in form.rhk:
        data[nama] = isi["umpan_balik_rhk"][baris.rhk.pk]
    for nilai, nama in form.perilaku:
        data[nama] = isi["umpan_balik_perilaku"][nilai.value]
    return data


def test_the_gubernur_approves_the_sekdas_skp_and_rates_through_an_account(client, org, pimpinan):
    skp_sekda = _skp(pimpinan.sekda)  # submitted, waiting for the Gubernur
    assert Notifikasi.objects.filter(penerima=pimpinan.gubernur.user, judul__contains="SKP").exists()
    client.force_login(pimpinan.gubernur.user)
    beranda = client.get(reverse("beranda")).content.decode()
    assert "Pejabat Penilai" in beranda and "Gubernur Gorontalo" in beranda
    tim = client.get(reverse("tim_saya"))
    assert tim.status_code == 200
    assert pimpinan.sekda.nama_lengkap in tim.content.decode()
    assert f"SKP {TAHUN} · {pimpinan.sekda.nama_lengkap}" in tim.content.decode()
    client.post(reverse("skp_setujui", args=[skp_sekda.pk]))
    skp_sekda.refresh_from_db()
    assert skp_sekda.status == "DISETUJUI" and skp_sekda.disetujui_oleh == pimpinan.gubernur.user

    periode = pimpinan.periode()
    ev = EvaluasiKinerja.objects.get(periode=periode, pegawai=pimpinan.sekda)
    assert (ev.atasan, ev.penilai_luar, ev.atasan_pejabat_penilai) == (None, pimpinan.gubernur, None)
    _isi_ajukan(ev, pimpinan.sekda.user)
    assert [c.penerima_id for c in calon_penilaian({periode.pk: periode})] == [pimpinan.gubernur.user_id]
    ev.refresh_from_db()
    svc.nilai_evaluasi(pimpinan.gubernur.user, ev.pk, ev.versi, **penilaian(ev, "DI_ATAS", "DI_ATAS"))
    ev.refresh_from_db()
    assert (ev.status, ev.predikat) == ("DINILAI", "SANGAT_BAIK")
    # The Gubernur sees only those they appraise.
    assert client.get(reverse("evaluasi_detail", args=[ev.pk])).status_code == 200
    lain = EvaluasiKinerja.objects.get(periode=periode, pegawai=org.kepala)
    assert client.get(reverse("evaluasi_detail", args=[lain.pk])).status_code == 404


def test_hr_record_an_outside_ppks_rating_only_with_the_signed_paper(client, org):
    pimpinan = Pimpinan(org, akun_gubernur=False)
    _skp(pimpinan.sekda)
    skp = pimpinan.sekda.skp.get()
    client.force_login(org.admin)
    halaman_skp = client.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    assert "Catat persetujuan Drs. H. Gubernur Gorontalo" in halaman_skp
    tanpa = client.post(reverse("skp_setujui_atas_nama", args=[skp.pk]), {})
    assert tanpa.status_code == 200 and "berkas_persetujuan" in tanpa.context["form_atas_nama"].errors
    skp.refresh_from_db()
    assert skp.status == "DIAJUKAN"
    dengan = client.post(
        reverse("skp_setujui_atas_nama", args=[skp.pk]),
        {"berkas_persetujuan": SimpleUploadedFile("skp.pdf", PDF, "application/pdf")},
    )
    assert dengan.status_code == 302
    skp.refresh_from_db()
    assert skp.status == "DISETUJUI" and skp.berkas_persetujuan
    assert "dicatat oleh pengelola kinerja" in skp.riwayat.get(ke_status="DISETUJUI").alasan

    periode = pimpinan.periode()
    ev = EvaluasiKinerja.objects.get(periode=periode, pegawai=pimpinan.sekda)
    _isi_ajukan(ev, pimpinan.sekda.user)
    ev.refresh_from_db()
    halaman = client.get(reverse("evaluasi_nilai", args=[ev.pk]))
    assert "atas namanya" in halaman.content.decode()
    data = _data_penilaian(halaman.context["form"], ev)
    tanpa = client.post(reverse("evaluasi_nilai", args=[ev.pk]), data)
    assert "berkas_penilaian" in tanpa.context["form"].errors
    ev.refresh_from_db()
    assert ev.status == "DIAJUKAN" and not ev.berkas_penilaian
    data["berkas_penilaian"] = SimpleUploadedFile("penilaian.pdf", PDF, "application/pdf")
    assert client.post(reverse("evaluasi_nilai", args=[ev.pk]), data).status_code == 302
    ev.refresh_from_db()
    assert ev.status == "DINILAI" and ev.berkas_penilaian
    dinilai = ev.riwayat.get(aksi="DINILAI")
    assert dinilai.oleh == org.admin and "dicatat oleh pengelola kinerja" in dinilai.alasan

    # The ASN reads who recorded it and opens the signed paper; someone else gets nothing.
    client.force_login(pimpinan.sekda.user)
    detail = client.get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert "Dicatat oleh pengelola kinerja atas nama Drs. H. Gubernur Gorontalo" in detail
    berkas = client.get(reverse("evaluasi_berkas_penilaian", args=[ev.pk]))
    assert berkas.status_code == 200 and b"".join(berkas.streaming_content) == PDF
    client.force_login(org.staf_b.user)
    assert client.get(reverse("evaluasi_berkas_penilaian", args=[ev.pk])).status_code == 404


def test_hr_of_another_unit_cannot_record_an_outside_ppks_rating(org):
    pimpinan = Pimpinan(org, akun_gubernur=False)
    _skp(pimpinan.sekda)
    skp = pimpinan.sekda.skp.get()
    with pytest.raises(NotPermitted):
        svc_skp.setujui_skp(org.hr_a.user, skp.pk, atas_nama=True, berkas_persetujuan=SimpleUploadedFile("s.pdf", PDF))
    skp.refresh_from_db()
    assert skp.status == "DIAJUKAN"


def test_naming_a_ppk_moves_open_evaluations_not_yet_rated_and_says_so(org):
    periode = buka_periode(org.admin)
    svc_periode.buat_evaluasi_periode(org.admin, periode.pk, [org.prov.pk])
    ev_kepala = EvaluasiKinerja.objects.get(periode=periode, pegawai=org.kepala)
    ev_atasan = EvaluasiKinerja.objects.get(periode=periode, pegawai=org.atasan_a)
    assert ev_kepala.pejabat_penilai is None and ev_atasan.atasan == org.kepala
    sekda = pegawai_dengan_akun(unit_kerja=org.prov, nama="Sekretaris Daerah")

    tetapkan_penilai(org.admin, org.kepala.pk, PilihanPenilai(pegawai=sekda), PilihanPenilai(), "SK Gubernur 1/2026")

    ev_kepala.refresh_from_db()
    ev_atasan.refresh_from_db()
    assert ev_kepala.atasan == sekda
    riwayat = ev_kepala.riwayat.get(aksi=RiwayatEvaluasi.Aksi.PENILAI_DIGANTI)
    assert (riwayat.nilai_lama, riwayat.nilai_baru) == ("bawaan", sekda.nama_lengkap)
    # Who the Kepala appraises now have the Sekda as their atasan PPK.
    assert ev_atasan.atasan_penilai == sekda


def test_a_rated_evaluation_keeps_the_appraiser_who_rated_it(org):
    from .bantuan_evaluasi import Skenario

    s = Skenario(org)
    s.nilai()
    lain = pegawai_dengan_akun(unit_kerja=org.bidang_a, nama="Pejabat Lain")
    tetapkan_penilai(org.hr_a.user, org.staf_a1.pk, PilihanPenilai(pegawai=lain), PilihanPenilai())
    tetapkan_penilai(org.hr_a.user, org.staf_a2.pk, PilihanPenilai(pegawai=lain), PilihanPenilai())
    assert s.evaluasi(org.staf_a1).atasan == org.atasan_a  # rated: stays
    assert s.evaluasi(org.staf_a2).atasan == lain  # draft: moves


def test_submitting_without_any_ppk_is_refused_with_the_way_out(org):
    periode = buka_periode(org.admin)
    rhk = skp_atasan(org.staf_b)  # staf_b has no supervisor and nobody named
    skp = rhk.skp
    svc_skp.simpan_indikator(org.staf_b.user, rhk.pk, uraian="Laporan", aspek="KUANTITAS", target=4, satuan="dok")
    with pytest.raises(WrongState, match="Pengelola kinerja dapat menetapkannya"):
        svc_skp.ajukan_skp(org.staf_b.user, skp.pk)
    skp.refresh_from_db()
    assert skp.status == "DRAFT"
    svc_periode.buat_evaluasi_periode(org.admin, periode.pk, [org.opd_b.pk])
    ev = EvaluasiKinerja.objects.get(periode=periode, pegawai=org.staf_b)
    skp.status = "DISETUJUI"
    skp.save()
    indikator = rhk.indikator.get()
    ev = svc.isi_realisasi(org.staf_b.user, ev.pk, ev.versi, [svc.IsianRealisasi(indikator.pk, 4)])
    with pytest.raises(WrongState, match="Pengelola kinerja dapat menetapkannya"):
        svc.ajukan_evaluasi(org.staf_b.user, ev.pk, ev.versi)
    ev.refresh_from_db()
    assert ev.status == "DRAFT"

    # A supervisor recorded on the roster after the evaluation was created is taken when it is submitted.
    org.staf_b.atasan = org.petugas
    org.staf_b.save()
    svc.ajukan_evaluasi(org.staf_b.user, ev.pk, ev.versi)
    ev.refresh_from_db()
    assert (ev.status, ev.atasan) == ("DIAJUKAN", org.petugas)


@pytest.mark.parametrize(
    ("siapa", "pilihan", "galat"),
    [
        ("kepala", "diri", "dirinya sendiri"),
        ("kepala", "tidak_aktif", "tidak aktif lagi"),
        ("atasan_a", "bawahan", "saling menilai"),
    ],
)
def test_naming_an_impossible_ppk_is_refused_and_changes_nothing(org, siapa, pilihan, galat):
    orang = getattr(org, siapa)
    calon = {"diri": orang, "tidak_aktif": org.staf_b, "bawahan": org.staf_a1}[pilihan]
    if pilihan == "tidak_aktif":
        calon.aktif = False
        calon.save()
    with pytest.raises(ValidationError, match=galat):
        tetapkan_penilai(org.admin, orang.pk, PilihanPenilai(pegawai=calon), PilihanPenilai())
    orang.refresh_from_db()
    assert orang.penilai is None


def test_only_hr_of_the_asns_unit_name_its_appraisers(client, org):
    with pytest.raises(NotPermitted):
        tetapkan_penilai(org.hr_b.user, org.kepala.pk, PilihanPenilai(pegawai=org.staf_b), PilihanPenilai())
    client.force_login(org.hr_b.user)
    assert client.get(reverse("pegawai_penilai", args=[org.kepala.pk])).status_code == 404
    client.force_login(org.atasan_a.user)  # sees the staff, is not HR
    assert client.get(reverse("pegawai_penilai", args=[org.staf_a1.pk])).status_code == 403
    org.kepala.refresh_from_db()
    assert org.kepala.penilai is None


def test_hr_name_the_sekda_and_the_gubernur_on_the_asns_page(client, org):
    sekda = pegawai_dengan_akun(unit_kerja=org.prov, nama="Sekretaris Daerah")
    gubernur = PejabatLuar.objects.create(nama="Gubernur", jabatan="Gubernur Gorontalo")
    client.login(username=org.hr_a.user.username, password=PASSWORD)
    url = reverse("pegawai_penilai", args=[org.kepala.pk])
    halaman = client.get(url)
    assert (
        halaman.status_code == 200
        and "Belum ada: evaluasi pegawai ini tidak dapat diajukan" in halaman.content.decode()
    )

    salah = client.post(url, {"penilai": "PEGAWAI", "penilai_nip": "1990 0101 2015 01 1 999", "atasan_penilai": "LUAR"})
    assert "Tidak ada pegawai dengan NIP 199001012015011999." in salah.context["form"].errors["penilai_nip"]
    assert "Pilih pejabat di luar daftar pegawai." in salah.context["form"].errors["atasan_penilai_luar"]
    org.kepala.refresh_from_db()
    assert org.kepala.penilai is None

    nip = f"{sekda.nip[:8]} {sekda.nip[8:14]} {sekda.nip[14]} {sekda.nip[15:]}"
    data = {"penilai": "PEGAWAI", "penilai_nip": nip, "atasan_penilai": "LUAR", "atasan_penilai_luar": gubernur.pk}
    response = client.post(url, {**data, "keterangan": "SK Gubernur No. 800/2026"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("detail_pegawai", args=[org.kepala.pk])
    org.kepala.refresh_from_db()
    assert (org.kepala.penilai, org.kepala.atasan_penilai_luar) == (sekda, gubernur)
    detail = response.content.decode()
    assert sekda.nama_lengkap in detail and "Atasan pejabat penilai: Gubernur" in detail


def test_an_administrator_gives_an_outside_appraiser_an_account_with_a_one_time_link(client, org):
    org.admin.is_staff = org.admin.is_superuser = True
    org.admin.save()
    gubernur = PejabatLuar.objects.create(nama="Drs. H. Gubernur Gorontalo", jabatan="Gubernur Gorontalo")
    client.force_login(org.admin)
    url = reverse("admin:kinerja_pejabatluar_changelist")
    response = client.post(url, {"action": "buat_akun_login", "_selected_action": [gubernur.pk]})
    gubernur.refresh_from_db()
    assert gubernur.user.username == "drs-h-gubernur-gorontalo" and not gubernur.user.has_usable_password()
    [(akun, tautan)] = response.context["tautan"]
    assert akun == gubernur.user and "/akun/" in tautan
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    # A second time: the account exists, nothing new, the reason shown.
    again = client.post(url, {"action": "buat_akun_login", "_selected_action": [gubernur.pk]}, follow=True)
    assert "sudah memiliki akun login" in again.content.decode()


def test_the_units_finalise_page_says_whom_each_evaluation_waits_for(client, org, pimpinan):
    pimpinan.skp()
    periode = pimpinan.periode()
    ev = EvaluasiKinerja.objects.get(periode=periode, pegawai=org.kepala)
    _isi_ajukan(ev, org.kepala.user)
    EvaluasiKinerja.objects.filter(periode=periode, pegawai=org.staf_a1).update(atasan=None)
    org.staf_a1.atasan = None
    org.staf_a1.save()
    client.force_login(org.hr_a.user)
    halaman = client.get(reverse("periode_unit", args=[periode.pk, org.opd_a.pk])).content.decode()
    assert f"menunggu penilaian {pimpinan.sekda.nama_lengkap}" in halaman
    assert "belum ada pejabat penilai kinerja" in halaman  # staf_a1, whose supervisor left


def test_the_document_names_the_sekda_and_the_gubernur_outside_the_roster(client, org, pimpinan):
    PejabatLuar.objects.filter(pk=pimpinan.gubernur.pk).update(instansi="Pemerintah Provinsi Gorontalo (Gubernur)")
    pimpinan.skp()
    periode = pimpinan.periode()
    ev = EvaluasiKinerja.objects.get(periode=periode, pegawai=org.kepala)
    _isi_ajukan(ev, org.kepala.user)
    ev.refresh_from_db()
    svc.nilai_evaluasi(pimpinan.sekda.user, ev.pk, ev.versi, **penilaian(ev))
    client.force_login(org.kepala.user)
    halaman = client.get(reverse("evaluasi_dokumen", args=[ev.pk]))
    assert (halaman.context["ppk"], halaman.context["atasan_ppk"]) == (pimpinan.sekda, pimpinan.gubernur)
    teks = halaman.content.decode()
    assert pimpinan.sekda.nama_lengkap in teks
    # The Gubernur has no NIP, golongan or unit: his jabatan and agency stand for them.
    assert "Drs. H. Gubernur Gorontalo" in teks and "Pemerintah Provinsi Gorontalo (Gubernur)" in teks
