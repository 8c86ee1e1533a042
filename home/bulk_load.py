"""Loading many rows and pages fast, for seed commands (``seed_scale``).

- ``insert_rows``: plain multi-row INSERTs through the database cursor (``executemany``,
  which MySQLdb sends as multi-row statements), with no model instances in between.
  Fields left out get their model default, as the ORM would give them; no signal fires
  (none of the models loaded this way has a handler).
- ``pages_indexed_together``: pages added one by one (Wagtail's ``add_child``, which keeps
  the tree right) skip their one-by-one search-index and reference-index updates; the
  search index gets them in one bulk write at the end.
"""

from contextlib import contextmanager

from django.db import connection
from django.db.models import AutoField, BigAutoField, SmallAutoField
from django.db.models.signals import post_save
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update


def insert_rows(model, fields, rows, batch_size, progress=None):
    """Insert ``rows`` (tuples of the ``fields``' values, in that order) into ``model``'s
    table, ``batch_size`` at a time; ``progress(count)`` after each batch."""
    meta = model._meta
    given = [meta.get_field(name) for name in fields]
    rest = [
        field
        for field in meta.local_concrete_fields
        if field not in given and not isinstance(field, (AutoField, BigAutoField, SmallAutoField))
    ]
    fixed = [field for field in rest if not callable(field.default)]
    fixed_values = tuple(field.get_db_prep_save(field.get_default(), connection) for field in fixed)
    computed = [field for field in rest if callable(field.default)]
    columns = [field.column for field in [*given, *fixed, *computed]]
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    # Names from the model, quoted; the values go as parameters.
    sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({placeholders})"  # noqa: S608

    def prepared(row):
        values = tuple(
            field.get_db_prep_save(value, connection)
            for field, value in zip(given, row, strict=True)
        )
        extra = tuple(field.get_db_prep_save(field.get_default(), connection) for field in computed)
        return values + fixed_values + extra

    batch = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(prepared(row))
            if len(batch) == batch_size:
                cursor.executemany(sql, batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            if progress:
                progress(len(batch))


@contextmanager
def pages_indexed_together(*models):
    """Pages of ``models`` saved inside are indexed for search in one bulk write per
    model when the block ends, not one by one; the reference index is not updated (use
    it only for pages that reference nothing: no images, documents or page links).
    Yields the list to append each new page to."""
    pages = []
    # Only what was connected (a model with search_auto_update = False never was).
    quiet = [m for m in models if post_save.disconnect(post_save_signal_handler, sender=m)]
    try:
        with disable_reference_index_auto_update():
            yield pages
    finally:
        for model in quiet:
            post_save.connect(post_save_signal_handler, sender=model)
    for model in quiet:
        mine = [page for page in pages if type(page) is model]
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, mine)
