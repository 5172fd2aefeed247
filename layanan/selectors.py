"""Read queries for the service pages, the evaluation page and the tasks, shaped to a fixed number of queries."""

import datetime
import hmac
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q, Sum

from core.cache import version
from core.numbers import percent
from core.roles import GRUP_PETUGAS_LAYANAN
from kinerja.models import Pegawai, UnitKerja

from . import ikm
from .kalender import JAM_KERJA_BAKU, JAM_KERJA_RAMADAN_BAKU, WITA, Kalender
from .models import HariLibur, JamLayanan, JenisLayanan, MasaRamadan, Permohonan, SurveiKepuasan
from .permissions import permohonan_visible_to, unit_ids_cakupan

Status = Permohonan.Status
_JUMLAH_UNSUR = {f"j{nomor}": Sum(nama) for nomor, nama in enumerate(SurveiKepuasan.FIELD_UNSUR, start=1)}
_JUMLAH_UNSUR_PERMOHONAN = {
    f"j{nomor}": Sum(f"survei__{nama}") for nomor, nama in enumerate(SurveiKepuasan.FIELD_UNSUR, start=1)
}


def kalender_kerja() -> Kalender:
    """The working calendar as configured in the admin: office hours per weekday, ordinary and in Ramadan (the
    Perpres 21/2023 defaults of kalender.JAM_KERJA_BAKU / JAM_KERJA_RAMADAN_BAKU while none are entered), the
    Ramadan date ranges and the public holidays."""
    jam = {JamLayanan.Jadwal.BIASA: {}, JamLayanan.Jadwal.RAMADAN: {}}
    for jadwal, hari, buka, tutup in JamLayanan.objects.values_list("jadwal", "hari", "buka", "tutup"):
        jam[jadwal].setdefault(hari, []).append((buka, tutup))
    return Kalender(
        jam_kerja=jam[JamLayanan.Jadwal.BIASA] or JAM_KERJA_BAKU,
        hari_libur=frozenset(HariLibur.objects.values_list("tanggal", flat=True)),
        jam_kerja_ramadan=jam[JamLayanan.Jadwal.RAMADAN] or JAM_KERJA_RAMADAN_BAKU,
        masa_ramadan=tuple(MasaRamadan.objects.values_list("mulai", "selesai")),
    )


