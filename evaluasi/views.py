"""Pages of the rules app. Thin: every check is in permissions, every write in services, every read in selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from audit.selectors import riwayat_objek
from core.access import allowed_or_403, attempt, button, requires, to_form, to_message, visible_or_404
from core.redirects import local_url
from core.spreadsheet import download
from core.xlsx import write_xlsx
from kinerja.models import Periode
from kinerja.pegawai.selectors import pilihan_unit

from . import engine, impor, selectors, services
from . import permissions as izin
from .forms import (
    FormAturan,
    FormFilterKonsekuensi,
    FormFilterTPP,
    FormKehadiran,
    FormKunciTPP,
    FormPutusan,
    FormsetKondisi,
    FormSimulasi,
    FormTerapkan,
    FormUnggahFakta,
    kondisi_awal,
)
from .katalog import katalog
from .metrik import BULAN_AKHIR_BERTURUT
from .models import Aturan, BarisDaftarTPP, ImporFakta, PengaturanTPP

hanya_staf = requires(izin.can_view_rules, "Halaman ini untuk pengelola kinerja dan administrator.")
hanya_admin = requires(izin.can_manage_rules, "Hanya administrator yang dapat mengubah dan menerapkan aturan.")


# --- rules ---------------------------------------------------------------------------------------------------


@require_GET
@hanya_staf
def aturan_daftar(request):
    kat = katalog()
    aturan = [(a, engine.uraikan_kondisi(a.kondisi, kat, a.periode_berturut)) for a in Aturan.objects.all()]
    return render(
        request,
        "evaluasi/aturan_daftar.html",
        {"aturan": aturan, "periode": Periode.objects.order_by("-tahun", "-mulai")[:24]},
    )


@hanya_admin
def aturan_ubah(request, pk=None):
    """Create or edit a rule; "Simulasikan" shows who the rule (as typed, unsaved) would reach in a period."""
    aturan = visible_or_404(Aturan.objects, pk=pk) if pk else Aturan()
    simulasi = None
    if request.method == "POST":
        formset = FormsetKondisi(request.POST, prefix="kondisi")
        kondisi = (
            [k for f in formset.forms if f.is_valid() and (k := f.sebagai_kondisi())] if formset.is_valid() else []
        )
        form = FormAturan(request.POST, instance=aturan, kondisi=kondisi)
        form_simulasi = FormSimulasi(request.POST, prefix="simulasi")
        if formset.is_valid() and form.is_valid():
            if "simulasi" in request.POST:
                simulasi = _simulasikan(form, form_simulasi)
            else:
                aturan, galat = attempt(services.simpan_aturan, request.user, form.save(commit=False))
                if galat is None:
                    messages.success(request, f"Aturan '{aturan.nama}' disimpan (versi {aturan.versi}).")
                    return redirect("evaluasi:aturan_daftar")
                to_form(form, galat)
    else:
        form = FormAturan(instance=aturan)
        formset = FormsetKondisi(initial=kondisi_awal(aturan) if pk else None, prefix="kondisi")
        form_simulasi = FormSimulasi(prefix="simulasi")
    riwayat = riwayat_objek(aturan)[:20] if pk else []
    return render(
        request,
        "evaluasi/aturan_ubah.html",
        {
            "aturan": aturan,
            "form": form,
            "formset": formset,
            "form_simulasi": form_simulasi,
            "simulasi": simulasi,
            "riwayat": riwayat,
        },
    )


def _simulasikan(form, form_simulasi):
    """The unsaved rule evaluated for every active ASN of the chosen period, as if it were active."""
    if not form_simulasi.is_valid() or not form_simulasi.cleaned_data.get("periode"):
        form_simulasi.add_error("periode", "Pilih periode untuk simulasi.")
        return None
    periode = visible_or_404(Periode.objects, pk=form_simulasi.cleaned_data["periode"])
    draf = form.save(commit=False)
    draf.aktif = True
    return {"periode": periode, "baris": selectors.hitung_hasil(periode, [draf])}


@hanya_admin
def terapkan(request):
    """Preview of applying the active rules to a period (GET), then recording it (POST)."""
    periode = visible_or_404(Periode.objects, pk=request.GET.get("periode") or request.POST.get("periode") or 0)
    form = FormTerapkan(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hasil, galat = attempt(
            services.terapkan_aturan,
            request.user,
            periode.pk,
            konfirmasi_belum_final=form.cleaned_data["konfirmasi_belum_final"],
        )
        if galat is not None:
            to_message(request, galat)
        else:
            messages.success(
                request,
                f"Aturan diterapkan pada {periode}: {hasil.baru} usulan baru, {hasil.tetap} sudah tercatat, "
                f"{hasil.digantikan} digantikan.",
            )
            return redirect(f"{reverse('evaluasi:konsekuensi_daftar')}?periode={periode.pk}&status=USULAN")
    rencana = services.terapkan_aturan(request.user, periode.pk, dry_run=True).rencana
    return render(request, "evaluasi/terapkan.html", {"periode": periode, "rencana": rencana, "form": form})


# --- outcomes ------------------------------------------------------------------------------------------------


@require_GET
@requires(izin.can_view_outcome_list, "Daftar konsekuensi untuk pengelola kinerja dan administrator.")
def konsekuensi_daftar(request):
    form = FormFilterKonsekuensi(request.GET or None, pilihan_unit=pilihan_unit(request.user))
    halaman = Paginator(selectors.daftar_konsekuensi(request.user, **form.filters()), 50).get_page(
        request.GET.get("halaman")
    )
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "evaluasi/konsekuensi_daftar.html",
        {
            "form": form,
            "halaman": halaman,
            "query": query.urlencode(),
            "boleh_putuskan": izin.can_decide(request.user),
        },
    )


@require_GET
@login_required
def konsekuensi_detail(request, pk):
    k = visible_or_404(
        izin.konsekuensi_visible_to(request.user).select_related(
            "pegawai__unit_kerja",
            "periode",
            "aturan",
            "dibuat_oleh",
            "diputuskan_oleh",
            "digantikan_oleh__pegawai",
        ),
        pk=pk,
    )
    kat = katalog()
    pemicu = [(kat[m].label if m in kat else m, v) for m, v in (k.bukti.get("pemicu") or {}).items()]
    metrik = [
        (kat[m].label if m in kat else m, v)
        for m, v in (k.bukti.get("metrik") or {}).items()
        if m != BULAN_AKHIR_BERTURUT  # shown in the outcome's text instead
    ]
    riwayat = riwayat_objek(k)
    return render(
        request,
        "evaluasi/konsekuensi_detail.html",
        {
            "k": k,
            "pemicu": pemicu,
            "metrik": metrik,
            "kondisi": engine.uraikan_kondisi(
                k.aturan_data.get("kondisi"), kat, k.aturan_data.get("periode_berturut") or 1
            ),
            "riwayat": riwayat,
            "form": FormPutusan() if izin.can_decide(request.user) and k.status == "USULAN" else None,
        },
    )


@require_POST
@login_required
def konsekuensi_putuskan(request, pk):
    k = visible_or_404(izin.konsekuensi_visible_to(request.user), pk=pk)
    allowed_or_403(izin.can_decide(request.user), "Hanya administrator yang dapat menyetujui atau menolak konsekuensi.")
    form = FormPutusan(request.POST)
    if not form.is_valid():
        messages.error(request, "Pilih setujui atau tolak, dan isi alasannya.")
    else:
        button(
            request,
            f"Konsekuensi {k.pegawai.nama} diputuskan.",
            services.putuskan_konsekuensi,
            request.user,
            k.pk,
            setujui=form.cleaned_data["keputusan"] == "setujui",
            alasan=form.cleaned_data["alasan"],
        )
    return redirect(local_url(request.POST.get("kembali"), reverse("evaluasi:konsekuensi_daftar")))


@require_GET
@login_required
def konsekuensi_saya(request):
    """The ASN's own approved outcomes and, for a supervisor, their team's."""
    saya, tim = selectors.konsekuensi_saya(request.user)
    return render(request, "evaluasi/konsekuensi_saya.html", {"saya": saya, "tim": tim})


# --- attendance and training ---------------------------------------------------------------------------------

hanya_pengimpor = requires(izin.can_import_facts, "Impor kehadiran untuk pengelola kinerja dan administrator.")


@hanya_pengimpor
def impor_fakta(request):
    form = FormUnggahFakta(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.buat_impor(request.user, form.cleaned_data["jenis"], form.cleaned_data["berkas"])
        return redirect("evaluasi:impor_detail", pk=job.pk)
    riwayat = ImporFakta.objects.filter(dibuat_oleh=request.user).defer("ringkasan", "galat")[:10]
    return render(request, "evaluasi/impor.html", {"form": form, "riwayat": riwayat})


@require_GET
@hanya_pengimpor
def impor_detail(request, pk):
    job = visible_or_404(ImporFakta.objects.select_related("dibuat_oleh"), pk=pk, dibuat_oleh=request.user)
    return render(request, "evaluasi/impor_detail.html", {"job": job, "r": job.ringkasan or {}})


@require_POST
@hanya_pengimpor
def impor_konfirmasi(request, pk):
    job = visible_or_404(ImporFakta.objects, pk=pk, dibuat_oleh=request.user)
    job = services.konfirmasi_impor(request.user, job.pk)
    if job.status == ImporFakta.Status.SELESAI:
        messages.success(request, "Impor selesai.")
    elif job.status == ImporFakta.Status.GAGAL:
        messages.error(request, "Impor gagal; tidak ada data yang diubah. Lihat daftar galat.")
    return redirect("evaluasi:impor_detail", pk=job.pk)


@require_POST
@hanya_pengimpor
def impor_lembar(request, pk):
    job = visible_or_404(ImporFakta.objects, pk=pk, dibuat_oleh=request.user)
    lembar = request.POST.get("lembar", "")
    button(
        request, f"Pratinjau kini membaca lembar '{lembar}'.", services.pilih_lembar_impor, request.user, job.pk, lembar
    )
    return redirect("evaluasi:impor_detail", pk=job.pk)


@require_GET
@hanya_pengimpor
def impor_templat(request, jenis, format_berkas):
    if jenis.upper() not in impor.FORMAT or format_berkas not in ("xlsx", "csv"):
        raise Http404("Templat tidak dikenal.")
    return download(impor.templat(jenis.upper(), format_berkas), f"templat-{jenis.lower()}.{format_berkas}")


@hanya_pengimpor
def kehadiran_isi(request):
    form = FormKehadiran(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        pegawai = izin.pegawai_dikelola(request.user).filter(nip=d["nip"].strip()).first()
        if pegawai is None:
            form.add_error("nip", "NIP ini tidak ada di unit kerja yang Anda kelola.")
        else:
            _, galat = attempt(services.simpan_kehadiran, request.user, pegawai.pk, d["tahun"], d["bulan"], d)
            if galat is not None:
                to_form(form, galat)
            else:
                messages.success(request, f"Kehadiran {pegawai.nama} bulan {d['bulan']}/{d['tahun']} disimpan.")
                return redirect("evaluasi:kehadiran_isi")
    return render(request, "evaluasi/kehadiran_isi.html", {"form": form})


# --- TPP -----------------------------------------------------------------------------------------------------


def _tpp_dari_request(request):
    """The filter form, the unit, the locked versions of the month and the lines shown: the chosen (default the
    newest) locked version's, or the draft computed now when the month is not locked."""
    pilihan = pilihan_unit(request.user)
    form = FormFilterTPP(request.GET or None, pilihan_unit=pilihan)
    if not (request.GET and form.is_valid()):
        return form, None, [], None, None
    # The unit's choices are the units the user may see, so another unit is refused by the form.
    d = form.cleaned_data
    unit_id = d["unit"]
    versi = selectors.daftar_tpp(unit_id, d["tahun"], d["bulan"])
    if not versi:
        return (
            form,
            unit_id,
            versi,
            None,
            [BarisDaftarTPP.dari(b) for b in selectors.tabel_tpp(unit_id, d["tahun"], d["bulan"])],
        )
    diminta = request.GET.get("versi")
    daftar = next((v for v in versi if str(v.versi) == diminta), versi[0])
    return form, unit_id, versi, daftar, list(daftar.baris.all())


