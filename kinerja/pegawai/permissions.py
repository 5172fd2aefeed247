"""Who may see or change what. Views check these; querysets a user sees go through visible_to()."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from core.roles import GRUP_PENGELOLA, GRUP_PETUGAS_LAYANAN, group_names, is_administrator, with_groups

from .models import (
    Pegawai,
    PejabatLuar,
    PenugasanPengelola,
    UnitKerja,
    jumlah_bawahan_aktif,
    jumlah_dinilai_aktif,
    subtree,
)


@dataclass(frozen=True)
class Peran:
    """The roles of one user. Atasan is derived from the roster: anyone with subordinates."""

    administrator: bool = False
    pengelola: bool = False
    petugas_layanan: bool = False
    atasan: bool = False
    pegawai: Pegawai | None = None
    # An appraiser outside the roster (the Gubernur, an official of another agency) signed in with their account.
    pejabat_luar: PejabatLuar | None = None

    @property
    def kunci(self) -> str:
        """The roles as a short text for cache keys (core.cache.fragment_key): it changes whenever they do."""
        return "".join(
            "1" if r else "0"
            for r in (self.administrator, self.pengelola, self.petugas_layanan, self.atasan, self.pejabat_luar)
        )

    @property
    def menilai(self) -> bool:
        """Appraises (or supervises) anyone: the team pages are theirs."""
        return self.atasan or self.pejabat_luar is not None

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
    grup = group_names(user)
    if hasattr(user, "_jumlah_bawahan_aktif"):
        # Read with the user by dengan_peran() (the user of every request, kinerja.backends): no query here.
        pegawai = getattr(user, "pegawai", None)
        pejabat_luar = getattr(user, "pejabat_luar", None)
        if pegawai is not None:
            pegawai.jumlah_bawahan_aktif = user._jumlah_bawahan_aktif + user._jumlah_dinilai_aktif
    else:
        # Whether the person has subordinates (or appraises anyone) comes in the same query as the person.
        pegawai = (
            Pegawai.objects.select_related("unit_kerja")
            .annotate(jumlah_bawahan_aktif=jumlah_bawahan_aktif() + jumlah_dinilai_aktif())
            .filter(user=user)
            .first()
        )
        pejabat_luar = None if pegawai else PejabatLuar.objects.filter(user=user, aktif=True).first()
    if pejabat_luar is not None and not pejabat_luar.aktif:
        pejabat_luar = None
    hasil = Peran(
        administrator=is_administrator(user, grup),
        pengelola=GRUP_PENGELOLA in grup,
        petugas_layanan=GRUP_PETUGAS_LAYANAN in grup,
        atasan=bool(pegawai) and pegawai.jumlah_bawahan_aktif > 0,
        pegawai=pegawai,
        pejabat_luar=pejabat_luar,
    )
    user._peran_cache = hasil
    return hasil


def dengan_peran(users):
    """Users with everything peran() needs read in the same row: group memberships, their ASN record and unit,
    and how many ASN report to them. Every page asks for the roles; this saves it three queries."""
    return with_groups(users.select_related("pegawai__unit_kerja", "pejabat_luar")).annotate(
        _jumlah_bawahan_aktif=jumlah_bawahan_aktif("atasan__user"),
        _jumlah_dinilai_aktif=jumlah_dinilai_aktif("penilai__user"),
    )


def unit_ids_dikelola(user) -> set[int]:
    """Units an HR user manages: the assigned units and everything below them."""
    cached = getattr(user, "_unit_dikelola_cache", None)
    if cached is None:
        # One query on every HR page: the unit tree, each unit flagged when assigned to this user.
        dikelola = Exists(PenugasanPengelola.objects.filter(user=user, unit_kerja=OuterRef("pk")))
        baris = list(UnitKerja.objects.annotate(dikelola=dikelola).values_list("id", "induk_id", "dikelola"))
        cached = subtree(((pk, induk_id) for pk, induk_id, _ in baris), [pk for pk, _, d in baris if d])
        user._unit_dikelola_cache = cached
    return cached


def dalam_cakupan(user, qs, unit: str, milik, dinilai_luar=None):
    """The rows of `qs` a user may see, the one rule of every `*_visible_to`: all for an administrator; for HR,
    the rows whose unit (`unit`: the lookup of the row's unit id) they manage; for an ASN, the rows
    `milik(pegawai)` (a Q: their own, their team's) names; for an appraiser outside the roster, the rows
    `dinilai_luar(pejabat)` names (those they appraise); none for anyone else."""
    p = peran(user)
    if p.administrator:
        return qs
    q = Q(pk__in=[])
    if p.pengelola:
        q |= Q(**{f"{unit}__in": unit_ids_dikelola(user)})
    if p.pegawai:
        q |= milik(p.pegawai)
    if p.pejabat_luar and dinilai_luar:
        q |= dinilai_luar(p.pejabat_luar)
    return qs.filter(q)


def pegawai_visible_to(user):
    """The ASN a user may see: all (administrator), their units' (HR), themselves, their direct subordinates and
    whoever they appraise."""
    return dalam_cakupan(
        user,
        Pegawai.objects.all(),
        "unit_kerja_id",
        lambda p: Q(pk=p.pk) | Q(atasan_id=p.pk) | Q(penilai_id=p.pk),
        lambda luar: Q(penilai_luar_id=luar.pk),
    )


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
    """Importing the roster can change everyone: administrators only (export is scoped by pegawai_visible_to)."""
    return peran(user).administrator


def can_view_team(user) -> bool:
    """ "Tim Saya" is for supervisors and appraisers: anyone with active subordinates on the roster or who is named
    an ASN's pejabat penilai, and appraisers outside the roster signed in with their account."""
    return peran(user).menilai


def diri_sendiri(user, pegawai_id) -> bool:
    """The user is this ASN (their own account)."""
    p = peran(user)
    return p.pegawai is not None and p.pegawai.pk == pegawai_id


def mengelola_unit(user, unit_id) -> bool:
    """HR staff for the unit (assigned to it or an ancestor), or an administrator (who acts for every unit)."""
    p = peran(user)
    return p.administrator or (p.pengelola and unit_id in unit_ids_dikelola(user))


def can_issue_password_link(user, akun) -> bool:
    """Handing an account a one-time reset link: whoever may change accounts in the Django admin; a superuser's
    account only another superuser, as the link lets its holder choose the password."""
    if not (getattr(user, "is_authenticated", False) and user.has_perm("auth.change_user")):
        return False
    return user.is_superuser or not akun.is_superuser
