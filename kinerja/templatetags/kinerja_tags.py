import datetime

from django import template
from django.urls import reverse
from django.utils.formats import date_format

from kinerja.pegawai.nip import urai_nip

register = template.Library()


@register.filter
def nip_terbaca(nip):
    """Group an NIP as it is printed on official documents: birth date · CPNS start · sex · sequence."""
    nip = str(nip or "")
    if len(nip) != 18:
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


@register.filter
def tmt_cpns(nip):
    """The CPNS start month written in the NIP (digits 9–14), e.g. "Mei 2015"; empty when unreadable."""
    try:
        info = urai_nip(nip)
    except ValueError:
        return ""
    return date_format(datetime.date(info.tahun_cpns, info.bulan_cpns, 1), "F Y")


def _halaman_ini(context):
    """The current route's view name ("layanan:loket" with its namespace), or None."""
    match = getattr(context.get("request"), "resolver_match", None)
    return match.view_name if match is not None else None


@register.inclusion_tag("_nav_link.html", takes_context=True)
def nav_link(context, url_name, label, icon, dropdown=False, cakupan=None):
    """A navbar item (or, with dropdown=True, an item of a navbar menu), marked when it is the current page,
    or with cakupan="ns" any page of that URL namespace (for an entry that only redirects into it)."""
    halaman = _halaman_ini(context) or ""
    return {
        "href": reverse(url_name),
        "label": label,
        "icon": icon,
        "dropdown": dropdown,
        "aktif": halaman == url_name or bool(cakupan and halaman.startswith(f"{cakupan}:")),
    }


@register.simple_tag(takes_context=True)
def nav_menu_aktif(context, *url_names):
    """' active' when the current page is one of a navbar menu's items, so the menu's toggle is highlighted."""
    return " active" if _halaman_ini(context) in url_names else ""
