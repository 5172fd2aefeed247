import datetime

from django import template
from django.urls import reverse
from django.utils.formats import date_format

from kinerja.nip import urai_nip

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


@register.inclusion_tag("_nav_link.html", takes_context=True)
def nav_link(context, url_name, label, icon, href=None):
    """A navbar item, marked as the current page when the request resolved to url_name."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return {
        "href": href or reverse(url_name),
        "label": label,
        "icon": icon,
        # view_name carries the namespace ("layanan:loket"); for un-namespaced routes it equals url_name.
        "aktif": match is not None and match.view_name == url_name,
    }
