"""Pages of e-Kinerja results in: the upload (preview, column mapping, confirm, progress) and the units' source of
evaluations. Thin: services_ekinerja does the work and checks role and state."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST, require_safe

from core.access import attempt, button, requires, to_form, visible_or_404
from core.errors import NotPermitted
from core.spreadsheet import download
from kinerja.pegawai.permissions import mengelola_unit, peran

from . import impor_ekinerja as berkas_ekinerja
from . import selectors_ekinerja as sel
from . import services_ekinerja as svc
from .forms_ekinerja import FormPemetaanKolom, FormSumberEvaluasi, FormUnggahEkinerja
from .models_ekinerja import ImporEkinerja

staf_impor = requires(svc.can_import_ekinerja, svc.PESAN_PERAN)
staf = requires(lambda u: peran(u).staf, "Halaman ini untuk pengelola kinerja dan administrator.")


@staf_impor
def impor_ekinerja(request):
    form = FormUnggahEkinerja(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = svc.buat_impor_ekinerja(request.user, form.cleaned_data["berkas"])
        return redirect("impor_ekinerja_detail", pk=job.pk)
    return render(
        request, "kinerja/penilaian/impor_ekinerja.html", {"form": form, "riwayat": sel.riwayat_impor(request.user)}
    )


def _detail(request, job, form_pemetaan=None):
    r = job.ringkasan or {}
    milik = job.dibuat_oleh_id == request.user.pk
    pratinjau = job.status == ImporEkinerja.Status.PRATINJAU and milik
    if pratinjau and form_pemetaan is None and r.get("judul_berkas"):
        form_pemetaan = FormPemetaanKolom(
            judul_berkas=r["judul_berkas"],
            terbaca=r.get("kolom"),
            action=reverse("impor_ekinerja_kolom", args=[job.pk]),
        )
    judul = berkas_ekinerja.JUDUL
    context = {
        "job": job,
        "r": r,
        "kolom_terbaca": [(judul[k], r.get("kolom", {}).get(k, "")) for k, _ in berkas_ekinerja.KOLOM],
        "kolom_belum": [judul[k] for k in r.get("kolom_belum", [])],
        "form_pemetaan": form_pemetaan if pratinjau else None,
        "boleh_konfirmasi": pratinjau and not job.galat and bool(r),
        "progres": svc.progres_impor_ekinerja(job),
    }
    return render(request, "kinerja/penilaian/impor_ekinerja_detail.html", context)


@require_safe
@staf_impor
def impor_ekinerja_detail(request, pk):
    return _detail(request, visible_or_404(sel.impor_terlihat(request.user), pk=pk))


def _milik_sendiri(request, pk) -> ImporEkinerja:
    """An upload the user may see and act on: only its uploader maps, re-reads or confirms it (an administrator
    may look at anyone's)."""
    job = visible_or_404(sel.impor_terlihat(request.user), pk=pk)
    if job.dibuat_oleh_id != request.user.pk:
        raise NotPermitted("Hanya pengunggah berkas yang dapat memetakan kolom, mengganti lembar, atau mengonfirmasi.")
    return job


@require_POST
@staf_impor
def impor_ekinerja_kolom(request, pk):
    job = _milik_sendiri(request, pk)
    r = job.ringkasan or {}
    form = FormPemetaanKolom(
        request.POST,
        judul_berkas=r.get("judul_berkas", []),
        action=reverse("impor_ekinerja_kolom", args=[job.pk]),
    )
    if form.is_valid():
        _, refusal = attempt(svc.petakan_kolom_ekinerja, request.user, job.pk, form.cleaned_data)
        if refusal is None:
            messages.success(request, "Berkas dibaca ulang dengan pemetaan kolom Anda.")
            return redirect("impor_ekinerja_detail", pk=job.pk)
        to_form(form, refusal)
    return _detail(request, job, form_pemetaan=form)


@require_POST
@staf_impor
def impor_ekinerja_lembar(request, pk):
    job = _milik_sendiri(request, pk)
    lembar = request.POST.get("lembar", "")
    button(
        request,
        f"Pratinjau kini membaca lembar '{lembar}'.",
        svc.pilih_lembar_impor_ekinerja,
        request.user,
        job.pk,
        lembar,
    )
    return redirect("impor_ekinerja_detail", pk=job.pk)


@require_POST
@staf_impor
def impor_ekinerja_konfirmasi(request, pk):
    job = svc.konfirmasi_impor_ekinerja(request.user, _milik_sendiri(request, pk).pk)
    if job.status == ImporEkinerja.Status.ANTRI:
        messages.info(request, "Impor berjalan di latar belakang. Halaman ini menampilkan kemajuannya.")
    elif job.status == ImporEkinerja.Status.SELESAI:
        messages.success(request, "Impor hasil e-Kinerja selesai.")
    elif job.status == ImporEkinerja.Status.GAGAL:
        messages.error(request, "Impor gagal; tidak ada data yang diubah. Lihat daftar galat.")
    return redirect("impor_ekinerja_detail", pk=job.pk)


@require_GET
@staf_impor
def impor_ekinerja_status(request, pk):
    return JsonResponse(svc.progres_impor_ekinerja(visible_or_404(sel.impor_terlihat(request.user), pk=pk)))


@require_GET
@staf_impor
def templat_ekinerja(request, format_berkas):
    if format_berkas not in ("xlsx", "csv"):
        raise Http404("Format tidak dikenal.")
    return download(berkas_ekinerja.templat(format_berkas), f"templat-hasil-ekinerja.{format_berkas}")


@require_safe
@staf
def sumber_evaluasi(request):
    """Each unit the user manages: evaluated here or imported from e-Kinerja, its own choice or its parent's."""
    return render(
        request,
        "kinerja/penilaian/sumber_evaluasi.html",
        {
            "baris": sel.unit_dengan_sumber(request.user),
            "pilihan": FormSumberEvaluasi.base_fields["sumber_evaluasi"].choices,
        },
    )


@require_POST
@staf
def sumber_evaluasi_ubah(request, unit_pk):
    if not mengelola_unit(request.user, unit_pk):
        raise NotPermitted("Anda hanya dapat mengatur sumber evaluasi unit kerja yang Anda kelola.")
    form = FormSumberEvaluasi(request.POST)
    if not form.is_valid():
        messages.error(request, "Pilih salah satu sumber evaluasi yang tersedia.")
        return redirect("sumber_evaluasi")
    button(
        request,
        lambda unit: f"Sumber evaluasi {unit.nama}: {unit.get_sumber_evaluasi_display()}.",
        svc.simpan_sumber_evaluasi,
        request.user,
        unit_pk,
        form.cleaned_data["sumber_evaluasi"],
    )
    return redirect(f"{reverse('sumber_evaluasi')}#unit-{unit_pk}")
