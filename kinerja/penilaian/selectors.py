"""Read queries of periodic performance evaluation, shared by pages, tasks and exports.

Each runs a fixed number of queries whatever the number of rows (select_related, prefetch_related, one
aggregate), and everything a user sees is scoped by permissions.evaluasi_visible_to / skp_visible_to.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, FilteredRelation, Prefetch, Q

from core.numbers import angka
from kinerja.pegawai.models import Pegawai, UnitKerja, dinilai_oleh
from kinerja.pegawai.penilai import ppk
from kinerja.pegawai.permissions import peran

from . import hasil_kerja, tahunan
from .capaian import rata_rata_capaian
from .models import EkspektasiPerilaku, EvaluasiKinerja, PerilakuKerja, Periode, RealisasiIndikator
from .models_rencana_aksi import RencanaAksi
from .models_skp import SKP, IndikatorKinerja, RencanaHasilKerja, angka_ukuran
from .models_unit import EvaluasiDikecualikan, KinerjaOrganisasi, PengaturanKinerja, PengecualianKurva
from .permissions import evaluasi_periode_visible_to, evaluasi_visible_to, skp_visible_to
from .predikat import cek_kurva_distribusi

Status = EvaluasiKinerja.Status
_STATUS_BERPREDIKAT = (Status.DINILAI, Status.FINAL)
# Not rated yet: a unit is finalised only once each of these is rated or excluded with a reason.
STATUS_BELUM_DINILAI = (Status.DRAFT, Status.DIKEMBALIKAN, Status.DIAJUKAN)
# The order the finalise page counts them in: the workflow's.
_URUTAN_STATUS = (Status.DRAFT, Status.DIKEMBALIKAN, Status.DIAJUKAN, Status.DINILAI, Status.FINAL)


def evaluasi_unit(periode_id: int, unit_id: int):
    """The evaluations of a period for the ASN of a unit and all its sub-units (unscoped: callers check roles)."""
    return EvaluasiKinerja.objects.filter(
        periode_id=periode_id, pegawai__unit_kerja_id__in=UnitKerja.objects.subtree_ids([unit_id])
    )


def jumlah_predikat(periode_id: int, unit_id: int) -> dict[str, int]:
    """Predikat → count over a unit's rated and final evaluations of a period, the input of the curve check."""
    baris = (
        evaluasi_unit(periode_id, unit_id)
        .filter(status__in=_STATUS_BERPREDIKAT)
        .values("predikat")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {b["predikat"]: b["n"] for b in baris}


@dataclass(frozen=True)
class KurvaUnit:
    """What the finalise page shows: the unit's rating, its distribution, the violations, past overrides."""

    kinerja_organisasi: KinerjaOrganisasi | None
    jumlah: dict[str, int]
    pelanggaran: list[str]
    pengecualian: list[PengecualianKurva]


def kurva_unit(periode_id: int, unit_id: int) -> KurvaUnit:
    """The distribution curve of a unit for a period, checked with the agency's curve settings."""
    organisasi = KinerjaOrganisasi.objects.filter(periode_id=periode_id, unit_kerja_id=unit_id).first()
    jumlah = jumlah_predikat(periode_id, unit_id)
    pelanggaran = (
        cek_kurva_distribusi(organisasi.capaian, jumlah, PengaturanKinerja.aktif().syarat_kurva()) if organisasi else []
    )
    pengecualian = list(
        PengecualianKurva.objects.filter(periode_id=periode_id, unit_kerja_id=unit_id).select_related("oleh")
    )
    return KurvaUnit(organisasi, jumlah, pelanggaran, pengecualian)


# The HR list's order, which the period export keeps: by unit code, then name (the NIP is unique).
URUTAN_DAFTAR_EVALUASI = ("pegawai__unit_kerja__kode", "pegawai__nama", "pegawai__nip")


def daftar_evaluasi(user, periode_id: int, *, unit_id=None, status=None, predikat=None):
    """A period's evaluations the user may see, filtered by unit (with sub-units), state and predikat."""
    qs = evaluasi_periode_visible_to(user, periode_id)
    if unit_id:
        qs = qs.filter(pegawai__unit_kerja_id__in=UnitKerja.objects.subtree_ids([int(unit_id)]))
    if status:
        qs = qs.filter(status=status)
    if predikat:
        qs = qs.filter(predikat=predikat)
    return qs.select_related("periode", "pegawai__unit_kerja", "atasan", "penilai_luar").order_by(
        *URUTAN_DAFTAR_EVALUASI
    )


# What indikator_evaluasi can read besides the evaluation's pk and the RHK's id: name → path.
KOLOM_INDIKATOR_EVALUASI = {
    "status": "status",
    "rating_hasil_kerja": "rating_hasil_kerja",
    "rating_perilaku_kerja": "rating_perilaku_kerja",
    "predikat": "predikat",
    "diajukan_pada": "diajukan_pada",
    "dinilai_pada": "dinilai_pada",
    "difinalkan_pada": "difinalkan_pada",
    "nip": "pegawai__nip",
    "gelar_depan": "pegawai__gelar_depan",
    "nama": "pegawai__nama",
    "gelar_belakang": "pegawai__gelar_belakang",
    "jabatan": "pegawai__jabatan",
    "unit": "pegawai__unit_kerja__nama",
    "ppk_gelar_depan": "atasan__gelar_depan",
    "ppk_nama": "atasan__nama",
    "ppk_gelar_belakang": "atasan__gelar_belakang",
    "ppk_luar": "penilai_luar__nama",
    "jenis_rhk": "skp__rhk__jenis",
    "uraian_rhk": "skp__rhk__uraian",
    "indikator": "skp__rhk__indikator__id",
    "uraian_indikator": "skp__rhk__indikator__uraian",
    "aspek": "skp__rhk__indikator__aspek",
    "target": "skp__rhk__indikator__target",
    "satuan": "skp__rhk__indikator__satuan",
    "jenis_target": "skp__rhk__indikator__jenis_target",
    "target_kualitatif": "skp__rhk__indikator__target_kualitatif",
    "nilai_realisasi": "r__realisasi",
    "narasi": "r__narasi",
    "penilaian_kualitatif": "r__penilaian_kualitatif",
    "capaian": "r__capaian",
}


def indikator_evaluasi(evaluasi, kolom):
    """The evaluations of `evaluasi` in the list's order, each with every indicator of its SKP (utama RHK first, then
    tambahan) and that evaluation's realisation of it: one values row per indicator (pk, rhk and the `kolom` named in
    KOLOM_INDIKATOR_EVALUASI), and one row without RHK for an evaluation without an SKP. One query, for streaming."""
    realisasi = FilteredRelation(
        "skp__rhk__indikator__realisasi", condition=Q(skp__rhk__indikator__realisasi__evaluasi=F("pk"))
    )
    medan = [k for k in kolom if KOLOM_INDIKATOR_EVALUASI[k] == k]
    alias = {k: F(KOLOM_INDIKATOR_EVALUASI[k]) for k in kolom if KOLOM_INDIKATOR_EVALUASI[k] != k}
    return (
        evaluasi.annotate(r=realisasi)
        # "-jenis": UTAMA sorts after TAMBAHAN alphabetically, and comes first in the SKP.
        .order_by(
            *URUTAN_DAFTAR_EVALUASI,
            "pk",
            "-skp__rhk__jenis",
            "skp__rhk__urutan",
            "skp__rhk__id",
            "skp__rhk__indikator__urutan",
            "skp__rhk__indikator__id",
        )
        .values("pk", *medan, rhk=F("skp__rhk__id"), **alias)
    )


def progres_per_unit(user, periode_id: int) -> list[dict]:
    """Per unit (of the ASN's own unit): total and count per state, in one aggregate query, ordered by unit code.

    The aggregate groups on the ASN's unit id alone and counts rows, so PostgreSQL reads states from the
    (periode, pegawai) index that includes them; the few units' code and name come after, by id."""
    per_status = {s.value.lower(): Count("status", filter=Q(status=s.value)) for s in Status}
    baris = list(
        evaluasi_periode_visible_to(user, periode_id)
        .values("pegawai__unit_kerja_id")
        .annotate(total=Count("*"), **per_status)
        .order_by()
    )
    unit = UnitKerja.objects.in_bulk([b["pegawai__unit_kerja_id"] for b in baris])
    for b in baris:
        b["pegawai__unit_kerja__kode"] = unit[b["pegawai__unit_kerja_id"]].kode
        b["pegawai__unit_kerja__nama"] = unit[b["pegawai__unit_kerja_id"]].nama
    return sorted(baris, key=lambda b: b["pegawai__unit_kerja__kode"])


@dataclass(frozen=True)
class AnggotaTim:
    pegawai: Pegawai
    evaluasi: EvaluasiKinerja | None

    @property
    def langkah_berikutnya(self) -> str:
        return self.evaluasi.langkah_berikutnya if self.evaluasi else "Evaluasi periode ini belum dibuat"

    @property
    def menunggu_saya(self) -> bool:
        """The supervisor has to act: the evaluation waits for their rating."""
        return self.evaluasi is not None and self.evaluasi.status == Status.DIAJUKAN


def tim_saya(user, periode_id: int, bawahan) -> list[AnggotaTim]:
    """The given ASN the user appraises (one page of selectors.tim_dari), each with the evaluation of the period
    that names the user as its PPK, and the next step."""
    p = peran(user)
    if p.pegawai is not None:
        dinilai = Q(atasan=p.pegawai)
    elif p.pejabat_luar is not None:
        dinilai = Q(penilai_luar=p.pejabat_luar)
    else:
        return []
    bawahan = list(bawahan)
    evaluasi = {
        e.pegawai_id: e
        for e in EvaluasiKinerja.objects.filter(dinilai, periode_id=periode_id, pegawai__in=[b.pk for b in bawahan])
    }
    return [AnggotaTim(b, evaluasi.get(b.pk)) for b in bawahan]


_LABEL_RATING = dict(EvaluasiKinerja.Rating.choices)


@dataclass
class BarisIndikator:
    indikator: IndikatorKinerja
    realisasi: RealisasiIndikator | None

    @property
    def capaian(self) -> Decimal | None:
        return self.realisasi.capaian if self.realisasi else None

    @property
    def tingkat(self) -> str | None:
        """Where the realisation stands against the expectation (hasil_kerja): a quantitative one against its target,
        a qualitative one by the appraiser's mark; None while not realised or not marked."""
        if self.realisasi is None:
            return None
        if self.indikator.kualitatif:
            return self.realisasi.penilaian_kualitatif or None
        i = self.indikator
        return hasil_kerja.tingkat_kuantitatif(i.aspek, i.target, self.realisasi.realisasi)

    @property
    def teks_realisasi(self) -> str:
        """The realisation column: the figure and unit, or for a qualitative one that its narrative is the
        realisation ("" when not filled in)."""
        if self.realisasi is None:
            return ""
        if self.indikator.kualitatif:
            return "lihat uraian"
        return f"{angka_ukuran(self.realisasi.realisasi)} {self.indikator.satuan}".strip()

    @property
    def teks_capaian(self) -> str:
        """The capaian column: the percentage of a quantitative one, the appraiser's mark of a qualitative one."""
        if self.indikator.kualitatif:
            tanda = self.realisasi.penilaian_kualitatif if self.realisasi else ""
            return _LABEL_RATING[tanda] if tanda else "belum ditandai penilai"
        return f"{angka(self.capaian, 2)}%" if self.capaian is not None else "–"


@dataclass
class BarisRHK:
    rhk: RencanaHasilKerja
    indikator: list[BarisIndikator] = field(default_factory=list)
    umpan_balik: str = ""
    rencana_aksi: RencanaAksi | None = None

    @property
    def capaian(self) -> Decimal | None:
        """Mean capaian of the indicators realised so far (DOMAIN.md §2: 100, 90, 76 → 88.67)."""
        return rata_rata_capaian(b.capaian for b in self.indikator if b.capaian is not None)


@dataclass
class DetailEvaluasi:
    evaluasi: EvaluasiKinerja
    rhk: list[BarisRHK]
    perilaku: list[tuple[str, str]]  # (label of the BerAKHLAK value, feedback), in the regulation's order
    riwayat: list
    dialog: list

    @property
    def usulan_hasil_kerja(self) -> str | None:
        """The rating of hasil kerja the RHK utama's indicators propose (hasil_kerja.usulan_rating_hasil_kerja)."""
        return hasil_kerja.usulan_rating_hasil_kerja(
            [b.tingkat for r in self.rhk if r.rhk.jenis == RencanaHasilKerja.Jenis.UTAMA for b in r.indikator]
        )

    @property
    def ada_kualitatif(self) -> bool:
        return any(b.indikator.kualitatif for r in self.rhk for b in r.indikator)

    @property
    def keterangan_efisiensi(self) -> str:
        """The note on time and cost capaian when any indicator has one of those aspects, for the capaian table."""
        return next(
            (b.indikator.keterangan_capaian for r in self.rhk for b in r.indikator if b.indikator.keterangan_capaian),
            "",
        )


def evaluasi_ringkas(user, evaluasi_id: int) -> EvaluasiKinerja:
    """One evaluation the user may see, with its period, ASN (and unit) and PPK: what deciding who may fill it and
    the page's heading need. Raises EvaluasiKinerja.DoesNotExist (a 404) otherwise."""
    return (
        evaluasi_visible_to(user)
        .select_related("periode", "pegawai__unit_kerja", "atasan", "penilai_luar")
        .get(pk=evaluasi_id)
    )


def detail_evaluasi(user, evaluasi_id: int, *, lengkap: bool = True) -> DetailEvaluasi:
    """One evaluation the user may see, with its RHK (each with its rencana aksi), indicators, realisations and capaian
    per indicator and per RHK, the feedback, the history and the dialog. Raises EvaluasiKinerja.DoesNotExist (a 404)
    otherwise.

    lengkap=False leaves out the feedback, behaviour ratings, history and dialog (empty): the realisation form
    shows none of them, and skipping them saves four queries on every save."""
    lain = ["umpan_balik_rhk", "perilaku", "riwayat__oleh", "dialog__penulis"] if lengkap else []
    # The form shows neither the PPK's own superior nor who changed or finalised it last: five joins fewer.
    penilai = ["atasan", "penilai_luar"]
    # The document names both appraisers with their units.
    lain_lengkap = ["atasan__unit_kerja", "atasan_penilai__unit_kerja", "atasan_penilai_luar"]
    terkait = [*penilai, *lain_lengkap, "diubah_oleh", "difinalkan_oleh"] if lengkap else penilai
    evaluasi = (
        evaluasi_visible_to(user)
        .select_related("periode", "pegawai__unit_kerja", "skp", *terkait)
        .prefetch_related(
            Prefetch("realisasi", queryset=RealisasiIndikator.objects.select_related("diisi_oleh")),
            "rencana_aksi",
            *lain,
        )
        .get(pk=evaluasi_id)
    )
    realisasi = {r.indikator_id: r for r in evaluasi.realisasi.all()}
    umpan_balik = {u.rhk_id: u.umpan_balik for u in evaluasi.umpan_balik_rhk.all()} if lengkap else {}
    rencana_aksi = {r.rhk_id: r for r in evaluasi.rencana_aksi.all()}
    daftar_rhk = []
    if evaluasi.skp_id:
        for rhk in (
            RencanaHasilKerja.objects.filter(skp_id=evaluasi.skp_id)
            .select_related("rhk_atasan")
            .prefetch_related("indikator")
        ):
            daftar_rhk.append(
                BarisRHK(
                    rhk,
                    [BarisIndikator(i, realisasi.get(i.pk)) for i in rhk.indikator.all()],
                    umpan_balik.get(rhk.pk, ""),
                    rencana_aksi.get(rhk.pk),
                )
            )
    if not lengkap:
        return DetailEvaluasi(evaluasi=evaluasi, rhk=daftar_rhk, perilaku=[], riwayat=[], dialog=[])
    perilaku = {p.nilai: p.umpan_balik for p in evaluasi.perilaku.all()}
    return DetailEvaluasi(
        evaluasi=evaluasi,
        rhk=daftar_rhk,
        perilaku=[(n.label, perilaku.get(n.value, "")) for n in PerilakuKerja.Nilai],
        riwayat=list(evaluasi.riwayat.all()),
        dialog=list(evaluasi.dialog.all()),
    )


def ekspektasi_perilaku(skp_id: int | None) -> dict[str, str]:
    """The appraiser's ekspektasi khusus pimpinan set on an SKP: BerAKHLAK value code → text (none without an SKP)."""
    if skp_id is None:
        return {}
    return dict(EkspektasiPerilaku.objects.filter(skp_id=skp_id).values_list("nilai", "ekspektasi"))


def detail_skp(user, skp_id: int) -> SKP:
    """One SKP the user may see, with RHK (and the supervisor's RHK each cites), indicators, history and dialog."""
    return (
        skp_visible_to(user)
        .select_related(
            "pegawai__unit_kerja", "pegawai__atasan", "pegawai__penilai", "pegawai__penilai_luar", "disetujui_oleh"
        )
        .prefetch_related(
            Prefetch(
                "rhk",
                queryset=RencanaHasilKerja.objects.select_related("rhk_atasan").prefetch_related("indikator"),
            ),
            "riwayat__oleh",
            "dialog__penulis",
        )
        .get(pk=skp_id)
    )


def pilihan_rhk_atasan(skp: SKP):
    """The superior's RHK an RHK of this SKP may cite: from the SKP of the same year of the ASN's PPK, when the PPK
    is on the roster."""
    ppk_id, _ = ppk(skp.pegawai.baris_penilai)
    if ppk_id is None:
        return RencanaHasilKerja.objects.none()
    return RencanaHasilKerja.objects.filter(skp__pegawai_id=ppk_id, skp__tahun=skp.tahun)


# --- for the pages --------------------------------------------------------------------------------------------


def daftar_periode():
    """Every period, newest first (periods are not confidential: each page scopes the evaluations inside)."""
    return Periode.objects.select_related("dibuat_oleh", "ditutup_oleh")


def periode_terkini(semua=None) -> Periode | None:
    """The period pages open by default: the latest open one, else the latest of all (of `semua`, if given)."""
    semua = list(Periode.objects.all()) if semua is None else semua
    return max((p for p in semua if p.dibuka), key=_mulai, default=None) or max(semua, key=_mulai, default=None)


def periode_terpilih(semua, periode_id) -> Periode | None:
    """The period a page's `?periode=` names among `semua`, else periode_terkini(semua): every page chooses so."""
    return next((p for p in semua if str(p.pk) == str(periode_id or "")), None) or periode_terkini(semua)


def _mulai(periode):
    return periode.mulai, periode.pk


def jumlah_pegawai_aktif(unit_ids) -> int:
    """Active ASN in the units and their sub-units: decides whether creating evaluations runs in the background."""
    return Pegawai.objects.filter(unit_kerja_id__in=UnitKerja.objects.subtree_ids(unit_ids), aktif=True).count()


def evaluasi_saya(user):
    """The user's own evaluations, newest period first."""
    p = peran(user)
    if p.pegawai is None:
        return EvaluasiKinerja.objects.none()
    return EvaluasiKinerja.objects.filter(pegawai=p.pegawai).select_related("periode").order_by("-periode__mulai")


def skp_pegawai(user, pegawai_id):
    """An ASN's SKP that the user may see, newest year first, with their number of RHK."""
    return skp_visible_to(user).filter(pegawai_id=pegawai_id).annotate(jumlah_rhk=Count("rhk")).order_by("-tahun")


def skp_saya(user):
    """The user's own SKP, newest year first, with their number of RHK."""
    p = peran(user)
    if p.pegawai is None:
        return SKP.objects.none()
    return skp_pegawai(user, p.pegawai.pk)


def skp_menunggu_persetujuan(user):
    """Submitted SKP of the ASN the user appraises, waiting for their approval."""
    p = peran(user)
    if p.pegawai is not None:
        dinilai = dinilai_oleh(p.pegawai.pk, "pegawai__")
    elif p.pejabat_luar is not None:
        dinilai = Q(pegawai__penilai_luar=p.pejabat_luar)
    else:
        return SKP.objects.none()
    return (
        skp_visible_to(user)
        .filter(dinilai, status=SKP.Status.DIAJUKAN)
        .select_related("pegawai")
        .order_by("diajukan_pada")
    )


def kinerja_organisasi_untuk(periode_id: int, unit_id: int) -> KinerjaOrganisasi | None:
    """The organisational performance that applies to a unit: set on the unit itself or its nearest ancestor."""
    induk = dict(UnitKerja.objects.values_list("id", "induk_id"))
    rantai, pk = [], unit_id
    while pk is not None and pk not in rantai:
        rantai.append(pk)
        pk = induk.get(pk)
    per_unit = {
        k.unit_kerja_id: k
        for k in KinerjaOrganisasi.objects.filter(periode_id=periode_id, unit_kerja__in=rantai).select_related(
            "unit_kerja"
        )
    }
    return next((per_unit[pk] for pk in rantai if pk in per_unit), None)


def kinerja_organisasi_dipimpin(evaluasi: EvaluasiKinerja) -> KinerjaOrganisasi | None:
    """The organisational performance, in the evaluation's period, of the unit the evaluated ASN heads (their own
    unit first; SE MenPANRB 3/2023 ties the head's rating of hasil kerja to it); None when they head none or HR has
    not set it. One query."""
    dipimpin = KinerjaOrganisasi.objects.filter(
        periode_id=evaluasi.periode_id, unit_kerja__kepala_id=evaluasi.pegawai_id
    ).select_related("unit_kerja")
    unit_sendiri = evaluasi.pegawai.unit_kerja_id
    return min(dipimpin, key=lambda k: (k.unit_kerja_id != unit_sendiri, k.unit_kerja.kode), default=None)


@dataclass(frozen=True)
class RatingKepalaUnit:
    """A unit's head beside the unit's organisational performance (SE MenPANRB 3/2023), for the unit's page."""

    kepala: Pegawai
    usulan: str  # the rating of hasil kerja the unit's performance gives its head
    evaluasi: EvaluasiKinerja | None  # the head's evaluation of the period, if any

    @property
    def berbeda(self) -> bool:
        """The head is rated and their rating of hasil kerja is not the one the unit's performance gives."""
        return bool(self.evaluasi and self.evaluasi.rating_hasil_kerja) and (
            self.evaluasi.rating_hasil_kerja != self.usulan
        )


def rating_kepala_unit(periode_id: int, unit: UnitKerja, organisasi: KinerjaOrganisasi | None):
    """The unit's head, the rating their unit's performance gives them and their evaluation of the period; None when
    the unit has no head on the roster or its performance is not set. One query."""
    if organisasi is None or unit.kepala_id is None:
        return None
    evaluasi = (
        EvaluasiKinerja.objects.filter(periode_id=periode_id, pegawai_id=unit.kepala_id)
        .select_related("pegawai")
        .first()
    )
    kepala = evaluasi.pegawai if evaluasi else Pegawai.objects.get(pk=unit.kepala_id)
    return RatingKepalaUnit(kepala, hasil_kerja.rating_pimpinan(organisasi.capaian), evaluasi)


@dataclass(frozen=True)
class RingkasanFinalisasi:
    """A unit's evaluations of a period (with sub-units) as the finalise page shows them: the count per state, the
    rated ones the next finalisation finalises, those not rated yet (each with `pengecualian_terakhir`, the
    exclusion recorded for it last, or None), and every exclusion recorded for them, newest first."""

    jumlah_status: dict[str, int]
    siap: list[EvaluasiKinerja]
    belum: list[EvaluasiKinerja]
    dikecualikan: list[EvaluasiDikecualikan]

    @property
    def baris_status(self) -> list[tuple[str, str, int]]:
        return [(s.value, s.label, self.jumlah_status.get(s.value, 0)) for s in _URUTAN_STATUS]

    @property
    def total(self) -> int:
        """M: every evaluation of the unit in the period."""
        return sum(self.jumlah_status.values())

    @property
    def dinilai_kurva(self) -> int:
        """N: the evaluations the curve counts, those rated (finalised next) and those already final."""
        return self.jumlah_status.get(Status.DINILAI, 0) + self.jumlah_status.get(Status.FINAL, 0)

    @property
    def jumlah_dikecualikan(self) -> int:
        """K: evaluations not rated yet that a finalisation left out with a reason."""
        return sum(1 for e in self.belum if e.pengecualian_terakhir is not None)

    @property
    def belum_tanpa_alasan(self) -> int:
        return len(self.belum) - self.jumlah_dikecualikan


def ringkasan_finalisasi(periode_id: int, unit_id: int) -> RingkasanFinalisasi:
    """The finalise page's view of a unit's evaluations, in four queries whatever the unit's size."""
    unit_ids = UnitKerja.objects.subtree_ids([unit_id])
    semua = EvaluasiKinerja.objects.filter(periode_id=periode_id, pegawai__unit_kerja_id__in=unit_ids)
    jumlah = {b["status"]: b["n"] for b in semua.values("status").annotate(n=Count("id")).order_by()}
    terbuka = list(
        semua.exclude(status=Status.FINAL)
        .select_related("pegawai__unit_kerja", "atasan", "penilai_luar")
        .order_by("pegawai__nama", "pegawai__nip")
    )
    dikecualikan = list(
        EvaluasiDikecualikan.objects.filter(
            evaluasi__periode_id=periode_id, evaluasi__pegawai__unit_kerja_id__in=unit_ids
        ).select_related("evaluasi__pegawai", "unit_kerja", "oleh")
    )
    terakhir = {}
    for d in reversed(dikecualikan):  # oldest first, so the newest of each evaluation stays
        terakhir[d.evaluasi_id] = d
    belum = [e for e in terbuka if e.status in STATUS_BELUM_DINILAI]
    for e in belum:
        e.pengecualian_terakhir = terakhir.get(e.pk)
    siap = [e for e in terbuka if e.status == Status.DINILAI]
    return RingkasanFinalisasi(jumlah, siap, belum, dikecualikan)


def realisasi_visible_to(user):
    """Realisations (and so evidence files) of the evaluations the user may see."""
    return RealisasiIndikator.objects.filter(evaluasi__in=evaluasi_visible_to(user))


@dataclass
class BarisRealisasiTahun:
    indikator: IndikatorKinerja
    # The realisation in each periodic evaluation (None: none), in RiwayatTahun.evaluasi's order; for a qualitative
    # indicator the appraiser's mark ("": not marked).
    per_periode: list
    usulan: Decimal | str | None
    # A qualitative indicator's narrative of the latest period that has one: the annual form starts from it.
    usulan_narasi: str | None = None

    def _teks(self, nilai, satuan: bool) -> str:
        if self.indikator.kualitatif:
            return _LABEL_RATING.get(nilai, "–")
        if nilai is None:
            return "–"
        return f"{angka_ukuran(nilai)} {self.indikator.satuan}".strip() if satuan else angka_ukuran(nilai)

    @property
    def teks_per_periode(self) -> list[str]:
        return [self._teks(n, satuan=False) for n in self.per_periode]

    @property
    def teks_usulan(self) -> str:
        return self._teks(self.usulan, satuan=True)


@dataclass
class RiwayatTahun:
    """An annual evaluation's year: its ASN's periodic evaluations (by start), their realisations per indicator and
    what the annual one is offered from them (kinerja.penilaian.tahunan)."""

    evaluasi: list[EvaluasiKinerja]
    dapat_dibuka: set[int]  # those the user may open
    realisasi: list[BarisRealisasiTahun]
    usulan_hasil: str | None
    usulan_perilaku: str | None

    @property
    def usulan_realisasi(self) -> dict[int, Decimal]:
        return {b.indikator.pk: b.usulan for b in self.realisasi if b.usulan is not None and not b.indikator.kualitatif}

    @property
    def usulan_narasi(self) -> dict[int, str]:
        """Qualitative indicator id → the narrative of the latest period that has one."""
        return {b.indikator.pk: b.usulan_narasi for b in self.realisasi if b.usulan_narasi}

    @property
    def usulan_kualitatif(self) -> dict[int, str]:
        """Qualitative indicator id → the mark the year's periods propose for the annual evaluation."""
        return {b.indikator.pk: b.usulan for b in self.realisasi if b.usulan and b.indikator.kualitatif}


def riwayat_tahun(user, evaluasi: EvaluasiKinerja, baris_rhk) -> RiwayatTahun | None:
    """For an annual evaluation, the year's periodic evaluations of the same ASN (None for a periodic one). Three
    queries whatever the number of periods."""
    if evaluasi.periode.jenis != Periode.Jenis.TAHUNAN:
        return None
    periodik = list(
        EvaluasiKinerja.objects.filter(pegawai_id=evaluasi.pegawai_id, periode__tahun=evaluasi.periode.tahun)
        .exclude(periode__jenis=Periode.Jenis.TAHUNAN)
        .select_related("periode")
        .prefetch_related("realisasi")
        .order_by("periode__mulai", "periode__selesai")
    )
    dapat_dibuka = set(evaluasi_visible_to(user).filter(pk__in=[e.pk for e in periodik]).values_list("pk", flat=True))
    per_evaluasi = [{r.indikator_id: r for r in e.realisasi.all()} for e in periodik]
    realisasi = []
    for baris in baris_rhk:
        for b in baris.indikator:
            per_periode = [r.get(b.indikator.pk) for r in per_evaluasi]
            if b.indikator.kualitatif:
                # A qualitative indicator's year: the appraiser's marks, the most frequent proposed (tahunan).
                tanda = [r.penilaian_kualitatif if r else "" for r in per_periode]
                narasi = tahunan.usulan_realisasi([r.narasi if r and r.narasi else None for r in per_periode])
                realisasi.append(BarisRealisasiTahun(b.indikator, tanda, tahunan.usulan_rating(tanda), narasi))
                continue
            nilai = [r.realisasi if r else None for r in per_periode]
            realisasi.append(BarisRealisasiTahun(b.indikator, nilai, tahunan.usulan_realisasi(nilai)))
    dinilai = [e if e.status in _STATUS_BERPREDIKAT else None for e in periodik]
    return RiwayatTahun(
        evaluasi=periodik,
        dapat_dibuka=dapat_dibuka,
        realisasi=realisasi,
        usulan_hasil=tahunan.usulan_rating([e.rating_hasil_kerja if e else "" for e in dinilai]),
        usulan_perilaku=tahunan.usulan_rating([e.rating_perilaku_kerja if e else "" for e in dinilai]),
    )
