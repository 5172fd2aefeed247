"""Reading the audit log: one object's history, and the filtered list of the audit page."""

from .models import LogAudit


def riwayat_objek(obj):
    """The entries about one object, newest first."""
    return LogAudit.objects.filter(objek=obj._meta.label_lower, objek_id=obj.pk)


def daftar_log(*, dari=None, sampai=None, oleh=None, objek="", aksi="", cari=""):
    """The audit page's list: dates are inclusive local dates, `oleh` a username (its snapshot), `cari` a text
    searched in the object's label. No join: everything shown is on the row itself."""
    qs = LogAudit.objects.all()
    if dari:
        qs = qs.filter(pada__date__gte=dari)
    if sampai:
        qs = qs.filter(pada__date__lte=sampai)
    if oleh:
        qs = qs.filter(oleh_nama__iexact=oleh.strip())
    if objek:
        qs = qs.filter(objek=objek)
    if aksi:
        qs = qs.filter(aksi=aksi)
    if cari:
        qs = qs.filter(label__icontains=cari.strip())
    return qs
