"""The site can be added to a phone's home screen: a favicon (SVG and PNG) and a web-app manifest served with its
own content type, linked from every page."""

import json
import struct
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def ukuran_png(nama: str) -> tuple[int, int]:
    with open(finders.find(nama), "rb") as berkas:
        kepala = berkas.read(24)
    assert kepala[:8] == b"\x89PNG\r\n\x1a\n", nama
    return struct.unpack(">II", kepala[16:24])


def test_the_manifest_has_its_content_type_a_name_and_icons_that_exist(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    isi = json.loads(response.content)
    assert isi["lang"] == "id" and isi["start_url"] == "/" and isi["display"] == "standalone"
    assert isi["short_name"] and len(isi["short_name"]) <= 20
    ikon = {(i["sizes"], i.get("purpose", "any")): i["src"] for i in isi["icons"]}
    assert set(ikon) == {("any", "any"), ("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for (ukuran, _), src in ikon.items():
        nama = src.removeprefix("/static/")
        assert finders.find(nama), src
        if ukuran != "any":
            assert ukuran_png(nama) == tuple(int(n) for n in ukuran.split("x"))


def test_every_page_links_the_icons_and_the_manifest(client, org, login):
    for html in (client.get(reverse("login")).content.decode(), login(org.admin).get("/").content.decode()):
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html
        assert 'href="/static/ikon/ikon.svg" sizes="any" type="image/svg+xml"' in html
        assert 'href="/static/ikon/ikon-32.png" sizes="32x32" type="image/png"' in html
        assert 'rel="apple-touch-icon" href="/static/ikon/apple-touch-icon.png"' in html
    assert ukuran_png("ikon/ikon-32.png") == (32, 32) and ukuran_png("ikon/apple-touch-icon.png") == (180, 180)
    assert "<svg" in Path(finders.find("ikon/ikon.svg")).read_text()


def test_favicon_ico_leads_to_the_png_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/ikon/ikon-32.png"
