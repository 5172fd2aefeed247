"""Deterministic demo roster for Gorontalo (DOMAIN.md §6): units, ASN and the demo logins.

Pure generation (standard library only); `manage.py seed_demo` writes the result. Ages and years of
service are computed from a fixed reference date, not today, so a seed gives the same data on any day.
"""

import datetime
import itertools
import random
from dataclasses import dataclass, field

from kinerja.pegawai.golongan import PANGKAT_PNS

TANGGAL_REFERENSI = datetime.date(2025, 1, 1)
SEED_BAKU = 2025
JUMLAH_BAKU = 300
KATA_SANDI_DEMO = "Gorontalo#2025"
DOMAIN_EMAIL = "gorontaloprov.go.id"

GOLONGAN_PNS = list(PANGKAT_PNS)  # I/a … IV/e in rank order; indices below refer to it
SMA, D3, S1 = GOLONGAN_PNS.index("II/a"), GOLONGAN_PNS.index("II/c"), GOLONGAN_PNS.index("III/a")
USIA_PENSIUN = 58

# Ranges of PNS golongan allowed for each kind of jabatan (PermenPANRB 1/2023 for fungsional; usual
# practice for structural posts) and the golongan a PPPK of that level is appointed in (Perpres 98/2020).
RENTANG_GOLONGAN = {
    "JPT_MADYA": ("IV/d", "IV/e"),
    "JPT_PRATAMA": ("IV/c", "IV/d"),
    "ADMINISTRATOR": ("IV/a", "IV/b"),
    "PENGAWAS": ("III/c", "IV/a"),
    "PELAKSANA": ("II/a", "III/b"),
    "PEMULA": ("II/a", "II/a"),
    "TERAMPIL": ("II/c", "II/d"),
    "MAHIR": ("III/a", "III/b"),
    "PENYELIA": ("III/c", "III/d"),
    "AHLI_PERTAMA": ("III/a", "III/b"),
    "AHLI_MUDA": ("III/c", "III/d"),
    "AHLI_MADYA": ("IV/a", "IV/c"),
}
GOLONGAN_PPPK_JABATAN = {
    "PEMULA": "V",
    "TERAMPIL": "VII",
    "MAHIR": "VIII",
    "PENYELIA": "IX",
    "AHLI_PERTAMA": "IX",
    "AHLI_MUDA": "X",
    "AHLI_MADYA": "XI",
}
# Kelas jabatan as a peta jabatan typically grades each kind of post (illustrative: each region's own map sets them);
# a pelaksana in golongan III is usually a grade above one in golongan II.
KELAS_JABATAN = {
    "JPT_UTAMA": 17,
    "JPT_MADYA": 16,
    "JPT_PRATAMA": 14,
    "ADMINISTRATOR": 12,
    "PENGAWAS": 9,
    "PELAKSANA": 5,
    "PEMULA": 5,
    "TERAMPIL": 6,
    "MAHIR": 7,
    "PENYELIA": 8,
    "AHLI_PERTAMA": 8,
    "AHLI_MUDA": 9,
    "AHLI_MADYA": 11,
    "AHLI_UTAMA": 13,
}


def kelas_jabatan(jenis: str, golongan: str) -> int:
    """A plausible kelas jabatan for a kind of post and golongan."""
    return KELAS_JABATAN[jenis] + (1 if jenis == "PELAKSANA" and golongan.startswith("III") else 0)


# The lowest entry golongan (education) that can reach each level.
PENDIDIKAN_MASUK = {
    "PEMULA": [SMA],
    "TERAMPIL": [D3],
    "MAHIR": [D3],
    "PENYELIA": [D3],
    "PELAKSANA": [SMA, D3, S1],
}
TAHUN_PPPK = [2019, 2021, 2022, 2023, 2024]


def _daftar(teks: str) -> list[str]:
    """Word lists are written as text: one name per line would make the tables longer than the code."""
    return teks.split()


