"""A forgotten password: reset by email (rate limited, no account enumeration), the administrator's one-time link
for an ASN without email, and the lockout page that points to both."""

import datetime
import re
import uuid
from urllib.parse import urlparse

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.urls import reverse

from audit.models import LogAudit
from core.errors import NotPermitted
from kinerja.pegawai import services_sandi
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BARU = "Gorontalo-Baru-2026"
EMAIL_ASN = "staf.a1@gorontaloprov.go.id"


@pytest.fixture(autouse=True)
def _cache_sendiri(settings):
    # The request budgets live in the cache: each test starts with fresh ones.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }


@pytest.fixture
def staf(org):
    """staf_a1, whose email is on the roster (their ASN record), as an import leaves it."""
    org.staf_a1.email = EMAIL_ASN
    org.staf_a1.save(update_fields=["email"])
    return org.staf_a1


def minta(client, email, **extra):
    return client.post(reverse("password_reset"), {"email": email}, **extra)


def tautan_email(pesan) -> str:
    (tautan,) = re.findall(r"https?://\S+/akun/lupa-sandi/\S+/", pesan.body)
    return tautan


def setel(client, tautan, sandi1, sandi2=None):
    """Open the link as its owner would, then submit the new password twice."""
    halaman = client.get(urlparse(tautan).path)
    assert halaman.status_code == 302  # the token moves into the session, out of the address bar
    return client.post(halaman["Location"], {"new_password1": sandi1, "new_password2": sandi2 or sandi1})


def masuk(client, username, sandi):
    return client.post(reverse("login"), {"username": username, "password": sandi})


def teks(response) -> str:
    """The page with its whitespace collapsed, as a reader sees the sentences."""
    return " ".join(response.content.decode().split())


def tanpa_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


# --- by email ---------------------------------------------------------------------------------------------------


def test_the_login_page_links_to_the_reset(client):
    html = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}">Lupa kata sandi?</a>' in html


@pytest.mark.parametrize("di_mana", ["pegawai", "akun"])
def test_it_emails_one_indonesian_link_that_sets_a_new_password(staf, client, password, settings, di_mana):
    if di_mana == "akun":  # the address on the login account rather than on the roster
        staf.email = ""
        staf.save(update_fields=["email"])
        staf.user.email = EMAIL_ASN
        staf.user.save(update_fields=["email"])
    response = minta(client, EMAIL_ASN.upper())
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    pesan = mail.outbox[0]
    assert pesan.to == [EMAIL_ASN]
    assert pesan.subject == "Atur ulang kata sandi Kinerja ASN Gorontalo"
    assert f"Yth. {staf.nama_lengkap}" in pesan.body and "berlaku 24 jam" in pesan.body
    assert staf.nip in pesan.body
    tautan = tautan_email(pesan)
    assert tautan.startswith(settings.SITE_URL.rstrip("/") + "/akun/lupa-sandi/")

    halaman = client.get(client.get(urlparse(tautan).path)["Location"])
    assert "Buat kata sandi baru" in halaman.content.decode() and "Ulangi kata sandi baru" in halaman.content.decode()
    selesai = setel(client, tautan, BARU)
    assert selesai["Location"] == reverse("password_reset_complete")
    assert "Kata sandi baru Anda sudah disimpan" in client.get(selesai["Location"]).content.decode()

    assert masuk(client, staf.nip, password).status_code == 200  # the old one no longer works
    assert masuk(client, staf.nip, BARU)["Location"] == reverse("beranda")


def test_the_done_page_says_what_to_expect_in_indonesian(staf, client):
    html = teks(client.get(minta(client, EMAIL_ASN)["Location"]))
    assert "Periksa email Anda" in html and "folder spam" in html
    assert "administrator atau BKPSDM" in html


