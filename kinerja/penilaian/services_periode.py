"""Periods and units: opening, closing and reopening a period, creating its evaluations, a unit's organisational
performance, finalising a unit against the distribution curve, and the agency's performance settings.

Each function is one transaction and checks role and state on the server (see services.py for the refusals).
"""

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from audit.services import catat, nilai_field, selisih
from core.errors import NotPermitted, VersionConflict, WrongState
from core.numbers import angka
from kinerja.notifikasi.models import Notifikasi
from kinerja.pegawai.models import Pegawai, UnitKerja, subtree
from kinerja.pegawai.permissions import mengelola_unit

from . import ekinerja
from . import permissions as izin
from . import selectors as sel
from .models import EvaluasiKinerja, PembukaanKembaliPeriode, Periode, RiwayatEvaluasi
from .models_skp import SKP
from .models_unit import EvaluasiDikecualikan, KinerjaOrganisasi, PengaturanKinerja, PengecualianKurva
from .predikat import cek_kurva_distribusi
from .services import Aksi, Status, baris_riwayat, pastikan_dibuka, tautan_evaluasi, wajib_diisi
from .services_penilai import penilai_dari
from .signals import unit_difinalkan

FIELD_AUDIT_PENGATURAN = ("batas_capaian", "rumus_efisiensi_tinggi", "rumus_waktu_biaya", "kurva")


class PelanggaranKurva(WrongState):
    """Finalising would break the unit's distribution curve and no override reason was given."""

    def __init__(self, pesan: str, pelanggaran: list[str]):
        super().__init__(pesan)
        self.pelanggaran = pelanggaran


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
    # Each field and the model's own rules first, so a period that exists is named ("Triwulan II 2026").
    periode.full_clean(validate_constraints=False)
    if Periode.objects.filter(tahun=tahun, jenis=jenis, nomor=nomor).exists():
        raise ValidationError({"nomor": f"Periode {periode} sudah dibuka."})
    periode.validate_constraints()
    periode.save()
    catat(user, "periode_dibuka", periode, {"status": [None, periode.status]})
    return periode


@transaction.atomic
def tutup_periode(user, periode_id: int) -> Periode:
    """Close an open period: from then on its evaluations are read-only. A period is province-wide, so only an
    administrator or HR staff managing every unit it covers may close it (permissions.can_close_periode)."""
    if not izin.can_close_periode(user, periode_id):
        raise NotPermitted(izin.PESAN_TUTUP_PERIODE)
    periode = Periode.objects.select_for_update().get(pk=periode_id)
    pastikan_dibuka(periode)
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
    alasan = wajib_diisi(alasan, "alasan", "Alasan membuka kembali periode wajib diisi.")
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
    # Active ASN of units whose evaluations come from e-Kinerja (ekinerja.IMPOR): none is created for them to fill.
    diimpor: int = 0


