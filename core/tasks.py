"""Background tasks that write: a transient database error is retried with backoff, never lost in the log.

A task whose base is RetryingTask runs again, after an exponentially growing, jittered wait, when the database
refused it for a reason that passes by itself: SQLite busy beyond its timeout ("database is locked"), a PostgreSQL
deadlock or serialization failure, a connection lost or refused (a restart). Every such task is idempotent (safe to
run twice), so running it again after a rolled-back attempt does the work once. Any other error fails at once, as
before. A connection the error broke is dropped before the next attempt by Celery's Django fix-up, which closes
the connections before every task. When the retries are used up the task fails like any other, and Celery's
task_failure signal lets the app that owns the work show it to administrators (rekap.tasks, kinerja.pegawai.tasks).
"""

import logging

from celery import Task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.db import DatabaseError, Error, InterfaceError

log = logging.getLogger(__name__)

# SQLSTATEs of PostgreSQL errors that a later attempt may not meet: serialization failure, deadlock, lock not
# available, and the server shutting down or restarting; class 08 (connection exception) is matched by prefix.
_TRANSIENT_SQLSTATES = {"40001", "40P01", "55P03", "57P01", "57P02", "57P03"}
_TRANSIENT_SQLITE = ("database is locked", "database table is locked", "disk i/o error")


def is_transient(exc: BaseException) -> bool:
    """Whether this database error may pass by itself (lock, deadlock, serialization, lost connection)."""
    if isinstance(exc, InterfaceError):  # the connection is closed or broken
        return True
    if not isinstance(exc, DatabaseError):
        return False
    cause = exc.__cause__ or exc
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate:
        return sqlstate in _TRANSIENT_SQLSTATES or sqlstate.startswith("08")
    message = str(cause).lower()
    return any(text in message for text in _TRANSIENT_SQLITE) or "connection" in message and "closed" in message


def retry_delay(retries: int) -> int:
    """Seconds before the next attempt: TASK_RETRY_DELAY_SECONDS doubled per attempt, capped, with full jitter."""
    return get_exponential_backoff_interval(
        factor=settings.TASK_RETRY_DELAY_SECONDS,
        retries=retries,
        maximum=settings.TASK_RETRY_MAX_DELAY_SECONDS,
        full_jitter=True,
    )


class RetryingTask(Task):
    """Base of every task that writes to the database (see the module docstring)."""

    max_retries = 8

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except Error as exc:  # DatabaseError and InterfaceError
            if not is_transient(exc):
                raise
            if self.request.retries >= self.max_retries:
                log.error("Tugas %s menyerah setelah %s percobaan: %r", self.name, self.request.retries + 1, exc)
                raise
            log.warning("Tugas %s gagal sementara (%r); dicoba lagi", self.name, exc)
            raise self.retry(exc=exc, countdown=retry_delay(self.request.retries)) from exc
