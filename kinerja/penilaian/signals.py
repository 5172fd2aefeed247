"""Signals other apps listen to, so kinerja need not know them."""

from django.dispatch import Signal

# Sent inside finalkan_unit's transaction with periode_id, unit_id and pegawai_ids (the ASN just finalised).
# Receivers that start background work should do so with transaction.on_commit.
unit_difinalkan = Signal()

# Sent after the commit with job_id: a confirmed e-Kinerja import the worker must run (kinerja.penilaian.tasks).
impor_ekinerja_menunggu_worker = Signal()
