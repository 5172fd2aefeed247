"""A time or cost target met exactly scores 76% (PP 46/2011, kinerja.penilaian.capaian): the pages where an ASN sets
such an indicator, fills its realisation, or the appraiser reads its capaian say so, and only there."""

import re

import pytest
from django.urls import reverse

from kinerja.models import IndikatorKinerja
from kinerja.penilaian import services_skp as svc_skp
from kinerja.penilaian.capaian import KETERANGAN_EFISIENSI
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.django_db
CATATAN = "realisasi tepat sama dengan target bernilai 76% (rumus PP 46/2011); lebih cepat/hemat menaikkan capaian"


def test_the_indicator_form_says_it_beside_the_aspect(org, login):
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, 2026)
    rhk = svc_skp.simpan_rhk(org.staf_a1.user, skp.pk, uraian="Tersusunnya laporan", rhk_atasan_id=None)
    html = login(org.staf_a1).get(reverse("skp_indikator_baru", args=[rhk.pk])).content.decode()
    assert re.search(r'<select name="aspek"[^>]*aria-describedby="id_aspek_helptext"', html)
    assert 'id="id_aspek_helptext"' in html and CATATAN in html


def test_the_realisation_form_says_it_under_the_time_indicator_only(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    form = login(org.staf_a1).get(reverse("evaluasi_isi", args=[ev.pk])).context["form"]
    aspek = {b.indikator.aspek: nama for b, nama in form.indikator}
    assert form.fields[aspek["WAKTU"]].help_text == KETERANGAN_EFISIENSI
    assert form.fields[aspek["KUANTITAS"]].help_text == "" and form.fields[aspek["KUALITAS"]].help_text == ""
    html = login(org.staf_a1).get(reverse("evaluasi_isi", args=[ev.pk])).content.decode()
    assert html.count(CATATAN) == 1


def test_the_rating_page_marks_the_time_row_and_explains_it_once(org, login):
    s = Skenario(org)
    s.ajukan()
    html = login(org.atasan_a).get(reverse("evaluasi_nilai", args=[s.evaluasi().pk])).content.decode()
    assert html.count(CATATAN) == 1 and 'id="keterangan-efisiensi"' in html
    ditandai = re.findall(r'<td class="small" aria-describedby="keterangan-efisiensi">(\w+)<sup', html)
    assert ditandai == ["Waktu"]


def test_a_plan_without_time_or_cost_indicators_has_no_note(org, login):
    s = Skenario(org)
    IndikatorKinerja.objects.filter(aspek="WAKTU").delete()
    ev = s.evaluasi()
    for halaman in ("evaluasi_detail", "evaluasi_isi"):
        html = login(org.staf_a1).get(reverse(halaman, args=[ev.pk])).content.decode()
        assert "Kuantitas" in html and CATATAN not in html and "keterangan-efisiensi" not in html
