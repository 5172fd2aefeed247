"""Builders for the evaluation tests: a period, approved SKP with cascading, evaluations in any state.

Everything goes through kinerja.penilaian's services, so the tests exercise the same paths as the pages will.
"""

import datetime

from kinerja.models import EvaluasiKinerja, IndikatorKinerja, PerilakuKerja, RencanaHasilKerja
from kinerja.penilaian import selectors as sel
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian import services_skp as svc_skp
from tests.factories import RencanaHasilKerjaFactory

TAHUN = 2026
# DOMAIN.md §2 example: quantity 10/10 → 100, quality 90/100 → 90, time 12/12 months → 76; mean 88.67.
INDIKATOR = [
    ("Dokumen analisis jabatan", "KUANTITAS", 10, "dokumen", 10),
    ("Kesesuaian dengan standar", "KUALITAS", 100, "%", 90),
    ("Waktu penyelesaian", "WAKTU", 12, "bulan", 12),
]
RENCANA_AKSI = "Menghimpun data jabatan pada bulan pertama, menyusun draf analisis pada bulan kedua."
# The reason the scenarios give for leaving an evaluation not rated out of a unit's finalisation.
ALASAN_UJI = ("TUGAS_BELAJAR", "Tugas belajar S2 sejak Januari")


def skp_atasan(pegawai, tahun=TAHUN, uraian="Meningkatnya kualitas pengembangan SDM aparatur"):
    """A supervisor's SKP with one RHK, written directly: it only needs to exist for cascading."""
    return RencanaHasilKerjaFactory(skp__pegawai=pegawai, skp__tahun=tahun, uraian=uraian)


def skp_disetujui(pegawai, rhk_atasan, tahun=TAHUN, indikator=INDIKATOR):
    """An ASN's SKP written by the ASN, submitted and approved by their supervisor, all through services."""
    user = pegawai.user
    skp = svc_skp.buat_skp(user, pegawai.pk, tahun)
    rhk = svc_skp.simpan_rhk(user, skp.pk, uraian="Tersusunnya analisis jabatan", rhk_atasan_id=rhk_atasan.pk)
    for uraian, aspek, target, satuan, _ in indikator:
        svc_skp.simpan_indikator(user, rhk.pk, uraian=uraian, aspek=aspek, target=target, satuan=satuan)
    svc_skp.ajukan_skp(user, skp.pk)
    return svc_skp.setujui_skp(pegawai.atasan.user, skp.pk)


def buka_periode(user, tahun=TAHUN, nomor=1):
    return svc_periode.buka_periode(
        user,
        tahun=tahun,
        jenis="TRIWULANAN",
        nomor=nomor,
        mulai=datetime.date(tahun, 1, 1),
        selesai=datetime.date(tahun, 3, 31),
        batas_pengisian=datetime.date(tahun, 4, 10),
        batas_penilaian=datetime.date(tahun, 4, 20),
    )


class Skenario:
    """org plus: an open period, approved SKP for staf_a1 and staf_a2, evaluations for OPD A, Istimewa org."""

    def __init__(self, org):
        self.org = org
        self.rhk_atasan = skp_atasan(org.atasan_a)
        self.skp_a1 = skp_disetujui(org.staf_a1, self.rhk_atasan)
        self.skp_a2 = skp_disetujui(org.staf_a2, self.rhk_atasan)
        self.periode = buka_periode(org.hr_a.user)
        svc_periode.buat_evaluasi_periode(org.hr_a.user, self.periode.pk, [org.opd_a.pk])
        svc_periode.tetapkan_kinerja_organisasi(org.hr_a.user, self.periode.pk, org.bidang_a.pk, "ISTIMEWA")

    def evaluasi(self, pegawai=None) -> EvaluasiKinerja:
        return EvaluasiKinerja.objects.get(periode=self.periode, pegawai=pegawai or self.org.staf_a1)

    def isi(self, pegawai=None, user=None, nilai=None):
        pegawai = pegawai or self.org.staf_a1
        ev = self.evaluasi(pegawai)
        nilai = nilai or [i[4] for i in INDIKATOR]
        indikator = ev.skp.rhk.get().indikator.order_by("urutan")
        isian = [svc.IsianRealisasi(i.pk, n) for i, n in zip(indikator, nilai, strict=True)]
        return svc.isi_realisasi(user or pegawai.user, ev.pk, ev.versi, isian)

    def rencana_aksi(self, pegawai=None, user=None, teks=RENCANA_AKSI):
        """The rencana aksi of every RHK of the evaluation, written through the service (by the ASN by default)."""
        pegawai = pegawai or self.org.staf_a1
        ev = self.evaluasi(pegawai)
        rencana = {r.pk: teks for r in ev.skp.rhk.all()}
        return svc.isi_rencana_aksi(user or pegawai.user, ev.pk, ev.versi, rencana)

    def ajukan(self, pegawai=None):
        pegawai = pegawai or self.org.staf_a1
        self.isi(pegawai)
        ev = self.evaluasi(pegawai)
        return svc.ajukan_evaluasi(pegawai.user, ev.pk, ev.versi)

    def nilai(self, pegawai=None, hasil="SESUAI", perilaku="SESUAI", alasan="", sudah_diajukan=False):
        pegawai = pegawai or self.org.staf_a1
        if not sudah_diajukan:
            self.ajukan(pegawai)
        ev = self.evaluasi(pegawai)
        return svc.nilai_evaluasi(
            self.org.atasan_a.user, ev.pk, ev.versi, alasan=alasan, **penilaian(ev, hasil, perilaku)
        )

    def ke_status(self, status, pegawai=None):
        """Bring an evaluation to a state through the legal path; in DRAFT the realisation is already filled."""
        pegawai = pegawai or self.org.staf_a1
        if status == "DRAFT":
            self.isi(pegawai)
        elif status == "DIAJUKAN":
            self.ajukan(pegawai)
        elif status == "DIKEMBALIKAN":
            self.ajukan(pegawai)
            ev = self.evaluasi(pegawai)
            svc.kembalikan_evaluasi(self.org.atasan_a.user, ev.pk, ev.versi, "Bukti belum lengkap")
        elif status == "DINILAI":
            self.nilai(pegawai)
        elif status == "FINAL":
            self.nilai(pegawai)
            svc_periode.finalkan_unit(
                self.org.hr_a.user, self.periode.pk, self.org.bidang_a.pk, pengecualian=self.belum_dinilai()
            )
        return self.evaluasi(pegawai)

    def belum_dinilai(self, unit=None, alasan=ALASAN_UJI) -> dict[int, tuple[str, str]]:
        """A reason for each of the unit's evaluations not rated yet, as finalkan_unit's `pengecualian` takes them.
        In bidang A atasan_a (no SKP) stays a draft, and so does whichever staf the test did not rate."""
        unit = unit or self.org.bidang_a
        belum = sel.evaluasi_unit(self.periode.pk, unit.pk).filter(status__in=sel.STATUS_BELUM_DINILAI)
        return {pk: alasan for pk in belum.values_list("pk", flat=True)}


