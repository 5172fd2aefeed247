"""Pages of the performance periods, for HR staff and administrators: open, close, reopen and populate a period,
follow its evaluations, and judge and finalise a unit's curve; the performance settings.

Views parse the request, call one service or selector and render; access and refusals go through core.access."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe

from core.access import allowed_or_403, attempt, button, requires, run_form, to_form, visible_or_404
from core.cache import cached, fragment_key
from core.numbers import angka
from core.spreadsheet import download
from kinerja.pegawai import selectors as selectors_pegawai
from kinerja.pegawai.permissions import peran, unit_visible_to

from . import permissions as izin
from . import predikat as rumus_predikat
from . import selectors as sel
from . import selectors_hasil_kerja as sel_hasil
from . import services_periode as svc_periode
from .akses import hanya_admin, hanya_staf
from .ekspor import ekspor_evaluasi
from .forms import (
    FormAlasan,
    FormBuatEvaluasi,
    FormBukaPeriode,
    FormFilterEvaluasi,
    FormFinalisasi,
    FormKinerjaOrganisasi,
    FormPengaturan,
)
from .models import Periode
from .models_unit import PengaturanKinerja
from .tasks import buat_evaluasi_periode_task

EVALUASI_PER_HALAMAN = 50


def _periode(pk) -> Periode:
    return visible_or_404(Periode.objects, pk=pk)


@hanya_staf
def periode_daftar(request):
    periode = list(sel.daftar_periode())
    form = FormBukaPeriode(request.POST or None, periode=periode, hari_ini=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        # The new period's page comes next, so the result is needed: attempt() rather than run_form().
        baru, galat = attempt(svc_periode.buka_periode, request.user, **form.cleaned_data)
        if galat is None:
            messages.success(request, f"Periode {baru} dibuka.")
            return redirect("periode_detail", baru.pk)
        to_form(form, galat)
    return render(request, "kinerja/penilaian/periode_daftar.html", {"periode": periode, "form": form})


@require_POST
@hanya_staf
def periode_tutup(request, pk):
    periode = _periode(pk)
    allowed_or_403(izin.can_close_periode(request.user, periode.pk), izin.PESAN_TUTUP_PERIODE)
    button(
        request,
        f"Periode {periode} ditutup: evaluasinya kini hanya dapat dibaca.",
        svc_periode.tutup_periode,
        request.user,
        periode.pk,
    )
    return redirect("periode_detail", periode.pk)


@require_POST
@requires(izin.can_reopen_periode, "Hanya administrator yang dapat membuka kembali periode yang ditutup.")
def periode_buka_kembali(request, pk):
    periode = _periode(pk)
    button(
        request,
        f"Periode {periode} dibuka kembali; alasannya dicatat.",
        svc_periode.buka_kembali_periode,
        request.user,
        periode.pk,
        request.POST.get("alasan", ""),
    )
    return redirect("periode_detail", periode.pk)


@hanya_staf
def periode_detail(request, pk):
    """The evaluations of a period for HR: filters, progress per unit, the list, and the period's actions."""
    periode = _periode(pk)
    unit_kelola = request.GET.get("unit_kelola", "")
    if unit_kelola.isdigit():
        return redirect("periode_unit", periode.pk, int(unit_kelola))
    # Lazy: the units are read only when a filter names one or the page renders its pickers (not from the cache).
    pilihan_unit = SimpleLazyObject(lambda: selectors_pegawai.pilihan_unit(request.user))
    filter_form = FormFilterEvaluasi(request.GET, pilihan_unit=pilihan_unit)
    filters = filter_form.filters()
    evaluasi = sel.daftar_evaluasi(request.user, periode.pk, **filters)
    # Kept in the cache while the period's evaluations and the roster stay the same (core/cache.py).
    progres = cached(
        request,
        f"periode:{periode.pk}",
        lambda: sel.progres_per_unit(request.user, periode.pk),
        "roster",
        "evaluasi",
        roles=peran(request.user).kunci,
    )
    paginator = Paginator(evaluasi, EVALUASI_PER_HALAMAN)
    if not any(filters.values()):
        # Unfiltered, the list holds exactly the evaluations the progress table counts: their sum spares a second
        # COUNT over the same join.
        paginator.count = sum(u["total"] for u in progres)
    halaman = paginator.get_page(request.GET.get("halaman"))
    context = {
        "periode": periode,
        "filter_form": filter_form,
        "halaman": halaman,
        "nomor_halaman": halaman.paginator.get_elided_page_range(halaman.number, on_each_side=2, on_ends=1),
        "progres": progres,
        "form_buat": FormBuatEvaluasi(pilihan_unit=pilihan_unit),
        "form_buka_kembali": FormAlasan(label="Alasan membuka kembali"),
        "boleh_tutup": periode.dibuka and izin.can_close_periode(request.user, periode.pk),
        "pilihan_unit": pilihan_unit,
        "fragmen": fragment_key(request, "roster", "periode", "evaluasi", roles=peran(request.user).kunci),
        "fragmen_periode": fragment_key(
            request, "roster", "periode", "evaluasi", roles=peran(request.user).kunci, part=f"periode:{periode.pk}"
        ),
    }
    return render(request, "kinerja/penilaian/periode_detail.html", context)


