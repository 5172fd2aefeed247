"""Pages of the SKP (the year's plan): the ASN's own page, the SKP with its RHK and indicators, and its
submission, approval, return and dialog, each action at its own URL.

Views parse the request, call one service or selector and render; access and refusals go through core.access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST, require_safe

from core.access import allowed_or_403, attempt, button, run_form, to_form, visible_or_404
from core.files import serve_file
from kinerja.pegawai import selectors as selectors_pegawai
from kinerja.pegawai.permissions import peran

from . import permissions as izin
from . import selectors as sel
from . import services as svc
from . import services_peran as svc_peran
from . import services_skp as svc_skp
from .akses import akses_indikator, akses_rhk, akses_skp
from .forms import FormAlasan, FormDialog, FormEkspektasi, FormPersetujuanAtasNama
from .forms_peran import FormPeranHasil
from .forms_skp import FormBuatSKP, FormIndikator, FormLampiranSKP, FormRHK
from .models import IndikatorKinerja, RencanaHasilKerja
from .models_peran import PeranHasil


@login_required
def kinerja_saya(request):
    """The ASN's own SKP and evaluations; starting this year's SKP (empty or copied from last year) posts here."""
    p = peran(request.user)
    if p.pegawai is None:
        return render(request, "kinerja/tanpa_profil.html")
    form = FormBuatSKP(request.POST or None, initial={"tahun": timezone.localdate().year})
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
    fungsi = svc_skp.salin_skp_tahun_lalu if form.cleaned_data["salin"] else svc_skp.buat_skp
    skp, galat = attempt(fungsi, request.user, pegawai_id, tahun)
    if galat is None:
        messages.success(request, f"SKP {tahun} dibuat sebagai draf.")
        return skp
    to_form(form, galat)
    return None


@require_POST
@login_required
def skp_buat_untuk(request, pegawai_pk):
    """HR staff start an ASN's SKP from the ASN's page (the ASN themself uses Kinerja Saya)."""
    pegawai = visible_or_404(selectors_pegawai.pegawai_untuk_detail(request.user), pk=pegawai_pk)
    allowed_or_403(izin.can_plan_for(request.user, pegawai), "Anda tidak dapat menyusun SKP pegawai ini.")
    form = FormBuatSKP(request.POST)
    skp = _buat_skp(request, pegawai.pk, form) if form.is_valid() else None
    if skp is not None:
        return redirect("skp_detail", skp.pk)
    for galat in form.errors.values():
        messages.error(request, " ".join(galat))
    return redirect("detail_pegawai", pegawai.pk)


def _halaman_skp(request, skp, *, form_dialog=None, form_kembali=None, form_ekspektasi=None, form_atas_nama=None):
    """The SKP's page, with the form that was sent and refused (if any) bound to what the user typed."""
    ekspektasi = list(skp.ekspektasi.order_by("pk"))
    awal = {e.nilai: e.ekspektasi for e in ekspektasi}
    menunggu = skp.status == skp.Status.DIAJUKAN
    context = {
        "ppk": skp.pegawai.pejabat_penilai,
        "ekspektasi": ekspektasi,
        "dapat_menetapkan_ekspektasi": izin.can_review_skp(request.user, skp),
        "form_ekspektasi": form_ekspektasi or FormEkspektasi(initial=awal),
        "skp": skp,
        "dapat_diubah": skp.dapat_diubah and izin.can_edit_skp(request.user, skp),
        "dapat_ditinjau": menunggu and izin.can_review_skp(request.user, skp),
        "dapat_dicatat_atas_nama": menunggu and izin.can_review_skp_on_behalf(request.user, skp),
        "form_atas_nama": form_atas_nama or FormPersetujuanAtasNama(),
        "pihak_dialog": izin.pihak_dialog(request.user, skp.pegawai, skp.pegawai.pejabat_penilai),
        "form_dialog": form_dialog or FormDialog(),
        "url_dialog": "skp_dialog",
        "form_kembali": form_kembali or FormAlasan(label="Alasan pengembalian"),
        "peran_dari_atasan": sel.peran_untuk_skp(skp) if skp.dapat_diubah else [],
        "dapat_merencanakan": izin.can_plan_for(request.user, skp.pegawai),
        # The matrix is offered under each RHK only to a supervisor: someone who appraises an active ASN.
        "punya_tim": SimpleLazyObject(lambda: sel.menilai_pegawai_aktif(skp.pegawai_id)),
    }
    return render(request, "kinerja/skp/detail.html", context)


