"""The evaluation's workflow (PermenPANRB 6/2022): filling the realisation, submitting, rating, returning and
acknowledging, and the performance dialog; the transition table and the helpers the period and SKP services share.

Every function is one transaction and checks, on the server, who acts (role) and when (state), refusing with
the exceptions of core.errors: NotPermitted (role), WrongState (state or period),
VersionConflict (someone saved first), and Django's ValidationError (bad input, keyed by field).

Evaluation writes take the `versi` the user read. The version is claimed first with one atomic
`UPDATE ... WHERE versi = X`: under concurrency exactly one writer wins, the other gets VersionConflict, and a
refusal later in the function rolls the claim back with everything else.
"""

from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from audit.services import angka, catat, selisih
from core.errors import NotPermitted, VersionConflict, WrongState
from kinerja.notifikasi.models import Notifikasi
from kinerja.notifikasi.services import beri_tahu, tandai_ditindaklanjuti
from kinerja.pegawai.models import Pegawai
from kinerja.pegawai.permissions import peran

from . import hasil_kerja as rumus_hasil_kerja
from . import permissions as izin
from . import predikat as rumus_predikat
from . import selectors_hasil_kerja as sel_hasil
from .models import (
    PANJANG_NARASI,
    BagianDiisiPegawai,
    DialogKinerja,
    EvaluasiKinerja,
    PerilakuKerja,
    Periode,
    RealisasiIndikator,
    RiwayatEvaluasi,
    UmpanBalikRHK,
)
from .models_rencana_aksi import PANJANG_RENCANA_AKSI, RencanaAksi
from .models_skp import SKP, IndikatorKinerja
from .models_unit import PengaturanKinerja
from .services_penilai import penilai_dari

Status = EvaluasiKinerja.Status
Aksi = RiwayatEvaluasi.Aksi
Tindakan = Notifikasi.Tindakan
# The evaluation's transition table: the states each action starts from. Roles are in permissions.py.
STATUS_ASAL = {
    "rencana": EvaluasiKinerja.STATUS_DAPAT_DIISI,
    "isi": EvaluasiKinerja.STATUS_DAPAT_DIISI,
    "ajukan": EvaluasiKinerja.STATUS_DAPAT_DIISI,
    "tarik": (Status.DIAJUKAN,),
    "nilai": (Status.DIAJUKAN, Status.DINILAI),
    "kembalikan": (Status.DIAJUKAN, Status.DINILAI),
    "finalkan": (Status.DINILAI,),
    "akui": (Status.FINAL,),
}
_PERAN_AKSI = {
    "rencana": izin.can_fill,
    "isi": izin.can_fill,
    "ajukan": izin.can_fill,
    "tarik": izin.can_fill,
    "nilai": izin.can_record_rating,
    "kembalikan": izin.can_rate,
    "finalkan": lambda user, ev: izin.can_finalise(user, ev.pegawai.unit_kerja),
    "akui": izin.can_acknowledge,
}
_NAMA_AKSI = {
    "rencana": "mengisi rencana aksi",
    "isi": "mengisi realisasi",
    "ajukan": "mengajukan",
    "tarik": "menarik kembali",
    "nilai": "menilai",
    "kembalikan": "mengembalikan",
    "finalkan": "memfinalkan",
    "akui": "menerima hasil",
}


def aksi_tersedia(user, evaluasi: EvaluasiKinerja) -> set[str]:
    """The actions the user may take on the evaluation now (role and state, open period): for the pages' buttons."""
    if evaluasi.diimpor or (not evaluasi.periode.dibuka and not evaluasi.final):
        return set()
    return {
        aksi
        for aksi, asal in STATUS_ASAL.items()
        if evaluasi.status in asal
        and _PERAN_AKSI[aksi](user, evaluasi)
        and (aksi != "akui" or not evaluasi.diakui_pada)
    }


# --- helpers -------------------------------------------------------------------------------------------------


def nama_pengguna(user) -> str:
    if user is None:
        return "pengguna lain"
    pegawai = Pegawai.objects.filter(user=user).only("nama").first()
    return pegawai.nama if pegawai else user.get_username()


