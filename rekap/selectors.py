"""Read queries of the dashboards: they read the roll-ups (RekapKinerja, RekapTim), never the evaluations of a
whole organisation, and each runs a fixed number of queries whatever the size of the tree."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, F, FilteredRelation, Q
from django.utils import timezone

from core.numbers import percent
from kinerja.models import EvaluasiKinerja, PengaturanKinerja, Periode, UnitKerja, subtree
from kinerja.pegawai.permissions import peran
from layanan.models import JenisLayanan
from layanan.selectors import JumlahLayanan

from .models import PengingatTerkirim, RekapKinerja, RekapTim, StatusRekap
from .permissions import unit_rekap_visible_to
from .services import FIELD_ANGKA, rata_rata


def daftar_periode() -> list[Periode]:
    """Every period, newest first, for the filter."""
    return list(Periode.objects.order_by("-mulai", "-pk"))


def status_rekap(periode: Periode | None) -> StatusRekap | None:
    """Whether the period's roll-ups are current (None: never asked for, computed or failed)."""
    return StatusRekap.objects.filter(periode=periode).first() if periode else None


# A roll-up asked for (a unit finalised) and not computed within this long: its task was lost or is stuck.
BATAS_TERTINGGAL = datetime.timedelta(minutes=30)


def keadaan_rekap() -> str:
    """For /healthz: "gagal" while a period's roll-up has failed for good, "tertinggal" while one asked for more
    than BATAS_TERTINGGAL ago has not run, else "ok"."""
    belum_dihitung = Q(dihitung_pada__isnull=True)
    gagal = Q(gagal_pada__isnull=False) & (belum_dihitung | Q(gagal_pada__gt=F("dihitung_pada")))
    if StatusRekap.objects.filter(gagal).exists():
        return "gagal"
    lama = StatusRekap.objects.filter(diminta_pada__lt=timezone.now() - BATAS_TERTINGGAL)
    if lama.filter(belum_dihitung | Q(diminta_pada__gt=F("dihitung_pada"))).exists():
        return "tertinggal"
    return "ok"


@dataclass
class DasborOrganisasi:
    unit: UnitKerja | None  # None: the top of what the user may see
    rekap: RekapKinerja | None  # the selected unit's row (or the sum of the top units')
    baris: list[RekapKinerja]  # the rows below it (sub-units, or the user's top units)
    jalur: list[UnitKerja]  # breadcrumb from the top the user may see to the selected unit
    tren: list[RekapKinerja]  # the selected unit's rows across periods, oldest first
    pilihan_unit: list[tuple[int, str]] = field(default_factory=list)
    unit_ids: set[int] = field(default_factory=set)  # every unit the dashboard covers (the subtree shown)

    @property
    def dihitung_pada(self):
        waktu = [r.dihitung_pada for r in ([self.rekap] if self.rekap else []) + self.baris]
        return min(waktu) if waktu else None

    @property
    def ada_layanan(self) -> bool:
        return any(r.ikm is not None or r.persen_tepat_waktu is not None for r in self.baris)


def dasbor_organisasi(user, periode: Periode, unit_id=None) -> DasborOrganisasi:
    """The organisation dashboard for a period: the selected unit (or the user's top units) and the units below.

    Raises UnitKerja.DoesNotExist for a unit the user may not see (a 404: ids reveal nothing).
    """
    unit = list(unit_rekap_visible_to(user).values_list("id", "induk_id", "kode", "nama").order_by("kode"))
    terlihat = {u[0]: u for u in unit}
    if unit_id is not None:
        try:
            unit_id = int(unit_id)
        except (TypeError, ValueError):
            raise UnitKerja.DoesNotExist from None
        if unit_id not in terlihat:
            raise UnitKerja.DoesNotExist
        bawah = [pk for pk, induk_id, *_ in unit if induk_id == unit_id]
    else:
        # The top of the user's view: units whose parent they may not see (the province for administrators).
        bawah = [pk for pk, induk_id, *_ in unit if induk_id not in terlihat]
    if unit_id is None and len(bawah) == 1:
        # A single top unit (the province, or an HR user's one OPD) is shown as the selected unit.
        unit_id = bawah[0]
        bawah = [pk for pk, induk_id, *_ in unit if induk_id == unit_id]
    if unit_id:
        # One query: this period's rows of the units below, and the selected unit's rows of every period (trend).
        rows = list(
            RekapKinerja.objects.filter(Q(periode=periode, unit_kerja_id__in=bawah) | Q(unit_kerja_id=unit_id))
            .select_related("unit_kerja", "periode")
            .order_by("unit_kerja__kode")
        )
        baris = [r for r in rows if r.periode_id == periode.pk and r.unit_kerja_id != unit_id]
        tren = sorted((r for r in rows if r.unit_kerja_id == unit_id), key=lambda r: (r.periode.mulai, r.periode.pk))
        pilihan = next((r for r in tren if r.periode_id == periode.pk), None)
    else:
        # Several top units (an HR user with several OPD): their subtrees are disjoint, so their rows add up.
        # One query for every period's rows of those units: this period's are the rows shown.
        per_periode = defaultdict(list)
        semua = RekapKinerja.objects.filter(unit_kerja_id__in=bawah).select_related("periode", "unit_kerja")
        for r in semua.order_by("unit_kerja__kode"):
            per_periode[r.periode].append(r)
        baris = next((rows for p, rows in per_periode.items() if p.pk == periode.pk), [])
        pilihan = gabung(baris)
        tren = [gabung(rows) for _, rows in sorted(per_periode.items(), key=lambda x: (x[0].mulai, x[0].pk))]
    jalur = []
    pk = unit_id
    while pk in terlihat:
        _, induk_id, kode, nama = terlihat[pk]
        jalur.append(UnitKerja(pk=pk, induk_id=induk_id, kode=kode, nama=nama))
        pk = induk_id
    jalur.reverse()
    akar = [unit_id] if unit_id else [r.unit_kerja_id for r in baris]
    cakupan = subtree(((pk, induk_id) for pk, induk_id, *_ in unit), akar)
    return DasborOrganisasi(
        unit=jalur[-1] if jalur else None,
        rekap=pilihan,
        baris=baris,
        jalur=jalur,
        tren=tren,
        pilihan_unit=[(pk, f"{kode} · {nama}") for pk, _, kode, nama in unit],
        unit_ids=cakupan,
    )


