"""The notifications page, marking them read, and following one's link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import visible_or_404
from core.redirects import local_url

from . import selectors, services


@login_required
def notifikasi_daftar(request):
    return render(request, "kinerja/notifikasi.html", {"notifikasi": selectors.daftar_notifikasi(request.user)})


@login_required
@require_POST
def notifikasi_baca(request):
    """Mark all the user's notifications read."""
    jumlah = services.tandai_notifikasi_dibaca(request.user)
    messages.success(request, f"{jumlah} notifikasi ditandai sudah dibaca.")
    return redirect("notifikasi_daftar")


@login_required
@require_POST
def notifikasi_buka(request, pk):
    """Mark one notification read and follow its link (a path inside this site only)."""
    notifikasi = visible_or_404(selectors.notifikasi_milik(request.user), pk=pk)
    services.tandai_notifikasi_dibaca(request.user, [notifikasi.pk])
    return redirect(local_url(notifikasi.tautan, reverse("notifikasi_daftar")))
