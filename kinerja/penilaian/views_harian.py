"""Pages of the daily progress log: the ASN's own (a short form on top, their recent entries below), changing or
deleting a recent entry, its evidence file, and an ASN's log as their supervisor or HR reads it.

Views parse the request, call one service or selector and render; access and refusals go through core.access."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from core.access import allowed_or_403, button, run_form, visible_or_404
from core.files import serve_file
from kinerja.pegawai.permissions import pegawai_visible_to, peran

from . import harian
from . import permissions as izin
from . import selectors as sel
from . import services_harian as svc_harian
from .forms_harian import FormProgres

PROGRES_PER_HALAMAN = 20


def _halaman_progres(request, qs) -> dict:
    halaman = Paginator(qs, PROGRES_PER_HALAMAN).get_page(request.GET.get("halaman"))
    nomor = halaman.paginator.get_elided_page_range(halaman.number, on_each_side=1, on_ends=1)
    return {"halaman": halaman, "nomor_halaman": nomor}


def _form_progres(request, pegawai_id, hari_ini, progres=None):
    kirim = request.method == "POST"
    initial = (
        {
            "tanggal": progres.tanggal,
            "rhk": progres.rhk_id,
            "uraian": progres.uraian,
            "bukti_tautan": progres.bukti_tautan,
        }
        if progres
        else {"tanggal": hari_ini}
    )
    return FormProgres(
        request.POST if kirim else None,
        request.FILES if kirim else None,
        initial=initial,
        pilihan_rhk=sel.pilihan_rhk_progres(pegawai_id, hari_ini),
        hari_ini=hari_ini,
    )


@login_required
def progres_harian(request):
    """The ASN's daily log: the form for today (or a recent day), and their entries, newest first."""
    p = peran(request.user)
    if p.pegawai is None:
        return render(request, "kinerja/tanpa_profil.html")
    hari_ini = timezone.localdate()
    form = _form_progres(request, p.pegawai.pk, hari_ini)
    if request.method == "POST" and run_form(
        request,
        form,
        lambda c: svc_harian.catat_progres(request.user, hari_ini=hari_ini, **form.argumen()),
        lambda hasil: f"Progres {harian.tanggal_pendek(hasil.tanggal)} tercatat.",
    ):
        return redirect("progres_harian")
    context = {
        "form": form,
        **_halaman_progres(request, sel.progres_pegawai(request.user, p.pegawai.pk)),
        "tanggal_terawal": harian.tanggal_terawal(hari_ini),
        "hari_ubah": harian.HARI_KERJA_UBAH,
        "milik_sendiri": True,
    }
    return render(request, "kinerja/penilaian/progres_harian.html", context)


def _progres_sendiri(request, pk):
    p = peran(request.user)
    return visible_or_404(sel.progres_pegawai(request.user, p.pegawai.pk if p.pegawai else None), pk=pk)


@login_required
def progres_ubah(request, pk):
    """Change an entry of the ASN's own log while its day is recent enough."""
    progres = _progres_sendiri(request, pk)
    hari_ini = timezone.localdate()
    form = _form_progres(request, progres.pegawai_id, hari_ini, progres)
    if request.method == "POST" and run_form(
        request,
        form,
        lambda c: svc_harian.catat_progres(request.user, hari_ini=hari_ini, progres_id=progres.pk, **form.argumen()),
        "Progres diperbarui.",
    ):
        return redirect("progres_harian")
    context = {
        "form": form,
        "progres": progres,
        "dapat_diubah": not harian.galat_tanggal(progres.tanggal, hari_ini),
        "hari_ubah": harian.HARI_KERJA_UBAH,
    }
    return render(request, "kinerja/penilaian/progres_ubah.html", context)


@require_POST
@login_required
def progres_hapus(request, pk):
    progres = _progres_sendiri(request, pk)
    button(request, "Progres dihapus.", svc_harian.hapus_progres, request.user, progres.pk)
    return redirect("progres_harian")


@require_safe
@login_required
def progres_berkas(request, pk):
    """An entry's evidence file, to those who may read the log."""
    progres = visible_or_404(izin.progres_visible_to(request.user).exclude(bukti_berkas=""), pk=pk)
    return serve_file(progres.bukti_berkas)


@require_safe
@login_required
def progres_pegawai(request, pegawai_pk):
    """An ASN's log as their supervisor, appraiser or HR reads it, with the recent working days they left empty."""
    pegawai = visible_or_404(pegawai_visible_to(request.user).select_related("unit_kerja"), pk=pegawai_pk)
    allowed_or_403(
        izin.can_read_progres(request.user, pegawai),
        "Progres harian hanya dapat dibaca pegawai itu, atasannya, pejabat penilainya dan pengelola kinerja unitnya.",
    )
    hari = harian.hari_kerja_sebelum(timezone.localdate(), harian.HARI_KERJA_PANTAU)
    context = {
        "pegawai": pegawai,
        **_halaman_progres(request, sel.progres_pegawai(request.user, pegawai.pk)),
        "hari_kosong": sel.hari_tanpa_progres([pegawai.pk], hari)[pegawai.pk],
        "hari_pantau": harian.HARI_KERJA_PANTAU,
    }
    return render(request, "kinerja/penilaian/progres_pegawai.html", context)


def konteks_progres_tim(halaman) -> dict:
    """The daily-log section of Tim Saya, rendered outside its cached fragment (it depends on the day): per ASN of
    the page shown, the last working days before today without a log."""
    hari = harian.hari_kerja_sebelum(timezone.localdate(), harian.HARI_KERJA_PANTAU)

    def baris():
        anggota = list(halaman)
        kosong = sel.hari_tanpa_progres([a.pk for a in anggota], hari)
        return [(a, kosong[a.pk]) for a in anggota]

    return {"progres_tim": baris, "hari_pantau": harian.HARI_KERJA_PANTAU, "hari_pantau_awal": hari[0]}
