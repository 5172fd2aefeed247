"""SE MenPANRB 3/2023: the rating of hasil kerja of a unit's head follows the unit's organisational performance,
which HR sets per period. The rating form proposes it; another rating needs a reason, kept in the history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.models import SKP, EvaluasiKinerja, IndikatorKinerja, RiwayatEvaluasi
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian.models_unit import KinerjaOrganisasi
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario, penilaian

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(org):
    """Atasan A heads Bidang Pengembangan (Istimewa in the scenario), with an approved SKP and a submitted
    evaluation, which the Kepala Badan rates."""
    org.bidang_a.kepala = org.atasan_a
    org.bidang_a.save()
    s = Skenario(org)
    # The scenario's own SKP of Atasan A (the RHK its staff cascade from), approved with one indicator.
    rhk = s.rhk_atasan
    indikator = IndikatorKinerja.objects.create(
        rhk=rhk, uraian="Pegawai terlatih", aspek="KUANTITAS", target=20, satuan="orang"
    )
    SKP.objects.filter(pk=rhk.skp_id).update(status="DISETUJUI")
    ev = EvaluasiKinerja.objects.get(periode=s.periode, pegawai=org.atasan_a)
    ev = svc.isi_realisasi(org.atasan_a.user, ev.pk, ev.versi, [svc.IsianRealisasi(indikator.pk, 20)])
    svc.ajukan_evaluasi(org.atasan_a.user, ev.pk, ev.versi)
    return s


def _evaluasi_kepala_bidang(s):
    return EvaluasiKinerja.objects.get(periode=s.periode, pegawai=s.org.atasan_a)


def test_the_rating_form_proposes_the_units_rating_for_its_head(s, org, login):
    ev = _evaluasi_kepala_bidang(s)
    halaman = login(org.kepala).get(reverse("evaluasi_nilai", args=[ev.pk]))
    html = halaman.content.decode()
    assert "memimpin Bidang Pengembangan" in html and "<strong>Istimewa</strong>" in html
    assert "SE MenPANRB 3/2023" in html
    # Istimewa → Di Atas Ekspektasi, chosen to start with.
    assert halaman.context["form"]["rating_hasil_kerja"].initial == "DI_ATAS"
    assert "alasan_rating_pimpinan" in halaman.context["form"].fields


def test_another_rating_without_a_reason_is_refused_and_nothing_changes(s, org):
    ev = _evaluasi_kepala_bidang(s)
    with pytest.raises(ValidationError) as galat:
        svc.nilai_evaluasi(org.kepala.user, ev.pk, ev.versi, **penilaian(ev, "SESUAI"))
    (pesan,) = galat.value.message_dict["alasan_rating_pimpinan"]
    assert "Bidang Pengembangan Istimewa" in pesan and "Di Atas Ekspektasi" in pesan and "SE MenPANRB 3/2023" in pesan
    ev.refresh_from_db()
    assert (ev.status, ev.rating_hasil_kerja) == ("DIAJUKAN", "")


def test_an_override_with_a_reason_is_logged_in_the_history(s, org, login):
    ev = _evaluasi_kepala_bidang(s)
    alasan = "Dua RHK utama tidak tercapai karena pemotongan anggaran yang tidak dapat dicegah."
    svc.nilai_evaluasi(
        org.kepala.user, ev.pk, ev.versi, alasan_rating_pimpinan=alasan, **penilaian(ev, "SESUAI", "SESUAI")
    )
    log = RiwayatEvaluasi.objects.get(evaluasi=ev, aksi="BEDA_ORG")
    assert (log.nilai_lama, log.nilai_baru, log.oleh) == ("DI_ATAS", "SESUAI", org.kepala.user)
    assert log.alasan == f"Capaian kinerja organisasi Bidang Pengembangan: Istimewa. {alasan}"
    html = login(org.kepala).get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert "Rating hasil kerja pimpinan berbeda dari kinerja organisasi" in html and alasan in html


def test_the_units_rating_needs_no_reason(s, org):
    ev = _evaluasi_kepala_bidang(s)
    svc.nilai_evaluasi(org.kepala.user, ev.pk, ev.versi, **penilaian(ev, "DI_ATAS"))
    assert not RiwayatEvaluasi.objects.filter(evaluasi=ev, aksi="BEDA_ORG").exists()
    # Set lower later: re-rating the head with the old rating then needs a reason too.
    svc_periode.tetapkan_kinerja_organisasi(org.hr_a.user, s.periode.pk, org.bidang_a.pk, "KURANG")
    ev.refresh_from_db()
    with pytest.raises(ValidationError) as galat:
        svc.nilai_evaluasi(org.kepala.user, ev.pk, ev.versi, alasan="Ditinjau.", **penilaian(ev, "DI_ATAS"))
    assert "alasan_rating_pimpinan" in galat.value.message_dict


def test_staff_of_the_unit_are_not_bound_by_it(s, org):
    s.nilai(org.staf_a1, hasil="SESUAI")
    assert s.evaluasi(org.staf_a1).rating_hasil_kerja == "SESUAI"


def test_a_head_whose_unit_has_no_rating_yet_is_rated_freely(s, org, login):
    KinerjaOrganisasi.objects.filter(unit_kerja=org.bidang_a).delete()
    ev = _evaluasi_kepala_bidang(s)
    halaman = login(org.kepala).get(reverse("evaluasi_nilai", args=[ev.pk]))
    assert "alasan_rating_pimpinan" not in halaman.context["form"].fields
    svc.nilai_evaluasi(org.kepala.user, ev.pk, ev.versi, **penilaian(ev, "DI_BAWAH"))
    assert _evaluasi_kepala_bidang(s).rating_hasil_kerja == "DI_BAWAH"


def test_the_units_page_says_what_the_head_is_rated_and_flags_a_difference(s, org, login):
    halaman = reverse("periode_unit", args=[s.periode.pk, org.bidang_a.pk])
    client = login(org.hr_a)
    html = client.get(halaman).content.decode()
    assert (
        "rating hasil kerja kepala unit, Atasan A, mengikuti capaian ini: <strong>Di Atas Ekspektasi</strong>" in html
    )
    assert "berbeda dari capaian organisasi" not in html
    ev = _evaluasi_kepala_bidang(s)
    svc.nilai_evaluasi(org.kepala.user, ev.pk, ev.versi, alasan_rating_pimpinan="Anggaran dipotong.", **penilaian(ev))
    html = client.get(halaman).content.decode()
    assert "Ia dinilai Sesuai Ekspektasi, berbeda dari capaian organisasi." in html
    assert reverse("evaluasi_detail", args=[ev.pk]) in html
