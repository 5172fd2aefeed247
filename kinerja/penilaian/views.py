"""Pages of periodic performance evaluation (issue 3): thin views over services_evaluasi and selectors_evaluasi.

A view parses the request, calls one service or selector, and renders. Refusals map so: NotPermitted is a
PermissionDenied (403); VersionConflict keeps the user's input and asks them to reload; any other Refusal becomes
a message or a form error; a ValidationError goes beside the field it names. Objects are looked up in the user's
visible_to() queryset, so another unit's or person's id is a 404 and nothing changes.
"""

import mimetypes
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from core.cache import cached, fragment_key
from core.errors import NotPermitted, Refusal, VersionConflict
from kinerja.models import (
    SKP,
    EvaluasiKinerja,
    IndikatorKinerja,
    PengaturanKinerja,
    PerilakuKerja,
    Periode,
    RencanaHasilKerja,
)
from kinerja.pegawai import selectors as selectors_pegawai
from kinerja.pegawai.permissions import peran, unit_visible_to
from layanan.selectors import angka_layanan_pegawai

from . import permissions as izin
from . import predikat as rumus_predikat
from . import selectors as sel
from . import services as svc
from .ekspor import ekspor_evaluasi
from .forms import (
    FormAlasan,
    FormBuatEvaluasi,
    FormBuatSKP,
    FormDialog,
    FormFilterEvaluasi,
    FormFinalisasi,
    FormIndikator,
    FormKinerjaOrganisasi,
    FormPengaturan,
    FormPengembalian,
    FormPenilaian,
    FormPeriode,
    FormRealisasi,
    FormRHK,
    FormVersi,
    tampilkan_galat,
)
from .tasks import buat_evaluasi_periode_task

EVALUASI_PER_HALAMAN = 50


# --- helpers -------------------------------------------------------------------------------------------------


def _coba(fungsi, *args, **kwargs):
    """Run a service: (result, None), or (None, refusal) for a refusal the page shows. NotPermitted propagates."""
    try:
        return fungsi(*args, **kwargs), None
    except NotPermitted:
        raise
    except (Refusal, ValidationError) as galat:
        return None, galat


def _ke_form(form, galat) -> None:
    """Show a refusal on the form: a version conflict as a reload prompt, field errors beside their fields."""
    if isinstance(galat, VersionConflict):
        form.konflik = galat.message
    elif isinstance(galat, ValidationError):
        tampilkan_galat(form, galat)
    else:
        form.add_error(None, galat.message)
        form.pelanggaran = getattr(galat, "pelanggaran", [])


def _ke_pesan(request, galat) -> None:
    pesan = galat.message if isinstance(galat, Refusal) else " ".join(galat.messages)
    messages.error(request, pesan)


def _tombol(request, sukses, fungsi, *args, **kwargs):
    """Run a service behind a button (no form to re-show): success or refusal becomes a message; returns the result."""
    hasil, galat = _coba(fungsi, *args, **kwargs)
    if galat is None:
        messages.success(request, sukses(hasil) if callable(sukses) else sukses)
    else:
        _ke_pesan(request, galat)
    return hasil


def _wajib_staf(user) -> None:
    if not izin.can_manage_periode(user):
        raise PermissionDenied


def _evaluasi_terlihat(user, pk) -> EvaluasiKinerja:
    return get_object_or_404(
        izin.evaluasi_visible_to(user).select_related("periode", "pegawai__unit_kerja", "atasan"), pk=pk
    )


def _detail_evaluasi(user, pk, *, lengkap=True) -> sel.DetailEvaluasi:
    try:
        return sel.detail_evaluasi(user, pk, lengkap=lengkap)
    except EvaluasiKinerja.DoesNotExist:
        raise Http404 from None


def _angka_layanan(ev):
    """The ASN's public-service figures in the evaluation's period: evidence beside the ratings (None if none)."""
    return angka_layanan_pegawai([ev.pegawai_id], ev.periode.mulai, ev.periode.selesai).get(ev.pegawai_id)


def _skp_terlihat(user, pk) -> SKP:
    try:
        return sel.detail_skp(user, pk)
    except SKP.DoesNotExist:
        raise Http404 from None


# --- periods (HR staff and administrators) -------------------------------------------------------------------


