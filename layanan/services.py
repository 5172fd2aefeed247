"""Writes and state changes of public-service requests.

Every function is one transaction and checks on the server who acts (role) and what the request's state
allows, refusing with the shared exceptions: NotPermitted (role), WrongState (state), and Django's
ValidationError keyed by field (input). Each move is logged in RiwayatPermohonan with who, when and note.
"""

import secrets
from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.errors import NotPermitted, WrongState
from core.files import validate_evidence_file
from kinerja.models import Notifikasi, UnitKerja
from kinerja.pegawai.permissions import peran
from kinerja.pegawai.telepon import normalisasi_telepon

from . import ikm
from .models import BerkasPersyaratan, JenisLayanan, PenghitungTiket, Permohonan, RiwayatPermohonan, SurveiKepuasan
from .nik import normalisasi_nik
from .permissions import can_serve, jenis_layanan_loket
from .selectors import kalender_kerja

Status = Permohonan.Status

# The request's transition table: target state → the states it may be reached from. Roles: permissions.can_serve.
TRANSISI = {
    Status.DIPROSES: (Status.DITERIMA, Status.MENUNGGU_PEMOHON),
    Status.MENUNGGU_PEMOHON: (Status.DIPROSES,),
    Status.SELESAI: (Status.DIPROSES,),
    Status.DITOLAK: (Status.DITERIMA, Status.DIPROSES, Status.MENUNGGU_PEMOHON),
}


class SurveiTidakBerlaku(WrongState):
    """The survey link is unknown, already used, or its request is not completed."""


def status_berikutnya(permohonan: Permohonan) -> list[str]:
    """The states the request may move to now, in the order the page offers them."""
    return [ke for ke, asal in TRANSISI.items() if permohonan.status in asal]


def _nomor_tiket(jenis: JenisLayanan, tanggal) -> str:
    """The next ticket number of a service on a date, e.g. KTP-250303-0007.

    The day's counter row is created if missing (ON CONFLICT DO NOTHING: two first requests may race to
    create it), then locked with SELECT … FOR UPDATE, so officers saving at the same instant queue on the row
    and each takes the next number; the lock is held until the request itself is saved.
    """
    PenghitungTiket.objects.bulk_create([PenghitungTiket(jenis_layanan=jenis, tanggal=tanggal)], ignore_conflicts=True)
    penghitung = PenghitungTiket.objects.select_for_update().get(jenis_layanan=jenis, tanggal=tanggal)
    penghitung.terakhir += 1
    penghitung.save(update_fields=["terakhir"])
    return f"{jenis.kode}-{tanggal:%y%m%d}-{penghitung.terakhir:04d}"


def _data_pemohon(nik: str, telepon: str, email: str) -> tuple[str, str]:
    """The applicant's NIK and phone number as stored, or a ValidationError by field."""
    try:
        nik = normalisasi_nik(nik, hari_ini=timezone.localdate())
    except ValueError as e:
        raise ValidationError({"nik": str(e)}) from None
    if not (telepon.strip() or email.strip()):
        raise ValidationError({"telepon": "Isi nomor HP atau email agar pemohon dapat dihubungi."})
    try:
        telepon = normalisasi_telepon(telepon) if telepon.strip() else ""
    except ValueError as e:
        raise ValidationError({"telepon": str(e)}) from None
    return nik, telepon


def _buat(jenis: JenisLayanan, *, oleh, petugas, kanal, nama_pemohon, nik, telepon, email) -> Permohonan:
    if not jenis.aktif:
        raise WrongState(f"Layanan {jenis.nama} sedang tidak dibuka.")
    nik, telepon = _data_pemohon(nik, telepon, email)
    sekarang = timezone.now()
    permohonan = Permohonan.objects.create(
        nomor_tiket=_nomor_tiket(jenis, timezone.localdate(sekarang)),
        jenis_layanan=jenis,
        nama_pemohon=nama_pemohon.strip(),
        nik=nik,
        telepon=telepon,
        email=email.strip(),
        kanal=kanal,
        petugas=petugas,
        diterima_pada=sekarang,
        batas_waktu=kalender_kerja().batas_waktu(sekarang, jenis.sla_jumlah, jenis.sla_satuan),
    )
    RiwayatPermohonan.objects.create(permohonan=permohonan, ke_status=Status.DITERIMA, oleh=oleh, pada=sekarang)
    return permohonan


def field_persyaratan(nomor: int) -> str:
    """The form field (and error key) of the service's requirement number `nomor` (0-based)."""
    return f"persyaratan_{nomor}"


