"""Citizens' pages: the online form (rate limit, honeypot), tracking that leaks nothing, the one-time survey."""

import re
import time

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from layanan import services
from layanan.models import Permohonan, SurveiKepuasan
from tests.layanan.factories import NIK_CONTOH

pytestmark = pytest.mark.django_db
S = Permohonan.Status


def isian_daring(lay, **kw):
    return {
        "jenis_layanan": lay.jenis.pk,
        "nama_pemohon": "Rahmat Hulopi",
        "nik": NIK_CONTOH,
        "telepon": "081234567890",
        **kw,
    }


def test_a_citizen_applies_online_and_sees_the_ticket(lay, client):
    response = client.post(reverse("layanan:ajukan"), isian_daring(lay), follow=True)
    p = Permohonan.objects.get()
    assert (p.kanal, p.petugas, p.nama_pemohon) == (Permohonan.Kanal.DARING, None, "Rahmat Hulopi")
    assert response.redirect_chain[-1][0] == reverse("layanan:tanda_terima", args=[p.nomor_tiket])
    assert p.nomor_tiket in response.content.decode()


def test_the_phone_number_is_checked_and_stored_in_one_form(lay, client):
    url = reverse("layanan:ajukan")
    halaman = client.post(url, isian_daring(lay, telepon="telepon saya")).content.decode()
    assert "hanya boleh berisi angka" in halaman and "0812 3456 7890" in halaman
    assert not Permohonan.objects.exists()
    client.post(url, isian_daring(lay, telepon="+62 812-3456-7890"))
    assert Permohonan.objects.get().telepon == "081234567890"


def test_the_form_explains_an_invalid_nik_in_indonesian(lay, client):
    response = client.post(reverse("layanan:ajukan"), isian_daring(lay, nik="7501044003900001"))
    assert response.status_code == 200
    assert "bukan tanggal lahir yang sah" in response.content.decode()
    assert not Permohonan.objects.exists()


def test_the_honeypot_refuses_bots(lay, client):
    response = client.post(reverse("layanan:ajukan"), isian_daring(lay, situs_web="http://spam.example"))
    assert response.status_code == 400
    assert not Permohonan.objects.exists()


def test_online_requests_are_rate_limited_per_address(lay, client, settings):
    settings.LAYANAN_BATAS_PERMOHONAN_DARING = 2
    url = reverse("layanan:ajukan")
    assert [client.post(url, isian_daring(lay)).status_code for _ in range(3)] == [302, 302, 429]
    assert Permohonan.objects.count() == 2
    # Another address still may.
    assert client.post(url, isian_daring(lay), REMOTE_ADDR="10.0.0.9").status_code == 302


@pytest.fixture
def selesai(lay):
    p = services.catat_di_loket(
        lay.petugas.user, jenis_layanan=lay.jenis, nama_pemohon="Siti", nik=NIK_CONTOH, telepon="081234567890"
    )
    services.ubah_status(lay.petugas.user, p.pk, S.DIPROSES)
    return services.ubah_status(lay.petugas.user, p.pk, S.SELESAI)


