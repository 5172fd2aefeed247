"""Writes of the rules app: rules, applying them to a period, deciding outcomes, attendance and imports.

Each function is one transaction, checks the role on the server, and leaves an audit log entry. Refusals use
core.errors (NotPermitted for the role, WrongState for the state) and ValidationError.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from audit.models import LogAudit
from audit.services import catat, selisih
from core.errors import NotPermitted, WrongState
from kinerja.models import Notifikasi, Pegawai, Periode, UnitKerja
from kinerja.pegawai.services import ganti_lembar_pratinjau, simpan_pratinjau

from . import impor
from . import permissions as izin
from . import selectors as sel
from .models import (
    Aturan,
    BarisDaftarTPP,
    BesaranTPP,
    DaftarTPP,
    ImporFakta,
    Konsekuensi,
    PengaturanTPP,
    RekapKehadiran,
    RekapPelatihan,
    periksa_rekap,
)

Status = Konsekuensi.Status


# --- rules ---------------------------------------------------------------------------------------------------


@transaction.atomic
def simpan_aturan(user, aturan: Aturan) -> Aturan:
    """Create or change a rule (administrators); checked by Aturan.clean, and a new version when what it
    decides changes, so outcomes already recorded name the version that produced them."""
    if not izin.can_manage_rules(user):
        raise NotPermitted("Hanya administrator yang dapat mengubah aturan penghargaan dan sanksi.")
    aturan.full_clean()
    sebelum = None
    if aturan.pk:
        lama = Aturan.objects.select_for_update().get(pk=aturan.pk)
        sebelum = lama.sebagai_data()
        aturan.versi = lama.versi
        if any(sebelum[f] != aturan.sebagai_data()[f] for f in Aturan.FIELD_KEPUTUSAN):
            aturan.versi = lama.versi + 1
    aturan.diubah_oleh = user
    aturan.save()
    sesudah = aturan.sebagai_data()
    if sebelum is None:
        aksi = "aturan_dibuat"
    elif sebelum["aktif"] != sesudah["aktif"]:
        aksi = "aturan_diaktifkan" if aturan.aktif else "aturan_dinonaktifkan"
    else:
        aksi = "aturan_diubah"
    catat(user, aksi, aturan, selisih(sebelum, sesudah), label=f"{aturan.nama} (versi {aturan.versi})")
    return aturan


# --- applying rules to a period ------------------------------------------------------------------------------


@dataclass
class HasilPenerapan:
    rencana: sel.RencanaPenerapan
    dry_run: bool
    dicatat: list = field(default_factory=list)  # Konsekuensi created

    @property
    def baru(self):
        return len(self.rencana.baru)

    @property
    def tetap(self):
        return len(self.rencana.tetap)

    @property
    def digantikan(self):
        return len(self.rencana.diganti)


def _awal_bulan_berikut(tanggal: datetime.date) -> datetime.date:
    return datetime.date(tanggal.year + tanggal.month // 12, tanggal.month % 12 + 1, 1)


@transaction.atomic
def terapkan_aturan(
    user, periode_id: int, *, pegawai_ids=None, konfirmasi_belum_final: bool = False, dry_run: bool = False
) -> HasilPenerapan:
    """Apply the active rules to a period (all active ASN, or `pegawai_ids`): record new outcomes as proposals,
    keep those already recorded, and mark superseded those the rules no longer yield. Never deletes.

    `user` None is the system (the task after finalisation). A period that is not final is refused unless an
    administrator confirms explicitly. The period row is locked, so two runs at once record once; the unique
    constraint on live outcomes backs this up. `dry_run` returns the preview and writes nothing.
    """
    if user is not None and not izin.can_manage_rules(user):
        raise NotPermitted("Hanya administrator yang dapat menerapkan aturan pada periode.")
    periode = Periode.objects.select_for_update().get(pk=periode_id)
    rencana = sel.rencana_penerapan(periode, pegawai_ids)
    hasil = HasilPenerapan(rencana=rencana, dry_run=dry_run)
    if dry_run:
        return hasil
    if not rencana.final and not (user is not None and konfirmasi_belum_final):
        raise WrongState(
            f"Periode {periode} belum final: masih ada evaluasi yang belum difinalkan. Terapkan setelah "
            "finalisasi, atau centang konfirmasi untuk tetap menerapkan (administrator)."
        )
    sekarang = timezone.now()
    potongan_mulai = _awal_bulan_berikut(periode.selesai)
    baru = []
    for b, h in rencana.baru:
        persen, bulan = h.aturan.potongan()
        baru.append(
            Konsekuensi(
                pegawai=b.pegawai,
                periode=periode,
                aturan=h.aturan,
                aturan_versi=h.aturan.versi,
                aturan_data=h.aturan.sebagai_data(),
                kode=h.kode,
                jenis=h.aturan.jenis,
                bukti={"pemicu": h.pemicu, "metrik": _metrik_bukti(b.metrik)},
                persen_potongan=persen,
                bulan_potongan=bulan,
                potongan_mulai=potongan_mulai if persen else None,
                dibuat=sekarang,
                dibuat_oleh=user,
            )
        )
    hasil.dicatat = Konsekuensi.objects.bulk_create(baru)
    id_baru = {(k.pegawai_id, k.aturan_id): k.pk for k in hasil.dicatat}
    status_lama = {k.pk: k.status for k, _ in rencana.diganti}
    for k, pengganti in rencana.diganti:
        k.status = Status.DIGANTIKAN
        k.digantikan_oleh_id = id_baru.get(pengganti) if pengganti else None
        k.digantikan_pada = sekarang
    Konsekuensi.objects.bulk_update([k for k, _ in rencana.diganti], ["status", "digantikan_oleh", "digantikan_pada"])
    # One entry per outcome (each has its own history page), plus one summary of the run.
    LogAudit.objects.bulk_create(
        [
            *(
                catat(
                    user,
                    "konsekuensi_diusulkan",
                    k,
                    {"status": [None, k.status]},
                    label=f"{k.label} — {k.pegawai}",
                    pada=sekarang,
                    simpan=False,
                )
                for k in hasil.dicatat
            ),
            *(
                catat(
                    user,
                    "konsekuensi_digantikan",
                    k,
                    {"status": [status_lama[k.pk], k.status]},
                    label=f"{k.label} — {k.pegawai}",
                    ringkasan={"digantikan_oleh": k.digantikan_oleh_id},
                    pada=sekarang,
                    simpan=False,
                )
                for k, _ in rencana.diganti
            ),
            catat(
                user,
                "aturan_diterapkan",
                periode,
                uraian=f"{periode}: {hasil.baru} baru, {hasil.tetap} tetap, {hasil.digantikan} digantikan"
                + ("" if rencana.final else " (periode belum final, dikonfirmasi)"),
                ringkasan={
                    "baru": hasil.baru,
                    "tetap": hasil.tetap,
                    "digantikan": hasil.digantikan,
                    "pegawai_ids": list(pegawai_ids) if pegawai_ids is not None else None,
                },
                pada=sekarang,
                simpan=False,
            ),
        ]
    )
    return hasil


def _metrik_bukti(metrik: dict) -> dict:
    """The metrics as evidence: the period's values and each earlier period's, JSON-ready."""
    bukti = {k: v for k, v in metrik.items() if k not in ("riwayat", "diberikan_tahun_ini")}
    if metrik.get("riwayat"):
        bukti["riwayat"] = metrik["riwayat"]
    return bukti


# --- deciding outcomes ---------------------------------------------------------------------------------------


@transaction.atomic
def putuskan_konsekuensi(user, konsekuensi_id: int, *, setujui: bool, alasan: str) -> Konsekuensi:
    """Approve or reject a proposed outcome, with a reason (administrators). An approved outcome is shown to
    the ASN and their supervisor, who are notified."""
    if not izin.can_decide(user):
        raise NotPermitted("Hanya administrator yang dapat menyetujui atau menolak konsekuensi.")
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan keputusan wajib diisi."})
    k = (
        Konsekuensi.objects.select_for_update(of=("self",))
        .select_related("pegawai__user", "pegawai__atasan__user", "periode")
        .get(pk=konsekuensi_id)
    )
    if k.status != Status.USULAN:
        raise WrongState(f"Konsekuensi berstatus {k.get_status_display()} tidak dapat diputuskan lagi.")
    status_lama = k.status
    k.status = Status.DISETUJUI if setujui else Status.DITOLAK
    k.diputuskan_oleh, k.diputuskan_pada, k.alasan_keputusan = user, timezone.now(), alasan
    k.save(update_fields=["status", "diputuskan_oleh", "diputuskan_pada", "alasan_keputusan"])
    catat(
        user,
        "konsekuensi_disetujui" if setujui else "konsekuensi_ditolak",
        k,
        {"status": [status_lama, k.status]},
        label=f"{k.label} — {k.pegawai}",
        uraian=alasan,
    )
    if setujui:
        penerima = [(k.pegawai.user, f"Konsekuensi {k.periode}: {k.label}")]
        if k.pegawai.atasan and k.pegawai.atasan.user:
            penerima.append((k.pegawai.atasan.user, f"Konsekuensi untuk {k.pegawai.nama}: {k.label}"))
        Notifikasi.objects.bulk_create(
            Notifikasi(penerima=u, judul=judul, pesan=alasan, tautan=reverse("evaluasi:konsekuensi_saya"))
            for u, judul in penerima
            if u
        )
    return k


# --- attendance ----------------------------------------------------------------------------------------------


@transaction.atomic
def simpan_kehadiran(user, pegawai_id: int, tahun: int, bulan: int, nilai: dict) -> RekapKehadiran:
    """Enter or correct one ASN's monthly attendance (HR staff of the ASN's unit, or an administrator)."""
    pegawai = Pegawai.objects.get(pk=pegawai_id)
    if not izin.can_enter_attendance(user, pegawai):
        raise NotPermitted("Anda hanya dapat mengisi kehadiran pegawai di unit kerja yang Anda kelola.")
    galat = periksa_rekap(nilai)
    if galat:
        raise ValidationError(galat)
    rekap = RekapKehadiran.objects.select_for_update().filter(pegawai=pegawai, tahun=tahun, bulan=bulan).first()
    sebelum = {f: getattr(rekap, f) for f in RekapKehadiran.ANGKA} if rekap else None
    rekap = rekap or RekapKehadiran(pegawai=pegawai, tahun=tahun, bulan=bulan)
    for f in RekapKehadiran.ANGKA:
        setattr(rekap, f, nilai.get(f) or 0)
    rekap.sumber, rekap.diperbarui_oleh = RekapKehadiran.Sumber.MANUAL, user
    rekap.full_clean()
    rekap.save()
    catat(
        user,
        "kehadiran_diubah" if sebelum else "kehadiran_diisi",
        rekap,
        selisih(sebelum, {f: getattr(rekap, f) for f in RekapKehadiran.ANGKA}),
        label=f"{pegawai} {bulan:02d}/{tahun}",
    )
    return rekap


# --- attendance and training imports: upload → preview → confirm --------------------------------------------


def _snapshot_fakta(user, jenis: str) -> impor.SnapshotFakta:
    """The roster (nip → id, name, writable by this user) and a loader of the rows the file's months touch."""
    boleh = set(izin.pegawai_dikelola(user).values_list("id", flat=True))
    pegawai = {nip: (pk, nama, pk in boleh) for pk, nip, nama in Pegawai.objects.values_list("id", "nip", "nama")}

    def muat(periode):
        q = Q(pk__in=[])
        for kunci in periode:
            q |= Q(tahun=kunci[0], bulan=kunci[1]) if jenis == impor.KEHADIRAN else Q(tahun=kunci[0])
        if jenis == impor.KEHADIRAN:
            qs = RekapKehadiran.objects.filter(q).values("id", "pegawai_id", "tahun", "bulan", *RekapKehadiran.ANGKA)
            return {(r["pegawai_id"], r["tahun"], r["bulan"]): r for r in qs}
        qs = RekapPelatihan.objects.filter(q).values("id", "pegawai_id", "tahun", "jp")
        return {(r["pegawai_id"], r["tahun"]): r for r in qs}

    return impor.SnapshotFakta(pegawai=pegawai, muat=muat)