def _periksa_berkas(jenis: JenisLayanan, berkas: Mapping[int, object]) -> list[tuple[str, object]]:
    """(requirement, upload) pairs, or a ValidationError naming every bad file by its field: nothing is stored
    before all of them pass (size, extension and content, as evidence files)."""
    persyaratan = jenis.daftar_persyaratan
    galat, pasangan = {}, []
    for nomor, upload in sorted(berkas.items()):
        if not 0 <= nomor < len(persyaratan):
            galat[field_persyaratan(nomor)] = "Layanan ini tidak meminta berkas tersebut."
            continue
        try:
            validate_evidence_file(upload)
        except ValidationError as e:
            galat[field_persyaratan(nomor)] = e.messages
            continue
        pasangan.append((persyaratan[nomor], upload))
    if galat:
        raise ValidationError(galat)
    return pasangan


@transaction.atomic
def ajukan_daring(
    *,
    jenis_layanan: JenisLayanan,
    nama_pemohon: str,
    nik: str,
    telepon="",
    email="",
    berkas: Mapping[int, object] | None = None,
) -> Permohonan:
    """A citizen's request from the public form: no officer yet; the first officer who takes it up handles it.

    `berkas` maps a requirement's number (its line in JenisLayanan.persyaratan, from 0) to its uploaded document.
    One bad file refuses the whole request; a file stored before a later failure is removed again.
    """
    pasangan = _periksa_berkas(jenis_layanan, berkas or {})
    permohonan = _buat(
        jenis_layanan,
        oleh=None,
        petugas=None,
        kanal=Permohonan.Kanal.DARING,
        nama_pemohon=nama_pemohon,
        nik=nik,
        telepon=telepon,
        email=email,
    )
    tersimpan = []
    try:
        for persyaratan, upload in pasangan:
            baris = BerkasPersyaratan(permohonan=permohonan, persyaratan=persyaratan[:300])
            baris.berkas.save(upload.name.rsplit("/", 1)[-1], upload, save=False)
            tersimpan.append(baris.berkas.name)
            baris.save()
    except Exception:
        # The rows roll back with the transaction; the files already written would stay behind.
        for nama in tersimpan:
            BerkasPersyaratan._meta.get_field("berkas").storage.delete(nama)
        raise
    return permohonan


@transaction.atomic
def catat_di_loket(
    user, *, jenis_layanan: JenisLayanan, nama_pemohon: str, nik: str, telepon="", email="", kanal=None
) -> Permohonan:
    """A request taken at the desk (or by phone or WhatsApp) by a Petugas Layanan of the unit offering it."""
    if not jenis_layanan_loket(user).filter(pk=jenis_layanan.pk).exists():
        raise NotPermitted("Hanya petugas layanan unit penyelenggara yang dapat mencatat permohonan ini.")
    kanal = kanal or Permohonan.Kanal.LOKET
    if kanal == Permohonan.Kanal.DARING:
        raise ValidationError({"kanal": "Permohonan daring diajukan sendiri oleh pemohon."})
    return _buat(
        jenis_layanan,
        oleh=user,
        petugas=peran(user).pegawai,
        kanal=kanal,
        nama_pemohon=nama_pemohon,
        nik=nik,
        telepon=telepon,
        email=email,
    )


@transaction.atomic
def ubah_status(user, permohonan_id: int, ke: str, catatan: str = "") -> Permohonan:
    """Move a request to another state (an officer of the unit offering the service).

    Waiting for the applicant stops the SLA clock; resuming moves the deadline by the office time that
    passed meanwhile. Completion issues the one-time survey link; rejection needs a reason.
    """
    permohonan = (
        Permohonan.objects.select_for_update(of=("self",)).select_related("jenis_layanan").get(pk=permohonan_id)
    )
    if not can_serve(user, permohonan):
        raise NotPermitted("Hanya petugas layanan unit penyelenggara yang dapat mengubah status permohonan ini.")
    if ke not in TRANSISI or permohonan.status not in TRANSISI[ke]:
        raise WrongState(
            f"Permohonan berstatus {permohonan.get_status_display()} tidak dapat diubah menjadi "
            f"{Status(ke).label if ke in Status.values else ke}."
        )
    catatan = catatan.strip()
    if ke == Status.DITOLAK and not catatan:
        raise ValidationError({"catatan": "Alasan penolakan wajib diisi."})
    sekarang = timezone.now()
    dari = permohonan.status
    if dari == Status.MENUNGGU_PEMOHON:
        kalender = kalender_kerja()
        jeda = kalender.durasi_kerja(permohonan.jeda_sejak, sekarang)
        permohonan.batas_waktu = kalender.tambah_waktu_kerja(permohonan.batas_waktu, jeda)
        permohonan.jeda_sejak = None
    if ke == Status.MENUNGGU_PEMOHON:
        permohonan.jeda_sejak = sekarang
    elif ke == Status.SELESAI:
        permohonan.selesai_pada = sekarang
        permohonan.token_survei = secrets.token_urlsafe(32)
    elif ke == Status.DITOLAK:
        permohonan.selesai_pada = sekarang
        permohonan.alasan_penolakan = catatan
    if permohonan.petugas_id is None:
        permohonan.petugas = peran(user).pegawai
    permohonan.status = ke
    permohonan.save()
    RiwayatPermohonan.objects.create(
        permohonan=permohonan, dari_status=dari, ke_status=ke, oleh=user, pada=sekarang, catatan=catatan
    )
    return permohonan


