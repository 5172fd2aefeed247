"""Template helpers of the evaluation pages: badge colours for states and predikat."""

from django import template

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
def warna_predikat(predikat):
    return _WARNA_PREDIKAT.get(predikat, "secondary")
