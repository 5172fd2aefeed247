"""Evaluation reminders (every working day, 07:30 WITA): in the app and by email, each exactly once.

Who is reminded:
- each ASN whose evaluation in an open period is not yet submitted when the filling deadline is N days away
  (N in settings.PENGINGAT_HARI_SEBELUM_BATAS, by default 7, 3 and 1);
- each supervisor with submitted evaluations waiting for their rating (every working day while they wait);
- each HR staff member, on the same days as the ASN, with the units they manage that still have evaluations
  not submitted.

Exactly once: every reminder is a PengingatTerkirim row, unique per person, period, kind and day, inserted with
ON CONFLICT DO NOTHING under this run's token before anything is sent. A second run, or a second worker at the
same moment, inserts nothing (PostgreSQL makes the later insert wait for the first transaction, then skip),
reads back no row with its token, and notifies nobody again.

Never lost: the claim row is also the email's outbox. Its email counts as sent only once `email_dikirim_pada` is
committed, in the same transaction as the send (kirim_email). A worker killed after the claims committed but before
their email tasks were queued, or in the middle of a send, leaves claims of today with no send time; the
redelivered task (or any later run that day) queues them again, and the mark makes the extra tasks no-ops. So an
email goes out at least once and, but for a worker dying between the mail server's acceptance and the commit,
exactly once.
"""

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core.roles import GRUP_PENGELOLA
from kinerja.models import EvaluasiKinerja, Notifikasi, PenugasanPengelola, Periode, UnitKerja

from .models import PengingatTerkirim
from .services import urutan_bawah_ke_atas
from .signals import email_pengingat_menunggu

Jenis = PengingatTerkirim.Jenis
Status = EvaluasiKinerja.Status
# What a reminder asks of its recipient, so that doing it reads the reminder (kinerja.notifikasi). The supervisor's
# names several evaluations and HR's several units: no single act answers them.
TINDAKAN = {Jenis.PENGISIAN: Notifikasi.Tindakan.AJUKAN_EVALUASI}
UKURAN_BATCH_EMAIL = 500


@dataclass(frozen=True)
class Calon:
    """A reminder to send, before its claim."""

    penerima_id: int
    periode_id: int
    jenis: str
    judul: str
    pesan: str
    tautan: str
    email: str


@dataclass(frozen=True)
class HasilPengingat:
    calon: int
    terkirim: int
    email: int


def _tanggal(d: datetime.date) -> str:
    return date_format(d, "j F Y")


def _hari_menuju_batas(hari_ini: datetime.date) -> dict[datetime.date, int]:
    return {hari_ini + datetime.timedelta(days=n): n for n in settings.PENGINGAT_HARI_SEBELUM_BATAS}


def _periode_dibuka() -> dict[int, Periode]:
    return {p.pk: p for p in Periode.objects.filter(status=Periode.Status.DIBUKA)}


def calon_pengisian(hari_ini: datetime.date, periode: dict[int, Periode]) -> list[Calon]:
    """ASN whose evaluation is still a draft (or returned) when the filling deadline is N days away."""
    batas = _hari_menuju_batas(hari_ini)
    baris = EvaluasiKinerja.objects.filter(
        periode_id__in=[pk for pk, p in periode.items() if p.batas_pengisian in batas],
        status__in=EvaluasiKinerja.STATUS_DAPAT_DIISI,
        pegawai__aktif=True,
        pegawai__user__isnull=False,
    ).values_list("pk", "periode_id", "pegawai__user_id", "pegawai__email", "pegawai__user__email")
    hasil = []
    for pk, periode_id, user_id, email_pegawai, email_user in baris:
        p = periode[periode_id]
        n = batas[p.batas_pengisian]
        hasil.append(
            Calon(
                penerima_id=user_id,
                periode_id=periode_id,
                jenis=Jenis.PENGISIAN,
                judul=f"Evaluasi {p} belum diajukan: batas pengisian {n} hari lagi",
                pesan=f"Isi realisasi dan ajukan evaluasi kinerja Anda periode {p} kepada atasan paling lambat "
                f"{_tanggal(p.batas_pengisian)}.",
                tautan=reverse("evaluasi_detail", args=[pk]),
                email=email_pegawai or email_user,
            )
        )
    return hasil


