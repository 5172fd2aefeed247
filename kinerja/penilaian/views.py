"""Pages of one periodic evaluation: its record, the ASN's realisation form, the PPK's rating, the printed
document and the evidence files; and the evaluation section of the supervisor's team page. Each action (submit,
rate, return, acknowledge, the dialog) has its own URL.

Views parse the request, call one service or selector and render; access and refusals go through core.access:
NotPermitted is a 403, a version conflict keeps the user's input and asks them to reload, any other refusal is a
form error or a message, and another unit's or person's record is a 404 with nothing changed.
"""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST, require_safe

from core.access import attempt, run_form, to_form, to_message, visible_or_404
from core.cache import fragment_key
from core.files import serve_file
from kinerja.pegawai.permissions import peran

from . import hasil_kerja
from . import permissions as izin
from . import selectors as sel
from . import selectors_ekinerja as sel_ekinerja
from . import selectors_hasil_kerja as sel_hasil
from . import services as svc
from .akses import akses_evaluasi, akses_evaluasi_ringkas
from .forms import (
    PANDUAN_BERAKHLAK,
    FormDialog,
    FormPengembalian,
    FormPenilaian,
    FormRealisasi,
    FormRencanaAksi,
    FormVersi,
)
from .models import EvaluasiKinerja, PerilakuKerja, RencanaHasilKerja


def _halaman_evaluasi(request, d, *, form_dialog=None, form_akui=None, form_tarik=None):
    """The evaluation's page, with the form that was sent and refused (if any) bound to what the user typed."""
    ev = d.evaluasi
    context = {
        "d": d,
        "ev": ev,
        "aksi": svc.aksi_tersedia(request.user, ev),
        "pihak_dialog": izin.pihak_dialog(request.user, ev.pegawai, ev.pejabat_penilai),
        "atas_nama": _atas_nama(request.user, ev),
        "tahun": sel_hasil.riwayat_tahun(request.user, ev, d.rhk),
        "form_dialog": form_dialog or FormDialog(),
        "url_dialog": "evaluasi_dialog",
        "form_akui": form_akui or FormVersi(initial={"versi": ev.versi}),
        "form_tarik": form_tarik or FormVersi(initial={"versi": ev.versi}),
        "hasil_ekinerja": sel_ekinerja.hasil_ekinerja_evaluasi(ev),
    }
    return render(request, "kinerja/penilaian/detail.html", context)


@require_safe
@login_required
def evaluasi_detail(request, pk):
    """An evaluation as its ASN, PPK, HR of the unit or an administrator sees it."""
    return _halaman_evaluasi(request, akses_evaluasi(request.user, pk))


@require_POST
@login_required
def evaluasi_dialog(request, pk):
    d = akses_evaluasi(request.user, pk)
    form = FormDialog(request.POST)
    if run_form(
        request, form, lambda c: svc.kirim_dialog(request.user, isi=c["isi"], evaluasi_id=pk), "Catatan dikirim."
    ):
        return redirect("evaluasi_detail", pk)
    return _halaman_evaluasi(request, d, form_dialog=form)


@require_POST
@login_required
def evaluasi_akui(request, pk):
    """The ASN acknowledges the final result."""
    d = akses_evaluasi(request.user, pk)
    form = FormVersi(request.POST)
    terima = "Terima kasih: Anda telah menerima hasil evaluasi ini."
    if run_form(request, form, lambda c: svc.akui_evaluasi(request.user, pk, c["versi"]), terima):
        return redirect("evaluasi_detail", pk)
    return _halaman_evaluasi(request, d, form_akui=form)


@require_POST
@login_required
def evaluasi_tarik(request, pk):
    """The ASN withdraws a submitted evaluation that is not rated yet, to correct it."""
    d = akses_evaluasi(request.user, pk)
    form = FormVersi(request.POST)
    ditarik = "Pengajuan ditarik kembali: evaluasi kembali berstatus Draf. Perbaiki realisasinya, lalu ajukan lagi."
    if run_form(request, form, lambda c: svc.tarik_evaluasi(request.user, pk, c["versi"]), ditarik):
        return redirect("evaluasi_detail", pk)
    return _halaman_evaluasi(request, d, form_tarik=form)


