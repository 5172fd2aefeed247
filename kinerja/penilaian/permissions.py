"""Who may see or act on periods, SKP and evaluations, by role only. Whether the record's state allows an action
now is the services' transition table (services.aksi_tersedia), so each refusal can say which of the two failed."""

from django.db.models import Exists, OuterRef, Q

from kinerja.pegawai.models import Pegawai, PejabatLuar, UnitKerja
from kinerja.pegawai.penilai import ppk
from kinerja.pegawai.permissions import dalam_cakupan, diri_sendiri, mengelola_unit, peran, unit_ids_dikelola

from .models import EvaluasiKinerja
from .models_harian import ProgresHarian
from .models_skp import SKP


def evaluasi_visible_to(user):
    """Evaluations a user may see: all (administrator), their units' (HR), those they rate (PPK, on the roster or
    not), their own."""
    return dalam_cakupan(
        user,
        EvaluasiKinerja.objects.all(),
        "pegawai__unit_kerja_id",
        lambda p: Q(pegawai_id=p.pk) | Q(atasan_id=p.pk),
        lambda luar: Q(penilai_luar_id=luar.pk),
    )


def evaluasi_periode_visible_to(user, periode_id: int):
    """evaluasi_visible_to(user) within one period, every condition put on the ASN's row.

    One evaluation per ASN and period makes "rated by me" the same as "the ASN whose evaluation of this period I
    rate", and "my own" the ASN linked to my account. Written on the ASN's columns (the NIP, as the ORM would turn
    the ASN's id into the evaluation's own column), PostgreSQL filters the roster before it joins the evaluations,
    where the mixed OR made it probe every ASN of every unit (bench/results.md, Keputusan)."""
    qs = EvaluasiKinerja.objects.filter(periode_id=periode_id)
    p = peran(user)
    if p.administrator:
        return qs
    q = Q(pk__in=[])
    if p.pengelola:
        q |= Q(pegawai__unit_kerja_id__in=unit_ids_dikelola(user))
    if p.pegawai:
        dinilai = EvaluasiKinerja.objects.filter(periode_id=periode_id, atasan_id=p.pegawai.pk)
        q |= Q(pegawai__user=user) | Q(pegawai__nip__in=dinilai.values("pegawai__nip"))
    if p.pejabat_luar:
        dinilai = EvaluasiKinerja.objects.filter(periode_id=periode_id, penilai_luar_id=p.pejabat_luar.pk)
        q |= Q(pegawai__nip__in=dinilai.values("pegawai__nip"))
    return qs.filter(q)


def skp_visible_to(user):
    """SKP a user may see: all (administrator), their units' (HR), their direct subordinates' and of those they
    appraise, their own."""
    return dalam_cakupan(user, SKP.objects.all(), "pegawai__unit_kerja_id", _milik_atau_tim, _dinilai_luar)


def _milik_atau_tim(p) -> Q:
    """Rows of an ASN's own, of their direct subordinates and of those they appraise."""
    return Q(pegawai_id=p.pk) | Q(pegawai__atasan_id=p.pk) | Q(pegawai__penilai_id=p.pk)


def _dinilai_luar(luar) -> Q:
    return Q(pegawai__penilai_luar_id=luar.pk)


def adalah_penilai(user, pegawai_id: int | None, luar_id: int | None) -> bool:
    """The user is this appraiser: the roster ASN `pegawai_id`, or the official outside the roster `luar_id`."""
    p = peran(user)
    if pegawai_id is not None and p.pegawai is not None:
        return p.pegawai.pk == pegawai_id
    return luar_id is not None and p.pejabat_luar is not None and p.pejabat_luar.pk == luar_id


def can_view_angka_kredit(user, pegawai: Pegawai) -> bool:
    """An ASN's angka kredit is a career record: the ASN, HR of their unit and administrators see it."""
    return diri_sendiri(user, pegawai.pk) or mengelola_unit(user, pegawai.unit_kerja_id)


def can_manage_periode(user) -> bool:
    """Opening, closing and populating periods is HR work (administrators included)."""
    return peran(user).staf


PESAN_TUTUP_PERIODE = (
    "Periode berlaku untuk seluruh unit kerja provinsi: hanya administrator, atau pengelola kinerja yang mengelola "
    "setiap unit dengan pegawai aktif atau evaluasi pada periode ini, yang dapat menutupnya."
)


def can_close_periode(user, periode_id: int) -> bool:
    """Closing ends filling and rating for every unit at once, and a Periode names no unit (one per year, type and
    number: the whole province). So an administrator, or HR staff whose managed units hold every unit it covers:
    each unit with an active ASN (evaluations may still be created there) or with an evaluation in it. One query."""
    p = peran(user)
    if p.administrator:
        return True
    if not p.pengelola:
        return False
    dinilai = EvaluasiKinerja.objects.filter(periode_id=periode_id, pegawai_id=OuterRef("pk"))
    di_luar = Pegawai.objects.exclude(unit_kerja_id__in=unit_ids_dikelola(user)).filter(Q(aktif=True) | Exists(dinilai))
    return not di_luar.exists()


