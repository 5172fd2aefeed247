"""The required documents a citizen uploads with an online request: checked like evidence files (size, type, bytes),
all or nothing, stored privately and opened only by the officers and HR of the unit offering the service."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from layanan import services
from layanan.models import BerkasPersyaratan, Permohonan
from tests.layanan.factories import NIK_CONTOH

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def berkas_tersimpan(media) -> list[str]:
    return sorted(p.name for p in media.rglob("*") if p.is_file()) if media.exists() else []


def isian(lay, **kw):
    return {
        "jenis_layanan": lay.jenis.pk,
        "nama_pemohon": "Rahmat Hulopi",
        "nik": NIK_CONTOH,
        "telepon": "081234567890",
        **kw,
    }


def ajukan(client, lay, **berkas):
    return client.post(reverse("layanan:ajukan"), isian(lay, **berkas))


def test_the_form_asks_one_upload_per_requirement_of_the_chosen_service(lay, client):
    html = client.get(reverse("layanan:ajukan"), {"layanan": "KTP"}).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="persyaratan_0"' in html and 'name="persyaratan_1"' in html and 'name="persyaratan_2"' not in html
    assert "Fotokopi KK" in html and "Formulir F-1.01" in html


def test_uploaded_documents_are_stored_with_their_requirement(lay, client, media):
    response = ajukan(
        client,
        lay,
        persyaratan_0=SimpleUploadedFile("kk.pdf", PDF),
        persyaratan_1=SimpleUploadedFile("formulir.png", PNG),
    )
    p = Permohonan.objects.get()
    assert response["Location"] == reverse("layanan:tanda_terima", args=[p.nomor_tiket])
    berkas = list(p.berkas_persyaratan.order_by("id"))
    assert [(b.persyaratan, b.nama_berkas) for b in berkas] == [
        ("Fotokopi KK", "kk.pdf"),
        ("Formulir F-1.01", "formulir.png"),
    ]
    assert berkas[0].berkas.read() == PDF
    assert berkas_tersimpan(media) == ["formulir.png", "kk.pdf"]


def test_uploads_are_optional_and_the_receipt_says_what_to_bring(lay, client):
    response = client.post(
        reverse("layanan:ajukan"), isian(lay, persyaratan_1=SimpleUploadedFile("f.pdf", PDF)), follow=True
    )
    html = response.content.decode()
    assert 'Formulir F-1.01 <span class="text-body-secondary small">(diunggah)' in html
    assert 'Fotokopi KK <span class="text-body-secondary small">(bawa saat ke loket)' in html


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("kk.pdf", EXE, "Isi berkas 'kk.pdf' bukan berkas PDF yang sah."),
        ("kk.exe", EXE, "Jenis berkas bukti harus salah satu dari"),
    ],
)
def test_one_bad_file_saves_nothing_and_says_why_beside_its_field(lay, client, media, nama, isi, pesan):
    response = ajukan(
        client,
        lay,
        persyaratan_0=SimpleUploadedFile(nama, isi),
        persyaratan_1=SimpleUploadedFile("formulir.pdf", PDF),
    )
    assert response.status_code == 200
    assert pesan in " ".join(response.context["form"].errors["persyaratan_0"])
    assert "tidak ada yang disimpan" in response.content.decode()
    assert not Permohonan.objects.exists() and not BerkasPersyaratan.objects.exists()
    assert berkas_tersimpan(media) == []


def test_a_file_over_the_limit_is_refused(lay, client, media, settings):
    settings.BUKTI_MAX_MB = 1
    besar = SimpleUploadedFile("kk.pdf", PDF + b"0" * (1024 * 1024))
    response = ajukan(client, lay, persyaratan_0=besar)
    assert "paling besar 1 MB" in " ".join(response.context["form"].errors["persyaratan_0"])
    assert not Permohonan.objects.exists() and berkas_tersimpan(media) == []


def test_documents_together_over_the_total_limit_are_refused_before_nginx_would(lay, client, media, settings):
    settings.PERSYARATAN_TOTAL_MAX_MB = 1
    setengah = PDF + b"0" * (600 * 1024)
    response = ajukan(
        client,
        lay,
        persyaratan_0=SimpleUploadedFile("kk.pdf", setengah),
        persyaratan_1=SimpleUploadedFile("formulir.pdf", setengah),
    )
    assert "semua dokumen bersama paling besar 1 MB" in " ".join(response.context["form"].non_field_errors())
    assert not Permohonan.objects.exists() and berkas_tersimpan(media) == []
    # One of them alone is within the limit.
    ajukan(client, lay, persyaratan_0=SimpleUploadedFile("kk.pdf", setengah))
    assert Permohonan.objects.count() == 1


def test_the_service_refuses_a_file_for_a_requirement_the_service_does_not_have(lay, media):
    with pytest.raises(ValidationError) as galat:
        services.ajukan_daring(
            jenis_layanan=lay.jenis,
            nama_pemohon="Rahmat",
            nik=NIK_CONTOH,
            telepon="081234567890",
            berkas={0: SimpleUploadedFile("kk.pdf", PDF), 5: SimpleUploadedFile("lain.pdf", PDF)},
        )
    assert galat.value.message_dict == {"persyaratan_5": ["Layanan ini tidak meminta berkas tersebut."]}
    assert not Permohonan.objects.exists() and berkas_tersimpan(media) == []


def test_a_storage_failure_half_way_leaves_neither_rows_nor_files(lay, media, monkeypatch):
    simpan_asli = default_storage.save
    disimpan = []

    def simpan_lalu_gagal(nama, isi, **kw):
        if disimpan:
            raise OSError("disk penuh")
        disimpan.append(simpan_asli(nama, isi, **kw))
        return disimpan[-1]

    monkeypatch.setattr(default_storage, "save", simpan_lalu_gagal)
    with pytest.raises(OSError):
        services.ajukan_daring(
            jenis_layanan=lay.jenis,
            nama_pemohon="Rahmat",
            nik=NIK_CONTOH,
            telepon="081234567890",
            berkas={0: SimpleUploadedFile("kk.pdf", PDF), 1: SimpleUploadedFile("f.pdf", PDF)},
        )
    assert len(disimpan) == 1
    assert not Permohonan.objects.exists() and berkas_tersimpan(media) == []


@pytest.fixture
def berkas(lay, client):
    ajukan(client, lay, persyaratan_0=SimpleUploadedFile("kk.pdf", PDF))
    return BerkasPersyaratan.objects.get()


def url_berkas(b):
    return reverse("layanan:berkas_persyaratan", args=[b.permohonan_id, b.pk])


@pytest.mark.parametrize(
    ("siapa", "status"),
    [
        ("petugas", 200),  # an officer of the unit offering the service (OPD B)
        ("hr_b", 200),  # HR of that unit
        ("admin", 200),
        ("kepala_b", 404),  # the head follows the figures, not the citizen's papers
        ("hr_a", 404),  # HR of another unit
        ("petugas_a", 404),  # an officer of another unit
        ("staf_b", 404),
    ],
)
def test_only_the_units_officers_and_hr_open_a_document(lay, berkas, login, siapa, status):
    response = login(getattr(lay, siapa)).get(url_berkas(berkas))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"]


def test_the_public_never_reaches_a_document(lay, berkas, client):
    # Not the citizen who sent it (their session holds the receipt), nor anyone else: the login page.
    response = client.get(url_berkas(berkas))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    tanda_terima = client.get(reverse("layanan:tanda_terima", args=[berkas.permohonan.nomor_tiket]))
    assert tanda_terima.status_code == 200
    assert url_berkas(berkas) not in tanda_terima.content.decode()
    assert "/media/" not in tanda_terima.content.decode()


def test_a_document_is_found_only_under_its_own_request(lay, berkas, login, client):
    lain = services.ajukan_daring(jenis_layanan=lay.jenis, nama_pemohon="Lain", nik=NIK_CONTOH, telepon="0812345678")
    url = reverse("layanan:berkas_persyaratan", args=[lain.pk, berkas.pk])
    assert login(lay.petugas).get(url).status_code == 404


def test_the_request_page_lists_documents_for_the_officer_and_only_counts_them_for_the_head(lay, berkas, login):
    html = login(lay.petugas).get(reverse("layanan:detail", args=[berkas.permohonan_id])).content.decode()
    assert url_berkas(berkas) in html and "Fotokopi KK" in html and "kk.pdf" in html
    html = login(lay.kepala_b).get(reverse("layanan:detail", args=[berkas.permohonan_id])).content.decode()
    assert url_berkas(berkas) not in html and "kk.pdf" not in html
    assert "1 berkas diunggah" in html