def waktu_wita(dt) -> str:
    return f"{timezone.localtime(dt):%d-%m-%Y %H:%M} WITA"


def wajib_diisi(teks: str, field: str, pesan: str) -> str:
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({field: pesan})
    return teks


def pastikan_dibuka(periode: Periode):
    if not periode.dibuka:
        raise WrongState(f"Periode {periode} sudah ditutup: data periode ini hanya dapat dibaca.")


def _pastikan_status(evaluasi: EvaluasiKinerja, aksi: str):
    if evaluasi.diimpor:
        raise WrongState("Evaluasi ini hasil impor e-Kinerja BKN: di aplikasi ini hanya dapat dibaca.")
    if evaluasi.status not in STATUS_ASAL[aksi]:
        boleh = ", ".join(Status(s).label for s in STATUS_ASAL[aksi])
        raise WrongState(
            f"Tidak dapat {_NAMA_AKSI[aksi]} evaluasi berstatus {evaluasi.get_status_display()} (hanya: {boleh})."
        )


def tautan_evaluasi(evaluasi: EvaluasiKinerja) -> str:
    """The evaluation's page: where its notifications point, and so what says which evaluation they are about."""
    return reverse("evaluasi_detail", args=[evaluasi.pk])


def tautan_skp(skp: SKP) -> str:
    """The SKP's page, likewise for the SKP's notifications."""
    return reverse("skp_detail", args=[skp.pk])


def _ambil_evaluasi(evaluasi_id: int) -> EvaluasiKinerja:
    return EvaluasiKinerja.objects.select_related(
        "periode", "pegawai__unit_kerja", "pegawai__user", "atasan__user", "penilai_luar__user"
    ).get(pk=evaluasi_id)


def _klaim_versi(evaluasi_id: int, versi: int, user) -> None:
    """Claim the version the user read; refuse, naming who saved first, if it is stale."""
    now = timezone.now()
    diklaim = EvaluasiKinerja.objects.filter(pk=evaluasi_id, versi=versi).update(
        versi=F("versi") + 1, diubah_oleh=user, diubah_pada=now
    )
    if not diklaim:
        terkini = EvaluasiKinerja.objects.select_related("diubah_oleh").get(pk=evaluasi_id)
        kapan = waktu_wita(terkini.diubah_pada) if terkini.diubah_pada else "baru saja"
        raise VersionConflict(
            f"Evaluasi ini sudah diubah oleh {nama_pengguna(terkini.diubah_oleh)} pada {kapan}; muat ulang halaman."
        )


def _mulai_aksi(user, evaluasi_id: int, versi: int, aksi: str) -> EvaluasiKinerja:
    """Check the role on the record, claim the version, then check period and state on the locked row."""
    evaluasi = _ambil_evaluasi(evaluasi_id)
    if not _PERAN_AKSI[aksi](user, evaluasi):
        raise NotPermitted(f"Anda tidak berwenang {_NAMA_AKSI[aksi]} evaluasi ini.")
    _klaim_versi(evaluasi.pk, versi, user)
    evaluasi = _ambil_evaluasi(evaluasi_id)
    if aksi != "akui":
        pastikan_dibuka(evaluasi.periode)
    _pastikan_status(evaluasi, aksi)
    return evaluasi