def isian_finalisasi(halaman, alasan=ALASAN_UJI) -> dict:
    """What the unit page's finalise form posts as shown (each version), with `alasan` (code, text) for each ASN not
    rated, or no reasons with alasan=None."""
    form = halaman.context["form_final"]
    data = {nama: form[nama].value() for nama in form.fields if nama.startswith("versi_")}
    for ev, _, _ in form.baris_belum if alasan else ():
        data[f"alasan_{ev.pk}"], data[f"keterangan_{ev.pk}"] = alasan
    return data


def penilaian(ev, hasil="SESUAI", perilaku="SESUAI"):
    """Complete rating arguments: feedback on every RHK and every BerAKHLAK value."""
    return dict(
        rating_hasil_kerja=hasil,
        rating_perilaku_kerja=perilaku,
        umpan_balik_rhk={r.pk: "Hasil kerja sesuai rencana." for r in ev.skp.rhk.all()},
        umpan_balik_perilaku={n.value: f"Menunjukkan perilaku {n.label}." for n in PerilakuKerja.Nilai},
        catatan="Pertahankan.",
        rekomendasi_pengembangan="Pelatihan analisis jabatan.",
    )


def tambah_rhk(skp, jenis, uraian, indikator):
    """An RHK written straight into an approved SKP, with (uraian, aspek, target, satuan) indicators."""
    rhk = RencanaHasilKerja.objects.create(skp=skp, jenis=jenis, uraian=uraian, urutan=1)
    for i, (teks, aspek, target, satuan) in enumerate(indikator, start=1):
        IndikatorKinerja.objects.create(rhk=rhk, uraian=teks, aspek=aspek, target=target, satuan=satuan, urutan=i)
    return rhk


def nilai_semua(s, pegawai, realisasi):
    """Fill every indicator (realisasi: uraian → value), submit, and rate with a feedback naming each RHK."""
    ev = s.evaluasi(pegawai)
    isian = [
        svc.IsianRealisasi(i.pk, realisasi[i.uraian])
        for i in IndikatorKinerja.objects.filter(rhk__skp=ev.skp).order_by("pk")
    ]
    ev = svc.isi_realisasi(pegawai.user, ev.pk, ev.versi, isian)
    ev = svc.ajukan_evaluasi(pegawai.user, ev.pk, ev.versi)
    argumen = penilaian(ev, "DI_ATAS", "SESUAI")
    argumen["umpan_balik_rhk"] = {r.pk: f"Umpan balik untuk {r.uraian}." for r in ev.skp.rhk.all()}
    argumen["umpan_balik_perilaku"] = {n.value: f"Umpan balik {n.label} berkelanjutan." for n in PerilakuKerja.Nilai}
    return svc.nilai_evaluasi(s.org.atasan_a.user, ev.pk, ev.versi, alasan="", **argumen)


# staf_a1's realisations in skenario_lengkap: DOMAIN.md §2's 100, 90, 76 → 88.67 on the utama RHK; 2 of 2.5 hours
# (80) on the tambahan one.
REALISASI_LENGKAP = {
    "Dokumen analisis jabatan": 10,
    "Kesesuaian dengan standar": 90,
    "Waktu penyelesaian": 12,
    "Jam narasumber": 2,
}


def skenario_lengkap(org) -> Skenario:
    """Skenario, with a tambahan RHK on staf_a1's SKP and an ekspektasi khusus pimpinan on one value; staf_a1's
    evaluation filled (REALISASI_LENGKAP), submitted and rated Di Atas / Sesuai (Baik)."""
    s = Skenario(org)
    narasumber = [("Jam narasumber", "KUANTITAS", "2.5", "jam")]
    tambah_rhk(s.skp_a1, "TAMBAHAN", "Menjadi narasumber sosialisasi SKP", narasumber)
    svc_skp.tetapkan_ekspektasi(org.atasan_a.user, s.skp_a1.pk, {"KOLABORATIF": "Memimpin tim kecil lintas bidang."})
    nilai_semua(s, org.staf_a1, REALISASI_LENGKAP)
    return s
