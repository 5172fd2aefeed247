"""Pages of the service desk (officers, heads, HR) and of citizens (apply, track, survey, published IKM)."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST, require_safe

from core.access import allowed_or_403, attempt, button, requires, to_form, visible_or_404
from core.cache_headers import keep_private
from core.files import serve_file
from core.ratelimit import over_limit
from kinerja.pegawai.views import beranda as dasbor_pegawai

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
    berkas_visible_to,
    can_serve,
    can_use_counter,
    can_view_berkas,
    can_view_rekap,
    can_view_requests,
    jenis_layanan_loket,
    permohonan_visible_to,
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


# Receipts this browser may open without an account: the requests it sent or tracked (the newest few).
SESI_TANDA_TERIMA = "tanda_terima"
TANDA_TERIMA_DIINGAT = 10


def _ingat_tanda_terima(request, nomor_tiket: str) -> None:
    tiket = [t for t in request.session.get(SESI_TANDA_TERIMA, []) if t != nomor_tiket]
    request.session[SESI_TANDA_TERIMA] = [*tiket, nomor_tiket][-TANDA_TERIMA_DIINGAT:]


def _tidak_ditemukan(request, judul: str, pesan: str, status: int = 404):
    """The citizens' page for a link that leads nowhere: what happened and what to do next."""
    return render(request, "layanan/tidak_ditemukan.html", {"judul": judul, "pesan": pesan}, status=status)


# --- citizens (no account) -----------------------------------------------------------------------------------


@require_safe
def beranda(request):
    """`/`: what the offices offer, for visitors; signed-in staff get their own dashboard there."""
    if request.user.is_authenticated:
        return dasbor_pegawai(request)
    return render(request, "layanan/beranda.html", {"per_opd": selectors.layanan_per_opd()})


def _pilih_layanan(request, status=200, galat=""):
    konteks = {"per_opd": selectors.layanan_per_opd(), "galat": galat}
    return render(request, "layanan/pilih_layanan.html", konteks, status=status)


def ajukan(request):
    """Step 1 picks the service (from the front page or the list here); step 2 is its form with one upload per
    requirement."""
    if request.method == "POST":
        jenis = JenisLayanan.objects.filter(aktif=True, pk=_angka(request.POST.get("jenis_layanan"))).first()
        if jenis is None:
            return _pilih_layanan(request, galat="Layanan yang dipilih sedang tidak dibuka. Pilih layanan lain.")
        if _terlalu_sering(request, "ajukan", settings.LAYANAN_BATAS_PERMOHONAN_DARING, 60 * 60):
            return _terlalu_sering_halaman(request)
        form = FormPermohonanDaring(request.POST, request.FILES, jenis=jenis)
        if form.terisi_bot:
            # Bots fill every field; refuse without saying which one gave them away.
            return render(request, "layanan/ajukan.html", {"form": form, "jenis": jenis, "ditolak": True}, status=400)
        if form.is_valid():
            data = form.cleaned_data
            permohonan, galat = attempt(
                services.ajukan_daring,
                jenis_layanan=jenis,
                nama_pemohon=data["nama_pemohon"],
                nik=data["nik"],
                telepon=data["telepon"],
                email=data["email"],
                berkas=form.berkas(),
            )
            if galat is not None:
                to_form(form, galat)
            else:
                _ingat_tanda_terima(request, permohonan.nomor_tiket)
                return redirect("layanan:tanda_terima", nomor_tiket=permohonan.nomor_tiket)
        return render(request, "layanan/ajukan.html", {"form": form, "jenis": jenis})
    kode = request.GET.get("layanan", "").strip().upper()
    if not kode:
        return _pilih_layanan(request)
    jenis = JenisLayanan.objects.filter(aktif=True, kode=kode).select_related("unit_kerja").first()
    if jenis is None:
        return _pilih_layanan(request, 404, "Layanan itu tidak ada atau sedang tidak dibuka. Pilih dari daftar.")
    return render(request, "layanan/ajukan.html", {"form": FormPermohonanDaring(jenis=jenis), "jenis": jenis})


def _angka(teks) -> int | None:
    return int(teks) if teks and str(teks).isdigit() else None


