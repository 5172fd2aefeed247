from django.urls import path

from . import views

app_name = "layanan"

urlpatterns = [
    # Citizens, no account.
    path("ajukan/", views.ajukan, name="ajukan"),
    path("tanda-terima/<str:nomor_tiket>/", views.tanda_terima, name="tanda_terima"),
    path("lacak/", views.lacak, name="lacak"),
    path("survei/<str:token>/", views.survei, name="survei"),
    path("ikm/", views.hasil_ikm, name="hasil_ikm"),
    path("ikm/<str:kode>/", views.hasil_ikm_layanan, name="hasil_ikm_layanan"),
    # Officers, heads and HR.
    path("loket/", views.loket, name="loket"),
    path("permohonan/", views.daftar, name="daftar"),
    path("permohonan/<int:pk>/", views.detail, name="detail"),
    path("permohonan/<int:pk>/status/", views.ubah_status, name="ubah_status"),
    path("permohonan/<int:pk>/berkas/<int:berkas_pk>/", views.berkas_persyaratan, name="berkas_persyaratan"),
    path("rekap/", views.rekap, name="rekap"),
]
