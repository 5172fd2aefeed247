"""The daily progress log: the ASN logs a recent day against an RHK from Kinerja Saya, changes it while recent,
their supervisor reads it and sees in Tim Saya who has not logged, and the realisation form drafts the period's
narrative from it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import LogAudit
from core.errors import NotPermitted
from kinerja.models import ProgresHarian
from kinerja.penilaian import harian
from kinerja.penilaian import services_harian as svc_harian
from tests.factories import PegawaiFactory, RencanaHasilKerjaFactory
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario

pytestmark = pytest.mark.django_db

URL = "/kinerja/harian/"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _hari_ini():
    return timezone.localdate()


def _rhk(pegawai, tahun=None, uraian="Terlaksananya verifikasi klaim"):
    return RencanaHasilKerjaFactory(skp__pegawai=pegawai, skp__tahun=tahun or _hari_ini().year, uraian=uraian)


def _catat(pegawai, rhk, tanggal=None, uraian="Memverifikasi 25 berkas klaim"):
    return ProgresHarian.objects.create(pegawai=pegawai, rhk=rhk, tanggal=tanggal or _hari_ini(), uraian=uraian)


def test_kinerja_saya_leads_to_a_short_form_dated_today_in_wita(org, login):
    rhk = _rhk(org.staf_a1)
    client = login(org.staf_a1)
    assert f'href="{URL}"' in client.get(reverse("kinerja_saya")).content.decode()
    html = client.get(URL).content.decode()
    assert f'value="{_hari_ini().isoformat()}"' in html and f'max="{_hari_ini().isoformat()}"' in html
    assert rhk.uraian in html and "Catat progres" in html


def test_the_asn_logs_a_day_with_evidence_and_sees_it_in_their_list(org, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    rhk = _rhk(org.staf_a1)
    client = login(org.staf_a1)
    berkas = SimpleUploadedFile("notula.pdf", PDF, content_type="application/pdf")
    data = {
        "tanggal": _hari_ini().isoformat(),
        "rhk": rhk.pk,
        "uraian": "  Memverifikasi 25 berkas klaim puskesmas  ",
        "bukti_tautan": "https://drive.gorontaloprov.go.id/klaim",
        "bukti_berkas": berkas,
    }
    respons = client.post(URL, data, follow=True)
    assert f"Progres {harian.tanggal_pendek(_hari_ini())} tercatat." in [str(m) for m in respons.context["messages"]]
    progres = ProgresHarian.objects.get()
    assert (progres.pegawai, progres.rhk, progres.uraian, progres.dicatat_oleh) == (
        org.staf_a1,
        rhk,
        "Memverifikasi 25 berkas klaim puskesmas",
        org.staf_a1.user,
    )
    assert "Memverifikasi 25 berkas klaim puskesmas" in respons.content.decode()
    assert client.get(reverse("progres_berkas", args=[progres.pk])).status_code == 200
    assert LogAudit.objects.get(aksi="progres_dicatat").objek_id == progres.pk


@pytest.mark.parametrize(
    ("geser", "pesan"),
    [
        (1, "Progres tidak dapat dicatat untuk tanggal yang belum tiba."),
        (-30, "Progres hanya dapat dicatat atau diubah sampai 3 hari kerja"),
    ],
)
def test_a_future_or_old_day_is_refused_beside_the_date_and_nothing_is_saved(org, login, geser, pesan):
    rhk = _rhk(org.staf_a1)
    tanggal = _hari_ini() + datetime.timedelta(days=geser)
    respons = login(org.staf_a1).post(URL, {"tanggal": tanggal.isoformat(), "rhk": rhk.pk, "uraian": "Rapat"})
    assert respons.status_code == 200 and pesan in respons.content.decode()
    assert pesan in " ".join(respons.context["form"].errors["tanggal"])
    assert not ProgresHarian.objects.exists()


def test_an_rhk_of_someone_elses_plan_or_an_empty_text_is_refused(org, login):
    rhk_lain = _rhk(org.staf_a2)
    respons = login(org.staf_a1).post(URL, {"tanggal": _hari_ini().isoformat(), "rhk": rhk_lain.pk, "uraian": " "})
    galat = respons.context["form"].errors
    assert set(galat) == {"rhk", "uraian"}
    # The service refuses it too, whatever the form offered.
    with pytest.raises(ValidationError) as refusal:
        svc_harian.catat_progres(org.staf_a1.user, tanggal=_hari_ini(), rhk_id=rhk_lain.pk, uraian="Rapat")
    assert refusal.value.message_dict == {"rhk": [f"Pilih salah satu RHK pada SKP {_hari_ini().year} Anda."]}
    # Last year's RHK for today neither.
    rhk_lalu = _rhk(org.staf_a1, tahun=_hari_ini().year - 1)
    with pytest.raises(ValidationError):
        svc_harian.catat_progres(org.staf_a1.user, tanggal=_hari_ini(), rhk_id=rhk_lalu.pk, uraian="Rapat")
    assert not ProgresHarian.objects.exists()


def test_only_the_asn_logs_their_own_day(org):
    rhk = _rhk(org.staf_a1)
    with pytest.raises(NotPermitted):
        svc_harian.catat_progres(org.admin, tanggal=_hari_ini(), rhk_id=rhk.pk, uraian="Atas nama")
    progres = _catat(org.staf_a1, rhk)
    with pytest.raises(NotPermitted):
        svc_harian.catat_progres(
            org.atasan_a.user, tanggal=_hari_ini(), rhk_id=rhk.pk, uraian="Diubah atasan", progres_id=progres.pk
        )
    assert ProgresHarian.objects.get().uraian == "Memverifikasi 25 berkas klaim"


def test_a_recent_entry_is_changed_and_deleted_an_old_one_is_locked(org, login):
    rhk = _rhk(org.staf_a1)
    client = login(org.staf_a1)
    baru = _catat(org.staf_a1, rhk)
    data = {"tanggal": _hari_ini().isoformat(), "rhk": rhk.pk, "uraian": "Memverifikasi 30 berkas"}
    client.post(reverse("progres_ubah", args=[baru.pk]), data)
    assert ProgresHarian.objects.get(pk=baru.pk).uraian == "Memverifikasi 30 berkas"
    assert LogAudit.objects.get(aksi="progres_diubah").perubahan["uraian"] == [
        "Memverifikasi 25 berkas klaim",
        "Memverifikasi 30 berkas",
    ]

    lama = _catat(org.staf_a1, rhk, tanggal=_hari_ini() - datetime.timedelta(days=20), uraian="Lama")
    html = client.get(URL).content.decode()
    assert reverse("progres_ubah", args=[baru.pk]) in html and reverse("progres_ubah", args=[lama.pk]) not in html
    respons = client.post(reverse("progres_hapus", args=[lama.pk]), follow=True)
    assert "tidak dapat diubah lagi" in " ".join(str(m) for m in respons.context["messages"])
    assert ProgresHarian.objects.filter(pk=lama.pk).exists()
    client.post(reverse("progres_hapus", args=[baru.pk]))
    assert not ProgresHarian.objects.filter(pk=baru.pk).exists()
    # Another ASN's entry is not found at all.
    assert login(org.staf_a2).post(reverse("progres_hapus", args=[lama.pk])).status_code == 404


def test_the_supervisor_reads_the_log_and_sees_the_recent_working_days_without_one(org, login):
    rhk = _rhk(org.staf_a1)
    hari = harian.hari_kerja_sebelum(_hari_ini(), harian.HARI_KERJA_PANTAU)
    for h in hari[:-2]:
        _catat(org.staf_a1, rhk, tanggal=h, uraian=f"Pekerjaan {h:%d-%m}")
    client = login(org.atasan_a)
    html = client.get(reverse("progres_pegawai", args=[org.staf_a1.pk])).content.decode()
    assert f"Pekerjaan {hari[0]:%d-%m}" in html and "Tanpa progres pada 5 hari kerja terakhir" in html
    # Tim Saya: who has not logged on which of those days, and the way to their log.
    tim = client.get(reverse("tim_saya")).content.decode()
    assert "Progres harian tim" in tim
    assert "2 hari tanpa progres" in tim and "5 hari tanpa progres" in tim  # staf_a1, and staf_a2 who logged nothing
    assert reverse("progres_pegawai", args=[org.staf_a2.pk]) in tim


@pytest.mark.parametrize(("siapa", "status"), [("atasan_a", 200), ("hr_a", 200), ("staf_a1", 200), ("hr_b", 404)])
def test_who_may_read_an_asns_log(org, login, siapa, status):
    assert login(getattr(org, siapa)).get(reverse("progres_pegawai", args=[org.staf_a1.pk])).status_code == status


def test_a_colleague_may_not_read_the_log_nor_its_evidence(org, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    progres = _catat(org.staf_a1, _rhk(org.staf_a1))
    progres.bukti_berkas = SimpleUploadedFile("bukti.pdf", PDF)
    progres.save()
    client = login(org.staf_a2)
    assert client.get(reverse("progres_pegawai", args=[org.staf_a1.pk])).status_code in (403, 404)
    assert client.get(reverse("progres_berkas", args=[progres.pk])).status_code == 404


def test_the_list_pages_run_a_fixed_number_of_queries(org, login, django_assert_max_num_queries):
    rhk = _rhk(org.staf_a1)
    for i in range(25):
        _catat(org.staf_a1, rhk, tanggal=_hari_ini() - datetime.timedelta(days=i % 10), uraian=f"Entri {i}")
    client = login(org.staf_a1)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
    client = login(org.atasan_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("progres_pegawai", args=[org.staf_a1.pk])).status_code == 200


def test_the_realisation_form_drafts_the_narrative_from_the_periods_log(org, login):
    s = Skenario(org)
    ev = s.evaluasi()
    rhk = ev.skp.rhk.get()
    _catat(org.staf_a1, rhk, tanggal=datetime.date(2026, 2, 3), uraian="Menyusun draf analisis jabatan")
    _catat(org.staf_a1, rhk, tanggal=datetime.date(2026, 1, 15), uraian="Menghimpun data jabatan")
    _catat(org.staf_a1, rhk, tanggal=datetime.date(2026, 4, 2), uraian="Di luar periode")
    html = login(org.staf_a1).get(reverse("evaluasi_isi", args=[ev.pk])).content.decode()
    draf = "15 Jan: Menghimpun data jabatan\n3 Feb: Menyusun draf analisis jabatan"
    assert f'id="log-rhk-{rhk.pk}" data-draf="{draf}"' in html and "Progres harian periode ini" in html
    assert "Di luar periode" not in html
    # One button per indicator of the RHK, each filling its own narrative from that log.
    for indikator in rhk.indikator.all():
        assert f'data-isi-log="log-rhk-{rhk.pk}" data-untuk="id_realisasi_{indikator.pk}_narasi"' in html


def test_a_deleted_entrys_evidence_file_leaves_storage(
    org, login, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    rhk = _rhk(org.staf_a1)
    client = login(org.staf_a1)
    berkas = SimpleUploadedFile("notula.pdf", PDF, content_type="application/pdf")
    data = {"tanggal": _hari_ini().isoformat(), "rhk": rhk.pk, "uraian": "Rapat", "bukti_berkas": berkas}
    client.post(URL, data)
    progres = ProgresHarian.objects.get()
    jalur = tmp_path / progres.bukti_berkas.name
    assert jalur.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("progres_hapus", args=[progres.pk]))
    assert not ProgresHarian.objects.exists() and not jalur.exists()


def test_tim_saya_reads_the_teams_log_in_one_query_whatever_its_size(org, login):
    hari = harian.hari_kerja_sebelum(_hari_ini(), harian.HARI_KERJA_PANTAU)
    client = login(org.atasan_a)

    def kueri():
        with CaptureQueriesContext(connection) as q:
            assert client.get(reverse("tim_saya")).status_code == 200
        return len(q.captured_queries)

    def tambah(n):
        for i in range(n):
            staf = PegawaiFactory(unit_kerja=org.bidang_a, atasan=org.atasan_a)
            rhk = _rhk(staf)
            for h in hari[i % 3 :]:
                _catat(staf, rhk, tanggal=h)

    tambah(2)
    kecil = kueri()
    tambah(10)
    assert kueri() == kecil
