"""Writes to the roster. Each function is one transaction and checks who may do it."""

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from audit.services import catat
from core.bulk import copy_rows, is_postgres, reserve_ids, update_rows
from core.errors import NotPermitted, WrongState
from core.spreadsheet import FileRefused, RowError
from core.tasks import is_transient

from . import roster
from .models import AliasKolomRoster, ImporRoster, Pegawai, UnitKerja
from .permissions import can_import_roster
from .signals import impor_roster_menunggu_worker

log = logging.getLogger(__name__)

UKURAN_BATCH = 1000
# Pegawai columns (attnames) an import writes, in the order of the value tuples built by _nilai_tulis.
KOLOM_TULIS = [
    *roster.FIELD_DATA,
    "unit_kerja_id",
    "atasan_id",
    "email",
    "no_hp",
    "aktif",
    "user_id",
    "diperbarui",
]


class ImporDitolak(Exception):
    """The roster has errors; nothing was written. `galat` lists every one (RowError)."""

    def __init__(self, galat):
        super().__init__(f"{len(galat)} galat pada berkas roster")
        self.galat = galat


@dataclass
class HasilImpor:
    rencana: roster.Rencana
    dinonaktifkan: int = 0
    akun_dibuat: int = 0
    dry_run: bool = False

    def ringkasan(self):
        return {
            **self.rencana.ringkasan(),
            "dinonaktifkan": self.dinonaktifkan,
            "akun_dibuat": self.akun_dibuat,
            "dry_run": self.dry_run,
        }


def _snapshot_db() -> roster.SnapshotDB:
    # Two queries for the whole roster: checking 50,000 rows must not cost 50,000 queries.
    unit = {
        kode: {"id": pk, "nama": nama, "induk": induk or ""}
        for pk, kode, nama, induk in UnitKerja.objects.values_list("id", "kode", "nama", "induk__kode")
    }
    nama_kolom = ["id", "user_id", "nip", *roster.FIELD_PEGAWAI]
    lookup = [{"kode_unit": "unit_kerja__kode", "nip_atasan": "atasan__nip"}.get(f, f) for f in nama_kolom]
    pegawai = {}
    for baris in Pegawai.objects.order_by().values_list(*lookup).iterator(chunk_size=5000):
        p = dict(zip(nama_kolom, baris, strict=True))
        p["nip_atasan"] = p["nip_atasan"] or ""
        pegawai[p["nip"]] = p
    return roster.SnapshotDB(pegawai=pegawai, unit=unit)


def _alias():
    """The headings the administrator (and the seeded SIASN list) taught the roster import: alias → column key.
    Read only once the file itself passed its checks (lazily), so a refused file costs no query."""
    return SimpleLazyObject(lambda: dict(AliasKolomRoster.objects.values_list("alias", "kolom")))


def pratinjau_roster(nama_berkas: str, data: bytes, lembar: str | None = None) -> roster.Rencana:
    """Read and check a roster file and work out what importing it would change, without writing anything.

    `lembar` is the sheet to read (the user's choice), else the reader finds it. Raises FileRefused when the
    file itself is unusable; row errors are in the plan's `galat`.
    """
    return roster.rencanakan_impor(roster.baca_roster(nama_berkas, data, lembar, alias=_alias()), _snapshot_db())


