"""Forms of the period, SKP and evaluation pages. They parse and show input; every rule is in the services."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from kinerja.pegawai.forms import TOMBOL_FILTER

from . import periode as rumus_periode
from . import predikat as rumus_predikat
from .models import PANJANG_EKSPEKTASI, PANJANG_NARASI, EvaluasiKinerja, PerilakuKerja, Periode
from .models_rencana_aksi import PANJANG_RENCANA_AKSI
from .models_unit import EvaluasiDikecualikan, KinerjaOrganisasi, PengaturanKinerja
from .services import IsianRealisasi, galat_umpan_balik_perilaku

# The short indicators of each BerAKHLAK core value (DOMAIN.md §1), shown beside the supervisor's feedback.
PANDUAN_BERAKHLAK = {
    PerilakuKerja.Nilai.BERORIENTASI_PELAYANAN: "Memahami dan memenuhi kebutuhan masyarakat; ramah, cekatan, solutif "
    "dan dapat diandalkan; melakukan perbaikan tiada henti.",
    PerilakuKerja.Nilai.AKUNTABEL: "Jujur, cermat, disiplin dan berintegritas; menggunakan barang milik negara secara "
    "bertanggung jawab; tidak menyalahgunakan kewenangan jabatan.",
    PerilakuKerja.Nilai.KOMPETEN: "Terus belajar mengembangkan kapabilitas; membantu orang lain belajar; melaksanakan "
    "tugas dengan kualitas terbaik.",
    PerilakuKerja.Nilai.HARMONIS: "Menghargai setiap orang apa pun latar belakangnya; suka menolong orang lain; "
    "membangun lingkungan kerja yang kondusif.",
    PerilakuKerja.Nilai.LOYAL: "Setia kepada Pancasila, UUD 1945, NKRI dan pemerintahan yang sah; menjaga nama baik "
    "ASN, instansi dan negara; menjaga rahasia jabatan dan negara.",
    PerilakuKerja.Nilai.ADAPTIF: "Cepat menyesuaikan diri menghadapi perubahan; terus berinovasi dan mengembangkan "
    "kreativitas; bertindak proaktif.",
    PerilakuKerja.Nilai.KOLABORATIF: "Memberi kesempatan berbagai pihak untuk berkontribusi; terbuka bekerja sama "
    "menghasilkan nilai tambah; menggerakkan berbagai sumber daya untuk tujuan bersama.",
}

# A short default feedback per BerAKHLAK value, for a behaviour as expected: the rating form offers it beside the
# value (one tap inserts it), so a supervisor with many staff writes their own words only where they matter.
SARAN_UMPAN_BALIK = {
    PerilakuKerja.Nilai.BERORIENTASI_PELAYANAN: "Sesuai ekspektasi: melayani dengan ramah, cekatan dan solutif.",
    PerilakuKerja.Nilai.AKUNTABEL: "Sesuai ekspektasi: jujur, cermat dan disiplin dalam bekerja.",
    PerilakuKerja.Nilai.KOMPETEN: "Sesuai ekspektasi: terus belajar dan menyelesaikan tugas dengan baik.",
    PerilakuKerja.Nilai.HARMONIS: "Sesuai ekspektasi: menghargai rekan kerja dan suka menolong.",
    PerilakuKerja.Nilai.LOYAL: "Sesuai ekspektasi: menjaga nama baik instansi dan rahasia jabatan.",
    PerilakuKerja.Nilai.ADAPTIF: "Sesuai ekspektasi: cepat menyesuaikan diri dan bertindak proaktif.",
    PerilakuKerja.Nilai.KOLABORATIF: "Sesuai ekspektasi: terbuka bekerja sama dengan rekan dan unit lain.",
}

BANTUAN_BERKAS = "PDF, JPG, PNG, XLSX atau DOCX; paling besar {} MB. Kosongkan untuk mempertahankan berkas yang ada."

_TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def tampilkan_galat(form: forms.Form, galat: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside the field its key names, otherwise above the form."""
    if not hasattr(galat, "error_dict"):
        form.add_error(None, galat)
        return
    for kunci, daftar in galat.error_dict.items():
        form.add_error(kunci if kunci in form.fields else None, daftar)


def _helper(*layout, tag_form=False):
    helper = FormHelper()
    helper.form_tag = tag_form
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


