"""The records a penilaian view works on, fetched the one way (core.access): 404 for what the user may not see,
403 for what they may see but not change."""

from core.access import allowed_or_403, found_or_404, requires, visible_or_404

from . import permissions as izin
from . import selectors as sel
from .models import EvaluasiKinerja, IndikatorKinerja, RencanaHasilKerja
from .models_skp import SKP

hanya_staf = requires(izin.can_manage_periode, "Halaman ini untuk pengelola kinerja dan administrator.")
hanya_admin = requires(izin.can_change_settings, "Halaman ini hanya untuk administrator.")


def akses_evaluasi(user, pk, *, boleh=None, lengkap=True) -> sel.DetailEvaluasi:
    """An evaluation the user may see with all its page shows; `boleh(user, evaluasi)` must hold to change it."""
    d = found_or_404(sel.detail_evaluasi, user, pk, lengkap=lengkap)
    if boleh is not None:
        allowed_or_403(boleh(user, d.evaluasi))
    return d


def akses_evaluasi_ringkas(user, pk, *, boleh=None) -> EvaluasiKinerja:
    """An evaluation the user may see with only its period, ASN and PPK (the realisation form's first read)."""
    ev = found_or_404(sel.evaluasi_ringkas, user, pk)
    if boleh is not None:
        allowed_or_403(boleh(user, ev))
    return ev


def akses_skp(user, pk, *, ubah=False) -> SKP:
    """An SKP the user may see; with ubah=True, one this user may also edit (the ASN, or HR of the unit)."""
    skp = found_or_404(sel.detail_skp, user, pk)
    if ubah:
        allowed_or_403(izin.can_edit_skp(user, skp))
    return skp


def akses_rhk(user, pk) -> RencanaHasilKerja:
    """An RHK of an SKP the user may see."""
    return visible_or_404(RencanaHasilKerja.objects.filter(skp__in=izin.skp_visible_to(user)), pk=pk)


def akses_indikator(user, pk) -> IndikatorKinerja:
    """An indicator of an SKP the user may see."""
    return visible_or_404(
        IndikatorKinerja.objects.filter(rhk__skp__in=izin.skp_visible_to(user)).select_related("rhk"), pk=pk
    )