def impor_roster(
    nama_berkas: str,
    data: bytes,
    *,
    lembar=None,
    enkoding=None,
    nonaktifkan_yang_hilang=False,
    dry_run=False,
    progres=None,
) -> HasilImpor:
    """Import a roster file: all rows or none, in one transaction, with bulk queries only.

    Upserts Pegawai by NIP, creates or updates units by code, sets supervisors (any row order), creates a
    login account (username = NIP, unusable password until an administrator sets one) for each new ASN,
    and, only when asked, marks ASN missing from the file inactive. Never deletes. Re-running the same file
    changes nothing. Raises ImporDitolak (with every row error) or FileRefused; then nothing is written.
    `lembar` and `enkoding` say how to read the file (its sheet, a CSV's encoding), as its preview did.
    """
    lapor = progres or (lambda persen, tahap: None)
    lapor(5, "Membaca berkas")
    tabel = roster.baca_roster(nama_berkas, data, lembar, enkoding, alias=_alias())
    with transaction.atomic():
        if is_postgres():
            # One roster import at a time: a second waits here, then plans against the first one's result.
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(hashtext('kinerja.import_roster'))")
        lapor(20, "Memeriksa baris")
        db = _snapshot_db()
        rencana = roster.rencanakan_impor(tabel, db)
        if rencana.galat:
            raise ImporDitolak(rencana.galat)
        hasil = HasilImpor(rencana=rencana, dry_run=dry_run)
        if dry_run:
            return hasil
        lapor(40, "Menyimpan unit kerja")
        id_unit = _tulis_unit(rencana, db)
        lapor(50, "Menyiapkan akun")
        id_user, hasil.akun_dibuat = _siapkan_akun(rencana, db)
        lapor(60, "Menyimpan pegawai")
        _tulis_pegawai(
            rencana, db, id_unit, id_user, lambda persen: lapor(60 + persen * 35 // 100, "Menyimpan pegawai")
        )
        if nonaktifkan_yang_hilang and rencana.hilang:
            ids = [db.pegawai[nip]["id"] for nip, _ in rencana.hilang]
            sekarang = timezone.now()
            for i in range(0, len(ids), UKURAN_BATCH):
                hasil.dinonaktifkan += Pegawai.objects.filter(pk__in=ids[i : i + UKURAN_BATCH]).update(
                    aktif=False, diperbarui=sekarang
                )
        lapor(100, "Selesai")
    return hasil


def _tulis_unit(rencana, db):
    id_unit = {kode: u["id"] for kode, u in db.unit.items()}
    baru = UnitKerja.objects.bulk_create(
        [UnitKerja(kode=kode, nama=u["nama"]) for kode, u in rencana.unit_baru.items()], batch_size=UKURAN_BATCH
    )
    id_unit.update({u.kode: u.pk for u in baru})
    # Parents are set in a second pass because a unit's parent may be created in the same import.
    diubah = [
        UnitKerja(pk=id_unit[kode], kode=kode, nama=u["nama"], induk_id=id_unit[u["induk"]] if u["induk"] else None)
        for kode, u in (rencana.unit_baru | rencana.unit_diubah).items()
    ]
    UnitKerja.objects.bulk_update(diubah, ["nama", "induk"], batch_size=UKURAN_BATCH)
    return id_unit


def _siapkan_akun(rencana, db):
    """Login accounts for ASN who have none: reuse a user whose username is the NIP, else create one."""
    User = get_user_model()
    perlu = [b.nilai["nip"] for b in rencana.baris if not (db.pegawai.get(b.nilai["nip"]) or {}).get("user_id")]
    id_user = {}
    if perlu:
        # One query over all users beats tens of thousands of usernames in IN lists; users ≈ ASN in number.
        perlu_set = set(perlu)
        id_user = {u: i for u, i in User.objects.values_list("username", "id").iterator(5000) if u in perlu_set}
    # A user already linked to another Pegawai is left alone (the link is one-to-one).
    terpakai = {p["user_id"] for p in db.pegawai.values() if p["user_id"]}
    id_user = {nip: uid for nip, uid in id_user.items() if uid not in terpakai}
    baru = [nip for nip in perlu if nip not in id_user]
    sekarang = timezone.now()

    def sandi():
        # Same unusable form as make_password(None), far cheaper for 50,000 users.
        return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)

    if is_postgres():
        ids = reserve_ids(User, len(baru))
        kolom = ["id", "password", "is_superuser", "username", "first_name", "last_name", "email", "is_staff"]
        kolom += ["is_active", "date_joined"]
        copy_rows(
            User,
            kolom,
            ((uid, sandi(), False, nip, "", "", "", False, True, sekarang) for uid, nip in zip(ids, baru, strict=True)),
        )
        id_user.update(zip(baru, ids, strict=True))
    else:
        dibuat = User.objects.bulk_create(
            [User(username=nip, password=sandi(), date_joined=sekarang) for nip in baru], batch_size=UKURAN_BATCH
        )
        id_user.update({u.username: u.pk for u in dibuat})
    return id_user, len(baru)


