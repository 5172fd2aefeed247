"""Signals the roster sends, so that what they start need not be imported by the services; and the audit of HR
assignments, wherever they change (the pages, the Django admin, a shell)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from audit.middleware import pelaku
from audit.services import catat

from .models import PenugasanPengelola

# Sent after the commit with job_id: a confirmed roster import the worker must run (kinerja.pegawai.tasks queues it).
impor_roster_menunggu_worker = Signal()


@receiver(post_save, sender=PenugasanPengelola, dispatch_uid="audit_penugasan_dibuat")
def _penugasan_dibuat(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        catat(pelaku(), "penugasan_ditambahkan", instance, {"unit_kerja": [None, str(instance.unit_kerja)]})


@receiver(post_delete, sender=PenugasanPengelola, dispatch_uid="audit_penugasan_dihapus")
def _penugasan_dihapus(sender, instance, **kwargs):
    catat(pelaku(), "penugasan_dicabut", instance, {"unit_kerja": [str(instance.unit_kerja), None]})
