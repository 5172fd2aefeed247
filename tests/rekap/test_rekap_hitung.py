"""Roll-ups equal a straightforward Python computation over the same random data, and are idempotent."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings

from kinerja.models import PengaturanKinerja
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian.predikat import PREDIKAT, cek_kurva_distribusi
from layanan.kalender import WITA
from layanan.models import Permohonan, SurveiKepuasan
from rekap import services
from rekap.models import RekapKinerja, RekapTim
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario
from tests.layanan.factories import JenisLayananFactory, PermohonanFactory

from .data_acak import organisasi_acak, tulis

pytestmark = pytest.mark.django_db

DUA_DESIMAL = Decimal("0.01")


def _persen(a, b):
    return None if b == 0 else (Decimal(100) * a / b).quantize(DUA_DESIMAL, ROUND_HALF_UP)


def _rata(nilai):
    return None if not nilai else (sum(nilai) / len(nilai)).quantize(DUA_DESIMAL, ROUND_HALF_UP)


def _harapan_angka(evaluasi):
    """The figures of a list of generated evaluations, counted one by one."""
    hasil = {"jumlah_evaluasi": len(evaluasi)}
    for s in ("DRAFT", "DIAJUKAN", "DINILAI", "DIKEMBALIKAN", "FINAL"):
        hasil[f"jumlah_{s.lower()}"] = sum(1 for e in evaluasi if e["status"] == s)
    for p in ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"):
        hasil[f"jumlah_{p.lower()}"] = sum(
            1 for e in evaluasi if e["status"] in ("DINILAI", "FINAL") and e["predikat"] == p
        )
    hasil["persen_selesai"] = _persen(hasil["jumlah_final"], len(evaluasi))
    hasil["rata_capaian"] = _rata([c for e in evaluasi for c in e["capaian"]])
    hasil["banyak_capaian"] = sum(len(e["capaian"]) for e in evaluasi)
    return hasil


def _dalam_subtree(induk, unit, akar):
    while unit is not None:
        if unit == akar:
            return True
        unit = induk[unit]
    return False


def _baris(obj, fields):
    return {f: getattr(obj, f) for f in fields}


@given(data=organisasi_acak())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_roll_ups_equal_a_python_computation_on_random_data(db, data):
    with transaction.atomic():
        units, pegawai, periode = tulis(data)
        services.hitung_rekap([p.pk for p in periode])
        kurva = PengaturanKinerja.aktif().syarat_kurva()
        induk = data["induk"]
        for pi, p in enumerate(periode):
            for ui, u in enumerate(units):
                anggota = [i for i, (uj, _) in enumerate(data["pegawai"]) if _dalam_subtree(induk, uj, ui)]
                evaluasi = [data["evaluasi"][(i, pi)] for i in anggota if (i, pi) in data["evaluasi"]]
                harapan = _harapan_angka(evaluasi)
                harapan["jumlah_pegawai"] = sum(1 for i in anggota if data["pegawai"][i][1])
                capaian_org = data["organisasi"].get((ui, pi), "")
                jumlah = {p: harapan[f"jumlah_{p.lower()}"] for p in PREDIKAT if harapan[f"jumlah_{p.lower()}"]}
                pelanggaran = cek_kurva_distribusi(capaian_org, jumlah, kurva) if capaian_org and jumlah else None
                harapan["capaian_organisasi"] = capaian_org
                harapan["sesuai_kurva"] = None if pelanggaran is None else not pelanggaran
                harapan["pelanggaran_kurva"] = "\n".join(pelanggaran or ())
                rekap = RekapKinerja.objects.get(unit_kerja=u, periode=p)
                assert _baris(rekap, harapan) == harapan, (ui, pi)
                assert (rekap.jumlah_permohonan, rekap.persen_tepat_waktu, rekap.ikm) == (None, None, None)
            for ai, a in enumerate(pegawai):
                evaluasi = [e for (i, pj), e in data["evaluasi"].items() if pj == pi and e["atasan"] == ai]
                tim = RekapTim.objects.filter(atasan=a, periode=p).first()
                if not evaluasi:
                    assert tim is None
                else:
                    harapan = _harapan_angka(evaluasi)
                    assert _baris(tim, harapan) == harapan
        assert RekapKinerja.objects.count() == len(units) * len(periode)
        transaction.set_rollback(True)


def test_running_twice_changes_nothing_but_the_time_computed(db):
    data = {
        "induk": [None, 0, 0],
        "pegawai": [(1, True), (2, True), (2, False)],
        "n_periode": 2,
        "evaluasi": {
            (0, 0): dict(status="FINAL", predikat="BAIK", atasan=None, capaian=[Decimal("100"), Decimal("76.5")]),
            (1, 0): dict(status="DRAFT", predikat="", atasan=0, capaian=[]),
        },
        "organisasi": {(0, 0): "BAIK"},
    }
    units, _, periode = tulis(data)
    services.hitung_rekap([p.pk for p in periode])
    fields = [f.name for f in RekapKinerja._meta.fields if f.name not in ("id", "dihitung_pada")]
    pertama = {(r.unit_kerja_id, r.periode_id): _baris(r, fields) for r in RekapKinerja.objects.all()}
    waktu_pertama = max(RekapKinerja.objects.values_list("dihitung_pada", flat=True))
    services.hitung_rekap([p.pk for p in periode])
    kedua = {(r.unit_kerja_id, r.periode_id): _baris(r, fields) for r in RekapKinerja.objects.all()}
    assert kedua == pertama
    assert min(RekapKinerja.objects.values_list("dihitung_pada", flat=True)) > waktu_pertama
    akar = RekapKinerja.objects.get(unit_kerja=units[0], periode=periode[0])
    assert (akar.jumlah_pegawai, akar.jumlah_evaluasi, akar.jumlah_final) == (2, 2, 1)
    assert (akar.persen_selesai, akar.rata_capaian) == (Decimal("50.00"), Decimal("88.25"))
    # Baik organisation with one Baik and no Butuh Perbaikan/Kurang: the curve is broken.
    assert akar.sesuai_kurva is False and "Butuh Perbaikan" in akar.pelanggaran_kurva
    kosong = RekapKinerja.objects.get(unit_kerja=units[0], periode=periode[1])
    assert (kosong.jumlah_evaluasi, kosong.persen_selesai, kosong.rata_capaian, kosong.sesuai_kurva) == (
        0,
        None,
        None,
        None,
    )


def test_the_nightly_run_takes_open_uncomputed_and_newly_closed_periods(db):
    from django.utils import timezone

    data = {"induk": [None], "pegawai": [], "n_periode": 3, "evaluasi": {}, "organisasi": {}}
    _, _, (dibuka, ditutup, baru_ditutup) = tulis(data)
    ditutup.status = baru_ditutup.status = "DITUTUP"
    ditutup.save()
    baru_ditutup.save()
    assert set(services.periode_perlu_rekap()) == {dibuka.pk, ditutup.pk, baru_ditutup.pk}
    services.hitung_rekap_terjadwal()
    assert set(services.periode_perlu_rekap()) == {dibuka.pk}
    baru_ditutup.ditutup_pada = timezone.now()
    baru_ditutup.save()
    assert set(services.periode_perlu_rekap()) == {dibuka.pk, baru_ditutup.pk}


def _permohonan_selesai(jenis, pada, *, tepat, jawaban=None):
    p = PermohonanFactory(
        jenis_layanan=jenis,
        status=Permohonan.Status.SELESAI,
        diterima_pada=pada - datetime.timedelta(days=1),
        batas_waktu=pada + datetime.timedelta(hours=1 if tepat else -1),
        selesai_pada=pada,
    )
    if jawaban:
        SurveiKepuasan.objects.create(
            permohonan=p,
            jenis_layanan=jenis,
            diisi_pada=pada,
            **dict(zip(SurveiKepuasan.FIELD_UNSUR, jawaban, strict=True)),
        )


def test_service_figures_roll_up_the_tree_with_ikm_from_the_summed_answers(org):
    periode = Skenario(org).periode
    dalam = datetime.datetime(periode.mulai.year, 2, 3, 10, 0, tzinfo=WITA)
    di_a = JenisLayananFactory(unit_kerja=org.bidang_a)
    di_b = JenisLayananFactory(unit_kerja=org.opd_b)
    _permohonan_selesai(di_a, dalam, tepat=True, jawaban=[4] * 9)
    _permohonan_selesai(di_a, dalam, tepat=False)
    _permohonan_selesai(di_b, dalam, tepat=True, jawaban=[3] * 9)
    _permohonan_selesai(di_b, dalam, tepat=True, jawaban=[3] * 9)
    # Completed after the period: not counted.
    _permohonan_selesai(di_b, datetime.datetime(periode.selesai.year, 4, 2, tzinfo=WITA), tepat=True)

    services.hitung_rekap([periode.pk])

    def angka(unit):
        r = RekapKinerja.objects.get(unit_kerja=unit, periode=periode)
        return r.jumlah_permohonan, r.persen_tepat_waktu, r.ikm

    assert angka(org.bidang_a) == (2, Decimal("50.00"), Decimal("100.00"))
    assert angka(org.opd_a) == (2, Decimal("50.00"), Decimal("100.00"))
    assert angka(org.opd_b) == (2, Decimal("100.00"), Decimal("75.00"))
    # The province's IKM comes from all three respondents' answers (4, 3, 3 → 10/3 × 25), not from averaging
    # its OPD's IKM (87.50).
    assert angka(org.prov) == (4, Decimal("75.00"), Decimal("83.33"))


def test_finalising_a_unit_recomputes_its_period_after_commit(org, django_capture_on_commit_callbacks):
    skenario = Skenario(org)
    skenario.nilai(org.staf_a1)
    assert not RekapKinerja.objects.exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        svc_periode.finalkan_unit(
            org.hr_a.user, skenario.periode.pk, org.bidang_a.pk, pengecualian=skenario.belum_dinilai()
        )
    # Queued for after the commit (the rules app queues its own work beside it).
    assert [c for c in callbacks if "rekap_setelah_finalisasi" in c.__qualname__]
    bidang = RekapKinerja.objects.get(unit_kerja=org.bidang_a, periode=skenario.periode)
    # atasan_a and staf_a2 are still drafts in bidang A, left out of the finalisation with a reason.
    assert (bidang.jumlah_final, bidang.jumlah_baik, bidang.jumlah_draft) == (1, 1, 2)
    assert bidang.capaian_organisasi == "ISTIMEWA" and bidang.sesuai_kurva is True
    assert RekapKinerja.objects.get(unit_kerja=org.prov, periode=skenario.periode).jumlah_final == 1
    assert RekapTim.objects.get(atasan=org.atasan_a, periode=skenario.periode).jumlah_evaluasi == 2
