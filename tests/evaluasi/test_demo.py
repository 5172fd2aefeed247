"""seed_demo also fills attendance, and the default rules give the demo Pegawai a visible outcome."""

from io import StringIO

from django.core.management import call_command

from demo import kehadiran as demo_kehadiran
from demo import roster as demo_roster
from evaluasi.models import Konsekuensi, RekapKehadiran


def test_the_demo_pegawai_has_attendance_and_an_approved_written_reprimand(db):
    call_command("seed_demo", "--pegawai", "120", stdout=StringIO())
    assert RekapKehadiran.objects.count() == 120 * 3
    k = Konsekuensi.objects.get(pegawai__nip=demo_roster.PEGAWAI.nip)
    assert (k.kode, k.status, k.bukti["pemicu"]) == ("TEGURAN_TERTULIS", "DISETUJUI", {"hari_tanpa_keterangan": 4})


def test_the_demo_shows_a_run_of_absence_across_february_and_march_proposed_as_pdhtaps(db):
    call_command("seed_demo", "--pegawai", "120", stdout=StringIO())
    nip = demo_kehadiran.pegawai_lintas_bulan(demo_roster.buat_roster(120, demo_roster.SEED_BAKU))
    bulan = RekapKehadiran.objects.filter(pegawai__nip=nip).order_by("bulan")
    assert max(b.tanpa_keterangan_berturut for b in bulan) < 10  # no month alone reaches ten
    k = Konsekuensi.objects.get(pegawai__nip=nip)
    assert (k.kode, k.status, k.bukti["pemicu"]) == ("PDHTAPS", "USULAN", {"hari_tanpa_keterangan_berturut": 10})
    assert k.catatan[0].endswith("mulai April 2025.")


def test_the_demo_attendance_is_the_same_for_the_same_seed():
    roster = demo_roster.buat_roster(120, 7)
    assert demo_kehadiran.kehadiran_demo(roster, 7) == demo_kehadiran.kehadiran_demo(demo_roster.buat_roster(120, 7), 7)