def baris_riwayat(evaluasi, user, aksi, *, dari="", ke="", field="", lama="", baru="", alasan="", pada=None):
    return RiwayatEvaluasi(
        evaluasi=evaluasi,
        oleh=user,
        pada=pada or timezone.now(),
        aksi=aksi,
        dari_status=dari,
        ke_status=ke,
        # What changed, as the history names it: an indicator's text can be longer than the column.
        field=Truncator(field).chars(RiwayatEvaluasi._meta.get_field("field").max_length),
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
    baris_riwayat(evaluasi, user, aksi, dari=dari, ke=ke, alasan=alasan).save()
    perubahan = {"status": [dari, ke]}
    if skor_lama:
        perubahan |= selisih(skor_lama, {f: getattr(evaluasi, f) for f in skor_lama})
    catat(user, f"evaluasi_{aksi.lower()}", evaluasi, perubahan, uraian=alasan)


# --- the evaluation ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IsianRealisasi:
    """One indicator's realisation as entered in the form. None for the evidence keeps what is stored; a new
    upload replaces the file, and "" clears the link."""

    indikator_id: int
    realisasi: object
    bukti_tautan: str | None = None
    bukti_berkas: object = None
    narasi: str | None = None  # None keeps what is stored


def _skp_disetujui(evaluasi: EvaluasiKinerja) -> SKP:
    skp = evaluasi.skp or SKP.objects.filter(pegawai_id=evaluasi.pegawai_id, tahun=evaluasi.periode.tahun).first()
    if skp is None or skp.status != SKP.Status.DISETUJUI:
        raise WrongState(f"SKP {evaluasi.periode.tahun} pegawai ini belum disetujui pejabat penilai kinerja.")
    return skp


def _skp_evaluasi(evaluasi: EvaluasiKinerja) -> SKP:
    """The approved SKP the evaluation is filled against, linked to it if it was approved after its creation."""
    skp = _skp_disetujui(evaluasi)
    if evaluasi.skp_id != skp.pk:
        evaluasi.skp = skp
        evaluasi.save(update_fields=["skp"])
    return skp


def _diisi_sebagai(user, evaluasi: EvaluasiKinerja) -> str:
    """Whether the ASN writes their own evaluation, or HR staff on their behalf."""
    if peran(user).pegawai == evaluasi.pegawai:
        return BagianDiisiPegawai.DiisiSebagai.PEGAWAI
    return BagianDiisiPegawai.DiisiSebagai.PENGELOLA


def _uraian_atas_nama(sebagai: str) -> str:
    return "Diisi pengelola kinerja atas nama pegawai." if sebagai == BagianDiisiPegawai.DiisiSebagai.PENGELOLA else ""


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
    skp = _skp_evaluasi(evaluasi)
    indikator = {i.pk: i for i in IndikatorKinerja.objects.filter(rhk__skp=skp)}
    lama = {r.indikator_id: r for r in evaluasi.realisasi.all()}
    sebagai = _diisi_sebagai(user, evaluasi)
    pengaturan = PengaturanKinerja.aktif()
    sudah_diajukan = evaluasi.diajukan_pada is not None
    now = timezone.now()
    riwayat = []
    perubahan = {}
    for item in isian:
        field = f"realisasi_{item.indikator_id}"
        if item.indikator_id not in indikator:
            raise ValidationError({field: "Indikator ini bukan bagian dari SKP evaluasi ini."})
        kualitatif = indikator[item.indikator_id].kualitatif
        # A qualitative indicator has no figure: its narrative is the realisation.
        nilai = None if kualitatif else _desimal(item.realisasi, field)
        baris = lama.get(item.indikator_id) or RealisasiIndikator(
            evaluasi=evaluasi, indikator=indikator[item.indikator_id]
        )
        sebelum = baris.realisasi if baris.pk else None
        baris.indikator = indikator[item.indikator_id]
        baris.realisasi = nilai
        narasi_lama = baris.narasi
        if item.narasi is not None:
            baris.narasi = item.narasi.strip()
            if len(baris.narasi) > PANJANG_NARASI:
                raise ValidationError(
                    {f"{field}_narasi": f"Uraian realisasi paling panjang {PANJANG_NARASI} karakter."}
                )
        if kualitatif and not baris.narasi:
            raise ValidationError({f"{field}_narasi": "Uraikan realisasi indikator kualitatif ini."})
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
        if narasi_lama != baris.narasi:
            perubahan[f"uraian realisasi: {baris.indikator}"] = [narasi_lama, baris.narasi]
        if sudah_diajukan and (sebelum != nilai or (kualitatif and narasi_lama != baris.narasi)):
            riwayat.append(
                baris_riwayat(
                    evaluasi,
                    user,
                    Aksi.NILAI_DIUBAH,
                    field=f"realisasi: {baris.indikator}",
                    lama=narasi_lama if kualitatif else angka(sebelum),
                    baru=baris.narasi if kualitatif else angka(nilai),
                )
            )
    RiwayatEvaluasi.objects.bulk_create(riwayat)
    if perubahan:
        catat(user, "evaluasi_realisasi", evaluasi, perubahan, uraian=_uraian_atas_nama(sebagai))
    return _ambil_evaluasi(evaluasi.pk)


@transaction.atomic
def isi_rencana_aksi(user, evaluasi_id: int, versi: int, rencana: dict[int, str]) -> EvaluasiKinerja:
    """Write the rencana aksi of the evaluation's RHK (RHK id → text; an empty text removes it): what the ASN plans
    to do in the period, written at its start and shown to the PPK beside the realisation. The ASN, or HR staff on
    their behalf (recorded as such), while the evaluation can be filled; each change is audited."""
    evaluasi = _mulai_aksi(user, evaluasi_id, versi, "rencana")
    daftar_rhk = {r.pk: r for r in _skp_evaluasi(evaluasi).rhk.all()}
    galat, baru = {}, {}
    for rhk_id, teks in rencana.items():
        field = f"rencana_{rhk_id}"
        baru[rhk_id] = (teks or "").strip()
        if rhk_id not in daftar_rhk:
            galat[field] = "RHK ini bukan bagian dari SKP evaluasi ini."
        elif len(baru[rhk_id]) > PANJANG_RENCANA_AKSI:
            galat[field] = f"Rencana aksi paling panjang {PANJANG_RENCANA_AKSI} karakter."
    if galat:
        raise ValidationError(galat)
    sebagai = _diisi_sebagai(user, evaluasi)
    lama = {r.rhk_id: r for r in evaluasi.rencana_aksi.all()}
    perubahan = {}
    for rhk_id, teks in baru.items():
        baris = lama.get(rhk_id)
        sebelum = baris.rencana if baris else ""
        if teks == sebelum:
            continue
        perubahan[f"rencana aksi: {daftar_rhk[rhk_id]}"] = [sebelum, teks]
        if not teks:
            baris.delete()
            continue
        baris = baris or RencanaAksi(evaluasi=evaluasi, rhk=daftar_rhk[rhk_id])
        baris.rencana, baris.diisi_oleh, baris.diisi_sebagai, baris.diisi_pada = teks, user, sebagai, timezone.now()
        baris.save()
    if perubahan:
        catat(user, "evaluasi_rencana_aksi", evaluasi, perubahan, uraian=_uraian_atas_nama(sebagai))
    return _ambil_evaluasi(evaluasi.pk)


@transaction.atomic
def ajukan_evaluasi(user, evaluasi_id: int, versi: int) -> EvaluasiKinerja:
    """Submit an evaluation to the PPK (the ASN or HR staff): every indicator of the approved SKP needs a
    realisation, and the evaluation needs a PPK: one named on the roster since it was created is taken now."""
    evaluasi = _mulai_aksi(user, evaluasi_id, versi, "ajukan")
    skp = _skp_disetujui(evaluasi)
    if evaluasi.pejabat_penilai is None:
        penilai = penilai_dari(Pegawai.objects.filter(pk=evaluasi.pegawai_id))[evaluasi.pegawai_id]
        if not penilai.ada_ppk:
            raise WrongState(
                "Evaluasi ini belum memiliki pejabat penilai kinerja. Pengelola kinerja dapat menetapkannya di "
                "halaman pegawai (Pejabat penilai kinerja)."
            )
        for field, isi in asdict(penilai).items():
            setattr(evaluasi, field, isi)
    kosong = IndikatorKinerja.objects.filter(rhk__skp=skp).exclude(realisasi__evaluasi=evaluasi).count()
    if kosong:
        raise ValidationError(f"Masih ada {kosong} indikator yang belum diisi realisasinya.")
    _pindah(evaluasi, user, Status.DIAJUKAN, Aksi.DIAJUKAN, skp=skp, diajukan_pada=timezone.now())
    tautan = tautan_evaluasi(evaluasi)
    tandai_ditindaklanjuti(user, Tindakan.AJUKAN_EVALUASI, tautan)
    beri_tahu(
        evaluasi.pejabat_penilai.user,
        f"Evaluasi {evaluasi.periode} {evaluasi.pegawai.nama} menunggu penilaian",
        tautan=tautan,
        tindakan=Tindakan.NILAI_EVALUASI,
    )
    return evaluasi


def galat_umpan_balik_perilaku(rating_perilaku_kerja: str, umpan_balik: dict[str, str]) -> dict[str, str]:
    """The field error of each BerAKHLAK value whose feedback the perilaku kerja rating requires but is empty."""
    if not rumus_predikat.umpan_balik_perilaku_wajib(rating_perilaku_kerja):
        return {}
    rating = EvaluasiKinerja.Rating(rating_perilaku_kerja).label
    return {
        f"perilaku_{n.value}": f"Umpan balik untuk nilai {n.label} wajib diisi karena rating perilaku kerja {rating}."
        for n in PerilakuKerja.Nilai
        if not (umpan_balik.get(n.value) or "").strip()
    }


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
    berkas_penilaian=None,
    penilaian_kualitatif: dict[int, str] | None = None,
    alasan_rating_pimpinan: str = "",
) -> EvaluasiKinerja:
    """Rate a submitted evaluation (its PPK only): feedback on every RHK and, where the perilaku kerja rating needs
    it (predikat.umpan_balik_perilaku_wajib), on every BerAKHLAK value, the two ratings, and the predikat from the
    regulation's matrix. Re-rating an already rated one needs a reason; every changed score is logged old → new.

    HR of the unit may record the rating of a PPK outside the roster on their behalf: then the signed paper
    (berkas_penilaian) is required, kept with the evaluation, and the history and audit say so.

    Every qualitative indicator gets the appraiser's mark (penilaian_kualitatif: indicator id → rating). The head of
    a unit whose organisational performance HR has set is rated as SE MenPANRB 3/2023 ties it
    (hasil_kerja.rating_pimpinan); another rating needs alasan_rating_pimpinan, logged in the history."""
    evaluasi = _mulai_aksi(user, evaluasi_id, versi, "nilai")
    galat = {}
    atas_nama = not izin.can_rate(user, evaluasi)
    if atas_nama and not berkas_penilaian:
        galat["berkas_penilaian"] = "Unggah dokumen penilaian yang telah ditandatangani pejabat penilai kinerja."
    elif atas_nama:
        evaluasi.berkas_penilaian = berkas_penilaian
        try:
            evaluasi.clean_fields(
                exclude=[f.name for f in EvaluasiKinerja._meta.fields if f.name != "berkas_penilaian"]
            )
        except ValidationError as exc:
            galat |= exc.message_dict
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
    galat |= galat_umpan_balik_perilaku(rating_perilaku_kerja, umpan_balik_perilaku)
    menilai_ulang = evaluasi.status == Status.DINILAI
    if menilai_ulang and not (alasan or "").strip():
        galat["alasan"] = "Alasan mengubah penilaian wajib diisi."
    realisasi_kualitatif = list(
        evaluasi.realisasi.filter(indikator__jenis_target=IndikatorKinerja.JenisTarget.KUALITATIF).select_related(
            "indikator"
        )
    )
    penilaian_kualitatif = {int(k): v for k, v in (penilaian_kualitatif or {}).items()}
    for r in realisasi_kualitatif:
        if penilaian_kualitatif.get(r.indikator_id) not in EvaluasiKinerja.Rating.values:
            galat[f"kualitatif_{r.indikator_id}"] = "Tandai realisasi indikator kualitatif ini terhadap ekspektasinya."
    organisasi = sel_hasil.kinerja_organisasi_dipimpin(evaluasi)
    alasan_rating_pimpinan = (alasan_rating_pimpinan or "").strip()
    menyimpang = organisasi is not None and rating_hasil_kerja in EvaluasiKinerja.Rating.values
    menyimpang = menyimpang and rumus_hasil_kerja.perlu_alasan_pimpinan(organisasi.capaian, rating_hasil_kerja)
    if menyimpang and not alasan_rating_pimpinan:
        seharusnya = EvaluasiKinerja.Rating(rumus_hasil_kerja.rating_pimpinan(organisasi.capaian)).label
        galat["alasan_rating_pimpinan"] = (
            f"Capaian kinerja organisasi {organisasi.unit_kerja.nama} {organisasi.get_capaian_display()}: rating "
            f"hasil kerja pimpinannya {seharusnya} (SE MenPANRB 3/2023). Tulis alasan bila memilih rating lain."
        )
    if galat:
        raise ValidationError(galat)
    if atas_nama:
        dicatat = (
            f"Penilaian {evaluasi.penilai_luar.nama} dicatat oleh pengelola kinerja berdasarkan dokumen penilaian "
            "bertanda tangan."
        )
        alasan = f"{dicatat} {alasan.strip()}".strip()

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
        baris_riwayat(
            evaluasi, user, Aksi.NILAI_DIUBAH, field=f, lama=lama, baru=getattr(evaluasi, f), alasan=alasan.strip()
        )
        for f, lama in skor_lama.items()
        if lama != getattr(evaluasi, f)
    )
    if menyimpang:
        baris_riwayat(
            evaluasi,
            user,
            Aksi.RATING_PIMPINAN_BEDA,
            field="rating_hasil_kerja",
            lama=rumus_hasil_kerja.rating_pimpinan(organisasi.capaian),
            baru=rating_hasil_kerja,
            alasan=f"Capaian kinerja organisasi {organisasi.unit_kerja.nama}: {organisasi.get_capaian_display()}. "
            f"{alasan_rating_pimpinan}",
        ).save()
    for r in realisasi_kualitatif:
        tanda = penilaian_kualitatif[r.indikator_id]
        if r.penilaian_kualitatif != tanda:
            if menilai_ulang:
                baris_riwayat(
                    evaluasi,
                    user,
                    Aksi.NILAI_DIUBAH,
                    field=f"penilaian kualitatif: {r.indikator}",
                    lama=EvaluasiKinerja.Rating(r.penilaian_kualitatif).label if r.penilaian_kualitatif else "",
                    baru=EvaluasiKinerja.Rating(tanda).label,
                    alasan=alasan.strip(),
                ).save()
            RealisasiIndikator.objects.filter(pk=r.pk).update(penilaian_kualitatif=tanda)
    UmpanBalikRHK.objects.filter(evaluasi=evaluasi).delete()
    UmpanBalikRHK.objects.bulk_create(
        UmpanBalikRHK(evaluasi=evaluasi, rhk=r, umpan_balik=umpan_balik_rhk[r.pk]) for r in daftar_rhk
    )
    # A value left without feedback (allowed after Sesuai Ekspektasi) has no row.
    PerilakuKerja.objects.filter(evaluasi=evaluasi).delete()
    PerilakuKerja.objects.bulk_create(
        PerilakuKerja(evaluasi=evaluasi, nilai=n.value, umpan_balik=umpan_balik_perilaku[n.value])
        for n in PerilakuKerja.Nilai
        if umpan_balik_perilaku.get(n.value)
    )
    tautan = tautan_evaluasi(evaluasi)
    tandai_ditindaklanjuti(user, Tindakan.NILAI_EVALUASI, tautan)
    beri_tahu(evaluasi.pegawai.user, f"Evaluasi {evaluasi.periode} Anda telah dinilai", tautan=tautan)
    return evaluasi


