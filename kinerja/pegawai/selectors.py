"""Read queries for the roster pages, each scoped to what the user may see and shaped to avoid N+1."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from .models import Pegawai, UnitKerja, dinilai_oleh, jumlah_bawahan_aktif
from .permissions import pegawai_visible_to, peran, unit_visible_to


@dataclass
class SimpulUnit:
    """One unit in the tree, with its active headcount and the total of its whole subtree."""

    unit: UnitKerja
    kedalaman: int
    jumlah: int = 0
    jumlah_subtree: int = 0
    anak: list["SimpulUnit"] = field(default_factory=list)


def cari_pegawai(user, *, q="", unit_id=None, status="", golongan="", aktif=None):
    """ASN visible to the user, filtered like the list page.

    q matches the NIP (digits, spaces ignored) or the name, case-insensitively; unit_id includes the unit's
    subtree; aktif is True, False or None (both). Rows carry their unit (and its parent: many seksi share a name)
    and atasan, so a page costs one query.
    """
    qs = pegawai_visible_to(user).select_related("unit_kerja__induk", "atasan")
    q = q.strip()
    if q:
        tanpa_spasi = "".join(q.split())
        kondisi = Q(nama__icontains=q)
        if tanpa_spasi.isdigit():
            kondisi |= Q(nip__contains=tanpa_spasi)
        qs = qs.filter(kondisi)
    if unit_id is not None:
        qs = qs.filter(unit_kerja_id__in=UnitKerja.objects.subtree_ids([unit_id]))
    if status:
        qs = qs.filter(status_kepegawaian=status)
    if golongan:
        qs = qs.filter(golongan=golongan)
    if aktif is not None:
        qs = qs.filter(aktif=aktif)
    return qs.order_by("nama", "nip")


def _urutan_pohon(units):
    """Units in depth-first order (children sorted by code) with their depth, from one list of units.

    A unit whose parent is not in the list is a root: for HR staff, the top of each assigned subtree.
    """
    ids = {u.pk for u in units}
    children = {}
    for u in units:
        children.setdefault(u.induk_id if u.induk_id in ids else None, []).append(u)
    for group in children.values():
        group.sort(key=lambda u: u.kode)
    ordered, stack = [], [(u, 0) for u in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        ordered.append((unit, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(unit.pk, [])))
    return ordered


def pilihan_unit(user):
    """(id, label) pairs of the units the user may filter by, in tree order, from one query.

    The label is indented by depth and carries the code: many seksi and bidang share a name.
    """
    units = list(unit_visible_to(user).only("id", "kode", "nama", "induk_id"))
    return [(unit.pk, f"{'— ' * depth}{unit.nama} ({unit.kode})") for unit, depth in _urutan_pohon(units)]


def pohon_unit_terlihat(user):
    """Root nodes of the units visible to the user, each with active headcounts per unit and per subtree.

    Two queries whatever the size of the tree: the units (with their head) and one grouped count.
    """
    units = list(unit_visible_to(user).select_related("kepala"))
    counts = dict(
        pegawai_visible_to(user)
        .filter(aktif=True, unit_kerja__in=unit_visible_to(user))
        .values_list("unit_kerja_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    nodes, roots, in_order = {}, [], []
    for unit, depth in _urutan_pohon(units):
        node = SimpulUnit(unit=unit, kedalaman=depth, jumlah=counts.get(unit.pk, 0))
        nodes[unit.pk] = node
        (nodes[unit.induk_id].anak if depth else roots).append(node)
        in_order.append(node)
    # Children come after their parent in tree order, so summing in reverse adds each subtree once.
    for node in reversed(in_order):
        node.jumlah_subtree += node.jumlah
        if node.kedalaman:
            nodes[node.unit.induk_id].jumlah_subtree += node.jumlah_subtree
    return roots


def jalur_unit(unit):
    """The chain of units from the top of the tree down to the given unit, in two queries whatever its depth."""
    parents = dict(UnitKerja.objects.values_list("id", "induk_id"))
    chain, pk, seen = [], unit.pk, set()
    while pk is not None and pk not in seen:
        seen.add(pk)
        chain.append(pk)
        pk = parents.get(pk)
    by_id = UnitKerja.objects.in_bulk(chain)
    return [by_id[pk] for pk in reversed(chain)]


def pegawai_untuk_detail(user):
    """The queryset the detail page looks a person up in: only those the user may see."""
    # The appraisers and theirs (Pegawai.pejabat_penilai, atasan_pejabat_penilai) come in the same row.
    ppk = [f"{f}__{g}" for f in ("atasan", "penilai") for g in ("atasan", "penilai", "penilai_luar")]
    return pegawai_visible_to(user).select_related(
        "unit_kerja", "user", "penilai_luar", "atasan_penilai", "atasan_penilai_luar", *ppk
    )


def bawahan_dari(user, pegawai):
    """The direct subordinates of a person that the user may see, active first."""
    return (
        pegawai_visible_to(user).filter(atasan=pegawai).select_related("unit_kerja").order_by("-aktif", "nama", "nip")
    )


def tim_dari(user):
    """The active ASN the user appraises (their direct subordinates unless HR named another PPK for them, and those
    for whom HR named them), with their unit and how many subordinates each has."""
    p = peran(user)
    if p.pegawai is not None:
        tim = dinilai_oleh(p.pegawai.pk)
    elif p.pejabat_luar is not None:
        tim = Q(penilai_luar=p.pejabat_luar)
    else:
        tim = Q(pk__in=[])
    return (
        pegawai_visible_to(user)
        .filter(tim, aktif=True)
        .select_related("unit_kerja")
        .annotate(jumlah_bawahan=jumlah_bawahan_aktif())
        .order_by("nama", "nip")
    )


def ringkasan_roster(user):
    """Headcounts for the home page of HR staff and administrators, in one aggregate query."""
    return pegawai_visible_to(user).aggregate(
        jumlah_aktif=Count("id", filter=Q(aktif=True)),
        pns=Count("id", filter=Q(aktif=True, status_kepegawaian=Pegawai.StatusKepegawaian.PNS)),
        pppk=Count("id", filter=Q(aktif=True, status_kepegawaian=Pegawai.StatusKepegawaian.PPPK)),
        jumlah_tidak_aktif=Count("id", filter=Q(aktif=False)),
    )
