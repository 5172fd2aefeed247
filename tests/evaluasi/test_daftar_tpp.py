"""The monthly TPP list per OPD: reviewed as a draft, locked by HR (never changing after), recalculated only as a
new version with its reason, exported for BPKAD; role and state checked on the server; audited."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import LogAudit
from evaluasi.forms import FormFilterTPP
from evaluasi.models import BesaranTPP, DaftarTPP, DaftarTPPTerkunci, RekapKehadiran
from tests.evaluasi.bantuan import kehadiran
from tests.evaluasi.test_halaman import klien

D = Decimal


@pytest.fixture
def bulan(org):
    """January 2026 in OPD A: staf_a1 (kelas 7, Rp5,000,000) missed 2 days; staf_a2 nothing."""
    BesaranTPP.objects.create(tahun=2026, kelas_jabatan=7, besaran=D(5_000_000))
    for p in (org.staf_a1, org.staf_a2):
        p.kelas_jabatan = 7
        p.save(update_fields=["kelas_jabatan"])
    kehadiran(org.staf_a1, 1, tanpa_keterangan=2)
    return {"unit": org.opd_a.pk, "tahun": 2026, "bulan": 1}


def _kunci(c, bulan, **lain):
    return c.post(reverse("evaluasi:tpp_kunci"), {**bulan, **lain}, follow=True)


def _baris(response, pegawai):
    return next(b for b in response.context["baris"] if b.nip == pegawai.nip)


def test_hr_locks_the_month_and_the_locked_list_no_longer_follows_the_data(client, org, bulan):
    c = klien(client, org, "hr_a")
    draf = c.get(reverse("evaluasi:tpp"), bulan)
    assert "Draf" in draf.content.decode() and draf.context["daftar"] is None
    # 2 days × 3% of the disiplin share 1,200,000 = 72,000.
    assert _baris(draf, org.staf_a1).potongan_disiplin == D(72_000)

    r = _kunci(c, bulan)
    daftar = DaftarTPP.objects.get()
    assert (daftar.versi, daftar.unit, daftar.dikunci_oleh) == (1, org.opd_a, org.hr_a.user)
    assert "dikunci" in r.content.decode() and r.context["daftar"] == daftar
    assert LogAudit.objects.filter(aksi="tpp_dikunci").count() == 1

    RekapKehadiran.objects.filter(pegawai=org.staf_a1).update(tanpa_keterangan=0, hadir=22)
    BesaranTPP.objects.filter(kelas_jabatan=7).update(besaran=D(9_000_000))
    terkunci = c.get(reverse("evaluasi:tpp"), bulan)
    assert _baris(terkunci, org.staf_a1).potongan_disiplin == D(72_000)
    assert _baris(terkunci, org.staf_a1).besaran == D(5_000_000)
    assert "Kunci daftar bulan ini" not in terkunci.content.decode()


def test_a_recalculation_needs_a_reason_and_keeps_the_old_version(client, org, bulan):
    c = klien(client, org, "hr_a")
    _kunci(c, bulan)
    RekapKehadiran.objects.filter(pegawai=org.staf_a1).update(tanpa_keterangan=0, hadir=22)

    tanpa_alasan = _kunci(c, bulan)
    assert "Tulis alasan hitung ulang" in tanpa_alasan.content.decode()
    assert DaftarTPP.objects.count() == 1

    _kunci(c, bulan, alasan="Rekap kehadiran dikoreksi BKD")
    v1, v2 = DaftarTPP.objects.order_by("versi")
    assert (v2.versi, v2.alasan) == (2, "Rekap kehadiran dikoreksi BKD")
    assert v1.baris.get(pegawai=org.staf_a1).potongan_disiplin == D(72_000)
    assert v2.baris.get(pegawai=org.staf_a1).potongan_disiplin == 0
    lama = c.get(reverse("evaluasi:tpp"), {**bulan, "versi": 1})
    assert lama.context["daftar"] == v1 and _baris(lama, org.staf_a1).potongan_disiplin == D(72_000)
    assert "versi=1&amp;versi" not in lama.content.decode() and "&amp;versi=2" in lama.content.decode()
    assert c.get(reverse("evaluasi:tpp"), bulan).context["daftar"] == v2
    assert LogAudit.objects.filter(aksi="tpp_dihitung_ulang", uraian__contains="dikoreksi BKD").count() == 1


def test_a_locked_list_refuses_any_change_or_deletion(client, org, bulan):
    _kunci(klien(client, org, "hr_a"), bulan)
    daftar = DaftarTPP.objects.get()
    baris = daftar.baris.first()
    baris.diterima = 1
    with pytest.raises(DaftarTPPTerkunci):
        baris.save()
    with pytest.raises(DaftarTPPTerkunci):
        daftar.delete()


@pytest.mark.parametrize(
    ("siapa", "unit", "bulan_ke", "pesan"),
    [
        ("hr_b", "opd_a", 1, None),  # another OPD's HR: refused outright
        ("hr_a", "bidang_a", 1, "bukan OPD"),
        ("hr_a", "opd_a", 12, None),  # December 2026 is fine...
    ],
)
def test_who_may_lock_what(client, org, bulan, siapa, unit, bulan_ke, pesan):
    r = _kunci(klien(client, org, siapa), {**bulan, "unit": getattr(org, unit).pk, "bulan": bulan_ke})
    if siapa == "hr_b":
        assert r.status_code == 200 and DaftarTPP.objects.count() == 0
        assert "Unit, tahun atau bulan tidak sah." in r.content.decode()
    elif pesan:
        assert pesan in r.content.decode() and DaftarTPP.objects.count() == 0
    else:
        assert DaftarTPP.objects.count() == 1


def test_a_month_not_begun_cannot_be_locked(client, org, bulan):
    r = _kunci(klien(client, org, "hr_a"), {**bulan, "tahun": 2099})
    assert "belum dimulai" in r.content.decode() and DaftarTPP.objects.count() == 0


def test_staff_cannot_lock(client, org, bulan):
    assert klien(client, org, "staf_a1").post(reverse("evaluasi:tpp_kunci"), bulan).status_code == 403
    assert DaftarTPP.objects.count() == 0


def test_the_bpkad_export_has_every_component_and_the_totals(client, org, bulan):
    c = klien(client, org, "hr_a")
    _kunci(c, bulan)
    r = c.get(reverse("evaluasi:tpp_ekspor"), {**bulan, "versi": 1})
    assert r["Content-Disposition"].endswith(f'tpp-{org.opd_a.pk}-2026-01-v1.xlsx"')
    lembar = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert lembar.title == "TPP versi 1"
    judul, *baris = list(lembar.iter_rows(values_only=True))
    assert judul[:8] == (
        "NIP",
        "Nama",
        "Unit Kerja",
        "Kelas Jabatan",
        "Golongan",
        "Predikat",
        "Besaran TPP",
        "TPP Beban Kerja",
    )
    assert judul[-3:] == ("TPP Bersih Diterima", "Plt/Plh", "Keterangan")
    per_nip = {b[0]: dict(zip(judul, b, strict=True)) for b in baris}
    staf = per_nip[org.staf_a1.nip]
    assert (staf["Besaran TPP"], staf["Potongan Disiplin"], staf["Kelas Jabatan"]) == (5_000_000, 72_000, 7)
    assert staf["TPP Bersih Diterima"] == staf["Jumlah Kotor"] - staf["PPh 21"] - staf["Iuran BPJS"]
    assert per_nip[org.kepala.nip]["Keterangan"].startswith("Besaran belum ditetapkan")
    jumlah = baris[-1]
    assert jumlah[1].startswith("JUMLAH")
    assert dict(zip(judul, jumlah, strict=True))["TPP Bersih Diterima"] == sum(
        b["TPP Bersih Diterima"] or 0 for b in per_nip.values() if b["NIP"]
    )


@pytest.mark.parametrize("jumlah", [3, 30])
def test_the_page_runs_a_fixed_number_of_queries_locked_or_not(
    client, org, bulan, jumlah, django_assert_max_num_queries
):
    from tests.factories import PegawaiFactory

    for i in range(jumlah):
        kehadiran(
            PegawaiFactory(unit_kerja=org.bidang_a, nama=f"Pegawai {i}", kelas_jabatan=7), 1, tanpa_keterangan=i % 3
        )
    c = klien(client, org, "hr_a")
    with django_assert_max_num_queries(14):
        assert c.get(reverse("evaluasi:tpp"), bulan).status_code == 200
    _kunci(c, bulan)
    with django_assert_max_num_queries(7):
        assert c.get(reverse("evaluasi:tpp"), bulan).status_code == 200


def test_the_filter_starts_at_the_month_in_gorontalo_not_the_servers(monkeypatch):
    # 16.30 UTC on 31 December is already 00.30 WITA on 1 January: HR opening the page sees January.
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 12, 31, 16, 30, tzinfo=datetime.UTC))
    form = FormFilterTPP(pilihan_unit=[(1, "Dinas")])
    assert (form.fields["tahun"].initial, form.fields["bulan"].initial) == (2027, 1)
