"""Read queries of the rules pages, the apply service, the task and the TPP export, each shaped to avoid N+1."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from kinerja.models import EvaluasiKinerja, Pegawai, Periode, UnitKerja

from . import engine, metrik, tpp
from .models import Aturan, BesaranTPP, Konsekuensi, PengaturanTPP, RekapKehadiran
from .permissions import konsekuensi_visible_to

Status = Konsekuensi.Status
HIDUP = (Status.USULAN, Status.DISETUJUI, Status.DITOLAK)


def aturan_berlaku():
    """The active rules, heaviest first (the engine still checks each rule's validity dates)."""
    return Aturan.objects.filter(aktif=True).order_by("-prioritas", "id")


def periode_final(periode: Periode, pegawai_ids=None) -> bool:
    """A period is final for rules when it is closed, or when every evaluation in scope is final (and there is one)."""
    if not periode.dibuka:
        return True
    qs = EvaluasiKinerja.objects.filter(periode=periode)
    if pegawai_ids is not None:
        qs = qs.filter(pegawai_id__in=list(pegawai_ids))
    return qs.exists() and not qs.exclude(status=EvaluasiKinerja.Status.FINAL).exists()


@dataclass
class HasilPegawai:
    """One ASN's outcomes for a period and the metrics that produced them."""

    pegawai: Pegawai
    metrik: dict
    hasil: list  # engine.Hasil


def hitung_hasil(periode: Periode, aturan=None, pegawai_ids=None) -> list[HasilPegawai]:
    """Run the engine for every ASN in scope (all active ASN by default) with the given or active rules.

    Only ASN with at least one outcome are returned, ordered by unit and name. Used by the simulation (with an
    unsaved rule), the apply preview and the apply service.
    """
    aturan = list(aturan_berlaku() if aturan is None else aturan)
    if not aturan:
        return []
    kedalaman = max(a.periode_berturut or 1 for a in aturan)
    semua = metrik.metrik_pegawai(periode, pegawai_ids, kedalaman=kedalaman)
    pada = periode.selesai
    kena = {pid: h for pid, m in semua.items() if (h := engine.evaluate(aturan, m, pada=pada))}
    pegawai = Pegawai.objects.select_related("unit_kerja").in_bulk(list(kena))
    baris = [HasilPegawai(pegawai[pid], semua[pid], h) for pid, h in kena.items()]
    baris.sort(key=lambda b: (b.pegawai.unit_kerja.kode, b.pegawai.nama, b.pegawai.nip))
    return baris


@dataclass
class RencanaPenerapan:
    """What applying the rules to a period would record: new outcomes, unchanged ones, and those superseded."""

    periode: Periode
    final: bool
    baru: list = field(default_factory=list)  # (HasilPegawai, engine.Hasil)
    tetap: list = field(default_factory=list)  # Konsekuensi already recorded for the same rule version
    diganti: list = field(default_factory=list)  # (Konsekuensi, (pegawai_id, aturan_id) of its replacement | None)

    @property
    def kosong(self):
        return not (self.baru or self.diganti)


def rencana_penerapan(periode: Periode, pegawai_ids=None) -> RencanaPenerapan:
    """Compare the engine's outcomes now with the live outcomes recorded for the period (the preview).

    An outcome recorded for the same ASN, rule and rule version stays as it is (also when rejected); a live
    one the engine no longer yields — the rule changed, was deactivated, or the facts changed — is superseded,
    by the new outcome of the same rule or exclusive group when there is one.
    """
    rencana = RencanaPenerapan(periode=periode, final=periode_final(periode, pegawai_ids))
    hasil = hitung_hasil(periode, pegawai_ids=pegawai_ids)
    hidup = Konsekuensi.objects.filter(periode=periode, status__in=HIDUP).select_related(
        "pegawai__unit_kerja", "aturan"
    )
    # The same scope as the engine's: the given ASN, or the active ones.
    hidup = hidup.filter(pegawai__aktif=True) if pegawai_ids is None else hidup.filter(pegawai_id__in=list(pegawai_ids))
    ada = {(k.pegawai_id, k.aturan_id, k.aturan_versi): k for k in hidup}
    dihasilkan = set()
    pengganti = {}  # (pegawai_id, aturan_id or group) → (pegawai_id, aturan_id) of the new outcome
    for b in hasil:
        for h in b.hasil:
            kunci = (b.pegawai.pk, h.aturan.pk, h.aturan.versi)
            dihasilkan.add(kunci)
            if kunci in ada:
                rencana.tetap.append(ada[kunci])
                continue
            rencana.baru.append((b, h))
            pengganti[(b.pegawai.pk, h.aturan.pk)] = (b.pegawai.pk, h.aturan.pk)
            if h.aturan.grup_eksklusif:
                pengganti[(b.pegawai.pk, h.aturan.grup_eksklusif)] = (b.pegawai.pk, h.aturan.pk)
    for kunci, k in ada.items():
        if kunci not in dihasilkan:
            grup = k.aturan_data.get("grup_eksklusif")
            rencana.diganti.append(
                (k, pengganti.get((k.pegawai_id, k.aturan_id)) or (grup and pengganti.get((k.pegawai_id, grup))))
            )
    return rencana


# --- outcome lists -------------------------------------------------------------------------------------------


def daftar_konsekuensi(user, *, periode_id=None, status=None, kode=None, unit_id=None, cari=None):
    """Outcomes the user may see, filtered; one query with the ASN, unit, period and rule joined."""
    qs = konsekuensi_visible_to(user)
    if periode_id:
        qs = qs.filter(periode_id=periode_id)
    if status:
        qs = qs.filter(status=status)
    if kode:
        qs = qs.filter(kode=kode)
    if unit_id:
        qs = qs.filter(pegawai__unit_kerja_id__in=UnitKerja.objects.subtree_ids([int(unit_id)]))
    if cari:
        qs = qs.filter(Q(pegawai__nama__icontains=cari) | Q(pegawai__nip__startswith=cari))
    return qs.select_related("pegawai__unit_kerja", "periode", "aturan").order_by(
        "-periode__tahun", "-periode__nomor", "pegawai__nama", "-dibuat"
    )


def konsekuensi_saya(user):
    """The user's own approved outcomes and, for a supervisor, those of their direct subordinates."""
    saya = getattr(user, "pegawai", None)
    if saya is None:
        return [], []
    qs = (
        Konsekuensi.objects.filter(status=Status.DISETUJUI)
        .select_related("pegawai", "periode", "aturan")
        .order_by("-periode__tahun", "-periode__nomor", "-dibuat")
    )
    return list(qs.filter(pegawai=saya)), list(qs.filter(pegawai__atasan=saya, pegawai__aktif=True))


# --- TPP -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisTPP:
    pegawai: Pegawai
    rincian: tpp.RincianTPP | None  # None: no base amount set for the ASN's job class
    kehadiran: RekapKehadiran | None
    sanksi: list  # Konsekuensi cutting TPP this month


def _awal_bulan(tahun, bulan):
    return datetime.date(tahun, bulan, 1)


def tabel_tpp(unit_id: int, tahun: int, bulan: int) -> list[BarisTPP]:
    """Each active ASN of a unit (and its sub-units) with their TPP for a month; five queries in all."""
    pengaturan = PengaturanTPP.aktif()
    langkah = {
        "terlambat_1_30": pengaturan.potong_terlambat_1_30,
        "terlambat_31_60": pengaturan.potong_terlambat_31_60,
        "terlambat_61_90": pengaturan.potong_terlambat_61_90,
        "terlambat_lebih_90": pengaturan.potong_terlambat_lebih_90,
    }
    besaran = dict(BesaranTPP.objects.values_list("jenis_jabatan", "besaran"))
    pegawai = list(
        Pegawai.objects.filter(unit_kerja_id__in=UnitKerja.objects.subtree_ids([unit_id]), aktif=True)
        .select_related("unit_kerja")
        .order_by("unit_kerja__kode", "nama", "nip")
    )
    ids = [p.pk for p in pegawai]
    rekap = {r.pegawai_id: r for r in RekapKehadiran.objects.filter(pegawai_id__in=ids, tahun=tahun, bulan=bulan)}
    awal = _awal_bulan(tahun, bulan)
    sanksi = defaultdict(list)
    for k in Konsekuensi.objects.filter(
        pegawai_id__in=ids, status=Status.DISETUJUI, persen_potongan__gt=0, potongan_mulai__lte=awal
    ).select_related("periode"):
        if k.potongan_sampai and awal < k.potongan_sampai:
            sanksi[k.pegawai_id].append(k)
    baris = []
    for p in pegawai:
        r = rekap.get(p.pk)
        dasar = besaran.get(p.jenis_jabatan)
        rincian = None
        if dasar is not None:
            kali = {k: getattr(r, k) if r else 0 for k in tpp.TERLAMBAT}
            # "No record" is cut like the heaviest lateness bracket (DOMAIN.md §4).
            kali["terlambat_lebih_90"] += r.tanpa_rekam if r else 0
            rincian = tpp.hitung_tpp(
                dasar,
                persen_kinerja=pengaturan.persen_kinerja,
                kali_terlambat=kali,
                langkah_terlambat=langkah,
                # Overlapping cuts do not add up: the heaviest one applies.
                persen_sanksi=max((k.persen_potongan for k in sanksi[p.pk]), default=Decimal(0)),
            )
        baris.append(BarisTPP(p, rincian, r, sanksi[p.pk]))
    return baris