@require_safe
@login_required
def skp_detail(request, pk):
    """An SKP with its RHK and indicators, and the buttons its viewer may use."""
    return _halaman_skp(request, akses_skp(request.user, pk))


def _tombol_skp(service, pesan: str, doc: str):
    """A view for a button on the SKP's page that runs `service(user, skp_id)`: no form, the page again after."""

    @require_POST
    @login_required
    def view(request, pk):
        skp = akses_skp(request.user, pk)
        button(request, pesan, service, request.user, skp.pk)
        return redirect("skp_detail", skp.pk)

    view.__doc__ = doc
    return view


skp_ajukan = _tombol_skp(svc_skp.ajukan_skp, "SKP diajukan kepada pejabat penilai kinerja.", "The ASN submits the SKP.")
skp_setujui = _tombol_skp(svc_skp.setujui_skp, "SKP disetujui.", "The PPK approves the SKP.")


@require_POST
@login_required
def skp_setujui_atas_nama(request, pk):
    """HR record the approval of a PPK outside the roster, with the signed SKP."""
    skp = akses_skp(request.user, pk)
    allowed_or_403(
        izin.can_review_skp_on_behalf(request.user, skp),
        "Persetujuan dicatat atas nama hanya untuk pejabat penilai di luar daftar pegawai, oleh pengelola kinerja "
        "unit pegawai.",
    )
    form = FormPersetujuanAtasNama(request.POST, request.FILES)
    if run_form(
        request,
        form,
        lambda c: svc_skp.setujui_skp(request.user, pk, atas_nama=True, berkas_persetujuan=c["berkas_persetujuan"]),
        f"Persetujuan SKP {skp.tahun} dicatat atas nama pejabat penilai kinerja.",
    ):
        return redirect("skp_detail", pk)
    return _halaman_skp(request, skp, form_atas_nama=form)


@require_safe
@login_required
def skp_berkas_persetujuan(request, pk):
    """The signed SKP of an approval HR recorded, to those who see the SKP."""
    skp = visible_or_404(izin.skp_visible_to(request.user).exclude(berkas_persetujuan=""), pk=pk)
    return serve_file(skp.berkas_persetujuan)


@require_POST
@login_required
def skp_kembalikan(request, pk):
    skp = akses_skp(request.user, pk)
    form = FormAlasan(request.POST, label="Alasan pengembalian")
    pesan = f"SKP {skp.tahun} dikembalikan kepada {skp.pegawai.nama}."
    if run_form(request, form, lambda c: svc_skp.kembalikan_skp(request.user, pk, c["alasan"]), pesan):
        return redirect("skp_detail", pk)
    return _halaman_skp(request, skp, form_kembali=form)


@require_POST
@login_required
def skp_ekspektasi(request, pk):
    """The appraiser sets the ekspektasi khusus pimpinan on the BerAKHLAK values."""
    skp = akses_skp(request.user, pk)
    form = FormEkspektasi(request.POST)
    pesan = "Ekspektasi khusus pimpinan disimpan."
    if run_form(request, form, lambda c: svc_skp.tetapkan_ekspektasi(request.user, pk, c), pesan):
        return redirect("skp_detail", pk)
    return _halaman_skp(request, skp, form_ekspektasi=form)


@require_POST
@login_required
def skp_dialog(request, pk):
    skp = akses_skp(request.user, pk)
    form = FormDialog(request.POST)
    if run_form(request, form, lambda c: svc.kirim_dialog(request.user, isi=c["isi"], skp_id=pk), "Catatan dikirim."):
        return redirect("skp_detail", pk)
    return _halaman_skp(request, skp, form_dialog=form)


