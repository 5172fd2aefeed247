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

from . import harian, hasil_kerja
from .capaian import rata_rata_capaian
from .models import PANJANG_NARASI, EkspektasiPerilaku, EvaluasiKinerja, PerilakuKerja, Periode, RealisasiIndikator
from .models_harian import ProgresHarian
from .models_peran import PeranHasil
from .models_rencana_aksi import RencanaAksi
from .models_skp import SKP, IndikatorKinerja, RencanaHasilKerja, angka_ukuran
from .models_unit import EvaluasiDikecualikan, KinerjaOrganisasi, PengaturanKinerja, PengecualianKurva
from .permissions import evaluasi_periode_visible_to, evaluasi_visible_to, progres_visible_to, skp_visible_to
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
        if any(b.indikator.diukur_efisiensi for r in self.rhk for b in r.indikator):
            return PengaturanKinerja.aktif().keterangan_efisiensi()
        return ""


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
                queryset=RencanaHasilKerja.objects.select_related("rhk_atasan__skp").prefetch_related(
                    "indikator", "peran_hasil"
                ),
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


@dataclass(frozen=True)
class RingkasanFinalisasi:
    """A unit's evaluations of a period (with sub-units) as the finalise page shows them: the count per state, the
    rated ones the next finalisation finalises, those not rated yet (each with `pengecualian_terakhir`, the
    exclusion recorded for it last, or None), and every exclusion recorded for them, newest first."""

    jumlah_status: dict[str, int]
    siap: list[EvaluasiKinerja]
    belum: list[EvaluasiKinerja]
    dikecualikan: list[EvaluasiDikecualikan]
    jumlah_diimpor: int = 0  # final results imported from e-Kinerja, counted in the curve like those rated here

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
    per_status = list(
        semua.values("status")
        .annotate(n=Count("id"), diimpor=Count("id", filter=Q(sumber=EvaluasiKinerja.Sumber.EKINERJA)))
        .order_by()
    )
    jumlah = {b["status"]: b["n"] for b in per_status}
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
    return RingkasanFinalisasi(jumlah, siap, belum, dikecualikan, sum(b["diimpor"] for b in per_status))


def realisasi_visible_to(user):
    """Realisations (and so evidence files) of the evaluations the user may see."""
    return RealisasiIndikator.objects.filter(evaluasi__in=evaluasi_visible_to(user))


@dataclass(frozen=True)
class BarisMatriks:
    """One ASN the RHK's owner appraises: their role (if set) and the RHK of theirs that cites this one (if any)."""

    pegawai: Pegawai
    peran: PeranHasil | None
    rhk_disusun: list[RencanaHasilKerja]


def matriks_peran(rhk: RencanaHasilKerja) -> list[BarisMatriks]:
    """The matriks peran hasil of one RHK: every active ASN its owner appraises, and whoever else has a role or an
    RHK citing it (e.g. moved since), in three queries."""
    pemilik_id = rhk.skp.pegawai_id
    peran_per = {p.pegawai_id: p for p in PeranHasil.objects.filter(rhk_atasan=rhk)}
    disusun = {}
    for r in RencanaHasilKerja.objects.filter(rhk_atasan=rhk).select_related("skp").order_by("pk"):
        disusun.setdefault(r.skp.pegawai_id, []).append(r)
    orang = Pegawai.objects.filter(
        (dinilai_oleh(pemilik_id) & Q(aktif=True)) | Q(pk__in=[*peran_per, *disusun])
    ).order_by("nama", "nip")
    return [BarisMatriks(p, peran_per.get(p.pk), disusun.get(p.pk, [])) for p in orang]


def menilai_pegawai_aktif(pegawai_id: int) -> bool:
    """Whether this ASN appraises any active ASN (so has RHK to divide)."""
    return Pegawai.objects.filter(dinilai_oleh(pegawai_id), aktif=True).exists()


def peran_untuk_skp(skp: SKP) -> list[PeranHasil]:
    """The roles the ASN of this SKP holds in the matrices of their PPK's RHK of the same year (whatever the state
    of the PPK's SKP), each with `rhk_disusun`: this SKP's RHK citing that RHK, if any. One query."""
    ppk_id, _ = ppk(skp.pegawai.baris_penilai)
    if ppk_id is None:
        return []
    dikutip = {r.rhk_atasan_id: r for r in skp.rhk.all() if r.rhk_atasan_id}
    daftar = list(
        PeranHasil.objects.filter(
            pegawai_id=skp.pegawai_id, rhk_atasan__skp__pegawai_id=ppk_id, rhk_atasan__skp__tahun=skp.tahun
        )
        .select_related("rhk_atasan__skp")
        .order_by("rhk_atasan__urutan", "rhk_atasan__id")
    )
    for p in daftar:
        p.rhk_disusun = dikutip.get(p.rhk_atasan_id)
    return daftar


# --- the daily progress log -----------------------------------------------------------------------------------


def pilihan_rhk_progres(pegawai_id: int, hari_ini):
    """The RHK an ASN may log against today: of their SKP of each year the window of days open to logging touches
    (last year's too in early January), newest year first."""
    tahun = {harian.tanggal_terawal(hari_ini).year, hari_ini.year}
    return (
        RencanaHasilKerja.objects.filter(skp__pegawai_id=pegawai_id, skp__tahun__in=tahun)
        .select_related("skp")
        .order_by("-skp__tahun", "jenis", "urutan", "id")
    )


def progres_pegawai(user, pegawai_id: int):
    """An ASN's daily log as the user may read it, newest day first, with each entry's RHK."""
    return progres_visible_to(user).filter(pegawai_id=pegawai_id).select_related("rhk__skp").order_by("-tanggal", "-id")


def hari_tanpa_progres(pegawai_ids, hari) -> dict[int, list]:
    """Per ASN, which of the days `hari` have no entry in their log, in one query."""
    hari = list(hari)
    ada = set(
        ProgresHarian.objects.filter(pegawai_id__in=list(pegawai_ids), tanggal__in=hari)
        .values_list("pegawai_id", "tanggal")
        .distinct()
    )
    return {pk: [h for h in hari if (pk, h) not in ada] for pk in pegawai_ids}


def narasi_dari_log(evaluasi: EvaluasiKinerja) -> list[tuple[int, str, str]]:
    """Per RHK the ASN logged against over the evaluation's period: (RHK id, its text, the realisation narrative
    drafted from the log), in the plan's order; one query."""
    per_rhk, uraian = {}, {}
    for rhk_id, uraian_rhk, tanggal, teks in (
        ProgresHarian.objects.filter(
            pegawai_id=evaluasi.pegawai_id, tanggal__range=(evaluasi.periode.mulai, evaluasi.periode.selesai)
        )
        .order_by("rhk__jenis", "rhk__urutan", "rhk_id")
        .values_list("rhk_id", "rhk__uraian", "tanggal", "uraian")
    ):
        per_rhk.setdefault(rhk_id, []).append((tanggal, teks))
        uraian[rhk_id] = uraian_rhk
    return [(r, uraian[r], harian.susun_narasi(c, PANJANG_NARASI)) for r, c in per_rhk.items()]
