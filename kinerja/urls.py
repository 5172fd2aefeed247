from django.urls import path

from . import views

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("pegawai/", views.daftar_pegawai, name="daftar_pegawai"),
    path("pegawai/<int:pk>/", views.detail_pegawai, name="detail_pegawai"),
    path("unit-kerja/", views.pohon_unit, name="pohon_unit"),
    path("tim-saya/", views.tim_saya, name="tim_saya"),
    path("profil-saya/", views.profil_saya, name="profil_saya"),
]
