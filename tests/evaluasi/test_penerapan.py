"""Applying the rules to a period: preview, recording, idempotence, superseding, finality, audit."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import LogAudit
from core.errors import NotPermitted, WrongState
from evaluasi import services
from evaluasi.models import Aturan, Konsekuensi
from tests.evaluasi.bantuan import evaluasi_final, kehadiran, periode

Status = Konsekuensi.Status


def kode_per_pegawai(periode, status=None):
    qs = Konsekuensi.objects.filter(periode=periode)
    if status:
        qs = qs.filter(status=status)
    return sorted((k.pegawai.nama, k.kode, k.status) for k in qs)


def test_preview_shows_who_gets_what_and_why_and_writes_nothing(org):
    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=4)
    hasil = services.terapkan_aturan(org.admin, p.pk, dry_run=True)
    ((baris, h),) = hasil.rencana.baru
    assert (baris.pegawai, h.kode, h.pemicu) == (org.staf_a1, "TEGURAN_TERTULIS", {"hari_tanpa_keterangan": 4})
    assert not Konsekuensi.objects.exists()


def test_applying_records_proposals_with_the_rule_as_it_was_and_the_evidence(org):
    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=2)
    kehadiran(org.staf_a1, 2, tanpa_keterangan=10, berturut=10)
    hasil = services.terapkan_aturan(org.admin, p.pk)
    (k,) = hasil.dicatat
    assert (k.pegawai, k.kode, k.status, k.dibuat_oleh) == (org.staf_a1, "PDHTAPS", Status.USULAN, org.admin)
    assert k.aturan_data["nama"] == "Tidak masuk kerja 10 hari kerja berturut-turut"
    assert k.aturan_data["versi"] == 1
    k.refresh_from_db()
    assert k.bukti["pemicu"] == {"hari_tanpa_keterangan_berturut": 10}
    assert k.bukti["metrik"]["hari_tanpa_keterangan"] == 12
    assert LogAudit.objects.filter(aksi="konsekuensi_diusulkan", objek_id=k.pk).exists()
    assert LogAudit.objects.filter(aksi="aturan_diterapkan", objek_id=p.pk).exists()


def test_applying_twice_records_nothing_new(org):
    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    services.terapkan_aturan(org.admin, p.pk)
    kedua = services.terapkan_aturan(org.admin, p.pk)
    assert (kedua.baru, kedua.tetap, kedua.digantikan) == (0, 1, 0)
    assert Konsekuensi.objects.count() == 1


def test_a_rejected_outcome_is_not_proposed_again_by_a_reapplication(org):
    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    (k,) = services.terapkan_aturan(org.admin, p.pk).dicatat
    services.putuskan_konsekuensi(org.admin, k.pk, setujui=False, alasan="Izin sakit menyusul")
    assert services.terapkan_aturan(org.admin, p.pk).baru == 0
    assert kode_per_pegawai(p) == [("Staf A Satu", "TEGURAN_LISAN", Status.DITOLAK)]


def test_after_a_rule_changes_reapplying_supersedes_the_old_outcome_and_never_deletes_it(org):
    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=5)
    (lama,) = services.terapkan_aturan(org.admin, p.pk).dicatat
    aturan = Aturan.objects.get(pk=lama.aturan_id)
    aturan.kode_konsekuensi = "PERNYATAAN_TIDAK_PUAS"
    services.simpan_aturan(org.admin, aturan)
    assert aturan.versi == 2
    hasil = services.terapkan_aturan(org.admin, p.pk)
    (baru,) = hasil.dicatat
    lama.refresh_from_db()
    assert (lama.status, lama.digantikan_oleh, lama.kode) == (Status.DIGANTIKAN, baru, "TEGURAN_TERTULIS")
    assert (baru.kode, baru.aturan_versi, baru.status) == ("PERNYATAAN_TIDAK_PUAS", 2, Status.USULAN)
    assert LogAudit.objects.filter(aksi="konsekuensi_digantikan", objek_id=lama.pk).exists()
    assert services.terapkan_aturan(org.admin, p.pk).baru == 0


def test_corrected_facts_supersede_the_lighter_outcome_with_the_heavier_one_of_its_group(org):
    p = periode()
    rekap = kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    (lisan,) = services.terapkan_aturan(org.admin, p.pk).dicatat
    rekap.tanpa_keterangan, rekap.hadir = 5, 17
    rekap.save()
    (tertulis,) = services.terapkan_aturan(org.admin, p.pk).dicatat
    lisan.refresh_from_db()
    assert (lisan.status, lisan.digantikan_oleh) == (Status.DIGANTIKAN, tertulis)
    assert tertulis.kode == "TEGURAN_TERTULIS"


def test_a_deactivated_rule_leaves_its_outcomes_superseded_without_a_replacement(org):
    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    (k,) = services.terapkan_aturan(org.admin, p.pk).dicatat
    aturan = k.aturan
    aturan.aktif = False
    services.simpan_aturan(org.admin, aturan)
    services.terapkan_aturan(org.admin, p.pk)
    k.refresh_from_db()
    assert (k.status, k.digantikan_oleh) == (Status.DIGANTIKAN, None)


def test_an_absence_penalty_is_not_given_again_in_a_later_period_of_the_same_year(org):
    q1, q2 = periode(1), periode(2)
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    services.terapkan_aturan(org.admin, q1.pk)
    assert services.terapkan_aturan(org.admin, q2.pk).baru == 0
    kehadiran(org.staf_a1, 4, tanpa_keterangan=1)  # now 4 days in the year: the next band
    assert [k.kode for k in services.terapkan_aturan(org.admin, q2.pk).dicatat] == ["TEGURAN_TERTULIS"]


def test_sangat_baik_in_two_consecutive_periods_is_an_award_nomination_for_the_second(org):
    q1, q2 = periode(1), periode(2)
    evaluasi_final(org.staf_a1, q1)
    evaluasi_final(org.staf_a1, q2)
    evaluasi_final(org.staf_a2, q2)  # Sangat Baik only once
    assert services.terapkan_aturan(org.admin, q1.pk).baru == 0
    (k,) = services.terapkan_aturan(org.admin, q2.pk).dicatat
    assert (k.pegawai, k.kode) == (org.staf_a1, "USUL_PENGHARGAAN")
    assert k.bukti["pemicu"] == {"predikat": ["SANGAT_BAIK", "SANGAT_BAIK"]}


def test_a_period_that_is_not_final_is_refused_unless_an_administrator_confirms(org):
    p = periode(ditutup=False)
    evaluasi_final(org.staf_a1, p, status="DINILAI")
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    with pytest.raises(WrongState, match="belum final"):
        services.terapkan_aturan(org.admin, p.pk)
    assert not Konsekuensi.objects.exists()
    with pytest.raises(WrongState):
        services.terapkan_aturan(None, p.pk)  # the system never confirms on its own
    assert services.terapkan_aturan(org.admin, p.pk, konfirmasi_belum_final=True).baru == 1
    assert "dikonfirmasi" in LogAudit.objects.get(aksi="aturan_diterapkan").uraian


@pytest.mark.parametrize("siapa", ["hr_a", "atasan_a", "staf_a1", "petugas"])
def test_only_an_administrator_applies_rules(org, siapa):
    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    with pytest.raises(NotPermitted):
        services.terapkan_aturan(getattr(org, siapa).user, p.pk)
    assert not Konsekuensi.objects.exists()


def test_approving_notifies_the_asn_and_their_supervisor_and_is_audited(org):
    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    (k,) = services.terapkan_aturan(org.admin, p.pk).dicatat
    services.putuskan_konsekuensi(org.admin, k.pk, setujui=True, alasan="Sesuai rekap")
    k.refresh_from_db()
    assert (k.status, k.diputuskan_oleh, k.alasan_keputusan) == (Status.DISETUJUI, org.admin, "Sesuai rekap")
    assert org.staf_a1.user.notifikasi.count() == 1
    assert org.atasan_a.user.notifikasi.count() == 1
    assert LogAudit.objects.filter(aksi="konsekuensi_disetujui", objek_id=k.pk).exists()
    with pytest.raises(WrongState):
        services.putuskan_konsekuensi(org.admin, k.pk, setujui=False, alasan="Berubah pikiran")


def test_a_decision_needs_a_reason_and_an_administrator(org):
    from django.core.exceptions import ValidationError

    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    (k,) = services.terapkan_aturan(org.admin, p.pk).dicatat
    with pytest.raises(ValidationError):
        services.putuskan_konsekuensi(org.admin, k.pk, setujui=True, alasan="  ")
    with pytest.raises(NotPermitted):
        services.putuskan_konsekuensi(org.hr_a.user, k.pk, setujui=True, alasan="Setuju")
    k.refresh_from_db()
    assert k.status == Status.USULAN


def test_apply_rules_command_previews_with_dry_run_and_then_applies(org, capsys):
    p = periode()
    kehadiran(org.staf_a1, 1, tanpa_keterangan=3)
    call_command("apply_rules", "--periode", str(p.pk), "--dry-run")
    keluaran = capsys.readouterr().out
    assert "TEGURAN_LISAN" in keluaran and "Staf A Satu" in keluaran
    assert not Konsekuensi.objects.exists()
    call_command("apply_rules", "--periode", str(p.pk))
    assert Konsekuensi.objects.count() == 1


def test_apply_rules_command_refuses_a_period_that_is_not_final(org):
    p = periode(ditutup=False)
    evaluasi_final(org.staf_a1, p, status="DINILAI")
    with pytest.raises(CommandError, match="belum final"):
        call_command("apply_rules", "--periode", str(p.pk))
    assert not Konsekuensi.objects.exists()
