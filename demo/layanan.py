"""Demo data of the service desk: Dukcapil's civil-registration services (Perpres 96/2018; DOMAIN.md §6),
office hours, fixed-date holidays, and a few months of requests with surveys so the pages have figures.

Deterministic for a seed; written with bulk inserts. Service times differ per region and are unconfirmed:
they are editable in the admin.
"""

import datetime
import random

from django.utils import timezone

from core.bulk import BATCH_SIZE, insert_rows, reserve_ids, truncate_tables
from core.roles import GRUP_PETUGAS_LAYANAN
from kinerja.models import Pegawai, UnitKerja
from layanan.kalender import JAM_KERJA_BAKU, JAM_KERJA_RAMADAN_BAKU, WITA
from layanan.models import (
    HariLibur,
    JamLayanan,
    JenisLayanan,
    PenghitungTiket,
    Permohonan,
    RiwayatPermohonan,
    SurveiKepuasan,
)
from layanan.selectors import kalender_kerja

UNIT_DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"
_KK = "Kartu Keluarga (KK) asli"
# (kode, nama, persyaratan, SLA jumlah, SLA satuan)
LAYANAN = (
    (
        "BIO",
        "Pendaftaran dan Perubahan Biodata Penduduk",
        (_KK, "Formulir biodata (F-1.01)", "Dokumen pendukung perubahan data"),
        1,
        "HARI",
    ),
    (
        "KK",
        "Penerbitan Kartu Keluarga",
        (_KK + " bagi perubahan", "Formulir F-1.01", "Surat nikah/akta cerai bila ada"),
        1,
        "HARI",
    ),
    (
        "KTP",
        "Penerbitan KTP-el",
        ("Berusia 17 tahun atau sudah/pernah kawin", _KK, "Surat keterangan hilang/rusak bila penggantian"),
        1,
        "HARI",
    ),
    (
        "KIA",
        "Penerbitan Kartu Identitas Anak",
        ("Akta kelahiran anak", _KK + " orang tua", "Pas foto anak usia 5 tahun ke atas"),
        4,
        "JAM",
    ),
    ("SKPWNI", "Surat Keterangan Pindah", (_KK, "KTP-el", "Formulir F-1.03"), 1, "HARI"),
    (
        "AKL",
        "Penerbitan Akta Kelahiran",
        ("Surat keterangan lahir dari dokter/bidan/kepala desa", _KK + " orang tua", "Buku nikah orang tua"),
        1,
        "HARI",
    ),
    ("AKM", "Penerbitan Akta Kematian", ("Surat keterangan kematian", _KK + " almarhum", "KTP-el pelapor"), 1, "HARI"),
    (
        "AKW",
        "Penerbitan Akta Perkawinan",
        ("Surat keterangan perkawinan dari pemuka agama", "KTP-el dan KK kedua mempelai", "Pas foto berdampingan"),
        3,
        "HARI",
    ),
    (
        "AKC",
        "Penerbitan Akta Perceraian",
        ("Salinan putusan pengadilan berkekuatan hukum tetap", "Kutipan akta perkawinan", _KK),
        3,
        "HARI",
    ),
)
# Fixed-date national holidays only; movable ones (Idul Fitri, Nyepi, Waisak…) change yearly: enter them in the admin.
LIBUR_TETAP = (
    (1, 1, "Tahun Baru Masehi"),
    (5, 1, "Hari Buruh"),
    (6, 1, "Hari Lahir Pancasila"),
    (8, 17, "Hari Kemerdekaan RI"),
    (12, 25, "Hari Natal"),
)
NAMA_PEMOHON = (
    "Rahmat Hulopi",
    "Siti Badu",
    "Fadli Mohamad",
    "Nurain Latif",
    "Yusuf Gobel",
    "Wahyuni Datau",
    "Ikbal Ali",
    "Sri Ahmad",
)
# The tables this module fills in bulk.
TABEL = (Permohonan, RiwayatPermohonan, SurveiKepuasan)
HARI_DEMO = 90
PERMOHONAN_PER_HARI = 6