@login_required
def periode_daftar(request):
    _wajib_staf(request.user)
    form = FormPeriode(request.POST or None, initial={"tahun": timezone.localdate().year, "jenis": "TRIWULANAN"})
    if request.method == "POST" and form.is_valid():
        periode, galat = _coba(svc.buka_periode, request.user, **form.cleaned_data)
        if galat is None:
            messages.success(request, f"Periode {periode} dibuka.")
            return redirect("periode_detail", periode.pk)
        _ke_form(form, galat)
    return render(request, "kinerja/penilaian/periode_daftar.html", {"periode": sel.daftar_periode(), "form": form})


@login_required
@require_POST
def periode_tutup(request, pk):
    _wajib_staf(request.user)
    periode = get_object_or_404(Periode, pk=pk)
    _tombol(
        request,
        f"Periode {periode} ditutup: evaluasinya kini hanya dapat dibaca.",
        svc.tutup_periode,
        request.user,
        periode.pk,
    )
    return redirect("periode_detail", periode.pk)


@login_required
@require_POST
def periode_buka_kembali(request, pk):
    periode = get_object_or_404(Periode, pk=pk)
    if not izin.can_reopen_periode(request.user):
        raise PermissionDenied
    alasan = request.POST.get("alasan", "")
    _tombol(
        request,
        f"Periode {periode} dibuka kembali; alasannya dicatat.",
        svc.buka_kembali_periode,
        request.user,
        periode.pk,
        alasan,
    )
    return redirect("periode_detail", periode.pk)


@login_required
def periode_detail(request, pk):
    """The evaluations of a period for HR: filters, progress per unit, the list, and the period's actions."""
    _wajib_staf(request.user)
    periode = get_object_or_404(Periode, pk=pk)
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
        # COUNT over the same join (tens of milliseconds at province scale).
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
        "pilihan_unit": pilihan_unit,
        "fragmen": fragment_key(request, "roster", "periode", "evaluasi", roles=peran(request.user).kunci),
        "fragmen_periode": fragment_key(
            request, "roster", "periode", "evaluasi", roles=peran(request.user).kunci, part=f"periode:{periode.pk}"
        ),
    }
    return render(request, "kinerja/penilaian/periode_detail.html", context)


@login_required
@require_POST
def periode_buat_evaluasi(request, pk):
    """Create the period's evaluations for chosen units: inline for a few hundred ASN, in the background beyond."""
    _wajib_staf(request.user)
    periode = get_object_or_404(Periode, pk=pk)
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
            f"Evaluasi untuk {jumlah:,} pegawai sedang dibuat di latar belakang. Muat ulang halaman ini "
            "dalam beberapa saat untuk melihat hasilnya.".replace(",", "."),
        )
        return redirect("periode_detail", periode.pk)
    _tombol(
        request,
        lambda hasil: f"{hasil.dibuat} evaluasi dibuat; {hasil.sudah_ada} pegawai sudah memiliki evaluasi periode ini.",
        svc.buat_evaluasi_periode,
        request.user,
        periode.pk,
        unit_ids,
    )
    return redirect("periode_detail", periode.pk)


