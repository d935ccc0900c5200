"""``search.backend``: indexing one object refreshes the title norm of what it wrote only, with
an average title length read once in a while, not two scans of the whole index (issue 17); the
ranking queries over that index read only the rows they need (issue 20)."""

from __future__ import annotations

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from network.models import PractitionerPage
from search import backend as ours

pytestmark = pytest.mark.django_db


def entry_of(obj) -> IndexEntry:
    return IndexEntry.objects.get(
        content_type_id=ContentType.objects.get_for_model(type(obj)).pk, object_id=str(obj.pk)
    )


def title_length(entry: IndexEntry) -> int:
    """The title's length as the backend counts it: characters on SQLite, terms of the
    ``tsvector`` on PostgreSQL."""
    return IndexEntry.objects.filter(pk=entry.pk).annotate(n=Length("title")).values_list("n", flat=True)[0]


def test_the_site_uses_the_backend_with_the_cheap_refresh():
    index = get_search_backend().get_index_for_model(PractitionerPage)
    assert isinstance(index, ours.WrittenEntriesTitleNorms)


def test_indexing_one_object_sets_its_norm_and_leaves_the_rest_of_the_index_alone():
    backend = get_search_backend()
    page, another = PractitionerPage.objects.filter(locale__language_code="en").order_by("pk")[:2]
    other = entry_of(another)
    assert other.title  # an entry with a title: its norm is the average length over its own
    IndexEntry.objects.filter(pk=other.pk).update(title_norm=1.0)  # as if just written, not by us
    ours.forget_average()

    page.title = "A title of some length for the norm, longer than most titles in the index"
    backend.add(page)

    written = entry_of(page)
    average = ours.average_title_length(backend.get_index_for_model(PractitionerPage))
    assert written.title_norm == pytest.approx(average / title_length(written))
    assert written.title_norm != 1.0
    assert entry_of(another).title_norm == 1.0  # modelsearch would have rewritten it

    # The full refresh (a rebuild) still sets every entry.
    backend.get_index_for_model(PractitionerPage)._refresh_title_norms(full=True)
    assert entry_of(another).title_norm == pytest.approx(
        ours.average_title_length(backend.get_index_for_model(PractitionerPage)) / title_length(other)
    )


def test_the_average_title_length_is_not_read_again_for_every_object():
    backend = get_search_backend()
    pages = list(PractitionerPage.objects.filter(locale__language_code="en")[:3])
    ours.forget_average()
    backend.add(pages[0])
    with CaptureQueriesContext(connection) as queries:
        backend.add(pages[1])
        backend.add(pages[2])
    sql = " ".join(query["sql"].upper() for query in queries)
    assert "AVG(" not in sql
    assert entry_of(pages[2]).title_norm != 1.0


