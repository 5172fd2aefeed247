from django import forms

from .models import AKSI, OBJEK_DIAUDIT, model_objek


class FormFilterLog(forms.Form):
    dari = forms.DateField(label="Dari tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    oleh = forms.CharField(label="Pengguna", required=False, max_length=150, help_text="Nama pengguna (NIP)")
    objek = forms.ChoiceField(label="Jenis objek", required=False)
    aksi = forms.ChoiceField(label="Aksi", required=False)
    cari = forms.CharField(label="Cari objek", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        jenis = [(o, str(model_objek(o)._meta.verbose_name).capitalize()) for o in OBJEK_DIAUDIT]
        self.fields["objek"].choices = [("", "Semua"), *sorted(jenis, key=lambda p: p[1])]
        self.fields["aksi"].choices = [("", "Semua"), *sorted(AKSI.items(), key=lambda p: p[1])]

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            self.add_error("sampai", "Tanggal akhir tidak boleh sebelum tanggal awal.")
        return data

    def filters(self):
        """The valid filters; with any error the list is not filtered at all (the form shows why)."""
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "dari": d.get("dari"),
            "sampai": d.get("sampai"),
            "oleh": d.get("oleh") or "",
            "objek": d.get("objek") or "",
            "aksi": d.get("aksi") or "",
            "cari": d.get("cari") or "",
        }