@require_safe
def tanda_terima(request, nomor_tiket):
    """The receipt of a request, to print or keep on the phone: for the browser that sent or tracked it, and for
    staff who may see the request. Anyone else, and a ticket that does not exist, get the same page."""
    nomor_tiket = nomor_tiket.strip().upper()
    if nomor_tiket in request.session.get(SESI_TANDA_TERIMA, []):
        permohonan = selectors.tanda_terima(nomor_tiket)
    elif request.user.is_authenticated:
        permohonan = selectors.tanda_terima(nomor_tiket, permohonan_visible_to(request.user))
    else:
        permohonan = None
    if permohonan is None:
        return _tidak_ditemukan(
            request,
            "Tanda terima tidak ditemukan",
            "Nomor tiket itu tidak ada, atau tanda terimanya hanya dapat dibuka dari perangkat yang mengirim "
            "permohonan. Lacak permohonan Anda dengan nomor tiket dan 4 digit terakhir NIK untuk membukanya lagi.",
        )
    alamat_lacak = request.build_absolute_uri(f"{reverse('layanan:lacak')}?{urlencode({'tiket': nomor_tiket})}")
    qr = segno.make(alamat_lacak, error="m")
    diunggah = {b.persyaratan for b in permohonan.berkas_persyaratan.all()}
    konteks = {
        "p": permohonan,
        "alamat_lacak": alamat_lacak,
        "qr": qr.svg_inline(scale=4, border=2, light="#fff", omitsize=True, svgclass="qr-lacak", lineclass=None),
        "berkas": permohonan.berkas_persyaratan.all(),
        "belum_diunggah": [s for s in permohonan.jenis_layanan.daftar_persyaratan if s not in diunggah],
        "petugas": can_use_counter(request.user),
    }
    # The applicant's name and ticket: not for the next user of a shared PC, nor for any cache.
    return keep_private(render(request, "layanan/tanda_terima.html", konteks))


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
                # Ticket and NIK digits shown: this browser may open the receipt again.
                _ingat_tanda_terima(request, permohonan.nomor_tiket)
        # A citizen's request, and the ticket and NIK digits they typed: not for the next user of a public PC.
        return keep_private(render(request, "layanan/lacak.html", context))
    return render(request, "layanan/lacak.html", context)


def _survei_tidak_berlaku(request):
    # A used token is cleared, so a used link and a mistyped one look alike: one page explains both.
    return _tidak_ditemukan(
        request,
        "Tautan survei tidak berlaku",
        "Survei untuk permohonan ini sudah diisi (setiap permohonan disurvei satu kali), atau tautannya tidak "
        "lengkap tersalin. Lacak permohonan Anda: bila survei belum diisi, tautan yang benar ada di sana.",
    )


def survei(request, token):
    permohonan = selectors.survei_terbuka(token)
    if permohonan is None or permohonan.status != permohonan.Status.SELESAI:
        return _survei_tidak_berlaku(request)
    form = FormSurvei(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.isi_survei(token, form.jawaban(), form.cleaned_data["saran"])
        except services.SurveiTidakBerlaku:
            return _survei_tidak_berlaku(request)
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
    jenis = JenisLayanan.objects.select_related("unit_kerja").filter(kode=kode).first()
    if jenis is None:
        return _tidak_ditemukan(
            request,
            "Layanan tidak ditemukan",
            "Tidak ada layanan dengan kode itu. Hasil survei semua layanan ada di halaman Hasil survei kepuasan.",
        )
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
    if request.method == "POST" and form.is_valid():
        permohonan, galat = attempt(services.catat_di_loket, request.user, **{k: form.cleaned_data[k] for k in kolom})
        if galat is None:
            messages.success(request, f"Permohonan dicatat. Nomor tiket: {permohonan.nomor_tiket}")
            # The receipt to print for, or show to, the citizen at the desk.
            return redirect("layanan:tanda_terima", nomor_tiket=permohonan.nomor_tiket)
        to_form(form, galat)
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
    bisa_buka_berkas = can_view_berkas(request.user, permohonan)
    context = {
        "p": permohonan,
        "riwayat": permohonan.riwayat.select_related("oleh"),
        "aksi": services.status_berikutnya(permohonan) if bisa_layani else [],
        "bisa_buka_berkas": bisa_buka_berkas,
        "berkas": permohonan.berkas_persyaratan.all() if bisa_buka_berkas else [],
        "jumlah_berkas": None if bisa_buka_berkas else permohonan.berkas_persyaratan.count(),
    }
    return render(request, "layanan/detail.html", context)


@require_safe
@login_required
def berkas_persyaratan(request, pk, berkas_pk):
    """An uploaded requirement document, only to the unit's officers and HR (a 404 for anyone else)."""
    berkas = visible_or_404(berkas_visible_to(request.user), pk=berkas_pk, permohonan_id=pk)
    return keep_private(serve_file(berkas.berkas))


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
