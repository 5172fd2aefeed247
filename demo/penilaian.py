"""Demo SKP, periods and evaluation states, so the three journeys (HR scores and finalises, the supervisor
reviews, the ASN fills and reads the document) can be clicked through; and the state mixes of province scale."""

import datetime
import random

from kinerja.penilaian.capaian import capaian_aspek
from kinerja.penilaian.models import RealisasiIndikator
from kinerja.penilaian.models_skp import IndikatorKinerja
from kinerja.penilaian.periode import TAHUNAN, TRIWULANAN, RencanaPeriode, nomor_pada, rencana_periode

# Indicators of every demo RHK: (uraian, aspek, target, satuan); the targets suit a quarter.
INDIKATOR_DEMO = (
    ("Jumlah dokumen atau laporan kegiatan yang diselesaikan", "KUANTITAS", 12, "dokumen"),
    ("Kesesuaian hasil kerja dengan standar pelayanan", "KUALITAS", 100, "%"),
    ("Ketepatan waktu penyelesaian", "WAKTU", 3, "bulan"),
)
# The Indikator Kinerja Utama of a JPT's sasaran strategis (the demo Kepala Dinas's and the Sekda's SKP, JPT model).
INDIKATOR_IKU_DEMO = (
    ("Persentase program prioritas daerah yang mencapai target", "KUANTITAS", 90, "%"),
    ("Nilai evaluasi akuntabilitas kinerja instansi (SAKIP)", "KUALITAS", 75, "nilai"),
    ("Penyampaian laporan kinerja instansi tepat waktu", "WAKTU", 3, "bulan"),
)
# A qualitative indicator on the demo Pegawai's plan (PermenPANRB 6/2022: a described target, marked by the appraiser).
INDIKATOR_KUALITATIF_DEMO = (
    "Mutu layanan konsultasi data kependudukan",
    "KUALITAS",
    "Pemohon memperoleh jawaban yang tuntas pada kunjungan pertama, tanpa keluhan yang terbukti",
)
NARASI_KUALITATIF_DEMO = (
    "Seluruh konsultasi triwulan ini dituntaskan pada kunjungan pertama; satu keluhan diklarifikasi dan tidak "
    "terbukti. Rekap konsultasi terlampir."
)
# The annex (lampiran SKP) of the demo Atasan's and their team's plans, so the SKP page shows one filled in.
LAMPIRAN_SKP_DEMO = {
    "dukungan_sumber_daya": "1. Anggaran kegiatan pada DPA unit kerja tahun berjalan.\n"
    "2. Komputer, printer dan jaringan internet kantor.\n"
    "3. Data dan aplikasi dari bidang terkait.",
    "skema_pertanggungjawaban": "Laporan capaian bulanan kepada atasan langsung paling lambat tanggal 5 bulan "
    "berikutnya, dan dialog kinerja setiap akhir triwulan.",
    "konsekuensi": "Capaian di atas ekspektasi menjadi pertimbangan penghargaan dan pengembangan karier; capaian di "
    "bawah ekspektasi ditindaklanjuti dengan pembinaan oleh atasan langsung dan memengaruhi tunjangan kinerja "
    "sesuai ketentuan.",
}
# The rencana aksi of every demo RHK that has been submitted: what the ASN planned for the quarter.
RENCANA_AKSI_DEMO = (
    "Bulan pertama: menghimpun data dan menyusun jadwal kegiatan. Bulan kedua: melaksanakan kegiatan dan "
    "mendokumentasikannya. Bulan ketiga: menyusun laporan dan menyampaikannya kepada atasan."
)
# States of the other staff's evaluations in the open period, in turn (DOMAIN.md §1 workflow).
URUTAN_STATUS_DEMO = ("DIAJUKAN", "DINILAI", "DRAFT", "DINILAI", "DIKEMBALIKAN", "DIAJUKAN")
# Ratings drawn for rated evaluations, most often "as expected".
RATING_DEMO = ("SESUAI", "SESUAI", "SESUAI", "DI_ATAS", "DI_BAWAH")