@require_POST
@hanya_staf
def periode_buat_evaluasi(request, pk):
    """Create the period's evaluations for chosen units: inline for a few hundred ASN, in the background beyond."""
    periode = _periode(pk)
    form = FormBuatEvaluasi(request.POST, pilihan_unit=selectors_pegawai.pilihan_unit(request.user))
    if not form.is_valid():
        messages.error(request, "Pilih paling sedikit satu unit kerja yang Anda kelola.")
        return redirect("periode_detail", periode.pk)
    unit_ids = form.cleaned_data["unit"]
    jumlah = sel.jumlah_pegawai_aktif(unit_ids)
    if jumlah > settings.EVALUASI_LATAR_BELAKANG:
        if not periode.dibuka:
            messages.error(request, f"Periode {periode} sudah ditutup.")
            return redirect("periode_detail", periode.pk)
        user_id = request.user.pk
        transaction.on_commit(lambda: buat_evaluasi_periode_task.delay(user_id, periode.pk, unit_ids))
        messages.info(
            request,
            f"Evaluasi untuk {angka(jumlah)} pegawai sedang dibuat di latar belakang. Muat ulang halaman ini "
            "dalam beberapa saat untuk melihat hasilnya.",
        )
        return redirect("periode_detail", periode.pk)
    button(
        request,
        lambda hasil: (
            f"{angka(hasil.dibuat)} evaluasi dibuat; {angka(hasil.sudah_ada)} pegawai sudah memiliki "
            "evaluasi periode ini."
            + (
                f" {angka(hasil.diimpor)} pegawai di unit yang hasilnya diimpor dari e-Kinerja tidak dibuatkan."
                if hasil.diimpor
                else ""
            )
        ),
        svc_periode.buat_evaluasi_periode,
        request.user,
        periode.pk,
        unit_ids,
    )
    return redirect("periode_detail", periode.pk)


@hanya_staf
def periode_ekspor(request, pk):
    """The period's evaluations (with the list's filters) as an XLSX workbook."""
    periode = _periode(pk)
    filter_form = FormFilterEvaluasi(request.GET, pilihan_unit=selectors_pegawai.pilihan_unit(request.user))
    evaluasi = sel.daftar_evaluasi(request.user, periode.pk, **filter_form.filters())
    nama = f"evaluasi-{slugify(str(periode))}.xlsx"
    return download(ekspor_evaluasi(periode, evaluasi), nama)


# --- a unit in a period: organisational performance, the curve, finalising ------------------------------------


def _baris_kurva(jumlah: dict[str, int]) -> list[tuple[str, str, int, float]]:
    """(predikat, label, count, percent) for the curve table, in the regulation's order."""
    total = sum(jumlah.values())
    return [
        (p, rumus_predikat.LABEL_PREDIKAT[p], jumlah.get(p, 0), 100 * jumlah.get(p, 0) / total if total else 0.0)
        for p in rumus_predikat.PREDIKAT
    ]


def _unit(request, pk, unit_pk):
    return _periode(pk), visible_or_404(unit_visible_to(request.user), pk=unit_pk)


