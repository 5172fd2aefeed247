"""Finalising a unit judges the whole unit: every evaluation not rated needs a reason to be left out, the reasons
are recorded and audited, and the curve counts the unit's evaluations final now or before."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import LogAudit
from core.errors import WrongState
from kinerja.models import EvaluasiDikecualikan, EvaluasiKinerja, KinerjaOrganisasi, RiwayatEvaluasi
from kinerja.penilaian import services_periode as svc_periode
from kinerja.penilaian.services_periode import PelanggaranKurva
from tests.factories import pegawai_dengan_akun
from tests.kinerja.penilaian.bantuan_evaluasi import Skenario, skp_disetujui

pytestmark = pytest.mark.django_db


def _staf_baru(s, nama):
    """Another ASN of bidang A with an approved SKP and an evaluation of the period."""
    pegawai = pegawai_dengan_akun(unit_kerja=s.org.bidang_a, atasan=s.org.atasan_a, nama=nama)
    skp_disetujui(pegawai, s.rhk_atasan)
    svc_periode.buat_evaluasi_periode(s.org.hr_a.user, s.periode.pk, [s.org.bidang_a.pk])
    return pegawai


def _jejak(s):
    """Everything a refused finalisation must leave as it was."""
    return (
        sorted(EvaluasiKinerja.objects.filter(periode=s.periode).values_list("pk", "status", "versi")),
        EvaluasiDikecualikan.objects.count(),
        RiwayatEvaluasi.objects.count(),
        LogAudit.objects.filter(aksi="unit_difinalkan").count(),
    )


def _finalkan(s, pengecualian, **kwargs):
    return svc_periode.finalkan_unit(
        s.org.hr_a.user, s.periode.pk, s.org.bidang_a.pk, pengecualian=pengecualian, **kwargs
    )


def test_finalising_while_asn_are_not_rated_and_no_reason_is_given_is_refused_naming_them(org):
    s = Skenario(org)
    s.nilai(org.staf_a1)
    s.ajukan(org.staf_a2)
    sebelum = _jejak(s)
    with pytest.raises(WrongState) as info:
        _finalkan(s, None)
    assert info.value.message == (
        "2 evaluasi unit ini belum dinilai dan belum diberi alasan pengecualian: Atasan A (Draf), "
        "Staf A Dua (Diajukan). Nilai dulu evaluasinya, atau beri alasan untuk setiap pegawai tersebut."
    )
    assert _jejak(s) == sebelum
    assert s.evaluasi().status == "DINILAI"


def test_a_reason_for_each_asn_not_rated_records_them_and_finalises_the_rated_ones(org):
    s = Skenario(org)
    s.nilai(org.staf_a1)
    s.ajukan(org.staf_a2)
    atasan, staf_a2 = s.evaluasi(org.atasan_a), s.evaluasi(org.staf_a2)
    hasil = _finalkan(
        s, {atasan.pk: ("MENINGGAL", ""), staf_a2.pk: ("LAINNYA", "  Diperbantukan ke BPBD selama triwulan  ")}
    )
    assert (hasil.difinalkan, hasil.dikecualikan, hasil.jumlah_kurva, hasil.jumlah_unit) == (1, 2, 1, 3)
    assert s.evaluasi().status == "FINAL"
    # The excluded stay as they were: same state, same version, not final.
    assert (s.evaluasi(org.atasan_a).status, s.evaluasi(org.atasan_a).versi) == ("DRAFT", atasan.versi)
    assert (s.evaluasi(org.staf_a2).status, s.evaluasi(org.staf_a2).versi) == ("DIAJUKAN", staf_a2.versi)
    baris = {d.evaluasi_id: d for d in EvaluasiDikecualikan.objects.all()}
    assert {pk: (d.alasan, d.keterangan, d.oleh, d.unit_kerja) for pk, d in baris.items()} == {
        atasan.pk: ("MENINGGAL", "", org.hr_a.user, org.bidang_a),
        staf_a2.pk: ("LAINNYA", "Diperbantukan ke BPBD selama triwulan", org.hr_a.user, org.bidang_a),
    }
    assert baris[atasan.pk].pada == s.evaluasi().difinalkan_pada
    riwayat = RiwayatEvaluasi.objects.get(evaluasi=staf_a2, aksi="DIKECUALIKAN")
    assert (riwayat.oleh, riwayat.dari_status, riwayat.ke_status) == (org.hr_a.user, "DIAJUKAN", "DIAJUKAN")
    assert riwayat.alasan == (
        "Dikecualikan dari finalisasi Bidang Pengembangan: Lainnya — Diperbantukan ke BPBD selama triwulan"
    )
    log = LogAudit.objects.get(aksi="unit_difinalkan")
    assert log.uraian == "Kurva dinilai atas 1 dari 3 evaluasi unit; 2 dikecualikan dengan alasan."
    assert [(d["evaluasi_id"], d["alasan"]) for d in log.ringkasan["dikecualikan"]] == [
        (atasan.pk, "MENINGGAL"),
        (staf_a2.pk, "LAINNYA"),
    ]
    assert (log.ringkasan["kurva_atas"], log.ringkasan["evaluasi_unit"]) == (1, 3)


def _satu_tanpa_alasan(s):
    return {s.evaluasi(s.org.atasan_a).pk: ("CLTN", "")}


def _kode_tak_dikenal(s):
    return {s.evaluasi(s.org.atasan_a).pk: ("LIBUR", ""), s.evaluasi(s.org.staf_a2).pk: ("CLTN", "")}


def _lainnya_tanpa_keterangan(s):
    return {s.evaluasi(s.org.atasan_a).pk: ("LAINNYA", "   "), s.evaluasi(s.org.staf_a2).pk: ("CLTN", "")}


def _juga_untuk_yang_dinilai(s):
    return {**s.belum_dinilai(), s.evaluasi().pk: ("MUTASI", "")}


@pytest.mark.parametrize(
    ("pengecualian", "galat", "pesan"),
    [
        (
            _satu_tanpa_alasan,
            WrongState,
            "1 evaluasi unit ini belum dinilai dan belum diberi alasan pengecualian: Staf A Dua (Draf)",
        ),
        (_kode_tak_dikenal, ValidationError, "Pilih alasan pengecualian untuk Atasan A."),
        (_lainnya_tanpa_keterangan, ValidationError, "Jelaskan alasan lainnya untuk Atasan A."),
        (_juga_untuk_yang_dinilai, WrongState, "hanya untuk evaluasi unit ini yang belum dinilai"),
    ],
    ids=["satu-tanpa-alasan", "kode-tak-dikenal", "lainnya-tanpa-keterangan", "untuk-yang-sudah-dinilai"],
)
def test_a_missing_or_invalid_reason_refuses_and_changes_nothing(org, pengecualian, galat, pesan):
    s = Skenario(org)
    s.nilai(org.staf_a1)
    sebelum = _jejak(s)
    with pytest.raises(galat) as info:
        _finalkan(s, pengecualian(s))
    teks = info.value.message if isinstance(info.value, WrongState) else " ".join(info.value.messages)
    assert pesan in teks
    assert _jejak(s) == sebelum


def test_the_field_of_an_invalid_reason_is_named_for_the_form(org):
    s = Skenario(org)
    s.nilai(org.staf_a1)
    with pytest.raises(ValidationError) as info:
        _finalkan(s, _lainnya_tanpa_keterangan(s))
    assert list(info.value.message_dict) == [f"keterangan_{s.evaluasi(org.atasan_a).pk}"]


def _ubah_kurva_sangat_baik(org, persen):
    kurva = {k: [] for k in KinerjaOrganisasi.Capaian.values}
    kurva["ISTIMEWA"] = [{"predikat": ["SANGAT_BAIK"], "persen": persen, "minimal": False}]
    svc_periode.simpan_pengaturan(org.admin, batas_capaian=120, rumus_efisiensi_tinggi=True, kurva=kurva)


@pytest.mark.parametrize(
    ("persen", "pertama", "kedua", "pelanggaran"),
    [
        # 1 Sangat Baik of the 2 now-final alone would be 100%; with the Baik already final it is 50%: conforms.
        (70, ("SESUAI", "SESUAI"), ("DI_ATAS", "DI_ATAS"), []),
        # The Baik now-final alone conforms; with the Sangat Baik already final it is 50% against at most 40%.
        (
            40,
            ("DI_ATAS", "DI_ATAS"),
            ("SESUAI", "SESUAI"),
            ["Capaian organisasi Istimewa: Sangat Baik paling banyak 40% (saat ini 50,0%: 1 dari 2)"],
        ),
    ],
)
def test_the_curve_counts_the_units_evaluations_already_final_and_final_now(org, persen, pertama, kedua, pelanggaran):
    s = Skenario(org)
    _ubah_kurva_sangat_baik(org, persen)
    s.nilai(org.staf_a1, *pertama)
    _finalkan(s, s.belum_dinilai(), alasan_pengecualian="Satu-satunya yang dinilai")
    assert s.evaluasi(org.staf_a2).pengecualian_finalisasi.get().alasan == "TUGAS_BELAJAR"
    # staf_a2, left out of the first finalisation, is rated later: the second finalisation finalises them.
    s.nilai(org.staf_a2, *kedua)
    if pelanggaran:
        with pytest.raises(PelanggaranKurva) as info:
            _finalkan(s, s.belum_dinilai())
        assert info.value.pelanggaran == pelanggaran
        assert "Kurva dinilai atas 2 dari 3 evaluasi unit; 1 dikecualikan dengan alasan." in info.value.message
        assert s.evaluasi(org.staf_a2).status == "DINILAI"
        return
    hasil = _finalkan(s, s.belum_dinilai())
    assert (hasil.difinalkan, hasil.pelanggaran, hasil.jumlah_kurva, hasil.jumlah_unit) == (1, [], 2, 3)
    assert s.evaluasi(org.staf_a2).status == "FINAL"
    # Each finalisation records its own exclusions: atasan_a twice, staf_a2's first one stays as history.
    assert EvaluasiDikecualikan.objects.filter(evaluasi=s.evaluasi(org.atasan_a)).count() == 2
    assert EvaluasiDikecualikan.objects.filter(evaluasi=s.evaluasi(org.staf_a2)).count() == 1


def test_a_unit_everyone_is_rated_in_needs_no_reason(org):
    s = Skenario(org)
    ketiga = _staf_baru(s, "Staf A Tiga")
    # atasan_a has no SKP in the scene, so cannot be rated: moved to OPD A's own unit, out of bidang A.
    org.atasan_a.unit_kerja = org.opd_a
    org.atasan_a.save()
    for p in (org.staf_a1, org.staf_a2, ketiga):
        s.nilai(p)
    hasil = _finalkan(s, None)
    assert (hasil.difinalkan, hasil.dikecualikan, hasil.jumlah_unit) == (3, 0, 3)
    assert not EvaluasiDikecualikan.objects.exists()
    assert LogAudit.objects.get(aksi="unit_difinalkan").uraian == ""