@transaction.atomic
def buat_evaluasi_periode(user, periode_id: int, unit_ids) -> HasilPembuatan:
    """Create the evaluations of every active ASN in the chosen units (and their sub-units) for a period.

    Idempotent: ASN who already have one are skipped, and the unique (periode, pegawai) constraint with
    ignore_conflicts makes a concurrent second run harmless. Records each ASN's current appraisers (the PPK and the
    atasan PPK, services_penilai.penilai_dari). Units whose evaluations are imported from e-Kinerja (their own choice
    or their parent's) get none: their results come in through the import.
    """
    unit_ids = set(unit_ids)
    if not unit_ids:
        raise ValidationError({"unit_ids": "Pilih paling sedikit satu unit kerja."})
    ditolak = [u for u in unit_ids if not mengelola_unit(user, u)]
    if ditolak:
        raise NotPermitted("Anda hanya dapat membuat evaluasi untuk unit kerja yang Anda kelola.")
    periode = Periode.objects.get(pk=periode_id)
    pastikan_dibuka(periode)
    pohon = list(UnitKerja.objects.values_list("id", "induk_id", "sumber_evaluasi"))
    sumber = ekinerja.sumber_per_unit(pohon)
    semua_unit = subtree(((pk, induk) for pk, induk, _ in pohon), unit_ids)
    unit_impor = {u for u in semua_unit if sumber.get(u) == ekinerja.IMPOR}
    diimpor = Pegawai.objects.filter(unit_kerja_id__in=unit_impor, aktif=True).count() if unit_impor else 0
    pegawai = Pegawai.objects.filter(unit_kerja_id__in=semua_unit - unit_impor, aktif=True)
    penilai = penilai_dari(pegawai)
    ids = sorted(penilai)
    sudah = set(
        EvaluasiKinerja.objects.filter(periode=periode, pegawai__in=pegawai).values_list("pegawai_id", flat=True)
    )
    skp = dict(SKP.objects.filter(tahun=periode.tahun, pegawai__in=pegawai).values_list("pegawai_id", "id"))
    baru = [
        EvaluasiKinerja(periode=periode, pegawai_id=pk, skp_id=skp.get(pk), **asdict(penilai[pk]))
        for pk in ids
        if pk not in sudah
    ]
    EvaluasiKinerja.objects.bulk_create(baru, batch_size=1000, ignore_conflicts=True)
    if baru:
        catat(
            user,
            "evaluasi_dibuat",
            periode,
            uraian=f"{angka(len(baru))} evaluasi dibuat, {angka(len(sudah))} sudah ada",
            ringkasan={
                "dibuat": len(baru),
                "sudah_ada": len(sudah),
                "diimpor": diimpor,
                "unit_ids": sorted(unit_ids),
            },
        )
    return HasilPembuatan(dibuat=len(baru), sudah_ada=len(sudah), diimpor=diimpor)


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
    pastikan_dibuka(periode)
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
    dikecualikan: int = 0  # K: evaluations not rated, left out with a reason
    jumlah_kurva: int = 0  # N: the evaluations the curve was judged on (final now or before)
    jumlah_unit: int = 0  # M: every evaluation of the unit


# At most this many names in a refusal; the page lists them all.
_NAMA_DALAM_PESAN = 10


def _daftar_nama(evaluasi: list[EvaluasiKinerja]) -> str:
    nama = [f"{e.pegawai.nama_lengkap} ({e.get_status_display()})" for e in evaluasi[:_NAMA_DALAM_PESAN]]
    if len(evaluasi) > _NAMA_DALAM_PESAN:
        nama.append(f"dan {angka(len(evaluasi) - _NAMA_DALAM_PESAN)} lainnya")
    return ", ".join(nama)


def _alasan_pengecualian(belum: list[EvaluasiKinerja], pengecualian: dict) -> dict[int, tuple[str, str]]:
    """Check the reasons given for the unit's evaluations not yet rated: one for each, a known code, a text for
    "Lainnya", and none for an evaluation that is not one of them. Returns evaluation id → (code, text)."""
    id_belum = {e.pk for e in belum}
    lain = sorted(set(pengecualian) - id_belum)
    if lain:
        raise WrongState(
            "Alasan pengecualian hanya untuk evaluasi unit ini yang belum dinilai; evaluasi "
            f"{', '.join(map(str, lain))} bukan salah satunya. Muat ulang halaman."
        )
    tanpa_alasan = [e for e in belum if e.pk not in pengecualian]
    if tanpa_alasan:
        raise WrongState(
            f"{angka(len(tanpa_alasan))} evaluasi unit ini belum dinilai dan belum diberi alasan pengecualian: "
            f"{_daftar_nama(tanpa_alasan)}. Nilai dulu evaluasinya, atau beri alasan untuk setiap pegawai tersebut."
        )
    hasil, galat = {}, {}
    for e in belum:
        kode, teks = pengecualian[e.pk]
        teks = (teks or "").strip()
        if kode not in EvaluasiDikecualikan.Alasan.values:
            galat[f"alasan_{e.pk}"] = f"Pilih alasan pengecualian untuk {e.pegawai.nama_lengkap}."
        elif kode == EvaluasiDikecualikan.Alasan.LAINNYA and not teks:
            galat[f"keterangan_{e.pk}"] = f"Jelaskan alasan lainnya untuk {e.pegawai.nama_lengkap}."
        hasil[e.pk] = (kode, teks)
    if galat:
        raise ValidationError(galat)
    return hasil