@login_required
def periode_ekspor(request, pk):
    """The period's evaluations (with the list's filters) as an XLSX workbook."""
    _wajib_staf(request.user)
    periode = get_object_or_404(Periode, pk=pk)
    filter_form = FormFilterEvaluasi(request.GET, pilihan_unit=selectors_pegawai.pilihan_unit(request.user))
    evaluasi = sel.daftar_evaluasi(request.user, periode.pk, **filter_form.filters())
    respons = HttpResponse(
        ekspor_evaluasi(periode, evaluasi),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    nama = f"evaluasi-{periode.tahun}-{periode.jenis.lower()}-{periode.nomor}.xlsx"
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


def _baris_kurva(jumlah: dict[str, int]) -> list[tuple[str, str, int, float]]:
    """(predikat, label, count, percent) for the curve table, in the regulation's order."""
    total = sum(jumlah.values())
    return [
        (p, rumus_predikat.LABEL_PREDIKAT[p], jumlah.get(p, 0), 100 * jumlah.get(p, 0) / total if total else 0.0)
        for p in rumus_predikat.PREDIKAT
    ]


@login_required
def periode_unit(request, pk, unit_pk):
    """A unit in a period: its organisational performance, the distribution curve, finalising, past overrides."""
    _wajib_staf(request.user)
    periode = get_object_or_404(Periode, pk=pk)
    unit = get_object_or_404(unit_visible_to(request.user), pk=unit_pk)
    siap = list(sel.evaluasi_siap_difinalkan(periode.pk, unit.pk))
    aksi = request.POST.get("aksi") if request.method == "POST" else None
    kurva = sel.kurva_unit(periode.pk, unit.pk)
    form_organisasi = FormKinerjaOrganisasi(
        request.POST if aksi == "organisasi" else None,
        initial={"capaian": kurva.kinerja_organisasi.capaian if kurva.kinerja_organisasi else None},
    )
    form_final = FormFinalisasi(request.POST if aksi == "finalkan" else None, evaluasi=siap)
    if aksi == "organisasi" and form_organisasi.is_valid():
        hasil, galat = _coba(
            svc.tetapkan_kinerja_organisasi,
            request.user,
            periode.pk,
            unit.pk,
            form_organisasi.cleaned_data["capaian"],
        )
        if galat is None:
            messages.success(request, f"Capaian kinerja organisasi {unit.nama}: {hasil.get_capaian_display()}.")
            return redirect("periode_unit", periode.pk, unit.pk)
        _ke_form(form_organisasi, galat)
    elif aksi == "finalkan" and form_final.is_valid():
        hasil, galat = _coba(
            svc.finalkan_unit,
            request.user,
            periode.pk,
            unit.pk,
            alasan_pengecualian=form_final.cleaned_data["alasan_pengecualian"],
            versi=form_final.versi(),
        )
        if galat is None:
            pesan = f"{hasil.difinalkan} evaluasi {unit.nama} difinalkan."
            if hasil.pengecualian:
                pesan += " Pengecualian kurva distribusi dicatat."
            messages.success(request, pesan)
            return redirect("periode_unit", periode.pk, unit.pk)
        _ke_form(form_final, galat)
    elif aksi not in (None, "organisasi", "finalkan"):
        raise Http404
    context = {
        "periode": periode,
        "unit": unit,
        "kurva": kurva,
        "baris_kurva": _baris_kurva(kurva.jumlah),
        "siap": siap,
        "form_organisasi": form_organisasi,
        "form_final": form_final,
    }
    return render(request, "kinerja/penilaian/periode_unit.html", context)


@login_required
def pengaturan_kinerja(request):
    """The capaian cap, the efficiency formula and the curve's percentages: administrators only."""
    if not peran(request.user).administrator:
        raise PermissionDenied
    pengaturan = PengaturanKinerja.aktif()
    form = FormPengaturan(
        request.POST or None,
        kurva=pengaturan.syarat_kurva(),
        initial={
            "batas_capaian": pengaturan.batas_capaian,
            "rumus_efisiensi_tinggi": pengaturan.rumus_efisiensi_tinggi,
        },
    )
    if request.method == "POST" and form.is_valid():
        _, galat = _coba(
            svc.simpan_pengaturan,
            request.user,
            batas_capaian=form.cleaned_data["batas_capaian"],
            rumus_efisiensi_tinggi=form.cleaned_data["rumus_efisiensi_tinggi"],
            kurva=form.kurva(),
        )
        if galat is None:
            messages.success(request, "Pengaturan kinerja disimpan.")
            return redirect("pengaturan_kinerja")
        _ke_form(form, galat)
    return render(request, "kinerja/penilaian/pengaturan.html", {"form": form, "pengaturan": pengaturan})


# --- one evaluation ------------------------------------------------------------------------------------------


@login_required
def evaluasi_detail(request, pk):
    """An evaluation as its ASN, PPK, HR of the unit or an administrator sees it; the acknowledgement and the
    dialog post here."""
    d = _detail_evaluasi(request.user, pk)
    ev = d.evaluasi
    pihak = izin.pihak_dialog(request.user, ev.pegawai, ev.atasan_id)
    aksi = request.POST.get("aksi") if request.method == "POST" else None
    form_dialog = FormDialog(request.POST if aksi == "dialog" else None)
    form_akui = FormVersi(request.POST if aksi == "akui" else None, initial={"versi": ev.versi})
    if aksi == "dialog" and form_dialog.is_valid():
        _, galat = _coba(svc.kirim_dialog, request.user, isi=form_dialog.cleaned_data["isi"], evaluasi_id=ev.pk)
        if galat is None:
            messages.success(request, "Catatan dikirim.")
            return redirect("evaluasi_detail", ev.pk)
        _ke_form(form_dialog, galat)
    elif aksi == "akui" and form_akui.is_valid():
        _, galat = _coba(svc.akui_evaluasi, request.user, ev.pk, form_akui.cleaned_data["versi"])
        if galat is None:
            messages.success(request, "Terima kasih: Anda telah menerima hasil evaluasi ini.")
            return redirect("evaluasi_detail", ev.pk)
        _ke_form(form_akui, galat)
    elif aksi not in (None, "dialog", "akui"):
        raise Http404
    context = {
        "d": d,
        "ev": ev,
        "aksi": svc.aksi_tersedia(request.user, ev),
        "pihak_dialog": pihak,
        "form_dialog": form_dialog,
        "form_akui": form_akui,
        "angka_layanan": _angka_layanan(ev),
    }
    return render(request, "kinerja/penilaian/detail.html", context)


@login_required
def evaluasi_isi(request, pk):
    """The realisation form: the ASN, or HR staff of the unit on their behalf (recorded as such); save or submit."""
    try:
        ev = sel.evaluasi_ringkas(request.user, pk)
    except EvaluasiKinerja.DoesNotExist:
        raise Http404 from None
    if not izin.can_fill(request.user, ev):
        raise PermissionDenied
    # The plan, the realisations and the form are read only when the page renders them: a GET whose fragment the
    # cache holds needs none of them.
    d = SimpleLazyObject(lambda: _detail_evaluasi(request.user, pk, lengkap=False))
    kirim = request.method == "POST"
    form = SimpleLazyObject(
        lambda: FormRealisasi(
            request.POST if kirim else None,
            request.FILES if kirim else None,
            baris_rhk=d.rhk,
            initial={"versi": ev.versi},
        )
    )
    if kirim and form.is_valid():
        hasil, galat = _coba(svc.isi_realisasi, request.user, ev.pk, form.cleaned_data["versi"], form.isian())
        if galat is None and request.POST.get("aksi") == "ajukan":
            hasil, galat = _coba(svc.ajukan_evaluasi, request.user, ev.pk, hasil.versi)
            if galat is not None:
                # The realisation is saved; the page reloads it so the next attempt carries the new version.
                _ke_pesan(request, galat)
                messages.info(request, "Realisasi tersimpan, tetapi evaluasi belum diajukan.")
                return redirect("evaluasi_isi", ev.pk)
            messages.success(request, f"Evaluasi diajukan kepada {ev.atasan.nama} untuk dinilai.")
            return redirect("evaluasi_detail", ev.pk)
        if galat is None:
            messages.success(request, "Realisasi tersimpan.")
            return redirect("evaluasi_isi", ev.pk)
        _ke_form(form, galat)
    context = {
        "d": d,
        "ev": ev,
        "form": form,
        "dapat_diisi": "isi" in svc.aksi_tersedia(request.user, ev),
        "atas_nama": peran(request.user).pegawai != ev.pegawai,
        # A form sent back with its errors is the sender's alone: never stored, never read from the cache.
        "fragmen": fragment_key(request, "roster", "periode", "skp", "evaluasi", roles=peran(request.user).kunci)
        if not kirim
        else uuid.uuid4().hex,
        "fragmen_detik": 0 if kirim else settings.FRAGMEN_CACHE_DETIK,
    }
    return render(request, "kinerja/penilaian/isi.html", context)


@login_required
def evaluasi_nilai(request, pk):
    """The PPK's review: quantitative evidence beside the qualitative inputs; rate, or return with a reason."""
    d = _detail_evaluasi(request.user, pk)
    ev = d.evaluasi
    if not izin.can_rate(request.user, ev):
        raise PermissionDenied
    aksi = request.POST.get("aksi") if request.method == "POST" else None
    menilai_ulang = ev.status == EvaluasiKinerja.Status.DINILAI
    form = FormPenilaian(
        request.POST if aksi == "nilai" else None,
        baris_rhk=d.rhk,
        menilai_ulang=menilai_ulang,
        initial={
            "versi": ev.versi,
            "rating_hasil_kerja": ev.rating_hasil_kerja,
            "rating_perilaku_kerja": ev.rating_perilaku_kerja,
            "catatan": ev.catatan,
            "rekomendasi_pengembangan": ev.rekomendasi_pengembangan,
            **{f"perilaku_{n.value}": teks for n, (_, teks) in zip(PerilakuKerja.Nilai, d.perilaku, strict=True)},
        },
    )
    form_kembali = FormPengembalian(request.POST if aksi == "kembalikan" else None, initial={"versi": ev.versi})
    if aksi == "nilai" and form.is_valid():
        hasil, galat = _coba(svc.nilai_evaluasi, request.user, ev.pk, form.cleaned_data["versi"], **form.argumen())
        if galat is None:
            messages.success(request, f"Evaluasi dinilai. Predikat kinerja: {hasil.get_predikat_display()}.")
            return redirect("evaluasi_detail", ev.pk)
        _ke_form(form, galat)
    elif aksi == "kembalikan" and form_kembali.is_valid():
        data = form_kembali.cleaned_data
        _, galat = _coba(svc.kembalikan_evaluasi, request.user, ev.pk, data["versi"], data["alasan"])
        if galat is None:
            messages.success(request, f"Evaluasi dikembalikan kepada {ev.pegawai.nama}.")
            return redirect("evaluasi_detail", ev.pk)
        _ke_form(form_kembali, galat)
    elif aksi not in (None, "nilai", "kembalikan"):
        raise Http404
    context = {
        "d": d,
        "ev": ev,
        "form": form,
        "form_kembali": form_kembali,
        "dapat_dinilai": "nilai" in svc.aksi_tersedia(request.user, ev),
        "angka_layanan": _angka_layanan(ev),
    }
    return render(request, "kinerja/penilaian/nilai.html", context)


@login_required
def evaluasi_dokumen(request, pk):
    """The Dokumen Evaluasi Kinerja Pegawai (PermenPANRB 6/2022), print-ready on A4."""
    d = _detail_evaluasi(request.user, pk)
    ev = d.evaluasi
    context = {
        "d": d,
        "ev": ev,
        "organisasi": sel.kinerja_organisasi_untuk(ev.periode_id, ev.pegawai.unit_kerja_id),
        "ppk": ev.atasan,
        "atasan_ppk": ev.atasan.atasan if ev.atasan else None,
    }
    return render(request, "kinerja/penilaian/dokumen.html", context)


# Evidence a browser may show inline; anything else (Office files) is downloaded.
_TAMPIL_LANGSUNG = {".pdf", ".png", ".jpg", ".jpeg"}


@login_required
def bukti_berkas(request, pk):
    """An evidence file, served only to those who may see its evaluation (media files are never public)."""
    realisasi = get_object_or_404(sel.realisasi_visible_to(request.user).exclude(bukti_berkas=""), pk=pk)
    nama = PurePosixPath(realisasi.bukti_berkas.name).name
    jenis = mimetypes.guess_type(nama)[0] or "application/octet-stream"
    try:
        berkas = realisasi.bukti_berkas.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        berkas,
        content_type=jenis,
        as_attachment=PurePosixPath(nama).suffix.lower() not in _TAMPIL_LANGSUNG,
        filename=nama,
    )