@transaction.atomic
def tarik_evaluasi(user, evaluasi_id: int, versi: int) -> EvaluasiKinerja:
    """Withdraw a submitted evaluation before its PPK has rated it (the ASN, or HR staff who fill on their
    behalf): back to Draf, to be corrected and submitted again. The PPK is told it no longer waits for them."""
    evaluasi = _mulai_aksi(user, evaluasi_id, versi, "tarik")
    _pindah(evaluasi, user, Status.DRAFT, Aksi.DITARIK, diajukan_pada=None)
    beri_tahu(
        evaluasi.pejabat_penilai.user if evaluasi.pejabat_penilai else None,
        f"Evaluasi {evaluasi.periode} {evaluasi.pegawai.nama} ditarik kembali",
        "Pegawai menarik kembali pengajuannya untuk diperbaiki; evaluasi ini tidak lagi menunggu penilaian Anda.",
        tautan_evaluasi(evaluasi),
    )
    return evaluasi


@transaction.atomic
def kembalikan_evaluasi(user, evaluasi_id: int, versi: int, alasan: str) -> EvaluasiKinerja:
    """Return a submitted (or rated) evaluation to the ASN with a reason: its PPK only."""
    alasan = wajib_diisi(alasan, "alasan", "Alasan pengembalian wajib diisi.")
    evaluasi = _mulai_aksi(user, evaluasi_id, versi, "kembalikan")
    _pindah(evaluasi, user, Status.DIKEMBALIKAN, Aksi.DIKEMBALIKAN, alasan, alasan_pengembalian=alasan)
    tautan = tautan_evaluasi(evaluasi)
    tandai_ditindaklanjuti(user, Tindakan.NILAI_EVALUASI, tautan)
    beri_tahu(
        evaluasi.pegawai.user,
        f"Evaluasi {evaluasi.periode} Anda dikembalikan",
        alasan,
        tautan,
        tindakan=Tindakan.AJUKAN_EVALUASI,
    )
    return evaluasi


