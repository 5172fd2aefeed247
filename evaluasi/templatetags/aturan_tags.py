import re
from decimal import Decimal

from django import template

from core.numbers import angka
from evaluasi import engine
from evaluasi.katalog import katalog

register = template.Library()

# A number as the JSON of a consequence's evidence keeps a Decimal: "66.67".
_ANGKA = re.compile(r"-?\d+(\.\d+)?")
WARNA_STATUS = {"USULAN": "warning", "DISETUJUI": "success", "DITOLAK": "secondary", "DIGANTIKAN": "light"}


@register.filter
def label_metrik(nama):
    """A metric's label, e.g. 'Hari tanpa keterangan (kumulatif tahun berjalan)'."""
    m = katalog().get(nama)
    return m.label if m else nama


@register.filter
def nilai_metrik(nilai):
    """A metric value for people: lists (consecutive periods) joined, choice codes by their labels, numbers in
    Indonesian (66,67, also when stored as the text "66.67" in a consequence's evidence), None as '—'."""
    if isinstance(nilai, list | tuple):
        return " → ".join(nilai_metrik(v) for v in nilai)
    if nilai is None or nilai == "":
        return "—"
    for m in katalog().values():
        label = dict(m.pilihan).get(nilai) if m.pilihan else None
        if label:
            return label
    if not isinstance(nilai, bool) and (isinstance(nilai, int | float | Decimal) or _ANGKA.fullmatch(str(nilai))):
        return angka(nilai)
    return str(nilai)


@register.filter
def label_kode(kode, status_kepegawaian=None):
    """A consequence code's name, for a PPPK as their contract words it (engine.label_konsekuensi)."""
    return engine.label_konsekuensi(kode, status_kepegawaian)


@register.filter
def warna_status(status):
    return WARNA_STATUS.get(status, "secondary")
