"""Signals other apps listen to, so kinerja does not import them."""

from django.dispatch import Signal

# Sent inside finalkan_unit's transaction, with periode_id and unit_id, after a unit's evaluations became final.
unit_difinalkan = Signal()
