"""Who may read the audit log: administrators only. Nobody may change it."""

from kinerja.pegawai.permissions import peran


def can_view_audit(user) -> bool:
    return peran(user).administrator
