"""A Celery worker killed in the middle of a task: once a fresh worker runs, the work is done exactly once.

Each test starts a real worker process (tests/config/pekerja_gangguan.py) fed through Redis, with a fault point
that blocks inside a service after some of its writes. The test SIGKILLs the worker's whole process group there,
as the OOM killer or a power cut would, checks that nothing half-done is visible, starts a normal worker, waits
until the redelivered task has run and the queue is empty, and checks the result. The worker is another process,
so it needs the test database on PostgreSQL, and Redis.
"""

import email
import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from audit.models import LogAudit
from config.celery import app as celery_app
from core.roles import GRUP_ADMINISTRATOR
from evaluasi import services as services_aturan
from evaluasi.models import Konsekuensi
from kinerja.models import EvaluasiKinerja, ImporRoster, Notifikasi, Pegawai, UnitKerja
from kinerja.pegawai import services
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian import tasks as svc_tasks_penilaian
from rekap import services as services_rekap
from rekap import tasks as tasks_rekap
from rekap.models import PengingatTerkirim, RekapKinerja, RekapTim, StatusRekap
from tests.conftest import perlu_layanan
from tests.evaluasi.bantuan import dinilai_dengan_teguran
from tests.factories import UserFactory
from tests.kinerja.pegawai.berkas_roster import roster_kecil, xlsx
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario
from tests.rekap.test_pengingat_worker import _skenario_batas_tiga_hari_lagi

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parents[2]
# Seconds before Redis hands a dead worker's task out again: long enough that no task of these tests is handed out
# twice while it runs, short enough to keep each test around ten seconds.
VISIBILITY = 5
BATAS_DETIK = 60


