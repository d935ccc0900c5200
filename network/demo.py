"""Builds the directory's demo content from ``demo_data`` in all five languages."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.text import slugify

from home.models import HomePage
from home.seeding import Counts, Memory, ensure_locales, translate, upsert, upsert_page

from . import demo_data as data
from .factories import (
    CityFactory,
    CountryFactory,
    NetworkIndexPageFactory,
    OrganisationFactory,
    PractitionerContactFactory,
    PractitionerPageFactory,
    SpokenLanguageFactory,
    TargetGroupFactory,
    ThemeFactory,
    TwinningPageFactory,
)
from .models import PractitionerPage, Visibility

LANGS = ["lv", "lt", "et", "ru"]
CONSENT_AT = datetime.datetime(2026, 1, 15, 9, 0, tzinfo=datetime.UTC)


def _five(values) -> tuple[str, dict[str, str]]:
    """(en, lv, lt, et, ru) -> (English, {language: translation})."""
    return values[0], dict(zip(LANGS, values[1:], strict=True))


def _city_in(slug: str) -> dict[str, str]:
    _country, english, *translations = data.CITIES[slug]
    return {"en": f"in {english}", **{lang: pair[1] for lang, pair in zip(LANGS, translations, strict=True)}}


def _person_texts(person: tuple) -> tuple[dict[str, str], dict[str, str]]:
    """Role and biography of one person in each language, with the right grammatical gender."""
    _name, gender, city, _org, role, themes, _groups, _langs, open_, partners, _vis, _date = person
    index = 0 if gender == "m" else 1
    city_in = _city_in(city)
    roles, bios = {}, {}
    for position, lang in enumerate(["en", *LANGS]):
        display_m, display_f, sentence_m, sentence_f = data.ROLES[role][lang]
        roles[lang] = (display_m, display_f)[index]
        sentence = (sentence_m, sentence_f)[index].replace("{city}", city_in[lang])
        parts = [sentence, data.FOCUS[themes[0]][position]]
        if open_:
            parts.append(data.OPEN_SENTENCE[position])
        if partners:
            parts.append(data.PARTNERS_SENTENCE[position])
        bios[lang] = " ".join(parts)
    return roles, bios


def build() -> dict[str, int]:
    locales = ensure_locales()
    en = locales["en"]
    counts = Counts()

    countries = {}
    for code, (region, *names) in data.COUNTRIES.items():
        english, memory = _five(names)
        country, changed = upsert(CountryFactory, {"code": code, "locale": en}, name=english, region=region)
        countries[code] = country
        counts.add("taxonomy items changed", changed)
        counts.add("translations updated", translate(country, {english: memory}, locales))

    cities = {}
    for slug, (code, english, *pairs) in data.CITIES.items():
        city, changed = upsert(
            CityFactory,
            {"slug": slug, "locale": en},
            name=english,
            name_in=f"{english}",
            country=countries[code],
            # Decimal, as the database gives it back: a second run then sees no change.
            latitude=Decimal(f"{data.CITY_COORDINATES[slug][0]:.5f}"),
            longitude=Decimal(f"{data.CITY_COORDINATES[slug][1]:.5f}"),
        )
        cities[slug] = city
        memory: Memory = {
            ("name", english): {lang: pair[0] for lang, pair in zip(LANGS, pairs, strict=True)},
            ("name_in", english): {lang: pair[1] for lang, pair in zip(LANGS, pairs, strict=True)},
        }
        counts.add("taxonomy items changed", changed)
        # ``force`` when the city changed: its place on the map is synchronised, not a string.
        counts.add("translations updated", translate(city, memory, locales, force=changed))

    terms = {}
    for factory, table in ((ThemeFactory, data.THEMES), (TargetGroupFactory, data.TARGET_GROUPS)):
        for slug, names in table.items():
            english, memory = _five(names)
            term, changed = upsert(factory, {"slug": slug, "locale": en}, name=english)
            terms[(factory, slug)] = term
            counts.add("taxonomy items changed", changed)
            counts.add("translations updated", translate(term, {english: memory}, locales))

    languages = {
        code: SpokenLanguageFactory(code=code, name=name) for code, name in data.SPOKEN_LANGUAGES.items()
    }

    organisations = {}
    for slug, (org_type, code, city, website, names) in data.ORGANISATIONS.items():
        english, memory = _five(names)
        description, description_memory = _five(data.TYPE_DESCRIPTIONS[org_type])
        organisation, changed = upsert(
            OrganisationFactory,
            {"slug": slug, "locale": en},
            name=english,
            org_type=org_type,
            country=countries[code],
            city=cities[city],
            website=website,
            description=description,
        )
        organisations[slug] = organisation
        counts.add("organisations changed", changed)
        counts.add(
            "translations updated",
            translate(organisation, {english: memory, description: description_memory}, locales),
        )

    home = HomePage.objects.get(locale=en, depth=2)
    title, title_memory = _five(data.NETWORK_PAGE["title"])
    intro, intro_memory = _five(data.NETWORK_PAGE["intro"])
    index, changed = upsert_page(
        home, NetworkIndexPageFactory, "network", title=title, intro=intro, show_in_menus=True
    )
    counts.add("pages changed", changed)
    network_memory: Memory = {
        title: title_memory,
        intro: intro_memory,
        "network": dict.fromkeys(LANGS, "network"),
    }
    counts.add("translations updated", translate(index, network_memory, locales))

    people = {}
    for person in data.PEOPLE:
        name, _gender, city, org, _role, themes, groups, spoken, open_, partners, visibility, confirmed = (
            person
        )
        roles, bios = _person_texts(person)
        slug = slugify(name.replace("ð", "d").replace("ø", "o"))
        page, changed = upsert_page(
            index,
            PractitionerPageFactory,
            slug,
            title=name,
            role=roles["en"],
            bio=bios["en"],
            city=cities[city],
            organisation=organisations[org],
            themes=[terms[(ThemeFactory, theme)] for theme in themes],
            target_groups=[terms[(TargetGroupFactory, group)] for group in groups],
            languages=[languages[code] for code in spoken],
            open_to_exchange=open_,
            looking_for_partners=partners,
            last_confirmed=datetime.date.fromisoformat(confirmed),
        )
        people[name] = page
        counts.add("pages changed", changed)
        _contact(page, slug, visibility, counts)
        memory: Memory = {
            name: dict.fromkeys(LANGS, name),
            slug: dict.fromkeys(LANGS, slug),
            roles["en"]: {lang: roles[lang] for lang in LANGS},
            bios["en"]: {lang: bios[lang] for lang in LANGS},
        }
        counts.add("translations updated", translate(page, memory, locales))

    for slug, (city_slugs, since, org_slugs, names, texts) in data.TWINNINGS.items():
        title, title_memory = _five(texts["title"])
        intro, intro_memory = _five(texts["intro"])
        body, body_memory = _five(texts["body"])
        page, changed = upsert_page(
            index,
            TwinningPageFactory,
            slug,
            title=title,
            intro=intro,
            body=[{"type": "text", "value": f"<p>{body}</p>"}],
            since=since,
            cities=[cities[city] for city in city_slugs],
            organisations=[organisations[org] for org in org_slugs],
            people=[people[name] for name in names],
        )
        counts.add("pages changed", changed)
        memory = {
            title: title_memory,
            intro: intro_memory,
            body: body_memory,
            slug: dict.fromkeys(LANGS, slug),
        }
        counts.add("translations updated", translate(page, memory, locales))
    return dict(counts)


def _contact(page: PractitionerPage, slug: str, visibility: tuple[str, str], counts: Counts) -> None:
    email_visibility, phone_visibility = visibility
    number = PractitionerPage.objects.filter(pk__lt=page.pk, locale=page.locale).count()
    country = page.city.country.code if page.city_id else "LV"
    prefix = {
        "LV": "371",
        "LT": "370",
        "EE": "372",
        "DK": "45",
        "FI": "358",
        "IS": "354",
        "NO": "47",
        "SE": "46",
    }
    _contact_record, changed = upsert(
        PractitionerContactFactory,
        {"page": page},
        email=f"{slug}@example.org",
        email_visibility=Visibility(email_visibility),
        # Numbers in the ranges set aside for drama and documentation where countries have them.
        phone=f"+{prefix.get(country, '371')} 5550 {number:04d}",
        phone_visibility=Visibility(phone_visibility),
        consent_at=CONSENT_AT,
        consent_version="2026-11",
    )
    counts.add("contacts changed", changed)
