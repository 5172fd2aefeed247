from django.urls import path

from .notifikasi import views as notifikasi
from .pegawai import views, views_impor
from .penilaian import views as ve
from .penilaian import views_ekinerja as vek
from .penilaian import views_harian as vh
from .penilaian import views_penilai as vpn
from .penilaian import views_periode as vp
from .penilaian import views_skp as vs

urlpatterns = [
    path("pegawai/", views.daftar_pegawai, name="daftar_pegawai"),
    path("pegawai/<int:pk>/", views.detail_pegawai, name="detail_pegawai"),
    path("unit-kerja/", views.pohon_unit, name="pohon_unit"),
    path("tim-saya/", views.tim_saya, name="tim_saya"),
    path("profil-saya/", views.profil_saya, name="profil_saya"),
    path("impor/", views_impor.impor_roster, name="impor_roster"),
    path("impor/<int:pk>/", views_impor.impor_roster_detail, name="impor_roster_detail"),
    path("impor/<int:pk>/konfirmasi/", views_impor.impor_roster_konfirmasi, name="impor_roster_konfirmasi"),
    path("impor/<int:pk>/lembar/", views_impor.impor_roster_lembar, name="impor_roster_lembar"),
    path("impor/<int:pk>/status/", views_impor.impor_roster_status, name="impor_roster_status"),
    path("impor/templat.<str:format_berkas>", views_impor.templat_roster, name="templat_roster"),
    path("ekspor/pegawai.<str:format_berkas>", views_impor.ekspor_roster, name="ekspor_roster"),
    path("ekspor/angka-kredit.xlsx", views_impor.ekspor_angka_kredit, name="ekspor_angka_kredit"),
]

# --- Periods, SKP and evaluations (kinerja/penilaian/). Notifications link to evaluasi_detail and skp_detail.
# Each button's action has its own URL; a page and the form it shows share one.

