"""The authentication backend: Django's ModelBackend, whose user of each request comes with its roles."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .notifikasi.selectors import jumlah_belum_dibaca
from .pegawai.permissions import dengan_peran

UserModel = get_user_model()


@cache
def _pengguna():
    # Built once per process and only ever cloned (.get): annotating it anew on every request cost as much CPU
    # as the rest of the lookup.
    return dengan_peran(UserModel._default_manager.annotate(_belum_dibaca=jumlah_belum_dibaca()))


class BackendPeran(ModelBackend):
    """get_user (the user of every request with a session) reads, in the user's own query, what every page then
    asks for: the roles (permissions.peran) and the navbar bell's unread count. One query instead of four."""

    def get_user(self, user_id):
        try:
            user = _pengguna().get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
