"""django-import-export resources. The roster's admin export uses the same columns and escaping as our export."""

import tablib
from import_export import fields, resources

from . import roster
from .models import Pegawai


class PegawaiResource(resources.ModelResource):
    """Export only: rows come from roster.baris_ekspor, so an admin export re-imports cleanly.

    Imports never use this resource: the admin's import button leads to the staff import page, which goes
    through kinerja.pegawai.services like every other entry point.
    """

    nip = fields.Field(attribute="nip", column_name="NIP")
    nama = fields.Field(attribute="nama", column_name="Nama")
    gelar_depan = fields.Field(attribute="gelar_depan", column_name="Gelar Depan")
    gelar_belakang = fields.Field(attribute="gelar_belakang", column_name="Gelar Belakang")
    jenis_kelamin = fields.Field(attribute="jenis_kelamin", column_name="Jenis Kelamin")
    tanggal_lahir = fields.Field(attribute="tanggal_lahir", column_name="Tanggal Lahir")
    status_kepegawaian = fields.Field(attribute="status_kepegawaian", column_name="Status Kepegawaian")
    golongan = fields.Field(attribute="golongan", column_name="Golongan")
    jabatan = fields.Field(attribute="jabatan", column_name="Jabatan")
    jenis_jabatan = fields.Field(attribute="jenis_jabatan", column_name="Jenis Jabatan")
    kode_unit = fields.Field(attribute="unit_kerja__kode", column_name="Kode Unit")
    nama_unit = fields.Field(attribute="unit_kerja__nama", column_name="Nama Unit")
    kode_unit_induk = fields.Field(attribute="unit_kerja__induk__kode", column_name="Kode Unit Induk")
    nip_atasan = fields.Field(attribute="atasan__nip", column_name="NIP Atasan")
    email = fields.Field(attribute="email", column_name="Email")
    no_hp = fields.Field(attribute="no_hp", column_name="No HP")

    class Meta:
        model = Pegawai
        import_id_fields = ("nip",)
        fields = tuple(kunci for kunci, _ in roster.KOLOM)

    def export(self, queryset=None, **kwargs):
        """All import columns always (a partial export would not re-import), escaped for spreadsheets."""
        if queryset is None:
            queryset = self.get_queryset()
        return tablib.Dataset(*roster.baris_ekspor(queryset), headers=[judul for _, judul in roster.KOLOM])
