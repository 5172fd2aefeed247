"""What the rating of hasil kerja is proposed from, read for the rating form and the unit's page: the year's
periodic evaluations for an annual one (kinerja.penilaian.tahunan), and the organisational performance of the unit
the evaluated ASN heads (SE MenPANRB 3/2023, kinerja.penilaian.hasil_kerja). Each in a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from kinerja.pegawai.models import Pegawai, UnitKerja

from . import hasil_kerja, tahunan
from .models import EvaluasiKinerja, Periode
from .models_skp import IndikatorKinerja, angka_ukuran
from .models_unit import KinerjaOrganisasi
from .permissions import evaluasi_visible_to
from .selectors import _LABEL_RATING, _STATUS_BERPREDIKAT


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


# --- the matriks peran hasil ------------------------------------------------------------------------------------
