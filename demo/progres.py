"""Demo data of the work between the plan and the rating: the demo Atasan's matriks peran hasil and his team's daily
progress log (seeded by seed_demo after the plans and evaluations)."""

from demo import penilaian as demo_penilaian
from demo import roster as demo_roster
from kinerja.models import PeranHasil, ProgresHarian, RencanaHasilKerja
from kinerja.penilaian.harian import hari_kerja_sebelum


def simpan_peran_dan_progres(penulis, rhk: dict[str, int], tim, hari_ini) -> None:
    """The demo Atasan's matriks peran hasil (his RHK divided among his team, whose RHK cite it), the change he made
    to it since the demo Pegawai drafted hers, and the team's daily log of the last working days, with one
    teammate's latest days empty."""
    atasan, pegawai = demo_roster.ATASAN.nip, demo_roster.PEGAWAI.nip
    anggota = [pegawai, *(o.nip for o in tim)]
    peran_hasil = []
    for nip in anggota:
        hasil, indikator = demo_penilaian.peran_hasil_demo(penulis.uraian_rhk[nip])
        peran_hasil.append(
            PeranHasil(
                rhk_atasan_id=rhk[atasan],
                pegawai_id=penulis.pegawai_id[nip],
                hasil=hasil,
                indikator=indikator,
                diubah_oleh_id=penulis.user[penulis.pegawai_id[atasan]],
            )
        )
    PeranHasil.objects.bulk_create(peran_hasil)
    RencanaHasilKerja.objects.filter(pk=rhk[pegawai]).update(
        uraian_rhk_atasan=demo_penilaian.uraian_rhk_atasan_lama(penulis.uraian_rhk[atasan])
    )
    hari = hari_kerja_sebelum(hari_ini, demo_penilaian.HARI_PROGRES_DEMO)
    teks = demo_penilaian.PROGRES_HARIAN_DEMO
    progres = []
    for i, nip in enumerate(anggota):
        pegawai_id = penulis.pegawai_id[nip]
        hari_dicatat = hari[: -demo_penilaian.HARI_KOSONG_DEMO] if i == 1 else hari
        progres += [
            ProgresHarian(
                pegawai_id=pegawai_id,
                rhk_id=rhk[nip],
                tanggal=h,
                uraian=teks[(i + j) % len(teks)],
                dicatat_oleh_id=penulis.user.get(pegawai_id),
            )
            for j, h in enumerate(hari_dicatat)
            if h.year == hari_ini.year
        ]
    ProgresHarian.objects.bulk_create(progres)
