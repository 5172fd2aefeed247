"""Stored text is rendered escaped on every page: script and HTML payloads in every free-text column.

Each test builds real data through the services, then overwrites every free-text column of every row of the
project's models (names of ASN and units, SKP and indicator texts, feedback, dialog, notifications, rules,
outcome reasons, requests, status notes, survey comments) with a payload, renders the pages that show them
to the roles that see them and the Django admin (the only place survey comments are shown), and checks that
no payload comes out as markup. The escaped payload must show up too, so a page that stopped showing the
data cannot pass by accident.
"""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse

from evaluasi import services as svc_aturan
from evaluasi.models import Aturan, ImporFakta, Konsekuensi
from kinerja.models import ImporRoster
from kinerja.pegawai import services as svc_roster
from kinerja.penilaian import services as svc
from layanan import services as svc_layanan
from layanan.models import Permohonan
from tests.evaluasi.bantuan import kehadiran, periode
from tests.kinerja.pegawai.berkas_roster import baris_pegawai, xlsx
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario
from tests.layanan.factories import NIK_CONTOH, JenisLayananFactory

SKRIP = "<script>alert(1)</script>"
GAMBAR = '"><img src=x onerror=alert(1)>'
MUATAN = (SKRIP, GAMBAR)
TERLOLOS = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
# Columns that are identifiers or formatted values rather than free text; their own validation keeps HTML out.
BUKAN_TEKS_BEBAS = re.compile(r"nip|kode|token|nomor|email|nik|telepon|no_hp|username|password|tautan|berkas|sumber")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def racuni():
    """Overwrite every free-text column of every stored row with one of the payloads."""
    model_kita = [m for a in ("kinerja", "evaluasi", "layanan", "rekap") for m in apps.get_app_config(a).get_models()]
    for model in [*model_kita, get_user_model()]:
        kolom = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
            and not (f.choices or f.unique or f.primary_key or BUKAN_TEKS_BEBAS.search(f.name))
            and (f.max_length is None or f.max_length >= len(GAMBAR) + 8)
            and (model is not get_user_model() or f.name in ("first_name", "last_name"))
        ]
        for i, f in enumerate(kolom):
            muatan = MUATAN[i % 2]
            try:
                with transaction.atomic():
                    model._base_manager.update(**{f.name: muatan})
            except IntegrityError:  # part of a unique constraint: one distinct value per row
                for pk in model._base_manager.values_list("pk", flat=True):
                    model._base_manager.filter(pk=pk).update(**{f.name: f"{muatan} {pk}"})


def periksa_halaman(client, halaman):
    """GET each (user, url): 200, no payload as markup; returns every page's HTML for the escaped check."""
    semua = []
    for user, url in halaman:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        html = response.content.decode()
        for muatan in (*MUATAN, "<script>alert", "<img src=x"):
            assert muatan not in html, (url, muatan)
        semua.append(html)
    return "\n".join(semua)


def halaman_admin():
    """The admin list and the first change page of every model of ours that has rows, for a superuser."""
    admin_user = get_user_model().objects.create_superuser("super", "super@contoh.id", "x")
    halaman = []
    for model in admin.site._registry:
        if model._meta.app_label not in ("kinerja", "evaluasi", "layanan", "rekap"):
            continue
        nama = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        halaman.append((admin_user, reverse(f"{nama}_changelist")))
        if pk := model._base_manager.values_list("pk", flat=True).first():
            halaman.append((admin_user, reverse(f"{nama}_change", args=[pk])))
    return halaman


def test_performance_pages_escape_names_skp_feedback_dialog_and_notifications(org, client):
    s = Skenario(org)
    s.nilai(org.staf_a1, "DI_ATAS", "DI_ATAS", alasan="Umpan balik atasan")
    ev = s.evaluasi(org.staf_a1)
    svc.kirim_dialog(org.staf_a1.user, isi="Catatan dialog", evaluasi_id=ev.pk)
    svc.kirim_dialog(org.atasan_a.user, isi="Balasan dialog", skp_id=s.skp_a1.pk)
    s.ajukan(org.staf_a2)
    ev2 = s.evaluasi(org.staf_a2)
    racuni()
    # The rating form labels its fields with the SKP's texts.
    html_nilai = periksa_halaman(client, [(org.atasan_a.user, reverse("evaluasi_nilai", args=[ev2.pk]))])
    svc.kembalikan_evaluasi(org.atasan_a.user, ev2.pk, ev2.versi, "Perbaiki bukti")
    racuni()
    p, staf, atasan, hr = s.periode, org.staf_a1.user, org.atasan_a.user, org.hr_a.user
    html = periksa_halaman(
        client,
        [
            (org.admin, reverse("beranda")),
            (org.admin, reverse("daftar_pegawai")),
            (org.admin, reverse("detail_pegawai", args=[org.staf_a1.pk])),
            (org.admin, reverse("pohon_unit")),
            (hr, reverse("periode_daftar")),
            (hr, reverse("periode_detail", args=[p.pk])),
            (hr, reverse("periode_unit", args=[p.pk, org.bidang_a.pk])),
            (hr, reverse("evaluasi_detail", args=[ev.pk])),
            (hr, reverse("evaluasi_dokumen", args=[ev.pk])),
            (hr, reverse("skp_detail", args=[s.skp_a1.pk])),
            (atasan, reverse("tim_saya")),
            (atasan, reverse("evaluasi_detail", args=[ev.pk])),
            (atasan, reverse("notifikasi_daftar")),
            (staf, reverse("kinerja_saya")),
            (staf, reverse("profil_saya")),
            (staf, reverse("evaluasi_detail", args=[ev.pk])),
            (staf, reverse("evaluasi_dokumen", args=[ev.pk])),
            (staf, reverse("notifikasi_daftar")),
            (org.staf_a2.user, reverse("evaluasi_isi", args=[ev2.pk])),
            (org.admin, reverse("rekap:organisasi")),
            (hr, reverse("rekap:organisasi")),
            (atasan, reverse("rekap:tim")),
            (staf, reverse("rekap:saya")),
            *halaman_admin(),
        ],
    )
    for terlolos in TERLOLOS:
        assert terlolos in html and terlolos in html_nilai


