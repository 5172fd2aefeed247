"""The matriks peran hasil: a supervisor divides an RHK among those they appraise, and each of them drafts an RHK
of their own SKP from their role. One transaction each, role and state checked on the server."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from audit.services import catat, nilai_field, selisih
from core.errors import NotPermitted, WrongState
from kinerja.notifikasi.services import beri_tahu
from kinerja.pegawai.models import Pegawai, dinilai_oleh

from . import permissions as izin
from .models_peran import PANJANG_PERAN, PeranHasil
from .models_skp import SKP, RencanaHasilKerja
from .services_skp import _skp_untuk_diubah, simpan_rhk

FIELD_AUDIT_PERAN = ("pegawai", "hasil", "indikator")


def _rhk_untuk_dibagi(user, rhk_id: int) -> RencanaHasilKerja:
    rhk = RencanaHasilKerja.objects.select_for_update(of=("self",)).select_related("skp__pegawai").get(pk=rhk_id)
    if not izin.can_divide_rhk(user, rhk):
        raise NotPermitted(
            "Hanya pemilik SKP atau pengelola kinerja unitnya yang dapat menyusun matriks peran hasil RHK ini."
        )
    return rhk


def _periksa_skp_bawahan(rhk: RencanaHasilKerja, pegawai: Pegawai) -> None:
    """A role is the start of the subordinate's plan: once that plan is submitted or approved it is settled, and
    changing the role would leave it behind. The supervisor returns a submitted plan first."""
    skp = SKP.objects.filter(pegawai=pegawai, tahun=rhk.skp.tahun).first()
    if skp is not None and not skp.dapat_diubah:
        raise WrongState(
            f"SKP {skp.tahun} {pegawai.nama} sudah berstatus {skp.get_status_display()}, sehingga perannya tidak "
            "dapat diubah lagi. Kembalikan SKP yang diajukan lebih dahulu bila perannya perlu berubah."
        )


@transaction.atomic
def simpan_peran_hasil(user, rhk_id: int, *, pegawai_id: int | None, hasil: str, indikator: str = "") -> PeranHasil:
    """Set what one ASN the RHK's owner appraises contributes to it (the intermediate result that becomes their RHK,
    and indicators proposed for it), or change it: whoever may write the supervisor's SKP, in any of its states, so
    the team can start their plans before the supervisor's is approved; not once the ASN's own plan is submitted
    or approved. The ASN is told."""
    rhk = _rhk_untuk_dibagi(user, rhk_id)
    pemilik = rhk.skp.pegawai
    pegawai = (
        Pegawai.objects.filter(dinilai_oleh(pemilik.pk), aktif=True, pk=pegawai_id).select_related("user").first()
        if pegawai_id
        else None
    )
    galat = {}
    if pegawai is None:
        galat["pegawai"] = f"Pilih pegawai aktif yang dinilai oleh {pemilik.nama}."
    hasil, indikator = (hasil or "").strip(), (indikator or "").strip()
    if not hasil:
        galat["hasil"] = "Tuliskan hasil yang diharapkan dari pegawai ini."
    for nama, teks in (("hasil", hasil), ("indikator", indikator)):
        if len(teks) > PANJANG_PERAN:
            galat[nama] = f"Paling panjang {PANJANG_PERAN} karakter."
    if galat:
        raise ValidationError(galat)
    _periksa_skp_bawahan(rhk, pegawai)
    peran_hasil = PeranHasil.objects.filter(rhk_atasan=rhk, pegawai=pegawai).first()
    lama = nilai_field(peran_hasil, FIELD_AUDIT_PERAN) if peran_hasil else None
    peran_hasil = peran_hasil or PeranHasil(rhk_atasan=rhk, pegawai=pegawai)
    peran_hasil.hasil, peran_hasil.indikator, peran_hasil.diubah_oleh = hasil, indikator, user
    peran_hasil.save()
    perubahan = selisih(lama, nilai_field(peran_hasil, FIELD_AUDIT_PERAN))
    if perubahan:
        catat(user, "skp_peran_disimpan", peran_hasil, perubahan, label=f"{rhk.skp}: {peran_hasil}")
        beri_tahu(
            pegawai.user,
            f"Peran hasil Anda pada RHK {pemilik.nama} {rhk.skp.tahun}",
            f"{rhk.uraian}\nHasil yang diharapkan dari Anda: {hasil}",
            reverse("kinerja_saya"),
        )
    return peran_hasil


@transaction.atomic
def hapus_peran_hasil(user, peran_id: int) -> None:
    """Remove one ASN's role from the matrix, on the same terms as changing it. An RHK they drafted from it stays
    in their plan, still citing the supervisor's RHK."""
    peran_hasil = PeranHasil.objects.select_related("pegawai").get(pk=peran_id)
    rhk = _rhk_untuk_dibagi(user, peran_hasil.rhk_atasan_id)
    _periksa_skp_bawahan(rhk, peran_hasil.pegawai)
    catat(
        user,
        "skp_peran_dihapus",
        peran_hasil,
        selisih(nilai_field(peran_hasil, FIELD_AUDIT_PERAN), {}),
        label=f"{rhk.skp}: {peran_hasil}",
    )
    peran_hasil.delete()


@transaction.atomic
def susun_rhk_dari_peran(user, skp_id: int, peran_id: int) -> RencanaHasilKerja:
    """Draft an utama RHK of the ASN's SKP (draft or returned) from their role in the matrix: its text, citing the
    supervisor's RHK, whatever the state of the supervisor's SKP. The indicators proposed stay on the SKP page
    for the ASN to add with their targets. Once per supervisor's RHK."""
    skp = _skp_untuk_diubah(user, skp_id)
    peran_hasil = (
        PeranHasil.objects.select_related("rhk_atasan")
        .filter(pk=peran_id, pegawai_id=skp.pegawai_id, rhk_atasan__skp__tahun=skp.tahun)
        .first()
    )
    if peran_hasil is None:
        raise ValidationError(f"Peran hasil ini bukan untuk SKP {skp.tahun} {skp.pegawai.nama}.")
    if skp.rhk.filter(rhk_atasan_id=peran_hasil.rhk_atasan_id).exists():
        raise WrongState("SKP ini sudah memiliki RHK yang mengacu pada RHK atasan tersebut; ubah RHK itu bila perlu.")
    return simpan_rhk(
        user,
        skp.pk,
        uraian=peran_hasil.hasil,
        jenis=RencanaHasilKerja.Jenis.UTAMA,
        rhk_atasan_id=peran_hasil.rhk_atasan_id,
    )