@login_required
def evaluasi_rencana_aksi(request, pk):
    """The rencana aksi per RHK for the period (the ASN, or HR staff of the unit on their behalf, recorded as such):
    shown, and saved by posting it. A page of its own rather than part of the realisation form: it is written at
    the start of the period, when there is no realisation to enter yet, and it stays a short form on a phone."""
    d = akses_evaluasi(request.user, pk, boleh=izin.can_fill, lengkap=False)
    ev = d.evaluasi
    kirim = request.method == "POST"
    form = FormRencanaAksi(request.POST if kirim else None, baris_rhk=d.rhk, initial={"versi": ev.versi})
    if kirim and run_form(
        request,
        form,
        lambda c: svc.isi_rencana_aksi(request.user, pk, c["versi"], form.rencana()),
        "Rencana aksi tersimpan.",
    ):
        return redirect("evaluasi_detail", pk)
    return render(request, "kinerja/penilaian/rencana_aksi.html", _konteks_pengisian(request, d, ev, form, "rencana"))


def _konteks_pengisian(request, d, ev, form, aksi: str) -> dict:
    """What a page the ASN (or HR on their behalf) fills shows: the evaluation, the form, whether `aksi` is open."""
    return {
        "d": d,
        "ev": ev,
        "form": form,
        "dapat_diisi": aksi in svc.aksi_tersedia(request.user, ev),
        "atas_nama": peran(request.user).pegawai != ev.pegawai,
    }


def _isi(request, pk, *, ajukan: bool):
    """The realisation form (the ASN, or HR staff of the unit on their behalf, recorded as such): shown, saved,
    or saved and submitted to the PPK."""
    ev = akses_evaluasi_ringkas(request.user, pk, boleh=izin.can_fill)
    # The plan, the realisations and the form are read only when the page renders them: a GET whose fragment the
    # cache holds needs none of them.
    d = SimpleLazyObject(lambda: akses_evaluasi(request.user, pk, lengkap=False))
    tahun = SimpleLazyObject(lambda: sel_hasil.riwayat_tahun(request.user, ev, d.rhk))
    kirim = request.method == "POST"
    form = SimpleLazyObject(
        lambda: FormRealisasi(
            request.POST if kirim else None,
            request.FILES if kirim else None,
            baris_rhk=d.rhk,
            initial={"versi": ev.versi, **_usulan_realisasi(d, tahun)},
        )
    )
    if kirim and form.is_valid():
        hasil, galat = attempt(svc.isi_realisasi, request.user, ev.pk, form.cleaned_data["versi"], form.isian())
        if galat is None and ajukan:
            hasil, galat = attempt(svc.ajukan_evaluasi, request.user, ev.pk, hasil.versi)
            if galat is not None:
                # The realisation is saved; the page reloads it so the next attempt carries the new version.
                to_message(request, galat)
                messages.info(request, "Realisasi tersimpan, tetapi evaluasi belum diajukan.")
                return redirect("evaluasi_isi", ev.pk)
            messages.success(request, f"Evaluasi diajukan kepada {hasil.pejabat_penilai.nama} untuk dinilai.")
            return redirect("evaluasi_detail", ev.pk)
        if galat is None:
            messages.success(request, "Realisasi tersimpan.")
            return redirect("evaluasi_isi", ev.pk)
        to_form(form, galat)
    context = {
        **_konteks_pengisian(request, d, ev, form, "isi"),
        "tahun": tahun,
        # Per RHK, the narrative drafted from the ASN's daily log over the period, which a button puts in the form.
        "narasi_log": SimpleLazyObject(lambda: sel.narasi_dari_log(ev)),
        # A form sent back with its errors is the sender's alone: never stored, never read from the cache.
        "fragmen": fragment_key(request, "roster", "periode", "skp", "evaluasi", roles=peran(request.user).kunci)
        if not kirim
        else uuid.uuid4().hex,
        "fragmen_detik": 0 if kirim else settings.FRAGMEN_CACHE_DETIK,
    }
    return render(request, "kinerja/penilaian/isi.html", context)


def _usulan_realisasi(d, tahun) -> dict:
    """The form's starting values of an annual evaluation's indicators not realised yet: the periods' proposals (a
    qualitative indicator's narrative of the latest period)."""
    if not tahun:
        return {}
    kosong = {b.indikator.pk for baris in d.rhk for b in baris.indikator if b.realisasi is None}
    return {f"realisasi_{pk}": nilai for pk, nilai in tahun.usulan_realisasi.items() if pk in kosong} | {
        f"realisasi_{pk}_narasi": narasi for pk, narasi in tahun.usulan_narasi.items() if pk in kosong
    }