def _cakupan_kurva(n: int, m: int, k: int) -> str:
    return f"Kurva dinilai atas {angka(n)} dari {angka(m)} evaluasi unit; {angka(k)} dikecualikan dengan alasan."


@transaction.atomic
def finalkan_unit(
    user,
    periode_id: int,
    unit_id: int,
    *,
    alasan_pengecualian: str = "",
    versi: dict[int, int] | None = None,
    pengecualian: dict[int, tuple[str, str]] | None = None,
) -> HasilFinalisasi:
    """Finalise a unit (and its sub-units) for a period: HR staff of the unit only.

    The whole unit is judged: while any of its evaluations is not rated yet (Draf, Dikembalikan, Diajukan) the
    finalisation is refused, unless `pengecualian` (evaluation id → (EvaluasiDikecualikan.Alasan code, text))
    gives a reason for each of them. Those are recorded, left in their state and not finalised; rated later, a
    further finalisation of the unit finalises them (with reasons again for whoever is still not rated).
    The rated ones are finalised. The curve is judged on every evaluation of the unit that is final now or was
    before; a violation refuses unless `alasan_pengecualian` is given, and the override is logged.
    `versi` (evaluation id → version the page showed) refuses if any of them changed meanwhile.
    """
    unit = UnitKerja.objects.get(pk=unit_id)
    if not izin.can_finalise(user, unit):
        raise NotPermitted("Anda hanya dapat memfinalkan evaluasi unit kerja yang Anda kelola.")
    periode = Periode.objects.select_for_update().get(pk=periode_id)
    pastikan_dibuka(periode)
    organisasi = KinerjaOrganisasi.objects.filter(unit_kerja=unit, periode=periode).first()
    if organisasi is None:
        raise WrongState(f"Tetapkan dulu capaian kinerja organisasi {unit.nama} untuk periode {periode}.")
    # Lock the unit's open rows first so no rating changes between the checks and the update.
    terbuka = list(
        sel.evaluasi_unit(periode.pk, unit.pk)
        .exclude(status=Status.FINAL)
        .select_for_update(of=("self",))
        .select_related("pegawai__user")
        .order_by("pegawai__nama", "pegawai__nip")
    )
    if versi is not None:
        berubah = [e for e in terbuka if e.pk in versi and versi[e.pk] != e.versi]
        if berubah or set(versi) - {e.pk for e in terbuka}:
            raise VersionConflict("Sebagian evaluasi unit ini sudah diubah sejak halaman dibuka; muat ulang halaman.")
    calon = [e for e in terbuka if e.status == Status.DINILAI]
    belum = [e for e in terbuka if e.status in sel.STATUS_BELUM_DINILAI]
    if not calon:
        raise WrongState("Tidak ada evaluasi berstatus Dinilai yang dapat difinalkan di unit ini.")
    alasan_per_evaluasi = _alasan_pengecualian(belum, pengecualian or {})
    jumlah = sel.jumlah_predikat(periode.pk, unit.pk)
    n, k = sum(jumlah.values()), len(belum)
    m = n + k
    cakupan = _cakupan_kurva(n, m, k)
    pelanggaran = cek_kurva_distribusi(organisasi.capaian, jumlah, PengaturanKinerja.aktif().syarat_kurva())
    alasan = (alasan_pengecualian or "").strip()
    if pelanggaran and not alasan:
        raise PelanggaranKurva(
            f"Sebaran predikat unit ini melanggar kurva distribusi. {cakupan} Perbaiki penilaian, atau finalkan "
            "dengan pengecualian disertai alasan.",
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
        baris_riwayat(e, user, Aksi.DIFINALKAN, dari=Status.DINILAI, ke=Status.FINAL, alasan=catatan_alasan, pada=now)
        for e in calon
    )
    # The excluded stay as they are: a row per evaluation says why this finalisation left it out.
    dikecualikan = []
    for e in belum:
        kode, teks = alasan_per_evaluasi[e.pk]
        dikecualikan.append(
            EvaluasiDikecualikan(evaluasi=e, unit_kerja=unit, alasan=kode, keterangan=teks, oleh=user, pada=now)
        )
    EvaluasiDikecualikan.objects.bulk_create(dikecualikan)
    RiwayatEvaluasi.objects.bulk_create(
        baris_riwayat(
            d.evaluasi,
            user,
            Aksi.DIKECUALIKAN,
            dari=d.evaluasi.status,
            ke=d.evaluasi.status,
            alasan=_uraian_pengecualian(d, unit),
            pada=now,
        )
        for d in dikecualikan
    )
    pengecualian_kurva = None
    if pelanggaran:
        pengecualian_kurva = PengecualianKurva.objects.create(
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
            tautan=tautan_evaluasi(e),
            tindakan=Notifikasi.Tindakan.AKUI_EVALUASI,
            dibuat=now,
        )
        for e in calon
        if e.pegawai.user is not None
    )
    # One entry for the unit, not one per evaluation: the ids, the exclusions and a curve override's reason.
    catat(
        user,
        "unit_difinalkan",
        unit,
        {"status": [Status.DINILAI, Status.FINAL]},
        label=f"{unit.nama} — {periode}",
        uraian=" ".join(t for t in (cakupan if k else "", catatan_alasan) if t),
        ringkasan={
            "periode": str(periode),
            "difinalkan": len(calon),
            "evaluasi_ids": ids,
            "pelanggaran_kurva": pelanggaran,
            "kurva_atas": n,
            "evaluasi_unit": m,
            "dikecualikan": [
                {
                    "evaluasi_id": d.evaluasi_id,
                    "pegawai": d.evaluasi.pegawai.nama_lengkap,
                    "status": d.evaluasi.status,
                    "alasan": d.alasan,
                    "keterangan": d.keterangan,
                }
                for d in dikecualikan
            ],
        },
        pada=now,
    )
    unit_difinalkan.send(
        sender=EvaluasiKinerja, periode_id=periode.pk, unit_id=unit.pk, pegawai_ids=[e.pegawai_id for e in calon]
    )
    return HasilFinalisasi(
        difinalkan=len(calon),
        pelanggaran=pelanggaran,
        pengecualian=pengecualian_kurva,
        dikecualikan=k,
        jumlah_kurva=n,
        jumlah_unit=m,
    )


