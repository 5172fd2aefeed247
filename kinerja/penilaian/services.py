"""Writes and state changes of periodic performance evaluation (PermenPANRB 6/2022; issue 3).

Every function is one transaction and checks, on the server, who acts (role) and when (state), refusing with
the exceptions of core.errors: NotPermitted (role), WrongState (state or period),
VersionConflict (someone saved first), and Django's ValidationError (bad input, keyed by field).

Evaluation writes take the `versi` the user read. The version is claimed first with one atomic
`UPDATE ... WHERE versi = X`: under concurrency exactly one writer wins, the other gets VersionConflict, and a
refusal later in the function rolls the claim back with everything else.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError
from django.utils import timezone

from audit.services import angka, catat, nilai_field, selisih
from core.errors import NotPermitted, VersionConflict, WrongState
from kinerja.models import (
    SKP,
    DialogKinerja,
    EvaluasiKinerja,
    IndikatorKinerja,
    KinerjaOrganisasi,
    Notifikasi,
    Pegawai,
    PembukaanKembaliPeriode,
    PengaturanKinerja,
    PengecualianKurva,
    PerilakuKerja,
    Periode,
    RealisasiIndikator,
    RencanaHasilKerja,
    RiwayatEvaluasi,
    RiwayatSKP,
    UmpanBalikRHK,
    UnitKerja,
)
from kinerja.notifikasi.services import beri_tahu
from kinerja.pegawai.permissions import mengelola_unit, peran

from . import permissions as izin
from . import selectors as sel
from .predikat import cek_kurva_distribusi
from .signals import unit_difinalkan


class PelanggaranKurva(WrongState):
    """Finalising would break the unit's distribution curve and no override reason was given."""

    def __init__(self, pesan: str, pelanggaran: list[str]):
        super().__init__(pesan)
        self.pelanggaran = pelanggaran


Status = EvaluasiKinerja.Status
Aksi = RiwayatEvaluasi.Aksi
# What the audit log keeps, old → new, when an RHK or an indicator is saved or deleted.
FIELD_AUDIT_RHK = ("uraian", "jenis", "rhk_atasan", "urutan")
FIELD_AUDIT_INDIKATOR = ("uraian", "aspek", "target", "satuan", "urutan")
FIELD_AUDIT_PENGATURAN = ("batas_capaian", "rumus_efisiensi_tinggi", "kurva")

# Where notifications point. The pages (next session) should route these paths, or change them here only.
TAUTAN_EVALUASI = "/kinerja/evaluasi/{pk}/"
TAUTAN_SKP = "/kinerja/skp/{pk}/"

# The evaluation's transition table: the states each action starts from. Roles are in permissions.py.
STATUS_ASAL = {
    "isi": (Status.DRAFT, Status.DIKEMBALIKAN),
    "ajukan": (Status.DRAFT, Status.DIKEMBALIKAN),
    "nilai": (Status.DIAJUKAN, Status.DINILAI),
    "kembalikan": (Status.DIAJUKAN, Status.DINILAI),
    "finalkan": (Status.DINILAI,),
    "akui": (Status.FINAL,),
}
_PERAN_AKSI = {
    "isi": izin.can_fill,
    "ajukan": izin.can_fill,
    "nilai": izin.can_rate,
    "kembalikan": izin.can_rate,
    "finalkan": lambda user, ev: izin.can_finalise(user, ev.pegawai.unit_kerja),
    "akui": izin.can_acknowledge,
}
_NAMA_AKSI = {
    "isi": "mengisi realisasi",
    "ajukan": "mengajukan",
    "nilai": "menilai",
    "kembalikan": "mengembalikan",
    "finalkan": "memfinalkan",
    "akui": "menerima hasil",
}


def aksi_tersedia(user, evaluasi: EvaluasiKinerja) -> set[str]:
    """The actions the user may take on the evaluation now (role and state, open period): for the pages' buttons."""
    if not evaluasi.periode.dibuka and not evaluasi.final:
        return set()
    return {
        aksi
        for aksi, asal in STATUS_ASAL.items()
        if evaluasi.status in asal
        and _PERAN_AKSI[aksi](user, evaluasi)
        and (aksi != "akui" or not evaluasi.diakui_pada)
    }


# --- helpers -------------------------------------------------------------------------------------------------


def _nama_user(user) -> str:
    if user is None:
        return "pengguna lain"
    pegawai = Pegawai.objects.filter(user=user).only("nama").first()
    return pegawai.nama if pegawai else user.get_username()


def _waktu(dt) -> str:
    return f"{timezone.localtime(dt):%d-%m-%Y %H:%M} WITA"


def _wajib(teks: str, field: str, pesan: str) -> str:
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({field: pesan})
    return teks


def _pastikan_dibuka(periode: Periode):
    if not periode.dibuka:
        raise WrongState(f"Periode {periode} sudah ditutup: data periode ini hanya dapat dibaca.")


def _pastikan_status(evaluasi: EvaluasiKinerja, aksi: str):
    if evaluasi.status not in STATUS_ASAL[aksi]:
        boleh = ", ".join(Status(s).label for s in STATUS_ASAL[aksi])
        raise WrongState(
            f"Tidak dapat {_NAMA_AKSI[aksi]} evaluasi berstatus {evaluasi.get_status_display()} (hanya: {boleh})."
        )


def _ambil_evaluasi(evaluasi_id: int) -> EvaluasiKinerja:
    return EvaluasiKinerja.objects.select_related(
        "periode", "pegawai__unit_kerja", "pegawai__user", "atasan__user"
    ).get(pk=evaluasi_id)


