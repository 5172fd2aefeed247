"""Chart data for the dashboards, shaped for static/js/rekap.js (passed through json_script, never inline JS)."""

from core.numbers import percent
from kinerja.penilaian.predikat import LABEL_PREDIKAT, PREDIKAT

from .services import FIELD_PREDIKAT, FIELD_STATUS

WARNA_STATUS = {
    "DRAFT": "#adb5bd",
    "DIKEMBALIKAN": "#ffc107",
    "DIAJUKAN": "#0dcaf0",
    "DINILAI": "#0d6efd",
    "FINAL": "#198754",
}
WARNA_PREDIKAT = {
    "SANGAT_BAIK": "#198754",
    "BAIK": "#20c997",
    "BUTUH_PERBAIKAN": "#ffc107",
    "KURANG": "#fd7e14",
    "SANGAT_KURANG": "#dc3545",
}
PANJANG_LABEL = 40


def _label(teks: str) -> str:
    return teks if len(teks) <= PANJANG_LABEL else teks[: PANJANG_LABEL - 1] + "…"


def _angka(nilai):
    return None if nilai is None else float(nilai)


def status_per_baris(baris, label) -> dict:
    """Stacked horizontal bars: each row's evaluations by state, as shares of its evaluations."""
    return {
        "kosong": not baris,
        "jenis": "bar",
        "horizontal": True,
        "tumpuk": True,
        "persen": True,
        "label": [_label(label(r)) for r in baris],
        "data": [
            {
                "label": s.label,
                "warna": WARNA_STATUS[s],
                "nilai": [_angka(percent(getattr(r, f), r.jumlah_evaluasi)) or 0 for r in baris],
            }
            for s, f in FIELD_STATUS.items()
        ],
    }


def sebaran_predikat(rekap) -> dict:
    """One bar per predikat: its share of the rated and final evaluations."""
    total = sum(getattr(rekap, f) for f in FIELD_PREDIKAT.values()) if rekap else 0
    return {
        "kosong": not total,
        "jenis": "bar",
        "persen": True,
        "label": [LABEL_PREDIKAT[p] for p in PREDIKAT],
        "data": [
            {
                "label": "Pegawai (%)",
                "warna": [WARNA_PREDIKAT[p] for p in PREDIKAT],
                "nilai": [_angka(percent(getattr(rekap, FIELD_PREDIKAT[p]), total)) or 0 for p in PREDIKAT]
                if total
                else [],
            }
        ],
    }


def tren(baris) -> dict:
    """Completion and mean capaian across periods (rows ordered oldest first, each with .periode)."""
    return {
        "kosong": not baris,
        "jenis": "line",
        "persen": True,
        "label": [str(r.periode) for r in baris],
        "data": [
            {"label": "Penyelesaian (%)", "warna": "#198754", "nilai": [_angka(r.persen_selesai) for r in baris]},
            {"label": "Rata-rata capaian (%)", "warna": "#0d6efd", "nilai": [_angka(r.rata_capaian) for r in baris]},
        ],
    }


def layanan_per_unit(baris) -> dict:
    """IKM and the share of requests finished on time, per unit."""
    return {
        "kosong": not baris,
        "jenis": "bar",
        "horizontal": True,
        "persen": True,
        "label": [_label(r.unit_kerja.nama) for r in baris],
        "data": [
            {"label": "IKM", "warna": "#6f42c1", "nilai": [_angka(r.ikm) for r in baris]},
            {"label": "Tepat waktu (%)", "warna": "#0dcaf0", "nilai": [_angka(r.persen_tepat_waktu) for r in baris]},
        ],
    }


def tren_saya(evaluasi) -> dict:
    """The ASN's own mean capaian across periods."""
    return {
        "kosong": not evaluasi,
        "jenis": "line",
        "persen": True,
        "label": [str(e.periode) for e in evaluasi],
        "data": [
            {"label": "Rata-rata capaian (%)", "warna": "#0d6efd", "nilai": [_angka(e.rata_capaian) for e in evaluasi]}
        ],
    }


def status_donat(rekap) -> dict:
    """A doughnut of one group's evaluations by state (the team dashboard)."""
    return {
        "kosong": not (rekap and rekap.jumlah_evaluasi),
        "jenis": "doughnut",
        "label": [s.label for s in FIELD_STATUS],
        "data": [
            {
                "label": "Evaluasi",
                "warna": [WARNA_STATUS[s] for s in FIELD_STATUS],
                "nilai": [getattr(rekap, f) for f in FIELD_STATUS.values()] if rekap else [],
            }
        ],
    }
