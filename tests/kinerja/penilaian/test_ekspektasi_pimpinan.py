"""Ekspektasi khusus pimpinan: the appraiser sets an expectation per BerAKHLAK value on the SKP; the ASN sees it,
and the rating form shows it beside that value."""

import pytest
from django.urls import reverse

from audit.models import LogAudit
from kinerja.models import EkspektasiPerilaku, Notifikasi
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.django_db

HARAPAN = "Menjawab setiap pertanyaan pemohon di loket dalam satu hari kerja."


def test_the_appraiser_sets_an_expectation_the_asn_reads_and_the_rating_form_shows(org, login):
    s = Skenario(org)
    skp = s.skp_a1
    atasan = login(org.atasan_a)
    assert "Simpan ekspektasi" in atasan.get(reverse("skp_detail", args=[skp.pk])).content.decode()
    respons = atasan.post(
        reverse("skp_ekspektasi", args=[skp.pk]), {"BERORIENTASI_PELAYANAN": HARAPAN, "LOYAL": ""}, follow=True
    )
    assert "Ekspektasi khusus pimpinan disimpan." in respons.content.decode()
    assert list(EkspektasiPerilaku.objects.filter(skp=skp).values_list("nilai", "ekspektasi")) == [
        ("BERORIENTASI_PELAYANAN", HARAPAN)
    ]
    assert LogAudit.objects.filter(aksi="skp_ekspektasi").exists()
    assert Notifikasi.objects.filter(penerima=org.staf_a1.user, judul__contains="Ekspektasi khusus").exists()

    halaman_asn = login(org.staf_a1).get(reverse("skp_detail", args=[skp.pk])).content.decode()
    assert HARAPAN in halaman_asn and "Simpan ekspektasi" not in halaman_asn

    ev = s.ajukan(org.staf_a1)
    penilaian = login(org.atasan_a).get(reverse("evaluasi_nilai", args=[ev.pk])).content.decode()
    assert f"Ekspektasi khusus pimpinan: {HARAPAN}" in penilaian

    # Emptied, it is removed.
    login(org.atasan_a).post(reverse("skp_ekspektasi", args=[skp.pk]), {"BERORIENTASI_PELAYANAN": ""})
    assert not EkspektasiPerilaku.objects.filter(skp=skp).exists()


@pytest.mark.parametrize(("siapa", "kode"), [("staf_a1", 403), ("hr_a", 403), ("admin", 403), ("kepala", 404)])
def test_only_the_direct_supervisor_sets_expectations(org, login, siapa, kode):
    # The ASN, HR and the administrator see the SKP but may not set its expectations; the supervisor's own
    # supervisor does not see it.
    s = Skenario(org)
    respons = login(getattr(org, siapa)).post(reverse("skp_ekspektasi", args=[s.skp_a1.pk]), {"LOYAL": HARAPAN})
    assert respons.status_code == kode
    assert not EkspektasiPerilaku.objects.exists()


def test_an_expectation_too_long_is_refused_and_nothing_is_saved(org, login):
    s = Skenario(org)
    respons = login(org.atasan_a).post(
        reverse("skp_ekspektasi", args=[s.skp_a1.pk]), {"ADAPTIF": "x" * 1001, "LOYAL": HARAPAN}
    )
    assert respons.status_code == 200 and "paling banyak 1000 karakter" in respons.content.decode()
    assert not EkspektasiPerilaku.objects.exists()