def buat_impor(user, jenis: str, berkas) -> ImporFakta:
    """Store an uploaded attendance or training file and record its preview; nothing else is written."""
    if not izin.can_import_facts(user):
        raise NotPermitted("Hanya pengelola kinerja dan administrator yang dapat mengimpor data kehadiran.")
    job = ImporFakta(jenis=jenis, dibuat_oleh=user, nama_berkas=berkas.name[:255])
    return simpan_pratinjau(job, berkas.name, berkas.read(), _perencana(user, jenis))


def _perencana(user, jenis: str):
    def rencanakan(nama, data, lembar):
        return impor.rencanakan(jenis, impor.baca_berkas(jenis, nama, data, lembar), _snapshot_fakta(user, jenis))

    return rencanakan


@transaction.atomic
def pilih_lembar_impor(user, job_id: int, lembar: str) -> ImporFakta:
    """Read another sheet of a previewed file: a new preview, and the sheet the confirmation imports."""
    if not izin.can_import_facts(user):
        raise NotPermitted("Hanya pengelola kinerja dan administrator yang dapat mengimpor data kehadiran.")
    job = ImporFakta.objects.select_for_update().get(pk=job_id, dibuat_oleh=user)
    return ganti_lembar_pratinjau(job, lembar, _perencana(user, job.jenis))


