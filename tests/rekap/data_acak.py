"""Random organisations with evaluations, written straight to the tables, for the roll-up and dashboard tests."""

import datetime
from decimal import Decimal

from hypothesis import strategies as st

from kinerja.models import (
    SKP,
    EvaluasiKinerja,
    IndikatorKinerja,
    KinerjaOrganisasi,
    Pegawai,
    Periode,
    RealisasiIndikator,
    RencanaHasilKerja,
    UnitKerja,
)
from kinerja.penilaian.predikat import CAPAIAN_ORGANISASI, PREDIKAT

STATUS = [s.value for s in EvaluasiKinerja.Status]


@st.composite
def organisasi_acak(draw):
    """Units (a forest), ASN, 1–3 periods and, per (ASN, period), maybe an evaluation with capaian values."""
    n_unit = draw(st.integers(1, 7))
    induk = [None] + [draw(st.one_of(st.none(), st.integers(0, i - 1))) for i in range(1, n_unit)]
    pegawai = draw(st.lists(st.tuples(st.integers(0, n_unit - 1), st.booleans()), max_size=12))
    n_periode = draw(st.integers(1, 3))
    evaluasi = {}
    for i in range(len(pegawai)):
        for p in range(n_periode):
            if draw(st.booleans()):
                status = draw(st.sampled_from(STATUS))
                evaluasi[(i, p)] = dict(
                    status=status,
                    predikat=draw(st.sampled_from(PREDIKAT)) if status in ("DINILAI", "FINAL") else "",
                    atasan=draw(st.one_of(st.none(), st.integers(0, len(pegawai) - 1))),
                    capaian=draw(
                        st.lists(st.decimals(0, 120, places=2, allow_nan=False, allow_infinity=False), max_size=3)
                    ),
                )
    organisasi = draw(
        st.dictionaries(
            st.tuples(st.integers(0, n_unit - 1), st.integers(0, n_periode - 1)),
            st.sampled_from(CAPAIAN_ORGANISASI),
            max_size=4,
        )
    )
    return dict(induk=induk, pegawai=pegawai, n_periode=n_periode, evaluasi=evaluasi, organisasi=organisasi)


def tulis(data, awalan="R"):
    """Write a generated organisation; returns (units, ASN, periods) as lists of saved objects."""
    units = []
    for i, induk in enumerate(data["induk"]):
        units.append(
            UnitKerja.objects.create(
                kode=f"{awalan}{i:03d}", nama=f"Unit {awalan}{i}", induk=None if induk is None else units[induk]
            )
        )
    pegawai = Pegawai.objects.bulk_create(
        Pegawai(
            nip=f"{awalan}{i:017d}"[-18:],
            nama=f"Pegawai {i}",
            jenis_kelamin="L",
            status_kepegawaian="PNS",
            unit_kerja=units[u],
            aktif=aktif,
        )
        for i, (u, aktif) in enumerate(data["pegawai"])
    )
    periode = [
        Periode.objects.create(
            tahun=2030,
            jenis="BULANAN",
            nomor=p + 1,
            mulai=datetime.date(2030, p + 1, 1),
            selesai=datetime.date(2030, p + 1, 28),
            batas_pengisian=datetime.date(2030, p + 2, 5),
            batas_penilaian=datetime.date(2030, p + 2, 10),
        )
        for p in range(data["n_periode"])
    ]
    indikator = []
    if pegawai:
        rhk = RencanaHasilKerja.objects.create(skp=SKP.objects.create(pegawai=pegawai[0], tahun=2030), uraian="RHK")
        indikator = [
            IndikatorKinerja.objects.create(rhk=rhk, uraian=f"I{k}", aspek="KUANTITAS", target=10, satuan="dokumen")
            for k in range(3)
        ]
    evaluasi = {}
    for (i, p), e in data["evaluasi"].items():
        evaluasi[(i, p)] = EvaluasiKinerja(
            periode=periode[p],
            pegawai=pegawai[i],
            atasan=None if e["atasan"] is None else pegawai[e["atasan"]],
            # Final rows refuse new realisations: they are written as rated first and finalised below.
            status="DINILAI" if e["status"] == "FINAL" else e["status"],
            predikat=e["predikat"],
        )
    EvaluasiKinerja.objects.bulk_create(evaluasi.values())
    RealisasiIndikator.objects.bulk_create(
        RealisasiIndikator(
            evaluasi=evaluasi[k], indikator=indikator[j], realisasi=1, diisi_sebagai="PEGAWAI", capaian=Decimal(c)
        )
        for k, e in data["evaluasi"].items()
        for j, c in enumerate(e["capaian"])
    )
    final = [evaluasi[k].pk for k, e in data["evaluasi"].items() if e["status"] == "FINAL"]
    EvaluasiKinerja.objects.filter(pk__in=final).update(status="FINAL")
    KinerjaOrganisasi.objects.bulk_create(
        KinerjaOrganisasi(unit_kerja=units[u], periode=periode[p], capaian=c)
        for (u, p), c in data["organisasi"].items()
    )
    return units, pegawai, periode
