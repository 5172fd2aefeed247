"""The audit log is append-only: the application refuses to change or delete an entry, and so does PostgreSQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import LogAudit, LogHanyaTambah
from audit.services import catat
from tests.conftest import perlu_layanan
from tests.factories import UserFactory


@pytest.fixture
def entri(db):
    return catat(
        UserFactory(username="pelaku"), "aturan_diubah", label="Aturan uji", perubahan={"aktif": [True, False]}
    )


def test_an_entry_cannot_be_saved_again(entri):
    entri.label = "diubah"
    with pytest.raises(LogHanyaTambah):
        entri.save()
    assert LogAudit.objects.get(pk=entri.pk).label == "Aturan uji"


def test_an_entry_cannot_be_deleted(entri):
    with pytest.raises(LogHanyaTambah):
        entri.delete()
    assert LogAudit.objects.filter(pk=entri.pk).exists()


def test_querysets_refuse_update_and_delete(entri):
    with pytest.raises(LogHanyaTambah):
        LogAudit.objects.filter(pk=entri.pk).update(label="diubah")
    with pytest.raises(LogHanyaTambah):
        LogAudit.objects.all().delete()
    with pytest.raises(LogHanyaTambah):
        LogAudit.objects.bulk_update([entri], ["label"])
    assert LogAudit.objects.get(pk=entri.pk).label == "Aturan uji"


def test_an_entry_keeps_the_username_after_the_account_is_deleted(entri):
    pelaku = entri.oleh
    pelaku.delete()
    entri = LogAudit.objects.get(pk=entri.pk)
    assert entri.oleh is None
    assert entri.nama_pelaku == "pelaku"
    assert entri.perubahan == {"aktif": [True, False]}


def _butuh_postgres():
    if connection.vendor != "postgresql":
        perlu_layanan("DATABASE_URL bukan PostgreSQL: trigger log audit hanya ada di PostgreSQL")


@pytest.mark.services
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_logaudit SET label = 'dipalsukan' WHERE id = %s",
        "UPDATE audit_logaudit SET oleh_id = NULL, label = 'dipalsukan' WHERE id = %s",
        "DELETE FROM audit_logaudit WHERE id = %s",
    ],
)
def test_postgresql_refuses_raw_update_and_delete(entri, sql):
    _butuh_postgres()
    with (
        pytest.raises(DatabaseError, match="Log audit hanya dapat ditambah"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute(sql, [entri.pk])
    assert LogAudit.objects.get(pk=entri.pk).label == "Aturan uji"


@pytest.mark.services
def test_postgresql_lets_only_the_deleted_actor_be_cleared(entri):
    _butuh_postgres()
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_logaudit SET oleh_id = NULL WHERE id = %s", [entri.pk])
    entri = LogAudit.objects.get(pk=entri.pk)
    assert (entri.oleh_id, entri.label, entri.oleh_nama) == (None, "Aturan uji", "pelaku")
