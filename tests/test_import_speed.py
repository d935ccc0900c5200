"""What the importer's per-run shortcuts must not change: behaviour, not timing.

The importer reads keys, references, the places of new pages in the tree and the synchronised
languages once per run, and does Wagtail's search- and reference-index work once per record
when the rows are done. These tests check that a later row sees what an earlier row of the same
run did, that a rejected row leaves nothing behind in those shortcuts, that the dry run leaves
nothing behind at all, and that the index work is done (once) when the import commits.
(How fast it is: ``bench/import_bench.py``.)
"""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail_localize.models import LocaleSynchronization

from exchange import importer
from exchange.importer import run_import
from exchange.models import ImportedRecord
from network.models import NetworkIndexPage, Organisation, PractitionerContact, PractitionerPage
from search.models import SearchEntry

pytestmark = pytest.mark.django_db

HEADER = "key,language,name,role,organisation,city,country,bio,themes,email\n"


def run(data: str, **options):
    options.setdefault("dry_run", False)
    options.setdefault("publish", True)
    options.setdefault("kind", "practitioner")
    with translation.override("en"):
        return run_import(data.encode(), **options)


def actions(report) -> list[str]:
    return [row.action for row in report.rows]


def reasons(report) -> str:
    return " | ".join("; ".join(row.reasons) for row in report.rows if row.rejected)


def english(title: str) -> PractitionerPage:
    return PractitionerPage.objects.get(title=title, locale__language_code="en")


def synchronised_languages() -> set[str]:
    return set(
        LocaleSynchronization.objects.filter(sync_from=Locale.get_default()).values_list(
            "locale__language_code", flat=True
        )
    )


def test_a_translation_row_finds_the_record_its_english_row_created_in_the_same_run():
    report = run(
        HEADER
        + "speed-1,en,Inga Speedtest,Roma mediator,,riga,LV,Works with families.,education,\n"
        + "speed-1,lv,Inga Speedtest,Romu mediatore,,,,Strādā ar ģimenēm.,,\n"
    )
    assert actions(report) == ["create", "create"], reasons(report)
    page = english("Inga Speedtest")
    latvian = page.get_translation(Locale.objects.get(language_code="lv"))
    assert latvian.role == "Romu mediatore" and latvian.bio == "Strādā ar ģimenēm."
    assert latvian.alias_of_id is None and latvian.live
    # The key was written once the rows were done, pointing at the page.
    assert (
        ImportedRecord.objects.get(kind="practitioner", key="speed-1").translation_key == page.translation_key
    )


def test_an_organisation_created_by_one_row_is_named_by_a_later_row_of_the_same_run():
    data = (
        '{"organisation": [{"key": "speed-org", "name": "Speedy Integration Office", "type": "ngo",'
        ' "country": "LV", "city": "riga"}],'
        ' "practitioner": [{"key": "speed-2", "name": "Olga Speedtest", "role": "Adviser",'
        ' "organisation": "speed-org", "city": "riga"}]}'
    )
    with translation.override("en"):
        report = run_import(data.encode(), filename="mixed.json", dry_run=False, publish=True)
    assert actions(report) == ["create", "create"], reasons(report)
    assert english("Olga Speedtest").organisation == Organisation.objects.get(
        name="Speedy Integration Office"
    )


def test_a_second_run_reports_unchanged_and_only_notes_the_time_of_the_import():
    data = (
        HEADER + "speed-3,en,Rita Speedtest,Nurse,providus,riga,LV,Helps.,health|housing,rita@example.org\n"
    )
    assert actions(run(data)) == ["create"]
    page = english("Rita Speedtest")
    record = ImportedRecord.objects.get(kind="practitioner", key="speed-3")
    revisions = page.revisions.count()
    again = run(data)
    assert actions(again) == ["unchanged"], reasons(again)
    assert page.revisions.count() == revisions
    assert PractitionerContact.objects.get(page=page).email == "rita@example.org"
    later = ImportedRecord.objects.get(pk=record.pk)
    assert later.translation_key == record.translation_key
    assert later.last_imported_at >= record.last_imported_at
    # A changed link is seen without reading the linked record: the city is compared by id.
    moved = run(data.replace(",riga,LV,", ",jelgava,LV,"))
    assert actions(moved) == ["update"], reasons(moved)
    assert english("Rita Speedtest").city.slug == "jelgava"