def _klaim_versi(evaluasi_id: int, versi: int, user) -> None:
    """Claim the version the user read; refuse, naming who saved first, if it is stale."""
    now = timezone.now()
    diklaim = EvaluasiKinerja.objects.filter(pk=evaluasi_id, versi=versi).update(
        versi=F("versi") + 1, diubah_oleh=user, diubah_pada=now
    )
    if not diklaim:
        terkini = EvaluasiKinerja.objects.select_related("diubah_oleh").get(pk=evaluasi_id)
        kapan = _waktu(terkini.diubah_pada) if terkini.diubah_pada else "baru saja"
        raise VersionConflict(
            f"Evaluasi ini sudah diubah oleh {_nama_user(terkini.diubah_oleh)} pada {kapan}; muat ulang halaman."
        )


def _mulai_aksi(user, evaluasi_id: int, versi: int, aksi: str) -> EvaluasiKinerja:
    """Check the role on the record, claim the version, then check period and state on the locked row."""
    evaluasi = _ambil_evaluasi(evaluasi_id)
    if not _PERAN_AKSI[aksi](user, evaluasi):
        raise NotPermitted(f"Anda tidak berwenang {_NAMA_AKSI[aksi]} evaluasi ini.")
    _klaim_versi(evaluasi.pk, versi, user)
    evaluasi = _ambil_evaluasi(evaluasi_id)
    if aksi != "akui":
        _pastikan_dibuka(evaluasi.periode)
    _pastikan_status(evaluasi, aksi)
    return evaluasi


def _catat(evaluasi, user, aksi, *, dari="", ke="", field="", lama="", baru="", alasan="", pada=None):
    return RiwayatEvaluasi(
        evaluasi=evaluasi,
        oleh=user,
        pada=pada or timezone.now(),
        aksi=aksi,
        dari_status=dari,
        ke_status=ke,
        field=field,
        nilai_lama="" if lama is None else str(lama),
        nilai_baru="" if baru is None else str(baru),
        alasan=alasan,
    )


def _pindah(evaluasi, user, ke, aksi, alasan="", skor_lama=None, **field):
    """Move the evaluation to a new state and log the move, with the scores that changed (`skor_lama`: the
    fields' values before) in the audit log."""
    dari = evaluasi.status
    evaluasi.status = ke
    for nama, isi in field.items():
        setattr(evaluasi, nama, isi)
    evaluasi.save()
    _catat(evaluasi, user, aksi, dari=dari, ke=ke, alasan=alasan).save()
    perubahan = {"status": [dari, ke]}
    if skor_lama:
        perubahan |= selisih(skor_lama, {f: getattr(evaluasi, f) for f in skor_lama})
    catat(user, f"evaluasi_{aksi.lower()}", evaluasi, perubahan, uraian=alasan)


# --- periods -------------------------------------------------------------------------------------------------


@transaction.atomic
def buka_periode(
    user, *, tahun: int, jenis: str, nomor: int, mulai, selesai, batas_pengisian, batas_penilaian
) -> Periode:
    """Open a new evaluation period (HR staff or administrator); refused when the same period already exists."""
    if not izin.can_manage_periode(user):
        raise NotPermitted("Hanya pengelola kinerja atau administrator yang dapat membuka periode.")
    periode = Periode(
        tahun=tahun,
        jenis=jenis,
        nomor=nomor,
        mulai=mulai,
        selesai=selesai,
        batas_pengisian=batas_pengisian,
        batas_penilaian=batas_penilaian,
        dibuat_oleh=user,
    )
    periode.full_clean()
    periode.save()
    catat(user, "periode_dibuka", periode, {"status": [None, periode.status]})
    return periode


@transaction.atomic
def tutup_periode(user, periode_id: int) -> Periode:
    """Close an open period: from then on its evaluations are read-only (HR staff or administrator)."""
    if not izin.can_manage_periode(user):
        raise NotPermitted("Hanya pengelola kinerja atau administrator yang dapat menutup periode.")
    periode = Periode.objects.select_for_update().get(pk=periode_id)
    _pastikan_dibuka(periode)
    periode.status = Periode.Status.DITUTUP
    periode.ditutup_oleh = user
    periode.ditutup_pada = timezone.now()
    periode.save()
    catat(user, "periode_ditutup", periode, {"status": [Periode.Status.DIBUKA, periode.status]})
    return periode


@transaction.atomic
def buka_kembali_periode(user, periode_id: int, alasan: str) -> Periode:
    """Reopen a closed period (administrators only), with a reason that is logged."""
    if not izin.can_reopen_periode(user):
        raise NotPermitted("Hanya administrator yang dapat membuka kembali periode yang sudah ditutup.")
    alasan = _wajib(alasan, "alasan", "Alasan membuka kembali periode wajib diisi.")
    periode = Periode.objects.select_for_update().get(pk=periode_id)
    if periode.dibuka:
        raise WrongState(f"Periode {periode} masih dibuka.")
    periode.status = Periode.Status.DIBUKA
    periode.ditutup_oleh = None
    periode.ditutup_pada = None
    periode.save()
    PembukaanKembaliPeriode.objects.create(periode=periode, oleh=user, alasan=alasan)
    catat(user, "periode_dibuka_kembali", periode, {"status": [Periode.Status.DITUTUP, periode.status]}, uraian=alasan)
    return periode


@dataclass(frozen=True)
class HasilPembuatan:
    dibuat: int
    sudah_ada: int