# --- the supervisor's team ------------------------------------------------------------------------------------


def konteks_tim_evaluasi(request, bawahan) -> dict:
    """The evaluation section of "Tim Saya": the chosen (or current) period, the evaluation and next step of each
    of the given direct subordinates (the page shown), and the SKP waiting for the supervisor's approval."""
    semua_periode = list(sel.daftar_periode())
    dipilih = request.GET.get("periode", "")
    periode = next((p for p in semua_periode if str(p.pk) == dipilih), None) or sel.periode_terkini(semua_periode)
    # Lazy: read only when "Tim Saya" renders its tables, not when the cache already holds them.
    return {
        "semua_periode": semua_periode,
        "periode": periode,
        "halaman_anggota": SimpleLazyObject(lambda: sel.tim_saya(request.user, periode.pk, bawahan) if periode else []),
        "skp_menunggu": sel.skp_menunggu_persetujuan(request.user),
    }


# --- the ASN's own page and the SKP ----------------------------------------------------------------------------


@login_required
def kinerja_saya(request):
    """The ASN's own SKP and evaluations; starting this year's SKP (empty or copied from last year) posts here."""
    p = peran(request.user)
    if p.pegawai is None:
        return render(request, "kinerja/tanpa_profil.html")
    tahun_ini = timezone.localdate().year
    form = FormBuatSKP(request.POST or None, initial={"tahun": tahun_ini})
    if request.method == "POST" and form.is_valid():
        skp = _buat_skp(request, p.pegawai.pk, form)
        if skp is not None:
            return redirect("skp_detail", skp.pk)
    context = {"skp": sel.skp_saya(request.user), "evaluasi": sel.evaluasi_saya(request.user), "form": form}
    return render(request, "kinerja/skp/kinerja_saya.html", context)


