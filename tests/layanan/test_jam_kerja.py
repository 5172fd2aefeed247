"""Office hours by Perpres 21/2023 Pasal 4 as the SLA calendar's defaults: 37.5 hours a week from 07.30 with breaks
of 60 minutes (90 on Friday) that are not service time, and 32.5 hours from 08.00 in Ramadan (breaks 30 and 60
minutes), on the dates the administrator enters. Both editable in the admin, marked unconfirmed for Gorontalo.

9 March 2026 is a Monday; the test Ramadan runs 18 February – 19 March 2026 (dates entered, not asserted as fact).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from layanan.kalender import (
    JAM,
    JAM_KERJA_BAKU,
    JAM_KERJA_RAMADAN_BAKU,
    MENIT_KERJA_SEMINGGU,
    MENIT_KERJA_SEMINGGU_RAMADAN,
    WITA,
    Kalender,
    menit_seminggu,
)
from layanan.models import JamLayanan, MasaRamadan
from layanan.selectors import kalender_kerja

RAMADAN = ((datetime.date(2026, 2, 18), datetime.date(2026, 3, 19)),)
KALENDER = Kalender(jam_kerja=JAM_KERJA_BAKU, masa_ramadan=RAMADAN)


def w(teks: str) -> datetime.datetime:
    """'03-23 09:00' → 23 March 2026 09:00 WITA."""
    return datetime.datetime.strptime(f"2026-{teks}", "%Y-%m-%d %H:%M").replace(tzinfo=WITA)


def test_the_default_week_is_37_5_hours_and_the_ramadan_week_32_5_pasal_4_ayat_1_dan_2():
    assert MENIT_KERJA_SEMINGGU == 37 * 60 + 30 and MENIT_KERJA_SEMINGGU_RAMADAN == 32 * 60 + 30
    assert menit_seminggu(JAM_KERJA_BAKU) == MENIT_KERJA_SEMINGGU
    assert menit_seminggu(JAM_KERJA_RAMADAN_BAKU) == MENIT_KERJA_SEMINGGU_RAMADAN


@pytest.mark.parametrize(
    ("jam", "hari", "mulai", "istirahat_menit"),
    [
        (JAM_KERJA_BAKU, 0, datetime.time(7, 30), 60),  # Pasal 4 ayat (3) and (5): from 07.30, 60 minutes
        (JAM_KERJA_BAKU, 4, datetime.time(7, 30), 90),  # Friday: 90 minutes
        (JAM_KERJA_RAMADAN_BAKU, 0, datetime.time(8), 30),  # ayat (4) and (6): from 08.00, 30 minutes
        (JAM_KERJA_RAMADAN_BAKU, 4, datetime.time(8), 60),  # Friday in Ramadan: 60 minutes
    ],
)
def test_the_defaults_start_and_break_as_perpres_21_2023_pasal_4_says(jam, hari, mulai, istirahat_menit):
    (buka1, tutup1), (buka2, _) = jam[hari]
    assert buka1 == mulai
    jeda = datetime.datetime.combine(datetime.date.min, buka2) - datetime.datetime.combine(datetime.date.min, tutup1)
    assert jeda == datetime.timedelta(minutes=istirahat_menit)
    assert set(jam) == {0, 1, 2, 3, 4}  # Pasal 3: five working days, Monday to Friday


@pytest.mark.parametrize(
    ("mulai", "jam", "batas"),
    [
        ("03-23 07:30", 1, "03-23 08:30"),  # ordinary Monday from 07.30
        ("03-23 07:00", 1, "03-23 08:30"),  # received before opening
        ("03-23 11:30", 1, "03-23 13:30"),  # the 12.00–13.00 break is not service time
        ("03-27 11:00", 1, "03-27 13:30"),  # Friday: 11.30–13.00 break
        ("03-23 15:30", 8, "03-24 16:00"),  # 0.5 h Monday, 7.5 h Tuesday: ends at closing, not next morning
        ("03-09 08:00", 1, "03-09 09:00"),  # Ramadan: opens 08.00
        ("03-09 07:30", 1, "03-09 09:00"),  # 07.30 is not yet office time in Ramadan
        ("03-09 11:45", 1, "03-09 13:15"),  # Ramadan break 12.00–12.30
        ("03-13 11:00", 1, "03-13 13:00"),  # Ramadan Friday break 11.30–12.30
        ("03-19 14:30", 1, "03-20 08:00"),  # 19 March, last Ramadan day, closes 15.00; the 20th is ordinary
    ],
)
def test_service_time_runs_on_the_perpres_hours_and_in_ramadan_on_its_own(mulai, jam, batas):
    assert KALENDER.batas_waktu(w(mulai), jam, JAM) == w(batas)


def test_the_configured_calendar_uses_the_ramadan_rows_and_dates_entered_in_the_admin(db):
    assert kalender_kerja().jam_kerja == JAM_KERJA_BAKU  # nothing configured: the defaults
    MasaRamadan.objects.create(nama="Ramadan 1447 H", mulai=RAMADAN[0][0], selesai=RAMADAN[0][1])
    JamLayanan.objects.create(jadwal="RAMADAN", hari=0, buka=datetime.time(9), tutup=datetime.time(14))
    JamLayanan.objects.create(hari=0, buka=datetime.time(7, 30), tutup=datetime.time(16))
    k = kalender_kerja()
    assert k.masa_ramadan == RAMADAN
    assert k.batas_waktu(w("03-09 08:00"), 1, JAM) == w("03-09 10:00")  # Ramadan Monday opens at 09.00 here
    assert k.batas_waktu(w("03-23 07:30"), 1, JAM) == w("03-23 08:30")


@pytest.mark.parametrize(
    ("mulai", "selesai", "pesan"),
    [
        (datetime.date(2026, 3, 19), datetime.date(2026, 2, 18), "tidak boleh sebelum hari pertama"),
        (datetime.date(2026, 2, 1), datetime.date(2026, 3, 19), "paling lama 30 hari"),
        (datetime.date(2026, 3, 1), datetime.date(2026, 3, 25), "bertumpang tindih"),
    ],
)
def test_a_wrong_ramadan_range_is_refused_with_a_message(db, mulai, selesai, pesan):
    MasaRamadan.objects.create(nama="Ramadan 1447 H", mulai=RAMADAN[0][0], selesai=RAMADAN[0][1])
    with pytest.raises(ValidationError, match=pesan):
        MasaRamadan(nama="Salah", mulai=mulai, selesai=selesai).full_clean()


def test_the_admin_says_the_hours_follow_the_perpres_are_unconfirmed_and_totals_the_week(lay, client):
    lay.admin.is_staff = lay.admin.is_superuser = True
    lay.admin.save()
    client.force_login(lay.admin)
    JamLayanan.objects.create(hari=0, buka=datetime.time(8), tutup=datetime.time(16))
    html = client.get(reverse("admin:layanan_jamlayanan_changelist")).content.decode()
    assert "Perpres 21/2023" in html and "belum terkonfirmasi" in html
    assert "hari biasa 8 jam seminggu (Perpres: 37 jam 30 menit)" in html
    assert "Ramadan 32 jam 30 menit seminggu (Perpres: 32 jam 30 menit)" in html
