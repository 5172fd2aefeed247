"""Who may see or change what. Views check these; querysets a user sees go through visible_to()."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from .models import Pegawai, PenugasanPengelola, UnitKerja, jumlah_bawahan_aktif, subtree

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
    def kunci(self) -> str:
        """The roles as a short text for cache keys (core.cache.fragment_key): it changes whenever they do."""
        return "".join(
            "1" if r else "0" for r in (self.administrator, self.pengelola, self.petugas_layanan, self.atasan)
        )

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
    if hasattr(user, "_grup_pengelola"):
        # Read with the user by dengan_peran() (the user of every request, kinerja.backends): no query here.
        grup = {nama for nama, ada in _ANOTASI_GRUP.items() if getattr(user, ada)}
        pegawai = getattr(user, "pegawai", None)
        if pegawai is not None:
            pegawai.jumlah_bawahan_aktif = user._jumlah_bawahan_aktif
    else:
        grup = set(user.groups.values_list("name", flat=True))
        # Whether the person has subordinates comes in the same query as the person.
        pegawai = (
            Pegawai.objects.select_related("unit_kerja")
            .annotate(jumlah_bawahan_aktif=jumlah_bawahan_aktif())
            .filter(user=user)
            .first()
        )
    hasil = Peran(
        administrator=user.is_superuser or GRUP_ADMINISTRATOR in grup,
        pengelola=GRUP_PENGELOLA in grup,
        petugas_layanan=GRUP_PETUGAS_LAYANAN in grup,
        atasan=bool(pegawai) and pegawai.jumlah_bawahan_aktif > 0,
        pegawai=pegawai,
    )
    user._peran_cache = hasil
    return hasil


# The group of each role, and the annotation dengan_peran() reads its membership into.
_ANOTASI_GRUP = {
    GRUP_ADMINISTRATOR: "_grup_administrator",
    GRUP_PENGELOLA: "_grup_pengelola",
    GRUP_PETUGAS_LAYANAN: "_grup_petugas_layanan",
}


def dengan_peran(users):
    """Users with everything peran() needs read in the same row: group memberships, their ASN record and unit,
    and how many ASN report to them. Every page asks for the roles; this saves it three queries."""
    keanggotaan = users.model.groups.through.objects.filter(user=OuterRef("pk"))
    return users.select_related("pegawai__unit_kerja").annotate(
        _jumlah_bawahan_aktif=jumlah_bawahan_aktif("atasan__user"),
        **{ada: Exists(keanggotaan.filter(group__name=nama)) for nama, ada in _ANOTASI_GRUP.items()},
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
    """Importing the roster can change everyone: administrators only (export is scoped by pegawai_visible_to)."""
    return peran(user).administrator


def can_view_team(user) -> bool:
    """ "Tim Saya" is for supervisors: anyone with active subordinates on the roster."""
    return peran(user).atasan


# --- Evaluasi kinerja (issue 3): who may see or act on periods, SKP and evaluations. ---------------------------
# Role only: whether the record's state allows an action now is the services' transition table
# (services_evaluasi.aksi_tersedia), so each refusal can say which of the two failed.
from .models import SKP, EvaluasiKinerja  # noqa: E402


def _diri(user, pegawai_id) -> bool:
    p = peran(user)
    return p.pegawai is not None and p.pegawai.pk == pegawai_id


def mengelola_unit(user, unit_id) -> bool:
    """HR staff for the unit (assigned to it or an ancestor), or an administrator (who acts for every unit)."""
    p = peran(user)
    return p.administrator or (p.pengelola and unit_id in unit_ids_dikelola(user))


def evaluasi_visible_to(user):
    """Evaluations a user may see: all (administrator), their units' (HR), those they rate (PPK), their own."""
    p = peran(user)
    if p.administrator:
        return EvaluasiKinerja.objects.all()
    q = Q(pk__in=[])
    if p.pengelola:
        q |= Q(pegawai__unit_kerja_id__in=unit_ids_dikelola(user))
    if p.pegawai:
        q |= Q(pegawai_id=p.pegawai.pk) | Q(atasan_id=p.pegawai.pk)
    return EvaluasiKinerja.objects.filter(q)


def evaluasi_periode_visible_to(user, periode_id: int):
    """evaluasi_visible_to(user) within one period, every condition put on the ASN's row.

    One evaluation per ASN and period makes "rated by me" the same as "the ASN whose evaluation of this period I
    rate", and "my own" the ASN linked to my account. Written on the ASN's columns (the NIP, as the ORM would turn
    the ASN's id into the evaluation's own column), PostgreSQL filters the roster before it joins the evaluations:
    11 → 5 ms for a page of the HR list at 30,000 ASN, where the mixed OR made it probe every ASN of every unit."""
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
    p = peran(user)
    if p.administrator:
        return SKP.objects.all()
    q = Q(pk__in=[])
    if p.pengelola:
        q |= Q(pegawai__unit_kerja_id__in=unit_ids_dikelola(user))
    if p.pegawai:
        q |= Q(pegawai_id=p.pegawai.pk) | Q(pegawai__atasan_id=p.pegawai.pk)
    return SKP.objects.filter(q)


def can_manage_periode(user) -> bool:
    """Opening, closing and populating periods is HR work (administrators included)."""
    return peran(user).staf


def can_reopen_periode(user) -> bool:
    """Reopening a closed period undoes a deadline for everyone: administrators only."""
    return peran(user).administrator


def can_plan_for(user, pegawai: Pegawai) -> bool:
    """The ASN, or HR staff of the ASN's unit, may write the ASN's plan (SKP)."""
    return _diri(user, pegawai.pk) or mengelola_unit(user, pegawai.unit_kerja_id)


def can_edit_skp(user, skp: SKP) -> bool:
    return can_plan_for(user, skp.pegawai)


def can_review_skp(user, skp: SKP) -> bool:
    """Only the ASN's current direct supervisor approves or returns the plan."""
    p = peran(user)
    return p.pegawai is not None and skp.pegawai.atasan_id == p.pegawai.pk


def can_fill(user, evaluasi: EvaluasiKinerja) -> bool:
    """The ASN, or HR staff of the ASN's unit on their behalf (recorded as such), may fill and submit."""
    return _diri(user, evaluasi.pegawai_id) or mengelola_unit(user, evaluasi.pegawai.unit_kerja_id)


def can_rate(user, evaluasi: EvaluasiKinerja) -> bool:
    """Only the evaluation's PPK (the direct supervisor recorded on it) rates or returns it, never the ASN."""
    p = peran(user)
    return p.pegawai is not None and evaluasi.atasan_id == p.pegawai.pk and evaluasi.pegawai_id != p.pegawai.pk


def can_finalise(user, unit: UnitKerja) -> bool:
    """HR staff of the unit (or an administrator) finalise its evaluations and set its organisational rating."""
    return mengelola_unit(user, unit.pk)


def can_acknowledge(user, evaluasi: EvaluasiKinerja) -> bool:
    """Only the ASN acknowledges their own final result."""
    return _diri(user, evaluasi.pegawai_id)


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
