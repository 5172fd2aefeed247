"""Qualitative indicators (PermenPANRB 6/2022: a target may be a described result rather than a number): written on
the SKP form, realised as a narrative with evidence, marked by the appraiser above/at/below expectation, counted as
such in the proposal of the rating of hasil kerja, and carried into the document, the export and the annual
evaluation."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.models import EvaluasiKinerja, IndikatorKinerja, RealisasiIndikator, RiwayatEvaluasi
from kinerja.penilaian import services as svc
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian import services_skp as svc_skp
from tests.kinerja.penilaian.bantuan_evaluasi import TAHUN, buka_periode, penilaian, skp_atasan

pytestmark = pytest.mark.django_db

TARGET_KUALITATIF = "Rekomendasi kebijakan diterima pimpinan tanpa revisi substansi"
NARASI = "Rekomendasi disampaikan 12 Maret dan diterima Kepala Badan tanpa revisi."


class SkenarioKualitatif:
    """staf_a1's approved SKP: one RHK utama with a quantitative indicator (4 laporan) and a qualitative one; an
    open period with the evaluations of OPD A."""

    def __init__(self, org):
        self.org = org
        user = org.staf_a1.user
        skp = svc_skp.buat_skp(user, org.staf_a1.pk, TAHUN)
        rhk = svc_skp.simpan_rhk(
            user, skp.pk, uraian="Tersusunnya rekomendasi kebijakan", rhk_atasan_id=skp_atasan(org.atasan_a).pk
        )
        self.kuantitatif = svc_skp.simpan_indikator(
            user, rhk.pk, uraian="Jumlah laporan kajian", aspek="KUANTITAS", target=4, satuan="laporan"
        )
        self.kualitatif = svc_skp.simpan_indikator(
            user,
            rhk.pk,
            uraian="Kualitas rekomendasi",
            aspek="KUALITAS",
            jenis_target="KUALITATIF",
            target_kualitatif=TARGET_KUALITATIF,
        )
        svc_skp.ajukan_skp(user, skp.pk)
        svc_skp.setujui_skp(org.atasan_a.user, skp.pk)
        self.periode = buka_periode(org.hr_a.user)
        svc_periode.buat_evaluasi_periode(org.hr_a.user, self.periode.pk, [org.opd_a.pk])

    def evaluasi(self) -> EvaluasiKinerja:
        return EvaluasiKinerja.objects.get(periode=self.periode, pegawai=self.org.staf_a1)

    def ajukan(self, laporan=4):
        ev = self.evaluasi()
        isian = [
            svc.IsianRealisasi(self.kuantitatif.pk, laporan),
            svc.IsianRealisasi(self.kualitatif.pk, None, narasi=NARASI, bukti_tautan="https://contoh.go.id/bukti"),
        ]
        ev = svc.isi_realisasi(self.org.staf_a1.user, ev.pk, ev.versi, isian)
        return svc.ajukan_evaluasi(self.org.staf_a1.user, ev.pk, ev.versi)

    def nilai(self, tanda="DI_ATAS", hasil="SESUAI"):
        ev = self.evaluasi()
        return svc.nilai_evaluasi(
            self.org.atasan_a.user,
            ev.pk,
            ev.versi,
            penilaian_kualitatif={self.kualitatif.pk: tanda},
            **penilaian(ev, hasil),
        )


@pytest.fixture
def s(org):
    return SkenarioKualitatif(org)


# --- the SKP form ------------------------------------------------------------------------------------------------


def _rhk_draf(org):
    skp = svc_skp.buat_skp(org.staf_a1.user, org.staf_a1.pk, TAHUN)
    return svc_skp.simpan_rhk(org.staf_a1.user, skp.pk, uraian="Tersusunnya rekomendasi kebijakan")


def test_the_asn_adds_a_qualitative_indicator_on_the_skp_form(org, login):
    rhk = _rhk_draf(org)
    client = login(org.staf_a1)
    form = client.get(reverse("skp_indikator_baru", args=[rhk.pk])).content.decode()
    assert "Kualitatif (uraian hasil yang diharapkan)" in form and "Target kualitatif" in form
    client.post(
        reverse("skp_indikator_baru", args=[rhk.pk]),
        {"uraian": "Kualitas rekomendasi", "aspek": "KUALITAS", "jenis_target": "KUALITATIF"}
        | {"target_kualitatif": TARGET_KUALITATIF, "target": "", "satuan": ""},
    )
    indikator = IndikatorKinerja.objects.get(rhk=rhk)
    assert (indikator.jenis_target, indikator.target, indikator.target_kualitatif) == (
        "KUALITATIF",
        None,
        TARGET_KUALITATIF,
    )
    halaman = client.get(reverse("skp_detail", args=[rhk.skp_id])).content.decode()
    assert "Kualitatif" in halaman and TARGET_KUALITATIF in halaman


@pytest.mark.parametrize(
    ("isian", "field", "pesan"),
    [
        ({"jenis_target": "KUALITATIF", "target_kualitatif": " "}, "target_kualitatif", "Uraikan target kualitatif"),
        ({"jenis_target": "KUANTITATIF", "satuan": "laporan"}, "target", "Target angka wajib diisi"),
        ({"jenis_target": "KUANTITATIF", "target": "4"}, "satuan", "Satuan wajib diisi"),
    ],
)
def test_an_indicator_without_its_kind_of_target_is_refused_and_nothing_saved(org, login, isian, field, pesan):
    rhk = _rhk_draf(org)
    response = login(org.staf_a1).post(
        reverse("skp_indikator_baru", args=[rhk.pk]), {"uraian": "Kualitas rekomendasi", "aspek": "KUALITAS"} | isian
    )
    assert response.status_code == 200
    assert pesan in " ".join(response.context["form"].errors[field])
    assert not IndikatorKinerja.objects.filter(rhk=rhk).exists()


def test_the_database_refuses_a_qualitative_indicator_with_a_number_or_without_its_description(s):
    rhk = s.kualitatif.rhk
    for isian in ({"target": 5, "target_kualitatif": "Ada"}, {"target": None, "target_kualitatif": ""}):
        with pytest.raises(IntegrityError), transaction.atomic():
            IndikatorKinerja.objects.create(rhk=rhk, uraian="X", aspek="KUALITAS", jenis_target="KUALITATIF", **isian)
    with pytest.raises(IntegrityError), transaction.atomic():
        IndikatorKinerja.objects.create(rhk=rhk, uraian="X", aspek="KUANTITAS", target=None, satuan="x")


def test_copying_last_years_skp_keeps_a_qualitative_indicator(s, org):
    skp = svc_skp.salin_skp_tahun_lalu(org.staf_a1.user, org.staf_a1.pk, TAHUN + 1)
    salinan = IndikatorKinerja.objects.get(rhk__skp=skp, jenis_target="KUALITATIF")
    assert salinan.target_kualitatif == TARGET_KUALITATIF and salinan.target is None


# --- the realisation ---------------------------------------------------------------------------------------------


def test_the_realisation_form_asks_a_narrative_not_a_figure_for_a_qualitative_indicator(s, org, login):
    client = login(org.staf_a1)
    ev = s.evaluasi()
    form = client.get(reverse("evaluasi_isi", args=[ev.pk])).context["form"]
    assert form.fields[f"realisasi_{s.kualitatif.pk}_narasi"].label == "Realisasi (uraian)"
    assert form.fields[f"realisasi_{s.kualitatif.pk}_narasi"].required
    assert form.fields[f"realisasi_{s.kuantitatif.pk}"].required
    data = {"versi": ev.versi, f"realisasi_{s.kuantitatif.pk}": "4", f"realisasi_{s.kualitatif.pk}_narasi": ""}
    response = client.post(reverse("evaluasi_isi", args=[ev.pk]), data)
    assert "Uraikan realisasi indikator kualitatif ini." in response.content.decode()
    assert not RealisasiIndikator.objects.filter(evaluasi=ev).exists()
    data[f"realisasi_{s.kualitatif.pk}_narasi"] = NARASI
    client.post(reverse("evaluasi_isi", args=[ev.pk]), data)
    r = RealisasiIndikator.objects.get(evaluasi=ev, indikator=s.kualitatif)
    assert (r.realisasi, r.narasi, r.capaian) == (None, NARASI, None)
    assert RealisasiIndikator.objects.get(evaluasi=ev, indikator=s.kuantitatif).capaian == 100


def test_the_service_refuses_a_qualitative_realisation_without_narrative(s, org):
    ev = s.evaluasi()
    with pytest.raises(ValidationError) as galat:
        svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, [svc.IsianRealisasi(s.kualitatif.pk, None, narasi=" ")])
    assert f"realisasi_{s.kualitatif.pk}_narasi" in galat.value.message_dict
    assert not RealisasiIndikator.objects.filter(evaluasi=ev).exists()


# --- the rating ------------------------------------------------------------------------------------------------


def test_the_appraiser_must_mark_every_qualitative_indicator(s, org):
    s.ajukan()
    ev = s.evaluasi()
    with pytest.raises(ValidationError) as galat:
        svc.nilai_evaluasi(org.atasan_a.user, ev.pk, ev.versi, **penilaian(ev))
    assert galat.value.message_dict[f"kualitatif_{s.kualitatif.pk}"] == [
        "Tandai realisasi indikator kualitatif ini terhadap ekspektasinya."
    ]
    assert s.evaluasi().status == "DIAJUKAN"


def test_the_rating_page_shows_the_narrative_and_takes_the_mark(s, org, login):
    s.ajukan()
    ev = s.evaluasi()
    client = login(org.atasan_a)
    halaman = client.get(reverse("evaluasi_nilai", args=[ev.pk]))
    html = halaman.content.decode()
    assert NARASI in html and f"Target kualitatif: {TARGET_KUALITATIF}" in html
    # The qualitative indicator is not marked yet: no proposal, and the page says why.
    assert "indikator kualitatif ditandai" in html
    data = {
        "versi": ev.versi,
        "rating_hasil_kerja": "DI_ATAS",
        "rating_perilaku_kerja": "SESUAI",
        f"kualitatif_{s.kualitatif.pk}": "DI_ATAS",
        **{f"umpan_balik_rhk_{r.pk}": "Bagus." for r in ev.skp.rhk.all()},
    }
    response = client.post(reverse("evaluasi_nilai", args=[ev.pk]), data)
    assert response.status_code == 302
    assert RealisasiIndikator.objects.get(evaluasi=ev, indikator=s.kualitatif).penilaian_kualitatif == "DI_ATAS"
    detail = client.get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert "Di Atas Ekspektasi" in detail and "lihat uraian" in detail


@pytest.mark.parametrize(
    ("laporan", "tanda", "usulan"),
    [
        # One quantitative at target and one qualitative above: half above is not more than half → Sesuai.
        (4, "DI_ATAS", "Sesuai Ekspektasi"),
        (5, "DI_ATAS", "Di Atas Ekspektasi"),
        # The qualitative mark counts as a quantitative shortfall does.
        (5, "DI_BAWAH", "Di Bawah Ekspektasi"),
        (3, "DI_ATAS", "Di Bawah Ekspektasi"),
    ],
)
def test_the_indicators_propose_the_rating_of_hasil_kerja_qualitative_marks_counted(
    s, org, login, laporan, tanda, usulan
):
    s.ajukan(laporan)
    s.nilai(tanda)
    halaman = login(org.atasan_a).get(reverse("evaluasi_nilai", args=[s.evaluasi().pk]))
    assert f"Usulan rating hasil kerja dari indikator: <strong>{usulan}</strong>" in halaman.content.decode()


def test_re_marking_is_logged_with_the_reason(s, org):
    s.ajukan()
    s.nilai("DI_ATAS")
    ev = s.evaluasi()
    svc.nilai_evaluasi(
        org.atasan_a.user,
        ev.pk,
        ev.versi,
        alasan="Bukti tambahan menunjukkan revisi.",
        penilaian_kualitatif={s.kualitatif.pk: "SESUAI"},
        **penilaian(ev),
    )
    log = RiwayatEvaluasi.objects.get(evaluasi=ev, field__startswith="penilaian kualitatif")
    # The indicator's text names it, shortened to the column (PostgreSQL refuses a longer value).
    assert len(log.field) <= 100 and log.field.startswith(f"penilaian kualitatif: {s.kualitatif.uraian[:40]}")
    assert (log.nilai_lama, log.nilai_baru, log.alasan) == (
        "Di Atas Ekspektasi",
        "Sesuai Ekspektasi",
        "Bukti tambahan menunjukkan revisi.",
    )


# --- the document, the export and the annual evaluation --------------------------------------------------------


def test_the_documents_annex_prints_the_target_text_and_the_mark(s, org, login):
    s.ajukan()
    s.nilai("DI_BAWAH")
    html = login(org.atasan_a).get(reverse("evaluasi_dokumen", args=[s.evaluasi().pk])).content.decode()
    assert f"Kualitatif: {TARGET_KUALITATIF}" in html
    assert "Di Bawah Ekspektasi" in html


def test_the_export_gives_the_target_and_realisation_as_text_and_the_mark(s, org, login):
    s.ajukan()
    s.nilai("SESUAI")
    response = login(org.hr_a).get(reverse("periode_ekspor", args=[s.periode.pk]))
    lembar = load_workbook(BytesIO(response.content))["Realisasi"]
    judul = [c.value for c in lembar[1]]
    baris = [dict(zip(judul, (c.value for c in r), strict=True)) for r in lembar.iter_rows(min_row=2)]
    (kualitatif,) = [b for b in baris if b["Indikator kinerja"] == "Kualitas rekomendasi"]
    assert [kualitatif[k] for k in ("Target", "Satuan", "Realisasi", "Capaian indikator (%)")] == [
        TARGET_KUALITATIF,
        None,
        NARASI,
        None,
    ]
    assert kualitatif["Penilaian kualitatif"] == "Sesuai Ekspektasi"
    (kuantitatif,) = [b for b in baris if b["Indikator kinerja"] == "Jumlah laporan kajian"]
    # The RHK's capaian is its quantitative indicator's alone.
    assert (kuantitatif["Capaian indikator (%)"], kuantitatif["Capaian RHK (%)"]) == (100, 100)


def test_the_annual_evaluation_proposes_the_most_frequent_mark_of_the_year(s, org, login):
    s.ajukan()
    s.nilai("DI_ATAS")
    tahunan = svc_periode.buka_periode(
        org.hr_a.user,
        tahun=TAHUN,
        jenis="TAHUNAN",
        nomor=1,
        mulai=s.periode.mulai,
        selesai=s.periode.selesai.replace(month=12, day=31),
        batas_pengisian=s.periode.batas_pengisian.replace(year=TAHUN + 1, month=1),
        batas_penilaian=s.periode.batas_penilaian.replace(year=TAHUN + 1, month=1),
    )
    svc_periode.buat_evaluasi_periode(org.hr_a.user, tahunan.pk, [org.opd_a.pk])
    ev = EvaluasiKinerja.objects.get(periode=tahunan, pegawai=org.staf_a1)
    # The annual realisation form starts from the periods: the latest figure, and the latest narrative.
    form = login(org.staf_a1).get(reverse("evaluasi_isi", args=[ev.pk])).context["form"]
    assert form[f"realisasi_{s.kuantitatif.pk}"].value() == 4
    assert form[f"realisasi_{s.kualitatif.pk}_narasi"].value() == NARASI
    isian = [
        svc.IsianRealisasi(s.kuantitatif.pk, 4),
        svc.IsianRealisasi(s.kualitatif.pk, None, narasi=NARASI),
    ]
    ev = svc.isi_realisasi(org.staf_a1.user, ev.pk, ev.versi, isian)
    svc.ajukan_evaluasi(org.staf_a1.user, ev.pk, ev.versi)
    halaman = login(org.atasan_a).get(reverse("evaluasi_nilai", args=[ev.pk]))
    assert halaman.context["form"][f"kualitatif_{s.kualitatif.pk}"].initial == "DI_ATAS"
    assert halaman.context["tahun"].usulan_kualitatif == {s.kualitatif.pk: "DI_ATAS"}
    assert "Di Atas Ekspektasi" in halaman.content.decode()
