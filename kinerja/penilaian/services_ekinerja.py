"""Results of BKN's e-Kinerja in: the upload job (upload → preview → map columns → confirm → background import),
writing a plan in one transaction, and each unit's choice of where its evaluations are done.

Every write checks the role on the server and leaves an audit entry; an imported result that becomes the
evaluation of record is a final EvaluasiKinerja with sumber EKINERJA, so the rules, the TPP, the curve and the
roll-ups count it like one rated here (unit_difinalkan tells them, as a finalisation does).
"""

import logging
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from audit.services import catat
from core.errors import NotPermitted
from core.spreadsheet import FileRefused, RowError
from kinerja.notifikasi.models import Notifikasi
from kinerja.pegawai.models import Pegawai, UnitKerja
from kinerja.pegawai.permissions import mengelola_unit, peran, unit_ids_dikelola
from kinerja.pegawai.services import gagalkan_job, ganti_lembar_pratinjau, jalankan_job, progres_job, simpan_pratinjau

from . import ekinerja
from . import impor_ekinerja as rencana_impor
from .models import EvaluasiKinerja, Periode, RiwayatEvaluasi
from .models_ekinerja import HasilEkinerja, ImporEkinerja
from .services_penilai import penilai_dari
from .signals import impor_ekinerja_menunggu_worker, unit_difinalkan

log = logging.getLogger(__name__)
Status = EvaluasiKinerja.Status
PESAN_PERAN = "Hanya pengelola kinerja dan administrator yang dapat mengimpor hasil e-Kinerja."


class ImporDitolak(Exception):
    """A file with errors: nothing was written. `galat` are the RowErrors, by row and column."""

    def __init__(self, galat):
        super().__init__(f"{len(galat)} galat")
        self.galat = galat


def can_import_ekinerja(user) -> bool:
    """HR staff (for the ASN of their units, checked per row) and administrators."""
    return peran(user).staf


@dataclass
class HasilImpor:
    rencana: rencana_impor.RencanaEkinerja
    ditulis: bool


# --- planning ------------------------------------------------------------------------------------------------


def _snapshot(user) -> rencana_impor.SnapshotEkinerja:
    dikelola = None if peran(user).administrator else unit_ids_dikelola(user)
    pegawai = {
        nip: (pk, nama, unit_id, dikelola is None or unit_id in dikelola)
        for pk, nip, nama, unit_id in Pegawai.objects.values_list("id", "nip", "nama", "unit_kerja_id")
    }
    periode = {(p.jenis, p.nomor, p.tahun): (p.pk, str(p)) for p in Periode.objects.only("jenis", "nomor", "tahun")}

    def muat(periode_ids):
        evaluasi = {
            (e["periode_id"], e["pegawai_id"]): e
            for e in EvaluasiKinerja.objects.filter(periode_id__in=periode_ids).values(
                "id", "periode_id", "pegawai_id", "status", "sumber", "predikat", *rencana_impor.FIELD_HASIL[:2]
            )
        }
        hasil = {
            (h["periode_id"], h["pegawai_id"]): h
            for h in HasilEkinerja.objects.filter(periode_id__in=periode_ids).values(
                "id", "periode_id", "pegawai_id", "dipakai", *rencana_impor.FIELD_HASIL
            )
        }
        return evaluasi, hasil

    return rencana_impor.SnapshotEkinerja(pegawai=pegawai, periode=periode, sumber_unit=sumber_unit_semua(), muat=muat)


def sumber_unit_semua() -> dict[int, str]:
    """Every unit's effective source (LOKAL/IMPOR), its own choice or inherited (ekinerja.sumber_per_unit)."""
    return ekinerja.sumber_per_unit(UnitKerja.objects.values_list("id", "induk_id", "sumber_evaluasi"))


def rencanakan(user, nama_berkas, data, lembar=None, enkoding=None, pemetaan=None):
    """Read and check a result file and decide what importing it would do, writing nothing."""
    tabel = rencana_impor.baca_berkas(nama_berkas, data, lembar, enkoding, pemetaan)
    return rencana_impor.rencanakan(tabel, _snapshot(user))


# --- writing -------------------------------------------------------------------------------------------------