def _nilai_tulis(b, id_unit, id_pegawai, user_id, sekarang):
    """The KOLOM_TULIS values of a checked row."""
    n = b.nilai
    return (
        n["nama"],
        n["gelar_depan"],
        n["gelar_belakang"],
        n["jenis_kelamin"],
        n["tanggal_lahir"],
        n["status_kepegawaian"],
        n["golongan"],
        n["jabatan"],
        n["jenis_jabatan"],
        n["kelas_jabatan"],
        id_unit[n["kode_unit"]],
        id_pegawai[n["nip_atasan"]] if n["nip_atasan"] else None,
        n["email"],
        n["no_hp"],
        True,
        user_id,
        sekarang,
    )


def _urut_atasan_dulu(baru):
    """New rows in layers by depth in the supervisor chain: each layer's atasan is in an earlier one."""
    per_nip = {b.nilai["nip"]: b for b in baru}
    kedalaman = {}
    for nip in per_nip:
        jalur = []
        while nip in per_nip and nip not in kedalaman:
            jalur.append(nip)
            nip = per_nip[nip].nilai["nip_atasan"]
        d = kedalaman.get(nip, -1)
        for n in reversed(jalur):
            d += 1
            kedalaman[n] = d
    lapisan = {}
    for nip, d in kedalaman.items():
        lapisan.setdefault(d, []).append(per_nip[nip])
    return [lapisan[d] for d in sorted(lapisan)]


