"""Writing many generated rows quickly, for the load-data commands (manage.py generate_load_data).

On PostgreSQL rows go in with COPY (a million dossiers in well under a
minute); elsewhere (SQLite in tests) with bulk_create in batches. COPY does
not pass through Django's statement execution, so the caching mechanism's
watcher never sees it: insert_rows() tells it itself that the table changed.
"""

import json
from contextlib import contextmanager

from django.db import connection, models
from django.utils import timezone
from tqdm import tqdm

from . import caching

BATCH_SIZE = 2000


def progress(total, description, options, unit="rows"):
    """A tqdm bar on stderr, silent at verbosity 0 (tests)."""
    return tqdm(
        total=total, desc=description, unit=unit, unit_scale=True, disable=options.get("verbosity", 1) < 1, leave=True
    )


def insert_rows(model, fields, rows, bar=None):
    """Insert tuples of values for `fields` (model field names). Returns how many were written.

    Fields not named get their model default, as bulk_create would give them.
    """
    if connection.vendor == "postgresql":
        written = _copy(model, fields, rows, bar)
    else:
        written = _bulk_create(model, fields, rows, bar)
    caching.changed(model)
    return written


def _defaults(model, fields):
    """The columns COPY must fill that the caller did not name, with their model defaults."""
    now = timezone.now()
    extra = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in fields or field.attname in fields:
            continue
        value = (
            now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) else field.get_default()
        )
        extra.append((field, value))
    return extra


def _copy(model, fields, rows, bar):
    named = [model._meta.get_field(name) for name in fields]
    extra = _defaults(model, fields)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in named + [field for field, _ in extra])
    json_positions = [index for index, field in enumerate(named) if isinstance(field, models.JSONField)]
    tail = tuple(json.dumps(value) if isinstance(field, models.JSONField) else value for field, value in extra)
    table = connection.ops.quote_name(model._meta.db_table)
    written = 0
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                if json_positions:
                    row = list(row)
                    for index in json_positions:
                        row[index] = json.dumps(row[index])
                copy.write_row((*row, *tail))
                written += 1
                if bar is not None and written % 1000 == 0:
                    bar.update(1000)
    if bar is not None:
        bar.update(written % 1000)
    return written


def _bulk_create(model, fields, rows, bar):
    written, batch = 0, []
    for row in rows:
        batch.append(model(**dict(zip(fields, row))))
        if len(batch) == BATCH_SIZE:
            written += _flush(model, batch, bar)
    return written + _flush(model, batch, bar)


def _flush(model, batch, bar):
    model.objects.bulk_create(batch)
    if bar is not None:
        bar.update(len(batch))
    count = len(batch)
    batch.clear()
    return count


@contextmanager
def deferred_indexes(model, methods=("gin",)):
    """Drop the model's indexes of these access methods for a large load and build them again after.

    A GIN (trigram) index built once over the loaded rows costs far less than
    being updated row by row. Use inside a transaction: PostgreSQL's DDL is
    transactional, so an interrupted load leaves the indexes as they were.
    Elsewhere (SQLite) nothing is dropped.
    """
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("deferred_indexes() needs a transaction")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [model._meta.db_table])
        dropped = [
            (name, definition)
            for name, definition in cursor.fetchall()
            if any(f" USING {method} " in definition for method in methods)
        ]
        for name, _definition in dropped:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit; PostgreSQL builds no index
        # while such checks are pending, so they run now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # For this transaction only: a trigram index over 100,000 bodies builds in a third less time.
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in dropped:
            cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def analyze(*models):
    """Fresh planner statistics after a large load, so the next query plans see the new sizes."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
