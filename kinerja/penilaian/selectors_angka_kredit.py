"""Angka kredit of jabatan fungsional read for the ASN's page and HR's export: the editable tables, each JF ASN's
final annual predikat, and kinerja.penilaian.angka_kredit's arithmetic over them. A fixed number of queries."""

from dataclasses import dataclass

from core.xlsx import write_xlsx
from kinerja.pegawai.models import Pegawai

from . import angka_kredit as rumus
from .models import EvaluasiKinerja, Periode
from .models_angka_kredit import KebutuhanAngkaKredit, KoefisienAngkaKredit, KonversiPredikatAngkaKredit
from .permissions import can_view_angka_kredit


@dataclass(frozen=True)
class TabelAngkaKredit:
    persentase: dict
    koefisien: dict
    kebutuhan: dict


def tabel_angka_kredit() -> TabelAngkaKredit:
    """The editable tables as the rule module takes them (three queries)."""
    return TabelAngkaKredit(
        persentase=dict(KonversiPredikatAngkaKredit.objects.values_list("predikat", "persen")),
        koefisien=dict(KoefisienAngkaKredit.objects.values_list("jenjang", "koefisien")),
        kebutuhan={
            (j, g): (ak, k)
            for j, g, ak, k in KebutuhanAngkaKredit.objects.values_list(
                "jenjang", "golongan", "angka_kredit", "kenaikan"
            )
        },
    )


def _predikat_tahunan(pegawai_ids) -> dict:
    """pegawai id → [(tahun, predikat)] of their final annual evaluations (`pegawai_ids`: ids or a subquery of
    them), in one query."""
    hasil = {}
    baris = (
        EvaluasiKinerja.objects.filter(
            pegawai_id__in=pegawai_ids,
            periode__jenis=Periode.Jenis.TAHUNAN,
            status=EvaluasiKinerja.Status.FINAL,
        )
        .order_by("periode__tahun")
        .values_list("pegawai_id", "periode__tahun", "predikat")
    )
    for pegawai_id, tahun, predikat in baris:
        hasil.setdefault(pegawai_id, []).append((tahun, predikat))
    return hasil


def _rekap(p, tahunan, tabel: TabelAngkaKredit) -> rumus.RekapAngkaKredit:
    sejak = p.angka_kredit_sejak_tahun
    return rumus.rekap_angka_kredit(
        p.angka_kredit_awal,
        [(t, predikat, p.jenis_jabatan) for t, predikat in tahunan if sejak is None or t >= sejak],
        p.jenis_jabatan,
        p.golongan,
        tabel.persentase,
        tabel.koefisien,
        tabel.kebutuhan,
    )


def angka_kredit_pegawai(user, pegawai: Pegawai) -> rumus.RekapAngkaKredit | None:
    """The ASN's angka kredit (year by year, total, the next step) when they hold a jabatan fungsional and the user
    may see it; else None."""
    if pegawai.jenis_jabatan not in rumus.JENJANG_FUNGSIONAL or not can_view_angka_kredit(user, pegawai):
        return None
    return _rekap(pegawai, _predikat_tahunan([pegawai.pk]).get(pegawai.pk, []), tabel_angka_kredit())


JUDUL_EKSPOR = [
    "NIP",
    "Nama",
    "Jabatan",
    "Jenjang",
    "Golongan",
    "Unit Kerja",
    "AK Awal",
    "Sejak Tahun",
]
JUDUL_EKSPOR_AKHIR = ["Total AK", "AK Dibutuhkan", "Untuk", "Kekurangan", "Keterangan"]


def xlsx_angka_kredit(pegawai_qs) -> bytes:
    """HR's XLSX of the jabatan fungsional among `pegawai_qs` (already scoped to the user): one row per ASN with the
    angka kredit of each year, the total and what the next pangkat or jenjang needs. Four queries."""
    jf = pegawai_qs.filter(jenis_jabatan__in=rumus.JENJANG_FUNGSIONAL)
    daftar = list(jf.select_related("unit_kerja").order_by("unit_kerja__kode", "nama", "nip"))
    # A subquery, not a list of ids: a province's JF are thousands, past what an IN list should carry.
    tahunan = _predikat_tahunan(jf.order_by().values("pk"))
    tabel = tabel_angka_kredit()
    semua_tahun = sorted({t for baris in tahunan.values() for t, _ in baris})
    label_jenjang = dict(Pegawai.JenisJabatan.choices)
    label_kenaikan = dict(KebutuhanAngkaKredit.Kenaikan.choices)
    rows = []
    for p in daftar:
        rekap = _rekap(p, tahunan.get(p.pk, []), tabel)
        per_tahun = {t.tahun: t.angka_kredit for t in rekap.tahun}
        rows.append(
            [
                p.nip,
                p.nama_lengkap,
                p.jabatan,
                str(label_jenjang.get(p.jenis_jabatan, "")),
                p.golongan,
                p.unit_kerja.nama,
                rekap.awal,
                p.angka_kredit_sejak_tahun,
                *(per_tahun.get(t) for t in semua_tahun),
                rekap.total,
                rekap.kebutuhan,
                str(label_kenaikan.get(rekap.kenaikan, "")),
                rekap.kekurangan,
                rekap.keterangan(),
            ]
        )
    judul = [*JUDUL_EKSPOR, *(f"AK {t}" for t in semua_tahun), *JUDUL_EKSPOR_AKHIR]
    angka = {i: "#,##0.000" for i, j in enumerate(judul) if j.startswith(("AK", "Total", "Kekurangan"))}
    lebar = [22, 30, 30, 22, 10, 30] + [12] * (len(judul) - 7) + [60]
    return write_xlsx("Angka Kredit", judul, rows, widths=lebar, number_formats=angka)
