"""Forgotten passwords, on Django's own views: the request (rate limited, and answering alike whether or not the
address is known) and the page of the emailed or handed-over link, where the owner chooses a new password."""

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpResponseRedirect

from core.proxy import client_address
from core.ratelimit import over_limit

from . import services_sandi, tasks
from .forms import FormLupaSandi, FormSetelSandi

JENDELA_DETIK = 60 * 60


class _JamBerlaku:
    """Every page of the reset says how long a link works."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(jam_berlaku=services_sandi.jam_berlaku(), **kwargs)


class MintaAturUlangSandi(_JamBerlaku, auth_views.PasswordResetView):
    """Budgets per client address and per submitted address (known or not); the emails go through the worker."""

    form_class = FormLupaSandi

    def post(self, request, *args, **kwargs):
        if over_limit(f"sandi:alamat:{client_address(request)}", settings.SANDI_BATAS_PER_ALAMAT, JENDELA_DETIK):
            return self.terlalu_sering()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        # Hashed: the cache holds no address, and any address makes a valid key.
        jejak = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        if over_limit(f"sandi:email:{jejak}", settings.SANDI_BATAS_PER_EMAIL, JENDELA_DETIK):
            return self.terlalu_sering()
        tasks.antrekan_email_atur_ulang_sandi(email)
        return HttpResponseRedirect(self.get_success_url())

    def terlalu_sering(self):
        # A blank form: the page must not echo what was typed, so it is the same for every address.
        konteks = self.get_context_data(form=self.form_class(), terlalu_sering=True, menit=JENDELA_DETIK // 60)
        return self.render_to_response(konteks, status=429)


class AturUlangSandiTerkirim(_JamBerlaku, auth_views.PasswordResetDoneView):
    pass


class SetelSandiBaru(_JamBerlaku, auth_views.PasswordResetConfirmView):
    """The new password passes AUTH_PASSWORD_VALIDATORS (FormSetelSandi, as the change form); audited."""

    form_class = FormSetelSandi

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            services_sandi.catat_sandi_diatur_ulang(form.user)
        return response
