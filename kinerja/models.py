"""The kinerja app's models, defined in its sub-packages and gathered here: Django finds an app's models in
<app>.models, and the app label, migrations and table names stay those of the single app they always were."""

from .notifikasi.models import Notifikasi
from .pegawai.models import (
    AliasKolomRoster,
    ImporRoster,
    Pegawai,
    PejabatLuar,
    PenugasanPengelola,
    UnitKerja,
    jumlah_bawahan_aktif,
    subtree,
)
from .penilaian.models import (
    DialogKinerja,
    EkspektasiPerilaku,
    EvaluasiKinerja,
    EvaluasiTerkunci,
    PembukaanKembaliPeriode,
    PerilakuKerja,
    Periode,
    RealisasiIndikator,
    RiwayatEvaluasi,
    UmpanBalikRHK,
)
from .penilaian.models_angka_kredit import KebutuhanAngkaKredit, KoefisienAngkaKredit, KonversiPredikatAngkaKredit
from .penilaian.models_ekinerja import HasilEkinerja, ImporEkinerja
from .penilaian.models_harian import ProgresHarian
from .penilaian.models_peran import PeranHasil
from .penilaian.models_rencana_aksi import RencanaAksi
from .penilaian.models_skp import SKP, IndikatorKinerja, RencanaHasilKerja, RiwayatSKP
from .penilaian.models_unit import EvaluasiDikecualikan, KinerjaOrganisasi, PengaturanKinerja, PengecualianKurva

__all__ = [
    "SKP",
    "AliasKolomRoster",
    "DialogKinerja",
    "EkspektasiPerilaku",
    "EvaluasiDikecualikan",
    "EvaluasiKinerja",
    "EvaluasiTerkunci",
    "HasilEkinerja",
    "ImporEkinerja",
    "ImporRoster",
    "IndikatorKinerja",
    "KebutuhanAngkaKredit",
    "KinerjaOrganisasi",
    "KoefisienAngkaKredit",
    "KonversiPredikatAngkaKredit",
    "Notifikasi",
    "Pegawai",
    "PejabatLuar",
    "PembukaanKembaliPeriode",
    "PengaturanKinerja",
    "PengecualianKurva",
    "PenugasanPengelola",
    "PeranHasil",
    "PerilakuKerja",
    "Periode",
    "ProgresHarian",
    "RealisasiIndikator",
    "RencanaAksi",
    "RencanaHasilKerja",
    "RiwayatEvaluasi",
    "RiwayatSKP",
    "UmpanBalikRHK",
    "UnitKerja",
    "jumlah_bawahan_aktif",
    "subtree",
]