def _tulis_pegawai(rencana, db, id_unit, id_user, progres):
    id_pegawai = {nip: p["id"] for nip, p in db.pegawai.items()}
    sekarang = timezone.now()
    total = max(len(rencana.baru) + len(rencana.diubah), 1)
    if is_postgres():
        # Ids reserved up front make every atasan id known before the single COPY; the atasan foreign key is
        # checked at commit (Django creates it DEFERRABLE INITIALLY DEFERRED), so row order does not matter.
        ids = reserve_ids(Pegawai, len(rencana.baru))
        id_pegawai.update(zip((b.nilai["nip"] for b in rencana.baru), ids, strict=True))
        copy_rows(
            Pegawai,
            ["id", "nip", *KOLOM_TULIS],
            (
                (id_pegawai[b.nilai["nip"]], b.nilai["nip"])
                + _nilai_tulis(b, id_unit, id_pegawai, id_user.get(b.nilai["nip"]), sekarang)
                for b in rencana.baru
            ),
        )
    else:
        # Elsewhere (SQLite in development) ids come back from each insert, so supervisors are created first.
        for lapisan in _urut_atasan_dulu(rencana.baru):
            dibuat = Pegawai.objects.bulk_create(
                [
                    Pegawai(
                        nip=b.nilai["nip"],
                        **dict(
                            zip(
                                KOLOM_TULIS,
                                _nilai_tulis(b, id_unit, id_pegawai, id_user.get(b.nilai["nip"]), sekarang),
                                strict=True,
                            )
                        ),
                    )
                    for b in lapisan
                ],
                batch_size=UKURAN_BATCH,
            )
            id_pegawai.update({p.nip: p.pk for p in dibuat})
    progres(len(rencana.baru) * 100 // total)

    diubah = []
    for b, _ in rencana.diubah:
        lama = db.pegawai[b.nilai["nip"]]
        user_id = lama["user_id"] or id_user.get(b.nilai["nip"])
        diubah.append((lama["id"], *_nilai_tulis(b, id_unit, id_pegawai, user_id, sekarang)))
    nip_diubah = {b.nilai["nip"] for b, _ in rencana.diubah}
    # Existing ASN who only lacked an account get just the user link.
    tautan = [
        (p["id"], id_user[nip], sekarang)
        for nip, p in db.pegawai.items()
        if not p["user_id"] and nip in id_user and nip not in nip_diubah
    ]
    if is_postgres():
        update_rows(Pegawai, KOLOM_TULIS, diubah)
        update_rows(Pegawai, ["user_id", "diperbarui"], tautan)
    else:
        nama_field = [Pegawai._meta.get_field(k).name for k in KOLOM_TULIS]
        Pegawai.objects.bulk_update(
            [Pegawai(id=r[0], **dict(zip(KOLOM_TULIS, r[1:], strict=True))) for r in diubah],
            nama_field,
            batch_size=UKURAN_BATCH,
        )
        Pegawai.objects.bulk_update(
            [Pegawai(id=i, user_id=u, diperbarui=w) for i, u, w in tautan],
            ["user", "diperbarui"],
            batch_size=UKURAN_BATCH,
        )
    progres(100)


# The import job: upload → preview → confirm → (background) import ----------------------------------


def _galat_sistem(pesan):
    return RowError(None, None, f"{pesan} Coba lagi nanti atau hubungi pengelola aplikasi.").as_dict()


def _kunci_progres(job_id):
    return f"kinerja:impor-roster:{job_id}:progres"


def buat_impor_roster(user, berkas) -> ImporRoster:
    """Store an uploaded roster in the default storage and record its preview (nothing else is written).

    The file is kept so that the confirmation, possibly on another web instance or a worker, imports exactly
    what was previewed.
    """
    if not can_import_roster(user):
        raise NotPermitted("Hanya administrator yang boleh mengimpor roster pegawai.")
    data = berkas.read()
    job = ImporRoster(dibuat_oleh=user, nama_berkas=berkas.name[:255])
    return simpan_pratinjau(job, berkas.name, data, pratinjau_roster)


def simpan_pratinjau(job, nama_berkas: str, data: bytes, rencanakan):
    """Record an upload job's preview and store its file (any import job: berkas, lembar, enkoding, jumlah_baris,
    ringkasan, galat).

    `rencanakan(nama_berkas, data, lembar)` returns a plan (jumlah_baris, berkas, ringkasan(), galat) or raises
    FileRefused, which becomes the job's only error.
    """
    _rekam_pratinjau(job, nama_berkas, data, rencanakan, None)
    with transaction.atomic():
        job.berkas.save(nama_berkas, ContentFile(data), save=False)
        job.save()
    return job


def _rekam_pratinjau(job, nama_berkas, data, rencanakan, lembar):
    try:
        rencana = rencanakan(nama_berkas, data, lembar)
    except FileRefused as exc:
        job.jumlah_baris, job.ringkasan = 0, {}
        job.galat = [RowError(None, None, str(exc)).as_dict()]
    else:
        job.jumlah_baris = rencana.jumlah_baris
        job.ringkasan = rencana.ringkasan()
        job.galat = [g.as_dict() for g in rencana.galat]
        # The confirmation reads the stored file exactly as this preview did.
        job.lembar, job.enkoding = rencana.berkas["lembar"], rencana.berkas["enkoding"]


def ganti_lembar_pratinjau(job, lembar: str, rencanakan):
    """Preview another sheet of a previewed upload (any import job), which its confirmation will then import.

    The job's row must be locked by the caller. Refused (nothing changed) once the job left its preview, or for a
    sheet the file does not have.
    """
    if job.status != job.Status.PRATINJAU:
        raise WrongState("Impor ini sudah dikonfirmasi; lembarnya tidak dapat diganti lagi.")
    if lembar not in (job.ringkasan or {}).get("berkas", {}).get("semua_lembar", []):
        raise ValidationError({"lembar": "Pilih salah satu lembar yang ada di berkas."})
    with job.berkas.open("rb") as f:
        data = f.read()
    _rekam_pratinjau(job, job.nama_berkas, data, rencanakan, lembar)
    job.save()
    return job


def pilih_lembar_impor_roster(job: ImporRoster, user, lembar: str) -> ImporRoster:
    """Read another sheet of a previewed roster file: a new preview, and the sheet the confirmation imports."""
    if not can_import_roster(user):
        raise NotPermitted("Hanya administrator yang boleh mengimpor roster pegawai.")
    with transaction.atomic():
        job = ImporRoster.objects.select_for_update().get(pk=job.pk)
        return ganti_lembar_pratinjau(job, lembar, pratinjau_roster)


def konfirmasi_impor_roster(job: ImporRoster, user, *, nonaktifkan_yang_hilang: bool) -> ImporRoster:
    """Confirm a previewed import: run it now when small, else queue it as a background task.

    Only a previewed job without errors can be confirmed, once; a second confirmation changes nothing.
    """
    if not can_import_roster(user):
        raise NotPermitted("Hanya administrator yang boleh mengimpor roster pegawai.")
    with transaction.atomic():
        job = ImporRoster.objects.select_for_update().get(pk=job.pk)
        if job.status != ImporRoster.Status.PRATINJAU or job.galat:
            return job
        job.status = ImporRoster.Status.ANTRI
        job.nonaktifkan_yang_hilang = nonaktifkan_yang_hilang
        job.save(update_fields=["status", "nonaktifkan_yang_hilang", "diperbarui"])
        if job.jumlah_baris > settings.ROSTER_BACKGROUND_ROWS:
            transaction.on_commit(partial(_minta_worker, job.pk))
            return job
    return jalankan_impor_roster(job.pk)


def _minta_worker(job_id):
    impor_roster_menunggu_worker.send(sender=ImporRoster, job_id=job_id)


def gagalkan_impor(job_id, pesan: str) -> None:
    """Fail a queued import visibly with a system message (nothing was imported) instead of leaving it queued:
    the broker could not take it, an unexpected error, or a database that stayed unavailable through the retries."""
    gagalkan_job(ImporRoster, job_id, pesan)


def gagalkan_job(model, job_id, pesan: str) -> None:
    """Fail a queued background import job of `model` (ImporRoster, ImporEkinerja) with a system message."""
    model.objects.filter(pk=job_id, status=model.Status.ANTRI).update(
        status=model.Status.GAGAL, galat=[_galat_sistem(pesan)], selesai=timezone.now()
    )


def antrekan_ulang_impor_tertahan(menit: int | None = None) -> list[int]:
    """Queue again the confirmed imports that have waited more than `menit` minutes and are not running.

    The queue may lose a message (a broker restarted without its data, a worker killed before it took the
    task), and the job would show "Dalam antrean" for good. Queuing again is safe: jalankan_impor_roster imports once
    however often it runs. A running job holds its row lock, so it is skipped here (SKIP LOCKED); each job queued
    again is stamped, so it is queued at most once every `menit` minutes. Returns the ids queued again.
    """
    menit = settings.ROSTER_ANTRE_ULANG_MENIT if menit is None else menit
    with transaction.atomic():
        tertahan = list(
            ImporRoster.objects.select_for_update(skip_locked=True)
            .filter(status=ImporRoster.Status.ANTRI, diperbarui__lt=timezone.now() - timedelta(minutes=menit))
            .values_list("pk", flat=True)
        )
        ImporRoster.objects.filter(pk__in=tertahan).update(diperbarui=timezone.now())
        for job_id in tertahan:
            log.warning("Impor roster %s masih dalam antrean sesudah %s menit; diantrekan lagi", job_id, menit)
            transaction.on_commit(partial(_minta_worker, job_id))
    return tertahan


def jalankan_impor_roster(job_id: int) -> ImporRoster:
    """Run a queued roster import job (jalankan_job)."""

    def impor(job, data, lapor):
        return impor_roster(
            job.nama_berkas,
            data,
            lembar=job.lembar,
            enkoding=job.enkoding,
            nonaktifkan_yang_hilang=job.nonaktifkan_yang_hilang,
            progres=lapor,
        )

    def selesai(job, hasil):
        job.ringkasan, job.jumlah_baris = hasil.ringkasan(), hasil.rencana.jumlah_baris

    return jalankan_job(
        ImporRoster,
        job_id,
        impor=impor,
        selesai=selesai,
        sesudah=_catat_impor,
        nama="Impor roster",
        kunci_progres=_kunci_progres(job_id),
        ditolak=ImporDitolak,
        tolak=(FileRefused,),
    )


def jalankan_job(model, job_id, *, impor, selesai, nama, kunci_progres, ditolak, tolak, sesudah=None):
    """Run a queued background import job of `model`; safe to call twice or from two workers at once: it imports once.

    The job row stays locked for the whole import, so a second run waits and then finds the job finished. A
    worker that dies mid-import rolls everything back and leaves the job queued, so the redelivered task runs
    it; an unexpected error marks the job failed (nothing written) and is re-raised for the logs.
    `impor(job, data, lapor)` does the work (raising `ditolak` with row errors, or one of `tolak` with a message);
    `selesai(job, hasil)` records its counts on the job; `sesudah(job, hasil)` runs once the finished job is saved.
    """
    try:
        with transaction.atomic():
            job = model.objects.select_for_update().get(pk=job_id)
            if job.status != model.Status.ANTRI:
                return job

            def lapor(persen, tahap):
                # Progress goes to the cache: rows written inside this transaction are invisible to others.
                cache.set(kunci_progres, {"persen": persen, "tahap": tahap}, 3600)

            with job.berkas.open("rb") as f:
                data = f.read()
            try:
                with transaction.atomic():
                    hasil = impor(job, data, lapor)
            except ditolak as exc:
                job.status, job.galat = model.Status.GAGAL, [g.as_dict() for g in exc.galat]
            except tolak as exc:
                job.status, job.galat = model.Status.GAGAL, [RowError(None, None, str(exc)).as_dict()]
            else:
                job.status, job.progres = model.Status.SELESAI, 100
                selesai(job, hasil)
            job.selesai = timezone.now()
            job.save()
            if sesudah is not None and job.status == model.Status.SELESAI:
                sesudah(job, hasil)
    except Exception as exc:
        if is_transient(exc):
            # Rolled back whole; the job stays queued and the task tries again (core.tasks.RetryingTask).
            raise
        log.exception("%s %s gagal", nama, job_id)
        gagalkan_job(model, job_id, "Terjadi kesalahan sistem saat mengimpor; tidak ada data yang diubah.")
        raise
    cache.delete(kunci_progres)
    return job


def _catat_impor(job, hasil):
    """One audit entry for the whole import (not one per row): the file and its counts."""
    r = hasil.ringkasan()
    hitung = {
        k: r[k]
        for k in (
            "jumlah_baris",
            "jumlah_baru",
            "jumlah_diubah",
            "jumlah_tidak_berubah",
            "jumlah_unit_baru",
            "jumlah_unit_diubah",
            "dinonaktifkan",
            "akun_dibuat",
        )
    }
    catat(
        job.dibuat_oleh,
        "roster_diimpor",
        job,
        label=job.nama_berkas,
        uraian=f"{job.nama_berkas}: {r['jumlah_baru']} pegawai baru, {r['jumlah_diubah']} diubah, "
        f"{r['dinonaktifkan']} dinonaktifkan, {r['akun_dibuat']} akun dibuat",
        ringkasan={"berkas": job.nama_berkas, **hitung},
    )


def progres_impor_roster(job: ImporRoster) -> dict:
    """The job's state for the progress bar: status, percent and the current stage."""
    return progres_job(job, _kunci_progres(job.pk))


def progres_job(job, kunci_cache: str) -> dict:
    """A background import job's state for the progress bar (any job with status antri/selesai/gagal and progres):
    a queued one's percent and stage from the cache key its run reports to."""
    data = {"status": job.status, "label": job.get_status_display(), "persen": job.progres, "tahap": ""}
    if job.status == "antri":
        data.update(cache.get(kunci_cache) or {"persen": 0, "tahap": "Menunggu giliran"})
    elif job.status in ("selesai", "gagal"):
        data["persen"] = 100
    return data