def _skp_terkunci(request, skp) -> bool:
    """An SKP past draft or returned cannot be edited: say so (the services refuse it anyway)."""
    if skp.dapat_diubah:
        return False
    messages.error(request, f"SKP berstatus {skp.get_status_display()} tidak dapat diubah.")
    return True


@login_required
def skp_rhk(request, skp_pk, pk=None):
    """Add an RHK to an SKP, or edit one; the supervisor's RHK comes from their SKP of the same year."""
    skp = akses_skp(request.user, skp_pk, ubah=True)
    if _skp_terkunci(request, skp):
        return redirect("skp_detail", skp.pk)
    rhk = visible_or_404(RencanaHasilKerja.objects, pk=pk, skp=skp) if pk else None
    initial = {"uraian": rhk.uraian, "jenis": rhk.jenis, "rhk_atasan": rhk.rhk_atasan_id} if rhk else {}
    form = FormRHK(request.POST or None, initial=initial, pilihan_rhk_atasan=sel.pilihan_rhk_atasan(skp), jpt=skp.jpt)

    def simpan(c):
        return svc_skp.simpan_rhk(
            request.user,
            skp.pk,
            uraian=c["uraian"],
            jenis=c["jenis"],
            rhk_atasan_id=c["rhk_atasan"],
            rhk_id=rhk.pk if rhk else None,
        )

    if request.method == "POST" and run_form(request, form, simpan, "Rencana hasil kerja disimpan."):
        return redirect("skp_detail", skp.pk)
    nama = "sasaran strategis" if skp.jpt else "rencana hasil kerja"
    judul = f"Ubah {nama}" if rhk else f"Tambah {nama}"
    return render(request, "kinerja/skp/form.html", {"skp": skp, "rhk": rhk, "form": form, "judul": judul})


@login_required
def skp_lampiran(request, pk):
    """The SKP's annex (dukungan sumber daya, skema pertanggungjawaban, konsekuensi), edited while the SKP can be."""
    skp = akses_skp(request.user, pk, ubah=True)
    if _skp_terkunci(request, skp):
        return redirect("skp_detail", skp.pk)
    form = FormLampiranSKP(
        request.POST if request.method == "POST" else None,
        initial={nama: getattr(skp, nama) for nama in (*skp.FIELD_LAMPIRAN, "perjanjian_kinerja")},
        jpt=skp.jpt,
    )

    def simpan(c):
        return svc_skp.simpan_lampiran_skp(request.user, skp.pk, c)

    if request.method == "POST" and run_form(request, form, simpan, "Lampiran SKP disimpan."):
        return redirect("skp_detail", skp.pk)
    judul = "Perjanjian Kinerja dan lampiran SKP" if skp.jpt else "Lampiran SKP"
    return render(request, "kinerja/skp/form.html", {"skp": skp, "form": form, "judul": judul})


@require_POST
@login_required
def skp_rhk_hapus(request, pk):
    rhk = akses_rhk(request.user, pk)
    button(request, "Rencana hasil kerja dihapus.", svc_skp.hapus_rhk, request.user, rhk.pk)
    return redirect("skp_detail", rhk.skp_id)


@login_required
def skp_indikator(request, rhk_pk, pk=None):
    """Add an indicator (aspect, target, unit) to an RHK, or edit one."""
    rhk = akses_rhk(request.user, rhk_pk)
    skp = akses_skp(request.user, rhk.skp_id, ubah=True)
    if _skp_terkunci(request, skp):
        return redirect("skp_detail", skp.pk)
    indikator = visible_or_404(IndikatorKinerja.objects, pk=pk, rhk=rhk) if pk else None
    initial = (
        {k: getattr(indikator, k) for k in ("uraian", "aspek", "jenis_target", "target", "satuan", "target_kualitatif")}
        if indikator
        # A "Tambah" link beside an indicator the supervisor proposed in the matriks peran hasil carries its text.
        else {"aspek": "KUANTITAS", "uraian": request.GET.get("uraian", "")[:1000]}
    )
    form = FormIndikator(request.POST or None, initial=initial, jpt=skp.jpt)

    def simpan(c):
        return svc_skp.simpan_indikator(request.user, rhk.pk, indikator_id=indikator.pk if indikator else None, **c)

    if request.method == "POST" and run_form(request, form, simpan, "Indikator kinerja disimpan."):
        return redirect("skp_detail", skp.pk)
    context = {
        "skp": skp,
        "rhk": rhk,
        "form": form,
        "indikator_form": True,
        "judul": f"{'Ubah' if indikator else 'Tambah'} {'indikator kinerja utama' if skp.jpt else 'indikator kinerja'}",
    }
    return render(request, "kinerja/skp/form.html", context)


