"""Forms of the service desk, the citizen pages and the reports. Rules live in services; forms parse input."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.files import EVIDENCE_EXTENSIONS, validate_evidence_file
from kinerja.pegawai.telepon import normalisasi_telepon

from . import ikm
from .models import JenisLayanan, Permohonan
from .nik import normalisasi_nik
from .services import field_persyaratan


class _FormPemohon(forms.Form):
    """The applicant's details shared by the desk and the online form."""

    nama_pemohon = forms.CharField(label="Nama pemohon", max_length=150)
    nik = forms.CharField(
        label="NIK",
        max_length=24,
        help_text="16 digit sesuai KTP-el atau Kartu Keluarga.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    telepon = forms.CharField(
        label="No. HP", max_length=20, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )

    def clean_nik(self):
        try:
            return normalisasi_nik(self.cleaned_data["nik"], hari_ini=timezone.localdate())
        except ValueError as e:
            raise ValidationError(str(e)) from None

    def clean_telepon(self):
        telepon = self.cleaned_data["telepon"]
        try:
            return normalisasi_telepon(telepon) if telepon else ""
        except ValueError as e:
            raise ValidationError(str(e)) from None


class FormLoket(_FormPemohon):
    """The counter form: four fields and the channel, in the order an officer asks them."""

    jenis_layanan = forms.ModelChoiceField(
        label="Layanan", queryset=JenisLayanan.objects.none(), empty_label="— pilih layanan —"
    )
    kanal = forms.ChoiceField(
        label="Kanal",
        choices=[(k.value, k.label) for k in Permohonan.Kanal if k != Permohonan.Kanal.DARING],
        initial=Permohonan.Kanal.LOKET,
    )
    field_order = ["jenis_layanan", "nama_pemohon", "nik", "telepon", "kanal"]

    def __init__(self, *args, jenis_layanan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis_layanan"].queryset = jenis_layanan
        self.fields["jenis_layanan"].widget.attrs["autofocus"] = True
        # At the counter the officer asks for a number to reach the applicant by.
        self.fields["telepon"].required = True
        self.fields["telepon"].error_messages["required"] = "Isi nomor HP agar pemohon dapat dihubungi."


class FormPermohonanDaring(_FormPemohon):
    """The citizens' online form for one service: the applicant, then one upload per requirement of the service.
    `situs_web` is a honeypot: hidden from people, filled by bots."""

    jenis_layanan = forms.ModelChoiceField(
        queryset=JenisLayanan.objects.filter(aktif=True),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Layanan ini sedang tidak dibuka. Pilih layanan lain."},
    )
    email = forms.EmailField(label="Email", required=False)
    situs_web = forms.CharField(
        label="Situs web (kosongkan)",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    field_order = ["jenis_layanan", "nama_pemohon", "nik", "telepon", "email"]

    def __init__(self, *args, jenis: JenisLayanan, **kwargs):
        super().__init__(*args, initial={"jenis_layanan": jenis.pk}, **kwargs)
        bantuan = (
            f"PDF, JPG, PNG, XLSX atau DOCX; paling besar {settings.BUKTI_MAX_MB} MB "
            f"(semua dokumen bersama paling besar {settings.PERSYARATAN_TOTAL_MAX_MB} MB). "
            "Boleh dikosongkan: dokumennya dibawa saat ke loket."
        )
        self.field_berkas = []
        for nomor, persyaratan in enumerate(jenis.daftar_persyaratan):
            nama = field_persyaratan(nomor)
            self.fields[nama] = forms.FileField(
                label=persyaratan,
                required=False,
                validators=[validate_evidence_file],
                help_text=bantuan,
                widget=forms.FileInput(attrs={"accept": ",".join(f".{e}" for e in EVIDENCE_EXTENSIONS)}),
            )
            self.field_berkas.append(nama)

    def clean(self):
        data = super().clean()
        if not (data.get("telepon") or data.get("email")):
            self.add_error("telepon", "Isi nomor HP atau email agar kami dapat menghubungi Anda.")
        batas = settings.PERSYARATAN_TOTAL_MAX_MB
        if sum(f.size for f in self.berkas().values()) > batas * 1024 * 1024:
            self.add_error(
                None,
                f"Ukuran semua dokumen bersama paling besar {batas} MB. Unggah yang terpenting saja, atau kecilkan "
                "hasil pindaiannya; dokumen lain dibawa saat ke loket.",
            )
        return data

    @property
    def isian_berkas(self):
        """The upload fields, in the order of the service's requirements."""
        return [self[nama] for nama in self.field_berkas]

    def berkas(self) -> dict[int, object]:
        """The uploaded documents by requirement number, for services.ajukan_daring."""
        return {n: self.cleaned_data[nama] for n, nama in enumerate(self.field_berkas) if self.cleaned_data.get(nama)}

    @property
    def terisi_bot(self):
        return bool(self.data.get("situs_web"))


class FormLacak(forms.Form):
    """The public tracking form. Its two fields carry their Bootstrap classes themselves and layanan/lacak.html
    lays them out: the busiest public page is spared crispy's template per field."""

    nomor_tiket = forms.CharField(
        label="Nomor tiket",
        max_length=30,
        widget=forms.TextInput(attrs={"placeholder": "mis. KTP-250303-0007", "class": "form-control"}),
    )
    nik_4 = forms.RegexField(
        label="4 digit terakhir NIK",
        regex=r"^\d{4}$",
        error_messages={"invalid": "Isi 4 digit terakhir NIK."},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "maxlength": 4, "autocomplete": "off", "class": "form-control"}
        ),
    )

    def full_clean(self):
        super().full_clean()
        for nama in self.errors:
            if nama in self.fields:
                self.fields[nama].widget.attrs["class"] += " is-invalid"