@transaction.atomic
def isi_survei(token: str, jawaban: Sequence[int], saran: str = "") -> SurveiKepuasan:
    """Record the applicant's satisfaction survey through the one-time link of a completed request."""
    permohonan = Permohonan.objects.select_for_update().filter(token_survei=token).first() if token else None
    if permohonan is None or permohonan.status != Status.SELESAI:
        raise SurveiTidakBerlaku("Tautan survei tidak berlaku atau sudah digunakan.")
    jawaban = list(jawaban)
    try:
        ikm.hitung_ikm([jawaban])
    except ValueError as e:
        raise ValidationError(str(e)) from None
    try:
        with transaction.atomic():
            survei = SurveiKepuasan.objects.create(
                permohonan=permohonan,
                jenis_layanan_id=permohonan.jenis_layanan_id,
                saran=saran.strip(),
                **dict(zip(SurveiKepuasan.FIELD_UNSUR, jawaban, strict=True)),
            )
    except IntegrityError:
        raise SurveiTidakBerlaku("Survei untuk permohonan ini sudah diisi.") from None
    permohonan.token_survei = None
    permohonan.save(update_fields=["token_survei"])
    return survei


def _kepala_per_unit() -> dict[int, int | None]:
    """For every unit, the user id of its head, or of the nearest head above it when it has none."""
    baris = {
        pk: (induk, kepala_user)
        for pk, induk, kepala_user in UnitKerja.objects.values_list("id", "induk_id", "kepala__user_id")
    }
    hasil = {}
    for pk in baris:
        unit, dilihat = pk, set()
        while unit is not None and unit not in dilihat and baris[unit][1] is None:
            dilihat.add(unit)
            unit = baris[unit][0]
        hasil[pk] = baris[unit][1] if unit in baris else None
    return hasil


@transaction.atomic
def tandai_terlambat(sekarang=None) -> int:
    """Flag running requests past their deadline and notify the head of the unit offering each, once.

    Safe to retry and to run on two workers at once: candidates are locked with SKIP LOCKED (a second worker
    takes none of them), the flag is a conditional UPDATE that only sets an empty flag, and the notifications
    are written in the same transaction, so a request is never notified twice nor flagged without notice.
    Returns the number of requests flagged by this call.
    """
    sekarang = sekarang or timezone.now()
    calon = list(
        Permohonan.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(status__in=Permohonan.STATUS_BERJALAN, batas_waktu__lt=sekarang, terlambat_ditandai_pada__isnull=True)
        .select_related("jenis_layanan")
        .order_by("id")
    )
    if not calon:
        return 0
    ditandai = Permohonan.objects.filter(pk__in=[p.pk for p in calon], terlambat_ditandai_pada__isnull=True).update(
        terlambat_ditandai_pada=sekarang
    )
    kepala = _kepala_per_unit()
    Notifikasi.objects.bulk_create(
        Notifikasi(
            penerima_id=kepala[p.jenis_layanan.unit_kerja_id],
            judul=f"Permohonan {p.nomor_tiket} melewati batas waktu",
            pesan=(
                f"{p.jenis_layanan.nama} atas nama {p.nama_pemohon}: batas waktu "
                f"{timezone.localtime(p.batas_waktu):%d-%m-%Y %H:%M} WITA, status {p.get_status_display()}."
            ),
            tautan=reverse("layanan:detail", args=[p.pk]),
            dibuat=sekarang,
        )
        for p in calon
        if kepala.get(p.jenis_layanan.unit_kerja_id)
    )
    return ditandai