def hapus_layanan():
    """Remove the service desk's data (before the roster it points at is rebuilt)."""
    truncate_tables(SurveiKepuasan, RiwayatPermohonan, Permohonan)
    PenghitungTiket.objects.all().delete()
    JenisLayanan.objects.all().delete()


def _nik(acak: random.Random) -> str:
    lahir = datetime.date(1960, 1, 1) + datetime.timedelta(days=acak.randrange(16000))
    hari = lahir.day + (40 if acak.random() < 0.5 else 0)
    return f"7501{acak.randint(1, 19):02d}{hari:02d}{lahir:%m%y}{acak.randint(1, 9999):04d}"


def simpan_layanan(seed: int, jumlah: int | None = None, mulai: datetime.date | None = None) -> int:
    """Services of Dukcapil, office hours, holidays, and requests by its officers: PERMOHONAN_PER_HARI a working
    day over the last HARI_DEMO days, or `jumlah` spread over the working days since `mulai` (at least HARI_DEMO
    days back). Returns the number of requests."""
    unit = UnitKerja.objects.get(nama=UNIT_DUKCAPIL, induk__induk__isnull=True)
    layanan = JenisLayanan.objects.bulk_create(
        JenisLayanan(kode=k, nama=n, unit_kerja=unit, persyaratan="\n".join(s), sla_jumlah=j, sla_satuan=sat)
        for k, n, s, j, sat in LAYANAN
    )
    if not JamLayanan.objects.exists():
        JamLayanan.objects.bulk_create(
            JamLayanan(jadwal=jadwal, hari=h, buka=b, tutup=t)
            for jadwal, jam in (
                (JamLayanan.Jadwal.BIASA, JAM_KERJA_BAKU),
                (JamLayanan.Jadwal.RAMADAN, JAM_KERJA_RAMADAN_BAKU),
            )
            for h, iv in jam.items()
            for b, t in iv
        )
    hari_ini = timezone.localdate()
    awal = min(mulai or hari_ini, hari_ini - datetime.timedelta(days=HARI_DEMO))
    HariLibur.objects.bulk_create(
        [
            HariLibur(tanggal=datetime.date(th, b, h), nama=n)
            for th in range(awal.year, hari_ini.year + 2)
            for b, h, n in LIBUR_TETAP
        ],
        ignore_conflicts=True,
    )
    petugas = list(
        Pegawai.objects.filter(
            user__groups__name=GRUP_PETUGAS_LAYANAN, unit_kerja__in=UnitKerja.objects.subtree_ids([unit.pk])
        ).values_list("id", "user_id")
    )
    if not petugas:
        return 0
    kalender = kalender_kerja()
    hari = [awal + datetime.timedelta(days=d) for d in range((hari_ini - awal).days)]
    hari = [t for t in hari if kalender.interval(t)]
    if jumlah is None:
        per_hari = [(t, PERMOHONAN_PER_HARI) for t in hari]
    else:
        bagi, sisa = divmod(jumlah, len(hari))
        per_hari = [(t, bagi + (i < sisa)) for i, t in enumerate(hari)]
    return _Permohonan(random.Random(seed), layanan, petugas, hari_ini, kalender).simpan(per_hari)