@transaction.atomic
def buat_evaluasi_periode(user, periode_id: int, unit_ids) -> HasilPembuatan:
    """Create the evaluations of every active ASN in the chosen units (and their sub-units) for a period.

    Idempotent: ASN who already have one are skipped, and the unique (periode, pegawai) constraint with
    ignore_conflicts makes a concurrent second run harmless. Records each ASN's current supervisor as PPK.
    """
    unit_ids = set(unit_ids)
    if not unit_ids:
        raise ValidationError({"unit_ids": "Pilih paling sedikit satu unit kerja."})
    ditolak = [u for u in unit_ids if not mengelola_unit(user, u)]
    if ditolak:
        raise NotPermitted("Anda hanya dapat membuat evaluasi untuk unit kerja yang Anda kelola.")
    periode = Periode.objects.get(pk=periode_id)
    _pastikan_dibuka(periode)
    semua_unit = UnitKerja.objects.subtree_ids(unit_ids)
    pegawai = list(
        Pegawai.objects.filter(unit_kerja_id__in=semua_unit, aktif=True).values_list("id", "atasan_id").order_by("id")
    )
    ids = [pk for pk, _ in pegawai]
    sudah = set(
        EvaluasiKinerja.objects.filter(periode=periode, pegawai_id__in=ids).values_list("pegawai_id", flat=True)
    )
    skp = dict(SKP.objects.filter(tahun=periode.tahun, pegawai_id__in=ids).values_list("pegawai_id", "id"))
    baru = [
        EvaluasiKinerja(periode=periode, pegawai_id=pk, atasan_id=atasan_id, skp_id=skp.get(pk))
        for pk, atasan_id in pegawai
        if pk not in sudah
    ]
    EvaluasiKinerja.objects.bulk_create(baru, batch_size=1000, ignore_conflicts=True)
    if baru:
        catat(
            user,
            "evaluasi_dibuat",
            periode,
            uraian=f"{len(baru)} evaluasi dibuat, {len(sudah)} sudah ada",
            ringkasan={"dibuat": len(baru), "sudah_ada": len(sudah), "unit_ids": sorted(unit_ids)},
        )
    return HasilPembuatan(dibuat=len(baru), sudah_ada=len(sudah))


# --- SKP -----------------------------------------------------------------------------------------------------


def _skp_untuk_diubah(user, skp_id: int) -> SKP:
    skp = SKP.objects.select_for_update(of=("self",)).select_related("pegawai").get(pk=skp_id)
    if not izin.can_edit_skp(user, skp):
        raise NotPermitted("Hanya pegawai yang bersangkutan atau pengelola kinerja unitnya yang dapat mengubah SKP.")
    if not skp.dapat_diubah:
        raise WrongState(f"SKP berstatus {skp.get_status_display()} tidak dapat diubah.")
    return skp


@transaction.atomic
def buat_skp(user, pegawai_id: int, tahun: int) -> SKP:
    """Start an empty SKP (draft) for an ASN and year: the ASN or HR staff of their unit."""
    pegawai = Pegawai.objects.get(pk=pegawai_id)
    if not izin.can_plan_for(user, pegawai):
        raise NotPermitted("Hanya pegawai yang bersangkutan atau pengelola kinerja unitnya yang dapat membuat SKP.")
    if SKP.objects.filter(pegawai=pegawai, tahun=tahun).exists():
        raise ValidationError({"tahun": f"SKP tahun {tahun} untuk pegawai ini sudah ada."})
    skp = SKP.objects.create(pegawai=pegawai, tahun=tahun)
    RiwayatSKP.objects.create(skp=skp, oleh=user, ke_status=skp.status)
    catat(user, "skp_dibuat", skp, {"status": [None, skp.status]})
    return skp


@transaction.atomic
def simpan_rhk(
    user,
    skp_id: int,
    *,
    uraian: str,
    jenis: str = RencanaHasilKerja.Jenis.UTAMA,
    rhk_atasan_id: int | None = None,
    urutan: int | None = None,
    rhk_id: int | None = None,
) -> RencanaHasilKerja:
    """Add an RHK to an SKP in draft or returned, or edit one (rhk_id); the supervisor's RHK must be of the same
    year and from the ASN's direct supervisor's SKP (cascading)."""
    skp = _skp_untuk_diubah(user, skp_id)
    lama = None
    if rhk_id is not None:
        rhk = RencanaHasilKerja.objects.get(pk=rhk_id, skp=skp)
        lama = nilai_field(rhk, FIELD_AUDIT_RHK)
    else:
        rhk = RencanaHasilKerja(skp=skp, urutan=urutan or skp.rhk.count() + 1)
    rhk.uraian, rhk.jenis, rhk.rhk_atasan_id = uraian, jenis, rhk_atasan_id
    if urutan is not None:
        rhk.urutan = urutan
    rhk.full_clean()
    rhk.save()
    perubahan = selisih(lama, nilai_field(rhk, FIELD_AUDIT_RHK))
    if perubahan:
        catat(user, "skp_rhk_disimpan", rhk, perubahan, label=f"{skp}: {rhk}")
    return rhk


@transaction.atomic
def hapus_rhk(user, rhk_id: int) -> None:
    """Delete an RHK (and its indicators) of an SKP in draft or returned, unless a subordinate's RHK cites it."""
    rhk = RencanaHasilKerja.objects.get(pk=rhk_id)
    skp = _skp_untuk_diubah(user, rhk.skp_id)
    catat(user, "skp_rhk_dihapus", rhk, selisih(nilai_field(rhk, FIELD_AUDIT_RHK), {}), label=f"{skp}: {rhk}")
    try:
        rhk.delete()
    except ProtectedError:
        raise WrongState(
            "RHK ini sudah diacu oleh RHK bawahan atau dipakai dalam evaluasi, sehingga tidak dapat dihapus."
        ) from None


