"""The plan: starting an SKP (empty or from last year's), its RHK and indicators, submitting, approving and
returning it. Each function is one transaction and checks role and state on the server."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from audit.services import catat, nilai_field, selisih
from core.errors import NotPermitted, WrongState
from kinerja.notifikasi.models import Notifikasi
from kinerja.notifikasi.services import beri_tahu, tandai_ditindaklanjuti
from kinerja.pegawai.models import Pegawai

from . import permissions as izin
from .models import PANJANG_EKSPEKTASI, EkspektasiPerilaku, PerilakuKerja
from .models_skp import SKP, IndikatorKinerja, RencanaHasilKerja, RiwayatSKP
from .services import tautan_skp, wajib_diisi

Tindakan = Notifikasi.Tindakan

# What the audit log keeps, old → new, when an RHK or an indicator is saved or deleted.
FIELD_AUDIT_RHK = ("uraian", "jenis", "rhk_atasan", "urutan")
FIELD_AUDIT_INDIKATOR = ("uraian", "aspek", "jenis_target", "target", "satuan", "target_kualitatif", "urutan")


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
    """Start an empty SKP (draft) for an ASN and year: the ASN or HR staff of their unit. A JPT's follows the JPT
    model (SKP.jenis_untuk)."""
    pegawai = Pegawai.objects.get(pk=pegawai_id)
    if not izin.can_plan_for(user, pegawai):
        raise NotPermitted("Hanya pegawai yang bersangkutan atau pengelola kinerja unitnya yang dapat membuat SKP.")
    if SKP.objects.filter(pegawai=pegawai, tahun=tahun).exists():
        raise ValidationError({"tahun": f"SKP tahun {tahun} untuk pegawai ini sudah ada."})
    skp = SKP.objects.create(pegawai=pegawai, tahun=tahun, jenis=SKP.jenis_untuk(pegawai.jenis_jabatan))
    RiwayatSKP.objects.create(skp=skp, oleh=user, ke_status=skp.status)
    catat(user, "skp_dibuat", skp, {"status": [None, skp.status]})
    return skp


@transaction.atomic
def simpan_lampiran_skp(user, skp_id: int, lampiran: dict[str, str]) -> SKP:
    """Write the SKP's annex (lampiran SKP, PermenPANRB 6/2022): dukungan sumber daya, skema pertanggungjawaban
    and konsekuensi (field → text; a part not given keeps its text), while the SKP is in draft or returned, by
    whoever may edit it. Each change is audited old → new."""
    skp = _skp_untuk_diubah(user, skp_id)
    # A JPT's SKP records with it the Perjanjian Kinerja its RHK come from.
    field = (*SKP.FIELD_LAMPIRAN, "perjanjian_kinerja") if skp.jpt else SKP.FIELD_LAMPIRAN
    tidak_dikenal = set(lampiran) - set(field)
    if tidak_dikenal:
        raise ValidationError(f"Bagian lampiran SKP tidak dikenal: {', '.join(sorted(tidak_dikenal))}.")
    lama = nilai_field(skp, field)
    galat = {}
    for nama, teks in lampiran.items():
        setattr(skp, nama, (teks or "").strip())
        batas = SKP._meta.get_field(nama).max_length
        if len(getattr(skp, nama)) > batas:
            galat[nama] = f"Paling panjang {batas} karakter."
    if galat:
        raise ValidationError(galat)
    perubahan = selisih(lama, nilai_field(skp, field))
    if perubahan:
        skp.save(update_fields=[*perubahan, "diperbarui"])
        catat(user, "skp_lampiran", skp, perubahan)
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
    tautan_baru = rhk.pk is None or rhk.rhk_atasan_id != rhk_atasan_id
    rhk.uraian, rhk.jenis, rhk.rhk_atasan_id = uraian, jenis, rhk_atasan_id
    if urutan is not None:
        rhk.urutan = urutan
    rhk.full_clean()
    if tautan_baru:
        # The supervisor's RHK as the ASN sees it now: the SKP page tells them if it is rewritten later.
        rhk.uraian_rhk_atasan = rhk.rhk_atasan.uraian if rhk.rhk_atasan_id else ""
    rhk.save()
    perubahan = selisih(lama, nilai_field(rhk, FIELD_AUDIT_RHK))
    if perubahan:
        catat(user, "skp_rhk_disimpan", rhk, perubahan, label=f"{skp}: {rhk}")
    if lama is not None and "uraian" in perubahan:
        _beri_tahu_bawahan(rhk, lama["uraian"])
    return rhk


def _beri_tahu_bawahan(rhk: RencanaHasilKerja, uraian_lama: str) -> None:
    """Tell each ASN whose RHK cites this one that their supervisor rewrote it (their SKP page shows both texts)."""
    for bawahan in rhk.rhk_bawahan.select_related("skp__pegawai__user"):
        beri_tahu(
            bawahan.skp.pegawai.user,
            f"RHK atasan yang Anda acu pada SKP {bawahan.skp.tahun} diubah",
            f"Sebelumnya: {uraian_lama}\nSekarang: {rhk.uraian}",
            tautan_skp(bawahan.skp),
        )


@transaction.atomic
def tinjau_rhk_atasan(user, rhk_id: int) -> RencanaHasilKerja:
    """The ASN (or HR of their unit) has read the supervisor's rewritten RHK that their RHK cites: the SKP page stops
    pointing at the change. Allowed in any state of the SKP, as it changes nothing in the plan."""
    rhk = (
        RencanaHasilKerja.objects.select_for_update(of=("self",))
        .select_related("skp__pegawai", "rhk_atasan")
        .get(pk=rhk_id)
    )
    if not izin.can_edit_skp(user, rhk.skp):
        raise NotPermitted(
            "Hanya pegawai yang bersangkutan atau pengelola kinerja unitnya yang dapat meninjau RHK ini."
        )
    if not rhk.rhk_atasan_berubah:
        raise WrongState("RHK atasan yang diacu tidak berubah sejak terakhir ditinjau.")
    lama = rhk.uraian_rhk_atasan
    rhk.uraian_rhk_atasan = rhk.rhk_atasan.uraian
    rhk.save(update_fields=["uraian_rhk_atasan"])
    catat(user, "skp_rhk_atasan_ditinjau", rhk, {"uraian_rhk_atasan": [lama, rhk.uraian_rhk_atasan]})
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
            "RHK ini sudah diacu oleh RHK bawahan, dipakai dalam evaluasi, atau memiliki progres harian, sehingga "
            "tidak dapat dihapus."
        ) from None


@transaction.atomic
def simpan_indikator(
    user,
    rhk_id: int,
    *,
    uraian: str,
    aspek: str,
    target=None,
    satuan: str = "",
    jenis_target: str = IndikatorKinerja.JenisTarget.KUANTITATIF,
    target_kualitatif: str = "",
    urutan: int | None = None,
    indikator_id: int | None = None,
) -> IndikatorKinerja:
    """Add an indicator to an RHK of an SKP in draft or returned, or edit one: its aspect and a quantitative target
    (number and unit) or a qualitative one (the expected result described)."""
    rhk = RencanaHasilKerja.objects.get(pk=rhk_id)
    skp = _skp_untuk_diubah(user, rhk.skp_id)
    lama = None
    if indikator_id is not None:
        indikator = IndikatorKinerja.objects.get(pk=indikator_id, rhk=rhk)
        lama = nilai_field(indikator, FIELD_AUDIT_INDIKATOR)
    else:
        indikator = IndikatorKinerja(rhk=rhk, urutan=urutan or rhk.indikator.count() + 1)
    indikator.uraian, indikator.aspek, indikator.target, indikator.satuan = uraian, aspek, target, satuan
    indikator.jenis_target, indikator.target_kualitatif = jenis_target, (target_kualitatif or "").strip()
    if urutan is not None:
        indikator.urutan = urutan
    indikator.full_clean()
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
    """Submit an SKP to the PPK: needs an utama RHK, an indicator on every RHK, and (when the PPK is on the roster,
    so has an SKP here) each utama RHK citing one of the PPK's RHK; a JPT's instead needs its Perjanjian Kinerja."""
    skp = _skp_untuk_diubah(user, skp_id)
    ppk = skp.pegawai.pejabat_penilai
    if ppk is None:
        raise WrongState(
            "Pegawai ini belum memiliki pejabat penilai kinerja (atasan langsung) yang dapat menyetujui SKP. "
            "Pengelola kinerja dapat menetapkannya di halaman pegawai."
        )
    daftar_rhk = list(skp.rhk.prefetch_related("indikator"))
    galat = []
    if not any(r.jenis == RencanaHasilKerja.Jenis.UTAMA for r in daftar_rhk):
        galat.append("SKP harus memiliki paling sedikit satu RHK utama.")
    for r in daftar_rhk:
        if not r.indikator.all():
            galat.append(f"RHK '{r}' belum memiliki indikator.")
        # A JPT's sasaran come from the unit's Perjanjian Kinerja, not from a supervisor's RHK on the roster.
        if (
            r.jenis == RencanaHasilKerja.Jenis.UTAMA
            and r.rhk_atasan_id is None
            and not ppk.di_luar_roster
            and not skp.jpt
        ):
            galat.append(f"RHK utama '{r}' belum mengacu pada RHK atasan.")
    if skp.jpt and not skp.perjanjian_kinerja:
        galat.append(
            "SKP JPT harus mencantumkan Perjanjian Kinerja yang menjadi dasar sasaran strategisnya (Ubah lampiran)."
        )
    if galat:
        raise ValidationError(galat)
    dari = skp.status
    skp.status = SKP.Status.DIAJUKAN
    skp.diajukan_pada = timezone.now()
    skp.alasan_pengembalian = ""
    skp.save()
    RiwayatSKP.objects.create(skp=skp, oleh=user, dari_status=dari, ke_status=skp.status)
    catat(user, "skp_diajukan", skp, {"status": [dari, skp.status]})
    tautan = tautan_skp(skp)
    tandai_ditindaklanjuti(user, Tindakan.AJUKAN_SKP, tautan)
    beri_tahu(ppk.user, f"SKP {skp.tahun} {skp.pegawai.nama} diajukan", tautan=tautan, tindakan=Tindakan.TINJAU_SKP)
    return skp


def _skp_untuk_ditinjau(user, skp_id: int, *, atas_nama: bool = False) -> SKP:
    skp = (
        SKP.objects.select_for_update(of=("self",))
        .select_related("pegawai__user", "pegawai__penilai_luar")
        .get(pk=skp_id)
    )
    if atas_nama and not izin.can_review_skp_on_behalf(user, skp):
        raise NotPermitted(
            "Hanya pengelola kinerja unit pegawai yang dapat mencatat persetujuan pejabat penilai di luar daftar "
            "pegawai."
        )
    if not atas_nama and not izin.can_review_skp(user, skp):
        raise NotPermitted("Hanya pejabat penilai kinerja pegawai yang dapat menyetujui atau mengembalikan SKP.")
    if skp.status != SKP.Status.DIAJUKAN:
        raise WrongState(f"SKP berstatus {skp.get_status_display()} tidak sedang menunggu persetujuan.")
    return skp


@transaction.atomic
def setujui_skp(user, skp_id: int, *, atas_nama: bool = False, berkas_persetujuan=None) -> SKP:
    """Approve a submitted SKP: the ASN's PPK; or (atas_nama) HR of the unit recording the approval of a PPK outside
    the roster from the signed SKP, which is kept with it and named in the history."""
    if atas_nama and not berkas_persetujuan:
        raise ValidationError({"berkas_persetujuan": "Unggah SKP yang telah ditandatangani pejabat penilai kinerja."})
    skp = _skp_untuk_ditinjau(user, skp_id, atas_nama=atas_nama)
    alasan = ""
    if atas_nama:
        skp.berkas_persetujuan = berkas_persetujuan
        try:
            skp.full_clean(exclude=[f.name for f in SKP._meta.fields if f.name != "berkas_persetujuan"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict) from None
        alasan = (
            f"Persetujuan {skp.pegawai.penilai_luar.nama} dicatat oleh pengelola kinerja berdasarkan SKP "
            "bertanda tangan."
        )
    skp.status = SKP.Status.DISETUJUI
    skp.disetujui_oleh = user
    skp.disetujui_pada = timezone.now()
    skp.save()
    RiwayatSKP.objects.create(skp=skp, oleh=user, dari_status=SKP.Status.DIAJUKAN, ke_status=skp.status, alasan=alasan)
    catat(user, "skp_disetujui", skp, {"status": [SKP.Status.DIAJUKAN, skp.status]}, uraian=alasan)
    tautan = tautan_skp(skp)
    tandai_ditindaklanjuti(user, Tindakan.TINJAU_SKP, tautan)
    beri_tahu(skp.pegawai.user, f"SKP {skp.tahun} Anda disetujui", tautan=tautan)
    return skp


@transaction.atomic
def kembalikan_skp(user, skp_id: int, alasan: str) -> SKP:
    """Return a submitted SKP to the ASN with a reason: the ASN's PPK only."""
    alasan = wajib_diisi(alasan, "alasan", "Alasan pengembalian SKP wajib diisi.")
    skp = _skp_untuk_ditinjau(user, skp_id)
    skp.status = SKP.Status.DIKEMBALIKAN
    skp.alasan_pengembalian = alasan
    skp.save()
    RiwayatSKP.objects.create(skp=skp, oleh=user, dari_status=SKP.Status.DIAJUKAN, ke_status=skp.status, alasan=alasan)
    catat(user, "skp_dikembalikan", skp, {"status": [SKP.Status.DIAJUKAN, skp.status]}, uraian=alasan)
    tautan = tautan_skp(skp)
    tandai_ditindaklanjuti(user, Tindakan.TINJAU_SKP, tautan)
    beri_tahu(skp.pegawai.user, f"SKP {skp.tahun} Anda dikembalikan", alasan, tautan, tindakan=Tindakan.AJUKAN_SKP)
    return skp


