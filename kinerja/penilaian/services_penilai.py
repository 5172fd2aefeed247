"""Naming an ASN's appraisers (the pejabat penilai kinerja and the atasan pejabat penilai, on the roster or not),
and what follows: the open evaluations that have not been rated yet move to the new appraisers, with a line in
their history, and a PPK who now has a submitted evaluation waiting is told."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from audit.services import catat
from core.errors import NotPermitted
from kinerja.notifikasi.services import beri_tahu
from kinerja.pegawai.models import Pegawai, PejabatLuar
from kinerja.pegawai.penilai import KOLOM, BarisPenilai, Penilai, penilai, ppk
from kinerja.pegawai.permissions import mengelola_unit

from .models import EvaluasiKinerja, Periode, RiwayatEvaluasi

Status = EvaluasiKinerja.Status
# Evaluations whose appraisers still follow the roster: not rated yet, in an open period. A rated one keeps who rated.
STATUS_IKUT_ROSTER = (Status.DRAFT, Status.DIKEMBALIKAN, Status.DIAJUKAN)
FIELD_PENILAI = ("atasan_id", "penilai_luar_id", "atasan_penilai_id", "atasan_penilai_luar_id")


def penilai_dari(pegawai) -> dict[int, Penilai]:
    """Each given ASN's appraisers by the roster now (`pegawai`: a Pegawai queryset), in at most two queries."""
    baris = {r[0]: BarisPenilai(*r) for r in pegawai.order_by().values_list(*KOLOM)}
    lain = {ppk(b)[0] for b in baris.values()} - set(baris) - {None}
    semua = baris | {r[0]: BarisPenilai(*r) for r in Pegawai.objects.filter(pk__in=lain).values_list(*KOLOM)}
    return {pk: penilai(b, semua.get(ppk(b)[0])) for pk, b in baris.items()}


@dataclass(frozen=True)
class PilihanPenilai:
    """HR's choice for one appraiser: an ASN on the roster, an official outside it, or neither (the default)."""

    pegawai: Pegawai | None = None
    luar: PejabatLuar | None = None

    def __post_init__(self):
        if self.pegawai is not None and self.luar is not None:
            raise ValueError("Pilih pegawai atau pejabat di luar daftar, bukan keduanya.")


def _nama(orang) -> str:
    return orang.nama_lengkap if orang is not None else "bawaan"


@transaction.atomic
def tetapkan_penilai(
    user,
    pegawai_id: int,
    ppk_pilihan: PilihanPenilai,
    atasan_pilihan: PilihanPenilai,
    keterangan: str = "",
) -> Pegawai:
    """Name an ASN's PPK and atasan PPK (HR of the ASN's unit, or an administrator); an empty choice means the
    default (the direct supervisor; the PPK's own PPK). Open evaluations not rated yet follow (segarkan_penilai)."""
    pegawai = Pegawai.objects.select_for_update(of=("self",)).select_related("unit_kerja").get(pk=pegawai_id)
    if not mengelola_unit(user, pegawai.unit_kerja_id):
        raise NotPermitted("Hanya pengelola kinerja unit pegawai ini atau administrator yang dapat menetapkan penilai.")
    galat = {}
    for field, pilihan in (("penilai", ppk_pilihan), ("atasan_penilai", atasan_pilihan)):
        if pilihan.pegawai is not None and pilihan.pegawai.pk == pegawai.pk:
            galat[field] = "Pegawai tidak dapat menjadi penilai bagi dirinya sendiri."
        elif pilihan.pegawai is not None and not pilihan.pegawai.aktif:
            galat[field] = f"{pilihan.pegawai.nama_lengkap} tidak aktif lagi."
        elif pilihan.luar is not None and not pilihan.luar.aktif:
            galat[field] = f"{pilihan.luar.nama} tidak aktif lagi."
    calon = ppk_pilihan.pegawai
    if calon is not None and "penilai" not in galat and ppk(calon.baris_penilai)[0] == pegawai.pk:
        galat["penilai"] = (
            f"{calon.nama_lengkap} dinilai oleh {pegawai.nama_lengkap}: keduanya tidak dapat saling menilai."
        )
    if galat:
        raise ValidationError(galat)
    lama = {"pejabat penilai": _nama(pegawai.pejabat_penilai), "atasan pejabat penilai": None}
    lama["atasan pejabat penilai"] = _nama(pegawai.atasan_pejabat_penilai)
    pegawai.penilai, pegawai.penilai_luar = ppk_pilihan.pegawai, ppk_pilihan.luar
    pegawai.atasan_penilai, pegawai.atasan_penilai_luar = atasan_pilihan.pegawai, atasan_pilihan.luar
    pegawai.save(update_fields=["penilai", "penilai_luar", "atasan_penilai", "atasan_penilai_luar", "diperbarui"])
    baru = {"pejabat penilai": _nama(pegawai.pejabat_penilai), "atasan pejabat penilai": None}
    baru["atasan pejabat penilai"] = _nama(pegawai.atasan_pejabat_penilai)
    perubahan = {k: [lama[k], baru[k]] for k in lama if lama[k] != baru[k]}
    if perubahan:
        catat(user, "pegawai_penilai", pegawai, perubahan, uraian=keterangan.strip())
    # Those this ASN appraises take their atasan PPK from this ASN's PPK, unless HR named theirs.
    dinilai = Pegawai.objects.filter(
        Q(penilai=pegawai) | Q(atasan=pegawai, penilai__isnull=True, penilai_luar__isnull=True),
        atasan_penilai__isnull=True,
        atasan_penilai_luar__isnull=True,
    )
    segarkan_penilai(user, Pegawai.objects.filter(Q(pk=pegawai.pk) | Q(pk__in=dinilai.values("pk"))))
    return pegawai


def segarkan_penilai(user, pegawai) -> int:
    """Move the open, not yet rated evaluations of the given ASN (a Pegawai queryset) to their appraisers by the
    roster now; each move is a line in the evaluation's history, and a new PPK with a submitted evaluation waiting is
    told. Returns how many evaluations moved."""
    sekarang = penilai_dari(pegawai)
    terbuka = EvaluasiKinerja.objects.filter(
        pegawai_id__in=list(sekarang), status__in=STATUS_IKUT_ROSTER, periode__status=Periode.Status.DIBUKA
    ).select_related("periode", "pegawai", "atasan", "penilai_luar")
    pindah = []
    for ev in terbuka:
        tujuan = sekarang[ev.pegawai_id]
        if all(getattr(ev, f) == getattr(tujuan, f) for f in FIELD_PENILAI):
            continue
        lama = ev.pejabat_penilai
        nilai = {f: getattr(tujuan, f) for f in FIELD_PENILAI}
        EvaluasiKinerja.objects.filter(pk=ev.pk).update(**nilai)
        for f, isi in nilai.items():
            setattr(ev, f, isi)  # a changed id drops the cached appraiser, read anew below
        pindah.append(ev)
        if lama != ev.pejabat_penilai:
            RiwayatEvaluasi.objects.create(
                evaluasi=ev,
                oleh=user,
                aksi=RiwayatEvaluasi.Aksi.PENILAI_DIGANTI,
                field="pejabat penilai kinerja",
                nilai_lama=_nama(lama),
                nilai_baru=_nama(ev.pejabat_penilai),
            )
            if ev.status == Status.DIAJUKAN and ev.pejabat_penilai is not None:
                beri_tahu(
                    ev.pejabat_penilai.user,
                    f"Evaluasi {ev.periode} {ev.pegawai.nama} menunggu penilaian",
                    tautan=reverse("evaluasi_detail", args=[ev.pk]),
                )
    return len(pindah)
