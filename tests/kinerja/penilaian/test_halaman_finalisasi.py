"""The unit's "Kurva & finalisasi" page judges the whole unit: its evaluations per state, who is not rated yet, a
reason per ASN left out, the exclusions afterwards, and what the curve was judged on."""

import re

import pytest
from django.urls import reverse

from kinerja.models import EvaluasiDikecualikan, EvaluasiKinerja, PengaturanKinerja
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from tests.factories import pegawai_dengan_akun
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario, isian_finalisasi, skp_disetujui

pytestmark = pytest.mark.django_db


def _url(s):
    return reverse("periode_unit", args=[s.periode.pk, s.org.bidang_a.pk])


def _pesan(response):
    return [str(m) for m in response.context["messages"]]


def _teks(html):
    """The page's text with tags and runs of whitespace collapsed, to read sentences split over elements."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _staf(s, n):
    """n more ASN in bidang A with an approved SKP and an evaluation of the period."""
    baru = []
    for i in range(n):
        p = pegawai_dengan_akun(unit_kerja=s.org.bidang_a, atasan=s.org.atasan_a, nama=f"Staf Tambahan {i + 1}")
        skp_disetujui(p, s.rhk_atasan)
        baru.append(p)
    svc_periode.buat_evaluasi_periode(s.org.hr_a.user, s.periode.pk, [s.org.bidang_a.pk])
    return baru


@pytest.fixture
def seksi_enam(org):
    """Bidang A with six ASN, one per state and two drafts, staf_a1 already final:
    atasan_a Draf, staf_a1 Final, staf_a2 Dinilai, Tambahan 1 Diajukan, Tambahan 2 Dikembalikan, Tambahan 3 Draf."""
    s = Skenario(org)
    t1, t2, t3 = _staf(s, 3)
    s.nilai(org.staf_a1)
    svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    s.nilai(org.staf_a2)
    s.ke_status("DIAJUKAN", t1)
    s.ke_status("DIKEMBALIKAN", t2)
    s.ke_status("DRAFT", t3)
    s.tambahan = (t1, t2, t3)
    return s


def test_the_page_counts_the_units_evaluations_per_state_and_names_those_not_rated(seksi_enam, login):
    s = seksi_enam
    page = login(s.org.hr_a).get(_url(s))
    ringkasan = page.context["ringkasan"]
    assert [(label, n) for _, label, n in ringkasan.baris_status] == [
        ("Draf", 2),
        ("Dikembalikan", 1),
        ("Diajukan", 1),
        ("Dinilai", 1),
        ("Final", 1),
    ]
    teks = _teks(page.content.decode())
    assert "Jumlah evaluasi unit 6" in teks
    assert "1 evaluasi berstatus Dinilai siap difinalkan dari 6 evaluasi unit" in teks
    belum = re.search(
        r'<ul class="list-unstyled small mb-0" id="belum-dinilai">(.*?)</ul>', page.content.decode(), re.S
    )
    nama = re.findall(r">([^<]+)</a>", belum.group(1))
    assert nama == ["Atasan A", "Staf Tambahan 1", "Staf Tambahan 2", "Staf Tambahan 3"]
    # All four were left out of the first finalisation (with staf_a2, rated since): the form offers their reasons.
    assert "Kurva dinilai atas 2 dari 6 evaluasi unit; 4 dikecualikan dengan alasan." in teks
    assert [ev.pegawai.nama for ev, _, _ in page.context["form_final"].baris_belum] == nama
    assert {a.value() for _, a, _ in page.context["form_final"].baris_belum} == {"TUGAS_BELAJAR"}


def test_finalising_without_reasons_is_refused_on_the_page_and_nothing_changes(seksi_enam, login):
    s = seksi_enam
    client = login(s.org.hr_a)
    sebelum = sorted(EvaluasiKinerja.objects.values_list("pk", "status", "versi"))
    jumlah = EvaluasiDikecualikan.objects.count()
    response = client.post(_url(s) + "finalkan/", isian_finalisasi(client.get(_url(s)), alasan=None))
    assert response.status_code == 200
    teks = _teks(response.content.decode())
    assert (
        "4 evaluasi unit ini belum dinilai dan belum diberi alasan pengecualian: Atasan A (Draf), Staf Tambahan 1 "
        "(Diajukan), Staf Tambahan 2 (Dikembalikan), Staf Tambahan 3 (Draf)." in teks
    )
    assert sorted(EvaluasiKinerja.objects.values_list("pk", "status", "versi")) == sebelum
    assert EvaluasiDikecualikan.objects.count() == jumlah


def test_hr_gives_a_reason_per_asn_not_rated_finalises_and_the_page_shows_the_exclusions(seksi_enam, login):
    s = seksi_enam
    t1, t2, t3 = s.tambahan
    client = login(s.org.hr_a)
    data = isian_finalisasi(client.get(_url(s)))
    data[f"alasan_{s.evaluasi(s.org.atasan_a).pk}"] = "MUTASI"
    data[f"alasan_{s.evaluasi(t3).pk}"] = "LAINNYA"
    data[f"keterangan_{s.evaluasi(t3).pk}"] = ""
    # "Lainnya" needs a description: refused beside the field, nothing final.
    response = client.post(_url(s) + "finalkan/", data)
    form = response.context["form_final"]
    assert form.errors[f"keterangan_{s.evaluasi(t3).pk}"] == ["Jelaskan alasan lainnya untuk Staf Tambahan 3."]
    assert s.evaluasi(s.org.staf_a2).status == "DINILAI"

    data[f"keterangan_{s.evaluasi(t3).pk}"] = "Diperbantukan ke Sekretariat DPRD"
    response = client.post(_url(s) + "finalkan/", data, follow=True)
    assert _pesan(response) == [
        "1 evaluasi Bidang Pengembangan difinalkan. 4 dikecualikan dengan alasan; kurva dinilai atas 2 dari 6 "
        "evaluasi unit."
    ]
    assert s.evaluasi(s.org.staf_a2).status == "FINAL"
    assert [s.evaluasi(p).status for p in (t1, t2, t3)] == ["DIAJUKAN", "DIKEMBALIKAN", "DRAFT"]
    teks = _teks(response.content.decode())
    assert "Kurva dinilai atas 2 dari 6 evaluasi unit; 4 dikecualikan dengan alasan." in teks
    assert "Atasan A : Pindah/mutasi" in teks
    assert "Staf Tambahan 3 : Lainnya — Diperbantukan ke Sekretariat DPRD" in teks
    # The first finalisation's exclusions stay listed beside this one's: staf_a2's, since rated and final.
    assert teks.count("Staf A Dua : Tugas belajar — Tugas belajar S2 sejak Januari") == 1
    assert "Tidak ada evaluasi berstatus Dinilai di unit ini." in teks


def test_a_stale_page_is_refused_when_an_asn_not_rated_changed_meanwhile(seksi_enam, login):
    s = seksi_enam
    client = login(s.org.hr_a)
    data = isian_finalisasi(client.get(_url(s)))
    t1 = s.tambahan[0]
    ev = s.evaluasi(t1)
    svc.kembalikan_evaluasi(s.org.atasan_a.user, ev.pk, ev.versi, "Lengkapi bukti")
    response = client.post(_url(s) + "finalkan/", data)
    assert "sudah diubah sejak halaman dibuka" in response.content.decode()
    assert s.evaluasi(s.org.staf_a2).status == "DINILAI"


def test_the_unit_page_runs_the_same_queries_with_more_excluded_and_final_evaluations(
    org, login, django_assert_max_num_queries
):
    s = Skenario(org)
    client = login(org.hr_a)
    PengaturanKinerja.aktif()
    hitung = []
    for n in (3, 27):
        staf = _staf(s, n)
        s.nilai(staf[0])
        svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
        s.nilai(staf[1])
        # The same bound as the other HR pages (test_halaman_evaluasi_hr).
        with django_assert_max_num_queries(18) as ctx:
            assert client.get(_url(s)).status_code == 200
        hitung.append(len(ctx.captured_queries))
    assert hitung[0] == hitung[1], hitung