class FormBukaPeriode(forms.Form):
    """Opening a period: its type and year are enough. A number or date left empty is filled from them
    (kinerja.penilaian.periode), each deadline from the date before it (the end, then the filling deadline), so
    the form works without JavaScript; static/js/periode.js fills the same as the user picks, from usulan(), never
    over what they typed."""

    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    jenis = forms.ChoiceField(label="Jenis periode", choices=Periode.Jenis.choices)
    nomor = forms.IntegerField(
        label="Nomor",
        required=False,
        min_value=1,
        max_value=12,
        help_text="Bulan 1–12, triwulan 1–4, semester 1–2, tahunan 1. Kosongkan untuk periode yang sedang berjalan, "
        "atau yang berikutnya bila sudah dibuka.",
    )
    mulai = forms.DateField(
        label="Tanggal mulai", required=False, widget=_TANGGAL, help_text="Kosongkan: hari pertama periode."
    )
    selesai = forms.DateField(
        label="Tanggal selesai", required=False, widget=_TANGGAL, help_text="Kosongkan: hari terakhir periode."
    )
    batas_pengisian = forms.DateField(
        label="Batas pengisian realisasi",
        required=False,
        widget=_TANGGAL,
        help_text=f"Kosongkan: {rumus_periode.HARI_KERJA_PENGISIAN} hari kerja (Senin–Jumat) setelah tanggal "
        "selesai. Hari libur tidak dihitung: geser bila perlu.",
    )
    batas_penilaian = forms.DateField(
        label="Batas penilaian atasan",
        required=False,
        widget=_TANGGAL,
        help_text=f"Kosongkan: {rumus_periode.HARI_KERJA_PENILAIAN} hari kerja setelah batas pengisian.",
    )
    TANGGAL = ("mulai", "selesai", "batas_pengisian", "batas_penilaian")

    def __init__(self, *args, periode=(), hari_ini, **kwargs):
        super().__init__(*args, **kwargs)
        self.hari_ini = hari_ini
        self.terbuka = {}  # (jenis, tahun) → the numbers already opened
        for p in periode:
            self.terbuka.setdefault((p.jenis, p.tahun), set()).add(p.nomor)
        if not self.is_bound:
            self.initial = {"tahun": hari_ini.year, "jenis": Periode.Jenis.TRIWULANAN, **self.initial}
            self.initial |= self._rencana(self.initial["jenis"], self.initial["tahun"])
        self.helper = _helper(
            Row(
                Column("tahun", css_class="col-md-4"),
                Column("jenis", css_class="col-md-4"),
                Column("nomor", css_class="col-md-4"),
            ),
            Row(Column("mulai", css_class="col-md-6"), Column("selesai", css_class="col-md-6")),
            Row(Column("batas_pengisian", css_class="col-md-6"), Column("batas_penilaian", css_class="col-md-6")),
        )

    def _nomor(self, jenis, tahun) -> int | None:
        return rumus_periode.nomor_usulan(jenis, tahun, self.hari_ini, self.terbuka.get((jenis, tahun), set()))

    def _rencana(self, jenis, tahun) -> dict:
        """The suggested number and its dates as field values; no number when every period is opened."""
        nomor = self._nomor(jenis, tahun)
        if nomor is None:
            return {}
        rencana = rumus_periode.rencana_periode(jenis, nomor, tahun)
        return {"nomor": nomor, **{f: getattr(rencana, f) for f in self.TANGGAL}}

    def clean(self):
        data = super().clean()
        jenis, tahun = data.get("jenis"), data.get("tahun")
        if not jenis or tahun is None or "nomor" in self.errors:
            return data
        if data.get("nomor") is None:
            data["nomor"] = self._nomor(jenis, tahun)
            if data["nomor"] is None:
                self.add_error("nomor", f"Semua periode {jenis.lower()} tahun {tahun} sudah dibuka.")
                return data
        try:
            rencana = rumus_periode.rencana_periode(jenis, data["nomor"], tahun)
        except ValueError as galat:
            # With every date given, the service judges the number along with them, each beside its field.
            if any(data.get(f) is None for f in self.TANGGAL):
                self.add_error("nomor", str(galat))
            return data
        bawaan = {
            "mulai": lambda: rencana.mulai,
            "selesai": lambda: rencana.selesai,
            "batas_pengisian": lambda: rumus_periode.batas_pengisian_bawaan(data["selesai"]),
            "batas_penilaian": lambda: rumus_periode.batas_penilaian_bawaan(data["batas_pengisian"]),
        }
        for f in self.TANGGAL:  # in order: each deadline follows the date before it, typed or filled
            if f in self.errors:
                return data
            if data.get(f) is None:
                data[f] = bawaan[f]()
        return data

    def usulan(self) -> dict:
        """For static/js/periode.js, per type and year around this one: the suggested number, and per number the
        period's name and dates (ISO), so the script fills what this form would fill on the server."""
        tahun_ini = self.hari_ini.year
        return {
            jenis: {
                tahun: {
                    "nomor": self._nomor(jenis, tahun),
                    "periode": {
                        nomor: {"nama": r.nama, **{f: getattr(r, f).isoformat() for f in self.TANGGAL}}
                        for nomor in range(1, rumus_periode.NOMOR_MAKSIMUM[jenis] + 1)
                        for r in [rumus_periode.rencana_periode(jenis, nomor, tahun)]
                    },
                }
                for tahun in range(tahun_ini - 2, tahun_ini + 2)
            }
            for jenis in Periode.Jenis.values
        }


