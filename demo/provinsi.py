"""Province-scale demo data (`seed_demo --periode N`, N > 1): every ASN gets a plan for each year and an
evaluation in each of N quarters (the last one open), plus monthly attendance and yearly training hours.

seed_demo writes the focused demo first (the Pengelola's OPD, the demo logins' scenarios); this adds the rest of
the province around it, skipping whatever already exists. Rows are tuples streamed through core.bulk (COPY
on PostgreSQL) with ids reserved up front; every choice comes from generators seeded by --seed.
"""

import datetime
import random
from dataclasses import astuple

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.bulk import insert_rows, reserve_ids
from demo import kehadiran as demo_kehadiran
from demo import penilaian as demo_penilaian
from demo import roster as demo_roster
from evaluasi.models import RekapKehadiran, RekapPelatihan
from evaluasi.tpp import PULANG_CEPAT
from kinerja.models import (
    SKP,
    EvaluasiKinerja,
    IndikatorKinerja,
    Pegawai,
    PejabatLuar,
    PengaturanKinerja,
    PerilakuKerja,
    Periode,
    RealisasiIndikator,
    RencanaHasilKerja,
    RiwayatEvaluasi,
    RiwayatSKP,
    UmpanBalikRHK,
)
from kinerja.penilaian.capaian import capaian_aspek
from kinerja.penilaian.periode import RencanaPeriode
from kinerja.penilaian.predikat import predikat_kinerja
from kinerja.penilaian.services_penilai import penilai_dari
from layanan.kalender import WITA

# The tables this module fills in bulk.
TABEL = (
    SKP,
    RiwayatSKP,
    RencanaHasilKerja,
    IndikatorKinerja,
    EvaluasiKinerja,
    RealisasiIndikator,
    UmpanBalikRHK,
    PerilakuKerja,
    RiwayatEvaluasi,
    RekapKehadiran,
    RekapPelatihan,
)
KOLOM_EVALUASI = [
    "id",
    "periode_id",
    "pegawai_id",
    "skp_id",
    "atasan_id",
    "penilai_luar_id",
    "atasan_penilai_id",
    "atasan_penilai_luar_id",
    "status",
    "rating_hasil_kerja",
    "rating_perilaku_kerja",
    "predikat",
    "catatan",
    "rekomendasi_pengembangan",
    "alasan_pengembalian",
    "versi",
    "diajukan_pada",
    "dinilai_pada",
    "difinalkan_pada",
    "difinalkan_oleh_id",
    "diakui_pada",
    "dibuat",
]
RATING_PERILAKU = {"SESUAI": 80, "DI_ATAS": 12, "DI_BAWAH": 8}
JP_PELATIHAN = {24: 30, 20: 20, 32: 15, 16: 10, 40: 10, 8: 8, 0: 7}
ALASAN_KEMBALI = "Lengkapi tautan bukti untuk setiap indikator."
CATATAN = "Pertahankan kinerja dan dokumentasikan setiap kegiatan."
REKOMENDASI = "Pelatihan teknis sesuai jabatan (20 JP)."
UMPAN_BALIK_RHK = "Target kuartal ini tercapai dengan baik."
NARASI_REALISASI = "Kegiatan dilaksanakan sesuai rencana; dokumentasi dan laporan terlampir pada bukti dukung."
STATUS_DIAJUKAN = ("DIAJUKAN", "DIKEMBALIKAN", "DINILAI", "FINAL")
STATUS_DINILAI = ("DINILAI", "FINAL")