@transaction.atomic
def salin_skp_tahun_lalu(user, pegawai_id: int, tahun: int) -> SKP:
    """Start this year's SKP (draft) as a copy of last year's RHK, indicators and annex. Links to the supervisor's RHK
    are not copied: they must point at the supervisor's SKP of the new year, so the ASN chooses them again."""
    sumber = SKP.objects.filter(pegawai_id=pegawai_id, tahun=tahun - 1).first()
    if sumber is None:
        raise ValidationError({"tahun": f"Tidak ada SKP tahun {tahun - 1} untuk disalin."})
    skp = buat_skp(user, pegawai_id, tahun)
    # The annex comes along: the resources, the accounting and the consequences seldom change from year to year.
    for nama in SKP.FIELD_LAMPIRAN:
        setattr(skp, nama, getattr(sumber, nama))
    skp.save(update_fields=SKP.FIELD_LAMPIRAN)
    daftar_rhk = list(sumber.rhk.prefetch_related("indikator"))
    salinan = RencanaHasilKerja.objects.bulk_create(
        [RencanaHasilKerja(skp=skp, jenis=r.jenis, uraian=r.uraian, urutan=r.urutan) for r in daftar_rhk]
    )
    indikator = IndikatorKinerja.objects.bulk_create(
        [
            IndikatorKinerja(
                rhk=baru,
                uraian=i.uraian,
                aspek=i.aspek,
                jenis_target=i.jenis_target,
                target=i.target,
                satuan=i.satuan,
                target_kualitatif=i.target_kualitatif,
                urutan=i.urutan,
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


@transaction.atomic
def tetapkan_ekspektasi(user, skp_id: int, ekspektasi: dict[str, str]) -> SKP:
    """Set the appraiser's ekspektasi khusus pimpinan on the SKP's BerAKHLAK values (value code → text; an empty
    text removes it): the ASN's PPK only, in any state of the SKP, as the year's expectations may be set when it is
    approved or later. Each change is audited; the ASN is told."""
    skp = SKP.objects.select_for_update(of=("self",)).select_related("pegawai__user").get(pk=skp_id)
    if not izin.can_review_skp(user, skp):
        raise NotPermitted("Hanya pejabat penilai kinerja pegawai yang dapat menetapkan ekspektasi khusus pimpinan.")
    tidak_dikenal = set(ekspektasi) - set(PerilakuKerja.Nilai.values)
    if tidak_dikenal:
        raise ValidationError(f"Nilai BerAKHLAK tidak dikenal: {', '.join(sorted(tidak_dikenal))}.")
    lama = {e.nilai: e for e in skp.ekspektasi.all()}
    perubahan = {}
    for nilai in PerilakuKerja.Nilai:
        teks = (ekspektasi.get(nilai.value) or "").strip()
        if len(teks) > PANJANG_EKSPEKTASI:
            raise ValidationError({nilai.value: f"Ekspektasi paling panjang {PANJANG_EKSPEKTASI} karakter."})
        sebelum = lama[nilai].ekspektasi if nilai in lama else ""
        if teks == sebelum:
            continue
        perubahan[nilai.label] = [sebelum, teks]
        if teks:
            EkspektasiPerilaku.objects.update_or_create(
                skp=skp,
                nilai=nilai,
                defaults={"ekspektasi": teks, "ditetapkan_oleh": user, "ditetapkan_pada": timezone.now()},
            )
        else:
            lama[nilai].delete()
    if perubahan:
        catat(user, "skp_ekspektasi", skp, perubahan)
        beri_tahu(
            skp.pegawai.user,
            f"Ekspektasi khusus pimpinan pada SKP {skp.tahun} Anda ditetapkan",
            tautan=tautan_skp(skp),
        )
    return skp