def _halaman_unit(request, periode, unit, *, form_organisasi=None, form_final=None, ringkasan=None):
    """The unit's page, with the form that was sent and refused (if any) bound to what the user typed."""
    kurva = sel.kurva_unit(periode.pk, unit.pk)
    ringkasan = ringkasan or sel.ringkasan_finalisasi(periode.pk, unit.pk)
    organisasi = kurva.kinerja_organisasi
    context = {
        "periode": periode,
        "unit": unit,
        "kurva": kurva,
        "baris_kurva": _baris_kurva(kurva.jumlah),
        "ringkasan": ringkasan,
        "kepala_unit": sel_hasil.rating_kepala_unit(periode.pk, unit, organisasi),
        "siap": ringkasan.siap,
        "form_organisasi": form_organisasi
        or FormKinerjaOrganisasi(initial={"capaian": organisasi.capaian if organisasi else None}),
        "form_final": form_final or FormFinalisasi(evaluasi=ringkasan.siap, belum=ringkasan.belum),
    }
    return render(request, "kinerja/penilaian/periode_unit.html", context)


@require_safe
@hanya_staf
def periode_unit(request, pk, unit_pk):
    """A unit in a period: its organisational performance, its evaluations per state, the distribution curve,
    finalising (with a reason for each ASN not rated), past exclusions and overrides."""
    periode, unit = _unit(request, pk, unit_pk)
    return _halaman_unit(request, periode, unit)


@require_POST
@hanya_staf
def periode_unit_organisasi(request, pk, unit_pk):
    """Set the unit's organisational performance for the period (it bounds the curve)."""
    periode, unit = _unit(request, pk, unit_pk)
    form = FormKinerjaOrganisasi(request.POST)
    if run_form(
        request,
        form,
        lambda c: svc_periode.tetapkan_kinerja_organisasi(request.user, periode.pk, unit.pk, c["capaian"]),
        lambda hasil: f"Capaian kinerja organisasi {unit.nama}: {hasil.get_capaian_display()}.",
    ):
        return redirect("periode_unit", periode.pk, unit.pk)
    return _halaman_unit(request, periode, unit, form_organisasi=form)


@require_POST
@hanya_staf
def periode_unit_finalkan(request, pk, unit_pk):
    """Finalise the unit's rated evaluations, with a reason for each one not rated and where the curve is not met."""
    periode, unit = _unit(request, pk, unit_pk)
    ringkasan = sel.ringkasan_finalisasi(periode.pk, unit.pk)
    form = FormFinalisasi(request.POST, evaluasi=ringkasan.siap, belum=ringkasan.belum)

    def finalkan(c):
        return svc_periode.finalkan_unit(
            request.user,
            periode.pk,
            unit.pk,
            alasan_pengecualian=c["alasan_pengecualian"],
            versi=form.versi(),
            pengecualian=form.pengecualian(),
        )

    def pesan(hasil):
        teks = f"{angka(hasil.difinalkan)} evaluasi {unit.nama} difinalkan."
        if hasil.dikecualikan:
            teks += (
                f" {angka(hasil.dikecualikan)} dikecualikan dengan alasan; kurva dinilai atas "
                f"{angka(hasil.jumlah_kurva)} dari {angka(hasil.jumlah_unit)} evaluasi unit."
            )
        if hasil.pengecualian:
            teks += " Pengecualian kurva distribusi dicatat."
        return teks

    if run_form(request, form, finalkan, pesan):
        return redirect("periode_unit", periode.pk, unit.pk)
    return _halaman_unit(request, periode, unit, form_final=form, ringkasan=ringkasan)


@hanya_admin
def pengaturan_kinerja(request):
    """The capaian cap, the efficiency formula and the curve's percentages: administrators only."""
    pengaturan = PengaturanKinerja.aktif()
    form = FormPengaturan(
        request.POST or None,
        kurva=pengaturan.syarat_kurva(),
        initial={
            "batas_capaian": pengaturan.batas_capaian,
            "rumus_efisiensi_tinggi": pengaturan.rumus_efisiensi_tinggi,
            "rumus_waktu_biaya": pengaturan.rumus_waktu_biaya,
        },
    )

    def simpan(c):
        return svc_periode.simpan_pengaturan(
            request.user,
            batas_capaian=c["batas_capaian"],
            rumus_efisiensi_tinggi=c["rumus_efisiensi_tinggi"],
            rumus_waktu_biaya=c["rumus_waktu_biaya"],
            kurva=form.kurva(),
        )

    if request.method == "POST" and run_form(request, form, simpan, "Pengaturan kinerja disimpan."):
        return redirect("pengaturan_kinerja")
    return render(request, "kinerja/penilaian/pengaturan.html", {"form": form, "pengaturan": pengaturan})
