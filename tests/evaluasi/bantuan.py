"""Builders for the rules tests: periods, attendance and evaluations written directly (facts, not workflows)."""

import importlib

import factory
from django.apps import apps

from evaluasi.models import Aturan, RekapKehadiran
from kinerja.models import EvaluasiKinerja, Periode
from tests.factories import EvaluasiKinerjaFactory, PeriodeFactory

TAHUN = 2026


def periode(nomor=1, jenis="TRIWULANAN", tahun=TAHUN, ditutup=True) -> Periode:
    """A period of the year, its deadlines at its end; closed (final for the rules) unless asked otherwise."""
    return PeriodeFactory(
        nomor=nomor,
        jenis=jenis,
        tahun=tahun,
        batas_pengisian=factory.SelfAttribute("selesai"),
        batas_penilaian=factory.SelfAttribute("selesai"),
        status=Periode.Status.DITUTUP if ditutup else Periode.Status.DIBUKA,
    )


def kehadiran(pegawai, bulan, tanpa_keterangan=0, berturut=0, tahun=TAHUN, **lain) -> RekapKehadiran:
    nilai = dict(hari_kerja=22, hadir=22 - tanpa_keterangan, tanpa_keterangan=tanpa_keterangan)
    nilai.update(tanpa_keterangan_berturut=berturut, **lain)
    return RekapKehadiran.objects.create(pegawai=pegawai, tahun=tahun, bulan=bulan, **nilai)


def evaluasi_final(pegawai, periode, hasil="DI_ATAS", perilaku="DI_ATAS", status="FINAL") -> EvaluasiKinerja:
    """An evaluation with its ratings (the model derives the predikat), written directly in its final state."""
    return EvaluasiKinerjaFactory(
        periode=periode, pegawai=pegawai, status=status, rating_hasil_kerja=hasil, rating_perilaku_kerja=perilaku
    )


def pastikan_aturan_bawaan():
    """Transactional tests (live_server, a real worker) flush every table after they run, the default rules of
    migration 0002 included: put them back for the test that needs them, from the migration itself."""
    if not Aturan.objects.exists():
        importlib.import_module("evaluasi.migrations.0002_aturan_bawaan").buat(apps, None)


def dinilai_dengan_teguran(org):
    """The default rules, and staf_a1 (4 unexcused days: teguran tertulis) and staf_a2 (3: teguran lisan) rated in
    bidang A, ready to be finalised: what the rules then record. Returns the Skenario."""
    from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

    pastikan_aturan_bawaan()
    s = Skenario(org)
    kehadiran(org.staf_a1, 1, tanpa_keterangan=4)
    kehadiran(org.staf_a2, 1, tanpa_keterangan=3)
    s.nilai(org.staf_a1)
    s.nilai(org.staf_a2)
    return s