@transaction.atomic
def akui_evaluasi(user, evaluasi_id: int, versi: int) -> EvaluasiKinerja:
    """The ASN acknowledges their final result (once); the only write a final evaluation accepts."""
    evaluasi = _mulai_aksi(user, evaluasi_id, versi, "akui")
    if evaluasi.diakui_pada:
        raise WrongState(f"Hasil evaluasi ini sudah Anda terima pada {waktu_wita(evaluasi.diakui_pada)}.")
    evaluasi.diakui_pada = timezone.now()
    evaluasi.save(update_fields=["diakui_pada"])
    baris_riwayat(evaluasi, user, Aksi.DIAKUI, dari=Status.FINAL, ke=Status.FINAL).save()
    catat(user, "evaluasi_diakui", evaluasi, {"diakui_pada": [None, evaluasi.diakui_pada]})
    tandai_ditindaklanjuti(user, Tindakan.AKUI_EVALUASI, tautan_evaluasi(evaluasi))
    return evaluasi


# --- continuous feedback and notifications --------------------------------------------------------------------


@transaction.atomic
def kirim_dialog(user, *, isi: str, skp_id: int | None = None, evaluasi_id: int | None = None) -> DialogKinerja:
    """Post a note in the performance dialog of an SKP or an evaluation (the ASN or their supervisor); the other
    side is notified in the app."""
    if (skp_id is None) == (evaluasi_id is None):
        raise ValueError("Sebutkan tepat satu: skp_id atau evaluasi_id.")
    isi = wajib_diisi(isi, "isi", "Catatan tidak boleh kosong.")
    if skp_id is not None:
        skp = SKP.objects.select_related(
            "pegawai__user", "pegawai__atasan__user", "pegawai__penilai__user", "pegawai__penilai_luar__user"
        ).get(pk=skp_id)
        pegawai, atasan, tautan = skp.pegawai, skp.pegawai.pejabat_penilai, tautan_skp(skp)
        judul = f"Catatan baru pada SKP {skp.tahun}"
    else:
        evaluasi = _ambil_evaluasi(evaluasi_id)
        pegawai, atasan, tautan = evaluasi.pegawai, evaluasi.pejabat_penilai, tautan_evaluasi(evaluasi)
        judul = f"Catatan baru pada evaluasi {evaluasi.periode}"
    pihak = izin.pihak_dialog(user, pegawai, atasan)
    if pihak is None:
        raise NotPermitted("Dialog kinerja hanya antara pegawai dan pejabat penilai kinerjanya.")
    dialog = DialogKinerja.objects.create(skp_id=skp_id, evaluasi_id=evaluasi_id, penulis=user, isi=isi)
    penerima = atasan if pihak == "pegawai" else pegawai
    if penerima is not None:
        beri_tahu(penerima.user, f"{judul} dari {nama_pengguna(user)}", isi[:200], tautan)
    return dialog
