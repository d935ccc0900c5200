"""The importer's shortcuts must not change what it says or writes.

- The dry run validates without revising, publishing or aliasing pages and reads translation
  rows instead of writing them: its report must be the real import's, row by row, for every
  kind of row (create, update, unchanged, reject, translations).
- A new page's aliases are written together (``exchange.aliases``): they must be the aliases
  Wagtail's own ``create_alias`` writes, field by field, with their links, audit entries,
  index entries and public pages.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from wagtail.models import Locale, Page, PageLogEntry, ReferenceIndex
from wagtail_localize.models import LocaleSynchronization

from exchange import importer
from exchange.importer import run_import
from network.models import NetworkIndexPage, PractitionerPage
from search.models import SearchEntry

from .test_import_export import EXAMPLES, ORDER

pytestmark = pytest.mark.django_db

HEADER = "key,language,name,role,organisation,city,country,bio,themes,target_groups,languages\n"


def run(data: bytes | str, **options):
    if isinstance(data, str):
        data = data.encode()
    options.setdefault("publish", True)
    with translation.override("en"):
        return run_import(data, **options)


def rows(report) -> list[tuple]:
    return [(row.line, row.kind, row.key, row.language, row.action, row.reasons) for row in report.rows]


def dry_then_real(data, **options):
    dry = run(data, dry_run=True, **options)
    real = run(data, dry_run=False, **options)
    assert not dry.committed and real.committed, real.file_error
    assert rows(dry) == rows(real)
    assert dry.warnings == real.warnings
    return real


def test_the_dry_run_reports_what_the_import_then_does_for_every_example_file():
    for name, kind in ORDER.items():
        report = dry_then_real((EXAMPLES / name).read_bytes(), filename=name, kind=kind)
        assert report.created, name


def test_the_dry_run_reports_updates_unchanged_rows_rejections_and_translations_as_the_import_does():
    first = dry_then_real(
        HEADER
        + "dry-1,en,Ilze Dryrun,Roma mediator,providus,riga,LV,Works with families.,education,,lv\n"
        + "dry-1,lv,Ilze Dryrun,Romu mediatore,,,,Strādā ar ģimenēm.,,,\n"
        + "dry-2,en,Jonas Dryrun,Teacher,,vilnius,LT,Teaches.,,,\n"
        + "dry-3,en,Broken Dryrun,,,riga,LV,,,,\n"  # no role: rejected
        + "dry-4,lt,Nobody Dryrun,Mokytojas,,,,Moko.,,,\n",  # no English record: rejected
        kind="practitioner",
    )
    assert [row.action for row in first.rows] == ["create", "create", "create", "reject", "reject"]
    second = dry_then_real(
        HEADER
        + "dry-1,en,Ilze Dryrun,Roma mediator,providus,riga,LV,Works with families.,education,,lv\n"
        + "dry-1,lv,Ilze Dryrun,Romu mediatore,,,,Strādā ar ģimenēm.,,,\n"  # the same: unchanged
        + "dry-2,en,Jonas Dryrun,Head teacher,,vilnius,LT,Teaches.,,,\n"  # changed: update
        + "dry-2,lt,Jonas Dryrun,Vyr. mokytojas,,,,Moko.,,,\n"  # its alias becomes a translation
        + "dry-1,et,Ilze Dryrun,Romade vahendaja,,,,Töötab peredega. Kaks lauset.,,,\n",
        kind="practitioner",
    )
    assert [row.action for row in second.rows] == ["unchanged", "unchanged", "update", "create", "create"]
    third = dry_then_real(
        HEADER + "dry-1,lv,Ilze Dryrun,Romu mediatore (vecākā),,,,Strādā ar ģimenēm.,,,\n",  # changed: update
        kind="practitioner",
    )
    assert [row.action for row in third.rows] == ["update"]
    latvian = PractitionerPage.objects.get(title="Ilze Dryrun", locale__language_code="lv")
    assert latvian.role == "Romu mediatore (vecākā)" and latvian.live and latvian.alias_of_id is None


def test_a_dry_run_leaves_no_page_revision_or_log_behind():
    before = (Page.objects.count(), PageLogEntry.objects.count(), ReferenceIndex.objects.count())
    report = run(
        HEADER + "dry-5,en,Marta Dryrun,Nurse,,riga,LV,,,,\n" + "dry-5,ru,Марта Драйран,Медсестра,,,,,,,\n",
        dry_run=True,
        kind="practitioner",
    )
    assert [row.action for row in report.rows] == ["create", "create"]
    assert (Page.objects.count(), PageLogEntry.objects.count(), ReferenceIndex.objects.count()) == before


def _alias_fields(alias: PractitionerPage) -> dict:
    skip = {
        "id",
        "page_ptr",
        "path",
        "translation_key",
        "slug",
        "url_path",
        "alias_of",
        "title",
        "draft_title",
    }
    skip |= {"first_published_at", "last_published_at", "latest_revision_created_at", "live_revision"}
    values = {
        field.attname: getattr(alias, field.attname)
        for field in PractitionerPage._meta.concrete_fields
        if field.name not in skip
    }
    values["links"] = (
        sorted(alias.themes.values_list("slug", flat=True)),
        sorted(alias.target_groups.values_list("slug", flat=True)),
        sorted(alias.languages.values_list("code", flat=True)),
    )
    return values


def test_aliases_written_together_are_the_aliases_wagtail_writes(client, monkeypatch):
    data = (
        HEADER
        + "alias-{n},en,Aina Aliastest{n},Social worker,providus,riga,LV,Helps newcomers.,"
        + "education|health,,lv|ru\n"
    )
    assert [row.action for row in run(data.format(n=1), dry_run=False, kind="practitioner").rows] == [
        "create"
    ]
    original = importer.Context.__init__

    def through_wagtail(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.wagtail_aliases = True

    monkeypatch.setattr(importer.Context, "__init__", through_wagtail)
    assert [row.action for row in run(data.format(n=2), dry_run=False, kind="practitioner").rows] == [
        "create"
    ]

    fast = PractitionerPage.objects.get(title="Aina Aliastest1", locale__language_code="en")
    wagtail = PractitionerPage.objects.get(title="Aina Aliastest2", locale__language_code="en")
    fast_aliases = {a.locale.language_code: a for a in PractitionerPage.objects.filter(alias_of=fast)}
    wagtail_aliases = {a.locale.language_code: a for a in PractitionerPage.objects.filter(alias_of=wagtail)}
    synchronised = set(
        LocaleSynchronization.objects.filter(sync_from__language_code="en").values_list(
            "locale__language_code", flat=True
        )
    )
    assert {"lv", "lt", "et", "ru"} <= synchronised
    assert set(fast_aliases) == set(wagtail_aliases) == synchronised
    for language, alias in fast_aliases.items():
        other = wagtail_aliases[language]
        assert _alias_fields(alias) == _alias_fields(other)
        assert alias.translation_key == fast.translation_key and alias.slug == fast.slug
        assert alias.live_revision_id == fast.live_revision_id and alias.draft_title == fast.title
        parent = alias.get_parent()
        assert (
            parent.locale.language_code == language and alias.url_path == parent.url_path + alias.slug + "/"
        )
        # The audit entry, as Wagtail writes it.
        entry = PageLogEntry.objects.get(page=alias, action="wagtail.create_alias")
        other_entry = PageLogEntry.objects.get(page=other, action="wagtail.create_alias")
        assert entry.label == "Aina Aliastest1" and entry.content_type_id == other_entry.content_type_id
        assert entry.data["destination"] == other_entry.data["destination"]
        assert entry.data["source"] == other_entry.data["source"]
        assert entry.data["page"] == {"id": alias.pk, "title": "Aina Aliastest1"}
        # Indexed once the import committed, as the aliases Wagtail wrote.
        assert ReferenceIndex.get_references_for_object(alias).count() == (
            ReferenceIndex.get_references_for_object(other).count()
        )
        assert ReferenceIndex.get_references_for_object(alias).exists()
        assert SearchEntry.objects.filter(item_id=alias.pk).exists() == (
            SearchEntry.objects.filter(item_id=other.pk).exists()
        )
        # What a reader of that language sees.
        response = client.get(alias.get_url())
        assert response.status_code == 200
        assert "Aina Aliastest1" in response.content.decode()
    for index in NetworkIndexPage.objects.all():
        index.refresh_from_db()
        assert index.numchild == index.get_children().count()
    assert not any(Page.find_problems())
    # Later edits reach the aliases, as for any alias.
    latvian = Locale.objects.get(language_code="lv")
    run(data.format(n=1).replace("Social worker", "Case worker"), dry_run=False, kind="practitioner")
    assert fast.get_translation(latvian).specific.role == "Case worker"


def _references(pages) -> set[tuple]:
    return set(
        ReferenceIndex.objects.filter(object_id__in=[str(page.pk) for page in pages]).values_list(
            "content_type_id", "base_content_type_id", "object_id", "to_content_type_id", "to_object_id",
            "model_path", "content_path", "content_path_hash",
        )
    )  # fmt: skip


def test_the_reference_index_written_in_bulk_is_the_one_wagtail_writes():
    data = (
        HEADER
        + "refs-1,en,Reda Reftest,Nurse,providus,riga,LV,,health,,\n"
        + "refs-2,en,Rolands Reftest,Teacher,,jelgava,LV,,,,\n"
    )
    assert [row.action for row in run(data, dry_run=False, kind="practitioner").rows] == ["create", "create"]
    # A changed link: the old reference goes, the new one comes.
    moved = run(
        data.replace(",providus,riga,", ",,riga,").replace(",jelgava,", ",riga,"), kind="practitioner"
    )
    assert [row.action for row in moved.rows] == ["update", "update"]
    pages = list(PractitionerPage.objects.filter(title__endswith="Reftest"))
    assert len(pages) == 2 * Locale.objects.count()  # two people in every language
    written = _references(pages)
    assert written
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
    assert _references(pages) == written
    # The person's city reference is to their city only.
    rolands = PractitionerPage.objects.get(title="Rolands Reftest", locale__language_code="en")
    cities = ReferenceIndex.get_references_for_object(rolands).filter(model_path="city")
    assert {int(pk) for pk in cities.values_list("to_object_id", flat=True)} == {rolands.city_id}