urlpatterns += [
    path("kinerja/periode/", vp.periode_daftar, name="periode_daftar"),
    path("kinerja/periode/<int:pk>/", vp.periode_detail, name="periode_detail"),
    path("kinerja/periode/<int:pk>/tutup/", vp.periode_tutup, name="periode_tutup"),
    path("kinerja/periode/<int:pk>/buka-kembali/", vp.periode_buka_kembali, name="periode_buka_kembali"),
    path("kinerja/periode/<int:pk>/buat-evaluasi/", vp.periode_buat_evaluasi, name="periode_buat_evaluasi"),
    path("kinerja/periode/<int:pk>/ekspor.xlsx", vp.periode_ekspor, name="periode_ekspor"),
    path("kinerja/periode/<int:pk>/unit/<int:unit_pk>/", vp.periode_unit, name="periode_unit"),
    path(
        "kinerja/periode/<int:pk>/unit/<int:unit_pk>/organisasi/",
        vp.periode_unit_organisasi,
        name="periode_unit_organisasi",
    ),
    path(
        "kinerja/periode/<int:pk>/unit/<int:unit_pk>/finalkan/", vp.periode_unit_finalkan, name="periode_unit_finalkan"
    ),
    path("kinerja/pengaturan/", vp.pengaturan_kinerja, name="pengaturan_kinerja"),
    path("kinerja/sumber-evaluasi/", vek.sumber_evaluasi, name="sumber_evaluasi"),
    path("kinerja/sumber-evaluasi/<int:unit_pk>/", vek.sumber_evaluasi_ubah, name="sumber_evaluasi_ubah"),
    path("kinerja/impor-ekinerja/", vek.impor_ekinerja, name="impor_ekinerja"),
    path("kinerja/impor-ekinerja/<int:pk>/", vek.impor_ekinerja_detail, name="impor_ekinerja_detail"),
    path("kinerja/impor-ekinerja/<int:pk>/kolom/", vek.impor_ekinerja_kolom, name="impor_ekinerja_kolom"),
    path("kinerja/impor-ekinerja/<int:pk>/lembar/", vek.impor_ekinerja_lembar, name="impor_ekinerja_lembar"),
    path(
        "kinerja/impor-ekinerja/<int:pk>/konfirmasi/", vek.impor_ekinerja_konfirmasi, name="impor_ekinerja_konfirmasi"
    ),
    path("kinerja/impor-ekinerja/<int:pk>/status/", vek.impor_ekinerja_status, name="impor_ekinerja_status"),
    path("kinerja/impor-ekinerja/templat.<str:format_berkas>", vek.templat_ekinerja, name="templat_ekinerja"),
    path("kinerja/evaluasi/<int:pk>/", ve.evaluasi_detail, name="evaluasi_detail"),
    path("kinerja/evaluasi/<int:pk>/dialog/", ve.evaluasi_dialog, name="evaluasi_dialog"),
    path("kinerja/evaluasi/<int:pk>/akui/", ve.evaluasi_akui, name="evaluasi_akui"),
    path("kinerja/evaluasi/<int:pk>/tarik/", ve.evaluasi_tarik, name="evaluasi_tarik"),
    path("kinerja/evaluasi/<int:pk>/rencana-aksi/", ve.evaluasi_rencana_aksi, name="evaluasi_rencana_aksi"),
    path("kinerja/evaluasi/<int:pk>/isi/", ve.evaluasi_isi, name="evaluasi_isi"),
    path("kinerja/evaluasi/<int:pk>/ajukan/", ve.evaluasi_ajukan, name="evaluasi_ajukan"),
    path("kinerja/evaluasi/<int:pk>/nilai/", ve.evaluasi_nilai, name="evaluasi_nilai"),
    path("kinerja/evaluasi/<int:pk>/kembalikan/", ve.evaluasi_kembalikan, name="evaluasi_kembalikan"),
    path("kinerja/evaluasi/<int:pk>/dokumen/", ve.evaluasi_dokumen, name="evaluasi_dokumen"),
    path("kinerja/bukti/<int:pk>/", ve.bukti_berkas, name="bukti_berkas"),
    path(
        "kinerja/evaluasi/<int:pk>/dokumen-penilaian/", ve.evaluasi_berkas_penilaian, name="evaluasi_berkas_penilaian"
    ),
    path("kinerja/saya/", vs.kinerja_saya, name="kinerja_saya"),
    path("pegawai/<int:pegawai_pk>/skp/baru/", vs.skp_buat_untuk, name="skp_buat_untuk"),
    path("pegawai/<int:pegawai_pk>/penilai/", vpn.pegawai_penilai, name="pegawai_penilai"),
    path("kinerja/skp/<int:pk>/", vs.skp_detail, name="skp_detail"),
    path("kinerja/skp/<int:pk>/ajukan/", vs.skp_ajukan, name="skp_ajukan"),
    path("kinerja/skp/<int:pk>/setujui/", vs.skp_setujui, name="skp_setujui"),
    path("kinerja/skp/<int:pk>/kembalikan/", vs.skp_kembalikan, name="skp_kembalikan"),
    path("kinerja/skp/<int:pk>/setujui-atas-nama/", vs.skp_setujui_atas_nama, name="skp_setujui_atas_nama"),
    path("kinerja/skp/<int:pk>/skp-bertanda-tangan/", vs.skp_berkas_persetujuan, name="skp_berkas_persetujuan"),
    path("kinerja/skp/<int:pk>/dialog/", vs.skp_dialog, name="skp_dialog"),
    path("kinerja/skp/<int:pk>/ekspektasi/", vs.skp_ekspektasi, name="skp_ekspektasi"),
    path("kinerja/skp/<int:pk>/lampiran/", vs.skp_lampiran, name="skp_lampiran"),
    path("kinerja/skp/<int:skp_pk>/rhk/", vs.skp_rhk, name="skp_rhk_baru"),
    path("kinerja/skp/<int:skp_pk>/rhk/<int:pk>/", vs.skp_rhk, name="skp_rhk_ubah"),
    path("kinerja/skp/rhk/<int:pk>/hapus/", vs.skp_rhk_hapus, name="skp_rhk_hapus"),
    path("kinerja/skp/rhk/<int:rhk_pk>/indikator/", vs.skp_indikator, name="skp_indikator_baru"),
    path("kinerja/skp/rhk/<int:rhk_pk>/indikator/<int:pk>/", vs.skp_indikator, name="skp_indikator_ubah"),
    path("kinerja/skp/indikator/<int:pk>/hapus/", vs.skp_indikator_hapus, name="skp_indikator_hapus"),
    path("kinerja/skp/rhk/<int:pk>/peran-hasil/", vs.skp_rhk_peran, name="skp_rhk_peran"),
    path("kinerja/skp/peran-hasil/<int:pk>/hapus/", vs.skp_peran_hapus, name="skp_peran_hapus"),
    path(
        "kinerja/skp/<int:pk>/peran-hasil/<int:peran_pk>/susun/", vs.skp_susun_dari_peran, name="skp_susun_dari_peran"
    ),
    path("kinerja/skp/rhk/<int:pk>/tinjau-rhk-atasan/", vs.skp_rhk_tinjau_atasan, name="skp_rhk_tinjau_atasan"),
    path("kinerja/harian/", vh.progres_harian, name="progres_harian"),
    path("kinerja/harian/<int:pk>/", vh.progres_ubah, name="progres_ubah"),
    path("kinerja/harian/<int:pk>/hapus/", vh.progres_hapus, name="progres_hapus"),
    path("kinerja/harian/<int:pk>/bukti/", vh.progres_berkas, name="progres_berkas"),
    path("pegawai/<int:pegawai_pk>/progres-harian/", vh.progres_pegawai, name="progres_pegawai"),
    path("kinerja/notifikasi/", notifikasi.notifikasi_daftar, name="notifikasi_daftar"),
    path("kinerja/notifikasi/baca/", notifikasi.notifikasi_baca, name="notifikasi_baca"),
    path("kinerja/notifikasi/<int:pk>/buka/", notifikasi.notifikasi_buka, name="notifikasi_buka"),
]
