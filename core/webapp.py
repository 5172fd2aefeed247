"""The web-app manifest (name, colours and icons, so a phone can add the site to its home screen) and /favicon.ico,
which browsers and feed readers ask for whatever the page's <link rel="icon"> says."""

import json

from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# The icon's blue (base.html's theme-color says the same) and the page's white.
WARNA_TEMA = "#0a58ca"
WARNA_LATAR = "#ffffff"


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def manifest(request):
    """manifest.webmanifest, built here so the icons' addresses are those of the deployed static files."""
    isi = {
        "name": "Kinerja ASN & Layanan Publik Gorontalo",
        "short_name": "Layanan Gorontalo",
        "description": "Ajukan dan lacak permohonan layanan publik Pemerintah Provinsi Gorontalo.",
        "lang": "id",
        "start_url": reverse("beranda"),
        "scope": "/",
        "display": "standalone",
        "theme_color": WARNA_TEMA,
        "background_color": WARNA_LATAR,
        "icons": [
            {"src": static("ikon/ikon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("ikon/ikon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("ikon/ikon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("ikon/ikon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return HttpResponse(json.dumps(isi, ensure_ascii=False), content_type="application/manifest+json")


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def favicon(request):
    return redirect(static("ikon/ikon-32.png"))