def impor_hasil_ekinerja(
    user,
    nama_berkas: str,
    data: bytes,
    *,
    job: ImporEkinerja,
    lembar=None,
    enkoding=None,
    pemetaan=None,
    dry_run=False,
    progres=None,
) -> HasilImpor:
    """Import a result file: all rows or none (ImporDitolak with every row's error). `job` is the upload the rows
    name as their source. With dry_run the plan is returned and nothing written."""
    if not can_import_ekinerja(user):
        raise NotPermitted(PESAN_PERAN)
    lapor = progres or (lambda persen, tahap: None)
    lapor(5, "Membaca berkas")
    rencana = rencanakan(user, nama_berkas, data, lembar, enkoding, pemetaan)
    if rencana.galat:
        raise ImporDitolak(rencana.galat)
    if dry_run:
        return HasilImpor(rencana, ditulis=False)
    lapor(40, "Menyimpan hasil")
    with transaction.atomic():
        berubah = _tulis(rencana, user, job)
        lapor(90, "Mencatat")
        for (periode_id, unit_id), pegawai_ids in sorted(berubah.items()):
            unit_difinalkan.send(
                sender=EvaluasiKinerja, periode_id=periode_id, unit_id=unit_id, pegawai_ids=sorted(pegawai_ids)
            )
    return HasilImpor(rencana, ditulis=True)


def _riwayat(ev_id, user, aksi, now, alasan, *, dari="", ke="", field="", lama="", baru=""):
    return RiwayatEvaluasi(
        evaluasi_id=ev_id,
        oleh=user,
        pada=now,
        aksi=aksi,
        dari_status=dari,
        ke_status=ke,
        field=field,
        nilai_lama=lama,
        nilai_baru=baru,
        alasan=alasan,
    )


def _tulis(rencana, user, job) -> dict[tuple[int, int], set[int]]:
    """Write the plan; returns (periode id, unit id) → ASN whose evaluation of record was created or changed."""
    now = timezone.now()
    alasan = f"Impor e-Kinerja dari berkas {job.nama_berkas}"
    Aksi = RiwayatEvaluasi.Aksi
    nilai_ev = {
        "sumber": EvaluasiKinerja.Sumber.EKINERJA,
        "status": Status.FINAL,
        "difinalkan_pada": now,
        "difinalkan_oleh": user,
        "dinilai_pada": now,
        "diubah_oleh": user,
        "diubah_pada": now,
    }
    riwayat, ev_baru, hasil_baru, hasil_ubah = [], [], [], []
    berubah = defaultdict(set)
    for b in rencana.baris:
        pakai = b["pakai"] == ekinerja.PAKAI_IMPOR
        skor = {f: b[f] for f in rencana_impor.FIELD_HASIL}
        lama_skor = dict(zip(rencana_impor.FIELD_HASIL, (*b["lokal_ratings"], b["lokal_predikat"]), strict=True))
        if b["hasil_id"] and not b["perubahan"]:
            continue  # the same result again: nothing to write
        if pakai and b["evaluasi_id"] is None:
            ev_baru.append(
                (b, EvaluasiKinerja(periode_id=b["periode_id"], pegawai_id=b["pegawai_id"], **skor, **nilai_ev))
            )
        elif pakai:
            qs = EvaluasiKinerja.objects.filter(pk=b["evaluasi_id"])
            if b["lokal_diimpor"]:
                qs.perbarui_hasil_impor(**skor, versi=F("versi") + 1, diubah_oleh=user, diubah_pada=now)
            else:
                qs.update(**skor, **nilai_ev, versi=F("versi") + 1)
                riwayat.append(
                    _riwayat(b["evaluasi_id"], user, Aksi.DIIMPOR, now, alasan, dari=b["lokal_status"], ke=Status.FINAL)
                )
            riwayat += [
                _riwayat(
                    b["evaluasi_id"], user, Aksi.NILAI_DIUBAH, now, alasan, field=f, lama=lama_skor[f], baru=skor[f]
                )
                for f in rencana_impor.FIELD_HASIL
                if lama_skor[f] != skor[f]
            ]
        elif b["evaluasi_id"] is not None:
            # Kept beside the evaluation rated here: its history says so, with e-Kinerja's predikat and why.
            label = EvaluasiKinerja.Predikat(b["predikat"]).label
            riwayat.append(
                _riwayat(
                    b["evaluasi_id"],
                    user,
                    Aksi.DIIMPOR,
                    now,
                    f"Hasil e-Kinerja disimpan di samping, tidak dipakai: {label}. {alasan}. {b['alasan']}",
                )
            )
        if pakai:
            berubah[(b["periode_id"], b["unit_id"])].add(b["pegawai_id"])
        lokal = (
            {}
            if not pakai or b["lokal_diimpor"]
            else {"lokal_status": b["lokal_status"], "lokal_predikat": b["lokal_predikat"]}
        )
        hasil = HasilEkinerja(
            id=b["hasil_id"],
            periode_id=b["periode_id"],
            pegawai_id=b["pegawai_id"],
            **skor,
            catatan_matriks=b["catatan_matriks"],
            dipakai=pakai,
            alasan=b["alasan"][:300],
            impor=job,
            diimpor_oleh=user,
            diimpor_pada=now,
            **lokal,
        )
        (hasil_ubah if b["hasil_id"] else hasil_baru).append((hasil, lokal))
    # A new evaluation records the ASN's appraisers by the roster, as the period's bulk creation does, so Tim Saya
    # and the team roll-ups count it too.
    penilai = penilai_dari(Pegawai.objects.filter(pk__in=[e.pegawai_id for _, e in ev_baru])) if ev_baru else {}
    for _, e in ev_baru:
        for kolom, nilai in asdict(penilai[e.pegawai_id]).items():
            setattr(e, kolom, nilai)
    dibuat = EvaluasiKinerja.objects.bulk_create([e for _, e in ev_baru], batch_size=1000)
    riwayat += [_riwayat(e.pk, user, Aksi.DIIMPOR, now, alasan, ke=Status.FINAL) for e in dibuat]
    # A local evaluation the import took over asks nobody for anything any more (filling, rating, acknowledging).
    diambil_alih = [reverse("evaluasi_detail", args=[r.evaluasi_id]) for r in riwayat if r.dari_status]
    Notifikasi.objects.filter(tautan__in=diambil_alih, dibaca_pada=None).exclude(tindakan="").update(dibaca_pada=now)
    RiwayatEvaluasi.objects.bulk_create(riwayat, batch_size=1000)
    HasilEkinerja.objects.bulk_create([h for h, _ in hasil_baru], batch_size=1000)
    field_hasil = [
        *rencana_impor.FIELD_HASIL,
        "catatan_matriks",
        "dipakai",
        "alasan",
        "impor",
        "diimpor_oleh",
        "diimpor_pada",
    ]
    for dengan_lokal in (False, True):
        baris = [h for h, lokal in hasil_ubah if bool(lokal) == dengan_lokal]
        tambahan = ["lokal_status", "lokal_predikat"] if dengan_lokal else []
        HasilEkinerja.objects.bulk_update(baris, field_hasil + tambahan, batch_size=1000)
    r = rencana.ringkasan()
    hitung = {
        k: r[k]
        for k in (
            "jumlah_baris",
            "jumlah_baru",
            "jumlah_diubah",
            "jumlah_tidak_berubah",
            "jumlah_dipakai",
            "jumlah_lokal_menang",
            "jumlah_tidak_sesuai",
        )
    }
    catat(
        user,
        "ekinerja_diimpor",
        job,
        label=job.nama_berkas,
        uraian=f"{job.nama_berkas}: {r['jumlah_baru']} hasil baru, {r['jumlah_diubah']} diubah; "
        f"{r['jumlah_dipakai']} menjadi evaluasi resmi, {r['jumlah_tidak_sesuai']} tidak sesuai matriks",
        # The results a newer file replaced, old → new (the preview's list): the log keeps what was overwritten.
        ringkasan={"berkas": job.nama_berkas, **hitung, "diubah": r["diubah"]},
    )
    return berubah