def can_reopen_periode(user) -> bool:
    """Reopening a closed period undoes a deadline for everyone: administrators only."""
    return peran(user).administrator


def can_change_settings(user) -> bool:
    """The capaian cap, the efficiency formula and the curve's percentages apply to everyone: administrators only."""
    return peran(user).administrator


def can_plan_for(user, pegawai: Pegawai) -> bool:
    """The ASN, or HR staff of the ASN's unit, may write the ASN's plan (SKP)."""
    return diri_sendiri(user, pegawai.pk) or mengelola_unit(user, pegawai.unit_kerja_id)


def can_edit_skp(user, skp: SKP) -> bool:
    return can_plan_for(user, skp.pegawai)


def can_review_skp(user, skp: SKP) -> bool:
    """Only the ASN's current PPK (the direct supervisor unless HR named another) approves or returns the plan and
    sets the ekspektasi khusus pimpinan."""
    return adalah_penilai(user, *ppk(skp.pegawai.baris_penilai))


def can_review_skp_on_behalf(user, skp: SKP) -> bool:
    """HR of the ASN's unit record the approval of a PPK outside the roster from the signed SKP."""
    return skp.pegawai.penilai_luar_id is not None and mengelola_unit(user, skp.pegawai.unit_kerja_id)


def can_fill(user, evaluasi: EvaluasiKinerja) -> bool:
    """The ASN, or HR staff of the ASN's unit on their behalf (recorded as such), may fill and submit."""
    return diri_sendiri(user, evaluasi.pegawai_id) or mengelola_unit(user, evaluasi.pegawai.unit_kerja_id)


def can_rate(user, evaluasi: EvaluasiKinerja) -> bool:
    """Only the evaluation's PPK (recorded on it, on the roster or not) rates or returns it, never the ASN."""
    return not diri_sendiri(user, evaluasi.pegawai_id) and adalah_penilai(
        user, evaluasi.atasan_id, evaluasi.penilai_luar_id
    )


def can_rate_on_behalf(user, evaluasi: EvaluasiKinerja) -> bool:
    """HR of the ASN's unit record the rating of a PPK outside the roster from the signed paper (recorded as such)."""
    return evaluasi.penilai_luar_id is not None and mengelola_unit(user, evaluasi.pegawai.unit_kerja_id)


def can_record_rating(user, evaluasi: EvaluasiKinerja) -> bool:
    """Who may open the rating form: the PPK, or HR recording an outside PPK's rating."""
    return can_rate(user, evaluasi) or can_rate_on_behalf(user, evaluasi)


def can_finalise(user, unit: UnitKerja) -> bool:
    """HR staff of the unit (or an administrator) finalise its evaluations and set its organisational rating."""
    return mengelola_unit(user, unit.pk)


def can_acknowledge(user, evaluasi: EvaluasiKinerja) -> bool:
    """Only the ASN acknowledges their own final result."""
    return diri_sendiri(user, evaluasi.pegawai_id)


def pihak_dialog(user, pegawai: Pegawai, penilai: Pegawai | PejabatLuar | None) -> str | None:
    """Which side of a performance dialog the user is on ("pegawai", or "atasan": the PPK), or None if neither."""
    if diri_sendiri(user, pegawai.pk):
        return "pegawai"
    if isinstance(penilai, PejabatLuar):
        return "atasan" if adalah_penilai(user, None, penilai.pk) else None
    return "atasan" if penilai is not None and adalah_penilai(user, penilai.pk, None) else None


def can_log_progres(user, pegawai_id: int) -> bool:
    """The daily log is the ASN's own record of their day: only they write it (HR fill realisations on an ASN's
    behalf, never their diary)."""
    return diri_sendiri(user, pegawai_id)


def progres_visible_to(user):
    """Daily log entries a user may read: all (administrator), their units' (HR), their own, their direct
    subordinates' and of those they appraise (on the roster or not)."""
    return dalam_cakupan(user, ProgresHarian.objects.all(), "pegawai__unit_kerja_id", _milik_atau_tim, _dinilai_luar)


def can_read_progres(user, pegawai: Pegawai) -> bool:
    """progres_visible_to for one ASN's whole log (which may still be empty)."""
    p = peran(user)
    if diri_sendiri(user, pegawai.pk) or mengelola_unit(user, pegawai.unit_kerja_id):
        return True
    if p.pegawai is not None:
        return p.pegawai.pk in (pegawai.atasan_id, pegawai.penilai_id)
    return p.pejabat_luar is not None and pegawai.penilai_luar_id == p.pejabat_luar.pk


def can_divide_rhk(user, rhk) -> bool:
    """The matriks peran hasil is part of the supervisor's plan: whoever may write that SKP (they, or HR of their
    unit) divides its RHK among those they appraise."""
    return can_plan_for(user, rhk.skp.pegawai)
