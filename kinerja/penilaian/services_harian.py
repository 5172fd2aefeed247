"""The daily progress log: an ASN writes, changes or deletes an entry of a recent day. One transaction each, role
and the day's window (kinerja.penilaian.harian) checked on the server."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import catat, nilai_field, selisih
from core.errors import NotPermitted, WrongState
from kinerja.pegawai.permissions import peran

from . import harian
from . import permissions as izin
from .models_harian import PANJANG_PROGRES, ProgresHarian
from .models_skp import RencanaHasilKerja

FIELD_AUDIT_PROGRES = ("tanggal", "rhk", "uraian", "bukti_tautan")
PESAN_HANYA_PEGAWAI = "Progres harian hanya dapat dicatat oleh pegawai yang bersangkutan."


def _nilai_audit(progres: ProgresHarian) -> dict:
    return {**nilai_field(progres, FIELD_AUDIT_PROGRES), "bukti_berkas": progres.bukti_berkas.name or ""}


def _pegawai_pencatat(user):
    p = peran(user)
    if p.pegawai is None or not izin.can_log_progres(user, p.pegawai.pk):
        raise NotPermitted(PESAN_HANYA_PEGAWAI)
    return p.pegawai


def _progres_milik(user, pegawai, progres_id: int, hari_ini: datetime.date) -> ProgresHarian:
    progres = ProgresHarian.objects.select_for_update().filter(pk=progres_id).first()
    if progres is None or progres.pegawai_id != pegawai.pk:
        raise NotPermitted(PESAN_HANYA_PEGAWAI)
    if harian.galat_tanggal(progres.tanggal, hari_ini):
        raise WrongState(
            f"Progres {harian.tanggal_pendek(progres.tanggal)} tidak dapat diubah lagi: progres hanya dapat diubah "
            f"sampai {harian.HARI_KERJA_UBAH} hari kerja setelah harinya."
        )
    return progres


@transaction.atomic
def catat_progres(
    user,
    *,
    tanggal: datetime.date,
    rhk_id: int | None,
    uraian: str,
    bukti_tautan: str = "",
    bukti_berkas=None,
    progres_id: int | None = None,
    hari_ini: datetime.date | None = None,
) -> ProgresHarian:
    """Write an entry of the ASN's own daily log (or change one, `progres_id`): a day from the last few working days
    up to today (WITA), never ahead; an RHK of their SKP of that day's year (in any state: they may log before it
    is approved); what they did; optionally a link or a file as evidence (a file not given keeps the stored one)."""
    hari_ini = hari_ini or timezone.localdate()
    pegawai = _pegawai_pencatat(user)
    progres, lama = None, None
    if progres_id is not None:
        progres = _progres_milik(user, pegawai, progres_id, hari_ini)
        lama = _nilai_audit(progres)
    galat = {}
    if tanggal is None:
        galat["tanggal"] = "Tanggal wajib diisi."
    elif pesan := harian.galat_tanggal(tanggal, hari_ini):
        galat["tanggal"] = pesan
    uraian = (uraian or "").strip()
    if not uraian:
        galat["uraian"] = "Tuliskan apa yang Anda kerjakan."
    elif len(uraian) > PANJANG_PROGRES:
        galat["uraian"] = f"Paling panjang {PANJANG_PROGRES} karakter."
    rhk = None
    if tanggal is not None and rhk_id is not None:
        rhk = RencanaHasilKerja.objects.filter(pk=rhk_id, skp__pegawai=pegawai, skp__tahun=tanggal.year).first()
    if rhk is None and "tanggal" not in galat:
        galat["rhk"] = f"Pilih salah satu RHK pada SKP {tanggal.year} Anda." if tanggal else "Pilih RHK."
    if galat:
        raise ValidationError(galat)
    progres = progres or ProgresHarian(pegawai=pegawai, dicatat_oleh=user)
    progres.tanggal, progres.rhk, progres.uraian = tanggal, rhk, uraian
    progres.bukti_tautan = (bukti_tautan or "").strip()
    if bukti_berkas:
        progres.bukti_berkas = bukti_berkas
    progres.full_clean(exclude=["pegawai", "dicatat_oleh"])
    progres.save()
    perubahan = selisih(lama, _nilai_audit(progres))
    if perubahan:
        aksi = "progres_dicatat" if lama is None else "progres_diubah"
        catat(user, aksi, progres, perubahan, label=f"Progres harian {pegawai.nama} {tanggal:%d-%m-%Y}")
    return progres


@transaction.atomic
def hapus_progres(user, progres_id: int, *, hari_ini: datetime.date | None = None) -> None:
    """Delete an entry of the ASN's own log, within the same window as changing it."""
    pegawai = _pegawai_pencatat(user)
    progres = _progres_milik(user, pegawai, progres_id, hari_ini or timezone.localdate())
    catat(
        user,
        "progres_dihapus",
        progres,
        selisih(_nilai_audit(progres), {}),
        label=f"Progres harian {pegawai.nama} {progres.tanggal:%d-%m-%Y}",
    )
    progres.delete()