# The amounts of a month's TPP in the BPKAD layout's order: (field of BarisDaftarTPP, column title).
KOLOM_RUPIAH = [
    ("besaran", "Besaran TPP"),
    ("beban_kerja", "TPP Beban Kerja"),
    ("porsi_kinerja", "Porsi Kinerja"),
    ("kinerja", "Kinerja Dibayar"),
    ("porsi_disiplin", "Porsi Disiplin"),
    ("potongan_disiplin", "Potongan Disiplin"),
    ("disiplin", "Disiplin Dibayar"),
    ("potongan_sanksi", "Potongan Hukuman Disiplin"),
    ("bruto", "Jumlah Kotor"),
    ("pph", "PPh 21"),
    ("bpjs", "Iuran BPJS"),
    ("diterima", "TPP Bersih Diterima"),
]


def _jumlah(baris) -> dict:
    return {f: sum((getattr(b, f) or 0 for b in baris), 0) for f, _ in KOLOM_RUPIAH}


@require_GET
@hanya_staf
def tpp(request):
    form, unit_id, versi, daftar, baris = _tpp_dari_request(request)
    kunci = None
    if baris is not None and izin.can_lock_tpp(request.user, unit_id):
        kunci = FormKunciTPP(initial=form.cleaned_data, pilihan_unit=form.fields["unit"].choices)
    return render(
        request,
        "evaluasi/tpp.html",
        {
            "form": form,
            "baris": baris,
            "versi": versi,
            "daftar": daftar,
            "kunci": kunci,
            "total": None if baris is None else _jumlah(baris),
            "pengaturan": PengaturanTPP.aktif(),
            # The month's filter without the version, which the page's links add themselves.
            "query": _tanpa(request.GET, "versi"),
        },
    )


