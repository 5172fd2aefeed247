"""Who may see which dashboard. Roles come from kinerja.pegawai.permissions; units are scoped by unit_visible_to."""

from kinerja.pegawai.permissions import peran, unit_visible_to


def can_view_organisasi(user) -> bool:
    """The organisation dashboard (units, drill-down): administrators and HR staff (their units only)."""
    return peran(user).staf


def can_view_tim(user) -> bool:
    """The team dashboard: supervisors."""
    return peran(user).atasan


def can_view_saya(user) -> bool:
    """The personal trend: anyone linked to an ASN record."""
    return peran(user).pegawai is not None


def unit_rekap_visible_to(user):
    """Units whose roll-ups a user may open: every unit for administrators, the managed subtrees for HR."""
    return unit_visible_to(user)