# --- Ranking on SQLite: the best rows of the full-text index first, then their entries ---


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 ranking (search.engine._fts5_ids)")
def test_entries_below_the_admins_index_rows_are_still_found(monkeypatch):
    """The index also holds the admin's pages and snippets: when those fill the best rows
    ranked first, the entries below them are looked up too, as many as were asked for."""
    from search import engine
    from search.models import SearchEntry

    match, weights = engine._fts5_match(["mediator"], "or"), "0.0, 1.0, 5.0"
    every = engine._fts5_ids(match, weights, 10_000)
    assert len(every) > 10
    assert set(every) <= set(SearchEntry.objects.values_list("pk", flat=True))
    wanted = len(every) - 1
    entry_type = ContentType.objects.get_for_model(SearchEntry).pk
    with connection.cursor() as cursor:
        table = IndexEntry._meta.db_table
        cursor.execute(
            f"SELECT e.content_type_id FROM {table}_fts f JOIN {table} e ON e.id = f.rowid "  # noqa: S608
            f"WHERE {table}_fts MATCH %s ORDER BY bm25({table}_fts, {weights}) LIMIT %s",
            [match, wanted],
        )
        ranked_first = {row[0] for row in cursor.fetchall()}
    assert ranked_first - {entry_type}, "the admin's rows rank among the first"

    monkeypatch.setattr(engine, "OVERFETCH", 1)  # the first rows hold fewer entries than wanted
    found = engine._fts5_ids(match, weights, wanted)
    assert len(found) == wanted and set(found) <= set(every)
    # In the reader's language only (autocomplete), as many as asked for when there are.
    english = engine._fts5_ids(match, weights, 3, language="en")
    assert len(english) == 3
    assert set(SearchEntry.objects.filter(pk__in=english).values_list("language", flat=True)) == {"en"}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner (search.engine._through_gin_indexes)"
)
def test_the_ranking_finds_its_matches_through_the_gin_indexes_and_leaves_the_planner_as_it_was(monkeypatch):
    """At 100k entries the planner read and unpacked every row's vector to find a word in a
    few percent of them (200–350 ms; the bitmap takes 25–35 ms): the ranking query plans
    through the GIN indexes, the same results come back, and the settings are put back."""
    from search import engine

    def settings_now() -> tuple:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')")
            return cursor.fetchone()

    assert settings_now() == ("on", "on")
    with CaptureQueriesContext(connection) as queries:
        found = engine._postgres_ranked(["mediator", "romu"], "or")
    assert len(found) > 5
    ranking = next(query["sql"] for query in queries.captured_queries if "ts_rank" in query["sql"])
    assert settings_now() == ("on", "on"), "the enclosing transaction plans as before"

    with engine._through_gin_indexes() as cursor:
        cursor.execute("EXPLAIN " + ranking)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # Only the GIN index of the body vectors: not the table, nor the index of the content
    # type, through which every entry would be tested.
    scanned = re.findall(r"Index Scan on (\S+)", plan)
    assert scanned and all(name.endswith("_gin") for name in scanned) and "Seq Scan" not in plan, plan
    assert settings_now() == ("on", "on")

    monkeypatch.setattr(engine, "GIN_ONLY", {})  # the planner's own choice: the same entries, in order
    assert engine._postgres_ranked(["mediator", "romu"], "or") == found


def test_a_search_entry_is_all_in_the_body_column_which_is_all_the_ranking_reads():
    """The ranking queries match ``body`` alone (on PostgreSQL; FTS5's title column weighs
    nothing more): the backend fills ``title`` only from a field named ``title``, and a
    search entry's folded title is indexed in ``body``. Were an upgrade to move it, a word
    found only in a title would stop being found."""
    from search import engine
    from search.models import SearchEntry

    entry = SearchEntry.objects.filter(language="en").exclude(title_terms="").first()
    entry.title_terms += " quokkatitle"  # in the title and nowhere else
    entry.save(update_fields=["title_terms"])
    get_search_backend().add(entry)
    assert title_length(entry_of(entry)) == 0
    found = engine._backend_ranked("default", ["quokkatitle"], "and")
    assert [found.pk for found in found] == [entry.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row storage")
def test_body_vectors_that_fit_a_page_are_stored_uncompressed():
    """Ranking decompressed every matching row's vector (40 of 53 ms for a word in 5,500 of
    100k entries): ``search`` migration 0006 keeps vectors that fit a page as they are."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE pg_column_compression(body) IS NOT NULL), count(*) "  # noqa: S608
            f"FROM {IndexEntry._meta.db_table} WHERE pg_column_size(body || ''::tsvector) > 2100 "
            # and the whole row fits a page (else its largest values are compressed, as ever)
            "AND pg_column_size(body || ''::tsvector) + pg_column_size(title || ''::tsvector) "
            "+ pg_column_size(autocomplete || ''::tsvector) + octet_length(title_text) "
            "+ octet_length(body_text) < 7000"
        )
        compressed, above_the_default_threshold = cursor.fetchone()
    assert above_the_default_threshold > 0  # vectors that PostgreSQL compresses by default
    assert compressed == 0