def _tanpa(query, kunci: str) -> str:
    salinan = query.copy()
    salinan.pop(kunci, None)
    return salinan.urlencode()


@require_POST
@hanya_staf
def tpp_kunci(request):
    form = FormKunciTPP(request.POST, pilihan_unit=pilihan_unit(request.user))
    if not form.is_valid():
        messages.error(request, "Unit, tahun atau bulan tidak sah.")
        return redirect("evaluasi:tpp")
    d = form.cleaned_data
    hasil = button(
        request,
        lambda daftar: f"{daftar} dikunci: {daftar.jumlah_pegawai} pegawai.",
        services.kunci_tpp,
        request.user,
        d["unit"],
        d["tahun"],
        d["bulan"],
        d["alasan"],
    )
    query = f"unit={d['unit']}&tahun={d['tahun']}&bulan={d['bulan']}"
    return redirect(reverse("evaluasi:tpp") + "?" + query + (f"&versi={hasil.versi}" if hasil else ""))


JUDUL_TPP = [
    "NIP",
    "Nama",
    "Unit Kerja",
    "Kelas Jabatan",
    "Golongan",
    "Predikat",
    *(j for _, j in KOLOM_RUPIAH),
    "Plt/Plh",
    "Keterangan",
]


@require_GET
@hanya_staf
def tpp_ekspor(request):
    """The month's list in the layout BPKAD works with: one line per ASN, every component, the totals; the locked
    version shown (a list not locked yet is marked DRAF in its sheet and file name)."""
    form, unit_id, versi, daftar, baris = _tpp_dari_request(request)
    if baris is None:
        raise Http404("Pilih unit, tahun dan bulan.")
    rows = [
        [b.nip, b.nama, b.unit_kerja, b.kelas_jabatan or "", b.golongan, b.label_predikat]
        + [getattr(b, f) if b.besaran is not None else "" for f, _ in KOLOM_RUPIAH]
        + [b.plt, b.keterangan]
        for b in baris
    ]
    total = _jumlah(baris)
    rows.append(["", f"JUMLAH ({len(baris)} pegawai)", "", "", "", "", *(total[f] for f, _ in KOLOM_RUPIAH), "", ""])
    rupiah = {6 + i: "#,##0" for i in range(len(KOLOM_RUPIAH))}
    lebar = [22, 30, 30, 8, 10, 16] + [16] * len(KOLOM_RUPIAH) + [30, 40]
    lembar = f"TPP versi {daftar.versi}" if daftar else "TPP DRAF"
    data = write_xlsx(lembar, JUDUL_TPP, rows, widths=lebar, number_formats=rupiah)
    d = form.cleaned_data
    nama = f"tpp-{unit_id}-{d['tahun']}-{d['bulan']:02d}" + (f"-v{daftar.versi}" if daftar else "-draf")
    return download(data, f"{nama}.xlsx")