# --- the upload job ------------------------------------------------------------------------------------------


def _perencana(user, pemetaan):
    def baca(nama, data, lembar):
        return rencanakan(user, nama, data, lembar, None, pemetaan)

    return baca


def buat_impor_ekinerja(user, berkas) -> ImporEkinerja:
    """Store an uploaded result file and record its preview (nothing else is written)."""
    if not can_import_ekinerja(user):
        raise NotPermitted(PESAN_PERAN)
    job = ImporEkinerja(dibuat_oleh=user, nama_berkas=berkas.name[:255])
    return simpan_pratinjau(job, berkas.name, berkas.read(), _perencana(user, {}))


def _job_terkunci(user, job_id) -> ImporEkinerja:
    if not can_import_ekinerja(user):
        raise NotPermitted(PESAN_PERAN)
    return ImporEkinerja.objects.select_for_update().get(pk=job_id, dibuat_oleh=user)


@transaction.atomic
def pilih_lembar_impor_ekinerja(user, job_id: int, lembar: str) -> ImporEkinerja:
    """Read another sheet of a previewed file: a new preview, and the sheet the confirmation imports."""
    job = _job_terkunci(user, job_id)
    return ganti_lembar_pratinjau(job, lembar, _perencana(user, job.pemetaan))


@transaction.atomic
def petakan_kolom_ekinerja(user, job_id: int, pemetaan: dict[str, str]) -> ImporEkinerja:
    """Read a previewed file again with columns the user mapped (our key → the file's header): a new preview.

    Refused (nothing changed) once the job left its preview, for a header the file's header row does not have,
    or one header given to two columns.
    """
    job = _job_terkunci(user, job_id)
    if job.status != ImporEkinerja.Status.PRATINJAU:
        raise ValidationError("Impor ini sudah dikonfirmasi; kolomnya tidak dapat dipetakan lagi.")
    judul = set((job.ringkasan or {}).get("judul_berkas", []))
    pilihan = {k: h for k, h in pemetaan.items() if h and k in rencana_impor.DAPAT_DIPETAKAN}
    galat = {}
    for k, h in pilihan.items():
        if h not in judul:
            galat[k] = f"Kolom '{h}' tidak ada di baris judul berkas."
    dobel = {h for h in pilihan.values() if list(pilihan.values()).count(h) > 1}
    for k, h in pilihan.items():
        if h in dobel:
            galat[k] = f"Kolom '{h}' dipilih untuk lebih dari satu isian."
    if not pilihan:
        galat["__all__"] = "Pilih kolom berkas untuk paling sedikit satu isian."
    if galat:
        raise ValidationError(galat)
    job.pemetaan = {h: k for k, h in pilihan.items()}
    with job.berkas.open("rb") as f:
        data = f.read()
    rencana_baru = _perencana(user, job.pemetaan)
    try:
        rencana = rencana_baru(job.nama_berkas, data, job.lembar or None)
    except FileRefused as exc:
        job.jumlah_baris, job.ringkasan, job.galat = 0, {}, [RowError(None, None, str(exc)).as_dict()]
    else:
        job.jumlah_baris, job.ringkasan = rencana.jumlah_baris, rencana.ringkasan()
        job.galat = [g.as_dict() for g in rencana.galat]
    job.save()
    return job


