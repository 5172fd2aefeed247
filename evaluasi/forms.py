"""Forms of the rules pages: the rule editor with its conditions, decisions, uploads, attendance, filters."""

from django import forms
from django.conf import settings
from django.utils import timezone

from core.spreadsheet import check_spreadsheet_upload
from core.spreadsheet_formats import ACCEPTED, SPREADSHEET_EXTENSIONS
from kinerja.models import Periode

from . import engine
from .katalog import katalog
from .models import Aturan, ImporFakta, Konsekuensi, RekapKehadiran

BULAN = [
    (1, "Januari"),
    (2, "Februari"),
    (3, "Maret"),
    (4, "April"),
    (5, "Mei"),
    (6, "Juni"),
    (7, "Juli"),
    (8, "Agustus"),
    (9, "September"),
    (10, "Oktober"),
    (11, "November"),
    (12, "Desember"),
]


def pilihan_periode():
    return [(p.pk, str(p)) for p in Periode.objects.order_by("-tahun", "-mulai", "jenis")]


class FormAturan(forms.ModelForm):
    """The rule's fields; its conditions come from FormsetKondisi and are checked by Aturan.clean."""

    kondisi = forms.JSONField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Aturan
        fields = [
            "nama",
            "jenis",
            "dasar_hukum",
            "kode_konsekuensi",
            "uraian_konsekuensi",
            "persen_potongan",
            "bulan_potongan",
            "periode_berturut",
            "berlaku_mulai",
            "berlaku_sampai",
            "aktif",
            "prioritas",
            "grup_eksklusif",
            "sekali_setahun",
            "kondisi",
        ]
        widgets = {
            "berlaku_mulai": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "berlaku_sampai": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "uraian_konsekuensi": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, kondisi=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._kondisi = kondisi

    def clean_kondisi(self):
        return self._kondisi if self._kondisi is not None else self.instance.kondisi


class FormKondisi(forms.Form):
    metrik = forms.ChoiceField(
        label="Metrik",
        required=False,
        error_messages={"invalid_choice": "Metrik '%(value)s' tidak dikenal."},
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    operator = forms.ChoiceField(
        label="Operator",
        required=False,
        choices=[("", "—"), *engine.OPERATOR.items()],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    nilai = forms.CharField(
        label="Nilai",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metrik"].choices = [("", "—")] + [(m.nama, m.label) for m in katalog().values()]

    def sebagai_kondisi(self):
        d = self.cleaned_data
        if not d or d.get("DELETE") or not (d.get("metrik") or d.get("operator") or d.get("nilai")):
            return None
        return {"metrik": d.get("metrik"), "operator": d.get("operator"), "nilai": (d.get("nilai") or "").strip()}


FormsetKondisi = forms.formset_factory(FormKondisi, extra=2, can_delete=True, max_num=10)


def kondisi_awal(aturan: Aturan):
    return [{"metrik": k.get("metrik"), "operator": k.get("operator"), "nilai": k.get("nilai")} for k in aturan.kondisi]


class FormSimulasi(forms.Form):
    periode = forms.TypedChoiceField(label="Simulasikan pada periode", coerce=int, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [("", "—")] + pilihan_periode()


class FormTerapkan(forms.Form):
    konfirmasi_belum_final = forms.BooleanField(
        required=False, label="Saya mengerti periode ini belum final dan tetap ingin menerapkan aturan."
    )


class FormPutusan(forms.Form):
    keputusan = forms.ChoiceField(choices=[("setujui", "Setujui"), ("tolak", "Tolak")])
    alasan = forms.CharField(label="Alasan", max_length=1000)


class FormFilterKonsekuensi(forms.Form):
    periode = forms.TypedChoiceField(label="Periode", coerce=int, required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Semua"), *Konsekuensi.Status.choices])
    kode = forms.ChoiceField(label="Konsekuensi", required=False)
    unit = forms.TypedChoiceField(label="Unit kerja", coerce=int, required=False)
    cari = forms.CharField(label="Nama/NIP", required=False, max_length=50)

    def __init__(self, *args, pilihan_unit=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [("", "Semua")] + pilihan_periode()
        self.fields["kode"].choices = [("", "Semua")] + [(k, v.label) for k, v in engine.KODE.items()]
        self.fields["unit"].choices = [("", "Semua"), *pilihan_unit]

    def filters(self):
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "periode_id": d.get("periode"),
            "status": d.get("status"),
            "kode": d.get("kode"),
            "unit_id": d.get("unit"),
            "cari": (d.get("cari") or "").strip(),
        }


class FormUnggahFakta(forms.Form):
    jenis = forms.ChoiceField(label="Jenis data", choices=ImporFakta.Jenis.choices)
    berkas = forms.FileField(
        label="Berkas",
        help_text=f"{ACCEPTED}. Kolom NIP harus berformat Teks.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SPREADSHEET_EXTENSIONS)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].help_text += f" Ukuran paling besar {settings.EVALUASI_MAX_UPLOAD_MB} MB."

    def clean_berkas(self):
        return check_spreadsheet_upload(self.cleaned_data["berkas"], settings.EVALUASI_MAX_UPLOAD_MB)


class FormKehadiran(forms.ModelForm):
    """One ASN's month, entered by HR; the ASN is given by NIP."""

    nip = forms.CharField(label="NIP", max_length=18)

    class Meta:
        model = RekapKehadiran
        fields = ["tahun", "bulan", *RekapKehadiran.ANGKA]
        widgets = {"bulan": forms.Select(choices=BULAN)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hari_ini = timezone.localdate()
        self.fields["tahun"].initial = hari_ini.year
        self.fields["bulan"].initial = hari_ini.month
        self.order_fields(["nip", "tahun", "bulan"])

    def _post_clean(self):
        # The consistency checks run in the service (periksa_rekap), which reports them by field.
        pass


class FormFilterTPP(forms.Form):
    unit = forms.TypedChoiceField(label="Unit kerja", coerce=int)
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    bulan = forms.TypedChoiceField(label="Bulan", coerce=int, choices=BULAN)

    def __init__(self, *args, pilihan_unit=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = list(pilihan_unit)
        hari_ini = timezone.localdate()
        self.fields["tahun"].initial = hari_ini.year
        self.fields["bulan"].initial = hari_ini.month


class FormKunciTPP(FormFilterTPP):
    """Lock the month's list shown; after a lock, a recalculation (a new version) needs its reason."""

    alasan = forms.CharField(
        label="Alasan hitung ulang",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Wajib bila bulan ini sudah dikunci: versi lama tetap tersimpan.",
    )
