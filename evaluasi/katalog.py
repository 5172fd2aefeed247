"""The catalogue of metrics a rule may use: names, labels, kinds and choices, per source (metrik.py computes them).

Kept apart from the computation so that the rule model can check a rule's conditions against it without
importing the queries, which import the models.
"""

from django.apps import apps

from kinerja.models import EvaluasiKinerja, Pegawai, Periode

from .engine import ANGKA, PILIHAN, Metrik

_RATING = tuple(EvaluasiKinerja.Rating.choices)

METRIK = {
    "kinerja": (
        Metrik("predikat", "Predikat kinerja", PILIHAN, tuple(EvaluasiKinerja.Predikat.choices)),
        Metrik("rating_hasil_kerja", "Rating hasil kerja", PILIHAN, _RATING),
        Metrik("rating_perilaku_kerja", "Rating perilaku kerja", PILIHAN, _RATING),
        Metrik("capaian_rata_rata", "Rata-rata capaian indikator", ANGKA, satuan="%"),
    ),
    "kehadiran": (
        Metrik("hari_tanpa_keterangan", "Hari tanpa keterangan (kumulatif tahun berjalan)", ANGKA, satuan="hari"),
        Metrik(
            "hari_tanpa_keterangan_berturut",
            "Hari kerja tanpa keterangan berturut-turut (terpanjang tahun berjalan, disambung antarbulan)",
            ANGKA,
            satuan="hari",
        ),
        Metrik("hari_tanpa_keterangan_periode", "Hari tanpa keterangan dalam periode", ANGKA, satuan="hari"),
        Metrik("menit_terlambat", "Menit terlambat dalam periode", ANGKA, satuan="menit"),
        Metrik("kali_terlambat", "Kali terlambat dalam periode", ANGKA, satuan="kali"),
        Metrik("kali_tanpa_rekam", "Kali tidak merekam kehadiran dalam periode", ANGKA, satuan="kali"),
        Metrik("kali_pulang_cepat", "Kali pulang sebelum waktunya dalam periode", ANGKA, satuan="kali"),
        Metrik("persen_kehadiran", "Persentase kehadiran dalam periode", ANGKA, satuan="%"),
    ),
    "pelatihan": (Metrik("jp_pelatihan", "Jam pelajaran pelatihan (tahun berjalan)", ANGKA, satuan="JP"),),
    "disiplin": (
        Metrik("hukuman_disiplin_tahun_ini", "Hukuman disiplin tercatat (tahun berjalan)", ANGKA, satuan="kali"),
    ),
    "periode": (Metrik("jenis_periode", "Jenis periode", PILIHAN, tuple(Periode.Jenis.choices)),),
    "pegawai": (Metrik("status_kepegawaian", "Status kepegawaian", PILIHAN, tuple(Pegawai.StatusKepegawaian.choices)),),
    "layanan": (
        Metrik("layanan_selesai", "Permohonan layanan diselesaikan", ANGKA, satuan="permohonan"),
        Metrik("persen_tepat_waktu", "Persentase layanan tepat waktu", ANGKA, satuan="%"),
        Metrik("ikm_layanan", "IKM layanan yang ditangani", ANGKA),
    ),
}
# A source whose metrics exist only when an optional app is installed.
APLIKASI = {"layanan": "layanan"}


def sumber_aktif() -> list[str]:
    """The sources whose app is installed."""
    return [nama for nama in METRIK if nama not in APLIKASI or apps.is_installed(APLIKASI[nama])]


def katalog() -> dict[str, Metrik]:
    """Every metric a rule may use, by name."""
    return {m.nama: m for sumber in sumber_aktif() for m in METRIK[sumber]}