@login_required
def evaluasi_isi(request, pk):
    """The realisation form; posting it saves the realisations."""
    return _isi(request, pk, ajukan=False)


@require_POST
@login_required
def evaluasi_ajukan(request, pk):
    """Save the realisation form and submit the evaluation to the PPK."""
    return _isi(request, pk, ajukan=True)


def _halaman_nilai(request, d, *, form=None, form_kembali=None):
    """The PPK's review page (or HR's, recording an outside PPK's rating), with the form that was sent and refused
    (if any) bound to what the user typed."""
    ev = d.evaluasi
    aksi = svc.aksi_tersedia(request.user, ev)
    tahun = sel_hasil.riwayat_tahun(request.user, ev, d.rhk)
    organisasi = sel_hasil.kinerja_organisasi_dipimpin(ev)
    context = {
        "d": d,
        "ev": ev,
        "tahun": tahun,
        "organisasi_dipimpin": organisasi,
        "rating_pimpinan": hasil_kerja.rating_pimpinan(organisasi.capaian) if organisasi else None,
        "keterangan_pimpinan": hasil_kerja.KETERANGAN_PIMPINAN,
        "keterangan_usulan": hasil_kerja.KETERANGAN_USULAN,
        "form": form or _form_penilaian(request, d, tahun=tahun, organisasi=organisasi),
        "form_kembali": form_kembali or FormPengembalian(initial={"versi": ev.versi}),
        "dapat_dinilai": "nilai" in aksi,
        "dapat_dikembalikan": "kembalikan" in aksi,
        "atas_nama": _atas_nama(request.user, ev),
    }
    return render(request, "kinerja/penilaian/nilai.html", context)


def _atas_nama(user, ev):
    """The appraiser outside the roster whose rating HR records, or None when the user rates in their own name."""
    return None if izin.can_rate(user, ev) else ev.penilai_luar


def _form_penilaian(request, d, data=None, files=None, tahun=None, organisasi=None) -> FormPenilaian:
    """The rating form. Not rated yet, hasil kerja starts from a proposal: for the head of a unit with its
    organisational performance set (`organisasi`), the rating SE MenPANRB 3/2023 ties to it; else, for an annual
    evaluation, the ratings its periods propose (`tahun`); else what the indicators propose."""
    ev = d.evaluasi
    rating_pimpinan = hasil_kerja.rating_pimpinan(organisasi.capaian) if organisasi else None
    usulan_hasil = rating_pimpinan or (tahun.usulan_hasil if tahun else None) or d.usulan_hasil_kerja
    return FormPenilaian(
        data,
        files,
        baris_rhk=d.rhk,
        menilai_ulang=ev.status == EvaluasiKinerja.Status.DINILAI,
        atas_nama=_atas_nama(request.user, ev),
        ekspektasi=sel.ekspektasi_perilaku(ev.skp_id),
        usulan_kualitatif=tahun.usulan_kualitatif if tahun else None,
        rating_pimpinan=rating_pimpinan,
        initial={
            "versi": ev.versi,
            "rating_hasil_kerja": ev.rating_hasil_kerja or usulan_hasil or "",
            "rating_perilaku_kerja": ev.rating_perilaku_kerja or (tahun.usulan_perilaku if tahun else ""),
            "catatan": ev.catatan,
            "rekomendasi_pengembangan": ev.rekomendasi_pengembangan,
            **{f"perilaku_{n.value}": teks for n, (_, teks) in zip(PerilakuKerja.Nilai, d.perilaku, strict=True)},
        },
    )


@login_required
def evaluasi_nilai(request, pk):
    """The PPK's review: quantitative evidence beside the qualitative inputs; posting it rates the evaluation.
    HR of the unit record here the rating of a PPK outside the roster, with the signed paper."""
    d = akses_evaluasi(request.user, pk, boleh=izin.can_record_rating)
    if request.method != "POST":
        return _halaman_nilai(request, d)
    form = _form_penilaian(
        request, d, request.POST, request.FILES, organisasi=sel_hasil.kinerja_organisasi_dipimpin(d.evaluasi)
    )
    if run_form(
        request,
        form,
        lambda c: svc.nilai_evaluasi(request.user, pk, c["versi"], **form.argumen()),
        lambda hasil: f"Evaluasi dinilai. Predikat kinerja: {hasil.get_predikat_display()}.",
    ):
        return redirect("evaluasi_detail", pk)
    return _halaman_nilai(request, d, form=form)