def _pada(tanggal: datetime.date, jam: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(tanggal, datetime.time(jam), WITA)


class _Waktu:
    """When each step of a period's evaluations happened: after the quarter for a closed one, in the last days
    for the open one; never later than now."""

    def __init__(self, p: RencanaPeriode, dibuka: bool, sekarang: datetime.datetime):
        hari = datetime.timedelta(days=1)
        if dibuka:
            dasar = max(_pada(p.mulai), sekarang - 6 * hari)
            langkah = (dasar, dasar + 2 * hari, dasar + 3 * hari, dasar + 4 * hari, dasar + 5 * hari)
        else:
            selesai = _pada(p.selesai)
            langkah = (
                selesai + 3 * hari,
                selesai + 5 * hari,
                selesai + 12 * hari,
                _pada(p.batas_penilaian) + 5 * hari,
                _pada(p.batas_penilaian) + 9 * hari,
            )
        self.dibuat = _pada(p.mulai, 8)
        self.diajukan, self.dikembalikan, self.dinilai, self.difinalkan, self.diakui = (
            min(w, sekarang) for w in langkah
        )
        self.diisi = self.diajukan - hari


class _Penulis:
    def __init__(self, roster: demo_roster.Roster, pegawai_id: dict, seed: int, hari_ini: datetime.date):
        self.roster, self.pegawai_id, self.hari_ini = roster, pegawai_id, hari_ini
        self.rng = random.Random(seed * 31 + 3)
        self.sekarang = timezone.now()
        self.pengelola = get_user_model().objects.get(username=demo_roster.PENGELOLA.nip).pk
        self.user = dict(Pegawai.objects.filter(user__isnull=False).values_list("id", "user_id"))
        self.penilai = penilai_dari(Pegawai.objects.all())
        self.user_luar = dict(PejabatLuar.objects.filter(user__isnull=False).values_list("id", "user_id"))
        pengaturan = PengaturanKinerja.aktif()
        self.capaian = {}
        self.batas, self.efisiensi = pengaturan.batas_capaian, pengaturan.rumus_efisiensi_tinggi
        self.rumus = pengaturan.rumus_waktu_biaya

    def _user_penilai(self, penilai) -> int | None:
        """The account of an evaluation's PPK (services_penilai.Penilai), on the roster or not, if they have one."""
        return self.user.get(penilai.atasan_id) or self.user_luar.get(penilai.penilai_luar_id)

    def _capaian(self, aspek, target, nilai):
        kunci = (aspek, target, nilai)
        if kunci not in self.capaian:
            self.capaian[kunci] = capaian_aspek(aspek, target, nilai, self.batas, self.efisiensi, self.rumus)
        return self.capaian[kunci]

    def periode(self, jumlah: int) -> list[tuple[int, RencanaPeriode, bool]]:
        """The open quarter and the `jumlah - 1` closed ones before it: (id, quarter, open), oldest first."""
        terbuka, _ = demo_penilaian.periode_demo(self.hari_ini)
        semua = [*demo_penilaian.triwulan_sebelumnya(terbuka, jumlah - 1), terbuka]
        ada = {(p.tahun, p.nomor): p.pk for p in Periode.objects.filter(jenis=Periode.Jenis.TRIWULANAN)}
        baru = [
            Periode(
                tahun=p.tahun,
                jenis=p.jenis,
                nomor=p.nomor,
                mulai=p.mulai,
                selesai=p.selesai,
                batas_pengisian=p.batas_pengisian,
                batas_penilaian=p.batas_penilaian,
                status=Periode.Status.DITUTUP,
                dibuat_oleh_id=self.pengelola,
                ditutup_oleh_id=self.pengelola,
                ditutup_pada=min(_pada(p.batas_penilaian, 16) + datetime.timedelta(days=10), self.sekarang),
            )
            for p in semua
            if (p.tahun, p.nomor) not in ada
        ]
        for p in Periode.objects.bulk_create(baru):
            ada[(p.tahun, p.nomor)] = p.pk
        return [(ada[(p.tahun, p.nomor)], p, p is terbuka) for p in semua]

    def rencana(self, tahun: list[int]) -> dict:
        """Approved SKP with one cascading RHK and three indicators for every ASN and year that has none.
        Returns (pegawai id, year) → (SKP id, RHK id, [(indicator id, aspek, target)], approved)."""
        skp_ada = SKP.objects.filter(tahun__in=tahun).only("pegawai_id", "tahun", "status")
        ada = {(s.pegawai_id, s.tahun): s.pk for s in skp_ada}
        disetujui = {s.pk for s in skp_ada if s.status == SKP.Status.DISETUJUI}
        rhk_skp = dict(RencanaHasilKerja.objects.filter(skp_id__in=ada.values()).values_list("skp_id", "id"))
        indikator = {}
        for i in IndikatorKinerja.objects.filter(rhk_id__in=rhk_skp.values()).order_by("urutan"):
            # A qualitative indicator (the demo Pegawai's) has no target figure: None.
            indikator.setdefault(i.rhk_id, []).append((i.pk, i.aspek, None if i.kualitatif else int(i.target)))
        rencana = {k: (s, rhk_skp[s], indikator[rhk_skp[s]], s in disetujui) for k, s in ada.items()}
        nama_unit = {u.kode: u.nama for u in self.roster.unit}
        kepala = {u.kepala for u in self.roster.unit if u.kepala}
        baru = [(o, t) for t in tahun for o in self.roster.orang if (self.pegawai_id[o.nip], t) not in ada]
        skp_ids, rhk_ids = reserve_ids(SKP, len(baru)), reserve_ids(RencanaHasilKerja, len(baru))
        ind_ids = iter(reserve_ids(IndikatorKinerja, len(baru) * len(demo_penilaian.INDIKATOR_DEMO)))
        for (o, t), s, r in zip(baru, skp_ids, rhk_ids, strict=True):
            ind = [(next(ind_ids), aspek, target) for _, aspek, target, _ in demo_penilaian.INDIKATOR_DEMO]
            rencana[(self.pegawai_id[o.nip], t)] = (s, r, ind, True)

        def tanggal_setuju(t):
            return _pada(datetime.date(t, 1, 20))

        def penyetuju(o):
            return self._user_penilai(self.penilai[self.pegawai_id[o.nip]])

        # COPY does not apply the model's defaults: the annex is written empty.
        insert_rows(
            SKP,
            ["id", "pegawai_id", "tahun", "status", "alasan_pengembalian", "diajukan_pada", "disetujui_oleh_id"]
            + ["disetujui_pada", "dibuat", "diperbarui", *SKP.FIELD_LAMPIRAN],
            (
                (s, self.pegawai_id[o.nip], t, "DISETUJUI", "", tanggal_setuju(t) - datetime.timedelta(days=5))
                + (penyetuju(o), tanggal_setuju(t), tanggal_setuju(t) - datetime.timedelta(days=6), tanggal_setuju(t))
                + ("",) * len(SKP.FIELD_LAMPIRAN)
                for (o, t), s in zip(baru, skp_ids, strict=True)
            ),
        )
        insert_rows(
            RiwayatSKP,
            ["skp_id", "oleh_id", "pada", "dari_status", "ke_status", "alasan"],
            (
                (s, penyetuju(o), tanggal_setuju(t), "DIAJUKAN", "DISETUJUI", "")
                for (o, t), s in zip(baru, skp_ids, strict=True)
            ),
        )

        def rhk_atasan(o, t):
            atasan = rencana.get((self.pegawai_id.get(o.ppk), t)) if o.ppk else None
            return atasan[1] if atasan else None

        insert_rows(
            RencanaHasilKerja,
            ["id", "skp_id", "jenis", "uraian", "rhk_atasan_id", "urutan"],
            (
                (
                    r,
                    s,
                    "UTAMA",
                    demo_penilaian.uraian_rhk(o.jabatan, nama_unit[o.unit], o.nip in kepala),
                    rhk_atasan(o, t),
                    1,
                )
                for (o, t), s, r in zip(baru, skp_ids, rhk_ids, strict=True)
            ),
        )
        # The focused demo's plans were written before their supervisors had one this year: cascade them now.
        orang = {self.pegawai_id[o.nip]: o for o in self.roster.orang}
        lepas = RencanaHasilKerja.objects.filter(skp_id__in=ada.values(), rhk_atasan__isnull=True)
        for r, pid, t in lepas.values_list("id", "skp__pegawai_id", "skp__tahun"):
            if induk := rhk_atasan(orang[pid], t):
                RencanaHasilKerja.objects.filter(pk=r).update(rhk_atasan_id=induk)
        insert_rows(
            IndikatorKinerja,
            ["id", "rhk_id", "uraian", "aspek", "target", "satuan", "urutan"],
            (
                (i, rencana[(self.pegawai_id[o.nip], t)][1], uraian, aspek, target, satuan, urutan)
                for o, t in baru
                for (i, *_), (urutan, (uraian, aspek, target, satuan)) in zip(
                    rencana[(self.pegawai_id[o.nip], t)][2],
                    enumerate(demo_penilaian.INDIKATOR_DEMO, start=1),
                    strict=True,
                )
            ),
        )
        return rencana

    def evaluasi(self, periode, rencana):
        """Evaluations of every ASN not yet evaluated in each period, then their parts, one table at a time."""
        ada = set(EvaluasiKinerja._base_manager.values_list("periode_id", "pegawai_id"))
        rng = self.rng
        pool_ditutup, pool_dibuka = (
            demo_penilaian.pool(rng, demo_penilaian.STATUS_DITUTUP),
            demo_penilaian.pool(rng, demo_penilaian.STATUS_DIBUKA),
        )
        pool_hasil, pool_perilaku = (
            demo_penilaian.pool(rng, {r: demo_penilaian.RATING_DEMO.count(r) for r in demo_penilaian.RATING_DEMO}),
            demo_penilaian.pool(rng, RATING_PERILAKU),
        )
        bit = demo_penilaian.UKURAN_POOL.bit_length() - 1
        predikat = {(h, p): predikat_kinerja(h, p) for h in RATING_PERILAKU for p in RATING_PERILAKU}
        baris, bagian = [], []  # bagian: what the parts need (id, status, pegawai, atasan, RHK, indicators, when)
        for periode_id, p, dibuka in periode:
            waktu = _Waktu(p, dibuka, self.sekarang)
            pool_status = pool_dibuka if dibuka else pool_ditutup
            for o in self.roster.orang:
                pid = self.pegawai_id[o.nip]
                if (periode_id, pid) in ada:
                    continue
                penilai = self.penilai[pid]
                skp, rhk, indikator, disetujui = rencana[(pid, p.tahun)]
                # Only an approved plan can be realised, and only to a PPK.
                status = pool_status[rng.getrandbits(bit)] if penilai.ada_ppk and disetujui else "DRAFT"
                dinilai = status in STATUS_DINILAI
                final = status == "FINAL"
                hasil = pool_hasil[rng.getrandbits(bit)] if dinilai else ""
                perilaku = pool_perilaku[rng.getrandbits(bit)] if dinilai else ""
                diakui = final and rng.getrandbits(7) < demo_penilaian.PERSEN_DIAKUI * 128 // 100
                baris.append(
                    (
                        None,
                        periode_id,
                        pid,
                        skp,
                        *astuple(penilai),
                        status,
                        hasil,
                        perilaku,
                        predikat[(hasil, perilaku)] if dinilai else "",
                        CATATAN if dinilai else "",
                        REKOMENDASI if dinilai else "",
                        ALASAN_KEMBALI if status == "DIKEMBALIKAN" else "",
                        1,
                        waktu.diajukan if status in STATUS_DIAJUKAN else None,
                        waktu.dinilai if dinilai else None,
                        waktu.difinalkan if final else None,
                        self.pengelola if final else None,
                        waktu.diakui if diakui else None,
                        waktu.dibuat,
                    )
                )
                bagian.append((status, pid, self._user_penilai(penilai), rhk, indikator, waktu, diakui))
        ids = reserve_ids(EvaluasiKinerja, len(baris))
        insert_rows(EvaluasiKinerja, KOLOM_EVALUASI, ((i, *b[1:]) for i, b in zip(ids, baris, strict=True)))
        del baris
        self._realisasi(ids, bagian)
        self._riwayat(ids, bagian)
        dinilai = [(i, b[3]) for i, b in zip(ids, bagian, strict=True) if b[0] in STATUS_DINILAI]
        insert_rows(
            UmpanBalikRHK, ["evaluasi_id", "rhk_id", "umpan_balik"], ((i, r, UMPAN_BALIK_RHK) for i, r in dinilai)
        )
        perilaku = [(n.value, f"Menunjukkan perilaku {n.label.lower()}.") for n in PerilakuKerja.Nilai]
        insert_rows(
            PerilakuKerja, ["evaluasi_id", "nilai", "umpan_balik"], ((i, n, u) for i, _ in dinilai for n, u in perilaku)
        )

    def _realisasi(self, ids, bagian):
        rng = random.Random(self.rng.random())
        kualitas = [rng.randint(80, 100) for _ in range(demo_penilaian.UKURAN_POOL)]
        selisih = [rng.randint(-3, 1) for _ in range(demo_penilaian.UKURAN_POOL)]
        bit = demo_penilaian.UKURAN_POOL.bit_length() - 1

        def nilai(aspek, target):
            if aspek == "KUALITAS":
                return kualitas[rng.getrandbits(bit)]
            if aspek == "WAKTU":
                return target
            return max(1, target + selisih[rng.getrandbits(bit)])

        def baris():
            for i, (status, pid, _, _, indikator, waktu, _) in zip(ids, bagian, strict=True):
                if status == "DRAFT":
                    continue
                user = self.user.get(pid)
                for urutan, (ind, aspek, target) in enumerate(indikator, start=1):
                    tautan = f"https://drive.gorontaloprov.go.id/bukti/{pid}/{urutan}"
                    if target is None:
                        # Qualitative: described, and marked by the appraiser once rated.
                        narasi = demo_penilaian.NARASI_KUALITATIF_DEMO
                        tanda = "SESUAI" if status in ("DINILAI", "FINAL") else ""
                        yield i, ind, None, narasi, tautan, "", user, "PEGAWAI", waktu.diisi, None, tanda
                        continue
                    n = nilai(aspek, target)
                    capaian = self._capaian(aspek, target, n)
                    yield i, ind, n, NARASI_REALISASI, tautan, "", user, "PEGAWAI", waktu.diisi, capaian, ""

        kolom = ["evaluasi_id", "indikator_id", "realisasi", "narasi", "bukti_tautan", "bukti_berkas", "diisi_oleh_id"]
        kolom += ["diisi_sebagai", "diisi_pada", "capaian", "penilaian_kualitatif"]
        insert_rows(RealisasiIndikator, kolom, baris())

    def _riwayat(self, ids, bagian):
        """Each evaluation's history: the moves that led to its state, by whom and when."""

        def baris():
            for i, (status, pid, penilai, _, _, w, diakui) in zip(ids, bagian, strict=True):
                if status == "DRAFT":
                    continue
                pegawai = self.user.get(pid)
                yield i, pegawai, w.diajukan, "DIAJUKAN", "DRAFT", "DIAJUKAN", ""
                if status == "DIKEMBALIKAN":
                    yield i, penilai, w.dikembalikan, "DIKEMBALIKAN", "DIAJUKAN", "DIKEMBALIKAN", ALASAN_KEMBALI
                if status in STATUS_DINILAI:
                    yield i, penilai, w.dinilai, "DINILAI", "DIAJUKAN", "DINILAI", ""
                if status == "FINAL":
                    yield i, self.pengelola, w.difinalkan, "DIFINALKAN", "DINILAI", "FINAL", ""
                if diakui:
                    yield i, pegawai, w.diakui, "DIAKUI", "FINAL", "FINAL", ""

        kolom = ["evaluasi_id", "oleh_id", "pada", "aksi", "dari_status", "ke_status", "alasan"]
        insert_rows(RiwayatEvaluasi, [*kolom, "field", "nilai_lama", "nilai_baru"], (r + ("", "", "") for r in baris()))

    def kehadiran(self, mulai: datetime.date, tahun: list[int]):
        """Monthly attendance from `mulai` to last month (beside the months already there) and yearly training."""
        rng = random.Random(self.rng.random())
        pola = demo_kehadiran.pool_kehadiran(rng)
        bit = demo_penilaian.UKURAN_POOL.bit_length() - 1
        ada = set(RekapKehadiran.objects.values_list("tahun", "bulan").distinct())
        bulan = [
            (t, b, demo_kehadiran.hari_kerja(t, b))
            for t, b in demo_kehadiran.bulan_di_antara(mulai, self.hari_ini)
            if (t, b) not in ada
        ]
        ids = [self.pegawai_id[o.nip] for o in self.roster.orang]
        kolom = [
            "pegawai_id",
            "tahun",
            "bulan",
            *demo_kehadiran.KOLOM_KEHADIRAN,
            "izin",
            "terlambat_lebih_90",
            "tanpa_rekam",
            "tanpa_keterangan_awal",  # the pool's absences are never at a month's edge
            "tanpa_keterangan_akhir",
        ]
        insert_rows(
            RekapKehadiran,
            [*kolom, "pulang_cepat", *PULANG_CEPAT, "tidak_apel", "sumber", "diperbarui"],
            (
                (
                    pid,
                    t,
                    b,
                    *demo_kehadiran.angka_kehadiran(hari, *pola[rng.getrandbits(bit)]),
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    *(0 for _ in PULANG_CEPAT),
                    0,
                    "IMPOR",
                    self.sekarang,
                )
                for t, b, hari in bulan
                for pid in ids
            ),
        )
        jp = demo_penilaian.pool(rng, JP_PELATIHAN)
        ada = set(RekapPelatihan.objects.values_list("pegawai_id", "tahun"))
        insert_rows(
            RekapPelatihan,
            ["pegawai_id", "tahun", "jp", "diperbarui"],
            ((pid, t, jp[rng.getrandbits(bit)], self.sekarang) for t in tahun for pid in ids if (pid, t) not in ada),
        )


def simpan_provinsi(roster: demo_roster.Roster, pegawai_id: dict, seed: int, jumlah_periode: int, hari_ini=None):
    """Plans, evaluations, attendance and training of every ASN over `jumlah_periode` quarters."""
    penulis = _Penulis(roster, pegawai_id, seed, hari_ini or timezone.localdate())
    periode = penulis.periode(jumlah_periode)
    tahun = sorted({p.tahun for _, p, _ in periode})
    rencana = penulis.rencana(tahun)
    penulis.evaluasi(periode, rencana)
    penulis.kehadiran(periode[0][1].mulai, tahun)