def _buat_skp(request, pegawai_id, form):
    """Start an SKP as the valid FormBuatSKP says (empty, or copied from last year): the new SKP, or None with the
    refusal shown on the form."""
    tahun = form.cleaned_data["tahun"]
    fungsi = svc.salin_skp_tahun_lalu if form.cleaned_data["salin"] else svc.buat_skp
    skp, galat = _coba(fungsi, request.user, pegawai_id, tahun)
    if galat is None:
        messages.success(request, f"SKP {tahun} dibuat sebagai draf.")
        return skp
    _ke_form(form, galat)
    return None


@require_POST
@login_required
def skp_buat_untuk(request, pegawai_pk):
    """HR staff start an ASN's SKP from the ASN's page (the ASN themself uses Kinerja Saya)."""
    pegawai = get_object_or_404(selectors_pegawai.pegawai_untuk_detail(request.user), pk=pegawai_pk)
    if not izin.can_plan_for(request.user, pegawai):
        raise PermissionDenied
    form = FormBuatSKP(request.POST)
    skp = _buat_skp(request, pegawai.pk, form) if form.is_valid() else None
    if skp is not None:
        return redirect("skp_detail", skp.pk)
    for galat in form.errors.values():
        messages.error(request, " ".join(galat))
    return redirect("detail_pegawai", pegawai.pk)