NAMA_LAKI = _daftar(
    "Ahmad Muhammad Moh. Rahmat Irwan Hendra Rizal Yusuf Fadli Arifin Ridwan Syamsul Hamzah Jamaludin "
    "Sofyan Rusli Hasan Abdul Taufik Zulkifli Iskandar Budi Agus Fikri Yamin Salim Idris Nasir Kadir "
    "Rivai Darwin Roni Wahyu"
)
NAMA_PEREMPUAN = _daftar(
    "Siti Nurhayati Fatmawati Sri Rahmawati Yulianti Nurul Dewi Fitriani Hasna Marlina Rosdiana Nining "
    "Sartin Wahyuni Ayu Indah Nurain Zulaeha Herlina Rahma Sitti Yuyun Meiske Novianti Ratna Hadijah "
    "Nurhidayah Asna Lismawati"
)
NAMA_TENGAH_LAKI = _daftar("Rahman Hidayat Saputra Akbar Ramadhan Kurniawan Fauzi Syahrir")
NAMA_TENGAH_PEREMPUAN = _daftar("Aisyah Kartika Pratiwi Handayani Purnamasari Rahayu Utami")
NAMA_KELUARGA = _daftar(
    "Hulopi Lamatenggo Mohamad Pakaya Daud Usman Hasan Ali Ismail Katili Monoarfa Nusi Gobel Jusuf Bumulo "
    "Rahim Tangahu Abdullah Hunowu Dunda Bakari Lahay Mooduto Tilome Tuli Yunus Badu Dai Djafar Kadir "
    "Hippy Musa Latif Olii Tomayahu Hulukati Pomalingo Wartabone Ibrahim Amu Mopangga Gani Polapa Nento "
    "Kaluku Lamusu Saleh Biya Dangkua Mahmud Podungge Uno Talib Paramata"
)

# Academic titles by field and level of education.
GELAR_S1 = {
    "umum": ["S.E.", "S.H.", "S.Sos.", "S.IP.", "S.AP."],
    "kesehatan": ["S.KM."],
    "keperawatan": ["S.Kep., Ns."],
    "kebidanan": ["S.Tr.Keb."],
    "farmasi": ["S.Farm."],
    "dokter": ["S.Ked."],
    "pendidikan": ["S.Pd."],
    "komputer": ["S.Kom.", "S.T."],
    "perencanaan": ["S.T.", "S.E.", "S.P."],
    "psikologi": ["S.Psi."],
}
GELAR_D3 = {
    "keperawatan": "A.Md.Kep.",
    "kebidanan": "A.Md.Keb.",
    "kesehatan": "A.Md.Kes.",
    "farmasi": "A.Md.Farm.",
    "komputer": "A.Md.Kom.",
}
GELAR_S2 = {
    "kesehatan": ["M.Kes."],
    "dokter": ["M.Kes.", "Sp.PD.", "Sp.A."],
    "pendidikan": ["M.Pd."],
    "perencanaan": ["M.T.", "M.Si."],
}
GELAR_S2_UMUM = ["M.Si.", "M.M.", "M.AP.", "M.H."]

UMUM = (
    ("Pengadministrasi Perkantoran", "PELAKSANA", "umum"),
    ("Pengolah Data dan Informasi", "PELAKSANA", "komputer"),
    ("Penata Layanan Operasional", "PELAKSANA", "umum"),
    ("Pengelola Keuangan", "PELAKSANA", "umum"),
    ("Arsiparis Terampil", "TERAMPIL", "umum"),
    ("Pranata Komputer Ahli Pertama", "AHLI_PERTAMA", "komputer"),
    ("Analis Kebijakan Ahli Muda", "AHLI_MUDA", "umum"),
)


@dataclass(frozen=True)
class Opd:
    kode: str
    nama: str
    jabatan_kepala: str
    jenis_kepala: str
    bidang_ilmu: str
    sub_unit: tuple  # (name, (child names...)); a bidang with no children is a seksi directly under the OPD
    jabatan_staf: tuple  # (jabatan, jenis_jabatan, bidang_ilmu)
    bobot: int  # relative share of the staff


