"""Who may see or act on public-service requests. Views check these; lists go through permohonan_visible_to().

- Petugas Layanan serve the services of the unit they work in and of the units above it: an officer in a
  seksi of Dukcapil serves the services Dukcapil offers.
- Unit heads see the requests of the services their units (and those below) offer; supervisors also see
  the requests their direct subordinates handled; HR staff see those of the units they manage.
- The documents a citizen uploads (KK, KTP scans) are narrower: the unit's officers, who handle the request, and
  the HR staff of that unit (and administrators); not heads or supervisors, who follow the figures.
- Citizens have no account: they reach their own request with its ticket number and NIK (selectors), and its
  receipt right after sending it or after tracking it (views).
"""

from django.db.models import Q

from kinerja.models import UnitKerja
from kinerja.pegawai.permissions import peran, unit_ids_dikelola

from .models import BerkasPersyaratan, JenisLayanan, Permohonan


def unit_ids_dipimpin(user) -> set[int]:
    """Units the user heads (UnitKerja.kepala) and everything below them."""
    cached = getattr(user, "_unit_dipimpin_cache", None)
    if cached is None:
        p = peran(user)
        roots = list(UnitKerja.objects.filter(kepala=p.pegawai).values_list("id", flat=True)) if p.pegawai else []
        cached = UnitKerja.objects.subtree_ids(roots) if roots else set()
        user._unit_dipimpin_cache = cached
    return cached


def unit_ids_loket(user) -> set[int]:
    """Units whose services a Petugas Layanan serves: their own unit and its ancestors (empty for others)."""
    cached = getattr(user, "_unit_loket_cache", None)
    if cached is None:
        p = peran(user)
        cached = set()
        if p.petugas_layanan and p.pegawai is not None:
            induk = dict(UnitKerja.objects.values_list("id", "induk_id"))
            pk = p.pegawai.unit_kerja_id
            while pk is not None and pk not in cached:
                cached.add(pk)
                pk = induk.get(pk)
        user._unit_loket_cache = cached
    return cached


def can_use_counter(user) -> bool:
    """The counter form and queue are for Petugas Layanan who are on the roster (the officer is recorded)."""
    return bool(unit_ids_loket(user))


def jenis_layanan_loket(user):
    """Active services the officer may record and process."""
    return JenisLayanan.objects.filter(aktif=True, unit_kerja_id__in=unit_ids_loket(user))


def can_serve(user, permohonan: Permohonan) -> bool:
    """Only an officer of the unit offering the service moves a request; supervisors and HR only look."""
    return permohonan.jenis_layanan.unit_kerja_id in unit_ids_loket(user)


def unit_ids_cakupan(user) -> set[int] | None:
    """Units whose services' requests the user sees in full: None means every unit (administrator)."""
    p = peran(user)
    if p.administrator:
        return None
    return (unit_ids_dikelola(user) if p.pengelola else set()) | unit_ids_dipimpin(user) | unit_ids_loket(user)


def permohonan_visible_to(user):
    """Requests a user may see: all (administrator), their units' services (HR, heads, officers),
    those they or their direct subordinates handled."""
    p = peran(user)
    unit_ids = unit_ids_cakupan(user)
    if unit_ids is None:
        return Permohonan.objects.all()
    q = Q(jenis_layanan__unit_kerja_id__in=unit_ids) if unit_ids else Q(pk__in=[])
    if p.pegawai:
        q |= Q(petugas_id=p.pegawai.pk) | Q(petugas__atasan_id=p.pegawai.pk)
    return Permohonan.objects.filter(q)


def can_view_requests(user) -> bool:
    """The request list: administrators, HR, officers, unit heads and supervisors (each sees their scope)."""
    p = peran(user)
    return p.staf or p.atasan or can_use_counter(user) or bool(unit_ids_dipimpin(user))


def can_view_rekap(user) -> bool:
    """Figures per service, unit and officer: administrators, HR, unit heads and supervisors."""
    p = peran(user)
    return p.staf or p.atasan or bool(unit_ids_dipimpin(user))


def unit_ids_berkas(user) -> set[int] | None:
    """Units whose requests' uploaded documents the user may open: None means every unit (administrator)."""
    p = peran(user)
    if p.administrator:
        return None
    return (unit_ids_dikelola(user) if p.pengelola else set()) | unit_ids_loket(user)


def berkas_visible_to(user):
    """Uploaded requirement documents the user may open: officers of the unit offering the service and its HR."""
    unit_ids = unit_ids_berkas(user)
    if unit_ids is None:
        return BerkasPersyaratan.objects.all()
    return BerkasPersyaratan.objects.filter(permohonan__jenis_layanan__unit_kerja_id__in=unit_ids)


def can_view_berkas(user, permohonan: Permohonan) -> bool:
    unit_ids = unit_ids_berkas(user)
    return unit_ids is None or permohonan.jenis_layanan.unit_kerja_id in unit_ids
