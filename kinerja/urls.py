from django.urls import path

from . import views, views_impor

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("pegawai/", views.daftar_pegawai, name="daftar_pegawai"),
    path("pegawai/<int:pk>/", views.detail_pegawai, name="detail_pegawai"),
    path("unit-kerja/", views.pohon_unit, name="pohon_unit"),
    path("tim-saya/", views.tim_saya, name="tim_saya"),
    path("profil-saya/", views.profil_saya, name="profil_saya"),
    path("impor/", views_impor.impor_roster, name="impor_roster"),
    path("impor/<int:pk>/", views_impor.impor_roster_detail, name="impor_roster_detail"),
    path("impor/<int:pk>/konfirmasi/", views_impor.impor_roster_konfirmasi, name="impor_roster_konfirmasi"),
    path("impor/<int:pk>/status/", views_impor.impor_roster_status, name="impor_roster_status"),
    path("impor/templat.<str:format_berkas>", views_impor.templat_roster, name="templat_roster"),
    path("ekspor/pegawai.<str:format_berkas>", views_impor.ekspor_roster, name="ekspor_roster"),
]
