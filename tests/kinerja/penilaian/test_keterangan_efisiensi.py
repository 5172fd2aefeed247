"""A time or cost target met exactly scores 76% (PP 46/2011, kinerja.penilaian.capaian): the pages where an ASN sets
such an indicator, fills its realisation, or the appraiser reads its capaian say so, and only there."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import LogAudit
from kinerja.models import IndikatorKinerja
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian import services_skp as svc_skp
from kinerja.penilaian.capaian import RUMUS_PERMENPANRB, keterangan_efisiensi
from kinerja.penilaian.models_unit import PengaturanKinerja
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
    assert form.fields[aspek["WAKTU"]].help_text == keterangan_efisiensi()
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


PERMENPANRB = "realisasi tepat sama dengan target bernilai 100% (rumus PermenPANRB 8/2021)"


def test_with_the_permenpanrb_formula_chosen_the_forms_and_the_rating_page_say_100_and_score_so(org, login):
    svc_periode.simpan_pengaturan(
        org.admin, batas_capaian=120, rumus_efisiensi_tinggi=True, kurva=None, rumus_waktu_biaya=RUMUS_PERMENPANRB
    )
    s = Skenario(org)
    ev = s.evaluasi()
    html = login(org.staf_a1).get(reverse("evaluasi_isi", args=[ev.pk])).content.decode()
    assert html.count(PERMENPANRB) == 1 and CATATAN not in html
    s.ajukan()
    html = login(org.atasan_a).get(reverse("evaluasi_nilai", args=[ev.pk])).content.decode()
    assert html.count(PERMENPANRB) == 1
    waktu = ev.realisasi.get(indikator__aspek="WAKTU")
    assert waktu.capaian == min(Decimal(120), (2 - waktu.realisasi / waktu.indikator.target) * 100).quantize(
        Decimal("0.01")
    )


def test_the_administrator_chooses_the_formula_on_the_settings_page_and_it_is_audited(org, login):
    klien = login(org.admin)
    html = klien.get(reverse("pengaturan_kinerja")).content.decode()
    assert "Rumus capaian aspek waktu/biaya (makin kecil makin baik)" in html and "PermenPANRB 8/2021" in html
    form = klien.get(reverse("pengaturan_kinerja")).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({f.html_name: f.initial for f in form if f.initial is not None and f.html_name not in data})
    data.update(rumus_waktu_biaya=RUMUS_PERMENPANRB, rumus_efisiensi_tinggi="on")
    assert klien.post(reverse("pengaturan_kinerja"), data).status_code == 302
    assert PengaturanKinerja.aktif().rumus_waktu_biaya == RUMUS_PERMENPANRB
    assert LogAudit.objects.filter(aksi="pengaturan_kinerja_diubah").exists()


def test_an_unknown_formula_is_refused_on_the_settings_page_and_nothing_changes(org, login):
    klien = login(org.admin)
    form = klien.get(reverse("pengaturan_kinerja")).context["form"]
    data = {f.html_name: f.initial for f in form if f.initial is not None}
    data.update(batas_capaian="120", rumus_waktu_biaya="LAIN")
    r = klien.post(reverse("pengaturan_kinerja"), data)
    assert r.status_code == 200 and "LAIN bukan salah satu dari pilihan yang tersedia" in r.content.decode()
    assert PengaturanKinerja.aktif().rumus_waktu_biaya == "PP46_2011"