@login_required
def skp_detail(request, pk):
    """An SKP with its RHK and indicators; submitting, approving, returning and the dialog post here."""
    skp = _skp_terlihat(request.user, pk)
    aksi = request.POST.get("aksi") if request.method == "POST" else None
    form_dialog = FormDialog(request.POST if aksi == "dialog" else None)
    form_kembali = FormAlasan(request.POST if aksi == "kembalikan" else None, label="Alasan pengembalian")
    if aksi == "dialog" and form_dialog.is_valid():
        _, galat = _coba(svc.kirim_dialog, request.user, isi=form_dialog.cleaned_data["isi"], skp_id=skp.pk)
        if galat is None:
            messages.success(request, "Catatan dikirim.")
            return redirect("skp_detail", skp.pk)
        _ke_form(form_dialog, galat)
    elif aksi == "kembalikan" and form_kembali.is_valid():
        _, galat = _coba(svc.kembalikan_skp, request.user, skp.pk, form_kembali.cleaned_data["alasan"])
        if galat is None:
            messages.success(request, f"SKP {skp.tahun} dikembalikan kepada {skp.pegawai.nama}.")
            return redirect("skp_detail", skp.pk)
        _ke_form(form_kembali, galat)
    elif aksi in ("ajukan", "setujui"):
        fungsi, pesan = {
            "ajukan": (svc.ajukan_skp, "SKP diajukan kepada atasan langsung."),
            "setujui": (svc.setujui_skp, "SKP disetujui."),
        }[aksi]
        _tombol(request, pesan, fungsi, request.user, skp.pk)
        return redirect("skp_detail", skp.pk)
    elif aksi not in (None, "dialog", "kembalikan"):
        raise Http404
    context = {
        "skp": skp,
        "dapat_diubah": skp.dapat_diubah and izin.can_edit_skp(request.user, skp),
        "dapat_ditinjau": skp.status == SKP.Status.DIAJUKAN and izin.can_review_skp(request.user, skp),
        "pihak_dialog": izin.pihak_dialog(request.user, skp.pegawai, skp.pegawai.atasan_id),
        "form_dialog": form_dialog,
        "form_kembali": form_kembali,
    }
    return render(request, "kinerja/skp/detail.html", context)


