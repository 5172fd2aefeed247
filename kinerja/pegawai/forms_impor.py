"""Forms of the roster import pages."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings

from core.spreadsheet import check_spreadsheet_upload
from core.spreadsheet_formats import ACCEPTED, SPREADSHEET_EXTENSIONS


class FormUnggahRoster(forms.Form):
    berkas = forms.FileField(
        label="Berkas roster",
        help_text=f"{ACCEPTED}. Kolom NIP dan NIP Atasan harus berformat Teks.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SPREADSHEET_EXTENSIONS)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].help_text += f" Ukuran paling besar {settings.ROSTER_MAX_UPLOAD_MB} MB."
        self.helper = FormHelper()
        self.helper.form_enctype = "multipart/form-data"
        self.helper.add_input(Submit("unggah", "Unggah dan pratinjau"))

    def clean_berkas(self):
        return check_spreadsheet_upload(self.cleaned_data["berkas"], settings.ROSTER_MAX_UPLOAD_MB)


class FormKonfirmasiImpor(forms.Form):
    nonaktifkan_yang_hilang = forms.BooleanField(
        required=False,
        label="Nonaktifkan pegawai yang tidak ada di berkas",
        help_text="Pegawai tidak pernah dihapus; yang dicentang hanya ditandai tidak aktif.",
    )

    def __init__(self, *args, jumlah_hilang=0, action="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nonaktifkan_yang_hilang"].label += f" ({jumlah_hilang} pegawai)"
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.add_input(Submit("konfirmasi", "Konfirmasi impor", css_class="btn-success"))