def test_the_link_works_once(staf, client):
    minta(client, EMAIL_ASN)
    tautan = tautan_email(mail.outbox[0])
    setel(client, tautan, BARU)
    lagi = client.get(urlparse(tautan).path)
    assert lagi.status_code == 200
    assert "Tautan tidak berlaku" in lagi.content.decode()
    assert 'name="new_password1"' not in lagi.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(staf, client):
    dikenal = minta(client, EMAIL_ASN)
    mail.outbox.clear()
    asing = minta(client, "tidak.ada@gorontaloprov.go.id")
    assert (asing.status_code, asing["Location"]) == (dikenal.status_code, dikenal["Location"])
    assert mail.outbox == []


def test_an_account_without_a_password_yet_gets_no_email(staf, client):
    # A new ASN from the roster import: the administrator hands over the first password, not the mailbox.
    staf.user.set_unusable_password()
    staf.user.save(update_fields=["password"])
    assert minta(client, EMAIL_ASN)["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_an_inactive_account_gets_no_email(staf, client):
    staf.user.is_active = False
    staf.user.save(update_fields=["is_active"])
    minta(client, EMAIL_ASN)
    assert mail.outbox == []


def test_a_weak_password_is_refused_in_indonesian(staf, client, password):
    minta(client, EMAIL_ASN)
    tautan = tautan_email(mail.outbox[0])
    ditolak = setel(client, tautan, "12345678")
    html = teks(ditolak)
    assert ditolak.status_code == 200
    assert "Kata sandi ini terlalu umum" in html and "Kata sandi ini seluruhnya terdiri dari angka" in html
    assert "setidaknya 10 karakter" in html
    beda = client.post(ditolak.wsgi_request.path, {"new_password1": BARU, "new_password2": BARU + "x"})
    assert "Kedua isian kata sandi baru tidak sama" in beda.content.decode()
    staf.user.refresh_from_db()
    assert staf.user.check_password(password)


# --- rate limits ------------------------------------------------------------------------------------------------


def test_too_many_requests_from_one_address_are_refused_alike_for_known_and_unknown_addresses(staf, client, settings):
    settings.SANDI_BATAS_PER_ALAMAT = 2
    assert [minta(client, f"coba{n}@contoh.id").status_code for n in range(2)] == [302, 302]
    dikenal = minta(client, EMAIL_ASN)
    asing = minta(client, "tidak.ada@gorontaloprov.go.id")
    assert dikenal.status_code == asing.status_code == 429
    assert "Terlalu banyak permintaan atur ulang kata sandi" in teks(dikenal)
    assert tanpa_csrf(dikenal) == tanpa_csrf(asing)
    assert EMAIL_ASN not in dikenal.content.decode()
    assert mail.outbox == []
    # Another address still may.
    assert minta(client, EMAIL_ASN, REMOTE_ADDR="10.0.0.9").status_code == 302
    assert len(mail.outbox) == 1


def test_too_many_requests_for_one_email_are_refused_from_any_address(staf, client, settings):
    settings.SANDI_BATAS_PER_EMAIL = 2

    def urutan(email):
        return [minta(client, email, REMOTE_ADDR=f"10.0.1.{n}").status_code for n in range(3)]

    assert urutan(EMAIL_ASN) == [302, 302, 429]
    assert len(mail.outbox) == 2
    # An unknown address is counted the same way: its answers give nothing away.
    assert urutan("tidak.ada@gorontaloprov.go.id") == [302, 302, 429]
    assert len(mail.outbox) == 2


# --- the administrator's link -----------------------------------------------------------------------------------


@pytest.fixture
def admin_client(org, client):
    org.admin.is_staff = org.admin.is_superuser = True
    org.admin.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(org.admin)
    return client


def buat_tautan(client, *users):
    return client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "buat_tautan_atur_ulang_sandi", "_selected_action": [u.pk for u in users]},
    )