def test_the_dry_run_leaves_nothing_behind():
    before = (
        Page.objects.count(),
        ImportedRecord.objects.count(),
        ReferenceIndex.objects.count(),
        SearchEntry.objects.count(),
        PractitionerContact.objects.count(),
    )
    report = run(
        HEADER
        + "speed-4,en,Dina Speedtest,Nurse,providus,riga,LV,Helps.,health,dina@example.org\n"
        + "speed-4,ru,Дина Спидтест,Медсестра,,,,Помогает.,,\n",
        dry_run=True,
    )
    assert actions(report) == ["create", "create"], reasons(report)
    assert not report.committed
    after = (
        Page.objects.count(),
        ImportedRecord.objects.count(),
        ReferenceIndex.objects.count(),
        SearchEntry.objects.count(),
        PractitionerContact.objects.count(),
    )
    assert after == before
    # The task backends are Wagtail's own again after the run.
    from django_tasks import task_backends

    assert not isinstance(task_backends["default"], importer._CollectingBackend)


def test_new_pages_get_their_aliases_and_the_tree_stays_consistent():
    directory = NetworkIndexPage.objects.get(locale__language_code="en")
    report = run(
        HEADER
        + "speed-5,en,Mara Speedtest,Nurse,,riga,LV,,,\n"
        + "speed-6,en,Mara Speedtest,Teacher,,riga,LV,,,\n"
        + "speed-7,en,Mara Speedtest,Doctor,,riga,LV,,,\n"
    )
    assert actions(report) == ["create"] * 3, reasons(report)
    slugs = sorted(
        PractitionerPage.objects.filter(title="Mara Speedtest", locale=directory.locale).values_list(
            "slug", flat=True
        )
    )
    assert slugs == ["mara-speedtest", "mara-speedtest-1", "mara-speedtest-2"]
    for page in PractitionerPage.objects.filter(title="Mara Speedtest", locale=directory.locale):
        aliases = PractitionerPage.objects.filter(alias_of=page)
        assert {alias.locale.language_code for alias in aliases} == synchronised_languages()
        for alias in aliases:
            assert alias.slug == page.slug and alias.live
            parent = alias.get_parent()
            assert parent.specific_class is NetworkIndexPage and parent.locale_id == alias.locale_id
            assert alias.url_path == parent.url_path + alias.slug + "/"
    # Paths, depths and children counts as treebeard keeps them.
    for index in NetworkIndexPage.objects.all():
        index.refresh_from_db()
        assert index.numchild == index.get_children().count()
    problems = Page.find_problems()
    assert not any(problems), problems


def test_a_row_rejected_after_its_page_was_placed_leaves_no_trace_for_the_next_rows(monkeypatch):
    original = importer._create_aliases

    def failing(page, context, known_key=False):
        if page.role == "Breaks":
            raise RuntimeError("simulated failure after the page was placed")
        return original(page, context, known_key=known_key)

    monkeypatch.setattr(importer, "_create_aliases", failing)
    report = run(
        HEADER
        + "speed-8,en,Liva Speedtest,Breaks,,riga,LV,,,\n"
        + "speed-9,en,Liva Speedtest,Nurse,,riga,LV,,,\n"
        + "speed-10,en,Liva Speedtest,Doctor,,riga,LV,,,\n"
    )
    assert actions(report) == ["reject", "create", "create"]
    assert "simulated failure" in reasons(report)
    # The rejected row's page and slug are gone: the next row takes the slug, as without it.
    pages = PractitionerPage.objects.filter(title="Liva Speedtest", locale__language_code="en")
    assert sorted(p.slug for p in pages) == ["liva-speedtest", "liva-speedtest-1"]
    assert not ImportedRecord.objects.filter(kind="practitioner", key="speed-8").exists()
    for index in NetworkIndexPage.objects.all():
        index.refresh_from_db()
        assert index.numchild == index.get_children().count()
    assert not any(Page.find_problems())