def _sekretariat(*, bagian="Sekretariat"):
    return (bagian, ("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan"))


OPD = (
    Opd(
        "75.01",
        "Badan Kepegawaian Daerah",
        "Kepala Badan Kepegawaian Daerah",
        "JPT_PRATAMA",
        "umum",
        (
            _sekretariat(),
            ("Bidang Pengadaan, Pemberhentian dan Informasi", ("Subbidang Pengadaan", "Subbidang Data dan Informasi")),
            ("Bidang Mutasi dan Promosi", ("Subbidang Mutasi", "Subbidang Promosi dan Kepangkatan")),
            ("Bidang Pengembangan Aparatur", ("Subbidang Pengembangan Kompetensi", "Subbidang Penilaian Kinerja")),
        ),
        (
            ("Analis SDM Aparatur Ahli Pertama", "AHLI_PERTAMA", "psikologi"),
            ("Analis SDM Aparatur Ahli Muda", "AHLI_MUDA", "umum"),
            ("Asesor SDM Aparatur Ahli Muda", "AHLI_MUDA", "psikologi"),
            ("Pranata SDM Aparatur Terampil", "TERAMPIL", "umum"),
        ),
        3,
    ),
    Opd(
        "75.02",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        "JPT_PRATAMA",
        "umum",
        (
            _sekretariat(),
            ("Bidang Pelayanan Pendaftaran Penduduk", ("Seksi Identitas Penduduk", "Seksi Pindah Datang Penduduk")),
            ("Bidang Pelayanan Pencatatan Sipil", ("Seksi Kelahiran dan Kematian", "Seksi Perkawinan dan Perceraian")),
            (
                "Bidang Pengelolaan Informasi Administrasi Kependudukan",
                ("Seksi Sistem Informasi", "Seksi Penyajian Data"),
            ),
        ),
        (
            ("Administrator Database Kependudukan Ahli Pertama", "AHLI_PERTAMA", "komputer"),
            ("Operator Layanan Operasional", "PELAKSANA", "umum"),
            ("Pengolah Data Kependudukan", "PELAKSANA", "komputer"),
        ),
        3,
    ),
    Opd(
        "75.03",
        "Dinas Kesehatan",
        "Kepala Dinas Kesehatan",
        "JPT_PRATAMA",
        "kesehatan",
        (
            _sekretariat(),
            ("Bidang Kesehatan Masyarakat", ("Seksi Kesehatan Keluarga dan Gizi", "Seksi Promosi Kesehatan")),
            (
                "Bidang Pencegahan dan Pengendalian Penyakit",
                ("Seksi Surveilans dan Imunisasi", "Seksi Penyakit Menular"),
            ),
            (
                "Bidang Pelayanan Kesehatan",
                ("Seksi Pelayanan Kesehatan Primer", "Seksi Kefarmasian dan Alat Kesehatan"),
            ),
        ),
        (
            ("Epidemiolog Kesehatan Ahli Muda", "AHLI_MUDA", "kesehatan"),
            ("Penyuluh Kesehatan Masyarakat Ahli Pertama", "AHLI_PERTAMA", "kesehatan"),
            ("Nutrisionis Terampil", "TERAMPIL", "kesehatan"),
            ("Apoteker Ahli Pertama", "AHLI_PERTAMA", "farmasi"),
            ("Sanitarian Mahir", "MAHIR", "kesehatan"),
        ),
        4,
    ),
    Opd(
        "75.04",
        "Dinas Pendidikan dan Kebudayaan",
        "Kepala Dinas Pendidikan dan Kebudayaan",
        "JPT_PRATAMA",
        "pendidikan",
        (
            _sekretariat(),
            ("Bidang Pembinaan SMA", ("Seksi Kurikulum SMA", "Seksi Peserta Didik SMA")),
            ("Bidang Pembinaan SMK", ("Seksi Kurikulum SMK", "Seksi Kelembagaan SMK")),
            ("Bidang Guru dan Tenaga Kependidikan", ("Seksi Pendidik", "Seksi Tenaga Kependidikan")),
        ),
        (
            ("Pengawas Sekolah Ahli Madya", "AHLI_MADYA", "pendidikan"),
            ("Pengembang Teknologi Pembelajaran Ahli Pertama", "AHLI_PERTAMA", "pendidikan"),
            ("Pranata Laboratorium Pendidikan Terampil", "TERAMPIL", "umum"),
        ),
        4,
    ),
    Opd(
        "75.05",
        "Badan Perencanaan Pembangunan Daerah",
        "Kepala Badan Perencanaan Pembangunan Daerah",
        "JPT_PRATAMA",
        "perencanaan",
        (
            _sekretariat(),
            (
                "Bidang Pemerintahan dan Pembangunan Manusia",
                ("Subbidang Pemerintahan", "Subbidang Pembangunan Manusia"),
            ),
            ("Bidang Perekonomian dan Sumber Daya Alam", ("Subbidang Perekonomian", "Subbidang Sumber Daya Alam")),
            ("Bidang Infrastruktur dan Kewilayahan", ("Subbidang Infrastruktur", "Subbidang Pengembangan Wilayah")),
        ),
        (
            ("Perencana Ahli Pertama", "AHLI_PERTAMA", "perencanaan"),
            ("Perencana Ahli Muda", "AHLI_MUDA", "perencanaan"),
            ("Perencana Ahli Madya", "AHLI_MADYA", "perencanaan"),
            ("Statistisi Ahli Pertama", "AHLI_PERTAMA", "perencanaan"),
        ),
        2,
    ),
    Opd(
        "75.06",
        "RSUD Dr. Hasri Ainun Habibie",
        "Direktur RSUD Dr. Hasri Ainun Habibie",
        "JPT_PRATAMA",
        "dokter",
        (
            _sekretariat(bagian="Bagian Umum dan Keuangan"),
            ("Bidang Pelayanan Medik", ("Seksi Pelayanan Medik", "Seksi Penunjang Medik")),
            ("Bidang Keperawatan", ("Seksi Asuhan Keperawatan", "Seksi Mutu Keperawatan")),
        ),
        (
            ("Dokter Ahli Pertama", "AHLI_PERTAMA", "dokter"),
            ("Dokter Ahli Muda", "AHLI_MUDA", "dokter"),
            ("Perawat Terampil", "TERAMPIL", "keperawatan"),
            ("Perawat Ahli Pertama", "AHLI_PERTAMA", "keperawatan"),
            ("Bidan Terampil", "TERAMPIL", "kebidanan"),
            ("Apoteker Ahli Pertama", "AHLI_PERTAMA", "farmasi"),
            ("Pranata Laboratorium Kesehatan Terampil", "TERAMPIL", "kesehatan"),
        ),
        6,
    ),
) + tuple(
    # Kecamatan offices are bodies of Kota Gorontalo, not of the province; the demo keeps them in one tree
    # so the seeded roster shows both kinds of office.
    Opd(
        f"75.{nomor:02d}",
        f"Kecamatan {nama}",
        f"Camat {nama}",
        "ADMINISTRATOR",
        "umum",
        (("Seksi Pemerintahan", ()), ("Seksi Pelayanan Umum", ()), ("Seksi Kesejahteraan Sosial", ())),
        (("Pengadministrasi Perkantoran", "PELAKSANA", "umum"), ("Penata Layanan Operasional", "PELAKSANA", "umum")),
        1,
    )
    for nomor, nama in ((7, "Kota Barat"), (8, "Dungingi"), (9, "Kota Selatan"))
)
PROVINSI = ("75", "Pemerintah Provinsi Gorontalo")