def layanan_per_jenis(dasbor: DasborOrganisasi, periode: Periode) -> list[tuple[JenisLayanan, JumlahLayanan]]:
    """The services owned by the dashboard's units (the selected unit's subtree, or the user's top units'), each
    with its completed requests, share within the SLA and IKM for the period, as of the last roll-up (zeros for a
    service the roll-up has not counted yet). One query: the services, left-joined to this period's roll-up row."""
    layanan = (
        JenisLayanan.objects.filter(unit_kerja_id__in=list(dasbor.unit_ids))
        .annotate(r=FilteredRelation("rekap", condition=Q(rekap__periode=periode)))
        .annotate(
            r_ada=F("r__pk"),
            r_selesai=F("r__selesai"),
            r_tepat_waktu=F("r__tepat_waktu"),
            r_responden=F("r__responden"),
            r_jumlah_unsur=F("r__jumlah_unsur"),
        )
        .select_related("unit_kerja")
        .order_by("nama")
    )
    return [
        (
            j,
            JumlahLayanan(
                selesai=j.r_selesai,
                tepat_waktu=j.r_tepat_waktu,
                responden=j.r_responden,
                jumlah_unsur=j.r_jumlah_unsur,
            )
            if j.r_ada is not None
            else JumlahLayanan(),
        )
        for j in layanan
    ]


def gabung(baris: list[RekapKinerja]) -> RekapKinerja | None:
    """The sum of the rows of disjoint units (unsaved): counts add, percentages are recomputed, the mean capaian is
    weighted by indicators realised; curve conformance has no meaning across units and stays empty."""
    if not baris:
        return None
    hasil = RekapKinerja(
        periode=baris[0].periode, dihitung_pada=min(r.dihitung_pada for r in baris), capaian_organisasi=""
    )
    for f in [*FIELD_ANGKA, "jumlah_pegawai", "banyak_capaian"]:
        setattr(hasil, f, sum(getattr(r, f) for r in baris))
    hasil.persen_selesai = percent(hasil.jumlah_final, hasil.jumlah_evaluasi)
    hasil.rata_capaian = rata_rata(
        sum(r.rata_capaian * r.banyak_capaian for r in baris if r.rata_capaian is not None), hasil.banyak_capaian
    )
    return hasil


def uraian_kurva(capaian_organisasi: str) -> list[str]:
    """The curve's conditions for an organisational rating, in words, as the agency has set them."""
    if not capaian_organisasi:
        return []
    return [syarat.uraian() for syarat in PengaturanKinerja.aktif().syarat_kurva().get(capaian_organisasi, ())]


@dataclass
class DasborTim:
    rekap: RekapTim | None
    tren: list[RekapTim]


def dasbor_tim(user, periode: Periode | None) -> DasborTim:
    """The supervisor's team (the evaluations they are PPK of): this period's roll-up and the trend."""
    saya = peran(user).pegawai
    tren = list(
        RekapTim.objects.filter(atasan=saya).select_related("periode").order_by("periode__mulai", "periode__pk")
    )
    rekap = next((r for r in tren if periode and r.periode_id == periode.pk), None)
    return DasborTim(rekap=rekap, tren=tren)


def tren_saya(user) -> list[EvaluasiKinerja]:
    """The user's own evaluations across periods, oldest first, each with its mean capaian (`rata_capaian`).

    One person's evaluation is already their own roll-up, so this reads it directly (one query).
    """
    saya = peran(user).pegawai
    return list(
        EvaluasiKinerja.objects.filter(pegawai=saya)
        .select_related("periode")
        .annotate(rata_capaian=Avg("realisasi__capaian"))
        .order_by("periode__mulai", "periode__pk")
    )


def pengingat_hari_ini(user) -> list[PengingatTerkirim]:
    """The reminders the user got today (WITA), each with the link to act on; also in their notifications."""
    return list(PengingatTerkirim.objects.filter(penerima=user, tanggal=timezone.localdate()).order_by("jenis", "pk"))
