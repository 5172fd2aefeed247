"""The metrics rules read, per ASN per period: named once here, computed by one set-based selector.

Each source (performance, attendance, training, discipline, the period itself, and public service when the
`layanan` app is installed) declares its metrics and computes them for all ASN of a period in one query, so
`metrik_pegawai` costs a fixed number of queries whatever the number of ASN. To add metrics, add a
SumberMetrik to SUMBER and its metrics to katalog.METRIK: the rule editor, the checks and the engine pick them
up by name.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, Sum

from kinerja.models import EvaluasiKinerja, Pegawai, Periode
from kinerja.penilaian.periode import NOMOR_MAKSIMUM

from . import katalog
from .berturut import BulanKehadiran, rangkaian_terpanjang
from .models import CatatanDisiplin, Konsekuensi, RekapKehadiran, RekapPelatihan

# Not a metric rules test: the month ("YYYY-MM") the longest run of absence ends in, kept in an outcome's evidence
# so its text can say from which month salary stops (PP 94/2021 Pasal 15 ayat (2)).
BULAN_AKHIR_BERTURUT = "bulan_akhir_berturut"


@dataclass(frozen=True)
class SumberMetrik:
    """Where some metrics come from: their definitions, their values when there is no data, and the query.

    `hitung(pegawai_ids, periode)` returns {pegawai_id: {metric: value}} for the ASN that have data;
    `pegawai_ids` None means every ASN. The metrics themselves are katalog.METRIK[nama].
    """

    nama: str
    hitung: Callable[[list | None, Periode], dict]
    bawaan: dict = field(default_factory=dict)


def _filter_pegawai(qs, pegawai_ids, lookup="pegawai_id"):
    return qs if pegawai_ids is None else qs.filter(**{f"{lookup}__in": pegawai_ids})


def _bulan_periode(periode: Periode) -> tuple[int, int]:
    """The period's first and last month within its year (periods never span years)."""
    akhir = periode.selesai.month if periode.selesai.year == periode.tahun else 12
    return periode.mulai.month, akhir


# --- performance (kinerja) -------------------------------------------------------------------------------


def _hitung_kinerja(pegawai_ids, periode):
    # Rated or final: a preview on a period not yet final shows what the rated results would give.
    baris = (
        _filter_pegawai(EvaluasiKinerja.objects.filter(periode=periode), pegawai_ids)
        .filter(status__in=[EvaluasiKinerja.Status.DINILAI, EvaluasiKinerja.Status.FINAL])
        .values("pegawai_id", "predikat", "rating_hasil_kerja", "rating_perilaku_kerja")
        .annotate(capaian=Avg("realisasi__capaian"))
        .order_by()
    )
    return {
        b["pegawai_id"]: {
            "predikat": b["predikat"] or None,
            "rating_hasil_kerja": b["rating_hasil_kerja"] or None,
            "rating_perilaku_kerja": b["rating_perilaku_kerja"] or None,
            "capaian_rata_rata": (
                Decimal(b["capaian"]).quantize(Decimal("0.01"), ROUND_HALF_UP) if b["capaian"] is not None else None
            ),
        }
        for b in baris
    }


SUMBER_KINERJA = SumberMetrik(
    "kinerja",
    _hitung_kinerja,
    bawaan={"predikat": None, "rating_hasil_kerja": None, "rating_perilaku_kerja": None, "capaian_rata_rata": None},
)


# --- attendance --------------------------------------------------------------------------------------------