@transaction.atomic
def simpan_indikator(
    user,
    rhk_id: int,
    *,
    uraian: str,
    aspek: str,
    target,
    satuan: str,
    urutan: int | None = None,
    indikator_id: int | None = None,
) -> IndikatorKinerja:
    """Add an indicator (aspect, target, unit) to an RHK of an SKP in draft or returned, or edit one."""
    rhk = RencanaHasilKerja.objects.get(pk=rhk_id)
    skp = _skp_untuk_diubah(user, rhk.skp_id)
    lama = None
    if indikator_id is not None:
        indikator = IndikatorKinerja.objects.get(pk=indikator_id, rhk=rhk)
        lama = nilai_field(indikator, FIELD_AUDIT_INDIKATOR)
    else:
        indikator = IndikatorKinerja(rhk=rhk, urutan=urutan or rhk.indikator.count() + 1)
    indikator.uraian, indikator.aspek, indikator.target, indikator.satuan = uraian, aspek, target, satuan
    if urutan is not None:
        indikator.urutan = urutan
    indikator.full_clean()
    if indikator.target <= 0:
        raise ValidationError({"target": "Target harus lebih besar dari nol."})
    indikator.save()
    perubahan = selisih(lama, nilai_field(indikator, FIELD_AUDIT_INDIKATOR))
    if perubahan:
        catat(user, "skp_indikator_disimpan", indikator, perubahan, label=f"{skp}: {indikator}")
    return indikator


@transaction.atomic
def hapus_indikator(user, indikator_id: int) -> None:
    """Delete an indicator of an SKP in draft or returned, unless an evaluation already holds a realisation of it."""
    indikator = IndikatorKinerja.objects.select_related("rhk").get(pk=indikator_id)
    skp = _skp_untuk_diubah(user, indikator.rhk.skp_id)
    catat(
        user,
        "skp_indikator_dihapus",
        indikator,
        selisih(nilai_field(indikator, FIELD_AUDIT_INDIKATOR), {}),
        label=f"{skp}: {indikator}",
    )
    try:
        indikator.delete()
    except ProtectedError:
        raise WrongState("Indikator ini sudah memiliki realisasi dalam evaluasi dan tidak dapat dihapus.") from None


@transaction.atomic
def ajukan_skp(user, skp_id: int) -> SKP:
    """Submit an SKP to the supervisor: needs an utama RHK, an indicator on every RHK, and (when the ASN has a
    supervisor) each utama RHK citing a supervisor's RHK."""
    skp = _skp_untuk_diubah(user, skp_id)
    atasan = skp.pegawai.atasan
    if atasan is None:
        raise WrongState("Pegawai ini tidak memiliki atasan langsung di aplikasi yang dapat menyetujui SKP.")
    daftar_rhk = list(skp.rhk.prefetch_related("indikator"))
    galat = []
    if not any(r.jenis == RencanaHasilKerja.Jenis.UTAMA for r in daftar_rhk):
        galat.append("SKP harus memiliki paling sedikit satu RHK utama.")
    for r in daftar_rhk:
        if not r.indikator.all():
            galat.append(f"RHK '{r}' belum memiliki indikator.")
        if r.jenis == RencanaHasilKerja.Jenis.UTAMA and r.rhk_atasan_id is None:
            galat.append(f"RHK utama '{r}' belum mengacu pada RHK atasan.")
    if galat:
        raise ValidationError(galat)
    dari = skp.status
    skp.status = SKP.Status.DIAJUKAN
    skp.diajukan_pada = timezone.now()
    skp.alasan_pengembalian = ""
    skp.save()
    RiwayatSKP.objects.create(skp=skp, oleh=user, dari_status=dari, ke_status=skp.status)
    catat(user, "skp_diajukan", skp, {"status": [dari, skp.status]})
    beri_tahu(atasan.user, f"SKP {skp.tahun} {skp.pegawai.nama} diajukan", tautan=TAUTAN_SKP.format(pk=skp.pk))
    return skp


def _skp_untuk_ditinjau(user, skp_id: int) -> SKP:
    skp = SKP.objects.select_for_update(of=("self",)).select_related("pegawai__user").get(pk=skp_id)
    if not izin.can_review_skp(user, skp):
        raise NotPermitted("Hanya atasan langsung pegawai yang dapat menyetujui atau mengembalikan SKP.")
    if skp.status != SKP.Status.DIAJUKAN:
        raise WrongState(f"SKP berstatus {skp.get_status_display()} tidak sedang menunggu persetujuan.")
    return skp


@transaction.atomic
def setujui_skp(user, skp_id: int) -> SKP:
    """Approve a submitted SKP: the ASN's direct supervisor only."""
    skp = _skp_untuk_ditinjau(user, skp_id)
    skp.status = SKP.Status.DISETUJUI
    skp.disetujui_oleh = user
    skp.disetujui_pada = timezone.now()
    skp.save()
    RiwayatSKP.objects.create(skp=skp, oleh=user, dari_status=SKP.Status.DIAJUKAN, ke_status=skp.status)
    catat(user, "skp_disetujui", skp, {"status": [SKP.Status.DIAJUKAN, skp.status]})
    beri_tahu(skp.pegawai.user, f"SKP {skp.tahun} Anda disetujui", tautan=TAUTAN_SKP.format(pk=skp.pk))
    return skp


@transaction.atomic
def kembalikan_skp(user, skp_id: int, alasan: str) -> SKP:
    """Return a submitted SKP to the ASN with a reason: the ASN's direct supervisor only."""
    alasan = _wajib(alasan, "alasan", "Alasan pengembalian SKP wajib diisi.")
    skp = _skp_untuk_ditinjau(user, skp_id)
    skp.status = SKP.Status.DIKEMBALIKAN
    skp.alasan_pengembalian = alasan
    skp.save()
    RiwayatSKP.objects.create(skp=skp, oleh=user, dari_status=SKP.Status.DIAJUKAN, ke_status=skp.status, alasan=alasan)
    catat(user, "skp_dikembalikan", skp, {"status": [SKP.Status.DIAJUKAN, skp.status]}, uraian=alasan)
    beri_tahu(skp.pegawai.user, f"SKP {skp.tahun} Anda dikembalikan", alasan, TAUTAN_SKP.format(pk=skp.pk))
    return skp


