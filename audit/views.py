from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.access import requires

from .forms import FormFilterLog
from .permissions import can_view_audit
from .selectors import daftar_log

PER_HALAMAN = 50


@require_GET
@requires(can_view_audit, "Log audit hanya dapat dilihat oleh administrator.")
def daftar(request):
    """The audit log for administrators: filter by date, user, object type, action and object text."""
    form = FormFilterLog(request.GET or None)
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
