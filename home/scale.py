"""Large synthetic data on top of the demo: many practitioners and practices, to measure
the directory, the indexes and the search at the size the network may reach.

Creating pages one by one with ``add_child`` and publishing revisions takes tens of
milliseconds each (tree locking, revisions, signals, wagtail-localize sync): about an
hour for 100k. Here the rows are written in batches instead: the ``wagtailcore_page``
rows with their treebeard materialised paths computed here (parent path + a base-36
step of ``Page.steplen`` characters, numbered after the parent's last child), then the
page type's own table, the many-to-many rows and the search entries, each with one
``bulk_create`` per batch. No revisions, no translations (English only: the other
languages' trees show the demo pages) and no signals, so the page cache is invalidated
once at the end. Deterministic: the same numbers give the same data.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from network.models import (
    City,
    NetworkIndexPage,
    Organisation,
    PractitionerPage,
    SpokenLanguage,
    TargetGroup,
    Theme,
)
from practices.models import PracticeIndexPage, PracticePage
from search.models import Kind, SearchEntry
from search.text import index_terms

BATCH = 2000
PRACTITIONER_PREFIX = "gen-"
PRACTICE_PREFIX = "gen-practice-"

FIRST_NAMES = [
    "Anna",
    "Ilze",
    "Laura",
    "Marta",
    "Ieva",
    "Rasa",
    "Kristina",
    "Liis",
    "Kadri",
    "Mari",
    "Sofia",
    "Emma",
    "Ingrid",
    "Sigrid",
    "Aino",
    "Janis",
    "Andris",
    "Mantas",
    "Tomas",
    "Lukas",
    "Jonas",
    "Priit",
    "Toomas",
    "Mikk",
    "Erik",
    "Lars",
    "Olav",
    "Mikko",
    "Juha",
    "Pavel",
]
LAST_NAMES = [
    "Berzina",
    "Ozola",
    "Kalnina",
    "Petrauskaite",
    "Kazlauskiene",
    "Tamm",
    "Saar",
    "Sepp",
    "Hansen",
    "Johansson",
    "Nielsen",
    "Virtanen",
    "Korhonen",
    "Ivanova",
    "Berzins",
    "Ozols",
    "Kalnins",
    "Petrauskas",
    "Kazlauskas",
    "Magi",
    "Kask",
    "Larsen",
    "Andersson",
    "Lehtonen",
    "Smirnov",
]
ROLES = (
    "Social worker",
    "Roma mediator",
    "NGO project manager",
    "Municipal integration coordinator",
    "Language teacher",
    "Researcher",
    "Ministry official",
    "Housing adviser",
    "Employment counsellor",
)
PRACTICE_WORDS = (
    "Mentoring newcomers in",
    "Language cafés in",
    "One-stop shop for refugees in",
    "Roma mediators in the schools of",
    "Housing first for families in",
    "Job coaching for women in",
    "Peer support for young people in",
)


def _pages(parent: Page, model: type[Page], rows: list[dict]) -> list[Page]:
    """Unsaved ``Page`` rows under ``parent``, numbered after its last child."""
    last = parent.get_children().order_by("-path").values_list("path", flat=True).first()
    step = int(last[-Page.steplen :], 36) if last else 0
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    pages = []
    for row in rows:
        step += 1
        pages.append(
            Page(
                title=row["title"],
                draft_title=row["title"],
                slug=row["slug"],
                content_type=content_type,
                path=Page._get_path(parent.path, parent.depth + 1, step),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{row['slug']}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=parent.locale_id,
            )
        )
    return pages


def _insert_specific(model: type[Page], pages: list[Page], fields: list[dict]) -> list[Page]:
    """Write the page type's own table for rows already in ``wagtailcore_page``.

    ``bulk_create`` refuses multi-table inheritance; ``_insert`` (what it uses inside) on the
    child table's own columns does the same job."""
    objects = []
    for page, values in zip(pages, fields, strict=True):
        obj = model(page_ptr_id=page.pk, **values)
        obj.__dict__.update({f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
        objects.append(obj)
    model._base_manager._insert(objects, fields=list(model._meta.local_concrete_fields))
    return objects


def _entries(objects: list[Page], kind: str, data: Callable[[Page], dict]) -> None:
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    entries = []
    for obj in objects:
        values = data(obj)
        entries.append(
            SearchEntry(
                item_type=content_type,
                item_id=obj.pk,
                group_key=str(obj.translation_key),
                language="en",
                kind=kind,
                title=obj.title,
                title_terms=index_terms(obj.title, "en"),
                terms=index_terms(f"{values['summary']} {values['text']}", "en"),
                **values,
            )
        )
    created = SearchEntry.objects.bulk_create(entries)
    get_search_backend().add_bulk(SearchEntry, created)
    from search import vocabulary

    vocabulary.recount()  # the typo correction's words, with those of the new entries


def _url(page: Page, home: Page) -> str:
    return "/en/" + page.url_path[len(home.url_path) :]


def generated_count(index: Page, prefix: str) -> int:
    return index.get_children().filter(slug__startswith=prefix).count()


def build(
    practitioners: int, practices: int, progress: Callable[[str], None], seed: int = 2026
) -> dict[str, int]:
    en = Locale.get_default()
    directory = NetworkIndexPage.objects.get(locale=en)
    index = PracticeIndexPage.objects.get(locale=en)
    home = directory.get_parent()
    cities = list(City.objects.filter(locale=en).select_related("country"))
    organisations = list(Organisation.objects.filter(locale=en))
    themes = list(Theme.objects.filter(locale=en))
    groups = list(TargetGroup.objects.filter(locale=en))
    languages = list(SpokenLanguage.objects.all())
    made = {"practitioners": 0, "practices": 0}

    start = generated_count(directory, PRACTITIONER_PREFIX)
    for first in range(start, practitioners, BATCH):
        numbers = range(first, min(first + BATCH, practitioners))
        rng = random.Random(seed + first)  # noqa: S311 - synthetic data, not secrets
        rows, fields, links = [], [], []
        for number in numbers:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            city = rng.choice(cities)
            organisation = rng.choice(organisations)
            rows.append({"title": name, "slug": f"{PRACTITIONER_PREFIX}{number:06d}-{slugify(name)}"})
            fields.append(
                {
                    "role": rng.choice(ROLES),
                    "city_id": city.pk,
                    "organisation_id": organisation.pk,
                    "bio": f"Works with newcomers in {city.name}.",
                    "open_to_exchange": rng.random() < 0.4,
                    "last_confirmed": datetime.date(2026, 1, 1) + datetime.timedelta(days=number % 300),
                }
            )
            links.append(
                (city, organisation, rng.sample(themes, 2), rng.sample(groups, 2), rng.sample(languages, 2))
            )
        with transaction.atomic():
            pages = Page.objects.bulk_create(_pages(directory, PractitionerPage, rows))
            people = _insert_specific(PractitionerPage, pages, fields)
            through = PractitionerPage.themes.through, PractitionerPage.target_groups.through
            through[0].objects.bulk_create(
                [
                    through[0](practitionerpage_id=p.pk, theme_id=t.pk)
                    for p, link in zip(people, links, strict=True)
                    for t in link[2]
                ]
            )
            through[1].objects.bulk_create(
                [
                    through[1](practitionerpage_id=p.pk, targetgroup_id=g.pk)
                    for p, link in zip(people, links, strict=True)
                    for g in link[3]
                ]
            )
            languages_through = PractitionerPage.languages.through
            languages_through.objects.bulk_create(
                [
                    languages_through(practitionerpage_id=p.pk, spokenlanguage_id=language.pk)
                    for p, link in zip(people, links, strict=True)
                    for language in link[4]
                ]
            )
            data = dict(zip((p.pk for p in people), links, strict=True))

            def practitioner_entry(person, data=data):
                city, organisation, person_themes, person_groups, _languages = data[person.pk]
                summary = f"{person.role}, {organisation.name}"
                return {
                    "summary": summary,
                    "url": _url(person, home),
                    "text": f"{summary} {person.bio} {city.name} {city.country.name} "
                    + " ".join(t.name for t in person_themes + person_groups),
                    "countries": city.country.code,
                    "themes": " ".join(t.slug for t in person_themes),
                    "target_groups": " ".join(g.slug for g in person_groups),
                }

            _entries(people, Kind.PRACTITIONER, practitioner_entry)
            directory.numchild += len(pages)
            Page.objects.filter(pk=directory.pk).update(numchild=directory.numchild)
        made["practitioners"] += len(pages)
        progress(f"practitioners: {numbers.stop:,} of {practitioners:,}")

    start = generated_count(index, PRACTICE_PREFIX)
    for first in range(start, practices, BATCH):
        numbers = range(first, min(first + BATCH, practices))
        rng = random.Random(seed * 7 + first)  # noqa: S311 - synthetic data, not secrets
        rows, fields, links = [], [], []
        for number in numbers:
            city = rng.choice(cities)
            title = f"{rng.choice(PRACTICE_WORDS)} {city.name} ({number + 1})"
            rows.append({"title": title, "slug": f"{PRACTICE_PREFIX}{number:05d}"})
            fields.append(
                {
                    "country_id": city.country_id,
                    "city_id": city.pk,
                    "start_date": datetime.date(2010, 1, 1) + datetime.timedelta(days=(number * 37) % 5800),
                    "status": rng.choice(("ongoing", "completed", "looking_for_partners")),
                    "intro": f"How {city.name} helps newcomers settle in.",
                    "goals": "<p>Help newcomers find work, housing and friends.</p>",
                }
            )
            links.append((city, rng.sample(themes, 2), rng.sample(groups, 1)))
        with transaction.atomic():
            pages = Page.objects.bulk_create(_pages(index, PracticePage, rows))
            items = _insert_specific(PracticePage, pages, fields)
            themes_through, groups_through = PracticePage.themes.through, PracticePage.target_groups.through
            themes_through.objects.bulk_create(
                [
                    themes_through(practicepage_id=p.pk, theme_id=t.pk)
                    for p, link in zip(items, links, strict=True)
                    for t in link[1]
                ]
            )
            groups_through.objects.bulk_create(
                [
                    groups_through(practicepage_id=p.pk, targetgroup_id=g.pk)
                    for p, link in zip(items, links, strict=True)
                    for g in link[2]
                ]
            )
            data = dict(zip((p.pk for p in items), links, strict=True))

            def practice_entry(item, data=data):
                city, item_themes, item_groups = data[item.pk]
                return {
                    "summary": item.intro,
                    "url": _url(item, home),
                    "text": f"{item.intro} Help newcomers find work, housing and friends. {city.name} "
                    + " ".join(t.name for t in item_themes + item_groups),
                    "countries": city.country.code,
                    "themes": " ".join(t.slug for t in item_themes),
                    "target_groups": " ".join(g.slug for g in item_groups),
                }

            _entries(items, Kind.PRACTICE, practice_entry)
            index.numchild += len(pages)
            Page.objects.filter(pk=index.pk).update(numchild=index.numchild)
        made["practices"] += len(pages)
        progress(f"practices: {numbers.stop:,} of {practices:,}")

    from home import facet_index
    from nbnet.page_cache import bump

    bump()  # no signals were sent: invalidate cached pages once
    facet_index.invalidate()  # and the listings' facet indexes
    return made
