"""Read queries of the rules pages, the apply service, the task and the TPP export, each shaped to avoid N+1."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from kinerja.models import EvaluasiKinerja, Pegawai, Periode, UnitKerja

from . import engine, metrik, tpp
from .models import Aturan, BesaranTPP, DaftarTPP, Konsekuensi, PengaturanTPP, PenugasanPlt, RekapKehadiran
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
    rincian: tpp.RincianTPP | None  # None: no base for the ASN (see `kosong`)
    kosong: str  # why there is no base: the kelas is missing, or the year's table has no row for it
    kehadiran: RekapKehadiran | None
    sanksi: list  # Konsekuensi cutting TPP this month
    predikat: str  # of the shortest final evaluation covering the month; "" when none
    plt: PenugasanPlt | None


def _awal_bulan(tahun, bulan):
    return datetime.date(tahun, bulan, 1)


def _akhir_bulan(tahun, bulan):
    return datetime.date(tahun + bulan // 12, bulan % 12 + 1, 1) - datetime.timedelta(days=1)


def adalah_opd(unit: UnitKerja) -> bool:
    """An OPD: a unit directly under the province (the root); its lists cover its bidang and sub-units."""
    return unit.induk_id is not None and unit.induk.induk_id is None


def daftar_tpp(unit_id: int, tahun: int, bulan: int):
    """The locked versions of a month's list, newest first (empty: not locked yet)."""
    return list(
        DaftarTPP.objects.filter(unit_id=unit_id, tahun=tahun, bulan=bulan)
        .select_related("dikunci_oleh")
        .order_by("-versi")
    )


def predikat_bulan(pegawai_qs, tahun: int, bulan: int) -> dict[int, str]:
    """Each ASN's predikat for a month: of the final evaluation (rated here or imported from e-Kinerja) whose
    period covers the month, the shortest such period winning (a monthly one over the quarter over the year)."""
    awal, akhir = _awal_bulan(tahun, bulan), _akhir_bulan(tahun, bulan)
    terpilih = {}
    for pegawai_id, predikat, mulai, selesai in EvaluasiKinerja.objects.filter(
        pegawai__in=pegawai_qs,
        status=EvaluasiKinerja.Status.FINAL,
        periode__mulai__lte=akhir,
        periode__selesai__gte=awal,
    ).values_list("pegawai_id", "predikat", "periode__mulai", "periode__selesai"):
        lama = selesai - mulai
        if predikat and (pegawai_id not in terpilih or lama < terpilih[pegawai_id][0]):
            terpilih[pegawai_id] = (lama, predikat)
    return {k: v[1] for k, v in terpilih.items()}


def tabel_tpp(unit_id: int, tahun: int, bulan: int) -> list[BarisTPP]:
    """Each active ASN of a unit (and its sub-units) with their TPP for a month, in one set-based pass: a fixed
    number of queries (settings, bases, ASN, attendance, cuts, evaluations, Plt), whatever the number of ASN."""
    aturan = PengaturanTPP.aktif().aturan()
    besaran = dict(BesaranTPP.objects.filter(tahun=tahun).values_list("kelas_jabatan", "besaran"))
    pegawai_qs = Pegawai.objects.filter(unit_kerja_id__in=UnitKerja.objects.subtree_ids([unit_id]), aktif=True)
    pegawai = list(pegawai_qs.select_related("unit_kerja").order_by("unit_kerja__kode", "nama", "nip"))
    dalam_unit = pegawai_qs.values("pk")
    rekap = {
        r.pegawai_id: r for r in RekapKehadiran.objects.filter(pegawai_id__in=dalam_unit, tahun=tahun, bulan=bulan)
    }
    awal, akhir = _awal_bulan(tahun, bulan), _akhir_bulan(tahun, bulan)
    sanksi = defaultdict(list)
    for k in Konsekuensi.objects.filter(
        pegawai_id__in=dalam_unit, status=Status.DISETUJUI, persen_potongan__gt=0, potongan_mulai__lte=awal
    ).select_related("periode"):
        if k.potongan_sampai and awal < k.potongan_sampai:
            sanksi[k.pegawai_id].append(k)
    predikat = predikat_bulan(dalam_unit, tahun, bulan)
    # A post held as Plt/Plh for any part of the month counts for the month; the latest assignment wins.
    plt = {}
    for p in (
        PenugasanPlt.objects.filter(pegawai_id__in=dalam_unit, mulai__lte=akhir)
        .filter(Q(sampai__isnull=True) | Q(sampai__gte=awal))
        .order_by("mulai")
    ):
        plt[p.pegawai_id] = p
    baris = []
    for p in pegawai:
        r = rekap.get(p.pk)
        rincian, kosong = None, ""
        if p.kelas_jabatan is None:
            kosong = "Besaran belum ditetapkan: kelas jabatan pegawai belum diisi."
        elif p.kelas_jabatan not in besaran:
            kosong = f"Besaran belum ditetapkan: kelas jabatan {p.kelas_jabatan} tahun {tahun} belum ada di tabel."
        else:
            penugasan = plt.get(p.pk)
            rincian = tpp.hitung_tpp(
                fakta_bulan(p, r, besaran, penugasan, predikat.get(p.pk, ""), sanksi[p.pk]), aturan
            )
        baris.append(BarisTPP(p, rincian, kosong, r, sanksi[p.pk], predikat.get(p.pk, ""), plt.get(p.pk)))
    return baris


def fakta_bulan(p, rekap, besaran: dict, penugasan, predikat: str, sanksi: list) -> tpp.FaktaBulan:
    """One ASN's month as the pure arithmetic reads it."""
    kali = {k: getattr(rekap, k) if rekap else 0 for k in tpp.TERLAMBAT}
    # "No record" is cut like the heaviest lateness bracket (DOMAIN.md §4).
    kali["terlambat_lebih_90"] += rekap.tanpa_rekam if rekap else 0
    pulang = {k: getattr(rekap, k) for k in tpp.PULANG_CEPAT} if rekap else {}
    return tpp.FaktaBulan(
        besaran=besaran[p.kelas_jabatan],
        # A post whose kelas has no base this year cannot raise the TPP: it is left out.
        besaran_plt=besaran.get(penugasan.kelas_jabatan) if penugasan else None,
        predikat=predikat,
        tanpa_keterangan=rekap.tanpa_keterangan if rekap else 0,
        terlambat=kali,
        pulang_cepat=tpp.pulang_cepat_per_rentang(rekap.pulang_cepat if rekap else 0, pulang),
        tidak_apel=rekap.tidak_apel if rekap else 0,
        # Overlapping cuts do not add up: the heaviest one applies.
        persen_sanksi=max((k.persen_potongan for k in sanksi), default=Decimal(0)),
        golongan=p.golongan,
    )
