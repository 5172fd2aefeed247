"""The form of the daily progress log. It parses and shows input; the rules are in services_harian."""

from django import forms
from django.conf import settings

from .forms import _TANGGAL, _helper
from .models_harian import PANJANG_PROGRES


class FormProgres(forms.Form):
    """An entry of the daily log, short enough for a phone: the day (today by default), the RHK, what was done and
    optional evidence. The window of days and the RHK's year are the service's (kinerja.penilaian.harian)."""

    tanggal = forms.DateField(label="Tanggal", widget=_TANGGAL)
    rhk = forms.TypedChoiceField(label="RHK", coerce=int, empty_value=None)
    uraian = forms.CharField(
        label="Yang dikerjakan",
        max_length=PANJANG_PROGRES,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text='Singkat saja, misalnya "Memverifikasi 25 berkas klaim puskesmas".',
    )
    bukti_tautan = forms.URLField(
        label="Tautan bukti", required=False, max_length=500, assume_scheme="https", help_text="Boleh dikosongkan."
    )
    bukti_berkas = forms.FileField(
        label="Berkas bukti",
        required=False,
        help_text=f"Boleh dikosongkan. PDF, JPG, PNG, XLSX atau DOCX; paling besar {settings.BUKTI_MAX_MB} MB.",
    )

    def __init__(self, *args, pilihan_rhk=(), hari_ini, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tanggal"].widget.attrs["max"] = hari_ini.isoformat()
        self.fields["rhk"].choices = [
            ("", "— pilih RHK —"),
            *((r.pk, f"SKP {r.skp.tahun} · {r.get_jenis_display()}: {r.uraian}") for r in pilihan_rhk),
        ]
        self.helper = _helper()

    def argumen(self) -> dict:
        """The keyword arguments of services_harian.catat_progres."""
        c = self.cleaned_data
        return {
            "tanggal": c["tanggal"],
            "rhk_id": c["rhk"],
            "uraian": c["uraian"],
            "bukti_tautan": c["bukti_tautan"],
            "bukti_berkas": c["bukti_berkas"],
        }
