"""The product's URLs plus one floor view per measured page (bench only).

A floor view runs the page's main query the same way and returns it as plain text: no template, no form, no
navbar. The page's time divided by its floor's shows what the page adds on top of its data.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as produk
from kinerja.pegawai import selectors
from kinerja.pegawai.views import PEGAWAI_PER_HALAMAN, TIM_PER_HALAMAN
from kinerja.penilaian import selectors as sel
from kinerja.penilaian.views_periode import EVALUASI_PER_HALAMAN
from layanan import selectors as sel_layanan
from layanan.forms import FormRentangLaporan
from rekap import selectors as sel_rekap


def _teks(baris) -> HttpResponse:
    return HttpResponse("\n".join(str(b) for b in baris), content_type="text/plain; charset=utf-8")


@login_required
def periode(request, pk):
    qs = sel.daftar_evaluasi(request.user, pk)
    halaman = Paginator(qs, EVALUASI_PER_HALAMAN).get_page(1)
    return _teks(f"{e.pegawai.nama} {e.status} {e.predikat}" for e in halaman)


@login_required
def pegawai(request):
    qs = selectors.cari_pegawai(request.user, q=request.GET.get("q", ""), aktif=True)
    halaman = Paginator(qs, PEGAWAI_PER_HALAMAN).get_page(1)
    return _teks(f"{p.nip} {p.nama} {p.unit_kerja.nama}" for p in halaman)


@login_required
def tim(request):
    periode = sel.periode_terkini()
    halaman = Paginator(selectors.tim_dari(request.user), TIM_PER_HALAMAN).get_page(1)
    anggota = sel.tim_saya(request.user, periode.pk, halaman.object_list)
    return _teks(f"{a.pegawai.nama} {a.pegawai.jumlah_bawahan} {a.evaluasi and a.evaluasi.status}" for a in anggota)


@login_required
def evaluasi(request, pk):
    d = sel.detail_evaluasi(request.user, pk, lengkap=False)
    return _teks([d.evaluasi.status, *(r.rhk.uraian for r in d.rhk)])


@login_required
def dasbor(request):
    semua = sel_rekap.daftar_periode()
    d = sel_rekap.dasbor_organisasi(request.user, sel.periode_terpilih(semua, None))
    return _teks(f"{r.unit_kerja.nama} {r.jumlah_evaluasi}" for r in d.baris)


def ikm(request):
    mulai, selesai, _ = FormRentangLaporan(request.GET or None).periode()
    return _teks(f"{h.jenis_layanan.nama} {h.hasil}" for h in sel_layanan.hasil_survei(mulai, selesai))


def lacak(request):
    p = sel_layanan.lacak_permohonan(request.POST.get("nomor_tiket", ""), request.POST.get("nik_4", ""))
    return _teks([p.status if p else "tidak ditemukan"])


urlpatterns = [
    path("_lantai/periode/<int:pk>/", periode),
    path("_lantai/pegawai/", pegawai),
    path("_lantai/tim-saya/", tim),
    path("_lantai/evaluasi/<int:pk>/", evaluasi),
    path("_lantai/dasbor/", dasbor),
    path("_lantai/ikm/", ikm),
    path("_lantai/lacak/", lacak),
    *produk,
]