def _hitung_kehadiran(pegawai_ids, periode):
    awal, akhir = _bulan_periode(periode)
    dalam = Q(bulan__gte=awal, tahun=periode.tahun)
    # The year's months up to the period's end, and last December for a run that goes on into January.
    tahun_ini = Q(tahun=periode.tahun, bulan__lte=akhir)
    desember_lalu = Q(tahun=periode.tahun - 1, bulan=12)
    baris = (
        _filter_pegawai(RekapKehadiran.objects.filter(tahun_ini | desember_lalu), pegawai_ids)
        .values("pegawai_id")
        .annotate(
            tk_tahun=Sum("tanpa_keterangan", filter=tahun_ini),
            tk_periode=Sum("tanpa_keterangan", filter=dalam),
            menit=Sum("menit_terlambat", filter=dalam),
            t1=Sum("terlambat_1_30", filter=dalam),
            t2=Sum("terlambat_31_60", filter=dalam),
            t3=Sum("terlambat_61_90", filter=dalam),
            t4=Sum("terlambat_lebih_90", filter=dalam),
            tanpa_rekam=Sum("tanpa_rekam", filter=dalam),
            pulang=Sum("pulang_cepat", filter=dalam),
            hadir=Sum("hadir", filter=dalam),
            hari_kerja=Sum("hari_kerja", filter=dalam),
        )
        .order_by()
    )
    # Only months with an absence can hold part of a run; a month without a row breaks the chain.
    bulan_absen = {}
    for pid, *angka in (
        _filter_pegawai(RekapKehadiran.objects.filter(tahun_ini | desember_lalu, tanpa_keterangan__gt=0), pegawai_ids)
        .values_list(
            "pegawai_id",
            "tahun",
            "bulan",
            "hari_kerja",
            "tanpa_keterangan_berturut",
            "tanpa_keterangan_awal",
            "tanpa_keterangan_akhir",
        )
        .order_by()
    ):
        bulan_absen.setdefault(pid, []).append(BulanKehadiran(*angka))
    hasil = {}
    for b in baris:
        hari_kerja = b["hari_kerja"] or 0
        run = rangkaian_terpanjang(bulan_absen.get(b["pegawai_id"], ()), sejak=(periode.tahun, 1))
        hasil[b["pegawai_id"]] = {
            "hari_tanpa_keterangan": b["tk_tahun"] or 0,
            "hari_tanpa_keterangan_berturut": run.hari,
            "hari_tanpa_keterangan_periode": b["tk_periode"] or 0,
            "menit_terlambat": b["menit"] or 0,
            "kali_terlambat": sum(b[k] or 0 for k in ("t1", "t2", "t3", "t4")),
            "kali_tanpa_rekam": b["tanpa_rekam"] or 0,
            "kali_pulang_cepat": b["pulang"] or 0,
            "persen_kehadiran": (
                (Decimal(b["hadir"] or 0) * 100 / hari_kerja).quantize(Decimal("0.01"), ROUND_HALF_UP)
                if hari_kerja
                else None
            ),
            BULAN_AKHIR_BERTURUT: f"{run.berakhir[0]}-{run.berakhir[1]:02d}" if run.berakhir else None,
        }
    return hasil


SUMBER_KEHADIRAN = SumberMetrik(
    "kehadiran",
    _hitung_kehadiran,
    bawaan={
        "hari_tanpa_keterangan": 0,
        "hari_tanpa_keterangan_berturut": 0,
        "hari_tanpa_keterangan_periode": 0,
        "menit_terlambat": 0,
        "kali_terlambat": 0,
        "kali_tanpa_rekam": 0,
        "kali_pulang_cepat": 0,
        "persen_kehadiran": None,
        BULAN_AKHIR_BERTURUT: None,
    },
)


# --- training, discipline, the period ----------------------------------------------------------------------


def _hitung_pelatihan(pegawai_ids, periode):
    qs = _filter_pegawai(RekapPelatihan.objects.filter(tahun=periode.tahun), pegawai_ids)
    return {pid: {"jp_pelatihan": jp} for pid, jp in qs.values_list("pegawai_id", "jp")}


def _hitung_disiplin(pegawai_ids, periode):
    qs = _filter_pegawai(
        CatatanDisiplin.objects.filter(tanggal_sk__year=periode.tahun, tanggal_sk__lte=periode.selesai), pegawai_ids
    )
    return {
        b["pegawai_id"]: {"hukuman_disiplin_tahun_ini": b["n"]}
        for b in qs.values("pegawai_id").annotate(n=Count("id")).order_by()
    }


SUMBER_PELATIHAN = SumberMetrik(
    "pelatihan",
    _hitung_pelatihan,
    bawaan={"jp_pelatihan": 0},
)
SUMBER_DISIPLIN = SumberMetrik(
    "disiplin",
    _hitung_disiplin,
    bawaan={"hukuman_disiplin_tahun_ini": 0},
)
SUMBER_PERIODE = SumberMetrik(
    "periode",
    lambda pegawai_ids, periode: {},
)


def _hitung_pegawai(pegawai_ids, periode):
    qs = Pegawai.objects.all() if pegawai_ids is None else Pegawai.objects.filter(pk__in=pegawai_ids)
    return {pid: {"status_kepegawaian": s} for pid, s in qs.values_list("id", "status_kepegawaian")}


# PNS or PPPK: the rules that differ by status (training hours; PPPK's discipline follows their contract).
SUMBER_PEGAWAI = SumberMetrik("pegawai", _hitung_pegawai, bawaan={"status_kepegawaian": None})


# --- public service (layanan app) ---------------------------------------------------------------------------