@transaction.atomic
def salin_skp_tahun_lalu(user, pegawai_id: int, tahun: int) -> SKP:
    """Start this year's SKP (draft) as a copy of last year's RHK and indicators. Links to the supervisor's RHK are
    not copied: they must point at the supervisor's SKP of the new year, so the ASN chooses them again."""
    sumber = SKP.objects.filter(pegawai_id=pegawai_id, tahun=tahun - 1).first()
    if sumber is None:
        raise ValidationError({"tahun": f"Tidak ada SKP tahun {tahun - 1} untuk disalin."})
    skp = buat_skp(user, pegawai_id, tahun)
    daftar_rhk = list(sumber.rhk.prefetch_related("indikator"))
    salinan = RencanaHasilKerja.objects.bulk_create(
        [RencanaHasilKerja(skp=skp, jenis=r.jenis, uraian=r.uraian, urutan=r.urutan) for r in daftar_rhk]
    )
    indikator = IndikatorKinerja.objects.bulk_create(
        [
            IndikatorKinerja(
                rhk=baru, uraian=i.uraian, aspek=i.aspek, target=i.target, satuan=i.satuan, urutan=i.urutan
            )
            for lama, baru in zip(daftar_rhk, salinan, strict=True)
            for i in lama.indikator.all()
        ]
    )
    catat(
        user,
        "skp_disalin",
        skp,
        uraian=f"Disalin dari SKP {sumber.tahun}: {len(salinan)} RHK, {len(indikator)} indikator",
        ringkasan={"dari_skp": sumber.pk, "rhk": len(salinan), "indikator": len(indikator)},
    )
    return skp


# --- the evaluation ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IsianRealisasi:
    """One indicator's realisation as entered in the form. None for the evidence keeps what is stored; a new
    upload replaces the file, and "" clears the link."""

    indikator_id: int
    realisasi: object
    bukti_tautan: str | None = None
    bukti_berkas: object = None


def _skp_disetujui(evaluasi: EvaluasiKinerja) -> SKP:
    skp = evaluasi.skp or SKP.objects.filter(pegawai_id=evaluasi.pegawai_id, tahun=evaluasi.periode.tahun).first()
    if skp is None or skp.status != SKP.Status.DISETUJUI:
        raise WrongState(f"SKP {evaluasi.periode.tahun} pegawai ini belum disetujui atasan.")
    return skp


def _desimal(nilai, field: str) -> Decimal:
    try:
        hasil = Decimal(str(nilai).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: f"'{nilai}' bukan angka."}) from None
    if not hasil.is_finite() or hasil < 0:
        raise ValidationError({field: "Realisasi harus angka yang tidak negatif."})
    return hasil


@transaction.atomic
def isi_realisasi(user, evaluasi_id: int, versi: int, isian: list[IsianRealisasi]) -> EvaluasiKinerja:
    """Record the realisation (and evidence) of indicators: the ASN, or HR staff on their behalf, recorded as
    such. Capaian is computed per indicator with the agency's cap. After a submission (i.e. when returned),
    every changed value is logged."""
    evaluasi = _mulai_aksi(user, evaluasi_id, versi, "isi")
    skp = _skp_disetujui(evaluasi)
    if evaluasi.skp_id != skp.pk:
        evaluasi.skp = skp
        evaluasi.save(update_fields=["skp"])
    indikator = {i.pk: i for i in IndikatorKinerja.objects.filter(rhk__skp=skp)}
    lama = {r.indikator_id: r for r in evaluasi.realisasi.all()}
    sebagai = (
        RealisasiIndikator.DiisiSebagai.PEGAWAI
        if peran(user).pegawai == evaluasi.pegawai
        else RealisasiIndikator.DiisiSebagai.PENGELOLA
    )
    pengaturan = PengaturanKinerja.aktif()
    sudah_diajukan = evaluasi.diajukan_pada is not None
    now = timezone.now()
    riwayat = []
    perubahan = {}
    for item in isian:
        field = f"realisasi_{item.indikator_id}"
        if item.indikator_id not in indikator:
            raise ValidationError({field: "Indikator ini bukan bagian dari SKP evaluasi ini."})
        nilai = _desimal(item.realisasi, field)
        baris = lama.get(item.indikator_id) or RealisasiIndikator(
            evaluasi=evaluasi, indikator=indikator[item.indikator_id]
        )
        sebelum = baris.realisasi if baris.pk else None
        baris.indikator = indikator[item.indikator_id]
        baris.realisasi = nilai
        if item.bukti_tautan is not None:
            baris.bukti_tautan = item.bukti_tautan.strip()
        if item.bukti_berkas is not None:
            baris.bukti_berkas = item.bukti_berkas
        baris.diisi_oleh, baris.diisi_sebagai, baris.diisi_pada = user, sebagai, now
        baris.hitung_capaian(pengaturan)
        try:
            # A stored file was checked when uploaded; only a new one is read again.
            lewati = ["evaluasi", "indikator"] + ([] if item.bukti_berkas is not None else ["bukti_berkas"])
            baris.full_clean(exclude=lewati, validate_unique=False)
        except ValidationError as exc:
            raise ValidationError({f"{field}_{k}": v for k, v in exc.message_dict.items()}) from None
        baris.save()
        if sebelum != nilai:
            perubahan[f"realisasi: {baris.indikator}"] = [angka(sebelum), angka(nilai)]
        if sudah_diajukan and sebelum != nilai:
            riwayat.append(
                _catat(
                    evaluasi, user, Aksi.NILAI_DIUBAH, field=f"realisasi: {baris.indikator}", lama=sebelum, baru=nilai
                )
            )
    RiwayatEvaluasi.objects.bulk_create(riwayat)
    if perubahan:
        atas_nama = sebagai == RealisasiIndikator.DiisiSebagai.PENGELOLA
        uraian = "Diisi pengelola kinerja atas nama pegawai." if atas_nama else ""
        catat(user, "evaluasi_realisasi", evaluasi, perubahan, uraian=uraian)
    return _ambil_evaluasi(evaluasi.pk)


