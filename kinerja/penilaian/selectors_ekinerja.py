"""Read queries of the e-Kinerja pages: units with their source of evaluations, an ASN's results of record beside
the imported ones, the import history."""

from dataclasses import dataclass

from kinerja.pegawai.models import UnitKerja
from kinerja.pegawai.permissions import peran, unit_ids_dikelola

from . import ekinerja
from .models import EvaluasiKinerja
from .models_ekinerja import HasilEkinerja, ImporEkinerja


@dataclass(frozen=True)
class BarisSumber:
    unit: UnitKerja
    kedalaman: int
    efektif: str  # LOKAL / IMPOR, own choice or inherited

    @property
    def diwarisi(self) -> bool:
        return not self.unit.sumber_evaluasi


def unit_dengan_sumber(user) -> list[BarisSumber]:
    """The units the user may set (all for an administrator, the managed subtree for HR), in tree order, each with
    its own choice and its effective source. One query for the tree (HR: one more for their units)."""
    semua = list(UnitKerja.objects.only("id", "kode", "nama", "induk_id", "sumber_evaluasi").order_by("kode"))
    efektif = ekinerja.sumber_per_unit((u.pk, u.induk_id, u.sumber_evaluasi) for u in semua)
    boleh = None if peran(user).administrator else unit_ids_dikelola(user)
    anak = {}
    for u in semua:
        anak.setdefault(u.induk_id, []).append(u)
    hasil, tumpukan = [], [(u, 0) for u in reversed(anak.get(None, []))]
    while tumpukan:
        u, d = tumpukan.pop()
        if boleh is None or u.pk in boleh:
            hasil.append(BarisSumber(u, d, efektif[u.pk]))
        tumpukan.extend((c, d + 1) for c in reversed(anak.get(u.pk, [])))
    return hasil


def evaluasi_dan_hasil_pegawai(pegawai_id: int) -> list[dict]:
    """An ASN's evaluations of record per period, newest first, each with the e-Kinerja result held for that period
    (of record or kept beside it); periods with only a kept imported result too. Two queries."""
    evaluasi = {
        e.periode_id: e
        for e in EvaluasiKinerja.objects.filter(pegawai_id=pegawai_id)
        .select_related("periode")
        .only(
            "id",
            "status",
            "predikat",
            "sumber",
            "periode__tahun",
            "periode__jenis",
            "periode__nomor",
            "periode__mulai",
            "periode__status",
            "pegawai_id",
        )
    }
    hasil = {
        h.periode_id: h
        for h in HasilEkinerja.objects.filter(pegawai_id=pegawai_id).select_related("periode", "impor", "diimpor_oleh")
    }
    periode = {e.periode_id: e.periode for e in evaluasi.values()} | {h.periode_id: h.periode for h in hasil.values()}
    urut = sorted(periode.values(), key=lambda p: (p.mulai, p.jenis), reverse=True)
    return [{"periode": p, "evaluasi": evaluasi.get(p.pk), "hasil": hasil.get(p.pk)} for p in urut]


def hasil_ekinerja_evaluasi(evaluasi: EvaluasiKinerja) -> HasilEkinerja | None:
    """The e-Kinerja result held for an evaluation's ASN and period, with its file and importer, or None."""
    return (
        HasilEkinerja.objects.select_related("impor", "diimpor_oleh")
        .filter(periode_id=evaluasi.periode_id, pegawai_id=evaluasi.pegawai_id)
        .first()
    )


def riwayat_impor(user, batas=10):
    """The latest uploads: an administrator's view has everyone's, HR's their own. The error lists stay unread."""
    qs = ImporEkinerja.objects.select_related("dibuat_oleh").defer("ringkasan", "galat", "pemetaan")
    if not peran(user).administrator:
        qs = qs.filter(dibuat_oleh=user)
    return qs[:batas]


def impor_terlihat(user):
    """The upload jobs a user may open: all for an administrator, their own for HR staff."""
    qs = ImporEkinerja.objects.select_related("dibuat_oleh")
    return qs if peran(user).administrator else qs.filter(dibuat_oleh=user)
