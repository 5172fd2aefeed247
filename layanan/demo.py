"""Demo data of the service desk: Dukcapil's civil-registration services (Perpres 96/2018; DOMAIN.md §6),
office hours, fixed-date holidays, and a few months of requests with surveys so the pages have figures.

Deterministic for a seed; written with bulk inserts. Service times differ per region and are unconfirmed:
they are editable in the admin.
"""

import datetime
import random

from django.utils import timezone

from kinerja.models import Pegawai, UnitKerja
from kinerja.permissions import GRUP_PETUGAS_LAYANAN

from .kalender import JAM_KERJA_BAKU, WITA
from .models import HariLibur, JamLayanan, JenisLayanan, PenghitungTiket, Permohonan, RiwayatPermohonan, SurveiKepuasan
from .selectors import kalender_kerja

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
HARI_DEMO = 90
PERMOHONAN_PER_HARI = 6


def hapus_layanan():
    """Remove the service desk's data (before the roster it points at is rebuilt)."""
    SurveiKepuasan.objects.all().delete()
    Permohonan.objects.all().delete()
    PenghitungTiket.objects.all().delete()
    JenisLayanan.objects.all().delete()


def _nik(acak: random.Random) -> str:
    lahir = datetime.date(1960, 1, 1) + datetime.timedelta(days=acak.randrange(16000))
    hari = lahir.day + (40 if acak.random() < 0.5 else 0)
    return f"7501{acak.randint(1, 19):02d}{hari:02d}{lahir:%m%y}{acak.randint(1, 9999):04d}"


def simpan_layanan(seed: int):
    """Services of Dukcapil, office hours, holidays, and requests of the last HARI_DEMO days by its officers."""
    unit = UnitKerja.objects.get(nama=UNIT_DUKCAPIL, induk__induk__isnull=True)
    layanan = JenisLayanan.objects.bulk_create(
        JenisLayanan(kode=k, nama=n, unit_kerja=unit, persyaratan="\n".join(s), sla_jumlah=j, sla_satuan=sat)
        for k, n, s, j, sat in LAYANAN
    )
    if not JamLayanan.objects.exists():
        JamLayanan.objects.bulk_create(
            JamLayanan(hari=h, buka=b, tutup=t) for h, iv in JAM_KERJA_BAKU.items() for b, t in iv
        )
    hari_ini = timezone.localdate()
    HariLibur.objects.bulk_create(
        [
            HariLibur(tanggal=datetime.date(th, b, h), nama=n)
            for th in (hari_ini.year, hari_ini.year + 1)
            for b, h, n in LIBUR_TETAP
        ],
        ignore_conflicts=True,
    )
    petugas = list(
        Pegawai.objects.filter(
            user__groups__name=GRUP_PETUGAS_LAYANAN, unit_kerja__in=UnitKerja.objects.subtree_ids([unit.pk])
        )
    )
    if not petugas:
        return
    _simpan_permohonan(random.Random(seed), layanan, petugas, hari_ini)


def _simpan_permohonan(acak, layanan, petugas, hari_ini):
    kalender = kalender_kerja()
    permohonan, riwayat, survei, penghitung = [], [], [], {}
    # The start of today, not the current instant, so the same seed gives the same data all day.
    sekarang = datetime.datetime.combine(hari_ini, datetime.time.min, WITA)
    S = Permohonan.Status
    for mundur in range(HARI_DEMO, 0, -1):
        tanggal = hari_ini - datetime.timedelta(days=mundur)
        if not kalender.interval(tanggal):
            continue
        for _ in range(PERMOHONAN_PER_HARI):
            jenis = acak.choice(layanan)
            nomor = penghitung[jenis.pk, tanggal] = penghitung.get((jenis.pk, tanggal), 0) + 1
            diterima = datetime.datetime.combine(
                tanggal, datetime.time(8, acak.randrange(0, 60)), WITA
            ) + datetime.timedelta(hours=acak.randrange(7))
            batas = kalender.batas_waktu(diterima, jenis.sla_jumlah, jenis.sla_satuan)
            selesai = diterima + (batas - diterima) * acak.choice((0.3, 0.6, 0.9, 1.4))
            ditolak = acak.random() < 0.05
            # A request that would only be finished today or later is still open: the officers' queue.
            terbuka = selesai > sekarang
            status = acak.choice((S.DITERIMA, S.DIPROSES)) if terbuka else S.DITOLAK if ditolak else S.SELESAI
            p = Permohonan(
                nomor_tiket=f"{jenis.kode}-{tanggal:%y%m%d}-{nomor:04d}",
                jenis_layanan=jenis,
                nama_pemohon=acak.choice(NAMA_PEMOHON),
                nik=_nik(acak),
                telepon=f"0852{acak.randrange(10**8):08d}",
                kanal=acak.choice((Permohonan.Kanal.LOKET,) * 3 + (Permohonan.Kanal.DARING, Permohonan.Kanal.WHATSAPP)),
                petugas=acak.choice(petugas),
                status=status,
                alasan_penolakan="Berkas persyaratan tidak lengkap" if status == S.DITOLAK else "",
                diterima_pada=diterima,
                batas_waktu=batas,
                selesai_pada=None if terbuka else selesai,
            )
            permohonan.append(p)
            langkah = [(S.DITERIMA, diterima), (S.DIPROSES, diterima + datetime.timedelta(minutes=10))]
            if terbuka:
                langkah = langkah[: 1 if status == S.DITERIMA else 2]
            else:
                langkah.append((status, selesai))
            riwayat.append((p, langkah))
            if status == S.SELESAI and acak.random() < 0.7:
                puas = acak.choice((3, 3, 3, 4, 4))
                jawaban = [min(4, max(1, puas + acak.choice((-1, 0, 0, 1)))) for _ in range(9)]
                survei.append((p, jawaban, selesai + datetime.timedelta(hours=2)))
    Permohonan.objects.bulk_create(permohonan, batch_size=2000)
    RiwayatPermohonan.objects.bulk_create(
        [
            RiwayatPermohonan(permohonan=p, dari_status=dari, ke_status=ke, oleh=p.petugas.user, pada=pada)
            for p, langkah in riwayat
            for (dari, _), (ke, pada) in zip([("", None), *langkah], langkah, strict=False)
        ],
        batch_size=2000,
    )
    SurveiKepuasan.objects.bulk_create(
        [
            SurveiKepuasan(
                permohonan=p,
                jenis_layanan=p.jenis_layanan,
                diisi_pada=pada,
                **dict(zip(SurveiKepuasan.FIELD_UNSUR, j, strict=True)),
            )
            for p, j, pada in survei
        ],
        batch_size=2000,
    )
    # Today's and later counters start after the demo's numbers, so new tickets never collide with them.
    PenghitungTiket.objects.bulk_create(
        PenghitungTiket(jenis_layanan_id=j, tanggal=t, terakhir=n) for (j, t), n in penghitung.items()
    )
