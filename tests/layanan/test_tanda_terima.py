"""The receipt that ends the online and the counter form: ticket, service, dates, SLA due date, how to track with a
QR code; for the browser that sent or tracked the request and for staff who see it, never for anyone else."""

import datetime
import re

import pytest
import segno
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layanan import services
from layanan.models import BerkasPersyaratan, Permohonan
from tests.layanan.factories import NIK_CONTOH

pytestmark = pytest.mark.django_db
WITA = datetime.timezone(datetime.timedelta(hours=8))


def isian(lay, **kw):
    return {
        "jenis_layanan": lay.jenis.pk,
        "nama_pemohon": "Rahmat Hulopi",
        "nik": NIK_CONTOH,
        "telepon": "0812345678",
        **kw,
    }


@pytest.fixture
def terkirim(lay, client):
    """The receipt page right after the citizen sent the online form (Monday 3 March 2025, 09:00 WITA)."""
    sekarang = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=WITA)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timezone, "now", lambda: sekarang)
        response = client.post(reverse("layanan:ajukan"), isian(lay), follow=True)
    return Permohonan.objects.get(), response


def test_the_receipt_shows_ticket_service_dates_and_how_to_track(terkirim):
    p, response = terkirim
    assert response.status_code == 200
    html = response.content.decode()
    assert p.nomor_tiket == "KTP-250303-0001"
    assert '<p class="nomor-tiket fs-2 fw-bold mb-3" id="nomor-tiket">KTP-250303-0001</p>' in html
    assert "Perekaman KTP-el" in html and "Dinas Kesehatan" in html
    assert "Senin, 3 Maret 2025 09:00 WITA" in html
    # The due date of the SLA's working calendar (layanan/kalender.py): three working days, to Thursday's close.
    assert "Kamis, 6 Maret 2025 16:00 WITA" in html and "3 hari kerja" in html
    assert "http://testserver/layanan/lacak/?tiket=KTP-250303-0001" in html and "4 digit terakhir NIK" in html
    assert "Rahmat Hulopi" not in html and NIK_CONTOH not in html and "••••••••••••0001" in html


def test_the_qr_code_leads_to_the_tracking_page_of_the_ticket(terkirim):
    p, response = terkirim
    html = response.content.decode()
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    harapan = segno.make("http://testserver/layanan/lacak/?tiket=KTP-250303-0001", error="m")
    assert svg == harapan.svg_inline(
        scale=4, border=2, light="#fff", omitsize=True, svgclass="qr-lacak", lineclass=None
    )
    assert 'role="img" aria-label="Kode QR menuju halaman lacak permohonan KTP-250303-0001"' in html


def test_the_receipt_prints_and_stays_out_of_caches(terkirim):
    _, response = terkirim
    html = response.content.decode()
    assert "data-cetak" in html and "js/cetak.js" in html and "css/layanan.css" in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_another_browser_gets_an_indonesian_page_not_the_receipt(terkirim):
    p, _ = terkirim
    response = Client().get(reverse("layanan:tanda_terima", args=[p.nomor_tiket]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Tanda terima tidak ditemukan" in html and "Lacak permohonan" in html
    assert "Perekaman KTP-el" not in html and p.nomor_tiket not in html


def test_a_ticket_that_does_not_exist_gets_the_same_page(client, db):
    response = client.get(reverse("layanan:tanda_terima", args=["KTP-990101-0001"]))
    assert response.status_code == 404
    assert "Tanda terima tidak ditemukan" in response.content.decode()
    assert response.templates[0].name == "layanan/tidak_ditemukan.html"


def test_tracking_with_ticket_and_nik_digits_opens_the_receipt_again(terkirim):
    p, _ = terkirim
    lain = Client()
    url = reverse("layanan:tanda_terima", args=[p.nomor_tiket])
    lain.post(reverse("layanan:lacak"), {"nomor_tiket": p.nomor_tiket, "nik_4": "9999"})
    assert lain.get(url).status_code == 404
    html = lain.post(reverse("layanan:lacak"), {"nomor_tiket": p.nomor_tiket, "nik_4": NIK_CONTOH[-4:]}).content
    assert url in html.decode()
    assert lain.get(url).status_code == 200


def test_a_browser_remembers_only_its_last_ten_receipts(lay, client):
    client.post(reverse("layanan:ajukan"), isian(lay))
    pertama = Permohonan.objects.get()
    for _ in range(10):
        services.ajukan_daring(jenis_layanan=lay.jenis, nama_pemohon="X", nik=NIK_CONTOH, telepon="0812345678")
    semua = list(Permohonan.objects.order_by("id"))
    session = client.session
    session["tanda_terima"] = [p.nomor_tiket for p in semua[1:]]
    session.save()
    # Tracking the first one again remembers it and forgets the oldest of the others.
    client.post(reverse("layanan:lacak"), {"nomor_tiket": pertama.nomor_tiket, "nik_4": NIK_CONTOH[-4:]})
    ingat = client.session["tanda_terima"]
    assert len(ingat) == 10 and ingat[-1] == pertama.nomor_tiket and semua[1].nomor_tiket not in ingat


def test_the_counter_ends_on_the_receipt_for_the_citizen(lay, login):
    client = login(lay.petugas)
    response = client.post(
        reverse("layanan:loket"),
        {
            "jenis_layanan": lay.jenis.pk,
            "nama_pemohon": "Siti",
            "nik": NIK_CONTOH,
            "telepon": "0812345678",
            "kanal": "LOKET",
        },
        follow=True,
    )
    p = Permohonan.objects.get()
    assert response.redirect_chain[-1][0] == reverse("layanan:tanda_terima", args=[p.nomor_tiket])
    html = response.content.decode()
    assert p.nomor_tiket in html and "Siti" in html and "Kembali ke loket" in html and "Loket" in html
    # Staff who may not see the request (another unit's officer) get the not-found page.
    assert login(lay.petugas_a).get(reverse("layanan:tanda_terima", args=[p.nomor_tiket])).status_code == 404
    # The head of the unit sees the receipt, but no way back to a counter that is not theirs.
    html = login(lay.kepala_b.user).get(reverse("layanan:tanda_terima", args=[p.nomor_tiket])).content.decode()
    assert p.nomor_tiket in html and "Kembali ke loket" not in html


def test_the_receipt_and_the_form_cost_the_same_queries_with_more_documents(
    lay, client, settings, tmp_path, django_assert_max_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    client.post(reverse("layanan:ajukan"), isian(lay))
    p = Permohonan.objects.get()
    url = reverse("layanan:tanda_terima", args=[p.nomor_tiket])
    with django_assert_max_num_queries(3):  # the session, the request with its service and unit, its documents
        client.get(url)
    for nomor in range(3):
        BerkasPersyaratan.objects.create(
            permohonan=p, persyaratan=f"Dokumen {nomor}", berkas=SimpleUploadedFile(f"d{nomor}.pdf", b"%PDF-")
        )
    lay.jenis.persyaratan = "\n".join(f"Dokumen {nomor}" for nomor in range(12))
    lay.jenis.save()
    with django_assert_max_num_queries(3):
        assert client.get(url).content.decode().count("(diunggah)") == 3
    with django_assert_max_num_queries(2):  # the service, then the session it touches
        assert client.get(reverse("layanan:ajukan"), {"layanan": "KTP"}).content.decode().count('type="file"') == 12