def test_rules_outcomes_and_import_pages_escape_stored_text(org, client):
    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    kehadiran(org.staf_a2, 1, tanpa_keterangan=5)
    svc_aturan.terapkan_aturan(org.admin, p.pk)
    k = Konsekuensi.objects.get(pegawai=org.staf_a1)
    svc_aturan.putuskan_konsekuensi(org.admin, k.pk, setujui=True, alasan="Sesuai rekap")
    # Import previews echo the file's cells in their messages and lists.
    roster = svc_roster.buat_impor_roster(
        org.admin, SimpleUploadedFile("r.xlsx", xlsx([baris_pegawai(1, NIP=SKRIP), baris_pegawai(2, Nama=GAMBAR)]))
    )
    fakta = svc_aturan.buat_impor(
        org.hr_a.user,
        "KEHADIRAN",
        SimpleUploadedFile("h.csv", f"NIP,Tahun,Bulan,Hari Kerja,Hadir\n{GAMBAR},2026,1,22,20\n".encode()),
    )
    assert roster.galat and fakta.galat
    racuni()
    html = periksa_halaman(
        client,
        [
            (org.admin, reverse("evaluasi:aturan_daftar")),
            (org.admin, reverse("evaluasi:aturan_ubah", args=[Aturan.objects.first().pk])),
            (org.admin, reverse("evaluasi:terapkan") + f"?periode={p.pk}"),
            (org.admin, reverse("evaluasi:konsekuensi_daftar")),
            (org.admin, reverse("evaluasi:konsekuensi_detail", args=[k.pk])),
            (org.hr_a.user, reverse("evaluasi:konsekuensi_daftar")),
            (org.staf_a1.user, reverse("evaluasi:konsekuensi_saya")),
            (org.admin, reverse("impor_roster")),
            (org.admin, reverse("impor_roster_detail", args=[roster.pk])),
            (org.hr_a.user, reverse("evaluasi:impor")),
            (org.hr_a.user, reverse("evaluasi:impor_detail", args=[fakta.pk])),
            (org.admin, reverse("evaluasi:tpp") + f"?unit={org.opd_a.pk}&tahun=2026&bulan=1"),
            *halaman_admin(),
        ],
    )
    for terlolos in TERLOLOS:
        assert terlolos in html
    assert ImporRoster.objects.count() == ImporFakta.objects.count() == 1


def test_service_desk_pages_escape_requests_notes_and_survey_comments(org, client):
    jenis = JenisLayananFactory(kode="KTP", nama="Perekaman KTP-el", unit_kerja=org.opd_b)
    p = svc_layanan.ajukan_daring(jenis_layanan=jenis, nama_pemohon="Rahmat", nik=NIK_CONTOH, telepon="081234567890")
    svc_layanan.ubah_status(org.petugas.user, p.pk, "DIPROSES", catatan="Berkas lengkap")
    p = svc_layanan.ubah_status(org.petugas.user, p.pk, "SELESAI", catatan="Selesai")
    svc_layanan.isi_survei(p.token_survei, [4] * 9, "Saran pemohon")
    ditolak = svc_layanan.ajukan_daring(jenis_layanan=jenis, nama_pemohon="Ani", nik=NIK_CONTOH, telepon="081334567890")
    svc_layanan.ubah_status(org.petugas.user, ditolak.pk, "DITOLAK", catatan="KK tidak terbaca")
    racuni()
    p = Permohonan.objects.get(pk=p.pk)
    html = periksa_halaman(
        client,
        [
            (org.petugas.user, reverse("layanan:loket")),
            (org.petugas.user, reverse("layanan:daftar")),
            (org.petugas.user, reverse("layanan:detail", args=[p.pk])),
            (org.petugas.user, reverse("layanan:detail", args=[ditolak.pk])),
            (org.hr_b.user, reverse("layanan:rekap")),
            (org.admin, reverse("layanan:hasil_ikm")),
            (org.admin, reverse("layanan:hasil_ikm_layanan", args=[jenis.kode])),
            (org.admin, reverse("layanan:ajukan")),
            (org.admin, reverse("rekap:organisasi")),
            *halaman_admin(),
        ],
    )
    client.logout()
    lacak = client.post(reverse("layanan:lacak"), {"nomor_tiket": p.nomor_tiket, "nik_4": NIK_CONTOH[-4:]})
    assert lacak.status_code == 200
    for muatan in (*MUATAN, "<script>alert", "<img src=x"):
        assert muatan not in lacak.content.decode()
    for terlolos in TERLOLOS:
        assert terlolos in html + lacak.content.decode()