@require_POST
@login_required
def evaluasi_kembalikan(request, pk):
    """The PPK returns the evaluation to the ASN with a reason."""
    d = akses_evaluasi(request.user, pk, boleh=izin.can_rate)
    form = FormPengembalian(request.POST)
    if run_form(
        request,
        form,
        lambda c: svc.kembalikan_evaluasi(request.user, pk, c["versi"], c["alasan"]),
        f"Evaluasi dikembalikan kepada {d.evaluasi.pegawai.nama}.",
    ):
        return redirect("evaluasi_detail", pk)
    return _halaman_nilai(request, d, form_kembali=form)


@login_required
def evaluasi_dokumen(request, pk):
    """The Dokumen Evaluasi Kinerja Pegawai (PermenPANRB 6/2022) and its annex, print-ready on A4: every RHK (utama,
    then tambahan) with its indicators, realisation, capaian and feedback; the BerAKHLAK values with the ekspektasi
    khusus pimpinan and the feedback; the ratings and the signatures, dated by the finalisation."""
    d = akses_evaluasi(request.user, pk)
    ev = d.evaluasi
    if ev.diimpor:
        # Its appraisal, ratings and signatures are e-Kinerja's: the document is printed there.
        raise Http404("Dokumen evaluasi hasil impor e-Kinerja dicetak dari e-Kinerja BKN.")
    ekspektasi = sel.ekspektasi_perilaku(ev.skp_id)
    context = {
        "d": d,
        "ev": ev,
        "organisasi": sel.kinerja_organisasi_untuk(ev.periode_id, ev.pegawai.unit_kerja_id),
        "ppk": ev.pejabat_penilai,
        "atasan_ppk": ev.atasan_pejabat_penilai,
        "rhk_utama": [b for b in d.rhk if b.rhk.jenis == RencanaHasilKerja.Jenis.UTAMA],
        "rhk_tambahan": [b for b in d.rhk if b.rhk.jenis == RencanaHasilKerja.Jenis.TAMBAHAN],
        "perilaku": [
            (nilai.label, PANDUAN_BERAKHLAK[nilai], ekspektasi.get(nilai.value, ""), umpan_balik)
            for nilai, (_, umpan_balik) in zip(PerilakuKerja.Nilai, d.perilaku, strict=True)
        ],
    }
    return render(request, "kinerja/penilaian/dokumen.html", context)


@login_required
def bukti_berkas(request, pk):
    """An evidence file, served only to those who may see its evaluation."""
    realisasi = visible_or_404(sel.realisasi_visible_to(request.user).exclude(bukti_berkas=""), pk=pk)
    return serve_file(realisasi.bukti_berkas)


@require_safe
@login_required
def evaluasi_berkas_penilaian(request, pk):
    """The signed paper of a rating HR recorded for an appraiser outside the roster, to those who see the evaluation."""
    ev = visible_or_404(izin.evaluasi_visible_to(request.user).exclude(berkas_penilaian=""), pk=pk)
    return serve_file(ev.berkas_penilaian)


# --- the supervisor's team ------------------------------------------------------------------------------------


def konteks_tim_evaluasi(request, bawahan) -> dict:
    """The evaluation section of "Tim Saya": the chosen (or current) period, the evaluation and next step of each
    of the given direct subordinates (the page shown), and the SKP waiting for the supervisor's approval."""
    semua_periode = list(sel.daftar_periode())
    periode = sel.periode_terpilih(semua_periode, request.GET.get("periode"))
    # Lazy: read only when "Tim Saya" renders its tables, not when the cache already holds them.
    return {
        "semua_periode": semua_periode,
        "periode": periode,
        "halaman_anggota": SimpleLazyObject(lambda: sel.tim_saya(request.user, periode.pk, bawahan) if periode else []),
        "skp_menunggu": sel.skp_menunggu_persetujuan(request.user),
    }