class Pekerja:
    """Starts, kills and watches worker processes that use their own queue and Redis keys."""

    def __init__(self, tmp_path: Path, database_url: str, redis_url: str):
        self.antrean = f"gangguan-{uuid.uuid4().hex[:12]}"
        self.sinyal, self.surat = tmp_path / "sinyal", tmp_path / "surat"
        self.sinyal.mkdir()
        self.surat.mkdir()
        self.database_url, self.redis_url = database_url, redis_url
        self.proses: list[subprocess.Popen] = []

    def mulai(self, titik: str | None = None, saat: str = "sesudah") -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
            "EMAIL_URL": f"filemail:///{self.surat}",
            "GANGGUAN_ANTREAN": self.antrean,
            "GANGGUAN_SINYAL": str(self.sinyal),
            "GANGGUAN_VISIBILITY": str(VISIBILITY),
        }
        env.pop("GANGGUAN_TITIK", None)
        if titik:
            env.update(GANGGUAN_TITIK=titik, GANGGUAN_SAAT=saat)
        with open(self.sinyal / f"pekerja-{len(self.proses)}.log", "wb") as log:
            proses = subprocess.Popen(
                [sys.executable, "-m", "tests.config.pekerja_gangguan"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group: killing it takes the pool's child along, and nothing outlives the test.
                start_new_session=True,
            )
        self.proses.append(proses)
        return proses

    def bunuh(self, proses: subprocess.Popen):
        with suppress(ProcessLookupError):
            os.killpg(proses.pid, signal.SIGKILL)
        proses.wait(timeout=10)

    def bereskan(self):
        for proses in self.proses:
            self.bunuh(proses)
        import redis

        r = redis.Redis.from_url(self.redis_url)
        r.delete(*r.keys(f"*{self.antrean}*"))

    @contextmanager
    def antre(self):
        """Tasks sent inside go through Redis to this worker's queue instead of running inline."""
        conf = celery_app.conf
        # The app builds its queues once, from the default queue of that moment: build them before it changes here,
        # or every later in-process worker of this test run would consume this test's queue only.
        antrean = celery_app.amqp.queues
        lama = conf.task_always_eager, conf.task_default_queue
        conf.task_always_eager, conf.task_default_queue = False, self.antrean
        try:
            yield
        finally:
            conf.task_always_eager, conf.task_default_queue = lama
            antrean.pop(self.antrean, None)

    def kirim(self, tugas, *args) -> str:
        with self.antre():
            return tugas.delay(*args).id

    def log(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(self.sinyal.glob("pekerja-*.log")))

    def tunggu(self, kondisi, apa: str):
        batas = time.monotonic() + BATAS_DETIK
        while time.monotonic() < batas:
            if kondisi():
                return
            time.sleep(0.2)
        pytest.fail(f"{apa}: tidak terjadi dalam {BATAS_DETIK} detik\n{self.log()}")

    def tunggu_titik(self, proses: subprocess.Popen) -> int:
        """Wait until the worker blocks at its fault point; the id of the pool process that blocks there."""
        self.tunggu(lambda: (self.sinyal / "titik").exists() or proses.poll() is not None, "titik gangguan")
        assert proses.poll() is None, f"worker berhenti sebelum titik gangguan\n{self.log()}"
        return int((self.sinyal / "titik").read_text())

    def tunggu_titik_lalu_bunuh(self, proses: subprocess.Popen):
        """Kill the whole worker (main process and pool) once it blocks at its fault point."""
        self.tunggu_titik(proses)
        self.bunuh(proses)

    def tunggu_selesai(self, task_id: str):
        self.tunggu(lambda: (self.sinyal / f"selesai-{task_id}").exists(), f"tugas {task_id} selesai")

    def tunggu_sepi(self):
        """Wait until nothing is queued or in progress, so a duplicate run would already have left its mark."""
        import redis

        r = redis.Redis.from_url(self.redis_url)
        self.tunggu(lambda: not r.llen(self.antrean) and not r.hlen(f"{self.antrean}.unacked"), "antrean kosong")

    def surat_terkirim(self) -> list[str]:
        """The recipient of every email sent, from the file backend's files (one per connection)."""
        pemisah = "\n" + "-" * 79 + "\n"
        penerima = []
        for berkas in self.surat.iterdir():
            for isi in berkas.read_text().split(pemisah):
                if isi.strip():
                    penerima.append(email.message_from_string(isi)["To"])
        return penerima


def _url_basis_data_uji() -> str:
    """DATABASE_URL pointing at the test database this test runs on (test_<name>, per xdist worker)."""
    bagian = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(bagian._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture
def pekerja(transactional_db, tmp_path, settings):
    if connection.vendor != "postgresql":
        perlu_layanan("worker dalam proses lain membutuhkan basis data uji di PostgreSQL (DATABASE_URL)")
    if not settings.REDIS_URL:
        perlu_layanan("REDIS_URL tidak diatur: worker Celery sungguhan membutuhkan Redis")
    settings.MEDIA_ROOT = tmp_path / "media"
    p = Pekerja(tmp_path, _url_basis_data_uji(), settings.REDIS_URL)
    try:
        yield p
    finally:
        p.bereskan()


def _impor_dalam_antrean(pekerja, settings):
    """A previewed 3-row roster, confirmed as a background import while a worker with a fault point runs; the
    fault point is after units, accounts and all ASN rows are written inside the import's transaction."""
    settings.ROSTER_BACKGROUND_ROWS = 1
    admin = UserFactory(groups=[GRUP_ADMINISTRATOR])
    baris = roster_kecil()
    job = services.buat_impor_roster(admin, SimpleUploadedFile("roster.xlsx", xlsx(baris)))
    pertama = pekerja.mulai("kinerja.pegawai.services._tulis_pegawai")
    with pekerja.antre():
        job = services.konfirmasi_impor_roster(job, admin, nonaktifkan_yang_hilang=False)
    return job, baris, pertama


def _jumlah_baris():
    return Pegawai.objects.count(), get_user_model().objects.count(), UnitKerja.objects.count()


def _tunggu_impor_selesai_sekali(pekerja, job, baris):
    pekerja.tunggu(
        lambda: ImporRoster.objects.filter(pk=job.pk).exclude(status=ImporRoster.Status.ANTRI).exists(), "impor"
    )
    pekerja.tunggu_sepi()
    job.refresh_from_db()
    assert job.status == ImporRoster.Status.SELESAI, job.galat
    assert (job.progres, job.ringkasan["jumlah_baru"], job.galat) == (100, 3, [])
    nip = sorted(b["NIP"] for b in baris)
    assert sorted(Pegawai.objects.values_list("nip", flat=True)) == nip
    assert sorted(get_user_model().objects.filter(username__in=nip).values_list("username", flat=True)) == nip
    assert sorted(UnitKerja.objects.values_list("kode", flat=True)) == ["90", "90.01"]
    staf = Pegawai.objects.get(nip=baris[1]["NIP"])
    assert staf.atasan.nip == baris[2]["NIP"]


def test_a_roster_import_killed_mid_write_is_imported_once_by_the_next_worker(pekerja, settings):
    job, baris, pertama = _impor_dalam_antrean(pekerja, settings)
    pekerja.tunggu_titik_lalu_bunuh(pertama)
    job.refresh_from_db()
    assert job.status == ImporRoster.Status.ANTRI
    assert _jumlah_baris() == (0, 1, 0)  # the administrator's account, nothing of the import

    pekerja.mulai()
    _tunggu_impor_selesai_sekali(pekerja, job, baris)


def test_an_import_whose_pool_process_is_killed_is_run_again_by_the_same_worker(pekerja, settings):
    job, baris, pertama = _impor_dalam_antrean(pekerja, settings)
    # Only the process running the task dies (the OOM killer's usual pick): the worker puts the task back on the
    # queue (CELERY_TASK_REJECT_ON_WORKER_LOST) at once and runs it in a new pool process; acknowledged instead,
    # the job would stay queued forever.
    os.kill(pekerja.tunggu_titik(pertama), signal.SIGKILL)
    _tunggu_impor_selesai_sekali(pekerja, job, baris)
    assert pertama.poll() is None and len(pekerja.proses) == 1


def test_rules_applied_by_a_killed_worker_are_recorded_once_by_the_next_worker(org, pekerja):
    s = dinilai_dengan_teguran(org)
    ids = [org.staf_a1.pk, org.staf_a2.pk]

    # The outcomes are inserted, then the worker dies before the superseded ones and the audit are written.
    pertama = pekerja.mulai("evaluasi.models.Konsekuensi.objects.bulk_create")
    with pekerja.antre():
        svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    pekerja.tunggu_titik_lalu_bunuh(pertama)
    assert not Konsekuensi.objects.exists()
    rencana = services_aturan.terapkan_aturan(org.admin, s.periode.pk, pegawai_ids=ids, dry_run=True).rencana
    diharapkan = sorted((b.pegawai.pk, h.kode) for b, h in rencana.baru)
    assert diharapkan == sorted([(org.staf_a1.pk, "TEGURAN_TERTULIS"), (org.staf_a2.pk, "TEGURAN_LISAN")])

    pekerja.mulai()
    pekerja.tunggu(lambda: Konsekuensi.objects.exists(), "penerapan aturan")
    pekerja.tunggu_sepi()
    assert sorted(Konsekuensi.objects.values_list("pegawai_id", "kode")) == diharapkan
    assert set(Konsekuensi.objects.values_list("status", flat=True)) == {Konsekuensi.Status.USULAN}


def _rekap(model) -> list[dict]:
    kolom = [f.attname for f in model._meta.concrete_fields if f.name not in ("id", "dihitung_pada")]
    return list(model.objects.order_by(*kolom[:2]).values(*kolom))


def test_a_roll_up_killed_half_way_is_rolled_back_and_recomputed_cleanly_by_the_next_worker(org, pekerja):
    s = Skenario(org)
    services_rekap.hitung_rekap([s.periode.pk])
    # Figures change afterwards: two evaluations move on and another supervisor takes over atasan_a's team, so
    # atasan_a's team row must go.
    s.ajukan(org.staf_a1)
    s.nilai(org.staf_a2)
    EvaluasiKinerja.objects.filter(atasan=org.atasan_a).update(atasan=org.kepala)
    lama = (_rekap(RekapKinerja), _rekap(RekapTim))

    # The unit rows are upserted, then the worker dies before the team rows and the stale-row cleanup.
    pertama = pekerja.mulai("rekap.models.RekapKinerja.objects.bulk_create")
    task_id = pekerja.kirim(tasks_rekap.hitung_rekap_periode, s.periode.pk)
    pekerja.tunggu_titik_lalu_bunuh(pertama)
    assert (_rekap(RekapKinerja), _rekap(RekapTim)) == lama

    pekerja.mulai()
    pekerja.tunggu_selesai(task_id)
    pekerja.tunggu_sepi()
    hasil = (_rekap(RekapKinerja), _rekap(RekapTim))
    assert hasil != lama
    assert not RekapTim.objects.filter(atasan=org.atasan_a).exists()
    services_rekap.hitung_rekap([s.periode.pk])
    assert hasil == (_rekap(RekapKinerja), _rekap(RekapTim))


@pytest.mark.parametrize(
    ("titik", "saat"),
    [
        # Inside the claim transaction: claims and notifications inserted, not committed.
        ("rekap.models.PengingatTerkirim.objects.bulk_create", "sesudah"),
        # Claims and notifications committed, the email tasks not yet queued.
        ("rekap.services_pengingat._antre_email", "sebelum"),
        # An email task has marked its claim, the mail has not left.
        ("rekap.services_pengingat.send_mail", "sebelum"),
    ],
    ids=["saat-klaim", "sebelum-antre-email", "sebelum-email-keluar"],
)
def test_reminders_interrupted_by_a_killed_worker_are_each_delivered_once(org, pekerja, titik, saat):
    _skenario_batas_tiga_hari_lagi(org)
    notifikasi_lama = Notifikasi.objects.count()

    pertama = pekerja.mulai(titik, saat)
    task_id = pekerja.kirim(tasks_rekap.kirim_pengingat_harian)
    pekerja.tunggu_titik_lalu_bunuh(pertama)
    assert pekerja.surat_terkirim() == []

    pekerja.mulai()
    pekerja.tunggu_selesai(task_id)
    klaim = PengingatTerkirim.objects.exclude(email="")
    pekerja.tunggu(lambda: not klaim.filter(email_dikirim_pada__isnull=True).exists(), "semua email pengingat")
    pekerja.tunggu_sepi()
    alamat = sorted(klaim.values_list("email", flat=True))
    assert len(alamat) >= 5  # OPD A's five ASN at least, each with an address
    assert sorted(pekerja.surat_terkirim()) == alamat
    pengingat = Notifikasi.objects.order_by("pk")[notifikasi_lama:]
    assert sorted((n.penerima_id, n.judul) for n in pengingat) == sorted(
        PengingatTerkirim.objects.values_list("penerima_id", "judul")
    )


def test_a_periods_evaluations_created_by_a_killed_worker_are_created_once_by_the_next_worker(org, pekerja):
    s = Skenario(org)
    EvaluasiKinerja.objects.all().delete()
    aktif = sorted(Pegawai.objects.filter(unit_kerja__in=[org.opd_a, org.bidang_a], aktif=True).values_list("pk"))
    dibuat = LogAudit.objects.filter(aksi="evaluasi_dibuat")
    jejak_lama = dibuat.count()

    # Every evaluation of OPD A is inserted, then the worker dies before the audit entry and the commit.
    pertama = pekerja.mulai("kinerja.models.EvaluasiKinerja.objects.bulk_create")
    task_id = pekerja.kirim(
        svc_tasks_penilaian.buat_evaluasi_periode_task, org.hr_a.user.pk, s.periode.pk, [org.opd_a.pk]
    )
    pekerja.tunggu_titik_lalu_bunuh(pertama)
    assert not EvaluasiKinerja.objects.exists()
    assert dibuat.count() == jejak_lama

    pekerja.mulai()
    pekerja.tunggu_selesai(task_id)
    pekerja.tunggu_sepi()
    assert sorted(EvaluasiKinerja.objects.filter(periode=s.periode).values_list("pegawai_id")) == aktif
    assert dibuat.count() == jejak_lama + 1
    assert dibuat.order_by("-pk").first().ringkasan["dibuat"] == len(aktif)


def test_after_a_finalisation_whose_roll_up_died_with_its_worker_the_dashboards_match_the_evaluations(org, pekerja):
    s = dinilai_dengan_teguran(org)
    services_rekap.hitung_rekap([s.periode.pk])

    # The finalisation queues the rules and the roll-up; the worker dies half-way through the roll-up's upsert.
    pertama = pekerja.mulai("rekap.models.RekapKinerja.objects.bulk_create")
    with pekerja.antre():
        svc_periode.finalkan_unit(org.hr_a.user, s.periode.pk, org.bidang_a.pk, pengecualian=s.belum_dinilai())
    pekerja.tunggu_titik_lalu_bunuh(pertama)
    assert StatusRekap.objects.get(periode=s.periode).tertinggal

    pekerja.mulai()
    pekerja.tunggu(lambda: not StatusRekap.objects.get(periode=s.periode).tertinggal, "rekap setelah finalisasi")
    pekerja.tunggu_sepi()
    final = EvaluasiKinerja.objects.filter(periode=s.periode, status=EvaluasiKinerja.Status.FINAL).count()
    assert final == 2
    assert RekapKinerja.objects.get(unit_kerja=org.bidang_a, periode=s.periode).jumlah_final == final
    assert Konsekuensi.objects.filter(pegawai=org.staf_a1, kode="TEGURAN_TERTULIS").exists()