class _Permohonan:
    """Requests with their status history and surveys, written in chunks so memory stays flat at any size."""

    UKURAN_POTONGAN = 50_000
    KOLOM = [
        "id",
        "nomor_tiket",
        "jenis_layanan_id",
        "nama_pemohon",
        "nik",
        "telepon",
        "email",
        "kanal",
        "petugas_id",
        "status",
        "diterima_pada",
        "batas_waktu",
        "jeda_sejak",
        "selesai_pada",
        "alasan_penolakan",
    ]

    def __init__(self, acak, layanan, petugas, hari_ini, kalender):
        self.acak, self.layanan, self.petugas, self.kalender = acak, layanan, petugas, kalender
        # The start of today, not the current instant, so the same seed gives the same data all day.
        self.sekarang = datetime.datetime.combine(hari_ini, datetime.time.min, WITA)
        self.permohonan, self.riwayat, self.survei = [], [], []
        self.jumlah = 0

    def simpan(self, per_hari) -> int:
        penghitung = {}
        for tanggal, banyak in per_hari:
            for _ in range(banyak):
                jenis = self.acak.choice(self.layanan)
                nomor = penghitung[jenis.pk, tanggal] = penghitung.get((jenis.pk, tanggal), 0) + 1
                self._satu(jenis, tanggal, nomor)
            if len(self.permohonan) >= self.UKURAN_POTONGAN:
                self._tulis()
        self._tulis()
        # Today's and later counters start after the demo's numbers, so new tickets never collide with them.
        PenghitungTiket.objects.bulk_create(
            (PenghitungTiket(jenis_layanan_id=j, tanggal=t, terakhir=n) for (j, t), n in penghitung.items()),
            batch_size=BATCH_SIZE,
        )
        return self.jumlah

    def _satu(self, jenis, tanggal, nomor):
        acak, S = self.acak, Permohonan.Status
        diterima = datetime.datetime.combine(
            tanggal, datetime.time(8, acak.randrange(0, 60)), WITA
        ) + datetime.timedelta(hours=acak.randrange(7))
        batas = self.kalender.batas_waktu(diterima, jenis.sla_jumlah, jenis.sla_satuan)
        selesai = diterima + (batas - diterima) * acak.choice((0.3, 0.6, 0.9, 1.4))
        ditolak = acak.random() < 0.05
        # A request that would only be finished today or later is still open: the officers' queue.
        terbuka = selesai > self.sekarang
        if terbuka:
            status = acak.choice((S.DITERIMA, S.DIPROSES, S.DIPROSES, S.MENUNGGU_PEMOHON))
        else:
            status = S.DITOLAK if ditolak else S.SELESAI
        petugas, oleh = acak.choice(self.petugas)
        jeda = diterima + datetime.timedelta(minutes=30) if status == S.MENUNGGU_PEMOHON else None
        indeks = len(self.permohonan)
        self.permohonan.append(
            (
                f"{jenis.kode}-{tanggal:%y%m%d}-{nomor:04d}",
                jenis.pk,
                acak.choice(NAMA_PEMOHON),
                _nik(acak),
                f"0852{acak.randrange(10**8):08d}",
                "",
                acak.choice((Permohonan.Kanal.LOKET,) * 3 + (Permohonan.Kanal.DARING, Permohonan.Kanal.WHATSAPP)),
                petugas,
                status,
                diterima,
                batas,
                jeda,
                None if terbuka else selesai,
                "Berkas persyaratan tidak lengkap" if status == S.DITOLAK else "",
            )
        )
        langkah = [(S.DITERIMA, diterima), (S.DIPROSES, diterima + datetime.timedelta(minutes=10))]
        if status == S.DITERIMA:
            langkah = langkah[:1]
        elif status == S.MENUNGGU_PEMOHON:
            langkah.append((status, jeda))
        elif not terbuka:
            langkah.append((status, selesai))
        self.riwayat.extend(
            (indeks, dari, ke, oleh, pada)
            for (dari, _), (ke, pada) in zip([("", None), *langkah], langkah, strict=False)
        )
        if status == S.SELESAI and acak.random() < 0.7:
            puas = acak.choice((3, 3, 3, 4, 4))
            jawaban = [min(4, max(1, puas + acak.choice((-1, 0, 0, 1)))) for _ in range(9)]
            self.survei.append((indeks, jenis.pk, selesai + datetime.timedelta(hours=2), *jawaban))

    def _tulis(self):
        ids = reserve_ids(Permohonan, len(self.permohonan))
        insert_rows(Permohonan, self.KOLOM, ((i, *p) for i, p in zip(ids, self.permohonan, strict=True)))
        insert_rows(
            RiwayatPermohonan,
            ["permohonan_id", "dari_status", "ke_status", "oleh_id", "pada", "catatan"],
            ((ids[i], dari, ke, oleh, pada, "") for i, dari, ke, oleh, pada in self.riwayat),
        )
        insert_rows(
            SurveiKepuasan,
            ["permohonan_id", "jenis_layanan_id", "diisi_pada", *SurveiKepuasan.FIELD_UNSUR, "saran"],
            ((ids[i], *s, "") for i, *s in self.survei),
        )
        self.jumlah += len(self.permohonan)
        self.permohonan, self.riwayat, self.survei = [], [], []
