"""The roles that are Django auth groups, and who is an administrator.

A role is a group an administrator puts an account in; the supervisor's role (atasan) is not a group but
follows from the roster, so kinerja.pegawai.permissions.peran() adds it. The audit log, which imports no app,
asks here whether a user is an administrator.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

GRUP_ADMINISTRATOR = "Administrator"
GRUP_PENGELOLA = "Pengelola Kinerja"
GRUP_PETUGAS_LAYANAN = "Petugas Layanan"

# The group of each role, and the annotation with_groups() reads its membership into.
_ANNOTATIONS = {
    GRUP_ADMINISTRATOR: "_grup_administrator",
    GRUP_PENGELOLA: "_grup_pengelola",
    GRUP_PETUGAS_LAYANAN: "_grup_petugas_layanan",
}


def with_groups(users):
    """Users with their membership of each role's group read in the same row (no query per user later)."""
    membership = users.model.groups.through.objects.filter(user=OuterRef("pk"))
    return users.annotate(**{attr: Exists(membership.filter(group__name=name)) for name, attr in _ANNOTATIONS.items()})


def group_names(user) -> set[str]:
    """The role groups the user is in: from with_groups()'s annotations when the user was read so, else queried."""
    if hasattr(user, "_grup_pengelola"):
        return {name for name, attr in _ANNOTATIONS.items() if getattr(user, attr)}
    return set(user.groups.values_list("name", flat=True))


def is_administrator(user, groups: set[str] | None = None) -> bool:
    """A superuser, or a member of the Administrator group (`groups`: the user's group_names(), if known)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or GRUP_ADMINISTRATOR in (group_names(user) if groups is None else groups)


def administrators():
    """The active accounts that administer the app (superusers and the Administrator group), e.g. to be told of a
    failure in the background."""
    users = get_user_model().objects.filter(Q(is_superuser=True) | Q(groups__name=GRUP_ADMINISTRATOR), is_active=True)
    return users.distinct().order_by("pk")
