"""core.tasks: which database errors a task retries, and that a retried task ends done or fails visibly."""

import sqlite3

import psycopg
import pytest
from celery import shared_task
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, ProgrammingError

from core.tasks import RetryingTask, is_transient, retry_delay
from tests.conftest import galat_sqlite


def _django(kelas, sebab):
    """A Django database error as the ORM raises it: the driver's error as its cause."""
    galat = kelas(str(sebab))
    galat.__cause__ = sebab
    return galat


def _Pg(sqlstate):
    """The error psycopg raises for this SQLSTATE."""
    return psycopg.errors.lookup(sqlstate)(f"galat {sqlstate}")


@pytest.mark.parametrize(
    ("galat", "sementara"),
    [
        (_django(OperationalError, sqlite3.OperationalError("database is locked")), True),
        (_django(OperationalError, sqlite3.OperationalError("database table is locked")), True),
        (_django(OperationalError, sqlite3.OperationalError("no such table: kinerja_pegawai")), False),
        (_django(OperationalError, _Pg("40001")), True),  # serialization_failure
        (_django(OperationalError, _Pg("40P01")), True),  # deadlock_detected
        (_django(OperationalError, _Pg("55P03")), True),  # lock_not_available
        (_django(OperationalError, _Pg("57P01")), True),  # admin_shutdown (a restart)
        (_django(OperationalError, _Pg("08006")), True),  # connection_failure
        (_django(OperationalError, _Pg("53100")), False),  # disk_full: a person must act
        (_django(ProgrammingError, _Pg("42P01")), False),  # undefined_table: a bug
        (_django(IntegrityError, _Pg("23505")), False),  # unique_violation: a bug or bad data
        (InterfaceError("connection already closed"), True),
        (ValueError("bukan galat basis data"), False),
    ],
    ids=lambda v: repr(v) if not isinstance(v, bool) else str(v),
)
def test_only_errors_that_pass_by_themselves_are_retried(galat, sementara):
    assert is_transient(galat) is sementara


def test_the_wait_grows_and_stays_under_the_cap(settings):
    settings.TASK_RETRY_DELAY_SECONDS, settings.TASK_RETRY_MAX_DELAY_SECONDS = 5, 300
    assert all(0 <= retry_delay(0) <= 5 for _ in range(50))
    assert all(0 <= retry_delay(3) <= 40 for _ in range(50))
    assert all(0 <= retry_delay(20) <= 300 for _ in range(50))
    assert max(retry_delay(3) for _ in range(200)) > 5


percobaan: list[int] = []


@shared_task(base=RetryingTask, name="tests.core.tugas_uji", max_retries=3)
def tugas_uji(gagal_sebanyak: int, galat: str = "database is locked") -> str:
    percobaan.append(1)
    if len(percobaan) <= gagal_sebanyak:
        raise galat_sqlite(galat)
    return "selesai"


@pytest.fixture(autouse=True)
def _hitung_ulang():
    percobaan.clear()


def test_a_task_the_database_refused_for_a_moment_runs_again_until_done(ulang_inline):
    assert tugas_uji.delay(2).get() == "selesai"
    assert len(percobaan) == 3


def test_a_task_that_keeps_meeting_a_locked_database_gives_up_after_its_retries(ulang_inline):
    hasil = tugas_uji.delay(10)
    assert hasil.failed()
    with pytest.raises(DatabaseError, match="database is locked"):
        hasil.get()
    assert len(percobaan) == 4  # the first attempt and three retries


def test_an_error_no_retry_cures_fails_at_once(ulang_inline):
    with pytest.raises(DatabaseError, match="no such table"):
        tugas_uji.delay(10, "no such table: x").get()
    assert len(percobaan) == 1
