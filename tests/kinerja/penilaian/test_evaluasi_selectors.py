"""Read queries: who sees which evaluations, and a query count that does not grow with the team or the period."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import EvaluasiKinerja
from kinerja.notifikasi.selectors import daftar_notifikasi, notifikasi_belum_dibaca
from kinerja.notifikasi.services import tandai_notifikasi_dibaca
from kinerja.pegawai.selectors import tim_dari
from kinerja.penilaian import permissions as izin
from kinerja.penilaian import selectors as sel
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from tests.factories import pegawai_dengan_akun
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario, buka_periode


def _jumlah_query(fungsi):
    with CaptureQueriesContext(connection) as ctx:
        fungsi()
    return len(ctx.captured_queries)


def _segar(user):
    """A fresh user object, so each measurement pays for the role lookup like a new request does."""
    return type(user).objects.get(pk=user.pk)


def _baca_tim(user, periode):
    for anggota in sel.tim_saya(user, periode.pk, tim_dari(user)):
        _ = (anggota.pegawai.nama, anggota.pegawai.unit_kerja.nama, anggota.langkah_berikutnya, anggota.menunggu_saya)


def _baca_daftar(user, periode):
    for ev in sel.daftar_evaluasi(user, periode.pk):
        _ = (ev.pegawai.nama, ev.pegawai.unit_kerja.nama, ev.atasan and ev.atasan.nama, ev.get_status_display())
    sel.progres_per_unit(user, periode.pk)


def _tambah_anggota(org, s, atasan, n):
    for i in range(n):
        pegawai_dengan_akun(unit_kerja=org.bidang_a, atasan=atasan, nama=f"Anggota {atasan.pk}-{i:02d}")
    svc_periode.buat_evaluasi_periode(org.hr_a.user, s.periode.pk, [org.bidang_a.pk])


@pytest.mark.parametrize("halaman", ["tim", "daftar"])
def test_list_queries_are_the_same_with_3_and_30_subordinates(org, halaman):
    s = Skenario(org)
    atasan = pegawai_dengan_akun(unit_kerja=org.bidang_a, atasan=org.kepala, nama="Atasan Tim")
    baca, user = (_baca_tim, atasan.user) if halaman == "tim" else (_baca_daftar, org.hr_a.user)
    hitung = []
    for tambahan in (3, 27):
        _tambah_anggota(org, s, atasan, tambahan)
        hitung.append(_jumlah_query(lambda: baca(_segar(user), s.periode)))
    assert hitung[0] == hitung[1], hitung
    assert hitung[0] <= 8, hitung


def test_the_evaluation_detail_query_count_does_not_grow_with_indicators(org):
    s = Skenario(org)
    s.nilai()
    ev = s.evaluasi()
    svc.kirim_dialog(org.staf_a1.user, isi="Catatan pertama", evaluasi_id=ev.pk)

    def baca():
        d = sel.detail_evaluasi(_segar(org.atasan_a.user), ev.pk)
        for baris in d.rhk:
            _ = (
                baris.rhk.uraian,
                baris.rhk.rhk_atasan and baris.rhk.rhk_atasan.uraian,
                baris.capaian,
                baris.umpan_balik,
            )
            for b in baris.indikator:
                _ = (b.indikator.uraian, b.capaian, b.realisasi and b.realisasi.diisi_oleh)
        for r in d.riwayat:
            _ = (r.oleh, r.get_aksi_display())
        for c in d.dialog:
            _ = (c.penulis, c.isi)
        _ = (d.evaluasi.atasan.atasan, d.evaluasi.pegawai.unit_kerja, d.perilaku)

    sebelum = _jumlah_query(baca)
    rhk = ev.skp.rhk.get()
    # The SKP is approved, so grow it behind the services' back: this measures reads only.
    for i in range(10):
        rhk.indikator.create(uraian=f"Tambahan {i}", aspek="KUANTITAS", target=1, satuan="dokumen", urutan=10 + i)
    for i in range(5):
        svc.kirim_dialog(org.atasan_a.user, isi=f"Balasan {i}", evaluasi_id=ev.pk)
    assert _jumlah_query(baca) == sebelum <= 15


def test_the_detail_shows_capaian_per_indicator_and_rhk_and_feedback(org):
    s = Skenario(org)
    s.nilai()
    d = sel.detail_evaluasi(org.staf_a1.user, s.evaluasi().pk)
    assert [b.capaian for b in d.rhk[0].indikator] == [Decimal("100.00"), Decimal("90.00"), Decimal("76.00")]
    assert d.rhk[0].capaian == Decimal("88.67")
    assert d.rhk[0].umpan_balik == "Hasil kerja sesuai rencana."
    assert [label for label, _ in d.perilaku][0] == "Berorientasi Pelayanan" and len(d.perilaku) == 7


def test_predikat_counts_of_a_unit_feed_the_curve(org):
    s = Skenario(org)
    s.nilai(org.staf_a1, "DI_ATAS", "DI_ATAS")
    s.nilai(org.staf_a2, "DI_BAWAH", "DI_BAWAH")
    assert sel.jumlah_predikat(s.periode.pk, org.bidang_a.pk) == {"SANGAT_BAIK": 1, "SANGAT_KURANG": 1}
    assert sel.jumlah_predikat(s.periode.pk, org.opd_b.pk) == {}
    kurva = sel.kurva_unit(s.periode.pk, org.bidang_a.pk)
    assert kurva.kinerja_organisasi.capaian == "ISTIMEWA" and kurva.pelanggaran == []


def test_progress_per_unit_counts_each_state(org):
    s = Skenario(org)
    s.ke_status("DIAJUKAN")
    baris = {b["pegawai__unit_kerja__kode"]: b for b in sel.progres_per_unit(org.hr_a.user, s.periode.pk)}
    assert set(baris) == {"75.01", "75.01.01"}
    bidang = baris["75.01.01"]
    assert (bidang["total"], bidang["draft"], bidang["diajukan"], bidang["final"]) == (3, 2, 1, 0)


def test_the_list_filters_by_unit_state_and_predikat(org):
    s = Skenario(org)
    s.nilai(org.staf_a1, "DI_ATAS", "DI_ATAS")
    hr = org.hr_a.user
    assert sel.daftar_evaluasi(hr, s.periode.pk, unit_id=org.bidang_a.pk).count() == 3
    assert [e.pegawai for e in sel.daftar_evaluasi(hr, s.periode.pk, status="DINILAI")] == [org.staf_a1]
    assert [e.pegawai for e in sel.daftar_evaluasi(hr, s.periode.pk, predikat="SANGAT_BAIK")] == [org.staf_a1]
    assert not sel.daftar_evaluasi(hr, s.periode.pk, predikat="KURANG").exists()


@pytest.mark.parametrize(
    "pelaku, terlihat",
    [
        ("admin", {"kepala", "atasan_a", "staf_a1", "staf_a2", "hr_a", "staf_b", "hr_b", "petugas"}),
        ("hr_a", {"kepala", "atasan_a", "staf_a1", "staf_a2", "hr_a"}),
        ("hr_b", {"staf_b", "hr_b", "petugas"}),
        ("atasan_a", {"atasan_a", "staf_a1", "staf_a2"}),
        ("kepala", {"kepala", "atasan_a"}),
        ("staf_a1", {"staf_a1"}),
        ("petugas", {"petugas"}),
    ],
)
def test_each_role_sees_only_its_evaluations(org, pelaku, terlihat):
    s = Skenario(org)
    svc_periode.buat_evaluasi_periode(org.hr_b.user, s.periode.pk, [org.opd_b.pk])
    user = getattr(getattr(org, pelaku), "user", getattr(org, pelaku))
    semua = ("kepala", "atasan_a", "staf_a1", "staf_a2", "hr_a", "staf_b", "hr_b", "petugas")
    nama = {getattr(org, k).pk: k for k in semua}
    dilihat = {nama[e.pegawai_id] for e in izin.evaluasi_visible_to(user).filter(periode=s.periode)}
    assert dilihat == terlihat


def test_another_units_evaluation_is_not_found_in_the_detail(org):
    s = Skenario(org)
    ev = s.evaluasi()
    for user in (org.hr_b.user, org.staf_a2.user, org.kepala.user):
        with pytest.raises(ev.DoesNotExist):
            sel.detail_evaluasi(user, ev.pk)


def test_a_supervisor_cannot_rate_someone_elses_subordinate_nor_an_asn_themself(org):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    assert izin.can_rate(org.atasan_a.user, ev)
    assert not izin.can_rate(org.kepala.user, ev)  # the supervisor's own supervisor only acts on an objection
    assert not izin.can_rate(org.staf_a1.user, ev)
    assert not izin.can_rate(org.hr_a.user, ev)
    assert izin.can_finalise(org.hr_a.user, org.bidang_a) and not izin.can_finalise(org.hr_b.user, org.bidang_a)


def test_the_skp_detail_and_the_supervisors_rhk_choices(org):
    s = Skenario(org)
    skp = sel.detail_skp(org.atasan_a.user, s.skp_a1.pk)
    assert [r.rhk_atasan for r in skp.rhk.all()] == [s.rhk_atasan]
    assert list(sel.pilihan_rhk_atasan(skp)) == [s.rhk_atasan]
    assert not sel.pilihan_rhk_atasan(s.rhk_atasan.skp).exists()  # the head has no supervisor in the roster
    with pytest.raises(skp.DoesNotExist):
        sel.detail_skp(org.staf_a2.user, s.skp_a1.pk)


def test_unread_notifications_are_counted_per_user(org):
    s = Skenario(org)
    svc.kirim_dialog(org.staf_a1.user, isi="Halo", skp_id=s.skp_a1.pk)
    jumlah = notifikasi_belum_dibaca(org.atasan_a.user)
    assert jumlah >= 1 and len(daftar_notifikasi(org.atasan_a.user)) >= jumlah
    tandai_notifikasi_dibaca(org.atasan_a.user)
    assert notifikasi_belum_dibaca(org.atasan_a.user) == 0


def test_a_periods_evaluations_seen_through_the_asns_rows_are_exactly_those_visible(org):
    # hr_b rates staf_a1 in the first period (the evaluation's rater, not staf_a1's supervisor on the roster), and
    # nobody in the second: the period's "rated by me" must not leak across periods nor miss the rater.
    s = Skenario(org)
    kedua = buka_periode(org.hr_a.user, nomor=2)
    svc_periode.buat_evaluasi_periode(org.hr_a.user, kedua.pk, [org.opd_a.pk])
    svc_periode.buat_evaluasi_periode(org.hr_b.user, s.periode.pk, [org.opd_b.pk])
    EvaluasiKinerja.objects.filter(periode=s.periode, pegawai=org.staf_a1).update(atasan=org.hr_b)
    orang = [org.admin, org.hr_a.user, org.hr_b.user, org.atasan_a.user, org.kepala.user, org.staf_a1.user]
    orang += [org.staf_b.user, org.petugas.user]
    for user in orang:
        for periode in (s.periode, kedua):
            harapan = set(izin.evaluasi_visible_to(_segar(user)).filter(periode=periode).values_list("pk", flat=True))
            dilihat = set(izin.evaluasi_periode_visible_to(_segar(user), periode.pk).values_list("pk", flat=True))
            assert dilihat == harapan, (user.username, periode.nomor)
    dinilai_hr_b = izin.evaluasi_periode_visible_to(_segar(org.hr_b.user), s.periode.pk)
    assert dinilai_hr_b.filter(pegawai=org.staf_a1).exists()
    assert not izin.evaluasi_periode_visible_to(_segar(org.hr_b.user), kedua.pk).filter(pegawai=org.staf_a1).exists()
