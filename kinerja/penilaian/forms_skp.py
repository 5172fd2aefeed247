"""The plan's forms: starting an SKP, its RHK (a JPT's sasaran strategis), indicators (a JPT's IKU) with a
quantitative or qualitative target, and its annex (with a JPT's Perjanjian Kinerja)."""

from crispy_forms.layout import Column, Row
from django import forms

from .forms import GALAT_DESIMAL, _helper
from .models_skp import PESAN_TARGET_KUALITATIF, SKP, IndikatorKinerja, RencanaHasilKerja, periksa_target
from .models_unit import PengaturanKinerja


class FormRHK(forms.Form):
    uraian = forms.CharField(label="Rencana hasil kerja", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    jenis = forms.ChoiceField(label="Jenis", choices=RencanaHasilKerja.Jenis.choices)
    rhk_atasan = forms.TypedChoiceField(
        label="RHK atasan yang diintervensi",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Wajib untuk RHK utama: pilih dari SKP atasan langsung tahun yang sama.",
    )

    def __init__(self, *args, pilihan_rhk_atasan=(), jpt=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rhk_atasan"].choices = [("", "— belum dipilih —"), *((r.pk, r.uraian) for r in pilihan_rhk_atasan)]
        if jpt:
            # PermenPANRB 6/2022: a JPT's RHK are the unit's sasaran strategis from its Perjanjian Kinerja.
            self.fields["uraian"].label = "Sasaran strategis (RHK)"
            self.fields[
                "uraian"
            ].help_text = (
                "SKP JPT: tulis sasaran strategis unit sebagaimana tercantum dalam Perjanjian Kinerja tahun ini."
            )
            self.fields["rhk_atasan"].label = "Sasaran atasan yang didukung"
            self.fields[
                "rhk_atasan"
            ].help_text = "Tidak wajib untuk SKP JPT: sasaran strategis bersumber dari Perjanjian Kinerja unit."
        self.helper = _helper()


class FormIndikator(forms.Form):
    """An indicator: a quantitative target (number and unit) or a qualitative one (the expected result described)."""

    uraian = forms.CharField(label="Indikator kinerja", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    aspek = forms.ChoiceField(label="Aspek", choices=IndikatorKinerja.Aspek.choices)
    jenis_target = forms.ChoiceField(
        label="Jenis target",
        choices=IndikatorKinerja.JenisTarget.choices,
        initial=IndikatorKinerja.JenisTarget.KUANTITATIF,
        # Left out (an older page or client), an indicator is quantitative, as every indicator was before.
        required=False,
        widget=forms.RadioSelect,
        help_text="Kuantitatif: capaian dihitung dari realisasi terhadap target. Kualitatif: pegawai menguraikan "
        "realisasinya beserta bukti, lalu pejabat penilai menandainya Di Atas, Sesuai, atau Di Bawah Ekspektasi "
        "(PermenPANRB 6/2022).",
    )
    target = forms.DecimalField(
        label="Target",
        required=False,
        max_digits=16,
        decimal_places=2,
        localize=True,
        error_messages=GALAT_DESIMAL,
        validators=[periksa_target],
        help_text="Untuk target kuantitatif.",
    )
    satuan = forms.CharField(
        label="Satuan",
        required=False,
        max_length=50,
        help_text='Untuk target kuantitatif, misalnya "dokumen", "%", "hari", "bulan".',
    )
    target_kualitatif = forms.CharField(
        label="Target kualitatif",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text='Untuk target kualitatif: hasil yang diharapkan, misalnya "Rekomendasi kebijakan diterima '
        'pimpinan tanpa revisi substansi".',
    )

    def __init__(self, *args, jpt=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aspek"].help_text = PengaturanKinerja.aktif().keterangan_efisiensi()
        if jpt:
            self.fields["uraian"].label = "Indikator kinerja utama (IKU)"
            self.fields["uraian"].help_text = "SKP JPT: IKU sasaran strategis ini sebagaimana dalam Perjanjian Kinerja."
        self.helper = _helper(
            "uraian",
            Row(Column("aspek", css_class="col-md-4"), Column("jenis_target", css_class="col-md-8")),
            Row(Column("target", css_class="col-md-6"), Column("satuan", css_class="col-md-6")),
            "target_kualitatif",
        )

    def clean(self):
        # The model's clean() says the same; the form says it beside each field at once.
        data = super().clean()
        data["jenis_target"] = data.get("jenis_target") or IndikatorKinerja.JenisTarget.KUANTITATIF
        if data["jenis_target"] == IndikatorKinerja.JenisTarget.KUALITATIF:
            if not (data.get("target_kualitatif") or "").strip():
                self.add_error("target_kualitatif", PESAN_TARGET_KUALITATIF)
        else:
            if data.get("target") is None and "target" not in self.errors:
                self.add_error("target", "Target angka wajib diisi untuk indikator kuantitatif.")
            if not (data.get("satuan") or "").strip():
                self.add_error("satuan", "Satuan wajib diisi untuk indikator kuantitatif.")
        return data


class FormLampiranSKP(forms.Form):
    """The SKP's annex: one optional text per part, with the model's label, limit and help (the service's keys)."""

    def __init__(self, *args, jpt=False, **kwargs):
        super().__init__(*args, **kwargs)
        if jpt:
            self.fields["perjanjian_kinerja"] = SKP._meta.get_field("perjanjian_kinerja").formfield()
        for nama in SKP.FIELD_LAMPIRAN:
            self.fields[nama] = SKP._meta.get_field(nama).formfield(widget=forms.Textarea(attrs={"rows": 4}))
        self.helper = _helper()


class FormBuatSKP(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    salin = forms.BooleanField(label="Salin RHK dan indikator dari SKP tahun sebelumnya", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
