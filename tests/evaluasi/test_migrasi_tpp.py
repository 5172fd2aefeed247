"""The move of the TPP base from jenis jabatan to kelas jabatan per year (evaluasi 0007) and of the shares to the
beban kerja / prestasi kerja split (0008) keep what an administrator had set, where it says one thing."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

SEBELUM = [("evaluasi", "0006_aturan_bawaan_sesuai_sumber")]
SESUDAH = [("evaluasi", "0008_komponen_tpp")]


def _migrasi(target):
    """Migrate evaluasi to `target`; the models as they are there, with the other apps as they are now."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    lain = [n for n in executor.loader.graph.leaf_nodes() if n[0] != "evaluasi"]
    return executor.loader.project_state(target + lain).apps


@pytest.fixture
def sebelum(transactional_db):
    apps = _migrasi(SEBELUM)
    yield apps
    _migrasi(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_bases_carry_over_to_the_kelas_their_asn_agree_on_and_custom_shares_keep_their_meaning(sebelum):
    apps = sebelum
    UnitKerja, Pegawai = apps.get_model("kinerja", "UnitKerja"), apps.get_model("kinerja", "Pegawai")
    BesaranTPP, PengaturanTPP = apps.get_model("evaluasi", "BesaranTPP"), apps.get_model("evaluasi", "PengaturanTPP")
    unit = UnitKerja.objects.create(kode="75", nama="Provinsi")
    BesaranTPP.objects.create(jenis_jabatan="PELAKSANA", besaran=Decimal(3_000_000))
    BesaranTPP.objects.create(jenis_jabatan="PENGAWAS", besaran=Decimal(6_000_000))
    for i, (jenis, kelas) in enumerate(
        [("PELAKSANA", 7), ("PELAKSANA", 7), ("PENGAWAS", 9), ("PELAKSANA", 9), ("ADMINISTRATOR", 12)]
    ):
        Pegawai.objects.create(
            nip=f"19900101201501100{i}", nama=f"P{i}", unit_kerja=unit, jenis_jabatan=jenis, kelas_jabatan=kelas
        )
    PengaturanTPP.objects.update_or_create(pk=1, defaults={"persen_kinerja": 50, "persen_disiplin": 50})

    apps = _migrasi(SESUDAH)
    baru = apps.get_model("evaluasi", "BesaranTPP").objects.values_list("tahun", "kelas_jabatan", "besaran")
    # Kelas 7: every ASN had Rp3,000,000. Kelas 9: two amounts; kelas 12: no amount. Both left to the administrator.
    assert list(baru) == [(timezone.localdate().year, 7, Decimal(3_000_000))]
    pengaturan = apps.get_model("evaluasi", "PengaturanTPP").objects.get()
    assert (pengaturan.persen_beban_kerja, pengaturan.persen_kinerja, pengaturan.persen_disiplin) == (0, 50, 50)


def test_untouched_default_shares_take_the_new_defaults(sebelum):
    sebelum.get_model("evaluasi", "PengaturanTPP").objects.get_or_create(pk=1)
    pengaturan = _migrasi(SESUDAH).get_model("evaluasi", "PengaturanTPP").objects.get()
    assert (pengaturan.persen_beban_kerja, pengaturan.persen_kinerja, pengaturan.persen_disiplin) == (40, 60, 40)
