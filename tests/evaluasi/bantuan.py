"""Builders for the rules tests: periods, attendance and evaluations written directly (facts, not workflows)."""

import datetime
import importlib

from django.apps import apps

from evaluasi.models import Aturan, RekapKehadiran
from kinerja.models import EvaluasiKinerja, Periode

TAHUN = 2026


def periode(nomor=1, jenis="TRIWULANAN", tahun=TAHUN, ditutup=True) -> Periode:
    """A period of the year; closed (final for the rules) unless asked otherwise."""
    bulan_per = {"BULANAN": 1, "TRIWULANAN": 3, "SEMESTERAN": 6, "TAHUNAN": 12}[jenis]
    awal = datetime.date(tahun, (nomor - 1) * bulan_per + 1, 1)
    akhir_bulan = nomor * bulan_per
    akhir = datetime.date(tahun + akhir_bulan // 12, akhir_bulan % 12 + 1, 1) - datetime.timedelta(days=1)
    return Periode.objects.create(
        tahun=tahun,
        jenis=jenis,
        nomor=nomor,
        mulai=awal,
        selesai=akhir,
        batas_pengisian=akhir,
        batas_penilaian=akhir,
        status=Periode.Status.DITUTUP if ditutup else Periode.Status.DIBUKA,
    )


def kehadiran(pegawai, bulan, tanpa_keterangan=0, berturut=0, tahun=TAHUN, **lain) -> RekapKehadiran:
    nilai = dict(hari_kerja=22, hadir=22 - tanpa_keterangan, tanpa_keterangan=tanpa_keterangan)
    nilai.update(tanpa_keterangan_berturut=berturut, **lain)
    return RekapKehadiran.objects.create(pegawai=pegawai, tahun=tahun, bulan=bulan, **nilai)


def evaluasi_final(pegawai, periode, hasil="DI_ATAS", perilaku="DI_ATAS", status="FINAL") -> EvaluasiKinerja:
    """An evaluation with its ratings (the model derives the predikat), written directly in its final state."""
    return EvaluasiKinerja.objects.create(
        periode=periode,
        pegawai=pegawai,
        atasan=pegawai.atasan,
        status=status,
        rating_hasil_kerja=hasil,
        rating_perilaku_kerja=perilaku,
    )


def pastikan_aturan_bawaan():
    """Transactional tests (live_server, a real worker) flush every table after they run, the default rules of
    migration 0002 included: put them back for the test that needs them, from the migration itself."""
    if not Aturan.objects.exists():
        importlib.import_module("evaluasi.migrations.0002_aturan_bawaan").buat(apps, None)
