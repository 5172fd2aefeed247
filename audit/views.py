from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .forms import FilterLogForm
from .permissions import can_view_audit
from .selectors import daftar_log

PER_HALAMAN = 50


@require_GET
@login_required
def daftar(request):
    """The audit log for administrators: filter by date, user, object type, action and object text."""
    if not can_view_audit(request.user):
        raise PermissionDenied("Log audit hanya dapat dilihat oleh administrator.")
    form = FilterLogForm(request.GET or None)
    halaman = Paginator(daftar_log(**form.filters()), PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(
        request,
        "audit/daftar.html",
        {
            "form": form,
            "halaman": halaman,
            "nomor_halaman": halaman.paginator.get_elided_page_range(halaman.number, on_each_side=2, on_ends=1),
        },
    )
