"""Realisation: capaian stored per indicator and averaged per RHK (DOMAIN.md §2), who entered it, and evidence."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.files import validate_evidence_file
from kinerja.models import PengaturanKinerja, RealisasiIndikator
from kinerja.penilaian import selectors as sel
from kinerja.penilaian import services as svc
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario


def test_capaian_is_stored_per_indicator_and_averaged_per_rhk(org):
    s = Skenario(org)
    s.isi()  # 10/10 dokumen, 90/100 %, 12/12 bulan
    assert list(RealisasiIndikator.objects.order_by("indikator__urutan").values_list("capaian", flat=True)) == [
        Decimal("100.00"),
        Decimal("90.00"),
        Decimal("76.00"),
    ]
    detail = sel.detail_evaluasi(org.staf_a1.user, s.evaluasi().pk)
    assert detail.rhk[0].capaian == Decimal("88.67")


def test_the_capaian_cap_is_an_agency_setting(org):
    s = Skenario(org)
    s.isi(nilai=[15, 90, 12])
    assert RealisasiIndikator.objects.get(indikator__aspek="KUANTITAS").capaian == Decimal("120.00")
    # An agency may count achievement up to less than the regulation's 120% (never more: the setting's range).
    PengaturanKinerja.objects.update_or_create(pk=1, defaults={"batas_capaian": 110})
    s.isi(nilai=[15, 90, 12])
    assert RealisasiIndikator.objects.get(indikator__aspek="KUANTITAS").capaian == Decimal("110.00")


@pytest.mark.parametrize("pengisi, sebagai", [("staf_a1", "PEGAWAI"), ("hr_a", "PENGELOLA")])
def test_who_entered_the_realisation_is_recorded(org, pengisi, sebagai):
    s = Skenario(org)
    user = getattr(org, pengisi).user
    s.isi(user=user)
    assert set(RealisasiIndikator.objects.values_list("diisi_oleh", "diisi_sebagai")) == {(user.pk, sebagai)}


def test_a_negative_or_non_numeric_realisation_is_refused(org):
    s = Skenario(org)
    with pytest.raises(ValidationError):
        s.isi(nilai=[-1, 90, 12])
    with pytest.raises(ValidationError):
        s.isi(nilai=["sepuluh", 90, 12])
    assert not RealisasiIndikator.objects.exists()


def test_an_indicator_of_another_skp_is_refused(org):
    s = Skenario(org)
    ev_lain = s.evaluasi(org.staf_a2)
    ev = s.evaluasi()
    asing = ev_lain.skp.rhk.get().indikator.first()
    with pytest.raises(ValidationError, match="bukan bagian dari SKP"):
        svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, [svc.IsianRealisasi(asing.pk, 1)])
    assert not RealisasiIndikator.objects.exists()


def _pdf():
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _ooxml(folder):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{folder}/document.xml", "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    "nama, isi",
    [
        ("bukti.pdf", _pdf()),
        ("foto.JPG", b"\xff\xd8\xff\xe0" + b"0" * 20),
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
        ("rekap.xlsx", _ooxml("xl")),
        ("laporan.docx", _ooxml("word")),
    ],
)
def test_evidence_of_an_allowed_type_is_accepted(nama, isi):
    validate_evidence_file(SimpleUploadedFile(nama, isi))


@pytest.mark.parametrize(
    "nama, isi, pesan",
    [
        ("skrip.exe", b"MZ" + b"0" * 20, "harus salah satu dari"),
        ("bukti.pdf", b"<html>bukan pdf</html>", "bukan berkas PDF"),
        ("rekap.xlsx", _ooxml("word"), "bukan berkas XLSX"),
        ("rekap.xlsx", b"PK\x03\x04rusak", "bukan berkas XLSX"),
        ("foto.png", b"\xff\xd8\xff\xe0" + b"0" * 20, "bukan berkas PNG"),
        ("tanpa_ekstensi", _pdf(), "harus salah satu dari"),
    ],
)
def test_evidence_whose_name_or_content_is_not_allowed_is_refused(nama, isi, pesan):
    with pytest.raises(ValidationError, match=pesan):
        validate_evidence_file(SimpleUploadedFile(nama, isi))


def test_evidence_over_the_size_limit_is_refused(settings):
    settings.BUKTI_MAX_MB = 1
    with pytest.raises(ValidationError, match="paling besar 1 MB"):
        validate_evidence_file(SimpleUploadedFile("besar.pdf", _pdf() + b"0" * (1024 * 1024)))


def test_a_refused_evidence_file_stores_nothing(org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    s = Skenario(org)
    ev = s.evaluasi()
    indikator = ev.skp.rhk.get().indikator.first()
    palsu = SimpleUploadedFile("bukti.pdf", b"MZ bukan pdf")
    with pytest.raises(ValidationError):
        svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, [svc.IsianRealisasi(indikator.pk, 3, bukti_berkas=palsu)])
    assert not RealisasiIndikator.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_valid_evidence_file_and_link_are_kept(org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    s = Skenario(org)
    ev = s.evaluasi()
    indikator = ev.skp.rhk.get().indikator.first()
    berkas = SimpleUploadedFile("bukti.pdf", _pdf())
    isian = svc.IsianRealisasi(indikator.pk, 3, bukti_tautan="https://drive.example.go.id/bukti", bukti_berkas=berkas)
    svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, [isian])
    baris = RealisasiIndikator.objects.get()
    assert baris.bukti_tautan == "https://drive.example.go.id/bukti"
    assert baris.bukti_berkas.name.startswith("bukti/") and baris.bukti_berkas.name.endswith(".pdf")


def test_refilling_without_evidence_keeps_the_stored_link_and_an_empty_string_clears_it(org):
    s = Skenario(org)
    ev = s.evaluasi()
    indikator = ev.skp.rhk.get().indikator.first()
    isi = [svc.IsianRealisasi(indikator.pk, 3, bukti_tautan="https://drive.example.go.id/bukti")]
    ev = svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, isi)
    ev = svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, [svc.IsianRealisasi(indikator.pk, 4)])
    assert RealisasiIndikator.objects.get().bukti_tautan == "https://drive.example.go.id/bukti"
    svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, [svc.IsianRealisasi(indikator.pk, 4, bukti_tautan="")])
    assert RealisasiIndikator.objects.get().bukti_tautan == ""