def _kunci_progres(job_id):
    return f"kinerja:impor-ekinerja:{job_id}:progres"


def konfirmasi_impor_ekinerja(user, job_id: int) -> ImporEkinerja:
    """Confirm a previewed import: run it now when small, else queue it for the worker. Only a previewed job
    without errors can be confirmed, once; a second confirmation changes nothing."""
    with transaction.atomic():
        job = _job_terkunci(user, job_id)
        if job.status != ImporEkinerja.Status.PRATINJAU or job.galat:
            return job
        job.status = ImporEkinerja.Status.ANTRI
        job.save(update_fields=["status", "diperbarui"])
        if job.jumlah_baris > settings.EKINERJA_BACKGROUND_ROWS:
            transaction.on_commit(partial(impor_ekinerja_menunggu_worker.send, sender=ImporEkinerja, job_id=job.pk))
            return job
    return jalankan_impor_ekinerja(job.pk)


def gagalkan_impor_ekinerja(job_id, pesan: str) -> None:
    """Fail a queued import visibly (nothing was imported) instead of leaving it queued."""
    gagalkan_job(ImporEkinerja, job_id, pesan)


def jalankan_impor_ekinerja(job_id: int) -> ImporEkinerja:
    """Run a queued import (jalankan_job); the file is checked again against the database as it is now."""

    def impor(job, data, lapor):
        return impor_hasil_ekinerja(
            job.dibuat_oleh,
            job.nama_berkas,
            data,
            job=job,
            lembar=job.lembar or None,
            enkoding=job.enkoding or None,
            pemetaan=job.pemetaan,
            progres=lapor,
        )

    def selesai(job, hasil):
        job.ringkasan, job.jumlah_baris = hasil.rencana.ringkasan(), hasil.rencana.jumlah_baris

    return jalankan_job(
        ImporEkinerja,
        job_id,
        impor=impor,
        selesai=selesai,
        nama="Impor e-Kinerja",
        kunci_progres=_kunci_progres(job_id),
        ditolak=ImporDitolak,
        tolak=(FileRefused, NotPermitted),
    )


def progres_impor_ekinerja(job: ImporEkinerja) -> dict:
    """The job's state for the progress bar: status, percent and the current stage."""
    return progres_job(job, _kunci_progres(job.pk))


# --- where a unit's evaluations are done --------------------------------------------------------------------


@transaction.atomic
def simpan_sumber_evaluasi(user, unit_id: int, sumber: str) -> UnitKerja:
    """Set where a unit's evaluations are done ("" follows its parent, LOKAL here, IMPOR from e-Kinerja): HR staff
    of the unit or an administrator. Sub-units that chose nothing follow it. Evaluations already created stay."""
    if not mengelola_unit(user, unit_id):
        raise NotPermitted("Anda hanya dapat mengatur sumber evaluasi unit kerja yang Anda kelola.")
    if sumber not in (ekinerja.IKUTI_INDUK, ekinerja.LOKAL, ekinerja.IMPOR):
        raise ValidationError({"sumber_evaluasi": "Pilih salah satu sumber evaluasi yang tersedia."})
    unit = UnitKerja.objects.select_for_update().get(pk=unit_id)
    lama = unit.sumber_evaluasi
    if lama == sumber:
        return unit
    unit.sumber_evaluasi = sumber
    unit.save(update_fields=["sumber_evaluasi"])
    label = dict(UnitKerja._meta.get_field("sumber_evaluasi").choices)
    catat(user, "sumber_evaluasi_diubah", unit, {"sumber_evaluasi": [label[lama], label[sumber]]})
    return unit
