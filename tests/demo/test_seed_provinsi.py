"""seed_demo at province scale (--periode, --permohonan): counts, consistent states, working logins."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from demo import kehadiran as demo_kehadiran
from demo import roster as demo_roster
from evaluasi.models import RekapKehadiran
from kinerja.models import (
    SKP,
    EvaluasiKinerja,
    Pegawai,
    Periode,
    RealisasiIndikator,
    RencanaHasilKerja,
    RiwayatEvaluasi,
)
from kinerja.pegawai.penilai import Penilai
from kinerja.penilaian.predikat import predikat_kinerja
from kinerja.penilaian.services_penilai import FIELD_PENILAI, penilai_dari
from layanan.models import Permohonan, RiwayatPermohonan, SurveiKepuasan
from rekap.models import RekapKinerja
from tests.conftest import perlu_layanan

S = EvaluasiKinerja.Status
P = Permohonan.Status


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def periode_triwulan(jumlah):
    """The last `jumlah` quarters; the focused demo's attendance quarter (Triwulan I 2025) may come before them."""
    return list(Periode.objects.filter(jenis=Periode.Jenis.TRIWULANAN).order_by("mulai"))[-jumlah:]


def cek_evaluasi(jumlah_pegawai, jumlah_periode):
    triwulan = periode_triwulan(jumlah_periode)
    hari_ini = timezone.localdate()
    assert len(triwulan) == jumlah_periode
    assert [p.status for p in triwulan] == ["DITUTUP"] * (jumlah_periode - 1) + ["DIBUKA"]
    assert triwulan[-1].mulai <= hari_ini <= triwulan[-1].selesai
    # Consecutive quarters, no gaps.
    for a, b in zip(triwulan, triwulan[1:], strict=False):
        assert b.mulai == a.selesai + datetime.timedelta(days=1)
    per_periode = dict(
        EvaluasiKinerja.objects.filter(periode__in=triwulan).values_list("periode").annotate(n=Count("id"))
    )
    assert per_periode == {p.pk: jumlah_pegawai for p in triwulan}
    ditutup = EvaluasiKinerja.objects.filter(periode__in=triwulan[:-1])
    assert set(ditutup.values_list("status", flat=True)) == set(S)
    assert set(EvaluasiKinerja.objects.filter(periode=triwulan[-1]).values_list("status", flat=True)) == {
        S.DRAFT,
        S.DIAJUKAN,
        S.DIKEMBALIKAN,
        S.DINILAI,
    }

    # Rated here: the demo kecamatan's results imported from e-Kinerja carry no plan or realisations.
    lokal = EvaluasiKinerja.objects.filter(sumber="LOKAL")
    ev = EvaluasiKinerja._base_manager.filter(sumber="LOKAL").annotate(
        n_realisasi=Count("realisasi", distinct=True),
        n_indikator=Count("skp__rhk__indikator", distinct=True),
        n_perilaku=Count("perilaku", distinct=True),
        n_umpan_balik=Count("umpan_balik_rhk", distinct=True),
        status_terakhir=Subquery(
            RiwayatEvaluasi.objects.filter(evaluasi=OuterRef("pk")).order_by("-pada", "-id").values("ke_status")[:1]
        ),
    )
    assert not ev.filter(status=S.DRAFT, n_realisasi__gt=0).exists()
    # Every indicator realised once submitted: three each, and the demo Pegawai's qualitative one besides.
    assert not ev.exclude(status=S.DRAFT).exclude(n_realisasi=F("n_indikator")).exists()
    assert set(ev.exclude(status=S.DRAFT).values_list("n_realisasi", flat=True)) == {3, 4}
    kualitatif = RealisasiIndikator.objects.filter(indikator__jenis_target="KUALITATIF")
    assert not kualitatif.filter(Q(realisasi__isnull=False) | Q(capaian__isnull=False) | Q(narasi="")).exists()
    dinilai_kualitatif = kualitatif.filter(evaluasi__status__in=[S.DINILAI, S.FINAL])
    assert dinilai_kualitatif.exists() and not dinilai_kualitatif.filter(penilaian_kualitatif="").exists()
    dinilai = ev.filter(status__in=[S.DINILAI, S.FINAL])
    assert not dinilai.filter(Q(rating_hasil_kerja="") | Q(rating_perilaku_kerja="") | Q(dinilai_pada=None)).exists()
    assert not dinilai.exclude(n_perilaku=7, n_umpan_balik=1).exists()
    for hasil, perilaku, predikat in dinilai.values_list(
        "rating_hasil_kerja", "rating_perilaku_kerja", "predikat"
    ).distinct():
        assert predikat == predikat_kinerja(hasil, perilaku)
    assert not ev.exclude(status__in=[S.DINILAI, S.FINAL]).exclude(predikat="").exists()
    assert not ev.filter(status=S.FINAL).filter(Q(difinalkan_pada=None) | Q(difinalkan_oleh=None)).exists()
    assert not ev.filter(status=S.DIKEMBALIKAN, alasan_pengembalian="").exists()
    # The history of every submitted evaluation ends in its state; drafts have none.
    assert not ev.exclude(status=S.DRAFT).exclude(status_terakhir=F("status")).exists()
    assert not ev.filter(status=S.DRAFT, status_terakhir__isnull=False).exists()
    # Each evaluation rests on its ASN's approved plan of the period's year, and realises that plan's indicators.
    assert not lokal.exclude(skp__pegawai=F("pegawai"), skp__tahun=F("periode__tahun")).exists()
    assert not EvaluasiKinerja.objects.filter(realisasi__isnull=False).exclude(skp__status="DISETUJUI").exists()
    assert not RealisasiIndikator.objects.exclude(indikator__rhk__skp=F("evaluasi__skp")).exists()
    # Each evaluation names its ASN's appraisers by the roster (the heads of OPD: the Sekda; the Sekda: the Gubernur).
    penilai = penilai_dari(Pegawai.objects.all())
    for pid, *kolom in EvaluasiKinerja.objects.values_list("pegawai_id", *FIELD_PENILAI):
        assert Penilai(*kolom) == penilai[pid]
    # Plans cascade: every RHK of an ASN whose PPK has a plan that year cites the PPK's RHK.
    rencana = set(SKP.objects.values_list("pegawai_id", "tahun"))
    ppk_dari = {pk: p.atasan_id for pk, p in penilai.items()}
    for pegawai_id, tahun, atasan_rhk in RencanaHasilKerja.objects.values_list(
        "skp__pegawai_id", "skp__tahun", "rhk_atasan__skp__pegawai_id"
    ):
        ppk_id = ppk_dari[pegawai_id]
        assert atasan_rhk == (ppk_id if (ppk_id, tahun) in rencana else None)


