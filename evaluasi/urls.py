from django.urls import path

from . import views

app_name = "evaluasi"

urlpatterns = [
    path("", views.aturan_daftar, name="aturan_daftar"),
    path("baru/", views.aturan_ubah, name="aturan_baru"),
    path("<int:pk>/ubah/", views.aturan_ubah, name="aturan_ubah"),
    path("terapkan/", views.terapkan, name="terapkan"),
    path("konsekuensi/", views.konsekuensi_daftar, name="konsekuensi_daftar"),
    path("konsekuensi/<int:pk>/", views.konsekuensi_detail, name="konsekuensi_detail"),
    path("konsekuensi/<int:pk>/putuskan/", views.konsekuensi_putuskan, name="konsekuensi_putuskan"),
    path("saya/", views.konsekuensi_saya, name="konsekuensi_saya"),
    path("impor/", views.impor_fakta, name="impor"),
    path("impor/<int:pk>/", views.impor_detail, name="impor_detail"),
    path("impor/<int:pk>/konfirmasi/", views.impor_konfirmasi, name="impor_konfirmasi"),
    path("impor/<int:pk>/lembar/", views.impor_lembar, name="impor_lembar"),
    path("impor/templat-<str:jenis>.<str:format_berkas>", views.impor_templat, name="impor_templat"),
    path("kehadiran/isi/", views.kehadiran_isi, name="kehadiran_isi"),
    path("tpp/", views.tpp, name="tpp"),
    path("tpp/ekspor.xlsx", views.tpp_ekspor, name="tpp_ekspor"),
    path("tpp/kunci/", views.tpp_kunci, name="tpp_kunci"),
]