def _hitung_layanan(pegawai_ids, periode):
    from layanan.selectors import angka_layanan_pegawai

    ids = pegawai_ids if pegawai_ids is not None else Pegawai.objects.filter(aktif=True).values_list("id", flat=True)
    return {
        pid: {
            "layanan_selesai": a.layanan_selesai,
            "persen_tepat_waktu": a.persen_tepat_waktu,
            "ikm_layanan": a.ikm_layanan,
        }
        for pid, a in angka_layanan_pegawai(ids, periode.mulai, periode.selesai).items()
    }


SUMBER_LAYANAN = SumberMetrik(
    "layanan",
    _hitung_layanan,
    bawaan={"layanan_selesai": 0, "persen_tepat_waktu": None, "ikm_layanan": None},
)

SUMBER = [
    SUMBER_KINERJA,
    SUMBER_KEHADIRAN,
    SUMBER_PELATIHAN,
    SUMBER_DISIPLIN,
    SUMBER_PERIODE,
    SUMBER_PEGAWAI,
    SUMBER_LAYANAN,
]


def sumber_aktif() -> list[SumberMetrik]:
    """The sources whose metrics the catalogue offers (layanan metrics exist only with the layanan app)."""
    aktif = set(katalog.sumber_aktif())
    return [s for s in SUMBER if s.nama in aktif]


# --- the selector ------------------------------------------------------------------------------------------


def periode_sebelumnya(periode: Periode, jumlah: int) -> list[Periode | None]:
    """The `jumlah` periods of the same kind before this one, most recent first (None where none was opened)."""
    kunci = []
    tahun, nomor = periode.tahun, periode.nomor
    maks = NOMOR_MAKSIMUM[periode.jenis]
    for _ in range(jumlah):
        nomor -= 1
        if nomor < 1:
            tahun, nomor = tahun - 1, maks
        kunci.append((tahun, nomor))
    if not kunci:
        return []
    q = Q(pk__in=[])
    for t, n in kunci:
        q |= Q(tahun=t, nomor=n)
    ada = {(p.tahun, p.nomor): p for p in Periode.objects.filter(q, jenis=periode.jenis)}
    return [ada.get(k) for k in kunci]


def _metrik_satu_periode(periode: Periode, pegawai_ids: list[int]) -> dict[int, dict]:
    sumber = sumber_aktif()
    bawaan = {"jenis_periode": periode.jenis}
    for s in sumber:
        bawaan.update(s.bawaan)
    hasil = {pid: dict(bawaan) for pid in pegawai_ids}
    semua = pegawai_ids if len(pegawai_ids) <= 500 else None  # large scopes: one unfiltered query beats a huge IN
    for s in sumber:
        for pid, nilai in s.hitung(semua, periode).items():
            if pid in hasil:
                hasil[pid].update(nilai)
    return hasil


def metrik_pegawai(periode: Periode, pegawai_ids=None, *, kedalaman: int = 1) -> dict[int, dict]:
    """Every metric of every ASN (active ASN when `pegawai_ids` is None) for a period, plus the engine's context.

    Each dict also holds `riwayat`, the same metrics for the `kedalaman` − 1 periods of the same kind before
    (most recent first; empty where no period was opened), and `diberikan_tahun_ini`, the rules that already
    gave the ASN a live outcome in another period of the year. A fixed number of queries: one per source per
    period, whatever the number of ASN.
    """
    if pegawai_ids is None:
        pegawai_ids = list(Pegawai.objects.filter(aktif=True).order_by("id").values_list("id", flat=True))
    pegawai_ids = list(pegawai_ids)
    hasil = _metrik_satu_periode(periode, pegawai_ids)
    riwayat = {pid: [] for pid in pegawai_ids}
    for p in periode_sebelumnya(periode, max(kedalaman - 1, 0)):
        lalu = _metrik_satu_periode(p, pegawai_ids) if p else {}
        for pid in pegawai_ids:
            riwayat[pid].append(lalu.get(pid, {}))
    diberikan = {pid: set() for pid in pegawai_ids}
    lain = Konsekuensi.objects.filter(
        periode__tahun=periode.tahun, status__in=[Konsekuensi.Status.USULAN, Konsekuensi.Status.DISETUJUI]
    ).exclude(periode=periode)
    for pid, aturan_id in _filter_pegawai(lain, pegawai_ids if len(pegawai_ids) <= 500 else None).values_list(
        "pegawai_id", "aturan_id"
    ):
        if pid in diberikan:
            diberikan[pid].add(aturan_id)
    for pid in pegawai_ids:
        hasil[pid]["riwayat"] = riwayat[pid]
        hasil[pid]["diberikan_tahun_ini"] = diberikan[pid]
    return hasil


def tanggal_acuan(periode: Periode) -> datetime.date:
    """The date a rule's validity is checked against: the period's last day."""
    return periode.selesai
