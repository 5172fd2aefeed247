"""Forms of the e-Kinerja pages: the upload, the column mapping, and a unit's source of evaluations."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings

from core.spreadsheet import check_spreadsheet_upload
from core.spreadsheet_formats import ACCEPTED, SPREADSHEET_EXTENSIONS
from kinerja.pegawai.models import UnitKerja

from . import impor_ekinerja


class FormUnggahEkinerja(forms.Form):
    berkas = forms.FileField(
        label="Berkas hasil e-Kinerja",
        help_text=f"{ACCEPTED}. Kolom NIP harus berformat Teks.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SPREADSHEET_EXTENSIONS)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].help_text += f" Ukuran paling besar {settings.EVALUASI_MAX_UPLOAD_MB} MB."
        self.helper = FormHelper()
        self.helper.form_enctype = "multipart/form-data"
        self.helper.add_input(Submit("unggah", "Unggah dan pratinjau"))

    def clean_berkas(self):
        return check_spreadsheet_upload(self.cleaned_data["berkas"], settings.EVALUASI_MAX_UPLOAD_MB)


class FormPemetaanKolom(forms.Form):
    """For each column we read, which of the file's headers holds it (the file's header row as the choices)."""

    def __init__(self, *args, judul_berkas=(), terbaca=None, action="", **kwargs):
        super().__init__(*args, **kwargs)
        pilihan = [("", "— tidak ada di berkas —"), *((h, h) for h in judul_berkas)]
        terbaca = terbaca or {}
        for kunci in impor_ekinerja.DAPAT_DIPETAKAN:
            wajib = kunci in impor_ekinerja.WAJIB
            self.fields[kunci] = forms.ChoiceField(
                label=impor_ekinerja.JUDUL[kunci] + (" (wajib)" if wajib else ""),
                choices=pilihan,
                required=False,
                initial=terbaca.get(kunci, ""),
            )
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = "form-pemetaan"
        self.helper.add_input(Submit("petakan", "Baca ulang dengan pemetaan ini"))


class FormSumberEvaluasi(forms.Form):
    sumber_evaluasi = forms.ChoiceField(
        label="Sumber evaluasi", choices=UnitKerja._meta.get_field("sumber_evaluasi").choices, required=False
    )