@dataclass(frozen=True)
class LoginDemo:
    peran: str
    username: str
    keterangan: str


@dataclass
class Unit:
    kode: str
    nama: str
    induk: str | None
    kedalaman: int
    kepala: str | None = None  # NIP


@dataclass
class Orang:
    nip: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    jenis_kelamin: str
    tanggal_lahir: datetime.date
    status_kepegawaian: str
    golongan: str
    jabatan: str
    jenis_jabatan: str
    unit: str  # kode
    atasan: str | None  # NIP
    email: str
    no_hp: str
    tingkat: int  # -1 the Sekda, 0 heads an OPD; appraisers are always created before those they appraise
    # The PPK when it is not the direct supervisor (kinerja.pegawai.penilai): a roster NIP, or the Gubernur.
    penilai: str | None = None
    penilai_gubernur: bool = False
    kelas_jabatan: int | None = None

    @property
    def ppk(self) -> str | None:
        """The NIP of the PPK on the roster (none for the Sekda, whose PPK is the Gubernur)."""
        return None if self.penilai_gubernur else self.penilai or self.atasan


@dataclass(frozen=True)
class OrangTetap:
    """A demo login's person: fixed across seeds so README and tests can name them."""

    nip: str
    nama: str
    gelar_belakang: str
    golongan: str
    jabatan: str
    jenis_jabatan: str
    unit: str  # the unit they head (kepala) or work in (staf)
    kepala: bool = False