@transaction.atomic
def ajukan_evaluasi(user, evaluasi_id: int, versi: int) -> EvaluasiKinerja:
    """Submit an evaluation to the PPK (the ASN or HR staff): every indicator of the approved SKP needs a
    realisation, and the evaluation needs a PPK."""
    evaluasi = _mulai_aksi(user, evaluasi_id, versi, "ajukan")
    skp = _skp_disetujui(evaluasi)
    if evaluasi.atasan_id is None:
        raise WrongState("Evaluasi ini belum memiliki pejabat penilai kinerja (atasan langsung).")
    kosong = IndikatorKinerja.objects.filter(rhk__skp=skp).exclude(realisasi__evaluasi=evaluasi).count()
    if kosong:
        raise ValidationError(f"Masih ada {kosong} indikator yang belum diisi realisasinya.")
    _pindah(evaluasi, user, Status.DIAJUKAN, Aksi.DIAJUKAN, skp=skp, diajukan_pada=timezone.now())
    beri_tahu(
        evaluasi.atasan.user,
        f"Evaluasi {evaluasi.periode} {evaluasi.pegawai.nama} menunggu penilaian",
        tautan=TAUTAN_EVALUASI.format(pk=evaluasi.pk),
    )
    return evaluasi


@transaction.atomic
def nilai_evaluasi(
    user,
    evaluasi_id: int,
    versi: int,
    *,
    rating_hasil_kerja: str,
    rating_perilaku_kerja: str,
    umpan_balik_rhk: dict[int, str],
    umpan_balik_perilaku: dict[str, str],
    catatan: str = "",
    rekomendasi_pengembangan: str = "",
    alasan: str = "",
) -> EvaluasiKinerja:
    """Rate a submitted evaluation (its PPK only): feedback on every RHK and every BerAKHLAK value, the two
    ratings, and the predikat from the regulation's matrix. Re-rating an already rated one needs a reason;
    every changed score is logged old → new."""
    evaluasi = _mulai_aksi(user, evaluasi_id, versi, "nilai")
    galat = {}
    for field, nilai in (("rating_hasil_kerja", rating_hasil_kerja), ("rating_perilaku_kerja", rating_perilaku_kerja)):
        if nilai not in EvaluasiKinerja.Rating.values:
            galat[field] = "Pilih Di Atas, Sesuai, atau Di Bawah Ekspektasi."
    daftar_rhk = list(evaluasi.skp.rhk.all())
    umpan_balik_rhk = {int(k): (v or "").strip() for k, v in umpan_balik_rhk.items()}
    if set(umpan_balik_rhk) - {r.pk for r in daftar_rhk}:
        galat["umpan_balik_rhk"] = "Ada RHK yang bukan bagian dari SKP evaluasi ini."
    for r in daftar_rhk:
        if not umpan_balik_rhk.get(r.pk):
            galat[f"umpan_balik_rhk_{r.pk}"] = "Umpan balik untuk RHK ini wajib diisi."
    umpan_balik_perilaku = {k: (v or "").strip() for k, v in umpan_balik_perilaku.items()}
    if set(umpan_balik_perilaku) - set(PerilakuKerja.Nilai.values):
        galat["umpan_balik_perilaku"] = "Ada nilai BerAKHLAK yang tidak dikenal."
    for nilai in PerilakuKerja.Nilai:
        if not umpan_balik_perilaku.get(nilai.value):
            galat[f"perilaku_{nilai.value}"] = f"Umpan balik untuk nilai {nilai.label} wajib diisi."
    menilai_ulang = evaluasi.status == Status.DINILAI
    if menilai_ulang and not (alasan or "").strip():
        galat["alasan"] = "Alasan mengubah penilaian wajib diisi."
    if galat:
        raise ValidationError(galat)

    skor_lama = {f: getattr(evaluasi, f) for f in ("rating_hasil_kerja", "rating_perilaku_kerja", "predikat")}
    evaluasi.rating_hasil_kerja = rating_hasil_kerja
    evaluasi.rating_perilaku_kerja = rating_perilaku_kerja
    evaluasi.catatan = catatan.strip()
    evaluasi.rekomendasi_pengembangan = rekomendasi_pengembangan.strip()
    evaluasi.alasan_pengembalian = ""
    _pindah(
        evaluasi, user, Status.DINILAI, Aksi.DINILAI, alasan.strip(), skor_lama=skor_lama, dinilai_pada=timezone.now()
    )
    RiwayatEvaluasi.objects.bulk_create(
        _catat(evaluasi, user, Aksi.NILAI_DIUBAH, field=f, lama=lama, baru=getattr(evaluasi, f), alasan=alasan.strip())
        for f, lama in skor_lama.items()
        if lama != getattr(evaluasi, f)
    )
    UmpanBalikRHK.objects.filter(evaluasi=evaluasi).delete()
    UmpanBalikRHK.objects.bulk_create(
        UmpanBalikRHK(evaluasi=evaluasi, rhk=r, umpan_balik=umpan_balik_rhk[r.pk]) for r in daftar_rhk
    )
    PerilakuKerja.objects.filter(evaluasi=evaluasi).delete()
    PerilakuKerja.objects.bulk_create(
        PerilakuKerja(evaluasi=evaluasi, nilai=n.value, umpan_balik=umpan_balik_perilaku[n.value])
        for n in PerilakuKerja.Nilai
    )
    beri_tahu(
        evaluasi.pegawai.user,
        f"Evaluasi {evaluasi.periode} Anda telah dinilai",
        tautan=TAUTAN_EVALUASI.format(pk=evaluasi.pk),
    )
    return evaluasi


