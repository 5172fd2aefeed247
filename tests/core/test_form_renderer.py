"""core.form_renderer: every <select> it writes in Python is the HTML Django's templates would have rendered."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django import forms
from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.utils.safestring import mark_safe

from core.form_renderer import FormRenderer
from kinerja.models import UnitKerja
from kinerja.pegawai.forms import FormFilterPegawai


class PilihanBeratribut(forms.Select):
    """Options with attributes of their own, as a widget may add."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        opsi = super().create_option(name, value, label, selected, index, subindex, attrs)
        opsi["attrs"].update({"disabled": value == "x", "data-n": index, "data-kosong": None, "hidden": False})
        return opsi


class OpsiSendiri(forms.Select):
    option_template_name = "django/forms/widgets/input_option.html"


PILIHAN = [
    ("", "Semua unit"),
    (1, "Dinas Kesehatan"),
    ("a&b", 'Badan "Keuangan" & <Aset>'),
    ("aman", mark_safe("<b>tebal</b>")),
    ("Kabupaten", [(7, "Kecamatan Tilango"), ("x", "Desa 'Ulantha'")]),
    (Decimal("1.5"), datetime.date(2026, 11, 30)),
    ("", ""),
]

# (name, widget, choices, value, whether the widget's own templates are still used)
KASUS = [
    ("select kosong", forms.Select(), [], None, False),
    ("select terpilih", forms.Select(attrs={"class": "form-select", "autofocus": True}), PILIHAN, 1, False),
    ("select grup", forms.Select(attrs={"id": "id_u", "required": True, "disabled": False}), PILIHAN, "x", False),
    ("select atribut opsi", PilihanBeratribut(attrs={"data-x": mark_safe("a&amp;b")}), PILIHAN, "a&b", False),
    ("select ganda", forms.SelectMultiple(attrs={"class": "form-select"}), PILIHAN, [1, "x", "aman"], False),
    ("ya/tidak", forms.NullBooleanSelect(), None, True, False),
    ("templat opsi sendiri", OpsiSendiri(), PILIHAN, 1, True),
]


@pytest.mark.parametrize(("widget", "pilihan", "nilai", "templat"), [k[1:] for k in KASUS], ids=[k[0] for k in KASUS])
def test_select_sama_dengan_templat_django(widget, pilihan, nilai, templat):
    if pilihan is not None:
        widget.choices = pilihan
    for nama in ("unit", 'u"<nit>'):
        stok = widget.render(nama, nilai, attrs={"id": "id_unit"}, renderer=DjangoTemplates())
        with mock.patch.object(BaseRenderer, "render", autospec=True, side_effect=BaseRenderer.render) as render:
            cepat = widget.render(nama, nilai, attrs={"id": "id_unit"}, renderer=FormRenderer())
        assert cepat == stok
        assert render.called is templat


@pytest.mark.django_db
def test_formulir_filter_dirender_seperti_templat_django():
    unit = UnitKerja.objects.create(nama="Dinas <Kesehatan> & Sosial", kode="DK")
    pilihan = [(unit.pk, unit.nama)]
    data = {"unit": str(unit.pk), "golongan": "III/a", "q": "Siti"}
    stok = FormFilterPegawai(data, pilihan_unit=pilihan, renderer=DjangoTemplates())
    cepat = FormFilterPegawai(data, pilihan_unit=pilihan)
    assert isinstance(cepat.renderer, FormRenderer)
    for nama in ("unit", "status", "golongan", "aktif"):
        assert str(cepat[nama]) == str(stok[nama])
    assert "Dinas &lt;Kesehatan&gt; &amp; Sosial</option>" in str(cepat["unit"])
    assert f'<option value="{unit.pk}" selected>' in str(cepat["unit"])
