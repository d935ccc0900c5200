"""Builds the knowledge base's demo content from ``demo_data`` in all five languages."""

from __future__ import annotations

import datetime
import json
import zoneinfo
from decimal import Decimal
from pathlib import Path

from home.models import HomePage
from home.seeding import Counts, ensure_locales, translate, upsert, upsert_page, with_slug
from network.models import City, Country, Organisation, PractitionerPage, TargetGroup, Theme, TwinningPage

from . import demo_data as data
from .factories import (
    EventIndexPageFactory,
    EventPageFactory,
    LibraryPageFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    PublicationFactory,
)
from .models import EventParticipation, PracticeAdoption, ProjectFunding

TRANSLATIONS = Path(__file__).with_name("demo_translations.json")
RIGA = zoneinfo.ZoneInfo("Europe/Riga")


def _rich(text: str) -> str:
    return f"<p>{text}</p>" if text else ""


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _when(value: str) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value).replace(tzinfo=RIGA) if value else None


def build() -> dict[str, int]:
    locales = ensure_locales()
    en = locales["en"]
    memory = json.loads(TRANSLATIONS.read_text(encoding="utf-8"))
    counts = Counts()

    def by_slug(model, slugs):
        return list(model.objects.filter(locale=en, slug__in=slugs))

    def people(names):
        return list(PractitionerPage.objects.filter(locale=en, title__in=names))

    home = HomePage.objects.get(locale=en, depth=2)
    indexes = {}
    factories = {
        "practices": PracticeIndexPageFactory,
        "projects": ProjectIndexPageFactory,
        "events": EventIndexPageFactory,
        "library": LibraryPageFactory,
    }
    for slug, (title, intro) in data.INDEXES.items():
        page, changed = upsert_page(home, factories[slug], slug, title=title, intro=intro, show_in_menus=True)
        indexes[slug] = page
        counts.add("pages changed", changed)
        counts.add("translations updated", translate(page, with_slug(memory, slug), locales))

    publications = {}
    for title, kind, language, year, authors, summary, _project in data.PUBLICATIONS:
        publication, changed = upsert(
            PublicationFactory,
            {"title": title},
            kind=kind,
            language=language,
            year=year,
            authors=authors,
            summary=summary,
        )
        publications[title] = publication
        counts.add("publications changed", changed)

    projects = {}
    for slug, spec in data.PROJECTS.items():
        page, changed = upsert_page(
            indexes["projects"],
            ProjectPageFactory,
            slug,
            title=spec["title"],
            intro=spec["intro"],
            start_date=_date(spec["start"]),
            end_date=_date(spec["end"]),
            total_cost=Decimal(spec["cost"]) if spec["cost"] else None,
            currency=spec["currency"],
            cost_note=spec["cost_note"],
            fundings=[
                ProjectFunding(funder=funder, share=Decimal(share) if share else None)
                for funder, share in spec["fundings"]
            ],
            lead_partner=Organisation.objects.get(locale=en, slug=spec["lead"]),
            partners=by_slug(Organisation, spec["partners"]),
            countries=list(Country.objects.filter(locale=en, code__in=spec["countries"])),
            themes=by_slug(Theme, spec["themes"]),
            contact_persons=people(spec["contacts"]),
            authors=people(spec["authors"]),
            aims=_rich(spec["aims"]),
            activities=_rich(spec["activities"]),
            results=_rich(spec["results"]),
            publications=[publications[t] for t, *_rest, project in data.PUBLICATIONS if project == slug],
        )
        projects[slug] = page
        counts.add("pages changed", changed)
        counts.add("translations updated", translate(page, with_slug(memory, slug), locales))

    for slug, spec in data.PRACTICES.items():
        page, changed = upsert_page(
            indexes["practices"],
            PracticePageFactory,
            slug,
            title=spec["title"],
            intro=spec["summary"],
            country=Country.objects.get(locale=en, code=spec["country"]),
            city=City.objects.get(locale=en, slug=spec["city"]) if spec["city"] else None,
            start_date=_date(spec["start"]),
            end_date=_date(spec["end"]),
            status=spec["status"],
            themes=by_slug(Theme, spec["themes"]),
            target_groups=by_slug(TargetGroup, spec["groups"]),
            goals=_rich(spec["goals"]),
            activities=_rich(spec["activities"]),
            results=_rich(spec["results"]),
            evaluation=_rich(spec["evaluation"]),
            lessons=_rich(spec["lessons"]),
            transfer=_rich(spec["transfer"]),
            cost=Decimal(spec["cost"]) if spec["cost"] else None,
            currency=spec["currency"],
            funding=spec["funding"],
            project=projects.get(spec["project"]),
            organisations=by_slug(Organisation, spec["organisations"]),
            contacts=people(spec["contacts"]),
            twinnings=by_slug(TwinningPage, spec["twinnings"]),
            adoptions=[
                PracticeAdoption(city=City.objects.get(locale=en, slug=city), year=year, changes=changes)
                for city, year, changes in spec["adoptions"]
            ],
        )
        counts.add("pages changed", changed)
        counts.add("translations updated", translate(page, with_slug(memory, slug), locales))

    for slug, spec in data.EVENTS.items():
        minutes_title = data.MINUTES.get(slug)
        page, changed = upsert_page(
            indexes["events"],
            EventPageFactory,
            slug,
            title=spec["title"],
            intro=spec["intro"],
            kind=spec["kind"],
            start=_when(spec["start"]),
            end=_when(spec["end"]),
            online=spec["online"],
            location=spec["location"],
            city=City.objects.get(locale=en, slug=spec["city"]) if spec["city"] else None,
            country=Country.objects.get(locale=en, code=spec["country"]) if spec["country"] else None,
            organiser=Organisation.objects.get(locale=en, slug=spec["organiser"]),
            project=projects.get(spec["project"]),
            themes=by_slug(Theme, spec["themes"]),
            people=people(spec["people"]),
            participation=[
                EventParticipation(stakeholder=kind, count=n) for kind, n in spec["participation"]
            ],
            agenda=_rich(spec["agenda"]),
            agreements=_rich(spec["agreements"]),
            follow_ups=_rich(spec["follow_ups"]),
            minutes=publications[minutes_title] if minutes_title else None,
        )
        counts.add("pages changed", changed)
        counts.add("translations updated", translate(page, with_slug(memory, slug), locales))
    return counts