@transaction.atomic
def kembalikan_evaluasi(user, evaluasi_id: int, versi: int, alasan: str) -> EvaluasiKinerja:
    """Return a submitted (or rated) evaluation to the ASN with a reason: its PPK only."""
    alasan = _wajib(alasan, "alasan", "Alasan pengembalian wajib diisi.")
    evaluasi = _mulai_aksi(user, evaluasi_id, versi, "kembalikan")
    _pindah(evaluasi, user, Status.DIKEMBALIKAN, Aksi.DIKEMBALIKAN, alasan, alasan_pengembalian=alasan)
    beri_tahu(
        evaluasi.pegawai.user,
        f"Evaluasi {evaluasi.periode} Anda dikembalikan",
        alasan,
        TAUTAN_EVALUASI.format(pk=evaluasi.pk),
    )
    return evaluasi


@transaction.atomic
def akui_evaluasi(user, evaluasi_id: int, versi: int) -> EvaluasiKinerja:
    """The ASN acknowledges their final result (once); the only write a final evaluation accepts."""
    evaluasi = _mulai_aksi(user, evaluasi_id, versi, "akui")
    if evaluasi.diakui_pada:
        raise WrongState(f"Hasil evaluasi ini sudah Anda terima pada {_waktu(evaluasi.diakui_pada)}.")
    evaluasi.diakui_pada = timezone.now()
    evaluasi.save(update_fields=["diakui_pada"])
    _catat(evaluasi, user, Aksi.DIAKUI, dari=Status.FINAL, ke=Status.FINAL).save()
    catat(user, "evaluasi_diakui", evaluasi, {"diakui_pada": [None, evaluasi.diakui_pada]})
    return evaluasi


# --- organisational performance, the curve, and finalising a unit ---------------------------------------------


@transaction.atomic
def tetapkan_kinerja_organisasi(user, periode_id: int, unit_id: int, capaian: str) -> KinerjaOrganisasi:
    """Set a unit's organisational performance for a period (HR staff of the unit), before any of it is final."""
    unit = UnitKerja.objects.get(pk=unit_id)
    if not izin.can_finalise(user, unit):
        raise NotPermitted("Anda hanya dapat menetapkan kinerja organisasi untuk unit yang Anda kelola.")
    if capaian not in KinerjaOrganisasi.Capaian.values:
        raise ValidationError({"capaian": "Pilih capaian kinerja organisasi yang tersedia."})
    periode = Periode.objects.get(pk=periode_id)
    _pastikan_dibuka(periode)
    lama = KinerjaOrganisasi.objects.filter(unit_kerja=unit, periode=periode).values_list("capaian", flat=True).first()
    if sel.evaluasi_unit(periode.pk, unit.pk).filter(status=Status.FINAL).exists():
        raise WrongState("Unit ini sudah memiliki evaluasi final pada periode ini: capaiannya tidak dapat diubah.")
    hasil, _ = KinerjaOrganisasi.objects.update_or_create(
        unit_kerja=unit,
        periode=periode,
        defaults={"capaian": capaian, "ditetapkan_oleh": user, "ditetapkan_pada": timezone.now()},
    )
    if lama != capaian:
        label = f"{unit.nama} — {periode}"
        catat(user, "kinerja_organisasi_ditetapkan", hasil, {"capaian": [lama, capaian]}, label=label)
    return hasil


@dataclass(frozen=True)
class HasilFinalisasi:
    difinalkan: int
    pelanggaran: list[str]
    pengecualian: PengecualianKurva | None