def cek_layanan(jumlah_permohonan):
    assert Permohonan.objects.count() == jumlah_permohonan
    assert Permohonan.objects.values("nomor_tiket").distinct().count() == jumlah_permohonan
    assert set(Permohonan.objects.values_list("status", flat=True)) >= set(Permohonan.STATUS_AKHIR)
    akhir = Permohonan.objects.filter(status__in=Permohonan.STATUS_AKHIR)
    assert not akhir.filter(selesai_pada=None).exists()
    assert not Permohonan.objects.exclude(status__in=Permohonan.STATUS_AKHIR).exclude(selesai_pada=None).exists()
    assert not Permohonan.objects.filter(status=P.MENUNGGU_PEMOHON, jeda_sejak=None).exists()
    riwayat = RiwayatPermohonan.objects.filter(permohonan=OuterRef("pk"))
    dengan_riwayat = Permohonan.objects.annotate(
        pertama=Subquery(riwayat.order_by("pada", "id").values("ke_status")[:1]),
        terakhir=Subquery(riwayat.order_by("-pada", "-id").values("ke_status")[:1]),
        pada_terakhir=Subquery(riwayat.order_by("-pada", "-id").values("pada")[:1]),
    )
    assert not dengan_riwayat.exclude(pertama=P.DITERIMA).exists()
    assert not dengan_riwayat.exclude(terakhir=F("status")).exists()
    selesai = dengan_riwayat.filter(status__in=Permohonan.STATUS_AKHIR)
    assert not selesai.exclude(pada_terakhir=F("selesai_pada")).exists()
    assert SurveiKepuasan.objects.exists()
    assert not SurveiKepuasan.objects.exclude(permohonan__status=P.SELESAI).exists()
    assert not SurveiKepuasan.objects.exclude(jenis_layanan=F("permohonan__jenis_layanan")).exists()
    assert not SurveiKepuasan.objects.filter(diisi_pada__lt=F("permohonan__selesai_pada")).exists()


