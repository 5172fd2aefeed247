from django.urls import path

from .notifikasi import views as notifikasi
from .pegawai import views, views_impor
from .penilaian import views as ve

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

# --- Evaluasi kinerja (issue 3). The notification links of services_evaluasi (TAUTAN_EVALUASI, TAUTAN_SKP)
# are /kinerja/evaluasi/<pk>/ and /kinerja/skp/<pk>/: the detail pages below.

urlpatterns += [
    path("kinerja/periode/", ve.periode_daftar, name="periode_daftar"),
    path("kinerja/periode/<int:pk>/", ve.periode_detail, name="periode_detail"),
    path("kinerja/periode/<int:pk>/tutup/", ve.periode_tutup, name="periode_tutup"),
    path("kinerja/periode/<int:pk>/buka-kembali/", ve.periode_buka_kembali, name="periode_buka_kembali"),
    path("kinerja/periode/<int:pk>/buat-evaluasi/", ve.periode_buat_evaluasi, name="periode_buat_evaluasi"),
    path("kinerja/periode/<int:pk>/ekspor.xlsx", ve.periode_ekspor, name="periode_ekspor"),
    path("kinerja/periode/<int:pk>/unit/<int:unit_pk>/", ve.periode_unit, name="periode_unit"),
    path("kinerja/pengaturan/", ve.pengaturan_kinerja, name="pengaturan_kinerja"),
    path("kinerja/evaluasi/<int:pk>/", ve.evaluasi_detail, name="evaluasi_detail"),
    path("kinerja/evaluasi/<int:pk>/isi/", ve.evaluasi_isi, name="evaluasi_isi"),
    path("kinerja/evaluasi/<int:pk>/nilai/", ve.evaluasi_nilai, name="evaluasi_nilai"),
    path("kinerja/evaluasi/<int:pk>/dokumen/", ve.evaluasi_dokumen, name="evaluasi_dokumen"),
    path("kinerja/bukti/<int:pk>/", ve.bukti_berkas, name="bukti_berkas"),
    path("kinerja/saya/", ve.kinerja_saya, name="kinerja_saya"),
    path("pegawai/<int:pegawai_pk>/skp/baru/", ve.skp_buat_untuk, name="skp_buat_untuk"),
    path("kinerja/skp/<int:pk>/", ve.skp_detail, name="skp_detail"),
    path("kinerja/skp/<int:skp_pk>/rhk/", ve.skp_rhk, name="skp_rhk_baru"),
    path("kinerja/skp/<int:skp_pk>/rhk/<int:pk>/", ve.skp_rhk, name="skp_rhk_ubah"),
    path("kinerja/skp/rhk/<int:pk>/hapus/", ve.skp_rhk_hapus, name="skp_rhk_hapus"),
    path("kinerja/skp/rhk/<int:rhk_pk>/indikator/", ve.skp_indikator, name="skp_indikator_baru"),
    path("kinerja/skp/rhk/<int:rhk_pk>/indikator/<int:pk>/", ve.skp_indikator, name="skp_indikator_ubah"),
    path("kinerja/skp/indikator/<int:pk>/hapus/", ve.skp_indikator_hapus, name="skp_indikator_hapus"),
    path("kinerja/notifikasi/", notifikasi.notifikasi_daftar, name="notifikasi_daftar"),
    path("kinerja/notifikasi/baca/", notifikasi.notifikasi_baca, name="notifikasi_baca"),
    path("kinerja/notifikasi/<int:pk>/buka/", notifikasi.notifikasi_buka, name="notifikasi_buka"),
]
