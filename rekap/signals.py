"""Signals the reminders send, so that what they start need not be imported by the services."""

from django.dispatch import Signal

# Sent after the commit with klaim_ids: claimed reminders whose emails are to be sent (rekap.tasks queues them).
email_pengingat_menunggu = Signal()
