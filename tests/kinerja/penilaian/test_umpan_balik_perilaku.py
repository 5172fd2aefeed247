"""Feedback per BerAKHLAK value: optional after a perilaku kerja rating Sesuai Ekspektasi, required on every value
after Di Atas or Di Bawah Ekspektasi (PermenPANRB 6/2022, perilaku kerja: feedback where the behaviour is above or
below expectation; kinerja/penilaian/predikat.py says why every value), with a default text offered per value."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.models import EvaluasiKinerja, PerilakuKerja
from kinerja.penilaian import services as svc
from kinerja.penilaian.forms import SARAN_UMPAN_BALIK
from kinerja.penilaian.predikat import umpan_balik_perilaku_wajib
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario, penilaian

pytestmark = pytest.mark.django_db

NILAI = [n.value for n in PerilakuKerja.Nilai]


@pytest.mark.parametrize(
    ("rating", "wajib"),
    [
        ("DI_ATAS", True),  # above expectation: say why
        ("SESUAI", False),  # as expected: nothing to explain
        ("DI_BAWAH", True),  # below expectation: say why
        ("", False),  # no rating yet: the rating's own error says so
    ],
)
def test_which_behaviour_ratings_need_feedback_on_every_value(rating, wajib):
    assert umpan_balik_perilaku_wajib(rating) is wajib


def _nilai(s, ev, perilaku, umpan_balik, **lain):
    args = penilaian(ev, perilaku=perilaku)
    args["umpan_balik_perilaku"] = umpan_balik
    return svc.nilai_evaluasi(s.org.atasan_a.user, ev.pk, ev.versi, **args, **lain)


def test_as_expected_the_supervisor_may_leave_every_value_without_feedback(org, login):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    ev = _nilai(s, ev, "SESUAI", dict.fromkeys(NILAI, "  "))
    assert (ev.status, ev.predikat) == ("DINILAI", "BAIK")
    assert not PerilakuKerja.objects.filter(evaluasi=ev).exists()
    # The pages say so instead of showing an empty line; the document shows the ratings as ever.
    client = login(org.staf_a1)
    detail = client.get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert detail.count("Tanpa umpan balik khusus") == 7
    dokumen = client.get(reverse("evaluasi_dokumen", args=[ev.pk])).content.decode()
    assert "Sesuai Ekspektasi" in dokumen and "BAIK" in dokumen


def test_only_the_feedback_written_is_stored(org, login):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    ev = _nilai(s, ev, "SESUAI", {"LOYAL": "Menjaga rahasia data kepegawaian dengan sangat baik.", "ADAPTIF": ""})
    assert list(PerilakuKerja.objects.filter(evaluasi=ev).values_list("nilai", "umpan_balik")) == [
        ("LOYAL", "Menjaga rahasia data kepegawaian dengan sangat baik.")
    ]
    detail = login(org.staf_a1).get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert "Menjaga rahasia data kepegawaian" in detail and detail.count("Tanpa umpan balik khusus") == 6


@pytest.mark.parametrize(("rating", "label"), [("DI_ATAS", "Di Atas Ekspektasi"), ("DI_BAWAH", "Di Bawah Ekspektasi")])
def test_above_or_below_every_value_needs_feedback_and_a_refusal_changes_nothing(org, rating, label):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    umpan_balik = {n: f"Umpan balik {n}." for n in NILAI} | {"LOYAL": "", "KOLABORATIF": "   "}
    with pytest.raises(ValidationError) as info:
        _nilai(s, ev, rating, umpan_balik)
    assert info.value.message_dict == {
        "perilaku_LOYAL": [f"Umpan balik untuk nilai Loyal wajib diisi karena rating perilaku kerja {label}."],
        "perilaku_KOLABORATIF": [
            f"Umpan balik untuk nilai Kolaboratif wajib diisi karena rating perilaku kerja {label}."
        ],
    }
    sesudah = EvaluasiKinerja.objects.get(pk=ev.pk)
    assert (sesudah.status, sesudah.predikat, sesudah.versi) == ("DIAJUKAN", "", ev.versi)
    assert not PerilakuKerja.objects.filter(evaluasi=ev).exists()
    # With the default text on the values as expected, it is rated.
    _nilai(s, ev, rating, umpan_balik | {"LOYAL": SARAN_UMPAN_BALIK["LOYAL"], "KOLABORATIF": "Aktif di tim lintas."})
    assert PerilakuKerja.objects.filter(evaluasi=ev).count() == 7


def test_re_rating_as_expected_drops_the_feedback_left_empty(org):
    s = Skenario(org)
    ev = s.nilai(perilaku="DI_ATAS")
    assert ev.perilaku.count() == 7
    ev = _nilai(s, s.evaluasi(), "SESUAI", {"KOMPETEN": "Tetap belajar."}, alasan="Koreksi rating perilaku")
    assert list(ev.perilaku.values_list("nilai", flat=True)) == ["KOMPETEN"]


def _form(ev, perilaku, **umpan_balik):
    data = {
        "versi": ev.versi,
        "rating_hasil_kerja": "SESUAI",
        "rating_perilaku_kerja": perilaku,
        **{f"umpan_balik_rhk_{r.pk}": "Target tercapai." for r in ev.skp.rhk.all()},
    }
    return data | {f"perilaku_{n}": t for n, t in umpan_balik.items()}


def test_the_rating_form_offers_a_default_text_per_value_readable_without_script(org, login):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    html = login(org.atasan_a).get(reverse("evaluasi_nilai", args=[ev.pk])).content.decode()
    for nilai in PerilakuKerja.Nilai:
        saran = SARAN_UMPAN_BALIK[nilai]
        assert f"Saran: {saran}" in html
        assert f'data-sisipkan="{saran}" data-untuk="id_perilaku_{nilai.value}"' in html
    assert "umpan balik per nilai boleh dikosongkan" in html and "js/evaluasi.js" in html
    # The rating comes first: whether the values need feedback depends on it.
    assert html.index('name="rating_perilaku_kerja"') < html.index('name="perilaku_BERORIENTASI_PELAYANAN"')


def test_the_supervisor_rates_as_expected_without_feedback_from_the_form(org, login):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    respons = login(org.atasan_a).post(reverse("evaluasi_nilai", args=[ev.pk]), _form(ev, "SESUAI"), follow=True)
    assert "Evaluasi dinilai. Predikat kinerja: Baik." in [str(m) for m in respons.context["messages"]]
    assert not PerilakuKerja.objects.filter(evaluasi=ev).exists()


def test_the_form_shows_each_missing_feedback_beside_its_value_and_keeps_what_was_typed(org, login):
    s = Skenario(org)
    ev = s.ke_status("DIAJUKAN")
    data = _form(ev, "DI_BAWAH", **{n: "Sering terlambat menyerahkan laporan." for n in NILAI[:5]})
    data["rating_hasil_kerja"] = ""  # every error shows at once, the form's and the rule's
    respons = login(org.atasan_a).post(reverse("evaluasi_nilai", args=[ev.pk]), data)
    galat = respons.context["form"].errors
    assert set(galat) == {"rating_hasil_kerja", "perilaku_ADAPTIF", "perilaku_KOLABORATIF"}
    assert galat["perilaku_ADAPTIF"] == [
        "Umpan balik untuk nilai Adaptif wajib diisi karena rating perilaku kerja Di Bawah Ekspektasi."
    ]
    assert respons.content.decode().count("Sering terlambat menyerahkan laporan.") == 5
    assert EvaluasiKinerja.objects.get(pk=ev.pk).status == "DIAJUKAN"
    assert not PerilakuKerja.objects.exists()