def numchild_updates(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "wagtailcore_page" SET "numchild"')]


def assert_tree_consistent():
    for index in Page.objects.filter(numchild__gt=0).specific().iterator():
        assert index.numchild == index.get_children().count(), index
    problems = Page.find_problems()
    assert not any(problems), problems


def test_the_parents_children_counts_are_written_once_per_run_not_once_per_page():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = "".join(f"speed-n{n},en,Nora Countstest{n},Nurse,,riga,LV,,,\n" for n in range(6))
    with CaptureQueriesContext(connection) as queries:
        report = run(HEADER + rows)
    assert actions(report) == ["create"] * 6, reasons(report)
    # Six people, each with its aliases: one update per parent (English and each alias
    # language), where treebeard would write one per page.
    parents = 1 + len(synchronised_languages())
    assert len(numchild_updates(queries.captured_queries)) == parents
    assert_tree_consistent()


def test_children_counts_stay_right_across_flushes_translations_and_rejected_rows(monkeypatch):
    """Counts written every few pages and before each translation row; a translation row that
    fails after writing the earlier rows' counts takes that write back with it, and the counts
    wait again."""
    monkeypatch.setattr(importer.Tree, "FLUSH_PLACED", 7)
    original = importer._translate

    def failing(cells, kind, key, locale, context):
        if key == "speed-c1":
            raise RuntimeError("simulated failure of a translation")
        return original(cells, kind, key, locale, context)

    monkeypatch.setattr(importer, "_translate", failing)
    english_rows = "".join(f"speed-c{n},en,Carla Countstest{n},Nurse,,riga,LV,,,\n" for n in range(5))
    report = run(
        HEADER
        + english_rows
        + "speed-c1,lv,Carla Countstest1,Medmāsa,,,,,,\n"
        + "speed-c2,lv,Carla Countstest2,Medmāsa,,,,,,\n"
        + "speed-c3,lt,Carla Countstest3,Slaugytoja,,,,,,\n"
    )
    assert actions(report) == ["create"] * 5 + ["reject", "create", "create"], reasons(report)
    assert "simulated failure" in reasons(report)
    assert_tree_consistent()
    # The tree is still Wagtail's: a page added its own way afterwards lands after the others.
    directory = NetworkIndexPage.objects.get(locale__language_code="en")
    city = english("Carla Countstest0").city
    added = directory.add_child(
        instance=PractitionerPage(title="Carla Afterwards", slug="carla-afterwards", role="Nurse", city=city)
    )
    assert added.path > max(directory.get_children().exclude(pk=added.pk).values_list("path", flat=True))
    assert_tree_consistent()


def test_a_dry_run_leaves_the_children_counts_as_they_were():
    before = dict(Page.objects.values_list("pk", "numchild"))
    rows = "".join(f"speed-d{n},en,Dora Countstest{n},Nurse,,riga,LV,,,\n" for n in range(3))
    report = run(HEADER + rows + "speed-d1,lv,Dora Countstest1,Medmāsa,,,,,,\n", dry_run=True)
    assert actions(report) == ["create"] * 4, reasons(report)
    assert dict(Page.objects.values_list("pk", "numchild")) == before


def test_search_and_reference_indexes_are_updated_once_the_rows_are_done():
    report = run(HEADER + "speed-11,en,Zelda Quixotic-Speedtest,Nurse,providus,riga,LV,,,\n")
    assert actions(report) == ["create"], reasons(report)
    page = english("Zelda Quixotic-Speedtest")
    organisation = Organisation.objects.get(slug="providus", locale__language_code="en")
    assert ReferenceIndex.get_references_for_object(page).filter(object_id=str(page.pk)).exists()
    assert ReferenceIndex.get_references_to(organisation).filter(object_id=str(page.pk)).exists()
    assert page.pk in {found.pk for found in PractitionerPage.objects.search("Zelda Quixotic")}
    # The site's own search: the published page has its entry.
    assert SearchEntry.objects.filter(item_id=page.pk).exists()


def _entries() -> dict:
    from django.forms.models import model_to_dict

    return {
        (entry.item_type_id, entry.item_id): model_to_dict(entry, exclude=["id", "updated_at"])
        for entry in SearchEntry.objects.all()
    }


def _term_counts() -> set:
    from search.models import SearchTerm

    return set(SearchTerm.objects.filter(entries__gt=0).values_list("term", "language", "entries"))


def test_the_runs_search_entries_and_their_word_counts_are_those_written_one_by_one():
    """The run's entries are written together at the end (``indexing.update_entries``): the
    same entries as the publish task writes for each page, and the vocabulary's counts the
    same as counted again from the entries (words shared by several new entries, a changed
    biography that drops words and adds others)."""
    from search import indexing, vocabulary

    vocabulary.recount()
    data = (
        HEADER
        + "speed-v1,en,Vilma Vocabtest,Nurse,providus,riga,LV,Helps families find housing.,housing,\n"
        + "speed-v2,en,Valdis Vocabtest,Nurse,,riga,LV,Helps families learn Latvian.,education,\n"
        + "speed-v1,lv,Vilma Vocabtest,Medmāsa,,,,Palīdz ģimenēm atrast mājokli.,,\n"
    )
    assert actions(run(data)) == ["create"] * 3
    pages = list(PractitionerPage.objects.filter(title__endswith="Vocabtest").order_by("pk"))
    assert {page.locale.language_code for page in pages if page.alias_of_id is None} == {"en", "lv"}
    written = _entries()
    assert {entry["title"] for entry in written.values()} >= {"Vilma Vocabtest", "Valdis Vocabtest"}
    assert any(entry["language"] == "lv" and "mājokli" in entry["text"] for entry in written.values())
    counted = _term_counts()
    for page in pages:
        indexing.update_entry(page)  # what the publish task writes, one by one
    assert _entries() == written
    vocabulary.recount()
    assert _term_counts() == counted

    changed = run(data.replace("Helps families find housing.", "Runs evening classes for parents."))
    assert actions(changed)[:2] == ["update", "unchanged"], reasons(changed)
    entry = SearchEntry.objects.get(item_id=english("Vilma Vocabtest").pk)
    assert "evening" in entry.text and "housing" not in entry.text
    counted = _term_counts()
    vocabulary.recount()
    assert _term_counts() == counted


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_with_a_task_queue_each_record_gets_one_index_task_of_each_kind():
    from django_tasks import task_backends

    report = run(
        HEADER
        + "speed-12,en,Elza Speedtest,Nurse,providus,riga,LV,,,\n"
        + "speed-12,et,Elza Speedtest,Õde,,,,,,\n"
    )
    assert actions(report) == ["create", "create"], reasons(report)
    enqueued = [(result.task.module_path, tuple(result.args)) for result in task_backends["default"].results]
    assert len(enqueued) == len(set(enqueued))
    page = english("Elza Speedtest")
    for path in (importer.SEARCH_TASK, importer.REFERENCE_TASK):
        assert (path, ("network", "practitionerpage", str(page.pk))) in enqueued
    estonian = page.get_translation(Locale.objects.get(language_code="et"))
    assert (importer.SEARCH_TASK, ("network", "practitionerpage", str(estonian.pk))) in enqueued
    # The site's own search entries: one task for each published page, once.
    entry_tasks = [args for path, args in enqueued if path == importer.ENTRY_TASK]
    assert sorted(entry_tasks) == sorted(
        [(page.content_type_id, page.pk), (estonian.content_type_id, estonian.pk)]
    )


def test_progress_is_reported_to_the_last_row():
    calls = []
    report = run(
        HEADER + "".join(f"speed-p{n},en,Person{n} Speedtest,Nurse,,riga,LV,,,\n" for n in range(3)),
        progress=lambda done, total: calls.append((done, total)),
        dry_run=True,
    )
    assert actions(report) == ["create"] * 3, reasons(report)
    assert calls and calls[-1] == (3, 3)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)
