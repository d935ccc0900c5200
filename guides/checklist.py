"""The tailored checklist: the steps of a guide that apply to one legal status in one town.

The choice lives in the query string (``?status=refugee&city=valka``) so a checklist
can be shared, bookmarked and printed, and works without JavaScript. Values are slugs,
the same in every language. Unknown values are named back to the reader, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.facets import clean_values
from home.models import as_links
from nbnet.page_cache import TREE, fragment, kind_tag
from network.models import City

from .models import GuidePage, GuideStep, HelpPoint, LegalStatus

MAX_HELP_POINTS = 3
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


@dataclass
class Choice:
    status: str = ""
    city: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def query(self) -> str:
        params = QueryDict(mutable=True)
        if self.status:
            params["status"] = self.status
        if self.city:
            params["city"] = self.city
        return params.urlencode()


@dataclass
class ChecklistStep:
    step: GuideStep
    number: int
    statuses: list[str]
    help_points: list[HelpPoint]
    local: bool  # from the municipality's guide


def statuses_in(locale: Locale) -> list[tuple[str, str]]:
    """(slug, name) of every legal status, named in ``locale`` where translated (built once
    per content change: every checklist asks twice)."""
    return fragment(
        f"legal-statuses:{locale.pk}", lambda: _statuses_in(locale), depends=(kind_tag(LegalStatus),)
    )


def _statuses_in(locale: Locale) -> list[tuple[str, str]]:
    names: dict[str, tuple[int, str]] = {}
    default = Locale.get_default()
    rows = LegalStatus.objects.filter(locale__in=[default, locale]).values_list(
        "slug", "name", "sort_order", "locale_id"
    )
    for slug, name, order, _locale in sorted(rows, key=lambda row: row[3] == locale.pk):
        names[slug] = (order, name)
    return [(slug, name) for slug, (order, name) in sorted(names.items(), key=lambda item: item[1])]


def cities_in(country_codes: list[str], locale: Locale) -> dict[str, list[tuple[str, str]]]:
    """{country code: [(city slug, name)]} in ``locale`` (falling back to the default language)."""
    codes = sorted(country_codes)
    return fragment(
        f"guide-cities:{locale.pk}:{','.join(codes)}",
        lambda: _cities_in(codes, locale),
        depends=(kind_tag(City),),
    )


def _cities_in(country_codes: list[str], locale: Locale) -> dict[str, list[tuple[str, str]]]:
    default = Locale.get_default()
    found: dict[str, dict[str, str]] = {}
    rows = City.objects.filter(locale__in=[default, locale], country__code__in=country_codes).values_list(
        "country__code", "slug", "name", "locale_id"
    )
    for code, slug, name, _locale in sorted(rows, key=lambda row: row[3] == locale.pk):
        found.setdefault(code, {})[slug] = name
    return {
        code: sorted(cities.items(), key=lambda item: item[1].casefold()) for code, cities in found.items()
    }


def parse_choice(params: QueryDict, status_names: dict[str, str], city_names: dict[str, str]) -> Choice:
    """Read ``status`` and ``city``; an unknown value is dropped with a message saying so.

    The message repeats the value only when it looks like one (a slug), so a link cannot
    put a sentence of its own into the page.
    """
    choice = Choice()
    named = {
        "status": _("We do not know the status “%(value)s”. Please choose one from the list."),
        "city": _("We have no guide for the town “%(value)s”. Please choose one from the list."),
    }
    unnamed = {
        "status": _("We do not know that status. Please choose one from the list."),
        "city": _("We have no guide for that town. Please choose one from the list."),
    }
    for name, known in (("status", status_names), ("city", city_names)):
        value = (clean_values(params, name) or [""])[0]
        if value in known:
            setattr(choice, name, value)
        elif value:
            slug_like = _SLUG.fullmatch(value) is not None
            choice.errors.append(named[name] % {"value": value} if slug_like else unnamed[name])
    return choice


def country_guide(guide: GuidePage) -> GuidePage:
    if not guide.city_id:
        return guide
    parent = guide.get_parent().specific
    return parent if isinstance(parent, GuidePage) else guide  # misplaced: it stands alone


def municipal_guide(guide: GuidePage, city: str) -> GuidePage | None:
    """The live guide of ``city`` under the country guide, in the same language."""
    if not city:
        return None
    # Asked twice per checklist (where it lives, and its steps): once per guide object.
    memo = guide.__dict__.setdefault("_municipal_guides", {})
    if city not in memo:
        base = country_guide(guide)

        def find() -> list[GuidePage | None]:
            # Only linked to and asked for its steps (by id): see home.models.as_links.
            pages = as_links(GuidePage.objects.live().public().child_of(base).filter(city__slug=city))
            return [pages.first()]  # in a list: "no guide for this town" is remembered too

        memo[city] = fragment(f"municipal-guide:{base.pk}:{city}", find, depends=(TREE, kind_tag(GuidePage)))[
            0
        ]
    return memo[city]


def _steps(guide: GuidePage):
    return guide.steps.prefetch_related(
        Prefetch("statuses", queryset=LegalStatus.objects.only("slug")),
        Prefetch("help_points", queryset=HelpPoint.objects.only("translation_key")),
    )


def _replaces(local: tuple, country: tuple, status: str) -> bool:
    """A town's step replaces a country's step on the same topic for the same people.

    With a status chosen, both apply to it. Without one (the whole guide), the town's
    step must apply to everyone the country's step does, or someone would lose a step.
    No status listed means everyone.
    """
    (local_step, local_slugs, _), (country_step, country_slugs, _) = local, country
    if local_step.topic != country_step.topic:
        return False
    if status or not local_slugs:
        return True
    return bool(country_slugs) and set(country_slugs) <= set(local_slugs)


def build(guide: GuidePage, choice: Choice, locale: Locale) -> list[ChecklistStep]:
    """The steps that apply, in order: the country's, where the town's guide has a step on
    the same topic for the same people it takes that step's place; its other steps follow."""
    base = country_guide(guide)
    local_guide = guide if guide.city_id else municipal_guide(guide, choice.city)

    def applying(steps) -> list[tuple[GuideStep, list[str]]]:
        found = []
        for step in steps:
            slugs = [status.slug for status in step.statuses.all()]
            if not choice.status or not slugs or choice.status in slugs:
                found.append((step, slugs))
        return found

    # (step, its statuses, from the town's guide)
    steps = [(step, slugs, False) for step, slugs in applying(_steps(base))]
    if local_guide is not None:
        local_steps = [(step, slugs, True) for step, slugs in applying(_steps(local_guide))]
        merged, used = [], set()
        for item in steps:
            replacements = [local for local in local_steps if _replaces(local, item, choice.status)]
            if not replacements:
                merged.append(item)
            for local in replacements:
                if local[0].pk not in used:
                    merged.append(local)
                    used.add(local[0].pk)
        merged += [local for local in local_steps if local[0].pk not in used]
        steps = merged

    status_names = dict(statuses_in(locale))
    points = _localized_help_points(
        {point.translation_key for step, _slugs, _local in steps for point in step.help_points.all()}, locale
    )
    city = choice.city or (guide.city.slug if guide.city_id else "")
    result = []
    for number, (step, slugs, local) in enumerate(steps, start=1):
        helpers = [
            points[point.translation_key]
            for point in step.help_points.all()
            if point.translation_key in points
        ]
        # Nearest first: help points in the chosen town, then the others (by town and name).
        helpers.sort(key=lambda point: point.city.slug != city if city else False)
        result.append(
            ChecklistStep(
                step=step,
                number=number,
                statuses=[status_names.get(slug, slug) for slug in slugs],
                help_points=helpers[:MAX_HELP_POINTS],
                local=local,
            )
        )
    return result


def _localized_help_points(keys: set, locale: Locale) -> dict:
    if not keys:
        return {}
    default = Locale.get_default()
    found = {}
    rows = (
        HelpPoint.objects.filter(translation_key__in=keys, locale__in=[default, locale])
        .select_related("organisation", "city")
        # Of the organisation and the town, what a help point shows (the organisation's
        # description is long, and the point has its own address).
        .defer(*(f"organisation__{name}" for name in ("description", "logo", "translation_key", "city")))
        .prefetch_related("languages")
    )
    for point in sorted(rows, key=lambda point: point.locale_id == locale.pk):
        found[point.translation_key] = point
    return found
