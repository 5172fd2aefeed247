"""Dashboards: thin views over rekap.selectors; every one checks its role on the server."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from core.access import allowed_or_403, requires
from core.cache import cached, fragment_key
from kinerja.models import UnitKerja
from kinerja.pegawai.permissions import peran
from kinerja.penilaian.selectors import periode_terpilih

from . import grafik, selectors
from .permissions import can_view_organisasi, can_view_saya, can_view_tim


def _tab(user) -> list[tuple[str, str]]:
    """The dashboards this user may open, as (url name, label), for the tabs and the redirect."""
    tab = []
    if can_view_organisasi(user):
        tab.append(("rekap:organisasi", "Organisasi"))
    if can_view_tim(user):
        tab.append(("rekap:tim", "Tim saya"))
    if can_view_saya(user):
        tab.append(("rekap:saya", "Kinerja saya"))
    return tab


@login_required
def dasbor(request):
    tab = _tab(request.user)
    if not tab and peran(request.user).pejabat_luar is not None:
        # An appraiser outside the roster has no roll-up of their own (RekapTim counts roster teams): their team
        # page shows the evaluations waiting for them.
        return redirect("tim_saya")
    allowed_or_403(bool(tab), "Tidak ada dasbor untuk akun ini.")
    return redirect(tab[0][0])


def _konteks_periode(request) -> dict:
    """The tabs, the periods for the filter and the chosen one (?periode=, else the newest open)."""
    periode = selectors.daftar_periode()
    terpilih = periode_terpilih(periode, request.GET.get("periode"))
    return {
        "tab": _tab(request.user),
        "periode": periode,
        "terpilih": terpilih,
        "status_rekap": selectors.status_rekap(terpilih),
        "pengingat": selectors.pengingat_hari_ini(request.user),
    }


@requires(can_view_organisasi, "Dasbor organisasi untuk pengelola kinerja dan administrator.")
def organisasi(request):
    context = _konteks_periode(request)
    terpilih = context["terpilih"]
    if terpilih is not None:
        unit = request.GET.get("unit") or None

        def hitung():
            try:
                dasbor = selectors.dasbor_organisasi(request.user, terpilih, unit)
            except UnitKerja.DoesNotExist:
                raise Http404("Unit kerja tidak ditemukan.") from None
            return {
                "dasbor": dasbor,
                "grafik_status": grafik.status_per_baris(dasbor.baris, lambda r: r.unit_kerja.nama),
                "grafik_predikat": grafik.sebaran_predikat(dasbor.rekap),
                "grafik_tren": grafik.tren(dasbor.tren),
                "grafik_layanan": grafik.layanan_per_unit(dasbor.baris),
                "kurva": selectors.uraian_kurva(dasbor.rekap.capaian_organisasi if dasbor.rekap else ""),
                "layanan_per_jenis": selectors.layanan_per_jenis(dasbor, terpilih),
            }

        # Kept in the cache while the roll-ups, units, periods and services stay the same (core/cache.py).
        bagian = f"dasbor-organisasi:{terpilih.pk}:{unit}"
        context |= cached(
            request, bagian, hitung, "roster", "periode", "rekap", "layanan", roles=peran(request.user).kunci
        )
        context |= {
            "fragmen": fragment_key(request, "roster", "periode", "rekap", "layanan", roles=peran(request.user).kunci),
        }
    return render(request, "rekap/organisasi.html", context)


@requires(can_view_tim, "Dasbor tim untuk pegawai yang memiliki bawahan langsung.")
def tim(request):
    context = _konteks_periode(request)
    dasbor = selectors.dasbor_tim(request.user, context["terpilih"])
    context |= {
        "dasbor": dasbor,
        "grafik_status": grafik.status_donat(dasbor.rekap),
        "grafik_predikat": grafik.sebaran_predikat(dasbor.rekap),
        "grafik_tren": grafik.tren(dasbor.tren),
    }
    return render(request, "rekap/tim.html", context)


@login_required
def saya(request):
    if not can_view_saya(request.user):
        return render(request, "kinerja/tanpa_profil.html")
    evaluasi = selectors.tren_saya(request.user)
    context = {
        "tab": _tab(request.user),
        "pengingat": selectors.pengingat_hari_ini(request.user),
        "pegawai": peran(request.user).pegawai,
        "evaluasi": evaluasi,
        "grafik_tren": grafik.tren_saya(evaluasi),
    }
    return render(request, "rekap/saya.html", context)
