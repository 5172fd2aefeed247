"""Every kind of change leaves one audit entry with who, what and old → new; a refused change leaves none."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import LogAudit
from core.errors import WrongState
from core.roles import GRUP_PENGELOLA
from evaluasi import services as aturan_svc
from evaluasi.models import Aturan, Konsekuensi
from kinerja.models import SKP, ImporRoster, PenugasanPengelola, UnitKerja
from kinerja.pegawai import services as roster_svc
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian import services_skp as svc_skp
from kinerja.penilaian.services_periode import PelanggaranKurva
from tests.evaluasi.bantuan import evaluasi_final, kehadiran, periode
from tests.factories import UserFactory
from tests.kinerja.pegawai.berkas_roster import roster_kecil, xlsx
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario, skp_atasan


def entri(aksi, obj=None):
    qs = LogAudit.objects.filter(aksi=aksi)
    if obj is not None:
        qs = qs.filter(objek=obj._meta.label_lower, objek_id=obj.pk)
    return qs.get()


# Evaluations ------------------------------------------------------------------------------------------------


def test_each_evaluation_move_is_logged_with_who_and_old_to_new(org):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    realisasi = entri("evaluasi_realisasi", ev)
    assert realisasi.oleh == org.staf_a1.user
    assert [lama for lama, _ in realisasi.perubahan.values()] == [None, None, None]
    diajukan = entri("evaluasi_diajukan", ev)
    assert (diajukan.oleh_nama, diajukan.perubahan) == (org.staf_a1.nip, {"status": ["DRAFT", "DIAJUKAN"]})

    svc.kembalikan_evaluasi(org.atasan_a.user, ev.pk, s.evaluasi().versi, "Bukti belum lengkap")
    kembali = entri("evaluasi_dikembalikan", ev)
    assert (kembali.oleh, kembali.uraian) == (org.atasan_a.user, "Bukti belum lengkap")
    assert kembali.perubahan == {"status": ["DIAJUKAN", "DIKEMBALIKAN"]}


def test_a_changed_realisation_is_logged_old_to_new_and_hr_filling_in_is_marked(org):
    s = Skenario(org)
    s.isi()
    s.isi(user=org.hr_a.user, nilai=[8, 90, 12])
    kedua = LogAudit.objects.filter(aksi="evaluasi_realisasi").order_by("-id").first()
    assert kedua.oleh == org.hr_a.user
    assert list(kedua.perubahan.values()) == [["10", "8"]]
    assert "atas nama pegawai" in kedua.uraian


def test_rating_logs_the_ratings_and_predikat_old_to_new_and_re_rating_its_reason(org):
    s = Skenario(org)
    ev = s.nilai(hasil="DI_ATAS", perilaku="DI_ATAS")
    pertama = entri("evaluasi_dinilai", ev)
    assert pertama.oleh == org.atasan_a.user
    assert pertama.perubahan == {
        "status": ["DIAJUKAN", "DINILAI"],
        "rating_hasil_kerja": ["", "DI_ATAS"],
        "rating_perilaku_kerja": ["", "DI_ATAS"],
        "predikat": ["", "SANGAT_BAIK"],
    }
    s.nilai(hasil="SESUAI", perilaku="DI_ATAS", alasan="Salah pilih", sudah_diajukan=True)
    kedua = LogAudit.objects.filter(aksi="evaluasi_dinilai").order_by("-id").first()
    assert kedua.perubahan == {
        "status": ["DINILAI", "DINILAI"],
        "rating_hasil_kerja": ["DI_ATAS", "SESUAI"],
        "predikat": ["SANGAT_BAIK", "BAIK"],
    }
    assert kedua.uraian == "Salah pilih"


def test_finalising_a_unit_with_a_curve_override_is_one_entry_with_the_reason(org):
    s = Skenario(org)
    s.nilai(org.staf_a1, "DI_ATAS", "DI_ATAS")
    s.nilai(org.staf_a2, "DI_ATAS", "DI_ATAS")
    svc_periode.finalkan_unit(
        org.hr_a.user,
        s.periode.pk,
        org.bidang_a.pk,
        alasan_pengecualian="Penghargaan nasional",
        pengecualian=s.belum_dinilai(),
    )
    e = entri("unit_difinalkan", org.bidang_a)
    assert e.oleh == org.hr_a.user
    assert e.uraian == (
        "Kurva dinilai atas 2 dari 3 evaluasi unit; 1 dikecualikan dengan alasan. "
        "Pengecualian kurva: Penghargaan nasional"
    )
    assert e.ringkasan["difinalkan"] == 2
    # atasan_a, not rated, is left out with the reason given, in the same entry.
    assert e.ringkasan["dikecualikan"] == [
        {
            "evaluasi_id": s.evaluasi(org.atasan_a).pk,
            "pegawai": org.atasan_a.nama_lengkap,
            "status": "DRAFT",
            "alasan": "TUGAS_BELAJAR",
            "keterangan": "Tugas belajar S2 sejak Januari",
        }
    ]
    assert sorted(e.ringkasan["evaluasi_ids"]) == sorted([s.evaluasi(org.staf_a1).pk, s.evaluasi(org.staf_a2).pk])
    assert e.ringkasan["pelanggaran_kurva"]


def test_a_refused_finalisation_leaves_no_entry(org):
    s = Skenario(org)
    s.nilai(org.staf_a1, "DI_ATAS", "DI_ATAS")
    s.nilai(org.staf_a2, "DI_ATAS", "DI_ATAS")
    with pytest.raises(PelanggaranKurva):
        svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    assert not LogAudit.objects.filter(aksi="unit_difinalkan").exists()


def test_acknowledging_and_reopening_a_period_are_logged(org):
    s = Skenario(org)
    ev = s.ke_status("FINAL")
    svc.akui_evaluasi(org.staf_a1.user, ev.pk, ev.versi)
    assert entri("evaluasi_diakui", ev).oleh == org.staf_a1.user
    svc_periode.tutup_periode(org.admin, s.periode.pk)
    svc_periode.buka_kembali_periode(org.admin, s.periode.pk, "Koreksi data")
    buka = entri("periode_dibuka_kembali", s.periode)
    assert (buka.oleh, buka.uraian, buka.perubahan) == (org.admin, "Koreksi data", {"status": ["DITUTUP", "DIBUKA"]})
    assert entri("periode_ditutup", s.periode).oleh == org.admin


def test_creating_a_periods_evaluations_is_one_summary_entry(org):
    s = Skenario(org)
    e = entri("evaluasi_dibuat", s.periode)
    assert (e.oleh, e.ringkasan["dibuat"]) == (org.hr_a.user, s.periode.evaluasi.count())
    assert not LogAudit.objects.filter(aksi="evaluasi_dibuat", objek=s.periode._meta.label_lower).exclude(pk=e.pk)


def test_settings_and_organisational_performance_changes_are_logged(org):
    Skenario(org)
    ko = entri("kinerja_organisasi_ditetapkan")
    assert (ko.oleh, ko.perubahan) == (org.hr_a.user, {"capaian": [None, "ISTIMEWA"]})
    svc_periode.simpan_pengaturan(org.admin, batas_capaian=110, rumus_efisiensi_tinggi=False, kurva=None)
    e = entri("pengaturan_kinerja_diubah")
    assert e.oleh == org.admin
    assert e.perubahan["batas_capaian"] == ["120", "110"]


# SKP --------------------------------------------------------------------------------------------------------


def test_skp_create_edit_submit_return_and_approve_are_logged(org):
    user = org.staf_a1.user
    rhk_atasan = skp_atasan(org.atasan_a)
    skp = svc_skp.buat_skp(user, org.staf_a1.pk, 2026)
    assert entri("skp_dibuat", skp).perubahan == {"status": [None, "DRAFT"]}
    rhk = svc_skp.simpan_rhk(user, skp.pk, uraian="Analisis jabatan", rhk_atasan_id=rhk_atasan.pk)
    svc_skp.simpan_rhk(user, skp.pk, uraian="Analisis beban kerja", rhk_atasan_id=rhk_atasan.pk, rhk_id=rhk.pk)
    ubah = LogAudit.objects.filter(aksi="skp_rhk_disimpan").order_by("-id").first()
    assert ubah.perubahan == {"uraian": ["Analisis jabatan", "Analisis beban kerja"]}
    assert "SKP 2026" in ubah.label
    svc_skp.simpan_indikator(user, rhk.pk, uraian="Dokumen", aspek="KUANTITAS", target=10, satuan="dokumen")
    svc_skp.ajukan_skp(user, skp.pk)
    svc_skp.kembalikan_skp(org.atasan_a.user, skp.pk, "Target terlalu rendah")
    kembali = entri("skp_dikembalikan", skp)
    assert (kembali.oleh, kembali.uraian) == (org.atasan_a.user, "Target terlalu rendah")
    svc_skp.ajukan_skp(user, skp.pk)
    svc_skp.setujui_skp(org.atasan_a.user, skp.pk)
    assert entri("skp_disetujui", skp).perubahan == {"status": ["DIAJUKAN", "DISETUJUI"]}
    assert LogAudit.objects.filter(aksi="skp_diajukan", objek_id=skp.pk).count() == 2


def test_a_refused_deletion_leaves_no_entry(org):
    s = Skenario(org)
    s.isi()
    # An indicator with a realisation cannot go: the entry written before the refusal rolls back with it.
    SKP.objects.filter(pk=s.skp_a1.pk).update(status=SKP.Status.DRAFT)
    indikator = s.evaluasi().realisasi.first().indikator
    with pytest.raises(WrongState):
        svc_skp.hapus_indikator(org.staf_a1.user, indikator.pk)
    assert not LogAudit.objects.filter(aksi="skp_indikator_dihapus").exists()


def test_a_refused_skp_change_leaves_no_entry(org):
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, 2026)
    jumlah = LogAudit.objects.count()
    with pytest.raises(ValidationError):
        svc_skp.simpan_rhk(org.staf_a1.user, skp.pk, uraian="")
    assert LogAudit.objects.count() == jumlah


# Rules and outcomes -----------------------------------------------------------------------------------------


def _aturan_baru():
    return Aturan(
        nama="Terlambat berat",
        jenis="SANKSI",
        dasar_hukum="Perkada (contoh)",
        kode_konsekuensi="PEMBINAAN",
        kondisi=[{"metrik": "menit_terlambat", "operator": ">", "nilai": 600}],
        berlaku_mulai=datetime.date(2026, 1, 1),
    )


def test_rule_create_edit_and_deactivate_are_logged_old_to_new(org):
    aturan = aturan_svc.simpan_aturan(org.admin, _aturan_baru())
    assert entri("aturan_dibuat", aturan).perubahan["nama"] == [None, "Terlambat berat"]
    aturan = Aturan.objects.get(pk=aturan.pk)
    aturan.periode_berturut = 2
    aturan_svc.simpan_aturan(org.admin, aturan)
    ubah = entri("aturan_diubah", aturan)
    assert ubah.perubahan == {"periode_berturut": [1, 2], "versi": [1, 2]}
    aturan = Aturan.objects.get(pk=aturan.pk)
    aturan.aktif = False
    aturan_svc.simpan_aturan(org.admin, aturan)
    assert entri("aturan_dinonaktifkan", aturan).perubahan["aktif"] == [True, False]


def test_outcomes_proposed_and_decided_are_logged_with_status_old_to_new(org):
    p = periode()
    evaluasi_final(org.staf_a1, p)
    kehadiran(org.staf_a1, 1, tanpa_keterangan=6)
    aturan_svc.terapkan_aturan(org.admin, p.pk)
    k = Konsekuensi.objects.filter(pegawai=org.staf_a1).first()
    assert entri("konsekuensi_diusulkan", k).perubahan == {"status": [None, "USULAN"]}
    assert entri("aturan_diterapkan", p).ringkasan["baru"] >= 1
    aturan_svc.putuskan_konsekuensi(org.admin, k.pk, setujui=False, alasan="Ada surat keterangan sakit")
    tolak = entri("konsekuensi_ditolak", k)
    assert (tolak.oleh, tolak.uraian, tolak.perubahan) == (
        org.admin,
        "Ada surat keterangan sakit",
        {"status": ["USULAN", "DITOLAK"]},
    )


# Roster, admin edits and roles ------------------------------------------------------------------------------


def test_a_confirmed_roster_import_is_one_entry_with_its_counts(org, login):
    client = login(org.admin)
    response = client.post(
        reverse("impor_roster"), {"berkas": _berkas("roster.xlsx", xlsx(roster_kecil()))}, follow=False
    )
    job = ImporRoster.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))
    assert not LogAudit.objects.filter(aksi="roster_diimpor").exists()
    roster_svc.konfirmasi_impor_roster(job, org.admin, nonaktifkan_yang_hilang=False)
    e = entri("roster_diimpor", job)
    assert e.oleh == org.admin
    assert e.ringkasan["berkas"] == "roster.xlsx"
    assert (e.ringkasan["jumlah_baru"], e.ringkasan["jumlah_diubah"], e.ringkasan["dinonaktifkan"]) == (3, 0, 0)
    assert "3 pegawai baru" in e.uraian


def _berkas(nama, data):
    return SimpleUploadedFile(nama, data)


def test_an_admin_edit_of_a_pegawai_is_logged_old_to_new(org, login):
    client = login(_superuser())
    p = org.staf_b
    url = reverse("admin:kinerja_pegawai_change", args=[p.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        nama=p.nama,
        jabatan="Kepala Seksi Uji",
        tanggal_lahir=p.tanggal_lahir.isoformat(),
        unit_kerja=p.unit_kerja_id,
        user=p.user_id,
        aktif="on",
    )
    data.pop("atasan", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    e = entri("data_diubah", p)
    assert e.perubahan == {"jabatan": ["Analis Kepegawaian", "Kepala Seksi Uji"]}


def _superuser():
    user = UserFactory(username="superadmin")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_group_membership_changes_are_logged_with_the_actor(org, login):
    client = login(_superuser())
    target = org.staf_b.user
    grup = Group.objects.get(name=GRUP_PENGELOLA)
    url = reverse("admin:auth_user_change", args=[target.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v not in (None, False) and k not in ("groups", "user_permissions")}
    data.update(username=target.username, groups=[grup.pk], is_active="on", date_joined_0="2026-01-01")
    data["date_joined_1"] = "08:00:00"
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    e = entri("grup_ditambahkan", target)
    assert e.oleh_nama == "superadmin"
    assert e.perubahan == {"groups": [[], [GRUP_PENGELOLA]]}

    target.groups.remove(grup)
    dicabut = entri("grup_dicabut", target)
    assert dicabut.oleh is None  # outside a request: the system
    assert dicabut.perubahan == {"groups": [[GRUP_PENGELOLA], []]}


def test_account_flags_and_hr_assignments_are_logged(org):
    user = org.staf_b.user
    user.is_staff = True
    user.is_active = False
    user.save()
    assert entri("akun_diubah", user).perubahan == {"is_active": [True, False], "is_staff": [False, True]}
    penugasan = PenugasanPengelola.objects.create(user=user, unit_kerja=org.opd_b)
    assert entri("penugasan_ditambahkan", penugasan).perubahan == {"unit_kerja": [None, str(org.opd_b)]}
    pk = penugasan.pk
    penugasan.delete()
    assert LogAudit.objects.get(aksi="penugasan_dicabut", objek_id=pk).perubahan == {
        "unit_kerja": [str(org.opd_b), None]
    }


def test_a_login_writes_no_entry(org, client, password):
    jumlah = LogAudit.objects.count()
    assert client.login(username=org.staf_b.nip, password=password)
    assert LogAudit.objects.count() == jumlah


def test_admin_edits_and_deletions_of_a_unit_are_logged(org, login):
    client = login(_superuser())
    unit = UnitKerja.objects.create(kode="75.09", nama="Unit Lama", induk=org.prov)
    url = reverse("admin:kinerja_unitkerja_change", args=[unit.pk])
    response = client.post(url, {"kode": "75.09", "nama": "Unit Baru", "induk": org.prov.pk})
    assert response.status_code == 302
    assert entri("data_diubah", unit).perubahan == {"nama": ["Unit Lama", "Unit Baru"]}

    response = client.post(reverse("admin:kinerja_unitkerja_delete", args=[unit.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not UnitKerja.objects.filter(pk=unit.pk).exists()
    hapus = entri("data_dihapus", unit)
    assert (hapus.oleh_nama, hapus.label) == ("superadmin", "Unit Baru (75.09)")