def calon_penilaian(periode: dict[int, Periode]) -> list[Calon]:
    """Appraisers (the PPK recorded on the evaluation: a roster ASN, or an official outside the roster with an
    account) with submitted evaluations waiting for their rating."""
    menunggu = EvaluasiKinerja.objects.filter(periode_id__in=list(periode), status=Status.DIAJUKAN)
    baris = [
        *menunggu.filter(atasan__aktif=True, atasan__user__isnull=False)
        .values(
            "periode_id", user_id=F("atasan__user_id"), email=F("atasan__email"), email_user=F("atasan__user__email")
        )
        .annotate(n=Count("id"), pertama=Min("id"))
        .order_by(),
        *menunggu.filter(penilai_luar__aktif=True, penilai_luar__user__isnull=False)
        .values("periode_id", user_id=F("penilai_luar__user_id"), email_user=F("penilai_luar__user__email"))
        .annotate(n=Count("id"), pertama=Min("id"))
        .order_by(),
    ]
    hasil = []
    for b in baris:
        p, n = periode[b["periode_id"]], b["n"]
        lainnya = f" Tautan ini membuka yang pertama; {n - 1} lainnya ada di daftar tim Anda." if n > 1 else ""
        hasil.append(
            Calon(
                penerima_id=b["user_id"],
                periode_id=p.pk,
                jenis=Jenis.PENILAIAN,
                judul=f"{n} evaluasi {p} menunggu penilaian Anda",
                pesan=f"Nilai evaluasi pegawai yang Anda nilai paling lambat {_tanggal(p.batas_penilaian)}.{lainnya}",
                tautan=reverse("evaluasi_detail", args=[b["pertama"]]),
                email=b.get("email") or b["email_user"],
            )
        )
    return hasil


def calon_ringkasan_unit(hari_ini: datetime.date, periode: dict[int, Periode]) -> list[Calon]:
    """HR staff, on the ASN reminder days, with each managed unit (and its subtree) that has unsubmitted
    evaluations: how many of how many."""
    batas = _hari_menuju_batas(hari_ini)
    periode_ids = [pk for pk, p in periode.items() if p.batas_pengisian in batas]
    if not periode_ids:
        return []
    langsung = defaultdict(lambda: [0, 0])  # (periode, unit) → [belum diajukan, semua]
    for periode_id, unit_id, belum, semua in (
        EvaluasiKinerja.objects.filter(periode_id__in=periode_ids)
        .values("periode_id", "pegawai__unit_kerja_id")
        .annotate(belum=Count("id", filter=Q(status__in=EvaluasiKinerja.STATUS_DAPAT_DIISI)), semua=Count("id"))
        .order_by()
        .values_list("periode_id", "pegawai__unit_kerja_id", "belum", "semua")
    ):
        langsung[(periode_id, unit_id)] = [belum, semua]
    urutan, anak = urutan_bawah_ke_atas(list(UnitKerja.objects.values_list("id", "induk_id")))
    subtree = {}
    for periode_id in periode_ids:
        for unit_id in urutan:
            total = list(langsung.get((periode_id, unit_id), (0, 0)))
            for c in anak.get(unit_id, ()):
                total[0] += subtree[(periode_id, c)][0]
                total[1] += subtree[(periode_id, c)][1]
            subtree[(periode_id, unit_id)] = total

    per_user = defaultdict(list)
    email_user = {}
    for user_id, email, unit_id, nama_unit in (
        PenugasanPengelola.objects.filter(user__is_active=True, user__groups__name=GRUP_PENGELOLA)
        .values_list("user_id", "user__email", "unit_kerja_id", "unit_kerja__nama")
        .order_by("user_id", "unit_kerja__kode")
    ):
        per_user[user_id].append((unit_id, nama_unit))
        email_user[user_id] = email
    hasil = []
    for periode_id in periode_ids:
        p = periode[periode_id]
        tautan = f"{reverse('rekap:organisasi')}?periode={p.pk}"
        for user_id, units in per_user.items():
            tertinggal = [(nama, *subtree[(periode_id, u)]) for u, nama in units if subtree[(periode_id, u)][0]]
            if not tertinggal:
                continue
            rincian = "\n".join(f"- {nama}: {b} dari {s} evaluasi belum diajukan" for nama, b, s in tertinggal)
            hasil.append(
                Calon(
                    penerima_id=user_id,
                    periode_id=periode_id,
                    jenis=Jenis.RINGKASAN_UNIT,
                    judul=f"{len(tertinggal)} unit Anda tertinggal pada evaluasi {p} "
                    f"(batas {batas[p.batas_pengisian]} hari lagi)",
                    pesan=f"Batas pengisian {_tanggal(p.batas_pengisian)}.\n{rincian}",
                    tautan=tautan,
                    email=email_user[user_id],
                )
            )
    return hasil