@require_POST
@login_required
def skp_indikator_hapus(request, pk):
    indikator = akses_indikator(request.user, pk)
    button(request, "Indikator kinerja dihapus.", svc_skp.hapus_indikator, request.user, indikator.pk)
    return redirect("skp_detail", indikator.rhk.skp_id)


# --- the matriks peran hasil ------------------------------------------------------------------------------------


@login_required
def skp_rhk_peran(request, pk):
    """The matriks peran hasil of one RHK: who of those its owner appraises contributes what. Its owner (or HR of
    their unit) sets a role by posting here; `?pegawai=` opens one row's role in the form."""
    rhk = visible_or_404(
        RencanaHasilKerja.objects.filter(skp__in=izin.skp_visible_to(request.user)).select_related("skp__pegawai"),
        pk=pk,
    )
    baris = sel.matriks_peran(rhk)
    dapat_diubah = izin.can_divide_rhk(request.user, rhk)
    dipilih = next((b for b in baris if str(b.pegawai.pk) == request.GET.get("pegawai")), None)
    if dipilih is None:
        initial = {}
    elif dipilih.peran is None:
        initial = {"pegawai": dipilih.pegawai.pk}
    else:
        initial = {"pegawai": dipilih.pegawai.pk, "hasil": dipilih.peran.hasil, "indikator": dipilih.peran.indikator}
    form = FormPeranHasil(
        request.POST if request.method == "POST" else None,
        initial=initial,
        pilihan_pegawai=[b.pegawai for b in baris if b.pegawai.aktif],
    )
    if request.method == "POST":
        allowed_or_403(
            dapat_diubah, "Hanya pemilik SKP atau pengelola kinerja unitnya yang dapat menyusun matriks ini."
        )

        def simpan(c):
            return svc_peran.simpan_peran_hasil(
                request.user, rhk.pk, pegawai_id=c["pegawai"], hasil=c["hasil"], indikator=c["indikator"]
            )

        if run_form(request, form, simpan, lambda hasil: f"Peran hasil {hasil.pegawai.nama} disimpan."):
            return redirect("skp_rhk_peran", rhk.pk)
    context = {"rhk": rhk, "skp": rhk.skp, "baris": baris, "form": form, "dapat_diubah": dapat_diubah}
    return render(request, "kinerja/skp/matriks_peran.html", context)


@require_POST
@login_required
def skp_peran_hapus(request, pk):
    peran_hasil = visible_or_404(
        PeranHasil.objects.filter(rhk_atasan__skp__in=izin.skp_visible_to(request.user)), pk=pk
    )
    button(request, "Peran hasil dihapus.", svc_peran.hapus_peran_hasil, request.user, peran_hasil.pk)
    return redirect("skp_rhk_peran", peran_hasil.rhk_atasan_id)


@require_POST
@login_required
def skp_susun_dari_peran(request, pk, peran_pk):
    """The ASN drafts an RHK of their SKP from their role in the supervisor's matrix."""
    skp = akses_skp(request.user, pk, ubah=True)
    button(
        request,
        "RHK disusun dari peran hasil. Lengkapi indikator dan targetnya.",
        svc_peran.susun_rhk_dari_peran,
        request.user,
        skp.pk,
        peran_pk,
    )
    return redirect("skp_detail", skp.pk)


@require_POST
@login_required
def skp_rhk_tinjau_atasan(request, pk):
    """The ASN has read the change to the supervisor's RHK theirs cites."""
    rhk = akses_rhk(request.user, pk)
    button(request, "Perubahan RHK atasan sudah ditinjau.", svc_skp.tinjau_rhk_atasan, request.user, rhk.pk)
    return redirect("skp_detail", rhk.skp_id)
