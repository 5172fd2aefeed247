from django import template

from core.numbers import angka
from layanan import ikm
from layanan.selectors import angka_layanan_pegawai

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


@register.simple_tag
def angka_layanan(pegawai_id, periode):
    """An ASN's public-service figures in a period (None without any), for the evaluation pages of kinerja, which
    does not import this app: {% angka_layanan ev.pegawai_id ev.periode as angka %}."""
    return angka_layanan_pegawai([pegawai_id], periode.mulai, periode.selesai).get(pegawai_id)


@register.inclusion_tag("layanan/_legenda_ikm.html")
def legenda_ikm():
    """The IKM pages' legend: the sample marks and the quality bands (PermenPANRB 14/2017)."""
    return {
        "mutu": [
            {"mutu": m, "kinerja": k, "warna": WARNA_MUTU[m], "dari": angka(bawah, 2), "sampai": angka(atas, 2)}
            for m, k, bawah, atas in ikm.rentang_mutu()
        ]
    }
