"""Roll-ups: evaluation figures per unit (over its subtree) and per supervisor's team, per period.

Set-based: a few GROUP BY queries over all the periods asked for, subtree sums over the unit tree in Python
(units, not people), then one upsert. Running it twice gives the same rows, with a newer `dihitung_pada`.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from core.numbers import percent
from core.roles import administrators
from kinerja.models import (
    EvaluasiKinerja,
    KinerjaOrganisasi,
    Pegawai,
    PengaturanKinerja,
    Periode,
    RealisasiIndikator,
    UnitKerja,
)
from kinerja.notifikasi.services import beri_tahu
from kinerja.penilaian import predikat as rumus_predikat
from layanan.selectors import JumlahLayanan, jumlah_layanan_per_jenis

from .models import RekapKinerja, RekapLayanan, RekapTim, StatusRekap

Status = EvaluasiKinerja.Status
# In workflow order (the dashboards stack them so).
FIELD_STATUS = {
    Status.DRAFT: "jumlah_draft",
    Status.DIKEMBALIKAN: "jumlah_dikembalikan",
    Status.DIAJUKAN: "jumlah_diajukan",
    Status.DINILAI: "jumlah_dinilai",
    Status.FINAL: "jumlah_final",
}
FIELD_PREDIKAT = {p: f"jumlah_{p.lower()}" for p in rumus_predikat.PREDIKAT}
# The same states the finalise page counts for the curve (kinerja.penilaian.selectors.jumlah_predikat).
STATUS_BERPREDIKAT = (Status.DINILAI, Status.FINAL)
FIELD_ANGKA = ["jumlah_evaluasi", *FIELD_STATUS.values(), *FIELD_PREDIKAT.values()]
_SEN = Decimal("0.01")


def rata_rata(jumlah, banyak) -> Decimal | None:
    if not banyak:
        return None
    return (Decimal(jumlah) / Decimal(banyak)).quantize(_SEN, ROUND_HALF_UP)


class _Angka:
    """Counts of one group (a unit's own ASN, a subtree, a team) that add up across groups."""

    __slots__ = ("angka", "capaian_jumlah", "capaian_banyak")

    def __init__(self):
        self.angka = dict.fromkeys(FIELD_ANGKA, 0)
        self.capaian_jumlah = Decimal(0)
        self.capaian_banyak = 0

    def tambah(self, lain: "_Angka"):
        for f in FIELD_ANGKA:
            self.angka[f] += lain.angka[f]
        self.capaian_jumlah += lain.capaian_jumlah
        self.capaian_banyak += lain.capaian_banyak

    def field(self) -> dict:
        return {
            **self.angka,
            "persen_selesai": percent(self.angka["jumlah_final"], self.angka["jumlah_evaluasi"]),
            "rata_capaian": rata_rata(self.capaian_jumlah, self.capaian_banyak),
            "banyak_capaian": self.capaian_banyak,
        }

    def jumlah_predikat(self) -> dict[str, int]:
        return {p: self.angka[f] for p, f in FIELD_PREDIKAT.items() if self.angka[f]}


def _angka_per(kunci: str, periode_ids) -> dict[tuple[int, int], _Angka]:
    """(periode id, group id) → counts, grouping evaluations by `kunci` ("pegawai__unit_kerja_id" or "atasan_id")."""
    agregat = {f: Count("id", filter=Q(status=s)) for s, f in FIELD_STATUS.items()}
    agregat |= {f: Count("id", filter=Q(status__in=STATUS_BERPREDIKAT, predikat=p)) for p, f in FIELD_PREDIKAT.items()}
    hasil = defaultdict(_Angka)
    baris = (
        EvaluasiKinerja.objects.filter(periode_id__in=periode_ids)
        .values("periode_id", kunci)
        .annotate(jumlah_evaluasi=Count("id"), **agregat)
        .order_by()
    )
    for b in baris:
        angka = hasil[(b.pop("periode_id"), b.pop(kunci))]
        angka.angka.update(b)
    capaian = (
        RealisasiIndikator.objects.filter(evaluasi__periode_id__in=periode_ids, capaian__isnull=False)
        .values("evaluasi__periode_id", f"evaluasi__{kunci}")
        .annotate(jumlah=Sum("capaian"), banyak=Count("id"))
        .order_by()
    )
    for b in capaian:
        angka = hasil[(b["evaluasi__periode_id"], b[f"evaluasi__{kunci}"])]
        angka.capaian_jumlah, angka.capaian_banyak = b["jumlah"], b["banyak"]
    return hasil


def urutan_bawah_ke_atas(units: list[tuple[int, int | None]]) -> tuple[list[int], dict[int, list[int]]]:
    """Unit ids ordered so every unit comes after all its descendants, and the children of each unit."""
    anak = defaultdict(list)
    for pk, induk_id in units:
        anak[induk_id].append(pk)
    urutan, tumpukan = [], list(anak[None])
    while tumpukan:
        pk = tumpukan.pop()
        urutan.append(pk)
        tumpukan.extend(anak.get(pk, ()))
    urutan.reverse()
    return urutan, anak


def _angka_layanan(per_jenis, urutan, anak) -> dict[int, dict]:
    """Service figures per unit subtree: each service's totals added to its owning unit, summed up the tree."""
    per_unit = defaultdict(JumlahLayanan)
    for jenis, jumlah in per_jenis:
        per_unit[jenis.unit_kerja_id].tambah(jumlah)
    subtree, hasil = {}, {}
    for unit_id in urutan:
        jumlah = JumlahLayanan()
        if unit_id in per_unit:
            jumlah.tambah(per_unit[unit_id])
        for c in anak.get(unit_id, ()):
            jumlah.tambah(subtree[c])
        subtree[unit_id] = jumlah
        if jumlah.selesai:
            hasil[unit_id] = {
                "jumlah_permohonan": jumlah.selesai,
                "persen_tepat_waktu": jumlah.persen_tepat_waktu,
                "ikm": jumlah.ikm,
            }
    return hasil


@dataclass(frozen=True)
class HasilRekap:
    periode: int
    baris_unit: int
    baris_tim: int


@transaction.atomic
def hitung_rekap(periode_ids) -> HasilRekap:
    """Recompute the unit and team roll-ups of the given periods (every unit, with zeros where nothing is there).

    Each unit's row covers its subtree; the curve is checked with the unit's organisational rating when HR set
    one (kinerja.penilaian.predikat.cek_kurva_distribusi, with the agency's curve settings).
    """
    periode = list(Periode.objects.filter(pk__in=list(periode_ids)).order_by("pk"))
    ids = [p.pk for p in periode]
    if not ids:
        return HasilRekap(0, 0, 0)
    sekarang = timezone.now()
    urutan, anak = urutan_bawah_ke_atas(list(UnitKerja.objects.values_list("id", "induk_id")))
    pegawai_aktif = dict(
        Pegawai.objects.filter(aktif=True)
        .values("unit_kerja_id")
        .annotate(n=Count("id"))
        .values_list("unit_kerja_id", "n")
        .order_by()
    )
    per_unit = _angka_per("pegawai__unit_kerja_id", ids)
    organisasi = {
        (k.periode_id, k.unit_kerja_id): k.capaian for k in KinerjaOrganisasi.objects.filter(periode_id__in=ids)
    }
    kurva = PengaturanKinerja.aktif().syarat_kurva()

    baris_unit, baris_layanan = [], []
    for p in periode:
        # One grouped query over the period's completed requests: stored per service, and summed per unit.
        per_jenis = jumlah_layanan_per_jenis(p.mulai, p.selesai, urutan)
        baris_layanan += [
            RekapLayanan(
                jenis_layanan=jenis,
                periode_id=p.pk,
                selesai=jumlah.selesai,
                tepat_waktu=jumlah.tepat_waktu,
                responden=jumlah.responden,
                jumlah_unsur=jumlah.jumlah_unsur,
                dihitung_pada=sekarang,
            )
            for jenis, jumlah in per_jenis
        ]
        layanan = _angka_layanan(per_jenis, urutan, anak)
        subtree, jumlah_pegawai = {}, {}
        for unit_id in urutan:
            angka = _Angka()
            angka.tambah(per_unit.get((p.pk, unit_id)) or _Angka())
            n = pegawai_aktif.get(unit_id, 0)
            for c in anak.get(unit_id, ()):
                angka.tambah(subtree[c])
                n += jumlah_pegawai[c]
            subtree[unit_id], jumlah_pegawai[unit_id] = angka, n
            capaian_org = organisasi.get((p.pk, unit_id), "")
            pelanggaran = cek_kurva(capaian_org, angka.jumlah_predikat(), kurva)
            baris_unit.append(
                RekapKinerja(
                    unit_kerja_id=unit_id,
                    periode_id=p.pk,
                    jumlah_pegawai=n,
                    capaian_organisasi=capaian_org,
                    sesuai_kurva=None if pelanggaran is None else not pelanggaran,
                    pelanggaran_kurva="\n".join(pelanggaran or ()),
                    dihitung_pada=sekarang,
                    **angka.field(),
                    **layanan.get(unit_id, {}),
                )
            )
    field_unit = [
        *FIELD_ANGKA,
        "persen_selesai",
        "rata_capaian",
        "banyak_capaian",
        "jumlah_pegawai",
        "capaian_organisasi",
        "sesuai_kurva",
        "pelanggaran_kurva",
        "jumlah_permohonan",
        "persen_tepat_waktu",
        "ikm",
        "dihitung_pada",
    ]
    # One order for every writer, so two roll-ups of the same period queue behind each other, never deadlock.
    baris_unit.sort(key=lambda r: (r.periode_id, r.unit_kerja_id))
    RekapKinerja.objects.bulk_create(
        baris_unit,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["unit_kerja", "periode"],
        update_fields=field_unit,
    )

    baris_layanan.sort(key=lambda r: (r.periode_id, r.jenis_layanan_id))
    RekapLayanan.objects.bulk_create(
        baris_layanan,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["jenis_layanan", "periode"],
        update_fields=["selesai", "tepat_waktu", "responden", "jumlah_unsur", "dihitung_pada"],
    )

    per_tim = _angka_per("atasan_id", ids)
    baris_tim = sorted(
        (
            RekapTim(atasan_id=atasan_id, periode_id=periode_id, dihitung_pada=sekarang, **angka.field())
            for (periode_id, atasan_id), angka in per_tim.items()
            if atasan_id is not None
        ),
        key=lambda r: (r.periode_id, r.atasan_id),
    )
    RekapTim.objects.bulk_create(
        baris_tim,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["atasan", "periode"],
        update_fields=[*FIELD_ANGKA, "persen_selesai", "rata_capaian", "banyak_capaian", "dihitung_pada"],
    )
    # A supervisor who no longer rates anyone in the period (the PPK was changed) keeps no stale team row.
    RekapTim.objects.filter(periode_id__in=ids).exclude(dihitung_pada=sekarang).delete()
    _catat_status(ids, dihitung_pada=sekarang)
    return HasilRekap(len(ids), len(baris_unit), len(baris_tim))


def _catat_status(periode_ids, **waktu) -> None:
    """Stamp the periods' roll-up status (diminta_pada, dihitung_pada or gagal_pada, with galat) in one upsert."""
    StatusRekap.objects.bulk_create(
        [StatusRekap(periode_id=pk, **waktu) for pk in sorted(periode_ids)],
        update_conflicts=True,
        unique_fields=["periode"],
        update_fields=list(waktu),
    )


def minta_rekap(periode_id: int) -> None:
    """A period's figures changed (a unit was finalised): its dashboards say so until the roll-up has run again.

    Called inside the change's transaction, so the mark commits with it; the roll-up it queues runs after.
    """
    _catat_status([periode_id], diminta_pada=timezone.now())


@transaction.atomic
def catat_rekap_gagal(periode_ids, exc: BaseException) -> list[int]:
    """A roll-up failed for good (after its retries): record it on the periods, for the dashboards, the admin and
    /healthz, and tell the administrators in the app once per failure (not again while it keeps failing).
    Returns the ids of the periods that were not failing before."""
    ids = sorted(set(periode_ids))
    sudah = {s.periode_id for s in StatusRekap.objects.filter(periode_id__in=ids) if s.gagal}
    _catat_status(ids, gagal_pada=timezone.now(), galat=f"{type(exc).__name__}: {exc}"[:2000])
    baru = [pk for pk in ids if pk not in sudah]
    if baru:
        nama = ", ".join(str(p) for p in Periode.objects.filter(pk__in=baru).order_by("mulai"))
        for user in administrators():
            beri_tahu(
                user,
                "Rekap kinerja gagal dihitung",
                f"Rekap periode {nama} gagal dihitung setelah beberapa kali dicoba; dasbor masih menampilkan "
                "angka hitungan sebelumnya. Lihat Status rekap di halaman admin.",
                "/admin/rekap/statusrekap/",
            )
    return baru


def cek_kurva(capaian_organisasi: str, jumlah: dict[str, int], kurva) -> list[str] | None:
    """Curve violations for a unit, or None when there is nothing to check: no organisational rating or no
    rated evaluation yet."""
    if not capaian_organisasi or not jumlah:
        return None
    return rumus_predikat.cek_kurva_distribusi(capaian_organisasi, jumlah, kurva)


def periode_perlu_rekap():
    """Periods the nightly run recomputes: open ones, never computed ones, and ones closed since their last roll-up.

    A closed period's evaluations are read-only, so its roll-up is computed once after closing and then kept.
    """
    rekap = RekapKinerja.objects.filter(periode=OuterRef("pk"))
    return Periode.objects.filter(
        Q(status=Periode.Status.DIBUKA)
        | ~Exists(rekap)
        | Exists(rekap.filter(dihitung_pada__lt=OuterRef("ditutup_pada")))
    ).values_list("pk", flat=True)


def hitung_rekap_terjadwal() -> HasilRekap:
    """The nightly roll-up (01:00 WITA): every period whose figures may have changed."""
    return hitung_rekap(list(periode_perlu_rekap()))
