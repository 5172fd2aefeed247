"""Who may see or change what. Views check these; querysets a user sees go through visible_to()."""

from dataclasses import dataclass

from django.db.models import Q

from .models import Pegawai, UnitKerja

GRUP_ADMINISTRATOR = "Administrator"
GRUP_PENGELOLA = "Pengelola Kinerja"
GRUP_PETUGAS_LAYANAN = "Petugas Layanan"


@dataclass(frozen=True)
class Peran:
    """The roles of one user. Atasan is derived from the roster: anyone with subordinates."""

    administrator: bool = False
    pengelola: bool = False
    petugas_layanan: bool = False
    atasan: bool = False
    pegawai: Pegawai | None = None

    @property
    def staf(self):
        """HR staff or administrator: may use the roster pages."""
        return self.administrator or self.pengelola


def peran(user) -> Peran:
    """Compute (once per user object) the roles of a user."""
    if not getattr(user, "is_authenticated", False):
        return Peran()
    cached = getattr(user, "_peran_cache", None)
    if cached is not None:
        return cached
    groups = set(user.groups.values_list("name", flat=True))
    pegawai = Pegawai.objects.select_related("unit_kerja").filter(user=user).first()
    hasil = Peran(
        administrator=user.is_superuser or GRUP_ADMINISTRATOR in groups,
        pengelola=GRUP_PENGELOLA in groups,
        petugas_layanan=GRUP_PETUGAS_LAYANAN in groups,
        atasan=bool(pegawai) and pegawai.bawahan.filter(aktif=True).exists(),
        pegawai=pegawai,
    )
    user._peran_cache = hasil
    return hasil


def unit_ids_dikelola(user) -> set[int]:
    """Units an HR user manages: the assigned units and everything below them."""
    cached = getattr(user, "_unit_dikelola_cache", None)
    if cached is None:
        roots = list(user.penugasan_pengelola.values_list("unit_kerja_id", flat=True))
        cached = UnitKerja.objects.subtree_ids(roots) if roots else set()
        user._unit_dikelola_cache = cached
    return cached


def pegawai_visible_to(user):
    """The ASN a user may see: all (administrator), their units' (HR), their team and themselves."""
    p = peran(user)
    if p.administrator:
        return Pegawai.objects.all()
    if not (p.pengelola or p.pegawai):
        return Pegawai.objects.none()
    q = Q(pk__in=[])
    if p.pengelola:
        q |= Q(unit_kerja_id__in=unit_ids_dikelola(user))
    if p.pegawai:
        q |= Q(pk=p.pegawai.pk) | Q(atasan_id=p.pegawai.pk)
    return Pegawai.objects.filter(q)


def unit_visible_to(user):
    """Units a user may browse in the unit tree: all for administrators, the managed subtree for HR."""
    p = peran(user)
    if p.administrator:
        return UnitKerja.objects.all()
    if p.pengelola:
        return UnitKerja.objects.filter(pk__in=unit_ids_dikelola(user))
    return UnitKerja.objects.none()


def can_view_roster(user) -> bool:
    """The ASN list, detail and unit tree are for HR staff and administrators."""
    return peran(user).staf


def can_view_pegawai(user, pegawai: Pegawai) -> bool:
    """A person's detail: administrators, HR of the person's unit, the person and their direct supervisor."""
    return pegawai_visible_to(user).filter(pk=pegawai.pk).exists()


def can_import_roster(user) -> bool:
    """Importing and exporting the roster changes or reveals everyone: administrators only."""
    return peran(user).administrator


def can_view_team(user) -> bool:
    """ "Tim Saya" is for supervisors: anyone with active subordinates on the roster."""
    return peran(user).atasan