def cek_kehadiran_dan_rekap(jumlah_pegawai, jumlah_periode):
    triwulan = periode_triwulan(jumlah_periode)
    bulan = demo_kehadiran.bulan_di_antara(triwulan[0].mulai, timezone.localdate())
    per_bulan = dict(
        ((t, b), n)
        for t, b, n in RekapKehadiran.objects.values_list("tahun", "bulan")
        .annotate(n=Count("id"))
        .values_list("tahun", "bulan", "n")
    )
    assert {k: v for k, v in per_bulan.items() if k in bulan} == dict.fromkeys(bulan, jumlah_pegawai)
    assert not RekapKehadiran.objects.exclude(
        hari_kerja=F("hadir") + F("cuti") + F("sakit") + F("tanpa_keterangan")
    ).exists()
    provinsi = Pegawai.objects.get(nip=demo_roster.ATASAN.nip).unit_kerja
    while provinsi.induk_id:
        provinsi = provinsi.induk
    for p in Periode.objects.all():
        rekap = RekapKinerja.objects.get(unit_kerja=provinsi, periode=p)
        assert rekap.jumlah_evaluasi == EvaluasiKinerja.objects.filter(periode=p).count()
        assert rekap.jumlah_final == EvaluasiKinerja.objects.filter(periode=p, status=S.FINAL).count()


def cek_login(client):
    for login in demo_roster.LOGIN_DEMO:
        assert authenticate(username=login.username, password=demo_roster.KATA_SANDI_DEMO) is not None, login
        assert client.login(username=login.username, password=demo_roster.KATA_SANDI_DEMO)
        assert client.get(reverse("beranda")).status_code == 200
        assert client.get(reverse("rekap:dasbor"), follow=True).status_code == 200
        client.logout()
    # The focused scenarios survive the province around them.
    atasan = Pegawai.objects.get(nip=demo_roster.ATASAN.nip)
    terbuka = Periode.objects.get(status="DIBUKA")
    assert EvaluasiKinerja.objects.filter(periode=terbuka, atasan=atasan, status=S.DIAJUKAN).count() >= 2
    pegawai = Pegawai.objects.get(nip=demo_roster.PEGAWAI.nip)
    assert EvaluasiKinerja.objects.get(periode=terbuka, pegawai=pegawai).status == S.DRAFT


@pytest.mark.services
@pytest.mark.django_db
def test_province_scale_on_postgresql_has_consistent_states_and_working_logins(client):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        perlu_layanan("DATABASE_URL bukan PostgreSQL: data demo skala provinsi ditulis dengan COPY")
    keluaran = seed("--pegawai", "600", "--periode", "3", "--permohonan", "5000")
    assert Pegawai.objects.count() == 600
    cek_evaluasi(600, 3)
    cek_layanan(5000)
    # Requests of the last working days are still open: the officers have a queue.
    assert Permohonan.objects.filter(status__in=Permohonan.STATUS_BERJALAN).exists()
    cek_kehadiran_dan_rekap(600, 3)
    cek_login(client)
    jumlah = EvaluasiKinerja.objects.count()
    assert f"{jumlah} evaluasi kinerja" in keluaran and "5000 permohonan layanan" in keluaran
    assert "detik" in keluaran


@pytest.mark.django_db
def test_province_scale_works_without_postgresql_too_and_is_deterministic(client):
    """The bulk_create fallback (SQLite in development) writes the same kind of data, the same for a seed."""
    seed("--pegawai", "120", "--periode", "2", "--permohonan", "800", "--seed", "3")
    cek_evaluasi(120, 2)
    cek_layanan(800)
    cek_kehadiran_dan_rekap(120, 2)
    cek_login(client)

    def keadaan():
        return (
            list(
                EvaluasiKinerja.objects.order_by("pegawai__nip", "periode__mulai", "periode__jenis").values_list(
                    "pegawai__nip", "periode__mulai", "status", "predikat"
                )
            ),
            list(Permohonan.objects.order_by("nomor_tiket").values_list("nomor_tiket", "nik", "status")),
            list(
                RekapKehadiran.objects.order_by("pegawai__nip", "tahun", "bulan").values_list(
                    "pegawai__nip", "tahun", "bulan", "hadir"
                )
            ),
        )

    pertama = keadaan()
    seed("--pegawai", "120", "--periode", "2", "--permohonan", "800", "--seed", "3", "--force")
    assert keadaan() == pertama


@pytest.mark.django_db
def test_it_refuses_impossible_sizes_in_indonesian():
    with pytest.raises(CommandError, match="--periode minimal 1"):
        seed("--periode", "0")
    with pytest.raises(CommandError, match="--permohonan tidak boleh negatif"):
        seed("--permohonan", "-1")
    assert not Pegawai.objects.exists()
