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
    for path in importer.DEFERRED_TASKS:
        assert (path, ("network", "practitionerpage", str(page.pk))) in enqueued
    estonian = page.get_translation(Locale.objects.get(language_code="et"))
    assert (importer.SEARCH_TASK, ("network", "practitionerpage", str(estonian.pk))) in enqueued


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
