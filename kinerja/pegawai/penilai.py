"""Who appraises an ASN (PermenPANRB 6/2022; DOMAIN.md §1): the pejabat penilai kinerja (PPK) is the direct
supervisor unless HR named another (a unit head's appraiser outside their unit chain, e.g. the Sekda for a Kepala
Dinas) or an official outside the roster (the Gubernur for the Sekda); the atasan pejabat penilai is the one HR named,
else the PPK's own PPK. Plain functions on the roster's columns, so one rule serves a single ASN and a whole period.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class BarisPenilai:
    """The roster columns the rule reads, for one ASN."""

    id: int
    atasan_id: int | None = None
    penilai_id: int | None = None
    penilai_luar_id: int | None = None
    atasan_penilai_id: int | None = None
    atasan_penilai_luar_id: int | None = None


KOLOM = tuple(BarisPenilai.__dataclass_fields__)


@dataclass(frozen=True)
class Penilai:
    """An evaluation's appraisers: the PPK and their superior, each on the roster (pegawai id) or not (luar id)."""

    atasan_id: int | None = None
    penilai_luar_id: int | None = None
    atasan_penilai_id: int | None = None
    atasan_penilai_luar_id: int | None = None

    @property
    def ada_ppk(self) -> bool:
        return bool(self.atasan_id or self.penilai_luar_id)


def ppk(b: BarisPenilai) -> tuple[int | None, int | None]:
    """The PPK as (pegawai id, luar id), at most one of them set: the one HR named, else the direct supervisor."""
    if b.penilai_id:
        return b.penilai_id, None
    if b.penilai_luar_id:
        return None, b.penilai_luar_id
    return b.atasan_id, None


def penilai(b: BarisPenilai, baris_ppk: BarisPenilai | None) -> Penilai:
    """Both appraisers of `b`; `baris_ppk` is the roster row of b's PPK when the PPK is on the roster."""
    ppk_id, luar_id = ppk(b)
    if b.atasan_penilai_id or b.atasan_penilai_luar_id:
        atas = (b.atasan_penilai_id, b.atasan_penilai_luar_id)
    elif ppk_id and baris_ppk is not None:
        atas = ppk(baris_ppk)
    else:
        atas = (None, None)
    if atas[0] == b.id:  # the ASN is never their own appraiser's superior
        atas = (None, None)
    return Penilai(ppk_id, luar_id, *atas)