def kirim_pengingat(hari_ini: datetime.date | None = None) -> HasilPengingat:
    """Claim and deliver today's reminders: one Notifikasi each, and an email task per recipient with an address.

    Safe to run any number of times a day, concurrently too: only claims this run inserted are delivered.
    """
    hari_ini = hari_ini or timezone.localdate()
    periode = _periode_dibuka()
    calon = [*calon_pengisian(hari_ini, periode), *calon_penilaian(periode), *calon_ringkasan_unit(hari_ini, periode)]
    token = uuid.uuid4()
    with transaction.atomic():
        PengingatTerkirim.objects.bulk_create(
            (
                PengingatTerkirim(
                    penerima_id=c.penerima_id,
                    periode_id=c.periode_id,
                    jenis=c.jenis,
                    tanggal=hari_ini,
                    token_run=token,
                    judul=c.judul,
                    pesan=c.pesan,
                    tautan=c.tautan,
                    email=c.email,
                )
                for c in calon
            ),
            batch_size=2000,
            ignore_conflicts=True,
        )
        menang = list(
            PengingatTerkirim.objects.filter(token_run=token).values_list(
                "pk", "penerima_id", "judul", "pesan", "tautan", "email", "jenis"
            )
        )
        sekarang = timezone.now()
        Notifikasi.objects.bulk_create(
            (
                Notifikasi(
                    penerima_id=user_id,
                    judul=judul,
                    pesan=pesan,
                    tautan=tautan,
                    tindakan=TINDAKAN.get(jenis, ""),
                    dibuat=sekarang,
                )
                for _, user_id, judul, pesan, tautan, _, jenis in menang
            ),
            batch_size=2000,
        )
        dengan_email = [pk for pk, *_, email, _ in menang if email]
        # Claimed by an earlier run today, email still not sent: that run's worker died before queueing or sending.
        tertunda = list(
            PengingatTerkirim.objects.filter(tanggal=hari_ini, email_dikirim_pada__isnull=True)
            .exclude(email="")
            .exclude(token_run=token)
            .values_list("pk", flat=True)
        )
        transaction.on_commit(lambda: _antre_email(dengan_email + tertunda))
    return HasilPengingat(calon=len(calon), terkirim=len(menang), email=len(dengan_email))


def _antre_email(klaim_ids: list[int]):
    # A few fan-out messages instead of thousands from this run; each fans out one task per recipient.
    for i in range(0, len(klaim_ids), UKURAN_BATCH_EMAIL):
        email_pengingat_menunggu.send(sender=PengingatTerkirim, klaim_ids=klaim_ids[i : i + UKURAN_BATCH_EMAIL])


@transaction.atomic
def kirim_email(klaim_id: int) -> bool:
    """Send one claimed reminder by email, once: the row is marked sent, and stays locked, in the transaction that
    sends. A second task for it waits, then finds it sent; a failed send (the task retries) or a worker killed before
    the mail left rolls the mark back. Returns False when it was already sent or has no address."""
    ditandai = (
        PengingatTerkirim.objects.filter(pk=klaim_id, email_dikirim_pada__isnull=True)
        .exclude(email="")
        .update(email_dikirim_pada=timezone.now())
    )
    if not ditandai:
        return False
    klaim = PengingatTerkirim.objects.get(pk=klaim_id)
    tautan = f"\n\n{settings.SITE_URL.rstrip('/')}{klaim.tautan}" if klaim.tautan else ""
    isi = f"{klaim.pesan}{tautan}\n\n— Kinerja ASN Gorontalo"
    send_mail(klaim.judul, isi, None, [klaim.email])
    return True
