"""Template helpers of the evaluation pages: badges for states and predikat, the period's progress bars."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.numbers import angka
from kinerja.penilaian.models import EvaluasiKinerja

register = template.Library()

_WARNA_STATUS = {
    "DRAFT": "secondary",
    "DIAJUKAN": "warning",
    "DINILAI": "info",
    "DIKEMBALIKAN": "danger",
    "FINAL": "success",
    "DISETUJUI": "success",
    "DIBUKA": "success",
    "DITUTUP": "secondary",
}
_WARNA_PREDIKAT = {
    "SANGAT_BAIK": "success",
    "BAIK": "primary",
    "BUTUH_PERBAIKAN": "warning",
    "KURANG": "danger",
    "SANGAT_KURANG": "dark",
}


@register.filter
def warna_status(status):
    """The Bootstrap colour of an evaluation, SKP or period state."""
    return _WARNA_STATUS.get(status, "secondary")


@register.filter
def label_rating(kode):
    """A rating code (DI_ATAS, SESUAI, DI_BAWAH) as the regulation writes it."""
    return dict(EvaluasiKinerja.Rating.choices).get(kode, kode)


@register.filter
def angka_kredit(nilai):
    """An angka kredit as Indonesian text without trailing zeros (18,75; 12,5; 50), or a dash when there is none."""
    return "–" if nilai is None else angka(nilai)


@register.filter
def label_predikat(kode):
    """A predikat code (SANGAT_BAIK, ...) as the regulation writes it."""
    return dict(EvaluasiKinerja.Predikat.choices).get(kode, kode)


@register.filter
def warna_predikat(predikat):
    return _WARNA_PREDIKAT.get(predikat, "secondary")


# Simple tags rather than included templates: the HR list and Tim Saya show them on every row, and an include costs
# a template render each time.
@register.simple_tag
def lencana_status(ev):
    """The state of an evaluation as a coloured badge."""
    return format_html('<span class="badge text-bg-{}">{}</span>', warna_status(ev.status), ev.get_status_display())


@register.simple_tag
def lencana_predikat(ev):
    """The predikat of an evaluation as a coloured badge, or a dash before there is one."""
    if not ev.predikat:
        return mark_safe('<span class="text-muted">–</span>')
    return format_html(
        '<span class="badge text-bg-{}">{}</span>', warna_predikat(ev.predikat), ev.get_predikat_display()
    )


_BATANG_PROGRES = (
    ("final", "Final", "success"),
    ("dinilai", "Dinilai", "info"),
    ("diajukan", "Diajukan", "warning"),
    ("dikembalikan", "Dikembalikan", "danger"),
)


@register.simple_tag
def batang_progres(u):
    """One unit's row of the period's progress (selectors.progres_per_unit) as stacked bars; the widths
    are set by static/js/evaluasi.js from data-lebar (no inline style under the CSP)."""

    def lebar(n):
        return round(n / u["total"] * 100) if u["total"] else 0

    batang = format_html_join(
        "",
        '<div class="progress" role="progressbar" aria-label="{}" aria-valuenow="{}" aria-valuemin="0" '
        'aria-valuemax="{}" data-lebar="{}"><div class="progress-bar bg-{}"></div></div>',
        ((label, u[k], u["total"], lebar(u[k]), warna) for k, label, warna in _BATANG_PROGRES),
    )
    judul = (
        f"Draf {u['draft']} · Dikembalikan {u['dikembalikan']} · Diajukan {u['diajukan']} · Dinilai {u['dinilai']}"
        f" · Final {u['final']}"
    )
    return format_html('<div class="progress-stacked" title="{}">{}</div>', judul, batang)


@register.simple_tag
def lencana_sumber(ev):
    """A badge saying an evaluation was imported from e-Kinerja (nothing for one rated here)."""
    if not ev.diimpor:
        return ""
    return mark_safe('<span class="badge text-bg-info" title="Diimpor dari e-Kinerja BKN">e-Kinerja</span>')
