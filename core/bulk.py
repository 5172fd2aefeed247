"""Bulk writes shared by the roster import and the demo seeder: ids from the sequence, COPY, UPDATE ... FROM.

On PostgreSQL rows go in with COPY (values adapted by psycopg in C); elsewhere (SQLite in development) the same
column tuples become model instances for bulk_create, so callers build one kind of row for both.
"""

from contextlib import contextmanager

from django.db import connection

BATCH_SIZE = 2000


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def reserve_ids(model, count: int) -> list[int]:
    """Take `count` ids for new rows up front, so rows written together can point at each other.

    PostgreSQL: from the table's sequence. Elsewhere: after the highest id, which is safe only inside the
    caller's write transaction (SQLite has one writer at a time).
    """
    if not count:
        return []
    if is_postgres():
        with connection.cursor() as cur:
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [model._meta.db_table, count],
            )
            return [r[0] for r in cur.fetchall()]
    last = model._base_manager.order_by("-pk").values_list("pk", flat=True).first() or 0
    return list(range(last + 1, last + 1 + count))


def sql_columns(model, columns):
    q = connection.ops.quote_name
    return [q(model._meta.get_field(f).column) for f in columns]


def copy_rows(model, columns, rows):
    """Insert rows with PostgreSQL COPY: one statement, values adapted by psycopg in C (ids given)."""
    q = connection.ops.quote_name
    with connection.cursor() as cur:
        command = f"COPY {q(model._meta.db_table)} ({', '.join(sql_columns(model, columns))}) FROM STDIN"
        with cur.cursor.copy(command) as copy:
            for r in rows:
                copy.write_row(r)


def insert_rows(model, columns, rows):
    """Insert tuples of `columns` (attnames; every NOT NULL column, the id if the rows need known ids): COPY on
    PostgreSQL, bulk_create elsewhere."""
    if is_postgres():
        copy_rows(model, columns, rows)
        return
    objects = (model(**dict(zip(columns, r, strict=True))) for r in rows)
    model._base_manager.bulk_create(objects, batch_size=BATCH_SIZE)


def update_rows(model, columns, rows):
    """Update rows by id on PostgreSQL: COPY the new values into a temporary table, then one UPDATE ... FROM."""
    if not rows:
        return
    q = connection.ops.quote_name
    table, cols = q(model._meta.db_table), sql_columns(model, ["id", *columns])
    with connection.cursor() as cur:
        cur.execute(f"CREATE TEMPORARY TABLE impor_sementara AS SELECT {', '.join(cols)} FROM {table} WITH NO DATA")
        with cur.cursor.copy(f"COPY impor_sementara ({', '.join(cols)}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(r)
        assignments = ", ".join(f"{c} = t.{c}" for c in cols[1:])
        cur.execute(f"UPDATE {table} AS p SET {assignments} FROM impor_sementara AS t WHERE p.id = t.id")
        cur.execute("DROP TABLE impor_sementara")


@contextmanager
def foreign_keys_checked_after(*models):
    """Bulk-load `models` with their foreign keys checked once at the end (PostgreSQL).

    A deferred foreign key queues one trigger per inserted row and checks each at commit, which dominates a
    load of millions of rows; dropping the keys and adding them back checks each with a single join. Runs inside
    the caller's transaction, so a failure anywhere restores the keys with the rollback.
    """
    if not is_postgres():
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("foreign_keys_checked_after harus dipakai di dalam transaction.atomic().")
    q = connection.ops.quote_name
    with connection.cursor() as cur:
        # Earlier rows' pending checks run now: a table with pending trigger events cannot be altered.
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cur.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])",
            [[m._meta.db_table for m in models]],
        )
        constraints = cur.fetchall()
        for table, name, _ in constraints:
            cur.execute(f"ALTER TABLE {table} DROP CONSTRAINT {q(name)}")
    yield
    with connection.cursor() as cur:
        for table, name, definition in constraints:
            cur.execute(f"ALTER TABLE {table} ADD CONSTRAINT {q(name)} {definition}")
        cur.execute("SET CONSTRAINTS ALL DEFERRED")


def truncate_tables(*models):
    """Empty whole tables, children first: one TRUNCATE on PostgreSQL instead of collecting millions of rows.

    TRUNCATE has to name every table that points at the emptied ones; it is used only when those other tables
    are empty already (nothing would cascade or be protected), else rows go through delete() as always.
    """
    all_models, queue, others = set(models), list(models), set()
    while queue:
        # Hidden relations too (related_name="+"): their tables point here all the same.
        for r in queue.pop()._meta.get_fields(include_hidden=True):
            if r.auto_created and not r.concrete and r.related_model not in all_models:
                all_models.add(r.related_model)
                others.add(r.related_model)
                queue.append(r.related_model)
    if is_postgres() and not any(m._base_manager.exists() for m in others):
        q = connection.ops.quote_name
        with connection.cursor() as cur:
            # Earlier deletes' deferred checks run first: a table with pending trigger events cannot be truncated.
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute(f"TRUNCATE {', '.join(q(m._meta.db_table) for m in all_models)}")
            cur.execute("SET CONSTRAINTS ALL DEFERRED")
        return
    for m in models:
        m._base_manager.all().delete()