# Fixed people behind the demo logins. The Pegawai works in the Atasan's seksi, so the two see each other.
PENGELOLA = OrangTetap(
    "198807122014032002",
    "Sri Wahyuni Lamatenggo",
    "S.Psi.",
    "III/c",
    "Analis SDM Aparatur Ahli Muda",
    "AHLI_MUDA",
    "Subbidang Penilaian Kinerja",
)
ATASAN = OrangTetap(
    "198105232006041001",
    "Hendra Pakaya",
    "S.KM., M.Kes.",
    "III/d",
    "Kepala Seksi Pelayanan Kesehatan Primer",
    "PENGAWAS",
    "Seksi Pelayanan Kesehatan Primer",
    kepala=True,
)
PEGAWAI = OrangTetap(
    "199402182020122003",
    "Nurul Fitriani Hasan",
    "S.KM.",
    "III/a",
    "Penyuluh Kesehatan Masyarakat Ahli Pertama",
    "AHLI_PERTAMA",
    "Seksi Pelayanan Kesehatan Primer",
)
PETUGAS = OrangTetap(
    "199109082019031005",
    "Moh. Rizal Daud",
    "S.Kom.",
    "III/b",
    "Administrator Database Kependudukan Ahli Pertama",
    "AHLI_PERTAMA",
    "Seksi Identitas Penduduk",
)
# The head of the demo Atasan's OPD, whose PPK is the Sekda; and the Sekda, whose PPK is the Gubernur.
KEPALA_DINAS = OrangTetap(
    "196912181993041001",
    "Fikri Badu",
    "S.KM., M.Kes.",
    "IV/c",
    "Kepala Dinas Kesehatan",
    "JPT_PRATAMA",
    "Dinas Kesehatan",
    kepala=True,
)
SEKDA = OrangTetap(
    "196805121994031003",
    "Hamka Pomalingo",
    "S.H., M.Si.",
    "IV/d",
    "Sekretaris Daerah Provinsi Gorontalo",
    "JPT_MADYA",
    PROVINSI[1],
)
ORANG_TETAP = (PENGELOLA, ATASAN, PEGAWAI, PETUGAS, KEPALA_DINAS, SEKDA)


@dataclass(frozen=True)
class PejabatDemo:
    """The demo's appraiser outside the roster: the Gubernur, the Sekda's PPK, with a login."""

    username: str
    nama: str
    jabatan: str


GUBERNUR = PejabatDemo("gubernur", "Drs. H. Rahmat Datau, M.Si.", "Gubernur Gorontalo")
OPD_PENGELOLA = ("Dinas Kesehatan", "Dinas Kependudukan dan Pencatatan Sipil")
# The demo Atasan's team (with the demo Pegawai), when the roster is large enough to fill it.
TIM_ATASAN_DEMO = 5

