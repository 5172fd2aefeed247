from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Layout, Row
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm

from . import golongan as gol
from .models import Pegawai


class FormMasuk(AuthenticationForm):
    """Login with the NIP as username; administrators without a Pegawai use their own username."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "NIP/nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil.",
        "inactive": "Akun ini tidak aktif. Hubungi administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "NIP atau nama pengguna"
        self.fields["username"].widget.attrs.update(autocomplete="username", inputmode="text")
        self.fields["password"].label = "Kata sandi"


class FormSetelSandi(SetPasswordForm):
    """A new password typed twice (the reset link's page, and the change form below), checked against
    AUTH_PASSWORD_VALIDATORS, whose messages Django gives in Indonesian (LANGUAGE_CODE "id")."""

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": "Kedua isian kata sandi baru tidak sama.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Kata sandi baru"
        self.fields["new_password2"].label = "Ulangi kata sandi baru"


class FormGantiSandi(FormSetelSandi, PasswordChangeForm):
    """Django's password change, with the wording used elsewhere in the app ("kata sandi")."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        **FormSetelSandi.error_messages,
        "password_incorrect": "Kata sandi lama salah. Masukkan sekali lagi.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Kata sandi lama"


class FormLupaSandi(PasswordResetForm):
    """The address a reset link is sent to; which accounts get one is services_sandi's, not this form's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Alamat email"
        self.fields["email"].widget.attrs.update(autofocus=True)


# A plain button: a named submit input would add itself to every page link's query string.
TOMBOL_FILTER = HTML(
    '<button type="submit" class="btn btn-primary"><i class="bi bi-funnel" aria-hidden="true"></i> Terapkan</button>'
    '<a class="btn btn-outline-secondary ms-2" href="?">Atur ulang</a>'
)


class FormFilterPegawai(forms.Form):
    """The search and filters of the ASN list; the unit choices are only the units the user may see."""

    AKTIF_CHOICES = [("1", "Aktif"), ("0", "Tidak aktif"), ("semua", "Semua")]

    q = forms.CharField(label="Cari NIP atau nama", required=False, max_length=100)
    unit = forms.TypedChoiceField(label="Unit kerja", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Semua status"), *Pegawai.StatusKepegawaian.choices],
    )
    golongan = forms.ChoiceField(
        label="Golongan", required=False, choices=[("", "Semua golongan"), *gol.GOLONGAN_CHOICES]
    )
    aktif = forms.ChoiceField(label="Keaktifan", required=False, choices=AKTIF_CHOICES)

    def __init__(self, *args, pilihan_unit=(), **kwargs):
        super().__init__(*args, **kwargs)
        # A callable: the units are read only if the form validates a unit or is rendered (the page may come
        # from the cache).
        self.fields["unit"].choices = lambda: [("", "Semua unit"), *pilihan_unit]
        self.fields["q"].widget.attrs.update(placeholder="mis. 19860926 atau Siti", autofocus=True)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "mb-3"
        self.helper.layout = Layout(
            Row(
                Column("q", css_class="col-lg-3 col-md-6"),
                Column("unit", css_class="col-lg-3 col-md-6"),
                Column("status", css_class="col-lg-2 col-md-4"),
                Column("golongan", css_class="col-lg-2 col-md-4"),
                Column("aktif", css_class="col-lg-2 col-md-4"),
            ),
            TOMBOL_FILTER,
        )

    def filters(self):
        """The valid filters as keyword arguments for selectors.cari_pegawai (active ASN by default).

        An invalid field (e.g. a unit outside the user's scope) is shown as an error and ignored.
        """
        self.is_valid()
        data = self.cleaned_data
        aktif = data.get("aktif") or "1"
        return {
            "q": data.get("q", ""),
            "unit_id": data.get("unit"),
            "status": data.get("status", ""),
            "golongan": data.get("golongan", ""),
            "aktif": None if aktif == "semua" else aktif == "1",
        }
