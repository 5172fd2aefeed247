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


def test_the_demo_attendance_is_the_same_for_the_same_seed():
    roster = demo_roster.buat_roster(120, 7)
    assert demo_kehadiran.kehadiran_demo(roster, 7) == demo_kehadiran.kehadiran_demo(demo_roster.buat_roster(120, 7), 7)
