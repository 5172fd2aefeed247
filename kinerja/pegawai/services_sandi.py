"""Password resets: which accounts an address reaches, the emailed link, the link an administrator hands to an ASN
without email, and what a completed reset records. The pages are Django's own views (views_sandi.py)."""

import unicodedata

from axes.utils import reset as reset_axes
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify

from audit.services import catat
from core.errors import NotPermitted, WrongState

from .permissions import can_issue_password_link

User = get_user_model()


def _sama(a: str, b: str) -> bool:
    # As Django's PasswordResetForm compares: "ß" and "ss" (or two spellings of one accented letter) are different
    # addresses to a mail server even where the database's iexact calls them the same.
    return unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()


def jam_berlaku() -> int:
    """Hours a reset link stays valid (PASSWORD_RESET_TIMEOUT)."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)


def alamat_akun(email: str) -> list[tuple[int, str]]:
    """(user id, stored address) of each account a reset requested for `email` goes to.

    Active accounts with a password only: a new ASN's login has none until an administrator hands over a link
    (README, importing the roster), and email must not become a way round that. `email` may be the account's own
    address or its ASN record's, the roster's, which the reminders use too.
    """
    kandidat = User._default_manager.filter(
        Q(email__iexact=email) | Q(pegawai__email__iexact=email), is_active=True
    ).select_related("pegawai")
    hasil = []
    for user in kandidat:
        pegawai = getattr(user, "pegawai", None)
        cocok = [a for a in (pegawai.email if pegawai else "", user.email) if a and _sama(a, email)]
        if cocok and user.has_usable_password():
            hasil.append((user.pk, cocok[0]))
    return hasil


def tautan_atur_ulang(user) -> str:
    """The absolute one-time link to choose a new password (SITE_URL: the address users reach the site by, whatever
    host a request or a worker saw). It stops working once used, on the account's next login, or after
    jam_berlaku() hours."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    jalur = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})
    return settings.SITE_URL.rstrip("/") + jalur


def kirim_email_atur_ulang_sandi(user_id: int, email: str) -> bool:
    """Email `email` a reset link for the account, if a reset for that address still reaches it (the account may
    have changed since the request was queued). Returns whether an email was sent."""
    if dict(alamat_akun(email)).get(user_id) != email:
        return False
    user = User._default_manager.select_related("pegawai").get(pk=user_id)
    pegawai = getattr(user, "pegawai", None)
    konteks = {
        "nama": pegawai.nama_lengkap if pegawai else (user.get_full_name() or user.get_username()),
        "username": user.get_username(),
        "tautan": tautan_atur_ulang(user),
        "jam_berlaku": jam_berlaku(),
        "situs": settings.SITE_URL.rstrip("/"),
    }
    subjek = "".join(render_to_string("registration/password_reset_subject.txt", konteks).splitlines())
    send_mail(subjek, render_to_string("registration/password_reset_email.html", konteks), None, [email])
    return True


def buat_tautan_atur_ulang_sandi(oleh, user) -> str:
    """An administrator's one-time reset link for an account, typically an ASN without email, to hand over in
    person; the owner then chooses the password. Recorded in the audit log. The current password keeps working
    until the owner sets a new one."""
    if not can_issue_password_link(oleh, user):
        raise NotPermitted("Anda tidak berwenang membuat tautan atur ulang kata sandi untuk akun ini.")
    if not user.is_active:
        raise WrongState(f"Akun {user.get_username()} tidak aktif: aktifkan dulu sebelum membuat tautan.")
    with transaction.atomic():
        catat(oleh, "sandi_tautan_dibuat", user, uraian=f"Berlaku {jam_berlaku()} jam, sekali pakai.")
    return tautan_atur_ulang(user)


def catat_sandi_diatur_ulang(user) -> None:
    """After the owner chose a new password through a reset link: recorded in the audit log, and the username's
    login lockouts lifted, so the new password works at once."""
    catat(user, "sandi_diatur_ulang", user)
    reset_axes(username=user.get_username())


def _nama_pengguna_baru(pejabat) -> str:
    """The login of an appraiser outside the roster: the NIP, else the name as a short slug, made unique."""
    dasar = pejabat.nip or slugify(pejabat.nama)[:30] or f"pejabat{pejabat.pk}"
    nama, n = dasar, 1
    while User._default_manager.filter(username=nama).exists():
        n += 1
        nama = f"{dasar}{n}"
    return nama


@transaction.atomic
def buat_akun_pejabat_luar(oleh, pejabat):
    """An account for an appraiser outside the roster (kinerja.pegawai.models.PejabatLuar), with no password yet:
    the administrator hands over a one-time link (buat_tautan_atur_ulang_sandi). Recorded in the audit log."""
    if not oleh.has_perm("auth.add_user"):
        raise NotPermitted("Anda tidak berwenang membuat akun login.")
    pejabat = type(pejabat)._default_manager.select_for_update().get(pk=pejabat.pk)
    if pejabat.user_id is not None:
        raise WrongState(f"{pejabat.nama} sudah memiliki akun login ({pejabat.user.get_username()}).")
    user = User(username=_nama_pengguna_baru(pejabat), first_name=pejabat.nama[:150])
    user.set_unusable_password()
    user.save()
    pejabat.user = user
    pejabat.save(update_fields=["user"])
    catat(oleh, "akun_pejabat_dibuat", pejabat, {"akun": [None, user.get_username()]})
    return user
