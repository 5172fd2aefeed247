from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kinerja.pegawai.forms import FormGantiSandi, FormMasuk

admin.site.site_header = "Administrasi Kinerja ASN Gorontalo"
admin.site.site_title = "Kinerja ASN Gorontalo"
admin.site.index_title = "Administrasi"

urlpatterns = [
    path(
        "masuk/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=FormMasuk),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/kata-sandi/", auth_views.PasswordChangeView.as_view(form_class=FormGantiSandi), name="password_change"),
    path("akun/kata-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("admin/", admin.site.urls),
    path("layanan/", include("layanan.urls")),
    path("aturan/", include("evaluasi.urls")),
    path("dasbor/", include("rekap.urls")),
    path("audit/", include("audit.urls")),
    path("", include("kinerja.urls")),
]

# A database or Redis failure raised inside a middleware arrives here; core.outage answers it with 503.
handler500 = "core.outage.server_error"