@transaction.atomic
def konfirmasi_impor(user, job_id: int) -> ImporFakta:
    """Write a previewed file: all rows or none. The file is checked again against the database as it is now;
    a second confirmation changes nothing. Re-importing the same file changes nothing either."""
    if not izin.can_import_facts(user):
        raise NotPermitted("Hanya pengelola kinerja dan administrator yang dapat mengimpor data kehadiran.")
    job = ImporFakta.objects.select_for_update().get(pk=job_id, dibuat_oleh=user)
    if job.status != ImporFakta.Status.PRATINJAU or job.galat:
        return job
    with job.berkas.open("rb") as f:
        data = f.read()
    tabel = impor.baca_berkas(job.jenis, job.nama_berkas, data, job.lembar, job.enkoding)
    rencana = impor.rencanakan(job.jenis, tabel, _snapshot_fakta(user, job.jenis))
    job.selesai = timezone.now()
    if rencana.galat:
        job.status, job.galat = ImporFakta.Status.GAGAL, [g.as_dict() for g in rencana.galat]
        job.save()
        return job
    fmt = impor.FORMAT[job.jenis]
    if job.jenis == impor.KEHADIRAN:
        model, tambahan = RekapKehadiran, {"sumber": RekapKehadiran.Sumber.IMPOR, "diperbarui_oleh": user}
    else:
        model, tambahan = RekapPelatihan, {"diperbarui_oleh": user}
    kolom = (*fmt.kunci, *fmt.field)
    model.objects.bulk_create(
        [model(pegawai_id=b["pegawai_id"], **{k: b[k] for k in kolom}, **tambahan) for b in rencana.baru],
        batch_size=1000,
    )
    model.objects.bulk_update(
        [
            model(pk=pk, **{k: b[k] for k in fmt.field}, **tambahan, diperbarui=job.selesai)
            for b, _, pk in rencana.diubah
        ],
        [*fmt.field, *tambahan, "diperbarui"],
        batch_size=1000,
    )
    job.status, job.ringkasan, job.jumlah_baris = ImporFakta.Status.SELESAI, rencana.ringkasan(), rencana.jumlah_baris
    job.save()
    catat(
        user,
        "impor_dikonfirmasi",
        job,
        label=f"{job.get_jenis_display()} {job.nama_berkas}",
        uraian=f"{job.get_jenis_display()} {job.nama_berkas}: {len(rencana.baru)} baru, {len(rencana.diubah)} diubah",
        ringkasan={"berkas": job.nama_berkas, "baru": len(rencana.baru), "diubah": len(rencana.diubah)},
    )
    return job


