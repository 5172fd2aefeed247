"""Roster import (upload → preview → confirm → progress) and export pages. Thin: services do the work."""

from django.contrib import messages
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.access import button, requires, visible_or_404
from core.spreadsheet import CONTENT_TYPES, download
from kinerja.penilaian.selectors_angka_kredit import xlsx_angka_kredit

from . import roster, selectors, services
from .forms import FormFilterPegawai
from .forms_impor import FormKonfirmasiImpor, FormUnggahRoster
from .models import ImporRoster
from .permissions import can_import_roster, can_view_roster

admin_impor = requires(can_import_roster, "Hanya administrator yang boleh mengimpor roster pegawai.")


@admin_impor
def impor_roster(request):
    form = FormUnggahRoster(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.buat_impor_roster(request.user, form.cleaned_data["berkas"])
        return redirect("impor_roster_detail", pk=job.pk)
    # The error lists stay unread (a rejected file may have thousands); whether there are any is enough.
    riwayat = (
        ImporRoster.objects.select_related("dibuat_oleh")
        .defer("ringkasan", "galat")
        .annotate(ditolak=ExpressionWrapper(Q(status=ImporRoster.Status.PRATINJAU) & ~Q(galat=[]), BooleanField()))[:10]
    )
    return render(request, "kinerja/impor_roster.html", {"form": form, "riwayat": riwayat})


@admin_impor
def impor_roster_detail(request, pk):
    job = visible_or_404(ImporRoster.objects.select_related("dibuat_oleh"), pk=pk)
    ringkasan = job.ringkasan or {}
    form = None
    if job.status == ImporRoster.Status.PRATINJAU and not job.galat:
        form = FormKonfirmasiImpor(
            jumlah_hilang=ringkasan.get("jumlah_hilang", 0), action=reverse("impor_roster_konfirmasi", args=[job.pk])
        )
    return render(
        request,
        "kinerja/impor_roster_detail.html",
        {"job": job, "r": ringkasan, "form": form, "progres": services.progres_impor_roster(job)},
    )


@require_POST
@admin_impor
def impor_roster_konfirmasi(request, pk):
    job = visible_or_404(ImporRoster.objects, pk=pk)
    form = FormKonfirmasiImpor(request.POST)
    form.is_valid()
    job = services.konfirmasi_impor_roster(
        job, request.user, nonaktifkan_yang_hilang=form.cleaned_data.get("nonaktifkan_yang_hilang", False)
    )
    if job.status == ImporRoster.Status.ANTRI:
        messages.info(request, "Impor berjalan di latar belakang. Halaman ini menampilkan kemajuannya.")
    elif job.status == ImporRoster.Status.SELESAI:
        messages.success(request, "Impor selesai.")
    elif job.status == ImporRoster.Status.GAGAL:
        messages.error(request, "Impor gagal; tidak ada data yang diubah. Lihat daftar galat.")
    return redirect("impor_roster_detail", pk=job.pk)


@require_POST
@admin_impor
def impor_roster_lembar(request, pk):
    job = visible_or_404(ImporRoster.objects, pk=pk)
    lembar = request.POST.get("lembar", "")
    button(
        request,
        f"Pratinjau kini membaca lembar '{lembar}'.",
        services.pilih_lembar_impor_roster,
        job,
        request.user,
        lembar,
    )
    return redirect("impor_roster_detail", pk=job.pk)


@require_GET
@admin_impor
def impor_roster_status(request, pk):
    return JsonResponse(services.progres_impor_roster(visible_or_404(ImporRoster.objects, pk=pk)))


@require_GET
@admin_impor
def templat_roster(request, format_berkas):
    if format_berkas == "xlsx":
        return download(roster.templat_xlsx_roster(), "templat-roster-pegawai.xlsx")
    if format_berkas == "csv":
        return download(roster.csv_roster([]), "templat-roster-pegawai.csv")
    raise Http404("Format tidak dikenal.")


@require_GET
@requires(can_view_roster, "Hanya administrator dan pengelola kinerja yang boleh mengekspor roster.")
def ekspor_roster(request, format_berkas):
    """The roster as the user may see it (administrators: all; HR staff: their units), in import columns.

    The ASN list's filters (query string) apply, so the export is what the list shows.
    """
    if format_berkas not in CONTENT_TYPES:
        raise Http404("Format tidak dikenal.")
    form = FormFilterPegawai(request.GET, pilihan_unit=selectors.pilihan_unit(request.user))
    qs = selectors.cari_pegawai(request.user, **form.filters())
    nama = f"roster-pegawai-{timezone.localdate():%Y%m%d}"
    if format_berkas == "xlsx":
        return download(roster.xlsx_roster(roster.baris_ekspor(qs)), f"{nama}.xlsx")
    return download(roster.csv_roster(roster.baris_ekspor(qs, tanggal_sebagai_teks=True)), f"{nama}.csv")


@require_GET
@requires(can_view_roster, "Hanya administrator dan pengelola kinerja yang boleh mengekspor angka kredit.")
def ekspor_angka_kredit(request):
    """The angka kredit of the jabatan fungsional the user may see (the ASN list's filters apply), for HR."""
    form = FormFilterPegawai(request.GET, pilihan_unit=selectors.pilihan_unit(request.user))
    qs = selectors.cari_pegawai(request.user, **form.filters())
    return download(xlsx_angka_kredit(qs), f"angka-kredit-{timezone.localdate():%Y%m%d}.xlsx")