def triwulan_sebelumnya(p: RencanaPeriode, jumlah: int) -> list[RencanaPeriode]:
    """The `jumlah` quarters before quarter `p`, oldest first, with the default dates HR would open them with."""
    urut = p.tahun * 4 + p.nomor - 1
    return [rencana_periode(TRIWULANAN, u % 4 + 1, u // 4) for u in range(urut - jumlah, urut)]


def periode_demo(hari_ini: datetime.date) -> tuple[RencanaPeriode, RencanaPeriode]:
    """The open quarter of `hari_ini` and last year's annual period (closed, with final evaluations)."""
    triwulan = rencana_periode(TRIWULANAN, nomor_pada(TRIWULANAN, hari_ini), hari_ini.year)
    return triwulan, rencana_periode(TAHUNAN, 1, hari_ini.year - 1)


def sasaran_strategis(nama_unit: str) -> str:
    """A JPT's RHK: the sasaran strategis of the unit they lead, as its Perjanjian Kinerja states it."""
    return f"Meningkatnya akuntabilitas kinerja dan capaian program prioritas {nama_unit}"


def perjanjian_kinerja(jabatan: str, tahun: int) -> str:
    """The reference a demo JPT's SKP records: the Perjanjian Kinerja of the year, signed in early January."""
    return f"Perjanjian Kinerja {jabatan} Tahun {tahun}, ditandatangani 2 Januari {tahun}"


def indikator_skp(rhk: dict[str, int], nip_jpt: set[str], nip_kualitatif: str) -> list[IndikatorKinerja]:
    """The indicators of the demo RHK (NIP → RHK id): a JPT's the IKU, every other's INDIKATOR_DEMO, and the
    qualitative one besides on the plan of `nip_kualitatif` (the demo Pegawai)."""
    baris = [
        IndikatorKinerja(rhk_id=rhk[nip], uraian=uraian, aspek=aspek, target=target, satuan=satuan, urutan=i)
        for nip in rhk
        for i, (uraian, aspek, target, satuan) in enumerate(
            INDIKATOR_IKU_DEMO if nip in nip_jpt else INDIKATOR_DEMO, start=1
        )
    ]
    if nip_kualitatif in rhk:
        uraian, aspek, target = INDIKATOR_KUALITATIF_DEMO
        baris.append(
            IndikatorKinerja(
                rhk_id=rhk[nip_kualitatif],
                uraian=uraian,
                aspek=aspek,
                jenis_target=IndikatorKinerja.JenisTarget.KUALITATIF,
                target_kualitatif=target,
                urutan=len(INDIKATOR_DEMO) + 1,
            )
        )
    return baris


def realisasi_demo(ev, ind, user_id, nilai, pengaturan) -> RealisasiIndikator:
    """One indicator's realisation in a demo evaluation: a figure from `nilai(ind)` with its capaian, or for a
    qualitative indicator the narrative, marked Sesuai once the evaluation is rated."""
    baris = RealisasiIndikator(
        evaluasi=ev,
        indikator=ind,
        bukti_tautan=f"https://drive.gorontaloprov.go.id/bukti/{ev.pegawai_id}/{ind.urutan}",
        diisi_oleh_id=user_id,
        diisi_sebagai=RealisasiIndikator.DiisiSebagai.PEGAWAI,
    )
    if ind.kualitatif:
        baris.narasi = NARASI_KUALITATIF_DEMO
        baris.penilaian_kualitatif = "SESUAI" if ev.status == "DINILAI" else ""
        return baris
    baris.realisasi = nilai(ind)
    baris.capaian = capaian_aspek(
        ind.aspek,
        ind.target,
        baris.realisasi,
        pengaturan.batas_capaian,
        pengaturan.rumus_efisiensi_tinggi,
        pengaturan.rumus_waktu_biaya,
    )
    return baris


def uraian_rhk(jabatan: str, nama_unit: str, kepala: bool) -> str:
    """A plausible RHK for a post: a head's is the unit's outcome, a staff member's the output of their job."""
    if kepala:
        return f"Meningkatnya kinerja dan kualitas layanan {nama_unit}"
    return f"Terlaksananya tugas {jabatan} pada {nama_unit} sesuai standar"


# Province scale (seed_demo --periode > 1): every ASN, every quarter.
# State mixes of the evaluations: a closed quarter is mostly final, the open one is under way.
STATUS_DITUTUP = {"FINAL": 88, "DINILAI": 5, "DIAJUKAN": 2, "DIKEMBALIKAN": 1, "DRAFT": 4}
STATUS_DIBUKA = {"DRAFT": 40, "DIAJUKAN": 25, "DIKEMBALIKAN": 5, "DINILAI": 30}
# Share of final evaluations the ASN has acknowledged.
PERSEN_DIAKUI = 80
# Drawing from a pool of precomputed values keeps a million rows to one cheap random call each.
UKURAN_POOL = 4096


def pool(rng: random.Random, bobot: dict, ukuran: int = UKURAN_POOL) -> list:
    """`ukuran` keys of `bobot` drawn by weight: index it with rng.getrandbits to draw cheaply."""
    return rng.choices(list(bobot), weights=list(bobot.values()), k=ukuran)


# The daily log of the demo Atasan's team (kinerja.penilaian.harian): what a staff member of a health section
# writes at the end of a day, in turn.
PROGRES_HARIAN_DEMO = (
    "Merekap data kunjungan puskesmas minggu ini dan mengirimkannya ke seksi.",
    "Memverifikasi laporan bulanan tiga puskesmas; dua dikembalikan untuk dilengkapi.",
    "Mengikuti rapat koordinasi pelayanan kesehatan primer dan menyusun notulanya.",
    "Menyusun draf surat edaran jadwal posyandu triwulan ini.",
    "Memperbarui dasbor capaian standar pelayanan minimal dengan data terbaru.",
)
# Working days before today the demo log covers; the second teammate leaves the latest of them empty, so Tim Saya
# shows someone who has not logged.
HARI_PROGRES_DEMO = 8
HARI_KOSONG_DEMO = 3


def peran_hasil_demo(uraian_rhk: str) -> tuple[str, str]:
    """A role in the demo Atasan's matriks peran hasil: the result expected (the staff member's RHK) and the
    indicators proposed for it, one per line."""
    return uraian_rhk, "\n".join(uraian for uraian, *_ in INDIKATOR_DEMO)


def uraian_rhk_atasan_lama(uraian: str) -> str:
    """The demo Atasan's RHK as it read before he rewrote it, so the demo Pegawai's SKP page shows the change."""
    return uraian.replace("kinerja dan kualitas layanan", "kualitas layanan")
