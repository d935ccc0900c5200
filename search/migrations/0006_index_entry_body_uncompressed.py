"""On PostgreSQL, keep the search index's body vectors in their rows, uncompressed.

The site search ranks every entry that matches a query word with ``ts_rank`` over the
entry's ``body`` vector (``search.engine._postgres_ranked``). A body vector of a few sentences
is 2-4 kB; PostgreSQL compresses a row above ``toast_tuple_target`` (2 kB by default), so
ranking a word found in 5,500 of 100k entries spent 40 of its 53 ms decompressing vectors
(``bench/search_bench.py``'s index; 10 ms with them stored as they are). With the target
at its maximum, a row is compressed or moved out of line only when it does not fit a
page anyway. Wagtail's ``IndexEntry`` is not ours to set table options on, hence SQL; the
rows already written are rewritten once (``|| ''`` makes a new, equal vector, which is
stored under the new rule). SQLite has no such storage: nothing to do there.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def store_uncompressed(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 8160)")
    schema_editor.execute(f"UPDATE {TABLE} SET body = body || ''::tsvector")


def store_default(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_entry_group_language"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(store_uncompressed, store_default, elidable=False)]
