"""Writing the audit log. Call catat() inside the service's transaction, so a rolled-back change leaves no entry."""

from decimal import Decimal

from django.db import models

from core.numbers import angka as angka_teks

from .models import LogAudit


def catat(
    oleh,
    aksi: str,
    obj=None,
    perubahan: dict | None = None,
    *,
    uraian: str = "",
    ringkasan: dict | None = None,
    label: str | None = None,
    pada=None,
    simpan: bool = True,
) -> LogAudit:
    """Append one entry: `oleh` the user (None: the system), `obj` the model instance changed, `perubahan`
    {field: [old, new]}, `ringkasan` counts for bulk work, `uraian` a reason or summary.

    With simpan=False the entry is returned unsaved, for LogAudit.objects.bulk_create.
    """
    entri = LogAudit(
        oleh=oleh,
        oleh_nama=oleh.get_username() if oleh is not None else "",
        aksi=aksi,
        objek=obj._meta.label_lower if obj is not None else "",
        objek_id=obj.pk if obj is not None else None,
        label=(str(obj) if label is None and obj is not None else label or "")[:300],
        perubahan=perubahan or {},
        ringkasan=ringkasan or {},
        uraian=uraian or "",
    )
    if pada is not None:
        entri.pada = pada
    if simpan:
        entri.save()
    return entri


def nilai_field(obj, fields) -> dict:
    """The fields' current values, readable: a foreign key as its object's text, not its id."""
    hasil = {}
    for nama in fields:
        field = obj._meta.get_field(nama)
        if isinstance(field, models.ForeignKey):
            hasil[nama] = str(getattr(obj, nama)) if getattr(obj, field.attname) is not None else None
        elif isinstance(field, models.DecimalField):
            hasil[nama] = angka(field.to_python(getattr(obj, nama)))
        else:
            hasil[nama] = getattr(obj, nama)
    return hasil


def angka(nilai: Decimal | None) -> str | None:
    """A decimal as the log shows it, in Indonesian: 10.00 as stored and 10 as typed are the same number, "10";
    12.50 is "12,5"."""
    return None if nilai is None else angka_teks(nilai)


def selisih(lama: dict | None, baru: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed: `lama` None for a new record, `baru` {} for a
    deleted one. A field missing on one side counts as None."""
    lama = lama or {}
    kunci = [*lama, *(k for k in baru if k not in lama)]
    return {k: [lama.get(k), baru.get(k)] for k in kunci if lama.get(k) != baru.get(k)}
