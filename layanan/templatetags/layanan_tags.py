from django import template

register = template.Library()

WARNA_STATUS = {
    "DITERIMA": "secondary",
    "DIPROSES": "primary",
    "MENUNGGU_PEMOHON": "warning",
    "SELESAI": "success",
    "DITOLAK": "danger",
}
WARNA_MUTU = {"A": "success", "B": "primary", "C": "warning", "D": "danger"}


@register.inclusion_tag("layanan/_status.html")
def status_permohonan(permohonan):
    """The request's state as a coloured badge, with an "overdue" badge when it is late."""
    return {"p": permohonan, "warna": WARNA_STATUS.get(permohonan.status, "secondary")}


@register.filter
def warna_mutu(mutu):
    return WARNA_MUTU.get(mutu, "secondary")
