from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core.webapp import favicon, manifest
from kinerja.pegawai import views_sandi
from kinerja.pegawai.forms import FormGantiSandi, FormMasuk
from layanan.views import beranda

admin.site.site_header = "Administrasi Kinerja ASN Gorontalo"
admin.site.site_title = "Kinerja ASN Gorontalo"
admin.site.index_title = "Administrasi"

urlpatterns = [
    # The public front page for visitors; the dashboard for signed-in staff (layanan/views.py).
    path("", beranda, name="beranda"),
    path("manifest.webmanifest", manifest, name="manifest"),
    path("favicon.ico", favicon),
    path(
        "masuk/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=FormMasuk),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/kata-sandi/", auth_views.PasswordChangeView.as_view(form_class=FormGantiSandi), name="password_change"),
    path("akun/kata-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # A forgotten password: by email, or through a link an administrator hands over (kinerja/pegawai/views_sandi.py).
    path("akun/lupa-sandi/", views_sandi.MintaAturUlangSandi.as_view(), name="password_reset"),
    path("akun/lupa-sandi/terkirim/", views_sandi.AturUlangSandiTerkirim.as_view(), name="password_reset_done"),
    path("akun/lupa-sandi/<uidb64>/<token>/", views_sandi.SetelSandiBaru.as_view(), name="password_reset_confirm"),
    path("akun/lupa-sandi/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("admin/", admin.site.urls),
    path("layanan/", include("layanan.urls")),
    path("aturan/", include("evaluasi.urls")),
    path("dasbor/", include("rekap.urls")),
    path("audit/", include("audit.urls")),
    path("", include("kinerja.urls")),
]

# A database or Redis failure raised inside a middleware arrives here; core.outage answers it with 503.
handler500 = "core.outage.server_error"