LOGIN_DEMO = (
    LoginDemo("Administrator", "admin", "Administrator sistem (bukan pegawai)"),
    LoginDemo("Pengelola Kinerja", PENGELOLA.nip, f"{PENGELOLA.nama}, BKD; mengelola {' dan '.join(OPD_PENGELOLA)}"),
    LoginDemo("Atasan", ATASAN.nip, f"{ATASAN.nama}, {ATASAN.jabatan}"),
    LoginDemo("Pegawai", PEGAWAI.nip, f"{PEGAWAI.nama}, staf {PEGAWAI.unit} (bawahan {ATASAN.nama})"),
    LoginDemo("Petugas Layanan", PETUGAS.nip, f"{PETUGAS.nama}, Dukcapil"),
    LoginDemo("Kepala Dinas", KEPALA_DINAS.nip, f"{KEPALA_DINAS.nama}, {KEPALA_DINAS.jabatan} (dinilai Sekda)"),
    LoginDemo("Sekda", SEKDA.nip, f"{SEKDA.nama}, {SEKDA.jabatan} (dinilai Gubernur)"),
    LoginDemo("Gubernur", GUBERNUR.username, f"{GUBERNUR.nama}, pejabat penilai di luar daftar pegawai"),
)


@dataclass
class Roster:
    unit: list[Unit] = field(default_factory=list)
    orang: list[Orang] = field(default_factory=list)


def jumlah_minimal() -> int:
    """The fewest pegawai that fill every head post and the demo staff."""
    kepala = sum(1 + sum(1 + len(anak) for _, anak in opd.sub_unit) for opd in OPD)
    return kepala + sum(not o.kepala for o in ORANG_TETAP)


