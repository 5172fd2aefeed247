"""The form renderer (FORM_RENDERER): Django's, with every <select> written in Python.

Django renders a select through one template include per option, and every option's attributes through another:
the unit filter of the HR pages (a province's units, the golongan, the statuses) took about a third of the ASN
search page's time. `render_select` writes the same HTML, byte for byte (tests/test_formulir.py compares the two),
for the stock select and option templates; a widget with templates of its own still goes through them.
"""

from django.forms.renderers import DjangoTemplates
from django.forms.widgets import Select
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _atribut(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: False is left out, True is written bare, anything else as text.
    return "".join(
        f" {nama}" if nilai is True else f' {nama}="{conditional_escape(str(nilai))}"'
        for nama, nilai in attrs.items()
        if nilai is not False
    )


def _teks(nilai) -> str:
    # As {{ nilai }} in a template: localized, then escaped unless already safe.
    return conditional_escape(localize(nilai))


def render_select(widget: dict) -> str:
    """The HTML of django/forms/widgets/select.html for a Select widget's template context.

    Whitespace included: each option's template ends in a newline, and the renderer strips the whole."""
    bagian = [f'<select name="{_teks(widget["name"])}"{_atribut(widget["attrs"])}>']
    for nama_grup, pilihan, _ in widget["optgroups"]:
        if nama_grup:
            bagian.append(f'\n  <optgroup label="{_teks(nama_grup)}">')
        for opsi in pilihan:
            bagian.append(
                f'\n  <option value="{conditional_escape(str(opsi["value"]))}"{_atribut(opsi["attrs"])}>'
                f"{_teks(opsi['label'])}</option>\n"
            )
        if nama_grup:
            bagian.append("\n  </optgroup>")
    bagian.append("\n</select>")
    return mark_safe("".join(bagian))


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == Select.template_name and all(
            opsi["template_name"] == Select.option_template_name
            for _, pilihan, _ in context["widget"]["optgroups"]
            for opsi in pilihan
        ):
            return render_select(context["widget"])
        return super().render(template_name, context, request)
