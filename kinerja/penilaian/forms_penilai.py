"""HR's form naming an ASN's pejabat penilai kinerja and atasan pejabat penilai."""

from django import forms

from kinerja.pegawai.models import Pegawai, PejabatLuar

from .forms import _helper
from .services_penilai import PilihanPenilai

BAWAAN, PEGAWAI, LUAR = "BAWAAN", "PEGAWAI", "LUAR"


class FormPenilai(forms.Form):
    """Each appraiser is the default, an ASN on the roster named by NIP, or an official outside the roster."""

    keterangan = forms.CharField(
        label="Dasar penetapan",
        required=False,
        max_length=500,
        help_text="Misalnya nomor surat keputusan atau nota dinas; dicatat di log audit.",
    )

    def __init__(self, *args, pegawai: Pegawai, **kwargs):
        super().__init__(*args, **kwargs)
        ppk_bawaan = pegawai.atasan
        luar = PejabatLuar.objects.filter(aktif=True)
        for awalan, label, bawaan in (
            (
                "penilai",
                "Pejabat penilai kinerja",
                f"Atasan langsung ({ppk_bawaan.nama_lengkap})" if ppk_bawaan else None,
            ),
            (
                "atasan_penilai",
                "Atasan pejabat penilai kinerja",
                "Pejabat penilai dari pejabat penilai kinerja (bawaan)",
            ),
        ):
            pilihan = [(PEGAWAI, "Pegawai lain (dengan NIP)"), (LUAR, "Pejabat di luar daftar pegawai")]
            pilihan.insert(0, (BAWAAN, bawaan or "Bawaan (belum ada atasan langsung tercatat)"))
            self.fields[awalan] = forms.ChoiceField(label=label, choices=pilihan, widget=forms.RadioSelect)
            self.fields[f"{awalan}_nip"] = forms.CharField(
                label="NIP pegawai", required=False, max_length=30, help_text="18 digit; spasi boleh."
            )
            self.fields[f"{awalan}_luar"] = forms.ModelChoiceField(
                label="Pejabat di luar daftar pegawai",
                queryset=luar,
                required=False,
                empty_label="— pilih —",
                help_text="Administrator menambahkan pejabat ini di halaman admin (Pejabat penilai di luar daftar "
                "pegawai).",
            )
        self.order_fields([f for f in self.fields if f != "keterangan"] + ["keterangan"])
        for awalan in ("penilai", "atasan_penilai"):
            orang, luar = getattr(pegawai, awalan), getattr(pegawai, f"{awalan}_luar")
            self.initial.setdefault(awalan, self._jenis(orang, luar))
            self.initial.setdefault(f"{awalan}_nip", orang.nip if orang else "")
            self.initial.setdefault(f"{awalan}_luar", luar.pk if luar else None)
        self.helper = _helper()

    @staticmethod
    def _jenis(pegawai, luar) -> str:
        return PEGAWAI if pegawai is not None else LUAR if luar is not None else BAWAAN

    def _pilihan(self, awalan: str) -> PilihanPenilai:
        data = self.cleaned_data
        jenis = data.get(awalan)
        if jenis == PEGAWAI:
            nip = "".join((data.get(f"{awalan}_nip") or "").split())
            if not nip:
                self.add_error(f"{awalan}_nip", "Tulis NIP pegawai yang ditetapkan.")
                return PilihanPenilai()
            orang = Pegawai.objects.filter(nip=nip).first()
            if orang is None:
                self.add_error(f"{awalan}_nip", f"Tidak ada pegawai dengan NIP {nip}.")
                return PilihanPenilai()
            return PilihanPenilai(pegawai=orang)
        if jenis == LUAR:
            if data.get(f"{awalan}_luar") is None:
                self.add_error(f"{awalan}_luar", "Pilih pejabat di luar daftar pegawai.")
                return PilihanPenilai()
            return PilihanPenilai(luar=data[f"{awalan}_luar"])
        return PilihanPenilai()

    def clean(self):
        data = super().clean()
        data["pilihan_penilai"] = self._pilihan("penilai")
        data["pilihan_atasan_penilai"] = self._pilihan("atasan_penilai")
        return data