# --- TPP -----------------------------------------------------------------------------------------------------


def kunci_tpp(user, unit_id: int, tahun: int, bulan: int, alasan: str = "") -> DaftarTPP:
    """Lock an OPD's TPP list of a month as computed now: version 1, or (with a reason) a new version after an
    earlier lock, which stays as it was. All or nothing; audited."""
    if not izin.can_lock_tpp(user, unit_id):
        raise NotPermitted("Hanya pengelola kepegawaian OPD ini atau administrator yang dapat mengunci daftar TPP.")
    unit = UnitKerja.objects.select_related("induk").get(pk=unit_id)
    if not sel.adalah_opd(unit):
        raise WrongState(f"Daftar TPP dikunci per OPD; {unit.nama} bukan OPD. Pilih OPD induknya.")
    if datetime.date(tahun, bulan, 1) > timezone.localdate():
        raise WrongState("Daftar TPP bulan yang belum dimulai tidak dapat dikunci.")
    alasan = (alasan or "").strip()
    with transaction.atomic():
        terakhir = (
            DaftarTPP.objects.select_for_update()
            .filter(unit_id=unit_id, tahun=tahun, bulan=bulan)
            .order_by("-versi")
            .first()
        )
        if terakhir and not alasan:
            raise ValidationError(
                {"alasan": f"Daftar bulan ini sudah dikunci (versi {terakhir.versi}). Tulis alasan hitung ulang."}
            )
        baris = sel.tabel_tpp(unit_id, tahun, bulan)
        pengaturan = PengaturanTPP.aktif()
        daftar = DaftarTPP.objects.create(
            unit_id=unit_id,
            tahun=tahun,
            bulan=bulan,
            versi=terakhir.versi + 1 if terakhir else 1,
            alasan=alasan if terakhir else "",
            pengaturan={
                "pengaturan": {f.name: getattr(pengaturan, f.name) for f in PengaturanTPP._meta.concrete_fields},
                "besaran": dict(BesaranTPP.objects.filter(tahun=tahun).values_list("kelas_jabatan", "besaran")),
            },
            jumlah_pegawai=len(baris),
            jumlah_diterima=sum((b.rincian.diterima for b in baris if b.rincian), 0),
            dikunci_oleh=user,
        )
        BarisDaftarTPP.objects.bulk_create([BarisDaftarTPP.dari(b, daftar) for b in baris], batch_size=2000)
        catat(
            user,
            "tpp_dihitung_ulang" if terakhir else "tpp_dikunci",
            daftar,
            uraian=f"{daftar}: {daftar.jumlah_pegawai} pegawai, bersih Rp{daftar.jumlah_diterima}"
            + (f". Alasan: {alasan}" if terakhir else ""),
        )
    return daftar