def rentang_waktu(mulai: datetime.date, selesai: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The instants from the start of `mulai` to the end of `selesai` (half-open), WITA days."""
    awal = datetime.datetime.combine(mulai, datetime.time.min, WITA)
    akhir = datetime.datetime.combine(selesai + datetime.timedelta(days=1), datetime.time.min, WITA)
    return awal, akhir


def _hasil_dari_baris(baris: dict) -> ikm.HasilIKM | None:
    """HasilIKM from one row of SUM(unsur_k) and COUNT, through the same formula as ikm.hitung_ikm."""
    if not baris["responden"]:
        return None
    return ikm.ikm_dari_jumlah([baris[f"j{nomor}"] for nomor in range(1, ikm.JUMLAH_UNSUR + 1)], baris["responden"])


def ikm_per_kelompok(survei, kelompok: str) -> dict:
    """IKM per value of `kelompok` (a field of the survey, e.g. "jenis_layanan"), one grouped query."""
    # COUNT(*), not COUNT(id): the id is not in the covering index, and reading it would visit the table.
    baris = survei.values(kelompok).annotate(responden=Count("*"), **_JUMLAH_UNSUR).order_by()
    return {b[kelompok]: _hasil_dari_baris(b) for b in baris}


# --- the public IKM pages ------------------------------------------------------------------------------------


@dataclass
class HasilSurvei:
    """A service's survey result for a period, with the population and the sample it needs."""

    jenis_layanan: JenisLayanan
    hasil: ikm.HasilIKM | None
    populasi: int

    @property
    def responden(self):
        return self.hasil.responden if self.hasil else 0

    @property
    def sampel_minimum(self):
        return ikm.ukuran_sampel_minimum(self.populasi)

    @property
    def sampel_cukup(self):
        return self.populasi > 0 and self.responden >= self.sampel_minimum

    @property
    def kekurangan_sampel(self):
        return max(0, self.sampel_minimum - self.responden)

    @property
    def unsur(self):
        """(element name, NRR) pairs for the page."""
        return list(zip(ikm.UNSUR, self.hasil.nrr, strict=True)) if self.hasil else []


def hasil_survei(mulai: datetime.date, selesai: datetime.date, jenis_layanan=None) -> list[HasilSurvei]:
    """Survey results per active service (or one given service) for a period, in three queries.

    Respondents are the surveys filled in the period; the population is the requests completed in it.
    """
    awal, akhir = rentang_waktu(mulai, selesai)
    if jenis_layanan is None:
        layanan = list(JenisLayanan.objects.filter(aktif=True).select_related("unit_kerja"))
    else:
        layanan = [jenis_layanan]
    ids = [j.pk for j in layanan]
    per_layanan = ikm_per_kelompok(
        SurveiKepuasan.objects.filter(jenis_layanan_id__in=ids, diisi_pada__gte=awal, diisi_pada__lt=akhir),
        "jenis_layanan",
    )
    populasi = dict(
        Permohonan.objects.filter(
            jenis_layanan_id__in=ids, status=Status.SELESAI, selesai_pada__gte=awal, selesai_pada__lt=akhir
        )
        .values_list("jenis_layanan")
        .annotate(n=Count("*"))
        .order_by()
    )
    return [HasilSurvei(j, per_layanan.get(j.pk), populasi.get(j.pk, 0)) for j in layanan]


def hasil_survei_publik(mulai: datetime.date, selesai: datetime.date, jenis_layanan=None) -> list[HasilSurvei]:
    """hasil_survei for the public pages, kept in the shared cache until the next survey (or change of a service)
    and for at most IKM_CACHE_DETIK seconds.

    Anyone may load these pages, and each load would otherwise aggregate every survey of the period. A survey
    shows at once (its citizen goes from the thank-you page to these figures); the count of completed requests,
    which only sets the sample-size mark, may lag by those seconds (the pages say so).
    """
    versi = "-".join(str(version(k)) for k in ("survei", "layanan"))
    jenis = jenis_layanan.pk if jenis_layanan else "semua"
    kunci = f"layanan:ikm:v2:{versi}:{mulai:%Y%m%d}:{selesai:%Y%m%d}:{jenis}"
    return cache.get_or_set(
        kunci, lambda: hasil_survei(mulai, selesai, jenis_layanan=jenis_layanan), settings.IKM_CACHE_DETIK
    )


# --- citizens ------------------------------------------------------------------------------------------------


@dataclass
class OPDLayanan:
    """An OPD (a unit right under the province) and the active services it or its units offer."""

    unit: UnitKerja
    layanan: list[JenisLayanan]


def layanan_per_opd() -> list[OPDLayanan]:
    """The active services grouped by OPD, the OPDs by name: two queries whatever the number of services.

    A service's OPD is the ancestor of its unit right below the root (province → OPD → bidang → seksi); a
    service offered by the root itself, or by a unit without a parent, stands under that unit.
    """
    layanan = list(JenisLayanan.objects.filter(aktif=True).select_related("unit_kerja").order_by("nama"))
    if not layanan:
        return []
    unit = {u.pk: u for u in UnitKerja.objects.only("id", "induk_id", "nama", "kode")}
    per_opd: dict[int, OPDLayanan] = {}
    for jenis in layanan:
        pk, dilihat = jenis.unit_kerja_id, set()
        # Climb while the parent has a parent of its own (a loop in bad data stops at the first repeat).
        while pk in unit and unit[pk].induk_id in unit and unit[unit[pk].induk_id].induk_id and pk not in dilihat:
            dilihat.add(pk)
            pk = unit[pk].induk_id
        opd = unit.get(pk, jenis.unit_kerja)
        per_opd.setdefault(opd.pk, OPDLayanan(opd, [])).layanan.append(jenis)
    return sorted(per_opd.values(), key=lambda o: o.unit.nama)


def tanda_terima(nomor_tiket: str, permohonan=None) -> Permohonan | None:
    """The request behind a receipt, with its service, unit and uploaded documents (three queries), or None.

    `permohonan` narrows the search to a queryset (the requests an officer may see)."""
    qs = (Permohonan.objects.all() if permohonan is None else permohonan).select_related("jenis_layanan__unit_kerja")
    return qs.prefetch_related("berkas_persyaratan").filter(nomor_tiket=nomor_tiket.strip().upper()).first()


def lacak_permohonan(nomor_tiket: str, nik_4: str) -> Permohonan | None:
    """The request with this ticket whose NIK ends in these four digits; None for a wrong ticket or NIK alike."""
    permohonan = (
        Permohonan.objects.select_related("jenis_layanan", "survei")
        .filter(nomor_tiket=nomor_tiket.strip().upper())
        .first()
    )
    # Compare in constant time and do the same work either way, so timing tells nothing either.
    nik_tersimpan = permohonan.nik[-4:] if permohonan else "----"
    cocok = hmac.compare_digest(nik_tersimpan.encode(), nik_4.strip().encode())
    return permohonan if permohonan is not None and cocok else None


def survei_terbuka(token: str) -> Permohonan | None:
    """The completed request a survey link belongs to, or None for an unknown token."""
    if not token:
        return None
    return Permohonan.objects.select_related("jenis_layanan", "survei").filter(token_survei=token).first()


# --- officers, heads and HR ----------------------------------------------------------------------------------


def antrean(user):
    """The officer's desk queue: open requests of the services they serve, earliest deadline first."""
    return (
        permohonan_visible_to(user)
        .filter(status__in=[Status.DITERIMA, Status.DIPROSES, Status.MENUNGGU_PEMOHON])
        .select_related("jenis_layanan", "petugas")
        .order_by("batas_waktu", "id")
    )


def cari_permohonan(user, *, q="", jenis_id=None, unit_id=None, petugas_id=None, status="", mulai=None, selesai=None):
    """Requests visible to the user, filtered like the list page (period = date received, WITA)."""
    qs = permohonan_visible_to(user).select_related("jenis_layanan__unit_kerja", "petugas")
    q = q.strip()
    if q:
        qs = qs.filter(Q(nomor_tiket__icontains=q) | Q(nama_pemohon__icontains=q))
    if jenis_id:
        qs = qs.filter(jenis_layanan_id=jenis_id)
    if unit_id:
        qs = qs.filter(jenis_layanan__unit_kerja_id__in=UnitKerja.objects.subtree_ids([unit_id]))
    if petugas_id:
        qs = qs.filter(petugas_id=petugas_id)
    if status:
        qs = qs.filter(status=status)
    if mulai and selesai:
        awal, akhir = rentang_waktu(mulai, selesai)
        qs = qs.filter(diterima_pada__gte=awal, diterima_pada__lt=akhir)
    return qs.order_by("-diterima_pada", "-id")


def pilihan_filter(user) -> dict:
    """Choices for the list filters: services, units and officers within the user's scope (two queries)."""
    cakupan = unit_ids_cakupan(user)
    layanan = JenisLayanan.objects.all()
    petugas = Pegawai.objects.filter(user__groups__name=GRUP_PETUGAS_LAYANAN)
    if cakupan is not None:
        layanan = layanan.filter(unit_kerja_id__in=cakupan)
        petugas = petugas.filter(unit_kerja_id__in=cakupan)
    layanan = list(layanan.select_related("unit_kerja").order_by("nama"))
    unit = {j.unit_kerja_id: j.unit_kerja for j in layanan}
    return {
        "jenis_choices": [(j.pk, j.nama) for j in layanan],
        "pilihan_unit": sorted(((u.pk, u.nama) for u in unit.values()), key=lambda u: u[1]),
        "petugas_choices": list(petugas.order_by("nama").values_list("pk", "nama")),
    }


def detail_permohonan(user):
    """The queryset the detail page looks a request up in: only those the user may see."""
    return permohonan_visible_to(user).select_related("jenis_layanan__unit_kerja", "petugas")


@dataclass
class BarisRekap:
    """Figures of one service, unit or officer for a period."""

    label: str
    masuk: int
    selesai: int
    ditolak: int
    tepat_waktu: int
    terlambat_berjalan: int
    hasil: ikm.HasilIKM | None

    @property
    def persen_tepat_waktu(self):
        return percent(self.tepat_waktu, self.selesai)


# per → (request field grouped on, its label, the same group seen from the survey)
KELOMPOK_REKAP = {
    "layanan": ("jenis_layanan_id", "jenis_layanan__nama", "jenis_layanan"),
    "unit": ("jenis_layanan__unit_kerja_id", "jenis_layanan__unit_kerja__nama", "jenis_layanan__unit_kerja"),
    "petugas": ("petugas_id", "petugas__nama", "permohonan__petugas"),
}


def rekap(user, mulai: datetime.date, selesai: datetime.date, per: str) -> list[BarisRekap]:
    """Requests received in the period, grouped per service, unit or officer: two grouped queries."""
    kunci, label, kunci_survei = KELOMPOK_REKAP[per]
    awal, akhir = rentang_waktu(mulai, selesai)
    qs = permohonan_visible_to(user).filter(diterima_pada__gte=awal, diterima_pada__lt=akhir)
    sekarang = datetime.datetime.now(tz=WITA)
    baris = (
        qs.values(kunci, label)
        .annotate(
            masuk=Count("id"),
            selesai=Count("id", filter=Q(status=Status.SELESAI)),
            ditolak=Count("id", filter=Q(status=Status.DITOLAK)),
            tepat_waktu=Count("id", filter=Q(status=Status.SELESAI, selesai_pada__lte=F("batas_waktu"))),
            terlambat_berjalan=Count("id", filter=Q(status__in=Permohonan.STATUS_BERJALAN, batas_waktu__lt=sekarang)),
        )
        .order_by(label)
    )
    survei = SurveiKepuasan.objects.filter(permohonan__in=qs)
    per_ikm = ikm_per_kelompok(survei, kunci_survei)
    return [
        BarisRekap(
            label=b[label] or "(belum ada petugas)",
            masuk=b["masuk"],
            selesai=b["selesai"],
            ditolak=b["ditolak"],
            tepat_waktu=b["tepat_waktu"],
            terlambat_berjalan=b["terlambat_berjalan"],
            hasil=per_ikm.get(b[kunci]),
        )
        for b in baris
    ]


# --- into performance ----------------------------------------------------------------------------------------

METRIK_LAYANAN = ("layanan_selesai", "persen_tepat_waktu", "ikm_layanan")


@dataclass
class JumlahLayanan:
    """Service totals of a group that add up exactly: a unit's subtree sums its units' totals, and its IKM comes
    from the summed answers (not from averaging the units' IKM)."""

    selesai: int = 0
    tepat_waktu: int = 0
    responden: int = 0
    jumlah_unsur: list = field(default_factory=lambda: [0] * ikm.JUMLAH_UNSUR)

    def tambah(self, lain: "JumlahLayanan"):
        self.selesai += lain.selesai
        self.tepat_waktu += lain.tepat_waktu
        self.responden += lain.responden
        self.jumlah_unsur = [a + b for a, b in zip(self.jumlah_unsur, lain.jumlah_unsur, strict=True)]

    @property
    def persen_tepat_waktu(self) -> Decimal | None:
        return percent(self.tepat_waktu, self.selesai)

    @property
    def hasil_ikm(self) -> ikm.HasilIKM | None:
        return ikm.ikm_dari_jumlah(self.jumlah_unsur, self.responden) if self.responden else None

    @property
    def ikm(self) -> Decimal | None:
        hasil = self.hasil_ikm
        return hasil.ikm if hasil else None


def _jumlah_layanan_per(kunci: str, mulai: datetime.date, selesai: datetime.date, **saring) -> dict:
    """JumlahLayanan per value of `kunci` (a path from Permohonan) for requests completed in the period, with the
    survey answer totals on them: one grouped query."""
    awal, akhir = rentang_waktu(mulai, selesai)
    selesai_qs = Permohonan.objects.filter(
        status=Status.SELESAI, selesai_pada__gte=awal, selesai_pada__lt=akhir, **saring
    )
    hasil = {}
    # A request has at most one survey, so the outer join adds no rows: counts and answer sums in one query.
    per_kelompok = selesai_qs.values(kunci).annotate(
        n=Count("*"),
        tepat=Count("id", filter=Q(selesai_pada__lte=F("batas_waktu"))),
        responden=Count("survei"),
        **_JUMLAH_UNSUR_PERMOHONAN,
    )
    for b in per_kelompok.order_by():
        jumlah = hasil[b[kunci]] = JumlahLayanan(selesai=b["n"], tepat_waktu=b["tepat"])
        if b["responden"]:
            jumlah.responden = b["responden"]
            jumlah.jumlah_unsur = [b[f"j{nomor}"] for nomor in range(1, ikm.JUMLAH_UNSUR + 1)]
    return hasil


def jumlah_layanan_per_jenis(
    mulai: datetime.date, selesai: datetime.date, unit_ids
) -> list[tuple[JenisLayanan, JumlahLayanan]]:
    """Each service owned by the given units with its totals for the period (zeros when none were completed)."""
    unit_ids = list(unit_ids)
    layanan = JenisLayanan.objects.filter(unit_kerja_id__in=unit_ids).select_related("unit_kerja").order_by("nama")
    per_jenis = _jumlah_layanan_per("jenis_layanan_id", mulai, selesai, jenis_layanan__unit_kerja_id__in=unit_ids)
    return [(j, per_jenis.get(j.pk, JumlahLayanan())) for j in layanan]


@dataclass(frozen=True)
class AngkaLayanan:
    """An officer's service figures for a period: the evaluation page shows them; rules use them as metrics."""

    layanan_selesai: int = 0
    persen_tepat_waktu: Decimal | None = None
    ikm_layanan: Decimal | None = None
    responden: int = 0

    def sebagai_metrik(self) -> dict:
        return {nama: getattr(self, nama) for nama in METRIK_LAYANAN}


def angka_layanan_pegawai(pegawai_ids, mulai: datetime.date, selesai: datetime.date) -> dict[int, AngkaLayanan]:
    """Per officer: requests they completed in the period, the share done within the SLA, and the IKM of the
    surveys on those requests. One grouped query whatever the number of officers; officers without
    completed requests are absent (use .get(pk, AngkaLayanan()))."""
    per_petugas = _jumlah_layanan_per("petugas_id", mulai, selesai, petugas_id__in=list(pegawai_ids))
    return {
        pk: AngkaLayanan(
            layanan_selesai=jumlah.selesai,
            persen_tepat_waktu=jumlah.persen_tepat_waktu,
            ikm_layanan=jumlah.ikm,
            responden=jumlah.responden,
        )
        for pk, jumlah in per_petugas.items()
        if jumlah.selesai
    }