def test_an_administrator_hands_an_asn_without_email_a_one_time_link(org, admin_client, password):
    staf = org.staf_a2  # no email anywhere
    halaman = buat_tautan(admin_client, staf.user)
    html = teks(halaman)
    assert halaman.status_code == 200
    assert "no-store" in halaman["Cache-Control"]
    assert "Tautan hanya ditampilkan sekali ini" in html and staf.nama_lengkap in html
    (tautan,) = re.findall(r"<code>(\S+)</code>", html)
    entri = LogAudit.objects.get(aksi="sandi_tautan_dibuat")
    assert (entri.oleh, entri.objek, entri.objek_id) == (org.admin, "auth.user", staf.user.pk)
    assert tautan not in str(entri.__dict__)  # the log records that a link was made, never the link

    staf.user.refresh_from_db()
    assert staf.user.check_password(password)  # the old password works until the owner replaces it
    admin_client.logout()
    assert setel(admin_client, tautan, BARU)["Location"] == reverse("password_reset_complete")
    staf.user.refresh_from_db()
    assert staf.user.check_password(BARU)
    assert LogAudit.objects.filter(aksi="sandi_diatur_ulang", objek_id=staf.user.pk, oleh=staf.user).exists()
    assert "Tautan tidak berlaku" in admin_client.get(urlparse(tautan).path).content.decode()


def test_the_admin_link_also_gives_a_new_asn_a_first_password(org, admin_client):
    staf = org.staf_b
    staf.user.password = make_password(None)  # as the roster import creates logins
    staf.user.save(update_fields=["password"])
    (tautan,) = re.findall(r"<code>(\S+)</code>", buat_tautan(admin_client, staf.user).content.decode())
    admin_client.logout()
    setel(admin_client, tautan, BARU)
    assert masuk(admin_client, staf.nip, BARU)["Location"] == reverse("beranda")


def test_no_link_for_an_inactive_account(org, admin_client):
    org.staf_b.user.is_active = False
    org.staf_b.user.save(update_fields=["is_active"])
    halaman = admin_client.get(buat_tautan(admin_client, org.staf_b.user)["Location"])
    assert "tidak aktif" in halaman.content.decode()
    assert not LogAudit.objects.filter(aksi="sandi_tautan_dibuat").exists()


def test_only_a_superuser_may_make_a_link_for_a_superuser(org):
    from django.contrib.auth.models import Permission

    staf_admin = UserFactory(username="staf-admin", is_staff=True)
    staf_admin.user_permissions.add(Permission.objects.get(codename="change_user"))
    staf_admin = type(staf_admin).objects.get(pk=staf_admin.pk)  # fresh permission cache
    super_lain = UserFactory(username="super-lain", is_superuser=True, is_staff=True)
    with pytest.raises(NotPermitted):
        services_sandi.buat_tautan_atur_ulang_sandi(staf_admin, super_lain)
    assert services_sandi.buat_tautan_atur_ulang_sandi(staf_admin, org.staf_a1.user).startswith("http")
    with pytest.raises(NotPermitted):
        services_sandi.buat_tautan_atur_ulang_sandi(org.staf_a2.user, org.staf_a1.user)
    assert LogAudit.objects.filter(aksi="sandi_tautan_dibuat").count() == 1


# --- the lockout page -------------------------------------------------------------------------------------------


@pytest.fixture
def axes_aktif(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)


def kunci(client, username):
    return [masuk(client, username, "bukan-sandinya") for _ in range(3)][-1]


def test_the_lockout_page_shows_both_ways_to_reset(staf, client, axes_aktif):
    terkunci = kunci(client, staf.nip)
    html = teks(terkunci)
    assert terkunci.status_code == 429
    assert f'<a href="{reverse("password_reset")}">Atur ulang kata sandi' in html
    assert "Tidak punya email yang terdaftar? Minta administrator atau BKPSDM mengatur ulang" in html


def test_a_locked_out_asn_who_resets_by_email_can_log_in_at_once(staf, client, axes_aktif):
    assert kunci(client, staf.nip).status_code == 429
    minta(client, EMAIL_ASN)
    setel(client, tautan_email(mail.outbox[0]), BARU)
    assert masuk(client, staf.nip, BARU)["Location"] == reverse("beranda")