class FormSurvei(forms.Form):
    """The nine SKM questions, each answered 1–4 with the regulation's wording, and an optional comment."""

    saran = forms.CharField(
        label="Saran dan masukan (tidak wajib)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nomor, (unsur, (pertanyaan, label)) in enumerate(zip(ikm.UNSUR, ikm.PERTANYAAN, strict=True), start=1):
            self.fields[f"unsur_{nomor}"] = forms.TypedChoiceField(
                label=f"{nomor}. {unsur}",
                help_text=pertanyaan,
                choices=[(nilai, f"{nilai} – {teks}") for nilai, teks in enumerate(label, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Pilih salah satu jawaban."},
            )
        self.order_fields([f"unsur_{n}" for n in range(1, ikm.JUMLAH_UNSUR + 1)] + ["saran"])

    def jawaban(self):
        return [self.cleaned_data[f"unsur_{n}"] for n in range(1, ikm.JUMLAH_UNSUR + 1)]


class FormUbahStatus(forms.Form):
    ke = forms.ChoiceField(choices=Permohonan.Status.choices)
    catatan = forms.CharField(
        label="Catatan", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FormRentangLaporan(forms.Form):
    """A reporting period: a year, or one of its semesters or quarters."""

    BAGIAN = {
        "": ("Setahun", 1, 12),
        "S1": ("Semester I", 1, 6),
        "S2": ("Semester II", 7, 12),
        "T1": ("Triwulan I", 1, 3),
        "T2": ("Triwulan II", 4, 6),
        "T3": ("Triwulan III", 7, 9),
        "T4": ("Triwulan IV", 10, 12),
    }

    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100, required=False)
    bagian = forms.ChoiceField(label="Periode", required=False, choices=[(k, v[0]) for k, v in BAGIAN.items()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Rendered field by field in a one-line filter bar, so the Bootstrap classes go on the widgets.
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        self.fields["tahun"].widget.attrs["placeholder"] = "tahun ini"

    def isian(self) -> dict:
        """The values of the valid fields. An invalid one is left out and marked, with its message beside it; the
        other filters still apply."""
        if not self.is_bound:
            return {}
        if not self.is_valid():
            for nama in self.errors:
                if nama in self.fields:
                    kelas = self.fields[nama].widget.attrs.get("class", "")
                    if "is-invalid" not in kelas.split():
                        self.fields[nama].widget.attrs["class"] = f"{kelas} is-invalid".strip()
        return self.cleaned_data

    def periode(self) -> tuple[datetime.date, datetime.date, str]:
        """(first day, last day, label); this year when the year is empty or invalid."""
        data = self.isian()
        tahun = data.get("tahun") or timezone.localdate().year
        label, bulan_awal, bulan_akhir = self.BAGIAN[data.get("bagian") or ""]
        akhir = datetime.date(tahun + (bulan_akhir == 12), bulan_akhir % 12 + 1, 1) - datetime.timedelta(days=1)
        return datetime.date(tahun, bulan_awal, 1), akhir, f"{label} {tahun}"


class FormFilterPermohonan(FormRentangLaporan):
    """The request list's search and filters; choices are only what the user may see."""

    q = forms.CharField(label="Cari tiket atau nama", required=False, max_length=100)
    jenis = forms.TypedChoiceField(label="Layanan", required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label="Unit", required=False, coerce=int, empty_value=None)
    petugas = forms.TypedChoiceField(label="Petugas", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Semua status"), *Permohonan.Status.choices]
    )

    def __init__(self, *args, jenis_choices=(), pilihan_unit=(), petugas_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [("", "Semua layanan"), *jenis_choices]
        self.fields["unit"].choices = [("", "Semua unit"), *pilihan_unit]
        self.fields["petugas"].choices = [("", "Semua petugas"), *petugas_choices]

    def filters(self):
        data = self.isian()
        mulai, selesai, _ = self.periode()
        return {
            "q": data.get("q", ""),
            "jenis_id": data.get("jenis"),
            "unit_id": data.get("unit"),
            "petugas_id": data.get("petugas"),
            "status": data.get("status", ""),
            "mulai": mulai,
            "selesai": selesai,
        }
