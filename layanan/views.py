"""Pages of the service desk (officers, heads, HR) and of citizens (apply, track, survey, published IKM)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.access import allowed_or_403, attempt, button, requires, run_form, to_form, visible_or_404
from core.cache_headers import keep_private
from core.ratelimit import over_limit

from . import selectors, services
from .forms import (
    FormFilterPermohonan,
    FormLacak,
    FormLoket,
    FormPermohonanDaring,
    FormRentangLaporan,
    FormSurvei,
    FormUbahStatus,
)
from .models import JenisLayanan
from .permissions import (
    can_serve,
    can_use_counter,
    can_view_rekap,
    can_view_requests,
    jenis_layanan_loket,
)

PER_HALAMAN = 50
LABEL_REKAP = {"layanan": "layanan", "unit": "unit", "petugas": "petugas"}


def _halaman(request, qs):
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return {
        "halaman": halaman,
        "nomor_halaman": halaman.paginator.get_elided_page_range(halaman.number, on_each_side=2, on_ends=1),
    }


def _terlalu_sering(request, nama: str, batas: int, detik: int) -> bool:
    """Count a request against a per-address budget kept in the cache; True once the budget is spent.

    REMOTE_ADDR only: a client-supplied X-Forwarded-For would let anyone pick a fresh address per try. Behind
    our own proxies, core.proxy.ClientAddressMiddleware has already put the client's address there.
    """
    return over_limit(f"layanan:batas:{nama}:{request.META.get('REMOTE_ADDR', '')}", batas, detik)


def _terlalu_sering_halaman(request):
    return render(request, "layanan/terlalu_sering.html", status=429)


# --- citizens (no account) -----------------------------------------------------------------------------------


def ajukan(request):
    form = FormPermohonanDaring(request.POST or None)
    if request.method == "POST":
        if _terlalu_sering(request, "ajukan", settings.LAYANAN_BATAS_PERMOHONAN_DARING, 60 * 60):
            return _terlalu_sering_halaman(request)
        if form.terisi_bot:
            # Bots fill every field; refuse without saying which one gave them away.
            return render(request, "layanan/ajukan.html", {"form": form, "ditolak": True}, status=400)
        if form.is_valid():
            data = form.cleaned_data
            permohonan, galat = attempt(
                services.ajukan_daring,
                jenis_layanan=data["jenis_layanan"],
                nama_pemohon=data["nama_pemohon"],
                nik=data["nik"],
                telepon=data["telepon"],
                email=data["email"],
            )
            if galat is not None:
                to_form(form, galat)
            else:
                request.session["tiket_terkirim"] = permohonan.nomor_tiket
                return redirect("layanan:terkirim")
    layanan = JenisLayanan.objects.filter(aktif=True).select_related("unit_kerja")
    return render(request, "layanan/ajukan.html", {"form": form, "layanan": layanan})


def terkirim(request):
    nomor_tiket = request.session.get("tiket_terkirim")
    if not nomor_tiket:
        return redirect("layanan:ajukan")
    return render(request, "layanan/terkirim.html", {"nomor_tiket": nomor_tiket})


def lacak(request):
    form = FormLacak(request.POST or None, initial={"nomor_tiket": request.GET.get("tiket", "")})
    context = {"form": form}
    if request.method == "POST":
        if _terlalu_sering(request, "lacak", settings.LAYANAN_BATAS_LACAK, 10 * 60):
            return _terlalu_sering_halaman(request)
        if form.is_valid():
            permohonan = selectors.lacak_permohonan(form.cleaned_data["nomor_tiket"], form.cleaned_data["nik_4"])
            context.update(dicari=True, permohonan=permohonan)
            if permohonan is not None:
                context["riwayat"] = permohonan.riwayat.all()
        # A citizen's request, and the ticket and NIK digits they typed: not for the next user of a public PC.
        return keep_private(render(request, "layanan/lacak.html", context))
    return render(request, "layanan/lacak.html", context)


def survei(request, token):
    permohonan = selectors.survei_terbuka(token)
    if permohonan is None or permohonan.status != permohonan.Status.SELESAI:
        raise Http404("Tautan survei tidak berlaku atau sudah digunakan.")
    form = FormSurvei(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.isi_survei(token, form.jawaban(), form.cleaned_data["saran"])
        except services.SurveiTidakBerlaku as e:
            raise Http404(e.message) from None
        return keep_private(render(request, "layanan/survei_terima_kasih.html", {"permohonan": permohonan}))
    # The link is the citizen's, and the page names their ticket.
    return keep_private(render(request, "layanan/survei.html", {"form": form, "permohonan": permohonan}))


def hasil_ikm(request):
    form = FormRentangLaporan(request.GET or None)
    mulai, selesai, label = form.periode()
    hasil = selectors.hasil_survei_publik(mulai, selesai)
    konteks = {"form": form, "hasil": hasil, "label_periode": label, "menit_cache": settings.IKM_CACHE_DETIK // 60}
    return render(request, "layanan/hasil_ikm.html", konteks)


def hasil_ikm_layanan(request, kode):
    jenis = visible_or_404(JenisLayanan.objects.select_related("unit_kerja"), kode=kode)
    form = FormRentangLaporan(request.GET or None)
    mulai, selesai, label = form.periode()
    (hasil,) = selectors.hasil_survei_publik(mulai, selesai, jenis_layanan=jenis)
    konteks = {"form": form, "h": hasil, "label_periode": label, "menit_cache": settings.IKM_CACHE_DETIK // 60}
    return render(request, "layanan/hasil_ikm_layanan.html", konteks)


# --- officers, heads and HR ----------------------------------------------------------------------------------


@requires(can_use_counter, "Loket untuk petugas layanan.")
def loket(request):
    form = FormLoket(request.POST or None, jenis_layanan=jenis_layanan_loket(request.user))
    kolom = ("jenis_layanan", "nama_pemohon", "nik", "telepon", "kanal")
    if request.method == "POST" and run_form(
        request,
        form,
        lambda c: services.catat_di_loket(request.user, **{k: c[k] for k in kolom}),
        lambda permohonan: f"Permohonan dicatat. Nomor tiket: {permohonan.nomor_tiket}",
    ):
        return redirect("layanan:loket")
    context = {"form": form, **_halaman(request, selectors.antrean(request.user))}
    return render(request, "layanan/loket.html", context)


@requires(can_view_requests, "Daftar permohonan untuk petugas layanan, pimpinan unit dan pengelola kinerja.")
def daftar(request):
    form = FormFilterPermohonan(request.GET or None, **selectors.pilihan_filter(request.user))
    permohonan = selectors.cari_permohonan(request.user, **form.filters())
    context = {"form": form, "label_periode": form.periode()[2], **_halaman(request, permohonan)}
    return render(request, "layanan/daftar.html", context)


@login_required
def detail(request, pk):
    # A request the user may not see gets the same 404 as a missing one.
    permohonan = visible_or_404(selectors.detail_permohonan(request.user), pk=pk)
    bisa_layani = can_serve(request.user, permohonan)
    context = {
        "p": permohonan,
        "riwayat": permohonan.riwayat.select_related("oleh"),
        "aksi": services.status_berikutnya(permohonan) if bisa_layani else [],
    }
    return render(request, "layanan/detail.html", context)


@login_required
@require_POST
def ubah_status(request, pk):
    permohonan = visible_or_404(selectors.detail_permohonan(request.user), pk=pk)
    # Those who may only look (HR, heads, supervisors) are refused whatever they send, not after a form check.
    allowed_or_403(
        can_serve(request.user, permohonan),
        "Hanya petugas layanan unit penyelenggara yang dapat mengubah status permohonan.",
    )
    form = FormUbahStatus(request.POST)
    if not form.is_valid():
        messages.error(request, "Status tujuan tidak dikenal.")
        return redirect("layanan:detail", pk=pk)
    button(
        request,
        "Status permohonan diperbarui.",
        services.ubah_status,
        request.user,
        permohonan.pk,
        form.cleaned_data["ke"],
        form.cleaned_data["catatan"],
    )
    return redirect("layanan:detail", pk=pk)


@requires(can_view_rekap, "Rekap layanan untuk pimpinan unit, pengelola kinerja dan administrator.")
def rekap(request):
    form = FormRentangLaporan(request.GET or None)
    mulai, selesai, label = form.periode()
    per = request.GET.get("per") if request.GET.get("per") in selectors.KELOMPOK_REKAP else "layanan"
    context = {
        "form": form,
        "label_periode": label,
        "per": per,
        "label_per": LABEL_REKAP[per],
        "pilihan_per": LABEL_REKAP.items(),
        "tambahan": [("per", per)],
        "baris": selectors.rekap(request.user, mulai, selesai, per),
    }
    return render(request, "layanan/rekap.html", context)
