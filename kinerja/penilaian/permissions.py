"""Who may see or act on periods, SKP and evaluations, by role only. Whether the record's state allows an action
now is the services' transition table (services.aksi_tersedia), so each refusal can say which of the two failed."""

from django.db.models import Exists, OuterRef, Q

from kinerja.pegawai.models import Pegawai, UnitKerja
from kinerja.pegawai.permissions import dalam_cakupan, diri_sendiri, mengelola_unit, peran, unit_ids_dikelola

from .models import EvaluasiKinerja
from .models_skp import SKP


def evaluasi_visible_to(user):
    """Evaluations a user may see: all (administrator), their units' (HR), those they rate (PPK), their own."""
    return dalam_cakupan(
        user,
        EvaluasiKinerja.objects.all(),
        "pegawai__unit_kerja_id",
        lambda p: Q(pegawai_id=p.pk) | Q(atasan_id=p.pk),
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
    return qs.filter(q)


def skp_visible_to(user):
    """SKP a user may see: all (administrator), their units' (HR), their direct subordinates', their own."""
    return dalam_cakupan(
        user, SKP.objects.all(), "pegawai__unit_kerja_id", lambda p: Q(pegawai_id=p.pk) | Q(pegawai__atasan_id=p.pk)
    )


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
    """Only the ASN's current direct supervisor approves or returns the plan."""
    p = peran(user)
    return p.pegawai is not None and skp.pegawai.atasan_id == p.pegawai.pk


def can_fill(user, evaluasi: EvaluasiKinerja) -> bool:
    """The ASN, or HR staff of the ASN's unit on their behalf (recorded as such), may fill and submit."""
    return diri_sendiri(user, evaluasi.pegawai_id) or mengelola_unit(user, evaluasi.pegawai.unit_kerja_id)


def can_rate(user, evaluasi: EvaluasiKinerja) -> bool:
    """Only the evaluation's PPK (the direct supervisor recorded on it) rates or returns it, never the ASN."""
    p = peran(user)
    return p.pegawai is not None and evaluasi.atasan_id == p.pegawai.pk and evaluasi.pegawai_id != p.pegawai.pk


def can_finalise(user, unit: UnitKerja) -> bool:
    """HR staff of the unit (or an administrator) finalise its evaluations and set its organisational rating."""
    return mengelola_unit(user, unit.pk)


def can_acknowledge(user, evaluasi: EvaluasiKinerja) -> bool:
    """Only the ASN acknowledges their own final result."""
    return diri_sendiri(user, evaluasi.pegawai_id)


def pihak_dialog(user, pegawai: Pegawai, atasan_id: int | None) -> str | None:
    """Which side of a performance dialog the user is on ("pegawai" or "atasan"), or None if neither."""
    p = peran(user)
    if p.pegawai is None:
        return None
    if p.pegawai.pk == pegawai.pk:
        return "pegawai"
    if atasan_id is not None and p.pegawai.pk == atasan_id:
        return "atasan"
    return None
