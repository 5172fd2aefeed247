"""Who may see or change rules, outcomes, attendance and TPP. Views check these; lists go through visible_to()."""

from django.db.models import Q

from kinerja.models import Pegawai
from kinerja.pegawai.permissions import dalam_cakupan, mengelola_unit, peran, unit_ids_dikelola

from .models import Konsekuensi


def can_view_rules(user) -> bool:
    """The rule list is for HR staff and administrators (HR reads it to explain outcomes)."""
    return peran(user).staf


def can_manage_rules(user) -> bool:
    """Writing rules, simulating them and applying them to a period change outcomes for everyone."""
    return peran(user).administrator


def can_decide(user) -> bool:
    """Only administrators approve or reject proposed outcomes."""
    return peran(user).administrator


def can_view_outcome_list(user) -> bool:
    """The outcomes list (all statuses) is for HR staff, scoped to their units, and administrators."""
    return peran(user).staf


def konsekuensi_visible_to(user):
    """Outcomes a user may see: all (administrator), any status in the units they manage (HR), and approved
    ones of themselves and of their direct subordinates."""
    return dalam_cakupan(
        user,
        Konsekuensi.objects.all(),
        "pegawai__unit_kerja_id",
        lambda p: Q(status=Konsekuensi.Status.DISETUJUI) & (Q(pegawai_id=p.pk) | Q(pegawai__atasan_id=p.pk)),
    )


def can_import_facts(user) -> bool:
    """Attendance and training files: HR staff (rows of their units only) and administrators."""
    return peran(user).staf


def pegawai_dikelola(user):
    """ASN whose attendance and training the user may write: all (administrator) or their units' (HR)."""
    p = peran(user)
    if p.administrator:
        return Pegawai.objects.all()
    if p.pengelola:
        return Pegawai.objects.filter(unit_kerja_id__in=unit_ids_dikelola(user))
    return Pegawai.objects.none()


def can_enter_attendance(user, pegawai: Pegawai) -> bool:
    return mengelola_unit(user, pegawai.unit_kerja_id)


def can_lock_tpp(user, unit_id: int) -> bool:
    """Locking an OPD's TPP list (and recalculating it as a new version): HR of that OPD, or an administrator."""
    return mengelola_unit(user, unit_id)