@transaction.atomic
def finalkan_unit(
    user, periode_id: int, unit_id: int, *, alasan_pengecualian: str = "", versi: dict[int, int] | None = None
) -> HasilFinalisasi:
    """Finalise the rated evaluations of a unit (and its sub-units) for a period: HR staff of the unit only.

    The unit's predikat distribution (rated and final) is checked against the curve for its organisational
    performance; a violation refuses unless `alasan_pengecualian` is given, and the override is logged.
    `versi` (evaluation id → version the page showed) refuses if any of them changed meanwhile.
    """
    unit = UnitKerja.objects.get(pk=unit_id)
    if not izin.can_finalise(user, unit):
        raise NotPermitted("Anda hanya dapat memfinalkan evaluasi unit kerja yang Anda kelola.")
    periode = Periode.objects.select_for_update().get(pk=periode_id)
    _pastikan_dibuka(periode)
    organisasi = KinerjaOrganisasi.objects.filter(unit_kerja=unit, periode=periode).first()
    if organisasi is None:
        raise WrongState(f"Tetapkan dulu capaian kinerja organisasi {unit.nama} untuk periode {periode}.")
    # Lock the rows first so no rating changes between the curve check and the update.
    calon = list(
        sel.evaluasi_unit(periode.pk, unit.pk)
        .filter(status=Status.DINILAI)
        .select_for_update(of=("self",))
        .select_related("pegawai__user")
    )
    if not calon:
        raise WrongState("Tidak ada evaluasi berstatus Dinilai yang dapat difinalkan di unit ini.")
    if versi is not None:
        berubah = [e for e in calon if e.pk in versi and versi[e.pk] != e.versi]
        if berubah or set(versi) - {e.pk for e in calon}:
            raise VersionConflict("Sebagian evaluasi unit ini sudah diubah sejak halaman dibuka; muat ulang halaman.")
    jumlah = sel.jumlah_predikat(periode.pk, unit.pk)
    pelanggaran = cek_kurva_distribusi(organisasi.capaian, jumlah, PengaturanKinerja.aktif().syarat_kurva())
    alasan = (alasan_pengecualian or "").strip()
    if pelanggaran and not alasan:
        raise PelanggaranKurva(
            "Sebaran predikat unit ini melanggar kurva distribusi. Perbaiki penilaian, atau finalkan dengan "
            "pengecualian disertai alasan.",
            pelanggaran,
        )
    now = timezone.now()
    ids = [e.pk for e in calon]
    EvaluasiKinerja.objects.filter(pk__in=ids).update(
        status=Status.FINAL,
        difinalkan_pada=now,
        difinalkan_oleh=user,
        versi=F("versi") + 1,
        diubah_oleh=user,
        diubah_pada=now,
    )
    catatan_alasan = f"Pengecualian kurva: {alasan}" if pelanggaran else ""
    RiwayatEvaluasi.objects.bulk_create(
        _catat(e, user, Aksi.DIFINALKAN, dari=Status.DINILAI, ke=Status.FINAL, alasan=catatan_alasan, pada=now)
        for e in calon
    )
    pengecualian = None
    if pelanggaran:
        pengecualian = PengecualianKurva.objects.create(
            unit_kerja=unit,
            periode=periode,
            oleh=user,
            pada=now,
            alasan=alasan,
            pelanggaran="\n".join(pelanggaran),
            jumlah_difinalkan=len(calon),
        )
    Notifikasi.objects.bulk_create(
        Notifikasi(
            penerima=e.pegawai.user,
            judul=f"Evaluasi {periode} Anda sudah final",
            tautan=TAUTAN_EVALUASI.format(pk=e.pk),
            dibuat=now,
        )
        for e in calon
        if e.pegawai.user is not None
    )
    # One entry for the unit, not one per evaluation: the ids and a curve override's reason are in it.
    catat(
        user,
        "unit_difinalkan",
        unit,
        {"status": [Status.DINILAI, Status.FINAL]},
        label=f"{unit.nama} — {periode}",
        uraian=catatan_alasan,
        ringkasan={
            "periode": str(periode),
            "difinalkan": len(calon),
            "evaluasi_ids": ids,
            "pelanggaran_kurva": pelanggaran,
        },
        pada=now,
    )
    unit_difinalkan.send(
        sender=EvaluasiKinerja, periode_id=periode.pk, unit_id=unit.pk, pegawai_ids=[e.pegawai_id for e in calon]
    )
    return HasilFinalisasi(difinalkan=len(calon), pelanggaran=pelanggaran, pengecualian=pengecualian)


@transaction.atomic
def simpan_pengaturan(user, *, batas_capaian, rumus_efisiensi_tinggi: bool, kurva: dict | None) -> PengaturanKinerja:
    """Change the capaian cap, the time/cost formula above 24% efficiency, and the curve: administrators only."""
    if not peran(user).administrator:
        raise NotPermitted("Hanya administrator yang dapat mengubah pengaturan kinerja.")
    pengaturan = PengaturanKinerja.aktif()
    lama = nilai_field(pengaturan, FIELD_AUDIT_PENGATURAN)
    pengaturan.batas_capaian = batas_capaian
    pengaturan.rumus_efisiensi_tinggi = rumus_efisiensi_tinggi
    pengaturan.kurva = kurva or None
    pengaturan.full_clean()
    pengaturan.save()
    perubahan = selisih(lama, nilai_field(pengaturan, FIELD_AUDIT_PENGATURAN))
    if perubahan:
        catat(user, "pengaturan_kinerja_diubah", pengaturan, perubahan)
    return pengaturan


# --- continuous feedback and notifications --------------------------------------------------------------------


@transaction.atomic
def kirim_dialog(user, *, isi: str, skp_id: int | None = None, evaluasi_id: int | None = None) -> DialogKinerja:
    """Post a note in the performance dialog of an SKP or an evaluation (the ASN or their supervisor); the other
    side is notified in the app."""
    if (skp_id is None) == (evaluasi_id is None):
        raise ValueError("Sebutkan tepat satu: skp_id atau evaluasi_id.")
    isi = _wajib(isi, "isi", "Catatan tidak boleh kosong.")
    if skp_id is not None:
        skp = SKP.objects.select_related("pegawai__user", "pegawai__atasan__user").get(pk=skp_id)
        pegawai, atasan, tautan = skp.pegawai, skp.pegawai.atasan, TAUTAN_SKP.format(pk=skp.pk)
        judul = f"Catatan baru pada SKP {skp.tahun}"
    else:
        evaluasi = _ambil_evaluasi(evaluasi_id)
        pegawai, atasan, tautan = evaluasi.pegawai, evaluasi.atasan, TAUTAN_EVALUASI.format(pk=evaluasi.pk)
        judul = f"Catatan baru pada evaluasi {evaluasi.periode}"
    pihak = izin.pihak_dialog(user, pegawai, atasan.pk if atasan else None)
    if pihak is None:
        raise NotPermitted("Dialog kinerja hanya antara pegawai dan atasan langsungnya.")
    dialog = DialogKinerja.objects.create(skp_id=skp_id, evaluasi_id=evaluasi_id, penulis=user, isi=isi)
    penerima = atasan if pihak == "pegawai" else pegawai
    if penerima is not None:
        beri_tahu(penerima.user, f"{judul} dari {_nama_user(user)}", isi[:200], tautan)
    return dialog