def _uraian_pengecualian(d: EvaluasiDikecualikan, unit: UnitKerja) -> str:
    teks = f"Dikecualikan dari finalisasi {unit.nama}: {d.get_alasan_display()}"
    return f"{teks} — {d.keterangan}" if d.keterangan else teks


@transaction.atomic
def simpan_pengaturan(
    user, *, batas_capaian, rumus_efisiensi_tinggi: bool, kurva: dict | None, rumus_waktu_biaya: str | None = None
) -> PengaturanKinerja:
    """Change the capaian cap, the time/cost formulas (`rumus_waktu_biaya` None keeps the current one), and the
    curve: administrators only. Capaian already stored keep the formula they were computed with."""
    if not izin.can_change_settings(user):
        raise NotPermitted("Hanya administrator yang dapat mengubah pengaturan kinerja.")
    pengaturan = PengaturanKinerja.aktif()
    lama = nilai_field(pengaturan, FIELD_AUDIT_PENGATURAN)
    pengaturan.batas_capaian = batas_capaian
    pengaturan.rumus_efisiensi_tinggi = rumus_efisiensi_tinggi
    if rumus_waktu_biaya is not None:
        pengaturan.rumus_waktu_biaya = rumus_waktu_biaya
    pengaturan.kurva = kurva or None
    pengaturan.full_clean()
    pengaturan.save()
    perubahan = selisih(lama, nilai_field(pengaturan, FIELD_AUDIT_PENGATURAN))
    if perubahan:
        catat(user, "pengaturan_kinerja_diubah", pengaturan, perubahan)
    return pengaturan