def _skp_untuk_diubah(request, skp_pk) -> SKP:
    """The SKP behind an RHK or indicator form: visible (else 404) and editable by this user (else 403)."""
    skp = _skp_terlihat(request.user, skp_pk)
    if not izin.can_edit_skp(request.user, skp):
        raise PermissionDenied
    return skp


def _skp_terkunci(request, skp) -> bool:
    """An SKP past draft or returned cannot be edited: say so (the services refuse it anyway)."""
    if skp.dapat_diubah:
        return False
    messages.error(request, f"SKP berstatus {skp.get_status_display()} tidak dapat diubah.")
    return True


@login_required
def skp_rhk(request, skp_pk, pk=None):
    """Add an RHK to an SKP, or edit one; the supervisor's RHK comes from their SKP of the same year."""
    skp = _skp_untuk_diubah(request, skp_pk)
    if _skp_terkunci(request, skp):
        return redirect("skp_detail", skp.pk)
    rhk = get_object_or_404(RencanaHasilKerja, pk=pk, skp=skp) if pk else None
    initial = {"uraian": rhk.uraian, "jenis": rhk.jenis, "rhk_atasan": rhk.rhk_atasan_id} if rhk else {}
    form = FormRHK(request.POST or None, initial=initial, pilihan_rhk_atasan=sel.pilihan_rhk_atasan(skp))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _, galat = _coba(
            svc.simpan_rhk,
            request.user,
            skp.pk,
            uraian=data["uraian"],
            jenis=data["jenis"],
            rhk_atasan_id=data["rhk_atasan"],
            rhk_id=rhk.pk if rhk else None,
        )
        if galat is None:
            messages.success(request, "Rencana hasil kerja disimpan.")
            return redirect("skp_detail", skp.pk)
        _ke_form(form, galat)
    judul = "Ubah rencana hasil kerja" if rhk else "Tambah rencana hasil kerja"
    return render(request, "kinerja/skp/form.html", {"skp": skp, "rhk": rhk, "form": form, "judul": judul})


@login_required
@require_POST
def skp_rhk_hapus(request, pk):
    rhk = get_object_or_404(RencanaHasilKerja.objects.filter(skp__in=izin.skp_visible_to(request.user)), pk=pk)
    _tombol(request, "Rencana hasil kerja dihapus.", svc.hapus_rhk, request.user, rhk.pk)
    return redirect("skp_detail", rhk.skp_id)


@login_required
def skp_indikator(request, rhk_pk, pk=None):
    """Add an indicator (aspect, target, unit) to an RHK, or edit one."""
    rhk = get_object_or_404(RencanaHasilKerja.objects.filter(skp__in=izin.skp_visible_to(request.user)), pk=rhk_pk)
    skp = _skp_untuk_diubah(request, rhk.skp_id)
    if _skp_terkunci(request, skp):
        return redirect("skp_detail", skp.pk)
    indikator = get_object_or_404(IndikatorKinerja, pk=pk, rhk=rhk) if pk else None
    initial = (
        {k: getattr(indikator, k) for k in ("uraian", "aspek", "target", "satuan")}
        if indikator
        else {"aspek": "KUANTITAS"}
    )
    form = FormIndikator(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        _, galat = _coba(
            svc.simpan_indikator,
            request.user,
            rhk.pk,
            indikator_id=indikator.pk if indikator else None,
            **form.cleaned_data,
        )
        if galat is None:
            messages.success(request, "Indikator kinerja disimpan.")
            return redirect("skp_detail", skp.pk)
        _ke_form(form, galat)
    context = {
        "skp": skp,
        "rhk": rhk,
        "form": form,
        "indikator_form": True,
        "judul": "Ubah indikator kinerja" if indikator else "Tambah indikator kinerja",
    }
    return render(request, "kinerja/skp/form.html", context)


@login_required
@require_POST
def skp_indikator_hapus(request, pk):
    indikator = get_object_or_404(
        IndikatorKinerja.objects.filter(rhk__skp__in=izin.skp_visible_to(request.user)).select_related("rhk"), pk=pk
    )
    _tombol(request, "Indikator kinerja dihapus.", svc.hapus_indikator, request.user, indikator.pk)
    return redirect("skp_detail", indikator.rhk.skp_id)
