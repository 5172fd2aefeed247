"""The form of a row of the matriks peran hasil. It parses and shows input; the rules are in services_peran."""

from django import forms

from .forms import _helper
from .models_peran import PANJANG_PERAN, PeranHasil


class FormPeranHasil(forms.Form):
    """One row of the matriks peran hasil: who, the result expected of them, the indicators proposed."""

    pegawai = forms.TypedChoiceField(label="Pegawai", coerce=int, empty_value=None)
    hasil = forms.CharField(
        label=PeranHasil._meta.get_field("hasil").verbose_name.capitalize(),
        max_length=PANJANG_PERAN,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=PeranHasil._meta.get_field("hasil").help_text,
    )
    indikator = forms.CharField(
        label=PeranHasil._meta.get_field("indikator").verbose_name.capitalize(),
        max_length=PANJANG_PERAN,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=PeranHasil._meta.get_field("indikator").help_text,
    )

    def __init__(self, *args, pilihan_pegawai=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].choices = [
            ("", "— pilih pegawai —"),
            *((p.pk, f"{p.nama} · {p.jabatan}" if p.jabatan else p.nama) for p in pilihan_pegawai),
        ]
        self.helper = _helper()