def _tanpa_csrf(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_tracking_shows_state_history_and_the_survey_link(selesai, client):
    response = client.post(reverse("layanan:lacak"), {"nomor_tiket": selesai.nomor_tiket.lower(), "nik_4": "0001"})
    isi = response.content.decode()
    assert "Selesai" in isi and "Diproses" in isi
    assert reverse("layanan:survei", args=[selesai.token_survei]) in isi
    assert NIK_CONTOH not in isi  # masked
    assert "Siti" not in isi  # the name is not needed to follow a request


def test_a_budget_recreated_without_an_expiry_still_ends_with_its_window(lay, client, settings, monkeypatch):
    # Redis's INCR on a key that expired after the budget was checked makes the key anew, without an expiry.
    settings.LAYANAN_BATAS_PERMOHONAN_DARING = 1
    url = reverse("layanan:ajukan")
    kunci = "layanan:batas:ajukan:127.0.0.1"
    tembolok = caches["default"]
    incr = tembolok.incr

    def incr_tanpa_masa(key, delta=1):
        tembolok.set(key, 0, None)
        return incr(key, delta)

    monkeypatch.setattr(tembolok, "incr", incr_tanpa_masa)
    assert client.post(url, isian_daring(lay)).status_code == 302
    monkeypatch.setattr(tembolok, "incr", incr)
    assert client.post(url, isian_daring(lay)).status_code == 429
    # An hour later the address has a fresh budget.
    sekarang = time.time()
    monkeypatch.setattr(time, "time", lambda: sekarang + 60 * 60 + 1)
    assert cache.get(kunci) is None
    assert client.post(url, isian_daring(lay)).status_code == 302


def test_tracking_answers_the_same_for_a_wrong_ticket_and_a_wrong_nik(selesai, client):
    url = reverse("layanan:lacak")
    tiket_salah = client.post(url, {"nomor_tiket": "KTP-990101-0001", "nik_4": "0001"})
    nik_salah = client.post(url, {"nomor_tiket": selesai.nomor_tiket, "nik_4": "0002"})
    # The form echoes what was typed; with the same input the pages must be the same byte for byte.
    nik_salah_sama = client.post(url, {"nomor_tiket": "KTP-990101-0001", "nik_4": "0001"})
    assert tiket_salah.status_code == nik_salah.status_code == 200
    assert "tidak ditemukan" in _tanpa_csrf(tiket_salah)
    assert _tanpa_csrf(tiket_salah) == _tanpa_csrf(nik_salah_sama)
    assert _tanpa_csrf(nik_salah).replace(selesai.nomor_tiket, "KTP-990101-0001").replace(
        "0002", "0001"
    ) == _tanpa_csrf(tiket_salah)
    assert selesai.token_survei not in _tanpa_csrf(nik_salah)


def test_tracking_is_rate_limited_per_address(selesai, client, settings):
    settings.LAYANAN_BATAS_LACAK = 3
    url = reverse("layanan:lacak")
    kode = [client.post(url, {"nomor_tiket": "X", "nik_4": f"{n:04d}"}).status_code for n in range(4)]
    assert kode == [200, 200, 200, 429]
    # Even the right answer is refused until the window passes: guessing must not pay.
    assert client.post(url, {"nomor_tiket": selesai.nomor_tiket, "nik_4": "0001"}).status_code == 429


def jawaban_form(nilai=(4, 3, 3, 4, 3, 4, 4, 2, 3), **kw):
    return {**{f"unsur_{n}": v for n, v in enumerate(nilai, start=1)}, "saran": "Antrean cepat", **kw}


def test_the_survey_is_answered_once_through_its_link(selesai, client):
    url = reverse("layanan:survei", args=[selesai.token_survei])
    halaman = client.get(url).content.decode()
    assert "Persyaratan" in halaman and "Sangat sesuai" in halaman and "Dikelola dengan baik" in halaman
    assert client.post(url, jawaban_form()).status_code == 200
    survei = SurveiKepuasan.objects.get()
    assert (survei.jawaban, survei.saran, survei.jenis_layanan_id) == (
        (4, 3, 3, 4, 3, 4, 4, 2, 3),
        "Antrean cepat",
        selesai.jenis_layanan_id,
    )
    # The link is spent: a second visit or post finds nothing, and no second survey is stored.
    assert client.get(url).status_code == 404
    assert client.post(url, jawaban_form()).status_code == 404
    assert SurveiKepuasan.objects.count() == 1
    lacak = client.post(reverse("layanan:lacak"), {"nomor_tiket": selesai.nomor_tiket, "nik_4": "0001"})
    assert "sudah Anda isi" in lacak.content.decode()


def test_the_survey_refuses_missing_or_out_of_range_answers(selesai, client):
    url = reverse("layanan:survei", args=[selesai.token_survei])
    assert "Pilih salah satu jawaban" in client.post(url, jawaban_form(unsur_9="")).content.decode()
    assert client.post(url, jawaban_form(unsur_1="5")).status_code == 200
    # No account is needed for the survey, so its free text is bounded.
    panjang = client.post(url, jawaban_form(saran="x" * 2001)).content.decode()
    assert "paling banyak 2000 karakter" in panjang
    assert not SurveiKepuasan.objects.exists()


def test_one_survey_per_request_even_through_the_service(selesai):
    token = selesai.token_survei
    services.isi_survei(token, [4] * 9)
    with pytest.raises(services.SurveiTidakBerlaku):
        services.isi_survei(token, [1] * 9)
    assert SurveiKepuasan.objects.get().jawaban == (4,) * 9


def test_unknown_survey_tokens_are_404(client, db):
    assert client.get(reverse("layanan:survei", args=["tebakan"])).status_code == 404


def test_a_used_survey_link_says_in_indonesian_what_to_do(selesai, client):
    url = reverse("layanan:survei", args=[selesai.token_survei])
    services.isi_survei(selesai.token_survei, [4] * 9)
    for response in (client.get(url), client.post(url, jawaban_form())):
        assert response.status_code == 404
        html = response.content.decode()
        assert "Tautan survei tidak berlaku" in html and "sudah diisi" in html
        assert f'href="{reverse("layanan:lacak")}"' in html and f'href="{reverse("layanan:ajukan")}"' in html
        assert "Halaman tidak ditemukan" not in html  # not the site's generic 404


def test_an_unknown_service_code_on_the_ikm_page_says_where_the_results_are(lay, client):
    response = client.get(reverse("layanan:hasil_ikm_layanan", args=["TIDAKADA"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Layanan tidak ditemukan" in html and "Hasil survei kepuasan" in html


def test_the_ikm_pages_explain_their_marks_in_a_legend(selesai, client):
    for url in (reverse("layanan:hasil_ikm"), reverse("layanan:hasil_ikm_layanan", args=["KTP"])):
        html = client.get(url).content.decode()
        assert 'id="legenda-ikm"' in html
        assert "Sampel belum tercapai" in html and "Krejcie–Morgan" in html and "gambaran sementara" in html
        assert "Sangat Baik (88,31–100,00)" in html and "Tidak Baik (25,00–65,00)" not in html
        assert "Tidak Baik (25,00–64,99)" in html and "Kurang Baik (65,00–76,60)" in html
    # In the table, the mark has words for screen readers, not only an icon.
    services.isi_survei(selesai.token_survei, [4] * 9)
    assert "(sampel tercapai)" in client.get(reverse("layanan:hasil_ikm")).content.decode()


def test_the_public_results_change_with_a_survey(selesai, client):
    url = reverse("layanan:hasil_ikm_layanan", args=[selesai.jenis_layanan.kode])
    assert "Belum ada responden" in client.get(url).content.decode()
    services.isi_survei(selesai.token_survei, [4, 4, 4, 4, 4, 4, 4, 4, 3])
    isi = client.get(url).content.decode()
    # (35 / 9) × 25 = 97.22 → A; one respondent of a population of one reaches the minimum sample of one.
    assert "97,22" in isi and "Mutu A" in isi and "Sangat Baik" in isi
    assert "Tercapai" in isi
    assert "97,22" in client.get(reverse("layanan:hasil_ikm")).content.decode()


def test_the_public_results_are_kept_in_the_cache_until_the_next_survey(selesai, client, settings):
    settings.IKM_CACHE_DETIK = 300
    url = reverse("layanan:hasil_ikm")
    with CaptureQueriesContext(connection) as pertama:
        assert "belum ada responden" in client.get(url).content.decode()  # computed, then kept
    with CaptureQueriesContext(connection) as kedua:
        isi = client.get(url).content.decode()
    assert "belum ada responden" in isi
    assert len(kedua.captured_queries) < len(pertama.captured_queries)  # no aggregation: served from the cache
    assert "diperbarui paling lambat setiap 5 menit" in isi
    # A new survey is counted at once: its citizen goes from the thank-you page to these figures.
    services.isi_survei(selesai.token_survei, [4, 4, 4, 4, 4, 4, 4, 4, 3])
    assert "97,22" in client.get(url).content.decode()