class FormAlasan(forms.Form):
    alasan = forms.CharField(label="Alasan", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, label="Alasan", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alasan"].label = label
        self.helper = _helper()


class FormPersetujuanAtasNama(forms.Form):
    """HR recording the SKP approval of an appraiser outside the roster: the signed SKP."""

    berkas_persetujuan = forms.FileField(
        label="SKP bertanda tangan",
        help_text="Hasil pindai SKP yang ditandatangani pejabat penilai kinerja: PDF, JPG atau PNG, paling besar 5 MB.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class FormPengembalian(FormAlasan):
    """Returning an evaluation to the ASN: a reason, and the version the page showed."""

    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label="Alasan pengembalian", **kwargs)


class FormBuatEvaluasi(forms.Form):
    unit = forms.TypedMultipleChoiceField(
        label="Unit kerja",
        coerce=int,
        help_text="Evaluasi dibuat untuk setiap pegawai aktif di unit terpilih dan seluruh sub-unitnya; "
        "pegawai yang sudah memiliki evaluasi periode ini dilewati.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, pilihan_unit=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Callables: the units are read only when needed (kinerja.pegawai.forms.FormFilterPegawai says why).
        self.fields["unit"].choices = lambda: list(pilihan_unit)
        self.helper = _helper()


class FormFilterEvaluasi(forms.Form):
    unit = forms.TypedChoiceField(label="Unit kerja", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Semua status"), *EvaluasiKinerja.Status.choices]
    )
    predikat = forms.ChoiceField(
        label="Predikat", required=False, choices=[("", "Semua predikat"), *EvaluasiKinerja.Predikat.choices]
    )

    def __init__(self, *args, pilihan_unit=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = lambda: [("", "Semua unit"), *pilihan_unit]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(
                Column("unit", css_class="col-lg-6"),
                Column("status", css_class="col-lg-3 col-md-6"),
                Column("predikat", css_class="col-lg-3 col-md-6"),
            ),
            TOMBOL_FILTER,
        )

    def filters(self):
        """Valid filters as keyword arguments for selectors.daftar_evaluasi; an invalid one is ignored."""
        self.is_valid()
        data = self.cleaned_data
        return {"unit_id": data.get("unit"), "status": data.get("status", ""), "predikat": data.get("predikat", "")}


# Numbers are read the Indonesian way (12,5): "1.000" is then one with three decimals, not a thousand.
GALAT_DESIMAL = {
    "max_decimal_places": "Paling banyak %(max)s angka di belakang koma. Tulis desimal dengan koma (12,5) dan "
    "ribuan tanpa titik (1000)."
}


class FormRealisasi(forms.Form):
    """The realisation and evidence of every indicator of the evaluation's SKP, named as the service's error keys."""

    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, baris_rhk=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = []
        keterangan = PengaturanKinerja.aktif().keterangan_efisiensi()
        for baris in baris_rhk:
            for b in baris.indikator:
                ind, r = b.indikator, b.realisasi
                nama = f"realisasi_{ind.pk}"
                if ind.kualitatif:
                    # No figure: the narrative is the realisation (services.isi_realisasi requires it).
                    self.fields[nama] = forms.CharField(required=False, widget=forms.HiddenInput)
                    self.fields[f"{nama}_narasi"] = forms.CharField(
                        label="Realisasi (uraian)",
                        max_length=PANJANG_NARASI,
                        initial=r.narasi if r else "",
                        widget=forms.Textarea(attrs={"rows": 3}),
                        help_text="Indikator kualitatif: uraikan hasil yang dicapai terhadap target di atas dan "
                        "lampirkan buktinya; pejabat penilai menandainya Di Atas, Sesuai, atau Di Bawah Ekspektasi.",
                        error_messages={"required": "Uraikan realisasi indikator kualitatif ini."},
                    )
                else:
                    self.fields[nama] = forms.DecimalField(
                        label=f"Realisasi ({ind.satuan})",
                        min_value=0,
                        max_digits=16,
                        decimal_places=2,
                        initial=r.realisasi if r else None,
                        localize=True,
                        error_messages=GALAT_DESIMAL,
                        help_text=keterangan if ind.diukur_efisiensi else "",
                    )
                    self.fields[f"{nama}_narasi"] = forms.CharField(
                        label="Uraian realisasi",
                        required=False,
                        max_length=PANJANG_NARASI,
                        initial=r.narasi if r else "",
                        widget=forms.Textarea(attrs={"rows": 2}),
                        help_text="Apa yang dikerjakan untuk indikator ini pada periode ini.",
                    )
                self.fields[f"{nama}_bukti_tautan"] = forms.URLField(
                    label="Tautan bukti",
                    required=False,
                    max_length=500,
                    assume_scheme="https",
                    initial=r.bukti_tautan if r else "",
                )
                self.fields[f"{nama}_bukti_berkas"] = forms.FileField(
                    label="Berkas bukti",
                    required=False,
                    help_text=BANTUAN_BERKAS.format(settings.BUKTI_MAX_MB),
                )
                self.indikator.append((b, nama))
        self.baris_rhk = list(baris_rhk)
        self.helper = _helper()

    @property
    def kelompok(self):
        """Per RHK, its indicators with their three bound fields, for the template's table."""
        return [
            (
                baris,
                [
                    (b, self[n], self[f"{n}_bukti_tautan"], self[f"{n}_bukti_berkas"], self[f"{n}_narasi"])
                    for b in baris.indikator
                    for n in [f"realisasi_{b.indikator.pk}"]
                ],
            )
            for baris in self.baris_rhk
        ]

    def isian(self):
        """The rows for services.isi_realisasi; an empty upload keeps the stored file."""
        return [
            IsianRealisasi(
                indikator_id=b.indikator.pk,
                realisasi=None if b.indikator.kualitatif else self.cleaned_data[nama],
                bukti_tautan=self.cleaned_data.get(f"{nama}_bukti_tautan", ""),
                bukti_berkas=self.cleaned_data.get(f"{nama}_bukti_berkas") or None,
                narasi=self.cleaned_data.get(f"{nama}_narasi", ""),
            )
            for b, nama in self.indikator
        ]


class FormRencanaAksi(forms.Form):
    """The rencana aksi of every RHK of the evaluation's SKP, one optional text each (the service's error keys)."""

    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, baris_rhk=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rhk = []
        for baris in baris_rhk:
            nama = f"rencana_{baris.rhk.pk}"
            self.fields[nama] = forms.CharField(
                label="Rencana aksi",
                required=False,
                max_length=PANJANG_RENCANA_AKSI,
                initial=baris.rencana_aksi.rencana if baris.rencana_aksi else "",
                # The RHK's heading above (the template's id) describes the field, with its help text.
                widget=forms.Textarea(attrs={"rows": 3, "aria-describedby": f"rhk-{baris.rhk.pk} id_{nama}_helptext"}),
                help_text="Langkah yang akan dikerjakan pada periode ini untuk mencapai target RHK ini. "
                "Kosongkan untuk menghapus.",
            )
            self.rhk.append((baris, nama))
        self.helper = _helper()

    @property
    def bidang(self):
        """Per RHK its row (with the indicators) and its field, for the template."""
        return [(baris, self[nama]) for baris, nama in self.rhk]

    def rencana(self) -> dict[int, str]:
        """The argument of services.isi_rencana_aksi: RHK id → text."""
        return {baris.rhk.pk: self.cleaned_data[nama] for baris, nama in self.rhk}


def _panduan(nilai, ekspektasi: str | None) -> str:
    """The value's indicators, and the appraiser's own expectation of this ASN on it, if set on the SKP."""
    if ekspektasi:
        return f"{PANDUAN_BERAKHLAK[nilai]} Ekspektasi khusus pimpinan: {ekspektasi}"
    return PANDUAN_BERAKHLAK[nilai]


class FormEkspektasi(forms.Form):
    """The appraiser's ekspektasi khusus pimpinan, one optional text per BerAKHLAK value (the service's keys)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nilai in PerilakuKerja.Nilai:
            self.fields[nilai.value] = forms.CharField(
                label=nilai.label,
                required=False,
                max_length=PANJANG_EKSPEKTASI,
                help_text=PANDUAN_BERAKHLAK[nilai],
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.helper = _helper()


class FormPenilaian(forms.Form):
    """The supervisor's review: feedback per RHK and per BerAKHLAK value (required after a rating Di Atas or Di
    Bawah Ekspektasi only), both ratings, notes and development."""

    versi = forms.IntegerField(widget=forms.HiddenInput)
    rating_hasil_kerja = forms.ChoiceField(
        label="Rating hasil kerja", choices=EvaluasiKinerja.Rating.choices, widget=forms.RadioSelect
    )
    rating_perilaku_kerja = forms.ChoiceField(
        label="Rating perilaku kerja", choices=EvaluasiKinerja.Rating.choices, widget=forms.RadioSelect
    )
    catatan = forms.CharField(
        label="Catatan", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    rekomendasi_pengembangan = forms.CharField(
        label="Rekomendasi pengembangan", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args,
        baris_rhk=(),
        menilai_ulang=False,
        ekspektasi=None,
        atas_nama=None,
        usulan_kualitatif=None,
        rating_pimpinan=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.kualitatif = []
        for baris in baris_rhk:
            for b in baris.indikator:
                if not b.indikator.kualitatif:
                    continue
                nama = f"kualitatif_{b.indikator.pk}"
                self.fields[nama] = forms.ChoiceField(
                    label=f"Penilaian: {b.indikator.uraian}",
                    choices=EvaluasiKinerja.Rating.choices,
                    widget=forms.RadioSelect,
                    initial=(b.realisasi.penilaian_kualitatif if b.realisasi else "")
                    or (usulan_kualitatif or {}).get(b.indikator.pk, ""),
                    help_text=f"Target kualitatif: {b.indikator.target_kualitatif}",
                    error_messages={"required": "Tandai realisasi indikator kualitatif ini terhadap ekspektasinya."},
                )
                self.kualitatif.append((b, nama))
        if rating_pimpinan is not None:
            # SE MenPANRB 3/2023: a rating of the head's hasil kerja other than the unit's needs a reason.
            self.fields["alasan_rating_pimpinan"] = forms.CharField(
                label="Alasan rating hasil kerja berbeda dari capaian kinerja organisasi",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=f"Diisi bila rating hasil kerja bukan {EvaluasiKinerja.Rating(rating_pimpinan).label}; "
                "dicatat dalam riwayat evaluasi.",
            )
        if atas_nama is not None:
            # HR recording the rating of an appraiser outside the roster (services.nilai_evaluasi).
            self.fields["berkas_penilaian"] = forms.FileField(
                label="Dokumen penilaian bertanda tangan",
                help_text=f"Hasil pindai penilaian yang ditandatangani {atas_nama.nama}: PDF, JPG atau PNG, paling "
                "besar 5 MB. Disimpan bersama evaluasi sebagai dasar pencatatan.",
            )
        self.rhk = []
        for baris in baris_rhk:
            nama = f"umpan_balik_rhk_{baris.rhk.pk}"
            self.fields[nama] = forms.CharField(
                label=f"Umpan balik: {baris.rhk.uraian}",
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=baris.umpan_balik,
            )
            self.rhk.append((baris, nama))
        self.perilaku = []
        for nilai in PerilakuKerja.Nilai:
            nama = f"perilaku_{nilai.value}"
            self.fields[nama] = forms.CharField(
                label=nilai.label,
                required=False,
                help_text=_panduan(nilai, (ekspektasi or {}).get(nilai.value)),
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.perilaku.append((nilai, nama))
        if menilai_ulang:
            self.fields["alasan"] = forms.CharField(
                label="Alasan mengubah penilaian",
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Evaluasi ini sudah dinilai; perubahan nilai dicatat beserta alasannya.",
            )
        self.helper = _helper()

    @property
    def bidang_rhk(self):
        return [(baris, self[nama]) for baris, nama in self.rhk]

    @property
    def bidang_kualitatif(self):
        """Per qualitative indicator its row (target, the ASN's narrative and evidence) and the appraiser's mark."""
        return [(b, self[nama]) for b, nama in self.kualitatif]

    @property
    def bidang_perilaku(self):
        """Per BerAKHLAK value its field and the default feedback offered beside it."""
        return [(self[nama], SARAN_UMPAN_BALIK[nilai]) for nilai, nama in self.perilaku]

    def clean(self):
        # The service enforces the rule; the form applies the same one so that every error shows at once.
        data = super().clean()
        umpan_balik = {nilai.value: data.get(nama, "") for nilai, nama in self.perilaku}
        for nama, pesan in galat_umpan_balik_perilaku(data.get("rating_perilaku_kerja", ""), umpan_balik).items():
            if nama not in self.errors:
                self.add_error(nama, pesan)
        return data

    def argumen(self):
        """Keyword arguments for services.nilai_evaluasi."""
        data = self.cleaned_data
        return {
            "rating_hasil_kerja": data["rating_hasil_kerja"],
            "rating_perilaku_kerja": data["rating_perilaku_kerja"],
            "umpan_balik_rhk": {baris.rhk.pk: data[nama] for baris, nama in self.rhk},
            "umpan_balik_perilaku": {nilai.value: data[nama] for nilai, nama in self.perilaku},
            "catatan": data["catatan"],
            "rekomendasi_pengembangan": data["rekomendasi_pengembangan"],
            "alasan": data.get("alasan", ""),
            "berkas_penilaian": data.get("berkas_penilaian"),
            "penilaian_kualitatif": {b.indikator.pk: data[nama] for b, nama in self.kualitatif},
            "alasan_rating_pimpinan": data.get("alasan_rating_pimpinan", ""),
        }


class FormKinerjaOrganisasi(forms.Form):
    capaian = forms.ChoiceField(
        label="Capaian kinerja organisasi", choices=[("", "— pilih —"), *KinerjaOrganisasi.Capaian.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class FormFinalisasi(forms.Form):
    """Finalise a unit: the versions the page showed travel along, so a change made meanwhile is refused, and each
    evaluation not rated yet gets a reason to leave it out (pre-filled with the one recorded for it last)."""

    alasan_pengecualian = forms.CharField(
        label="Alasan pengecualian kurva",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wajib bila sebaran predikat melanggar kurva distribusi; dicatat dan ditampilkan di halaman unit.",
    )

    def __init__(self, *args, evaluasi=(), belum=(), **kwargs):
        super().__init__(*args, **kwargs)
        for ev in (*evaluasi, *belum):
            self.fields[f"versi_{ev.pk}"] = forms.IntegerField(widget=forms.HiddenInput, initial=ev.versi)
        # Versions posted for evaluations no longer ready (returned meanwhile) must reach the service's check too.
        for nama in self.data:
            if nama.startswith("versi_") and nama[6:].isdigit() and nama not in self.fields:
                self.fields[nama] = forms.IntegerField(widget=forms.HiddenInput)
        pilihan = [("", "— pilih alasan —"), *EvaluasiDikecualikan.Alasan.choices]
        self.baris_belum = []
        for ev in belum:
            nama, lalu = ev.pegawai.nama_lengkap, getattr(ev, "pengecualian_terakhir", None)
            self.fields[f"alasan_{ev.pk}"] = forms.ChoiceField(
                label=f"Alasan pengecualian {nama}",
                required=False,
                choices=pilihan,
                initial=lalu.alasan if lalu else "",
                widget=forms.Select(attrs={"class": "form-select form-select-sm", "aria-label": f"Alasan {nama}"}),
            )
            self.fields[f"keterangan_{ev.pk}"] = forms.CharField(
                label=f"Keterangan {nama}",
                required=False,
                max_length=500,
                initial=lalu.keterangan if lalu else "",
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm", "aria-label": f"Keterangan {nama}"}
                ),
            )
            self.baris_belum.append((ev, self[f"alasan_{ev.pk}"], self[f"keterangan_{ev.pk}"]))
        # The reasons are laid out in the page's table of those not rated; crispy renders the rest.
        versi = [nama for nama in self.fields if nama.startswith("versi_")]
        self.helper = _helper(*versi, "alasan_pengecualian")

    def versi(self):
        """Evaluation id → the version the page showed."""
        return {int(nama[6:]): nilai for nama, nilai in self.cleaned_data.items() if nama.startswith("versi_")}

    def pengecualian(self):
        """Evaluation id → (reason code, text) for each evaluation not rated that was given a reason."""
        return {
            int(nama[7:]): (kode, self.cleaned_data.get(f"keterangan_{nama[7:]}", ""))
            for nama, kode in self.cleaned_data.items()
            if nama.startswith("alasan_") and nama[7:].isdigit() and kode
        }


class FormPengaturan(forms.Form):
    """The agency's parameters; the curve's percentages are editable, its shape (which predikat, at least/at most)
    follows SE MenPANRB 3/2023."""

    batas_capaian = forms.DecimalField(
        label="Batas capaian (%)",
        min_value=100,
        max_value=120,
        max_digits=5,
        decimal_places=2,
        help_text="PP 30/2019: capaian paling tinggi 120%.",
    )
    rumus_waktu_biaya = PengaturanKinerja._meta.get_field("rumus_waktu_biaya").formfield(widget=forms.RadioSelect)
    rumus_efisiensi_tinggi = forms.BooleanField(
        label="Pakai rumus efisiensi di atas 24% (Perka BKN 1/2013)",
        required=False,
        help_text="Belum terkonfirmasi. Bila tidak dicentang, rumus efisiensi ≤ 24% dipakai untuk semua nilai.",
    )

    def __init__(self, *args, kurva=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.syarat = []
        for capaian, daftar in (kurva or rumus_predikat.KURVA_BAWAAN).items():
            label_capaian = rumus_predikat.LABEL_CAPAIAN_ORGANISASI[capaian]
            for i, syarat in enumerate(daftar):
                nama = f"kurva_{capaian}_{i}"
                predikat = " dan/atau ".join(rumus_predikat.LABEL_PREDIKAT[p] for p in syarat.predikat)
                batas = "paling sedikit" if syarat.minimal else "paling banyak"
                self.fields[nama] = forms.FloatField(
                    label=f"{label_capaian}: {predikat} {batas} (%)",
                    min_value=0,
                    max_value=100,
                    initial=syarat.persen,
                    help_text="0 berarti paling sedikit satu orang." if syarat.minimal else "",
                )
                self.syarat.append((capaian, syarat, nama))
        self.helper = _helper()

    @property
    def bidang_kurva(self):
        """The curve's fields in order, for the template."""
        return [self[nama] for _, _, nama in self.syarat]

    def kurva(self):
        """The curve for services_periode.simpan_pengaturan; None when it equals the defaults."""
        hasil = {}
        for capaian, syarat, nama in self.syarat:
            persen = self.cleaned_data[nama]
            hasil.setdefault(capaian, []).append(
                {
                    "predikat": list(syarat.predikat),
                    "persen": int(persen) if persen == int(persen) else persen,
                    "minimal": syarat.minimal,
                }
            )
        bawaan = {
            c: [{"predikat": list(s.predikat), "persen": s.persen, "minimal": s.minimal} for s in d]
            for c, d in rumus_predikat.KURVA_BAWAAN.items()
        }
        return None if hasil == bawaan else hasil


class FormDialog(forms.Form):
    isi = forms.CharField(label="Catatan baru", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class FormVersi(forms.Form):
    """A button that acts on an evaluation carries the version the page showed."""

    versi = forms.IntegerField(widget=forms.HiddenInput)
