"""An index on Wagtail's page table for listings sorted by title.

The directory lists the children of one page (one depth) by title; without an index the
database sorted every practitioner to show the first 20 (110 ms at 100k on SQLite).
Wagtail's ``Page`` is not ours to add ``Meta.indexes`` to, hence plain SQL, which both
SQLite and PostgreSQL accept.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_alter_homepage_body_alter_standardpage_body"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS nbnet_page_depth_title ON wagtailcore_page (depth, title)",
            reverse_sql="DROP INDEX IF EXISTS nbnet_page_depth_title",
        )
    ]
