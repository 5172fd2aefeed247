from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from core.access import requires, visible_or_404
from core.cache import fragment_key
from kinerja.penilaian import selectors as selectors_penilaian
from kinerja.penilaian import selectors_ekinerja
from kinerja.penilaian.forms_skp import FormBuatSKP
from kinerja.penilaian.permissions import can_plan_for
from kinerja.penilaian.selectors_angka_kredit import angka_kredit_pegawai
from kinerja.penilaian.views import konteks_tim_evaluasi
from kinerja.penilaian.views_harian import konteks_progres_tim

from . import selectors
from .forms import FormFilterPegawai
from .permissions import can_view_pegawai, can_view_roster, can_view_team, mengelola_unit, peran

PEGAWAI_PER_HALAMAN = 50
TIM_PER_HALAMAN = 50


@login_required
def beranda(request):
    p = peran(request.user)
    context = {}
    if p.staf:
        context["ringkasan"] = selectors.ringkasan_roster(request.user)
        context["pohon"] = selectors.pohon_unit_terlihat(request.user)
    if p.menilai:
        context["jumlah_tim"] = selectors.tim_dari(request.user).count()
    return render(request, "kinerja/beranda.html", context)


@requires(can_view_roster, "Daftar pegawai untuk pengelola kinerja dan administrator.")
def daftar_pegawai(request):
    # Lazy: the units are read only when a filter names one or the form is rendered (not from the cache).
    form = FormFilterPegawai(request.GET, pilihan_unit=SimpleLazyObject(lambda: selectors.pilihan_unit(request.user)))
    pegawai = selectors.cari_pegawai(request.user, **form.filters())
    halaman = Paginator(pegawai, PEGAWAI_PER_HALAMAN).get_page(request.GET.get("halaman"))
    context = {
        "form": form,
        "halaman": halaman,
        "nomor_halaman": halaman.paginator.get_elided_page_range(halaman.number, on_each_side=2, on_ends=1),
        # The form and the table are rendered only when the cache has no fragment for these data (fragmen_detik:
        # context_processors.fragmen).
        "fragmen": fragment_key(request, "roster", roles=peran(request.user).kunci),
    }
    return render(request, "kinerja/daftar_pegawai.html", context)


def _render_detail(request, pegawai, **extra):
    atasan = pegawai.atasan
    sendiri = peran(request.user).pegawai == pegawai
    context = {
        "pegawai": pegawai,
        "jalur_unit": selectors.jalur_unit(pegawai.unit_kerja),
        "atasan_bisa_dibuka": atasan is not None and can_view_pegawai(request.user, atasan),
        "bawahan": selectors.bawahan_dari(request.user, pegawai),
        "skp": selectors_penilaian.skp_pegawai(request.user, pegawai.pk),
        # Per period the evaluation of record, rated here or imported from e-Kinerja, and a kept imported result.
        "evaluasi_kinerja": selectors_ekinerja.evaluasi_dan_hasil_pegawai(pegawai.pk),
        "angka_kredit": angka_kredit_pegawai(request.user, pegawai),
        "dapat_menetapkan_penilai": mengelola_unit(request.user, pegawai.unit_kerja_id),
        # HR staff start an SKP here; the ASN themself does it on Kinerja Saya.
        "form_skp": None
        if sendiri or not can_plan_for(request.user, pegawai)
        else FormBuatSKP(initial={"tahun": timezone.localdate().year}),
        **extra,
    }
    return render(request, "kinerja/detail_pegawai.html", context)


@login_required
def detail_pegawai(request, pk):
    # Someone the user may not see gets the same 404 as a missing id, so ids reveal nothing.
    pegawai = visible_or_404(selectors.pegawai_untuk_detail(request.user), pk=pk)
    return _render_detail(request, pegawai)


@login_required
def profil_saya(request):
    p = peran(request.user)
    if p.pegawai is None:
        return render(request, "kinerja/tanpa_profil.html")
    pegawai = visible_or_404(selectors.pegawai_untuk_detail(request.user), pk=p.pegawai.pk)
    return _render_detail(request, pegawai, profil_sendiri=True)


@requires(can_view_roster, "Pohon unit kerja untuk pengelola kinerja dan administrator.")
def pohon_unit(request):
    return render(request, "kinerja/pohon_unit.html", {"pohon": selectors.pohon_unit_terlihat(request.user)})


@requires(can_view_team, "Tim Saya untuk atasan dan pejabat penilai kinerja.")
def tim_saya(request):
    # A head of a large section can have hundreds of direct reports: both tables show the same page of them,
    # counted and sliced in the database (ordered by name, NIP).
    halaman = Paginator(selectors.tim_dari(request.user), TIM_PER_HALAMAN).get_page(request.GET.get("halaman"))
    context = {
        "halaman": halaman,
        "nomor_halaman": halaman.paginator.get_elided_page_range(halaman.number, on_each_side=2, on_ends=1),
        # The tables are rendered only when the cache has no fragment for these data (core/cache.py).
        "fragmen": fragment_key(request, "roster", "periode", "skp", "evaluasi", roles=peran(request.user).kunci),
        **konteks_tim_evaluasi(request, halaman.object_list),
        **konteks_progres_tim(halaman),
    }
    return render(request, "kinerja/tim_saya.html", context)
