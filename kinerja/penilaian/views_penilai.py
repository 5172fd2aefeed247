"""The page on which HR name an ASN's appraisers (services_penilai)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from core.access import allowed_or_403, run_form, visible_or_404
from kinerja.pegawai import selectors as selectors_pegawai
from kinerja.pegawai.permissions import mengelola_unit

from . import services_penilai as svc
from .forms_penilai import FormPenilai


@login_required
def pegawai_penilai(request, pegawai_pk):
    """Name the pejabat penilai kinerja and the atasan pejabat penilai of an ASN: HR of the ASN's unit and
    administrators; posting it saves, and moves the open evaluations not rated yet."""
    pegawai = visible_or_404(selectors_pegawai.pegawai_untuk_detail(request.user), pk=pegawai_pk)
    allowed_or_403(
        mengelola_unit(request.user, pegawai.unit_kerja_id),
        "Hanya pengelola kinerja unit pegawai ini atau administrator yang dapat menetapkan pejabat penilai.",
    )
    form = FormPenilai(request.POST or None, pegawai=pegawai)
    if request.method == "POST" and run_form(
        request,
        form,
        lambda c: svc.tetapkan_penilai(
            request.user, pegawai.pk, c["pilihan_penilai"], c["pilihan_atasan_penilai"], c["keterangan"]
        ),
        f"Pejabat penilai {pegawai.nama_lengkap} disimpan.",
    ):
        return redirect("detail_pegawai", pegawai.pk)
    return render(request, "kinerja/penilaian/penilai.html", {"pegawai": pegawai, "form": form})