class _Pembuat:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.nip_terpakai = {o.nip for o in ORANG_TETAP}
        self.roster = Roster()

    def nip(self, lahir: datetime.date, tahun: int, bulan: int, kelamin: str) -> str:
        awalan = f"{lahir:%Y%m%d}{tahun:04d}{bulan:02d}{'1' if kelamin == 'L' else '2'}"
        urut = 1
        while f"{awalan}{urut:03d}" in self.nip_terpakai:
            urut += 1
        nip = f"{awalan}{urut:03d}"
        self.nip_terpakai.add(nip)
        return nip

    def nama(self, kelamin: str) -> str:
        rng = self.rng
        depan = rng.choice(NAMA_LAKI if kelamin == "L" else NAMA_PEREMPUAN)
        bagian = [depan]
        if rng.random() < 0.4:
            bagian.append(rng.choice(NAMA_TENGAH_LAKI if kelamin == "L" else NAMA_TENGAH_PEREMPUAN))
        bagian.append(rng.choice(NAMA_KELUARGA))
        return " ".join(bagian)

    def gelar(self, masuk: int, bidang_ilmu: str, s2: bool) -> tuple[str, str]:
        """Front and back titles for an education level (entry golongan) and field."""
        rng = self.rng
        if masuk == SMA:
            return "", ""
        if masuk == D3:
            return "", GELAR_D3.get(bidang_ilmu, "A.Md.")
        depan = ""
        if bidang_ilmu == "dokter":
            depan, belakang = "dr.", []
        elif bidang_ilmu == "farmasi":
            depan, belakang = "apt.", [rng.choice(GELAR_S1["farmasi"])]
        else:
            belakang = [rng.choice(GELAR_S1.get(bidang_ilmu, GELAR_S1["umum"]))]
        if s2:
            belakang.append(rng.choice(GELAR_S2.get(bidang_ilmu, GELAR_S2_UMUM)))
            if rng.random() < 0.08:
                depan = f"Dr. {depan}".strip()
        return depan, ", ".join(belakang)

    def kontak(self, nama: str, nip: str) -> tuple[str, str]:
        rng = self.rng
        email = f"{nama.split()[0].rstrip('.').lower()}.{nip[-6:]}@{DOMAIN_EMAIL}"
        no_hp = "08" + rng.choice(["11", "12", "13", "21", "22", "52", "53", "77", "81", "82", "95"])
        return email, no_hp + "".join(rng.choice("0123456789") for _ in range(8))

    def orang(self, jabatan, jenis, bidang_ilmu, unit, atasan, tingkat, pppk=False) -> Orang:
        """A person whose golongan fits the jabatan and whose age and NIP fit the golongan."""
        rng = self.rng
        kelamin = rng.choice("LP")
        if pppk:
            golongan = GOLONGAN_PPPK_JABATAN[jenis]
            tahun_masuk, usia_masuk = rng.choice(TAHUN_PPPK), rng.randint(24, 40)
            masuk, s2 = (D3 if golongan in ("V", "VII", "VIII") else S1), False
        else:
            bawah, atas = (GOLONGAN_PNS.index(g) for g in RENTANG_GOLONGAN[jenis])
            posisi = rng.randint(bawah, atas)
            masuk = rng.choice([m for m in PENDIDIKAN_MASUK.get(jenis, [S1]) if m <= posisi])
            golongan = GOLONGAN_PNS[posisi]
            usia_masuk = rng.randint(*{SMA: (19, 26), D3: (21, 28)}.get(masuk, (23, 32)))
            # About one rank every four years; capped so nobody is past retirement age.
            masa = min((posisi - masuk) * 4 + rng.randint(1, 4), USIA_PENSIUN - 1 - usia_masuk)
            tahun_masuk = TANGGAL_REFERENSI.year - masa
            s2 = jenis in ("JPT_PRATAMA", "AHLI_MADYA") or (jenis == "ADMINISTRATOR" and rng.random() < 0.6)
        lahir = datetime.date(tahun_masuk - usia_masuk, rng.randint(1, 12), rng.randint(1, 28))
        nip = self.nip(lahir, tahun_masuk, rng.randint(1, 12), kelamin)
        nama = self.nama(kelamin)
        gelar_depan, gelar_belakang = self.gelar(masuk, bidang_ilmu, s2)
        email, no_hp = self.kontak(nama, nip)
        return Orang(
            nip=nip,
            nama=nama,
            gelar_depan=gelar_depan,
            gelar_belakang=gelar_belakang,
            jenis_kelamin=kelamin,
            tanggal_lahir=lahir,
            status_kepegawaian="PPPK" if pppk else "PNS",
            golongan=golongan,
            jabatan=jabatan,
            jenis_jabatan=jenis,
            unit=unit,
            atasan=atasan,
            email=email,
            no_hp=no_hp,
            tingkat=tingkat,
            kelas_jabatan=kelas_jabatan(jenis, golongan),
        )

    def tetap(self, o: OrangTetap, unit: str, atasan: str | None, tingkat: int) -> Orang:
        lahir = datetime.date(int(o.nip[:4]), int(o.nip[4:6]), int(o.nip[6:8]))
        kelamin = "L" if o.nip[14] == "1" else "P"
        email, no_hp = self.kontak(o.nama, o.nip)
        return Orang(
            nip=o.nip,
            nama=o.nama,
            gelar_depan="",
            gelar_belakang=o.gelar_belakang,
            jenis_kelamin=kelamin,
            tanggal_lahir=lahir,
            status_kepegawaian="PNS",
            golongan=o.golongan,
            jabatan=o.jabatan,
            jenis_jabatan=o.jenis_jabatan,
            unit=unit,
            atasan=atasan,
            email=email,
            no_hp=no_hp,
            tingkat=tingkat,
            kelas_jabatan=kelas_jabatan(o.jenis_jabatan, o.golongan),
        )

    def kepala(self, unit: Unit, jabatan, jenis, bidang_ilmu, atasan, tingkat) -> Orang:
        tetap = next((o for o in ORANG_TETAP if o.kepala and o.unit == unit.nama), None)
        if tetap:
            orang = self.tetap(tetap, unit.kode, atasan, tingkat)
        else:
            orang = self.orang(jabatan, jenis, bidang_ilmu, unit.kode, atasan, tingkat)
        unit.kepala = orang.nip
        self.roster.orang.append(orang)
        return orang

    def buat(self, jumlah: int) -> Roster:
        rng, roster = self.rng, self.roster
        roster.unit.append(Unit(*PROVINSI, induk=None, kedalaman=0))
        seksi = []  # (unit, opd) where staff work
        for opd in OPD:
            unit_opd = Unit(opd.kode, opd.nama, PROVINSI[0], 1)
            roster.unit.append(unit_opd)
            kepala_opd = self.kepala(unit_opd, opd.jabatan_kepala, opd.jenis_kepala, opd.bidang_ilmu, None, 0)
            for i, (nama_bidang, anak) in enumerate(opd.sub_unit, start=1):
                bidang = Unit(f"{opd.kode}.{i:02d}", nama_bidang, opd.kode, 2)
                roster.unit.append(bidang)
                if not anak:
                    self.kepala(bidang, f"Kepala {nama_bidang}", "PENGAWAS", opd.bidang_ilmu, kepala_opd.nip, 1)
                    seksi.append((bidang, opd))
                    continue
                jabatan = f"Sekretaris {opd.nama}" if nama_bidang == "Sekretariat" else f"Kepala {nama_bidang}"
                kepala_bidang = self.kepala(bidang, jabatan, "ADMINISTRATOR", opd.bidang_ilmu, kepala_opd.nip, 1)
                for j, nama_seksi in enumerate(anak, start=1):
                    unit = Unit(f"{bidang.kode}.{j:02d}", nama_seksi, bidang.kode, 3)
                    roster.unit.append(unit)
                    self.kepala(unit, f"Kepala {nama_seksi}", "PENGAWAS", opd.bidang_ilmu, kepala_bidang.nip, 2)
                    seksi.append((unit, opd))
        if jumlah < jumlah_minimal():
            raise ValueError(f"Jumlah pegawai minimal {jumlah_minimal()} agar setiap jabatan kepala terisi.")
        per_nama = {unit.nama: unit for unit, _ in seksi}
        per_nama[PROVINSI[1]] = roster.unit[0]
        for o in ORANG_TETAP:
            if not o.kepala:
                unit = per_nama[o.unit]
                roster.orang.append(self.tetap(o, unit.kode, unit.kepala, -1 if o is SEKDA else 3))
        # PermenPANRB 6/2022: the heads of OPD are appraised by the Sekda, the Sekda by the Gubernur.
        for o in roster.orang:
            if o.tingkat == 0:
                o.penilai = SEKDA.nip
            elif o.nip == SEKDA.nip:
                o.penilai_gubernur = True
        bobot = [opd.bobot for _, opd in seksi]
        for unit, opd in rng.choices(seksi, weights=bobot, k=jumlah - len(roster.orang)):
            jabatan, jenis, bidang_ilmu = rng.choice(opd.jabatan_staf + UMUM)
            pppk = jenis in GOLONGAN_PPPK_JABATAN and rng.random() < 0.3
            roster.orang.append(self.orang(jabatan, jenis, bidang_ilmu, unit.kode, unit.kepala, 3, pppk=pppk))
        self.lengkapi_tim_atasan(per_nama[ATASAN.unit])
        return roster

    def lengkapi_tim_atasan(self, unit: Unit):
        """Move staff of the same OPD into the demo Atasan's seksi until it has TIM_ATASAN_DEMO people, so each
        step of the review (approve an SKP, rate, re-rate) has someone to try it on."""
        tim = sum(o.atasan == unit.kepala for o in self.roster.orang)
        opd = unit.kode.split(".")[0] + "." + unit.kode.split(".")[1]
        tetap = {o.nip for o in ORANG_TETAP}
        calon = (
            o
            for o in self.roster.orang
            if o.tingkat == 3 and o.unit != unit.kode and o.unit.startswith(f"{opd}.") and o.nip not in tetap
        )
        for o in itertools.islice(calon, max(0, TIM_ATASAN_DEMO - tim)):
            o.unit, o.atasan = unit.kode, unit.kepala


def buat_roster(jumlah: int = JUMLAH_BAKU, seed: int = SEED_BAKU) -> Roster:
    """Generate the demo roster: the same seed and size always give the same units and people."""
    return _Pembuat(seed).buat(jumlah)
