"""Builds the guides' demo content from ``demo_data`` in every site language.

The guides, statuses and help points are translated into every language, Ukrainian included;
for a language the rest of the demo is not translated into (``NEWCOMER_ONLY_LANGUAGES``), the
countries, towns and organisations the guides name are translated here first, since a
translation of a help point or guide needs the translations of the records it points to.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from home.models import HomePage
from home.seeding import (
    NEWCOMER_ONLY_LANGUAGES,
    Counts,
    Memory,
    ensure_locales,
    target_languages,
    translate,
    upsert,
    upsert_page,
    with_slug,
)
from network import demo_data as directory_data
from network.models import City, Country, Organisation, SpokenLanguage

from . import demo_data as data
from .factories import GuideIndexPageFactory, GuidePageFactory, HelpPointFactory, LegalStatusFactory
from .models import GuideStep, Hotline

TRANSLATIONS = Path(__file__).with_name("demo_translations.json")


def _rich(text: str) -> str:
    return f"<p>{text}</p>" if text else ""


def _newcomer_directory(locales, counts: Counts) -> None:
    """Ukrainian names of the countries, towns and organisations the guides point to."""
    if "uk" not in NEWCOMER_ONLY_LANGUAGES or "uk" not in target_languages():
        return
    en = locales["en"]
    for code, name in data.UKRAINIAN_COUNTRIES.items():
        country = Country.objects.get(locale=en, code=code)
        counts.add(
            "translations updated",
            translate(country, {country.name: {"uk": name}}, locales, languages=["uk"]),
        )
    for slug, (name, name_in) in data.UKRAINIAN_CITIES.items():
        city = City.objects.get(locale=en, slug=slug)
        memory: Memory = {("name", city.name): {"uk": name}, ("name_in", city.name_in): {"uk": name_in}}
        # Its place on the map is synchronised, not a string: written again when it differs.
        target = city.get_translation_or_none(locales["uk"])
        stale = target is not None and (target.latitude, target.longitude) != (city.latitude, city.longitude)
        counts.add("translations updated", translate(city, memory, locales, languages=["uk"], force=stale))
    for slug, name in data.UKRAINIAN_ORGANISATIONS.items():
        organisation = Organisation.objects.get(locale=en, slug=slug)
        description = directory_data.TYPE_DESCRIPTIONS[organisation.org_type][0]
        memory = {
            organisation.name: {"uk": name},
            description: {"uk": data.UKRAINIAN_ORGANISATION_TYPES[organisation.org_type]},
        }
        counts.add("translations updated", translate(organisation, memory, locales, languages=["uk"]))


def build() -> dict[str, int]:
    locales = ensure_locales()
    en = locales["en"]
    memory = json.loads(TRANSLATIONS.read_text(encoding="utf-8"))
    counts = Counts()
    _newcomer_directory(locales, counts)
    everywhere = target_languages()

    statuses = {}
    for order, (slug, (name, description)) in enumerate(data.STATUSES.items()):
        status, changed = upsert(
            LegalStatusFactory,
            {"slug": slug, "locale": en},
            name=name,
            description=description,
            sort_order=order,
        )
        statuses[slug] = status
        counts.add("statuses changed", changed)
        counts.add("translations updated", translate(status, memory, locales, languages=everywhere))

    points = {}
    for key, spec in data.HELP_POINTS.items():
        organisation = Organisation.objects.get(locale=en, slug=spec["organisation"])
        point, changed = upsert(
            HelpPointFactory,
            {"organisation": organisation, "address": spec["address"], "locale": en},
            city=City.objects.get(locale=en, slug=spec["city"]),
            opening_hours=spec["hours"],
            phone=spec["phone"],
            website=spec["website"],
            helps_with=spec["helps"],
            last_verified=datetime.date.fromisoformat(spec["verified"]),
        )
        languages = list(SpokenLanguage.objects.filter(code__in=spec["languages"]))
        if {language.pk for language in point.languages.all()} != {language.pk for language in languages}:
            point.languages.set(languages)
            point.save()
            changed = True
        points[key] = point
        counts.add("help points changed", changed)
        counts.add("translations updated", translate(point, memory, locales, languages=everywhere))

    home = HomePage.objects.get(locale=en, depth=2)
    title, intro = data.INDEX
    index, changed = upsert_page(
        home, GuideIndexPageFactory, "guides", title=title, intro=intro, show_in_menus=True
    )
    counts.add("pages changed", changed)
    counts.add(
        "translations updated", translate(index, with_slug(memory, "guides"), locales, languages=everywhere)
    )

    def steps(specs):
        return [
            GuideStep(
                sort_order=number,  # Orderable rows made outside the admin carry no order of their own
                topic=spec["topic"],
                title=spec["title"],
                what=_rich(spec["what"]),
                where=spec["where"],
                documents="\n".join(spec["documents"]),
                duration=spec["duration"],
                cost=spec["cost"],
                rights=spec["rights"],
                statuses=[statuses[slug] for slug in spec["statuses"]],
                help_points=[points[key] for key in spec["help"]],
            )
            for number, spec in enumerate(specs)
        ]

    guides = {}
    for slug, spec in data.GUIDES.items():
        page, changed = upsert_page(
            index,
            GuidePageFactory,
            slug,
            title=spec["title"],
            intro=spec["intro"],
            easy_summary=spec["easy"],
            country=Country.objects.get(locale=en, code=spec["country"]),
            last_verified=datetime.date.fromisoformat(spec["verified"]),
            illustrative=True,
            steps=steps(spec["steps"]),
            hotlines=[
                Hotline(sort_order=position, label=label, number=number, note=note)
                for position, (label, number, note) in enumerate(spec["hotlines"])
            ],
        )
        guides[slug] = page
        counts.add("pages changed", changed)
        counts.add(
            "translations updated", translate(page, with_slug(memory, slug), locales, languages=everywhere)
        )

    for slug, spec in data.MUNICIPAL_GUIDES.items():
        city = City.objects.get(locale=en, slug=spec["city"])
        page, changed = upsert_page(
            guides[spec["parent"]],
            GuidePageFactory,
            slug,
            title=spec["title"],
            intro=spec["intro"],
            easy_summary=spec["easy"],
            country=city.country,
            city=city,
            last_verified=datetime.date.fromisoformat(spec["verified"]),
            illustrative=True,
            steps=steps(spec["steps"]),
        )
        counts.add("pages changed", changed)
        counts.add(
            "translations updated", translate(page, with_slug(memory, slug), locales, languages=everywhere)
        )
    return counts
