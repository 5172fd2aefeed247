"""seed_demo: a deterministic, valid Gorontalo roster with one working login per role."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from core.roles import GRUP_ADMINISTRATOR, GRUP_PENGELOLA, GRUP_PETUGAS_LAYANAN
from demo import ekinerja as demo_ekinerja
from demo import roster as demo_roster
from kinerja.models import (
    SKP,
    EvaluasiKinerja,
    HasilEkinerja,
    Pegawai,
    PenugasanPengelola,
    PeranHasil,
    Periode,
    ProgresHarian,
    RealisasiIndikator,
    RencanaHasilKerja,
    UnitKerja,
)
from kinerja.pegawai.golongan import GOLONGAN_PPPK, PANGKAT_PNS
from kinerja.pegawai.nip import validasi_nip
from kinerja.pegawai.penilai import ppk
from kinerja.pegawai.permissions import peran, unit_ids_dikelola
from kinerja.penilaian import permissions as izin
from kinerja.penilaian import selectors_hasil_kerja as sel_hasil
from kinerja.penilaian import services as svc
from kinerja.penilaian.predikat import predikat_kinerja

User = get_user_model()


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_the_same_seed_gives_the_same_roster():
    a, b = demo_roster.buat_roster(200, seed=7), demo_roster.buat_roster(200, seed=7)
    assert [(o.nip, o.nama, o.gelar_belakang, o.unit, o.atasan) for o in a.orang] == [
        (o.nip, o.nama, o.gelar_belakang, o.unit, o.atasan) for o in b.orang
    ]
    assert [o.nip for o in demo_roster.buat_roster(200, seed=8).orang] != [o.nip for o in a.orang]


@pytest.mark.django_db
def test_the_command_is_deterministic_across_runs():
    seed("--seed", "11")
    pertama = list(Pegawai.objects.order_by("nip").values_list("nip", "nama", "gelar_belakang", "jabatan"))
    seed("--seed", "11", "--force")
    assert list(Pegawai.objects.order_by("nip").values_list("nip", "nama", "gelar_belakang", "jabatan")) == pertama


@pytest.mark.django_db
def test_it_seeds_the_requested_number_of_pegawai_in_the_gorontalo_tree():
    seed("--pegawai", "150")
    assert Pegawai.objects.count() == 150
    nama_unit = set(UnitKerja.objects.values_list("nama", flat=True))
    for nama in (
        "Pemerintah Provinsi Gorontalo",
        "Badan Kepegawaian Daerah",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Dinas Kesehatan",
        "Badan Perencanaan Pembangunan Daerah",
        "Kecamatan Kota Barat",
    ):
        assert nama in nama_unit
    assert {"PNS", "PPPK"} <= set(Pegawai.objects.values_list("status_kepegawaian", flat=True))


def test_it_refuses_fewer_pegawai_than_head_posts(db):
    with pytest.raises(CommandError, match="minimal"):
        seed("--pegawai", str(demo_roster.jumlah_minimal() - 1))


@pytest.mark.django_db
def test_every_nip_is_valid_and_agrees_with_sex_and_birth_date():
    seed()
    for nip, kelamin, lahir in Pegawai.objects.values_list("nip", "jenis_kelamin", "tanggal_lahir"):
        validasi_nip(nip, kelamin, lahir)


@pytest.mark.django_db
def test_golongan_fits_the_jabatan_and_status():
    seed()
    urutan = list(PANGKAT_PNS)
    for p in Pegawai.objects.all():
        if p.status_kepegawaian == "PPPK":
            assert p.golongan in GOLONGAN_PPPK
            assert p.golongan == demo_roster.GOLONGAN_PPPK_JABATAN[p.jenis_jabatan], p
        else:
            bawah, atas = demo_roster.RENTANG_GOLONGAN[p.jenis_jabatan]
            assert urutan.index(bawah) <= urutan.index(p.golongan) <= urutan.index(atas), p


@pytest.mark.django_db
def test_supervisor_chains_run_from_staf_to_the_head_of_the_opd_without_cycles():
    seed()
    atasan = dict(Pegawai.objects.values_list("id", "atasan_id"))
    for pk in atasan:
        dilihat, sekarang = set(), pk
        while sekarang is not None:
            assert sekarang not in dilihat, f"lingkaran atasan pada pegawai {pk}"
            dilihat.add(sekarang)
            sekarang = atasan[sekarang]
        assert len(dilihat) <= 4  # staf → kepala seksi → kepala bidang → kepala OPD
    tanpa_atasan = Pegawai.objects.filter(atasan__isnull=True).exclude(nip=demo_roster.SEKDA.nip)
    assert set(tanpa_atasan.values_list("unit_kerja__induk__kode", flat=True)) == {"75"}


@pytest.mark.django_db
def test_everyone_has_a_pejabat_penilai_the_heads_of_opd_the_sekda_and_the_sekda_the_gubernur():
    seed()
    sekda = Pegawai.objects.get(nip=demo_roster.SEKDA.nip)
    assert sekda.unit_kerja.kode == "75" and sekda.atasan is None
    assert sekda.pejabat_penilai.nama == demo_roster.GUBERNUR.nama
    assert sekda.pejabat_penilai.user.username == demo_roster.GUBERNUR.username
    for p in Pegawai.objects.exclude(pk=sekda.pk).select_related("atasan", "penilai"):
        harapan = sekda if p.atasan is None else p.atasan
        assert p.pejabat_penilai == harapan, p
    kepala_dinas = Pegawai.objects.get(nip=demo_roster.KEPALA_DINAS.nip)
    assert kepala_dinas.atasan_pejabat_penilai.nama == demo_roster.GUBERNUR.nama


@pytest.mark.django_db
def test_every_unit_below_the_province_has_a_head_who_works_there():
    seed()
    for unit in UnitKerja.objects.select_related("kepala").exclude(kode="75"):
        assert unit.kepala is not None, unit
        assert unit.kepala.unit_kerja_id == unit.pk
    for p in Pegawai.objects.select_related("unit_kerja", "atasan").filter(atasan__isnull=False):
        kepala_sendiri = p.unit_kerja.kepala_id == p.pk
        unit_atasan = p.unit_kerja.induk_id if kepala_sendiri else p.unit_kerja_id
        assert p.atasan.unit_kerja_id == unit_atasan, p


@pytest.mark.django_db
def test_only_the_demo_logins_have_accounts():
    seed()
    assert set(Pegawai.objects.filter(user__isnull=False).values_list("nip", flat=True)) == {
        o.nip for o in demo_roster.ORANG_TETAP
    }


@pytest.mark.django_db
def test_every_demo_login_authenticates_with_its_role():
    keluaran = seed()
    hasil = {}
    for login in demo_roster.LOGIN_DEMO:
        assert login.username in keluaran
        user = authenticate(username=login.username, password=demo_roster.KATA_SANDI_DEMO)
        assert user is not None, login
        hasil[login.peran] = (user, set(user.groups.values_list("name", flat=True)), peran(user))

    user, grup, p = hasil["Administrator"]
    assert user.username == "admin" and grup == {GRUP_ADMINISTRATOR} and p.administrator and user.is_staff

    user, grup, p = hasil["Pengelola Kinerja"]
    assert grup == {GRUP_PENGELOLA} and p.pengelola and not p.administrator
    assert p.pegawai.unit_kerja.kode.startswith("75.01.")  # BKD
    opd = set(PenugasanPengelola.objects.filter(user=user).values_list("unit_kerja__nama", flat=True))
    assert opd == set(demo_roster.OPD_PENGELOLA)
    dinkes = UnitKerja.objects.get(nama="Dinas Kesehatan")
    assert set(UnitKerja.objects.filter(induk=dinkes).values_list("id", flat=True)) <= unit_ids_dikelola(user)

    user, grup, p = hasil["Atasan"]
    assert grup == set() and p.atasan and not p.staf

    user, grup, p = hasil["Pegawai"]
    assert grup == set() and p.pegawai.nip == user.username and not (p.atasan or p.staf or p.petugas_layanan)
    assert p.pegawai.atasan.user.username == demo_roster.ATASAN.nip

    user, grup, p = hasil["Petugas Layanan"]
    assert grup == {GRUP_PETUGAS_LAYANAN} and p.petugas_layanan and not p.staf
    assert p.pegawai.unit_kerja.induk.induk.nama == "Dinas Kependudukan dan Pencatatan Sipil"


@pytest.mark.django_db
def test_it_refuses_a_non_empty_database_in_indonesian_unless_forced():
    seed("--pegawai", "120")
    with pytest.raises(CommandError, match="sudah berisi .* gunakan --force"):
        seed()
    assert Pegawai.objects.count() == 120
    assert "tidak dibuat ulang" in seed("--if-empty")
    assert Pegawai.objects.count() == 120
    seed("--force")
    assert Pegawai.objects.count() == demo_roster.JUMLAH_BAKU


# --- evaluation demo data ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_has_an_open_quarter_with_evaluations_in_every_state():
    seed()
    periode = Periode.objects.get(status="DIBUKA")
    hari_ini = timezone.localdate()
    assert (periode.jenis, periode.nomor) == ("TRIWULANAN", (hari_ini.month - 1) // 3 + 1)
    assert periode.mulai <= hari_ini <= periode.selesai
    status = set(EvaluasiKinerja.objects.filter(periode=periode).values_list("status", flat=True))
    assert status == {"DRAFT", "DIAJUKAN", "DINILAI", "DIKEMBALIKAN"}
    opd = set(EvaluasiKinerja.objects.filter(sumber="LOKAL").values_list("pegawai__unit_kerja__kode", flat=True))
    kode = set(UnitKerja.objects.filter(nama__in=demo_roster.OPD_PENGELOLA).values_list("kode", flat=True))
    # Rated here: the Pengelola's OPD, and the Sekda (in the province unit) who appraises their heads.
    assert {k[:5] for k in opd} == kode | {"75"}
    for ev in EvaluasiKinerja.objects.filter(status="DINILAI"):
        assert ev.predikat == predikat_kinerja(ev.rating_hasil_kerja, ev.rating_perilaku_kerja)
        assert ev.perilaku.count() == 7 and ev.realisasi.count() == 3
        assert ev.rencana_aksi.get().rhk == ev.skp.rhk.get()


@pytest.mark.django_db
def test_each_demo_login_has_something_to_do():
    seed()
    periode = Periode.objects.get(status="DIBUKA")
    pegawai = Pegawai.objects.get(nip=demo_roster.PEGAWAI.nip)
    ev = EvaluasiKinerja.objects.get(periode=periode, pegawai=pegawai)
    assert ev.status == "DRAFT" and not ev.realisasi.exists()
    # Three quantitative indicators and a qualitative one (PermenPANRB 6/2022), which the appraiser marks.
    indikator = list(ev.skp.rhk.get().indikator.all())
    assert ev.skp.status == "DISETUJUI" and [i.jenis_target for i in indikator] == ["KUANTITATIF"] * 3 + ["KUALITATIF"]
    final_kualitatif = RealisasiIndikator.objects.get(
        evaluasi__periode__status="DITUTUP", evaluasi__pegawai=pegawai, indikator__jenis_target="KUALITATIF"
    )
    assert (final_kualitatif.realisasi, final_kualitatif.penilaian_kualitatif) == (None, "SESUAI")
    assert final_kualitatif.narasi and final_kualitatif.capaian is None
    atasan = Pegawai.objects.get(nip=demo_roster.ATASAN.nip)
    user_atasan = atasan.user
    assert EvaluasiKinerja.objects.filter(periode=periode, atasan=atasan, status="DIAJUKAN").count() >= 2
    assert SKP.objects.filter(pegawai__atasan=atasan, status="DIAJUKAN").count() == 1
    # The team's plans show a filled annex; others' stay empty.
    skp_tim = SKP.objects.filter(pegawai__atasan=atasan, tahun=periode.tahun)
    assert all(all(teks for _, teks in s.lampiran) for s in skp_tim)
    assert SKP.objects.filter(konsekuensi="").exists()
    assert user_atasan.notifikasi.filter(dibaca_pada__isnull=True).count() >= 3
    final = EvaluasiKinerja.objects.get(periode__status="DITUTUP", pegawai=pegawai)
    assert (final.status, final.predikat, final.diakui_pada) == ("FINAL", "BAIK", None)
    assert svc.aksi_tersedia(pegawai.user, final) == {"akui"}
    pengelola = User.objects.get(username=demo_roster.PENGELOLA.nip)
    di_opd_pengelola = periode.evaluasi.exclude(pegawai__nip=demo_roster.SEKDA.nip)
    assert izin.evaluasi_visible_to(pengelola).filter(periode=periode).count() == di_opd_pengelola.count()
    # The Kepala Dinas fills theirs for the Sekda, whose own waits for the Gubernur (outside the roster).
    kepala = EvaluasiKinerja.objects.get(periode=periode, pegawai__nip=demo_roster.KEPALA_DINAS.nip)
    assert (kepala.status, kepala.atasan.nip) == ("DRAFT", demo_roster.SEKDA.nip)
    assert svc.aksi_tersedia(kepala.pegawai.user, kepala) >= {"isi", "ajukan"}
    assert kepala.skp.rhk.get().rhk_atasan.skp.pegawai.nip == demo_roster.SEKDA.nip
    # The Kepala Dinas and the Sekda plan on the JPT model: sasaran strategis and IKU from a Perjanjian Kinerja.
    for nip in (demo_roster.KEPALA_DINAS.nip, demo_roster.SEKDA.nip):
        skp = SKP.objects.get(pegawai__nip=nip, tahun=periode.tahun)
        assert skp.jenis == "JPT" and skp.perjanjian_kinerja.startswith("Perjanjian Kinerja ")
        assert skp.rhk.get().indikator.count() == 3
    assert SKP.objects.get(pegawai=pegawai, tahun=periode.tahun).jenis == "JA_JF"
    # His unit's organisational performance this quarter proposes his rating (SE MenPANRB 3/2023).
    assert sel_hasil.kinerja_organisasi_dipimpin(kepala).capaian == "BAIK"
    sekda = EvaluasiKinerja.objects.get(periode=periode, pegawai__nip=demo_roster.SEKDA.nip)
    gubernur = User.objects.get(username=demo_roster.GUBERNUR.username)
    assert sekda.status == "DIAJUKAN" and sekda.penilai_luar.user == gubernur
    assert svc.aksi_tersedia(gubernur, sekda) >= {"nilai", "kembalikan"}
    assert gubernur.notifikasi.filter(judul__contains=sekda.pegawai.nama).exists()


@pytest.mark.django_db
def test_demo_plans_cascade_to_the_supervisors_plan_of_the_same_year():
    seed()
    rencana = set(SKP.objects.values_list("pegawai_id", "tahun"))
    for rhk in RencanaHasilKerja.objects.select_related("skp__pegawai", "rhk_atasan__skp"):
        rhk.full_clean()
        # Last year's demo plans stop at the Atasan, whose own supervisor has none that year.
        ppk_id = ppk(rhk.skp.pegawai.baris_penilai)[0]
        if (ppk_id, rhk.skp.tahun) in rencana:
            assert rhk.rhk_atasan.skp.pegawai_id == ppk_id


@pytest.mark.django_db
def test_the_evaluation_demo_is_deterministic_and_force_replaces_final_evaluations():
    seed("--seed", "5")

    def keadaan():
        return list(
            EvaluasiKinerja.objects.order_by("pegawai__nip", "periode__jenis").values_list(
                "pegawai__nip", "periode__jenis", "status", "predikat"
            )
        )

    pertama = keadaan()
    assert EvaluasiKinerja.objects.filter(status="FINAL").exists()
    seed("--seed", "5", "--force")
    assert keadaan() == pertama


@pytest.mark.django_db
def test_the_dashboards_have_roll_ups_right_after_seeding():
    from rekap.models import RekapKinerja

    seed()
    provinsi = UnitKerja.objects.get(induk=None)
    for periode in Periode.objects.all():
        rekap = RekapKinerja.objects.get(unit_kerja=provinsi, periode=periode)
        assert rekap.jumlah_evaluasi == EvaluasiKinerja.objects.filter(periode=periode).count()
    terbuka = RekapKinerja.objects.get(unit_kerja=provinsi, periode__status="DIBUKA")
    assert terbuka.jumlah_evaluasi > 0 and terbuka.dihitung_pada is not None


@pytest.mark.django_db
def test_after_seeding_postgresql_knows_how_many_asn_there_are():
    # Without statistics the planner guesses a few hundred rows and the HR list of 30,000 ASN picks slow joins.
    from django.db import connection

    from tests.conftest import perlu_layanan

    if connection.vendor != "postgresql":
        perlu_layanan("DATABASE_URL bukan PostgreSQL: statistik perencana kueri hanya ada di PostgreSQL")
    seed("--pegawai", "173")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'kinerja_pegawai'::regclass")
        (perkiraan,) = cursor.fetchone()
    assert perkiraan == Pegawai.objects.count()


@pytest.mark.django_db
def test_a_kecamatan_in_import_mode_has_last_years_results_from_e_kinerja():
    seed()
    kecamatan = UnitKerja.objects.get(kode=demo_ekinerja.KECAMATAN_IMPOR)
    assert kecamatan.sumber_evaluasi == "IMPOR"
    lalu = Periode.objects.get(jenis="TAHUNAN")
    diimpor = EvaluasiKinerja.objects.filter(sumber="EKINERJA")
    jumlah = Pegawai.objects.filter(unit_kerja_id__in=UnitKerja.objects.subtree_ids([kecamatan.pk])).count()
    assert diimpor.count() == jumlah > 0
    assert set(diimpor.values_list("periode_id", "status")) == {(lalu.pk, "FINAL")}
    hasil = HasilEkinerja.objects.filter(dipakai=True)
    assert hasil.count() == jumlah and hasil.exclude(catatan_matriks="").count() == 1
    assert hasil.first().impor.nama_berkas == f"hasil-ekinerja-kota-barat-{lalu.tahun}.csv"


@pytest.mark.django_db
def test_the_demo_atasan_divides_his_rhk_and_his_team_logs_their_days(client):
    seed()
    atasan = Pegawai.objects.get(nip=demo_roster.ATASAN.nip)
    pegawai = Pegawai.objects.get(nip=demo_roster.PEGAWAI.nip)
    rhk_atasan = RencanaHasilKerja.objects.get(skp__pegawai=atasan, skp__tahun=timezone.localdate().year)
    peran = PeranHasil.objects.filter(rhk_atasan=rhk_atasan)
    assert peran.filter(pegawai=pegawai).exists() and peran.count() >= 3
    # Each role's ASN drafted their RHK from it, citing the Atasan's; the demo Pegawai's notes his rewrite since.
    for p in peran:
        assert p.pegawai.skp.get(tahun=rhk_atasan.skp.tahun).rhk.get().rhk_atasan == rhk_atasan
    rhk_pegawai = pegawai.skp.get(tahun=rhk_atasan.skp.tahun).rhk.get()
    assert rhk_pegawai.rhk_atasan_berubah
    berubah = [r for r in RencanaHasilKerja.objects.select_related("rhk_atasan") if r.rhk_atasan_berubah]
    assert berubah == [rhk_pegawai]
    # The team logged their last working days but one teammate, whom Tim Saya names.
    assert ProgresHarian.objects.filter(pegawai=pegawai).count() >= 5
    client.force_login(atasan.user)
    halaman = client.get(reverse("tim_saya")).content.decode()
    assert "Progres harian tim" in halaman and re.search(r"\d hari tanpa progres", halaman)
