"""Who may read the audit log: administrators only. Nobody may change it."""

from core.roles import is_administrator


def can_view_audit(user) -> bool:
    return is_administrator(user)
