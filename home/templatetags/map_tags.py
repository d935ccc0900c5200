"""The maps of the directory, twin cities, practices and help points (``home.maps``), and the
"network in numbers" figures (``home.figures``), as template tags."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from home import maps
from nbnet.page_cache import for_page
from network.localize import term_names

register = template.Library()


def _counts(numbers: dict[str, int], *shown: str) -> list[str]:
    texts = {  # the listings' own wording where they have it
        "people": lambda n: ngettext("%(counter)s practitioner", "%(counter)s practitioners", n),
        "practices": lambda n: ngettext("%(counter)s practice", "%(counter)s practices", n),
        "help": lambda n: ngettext("%(counter)s help point", "%(counter)s help points", n),
    }
    return [texts[name](numbers[name]) % {"counter": numbers[name]} for name in shown if numbers.get(name)]


def _point(
    slug: str, request, url: str = "", counts=(), current: bool = False, label: str | None = None
) -> maps.Point | None:
    from network.models import City, Country

    place = maps.places().get(slug)
    if place is None:
        return None
    lat, lon, code = place
    countries = term_names(Country, request)
    return maps.Point(
        key=slug,
        label=label if label is not None else term_names(City, request).get(slug, slug),
        country=code,
        country_name=countries.get(code, code),
        lat=lat,
        lon=lon,
        url=url,
        counts=list(counts),
        current=current,
    )


@register.simple_tag(takes_context=True)
def directory_map(context: template.Context) -> SafeString | str:
    """The directory's people by city, for the filters chosen: a point per city in the results
    (from the city filter's counts, which are the results' when no city is chosen), and the
    twin-city pairs whose two cities are both on it. A point narrows the results to its city."""
    request = context.get("request")
    facets = context.get("facets") or []
    by_param = {facet.param: facet for facet in facets}
    city_facet = by_param.get("city")
    if city_facet is None:
        return ""
    # Other filters kept, the city replaced: the point's link gives its people.
    kept = [(facet.param, value) for facet in facets if facet.param != "city" for value in facet.selected]
    points = []
    for option in city_facet.options:
        if not option.count or (city_facet.selected and not option.selected):
            continue
        url = "?" + urlencode([*kept, ("city", option.value)])
        counts = _counts({"people": option.count}, "people")
        point = _point(option.value, request, url, counts, option.selected, label=option.label)
        if point is not None:
            points.append(point)
    if not points:
        return ""
    lines = [
        maps.Line(first, other)
        for _title, slugs in maps.twin_pairs(Locale.get_active().pk)
        for i, first in enumerate(slugs)
        for other in slugs[i + 1 :]
    ]
    title = _("Where the practitioners listed work")
    return maps.render(
        "directory",
        {"dom_id": "directory-map", "title": title, "points": points, "lines": lines, "zoom": True},
    )


@register.simple_tag(takes_context=True)
def twinning_map(context: template.Context, cities, directory=None) -> SafeString | str:
    """A twin-city page: its cities on both sides of the border, joined, close up; each leads to
    the directory's people there."""
    request = context.get("request")
    base = directory.url if directory is not None else maps.section_url("network.NetworkIndexPage")
    counts = maps.city_counts(Locale.get_active().pk)
    points = []
    for city in cities:
        numbers = counts.get(city.slug, {})
        url = f"{base}?{urlencode({'city': city.slug})}" if base else ""
        point = _point(city.slug, request, url, _counts(numbers, "people", "practices", "help"))
        if point is not None:
            points.append(point)
    if len(points) < 2:
        return ""
    slugs = [point.key for point in points]
    lines = [maps.Line(first, other) for i, first in enumerate(slugs) for other in slugs[i + 1 :]]
    return maps.render(
        "twinning",
        {
            "dom_id": "twinning-map",
            "title": _("The twin cities on the map"),
            "points": points,
            "lines": lines,
            "zoom": True,
        },
    )


@register.simple_tag(takes_context=True)
def practice_map(context: template.Context, page, adoptions=(), organisations=()) -> SafeString | str:
    """A good practice: where it started and the cities that took it over, joined; when nobody
    has adopted it yet, the towns of its partner organisations."""
    request = context.get("request")
    base = maps.section_url("network.NetworkIndexPage")

    def link(slug: str) -> str:
        return f"{base}?{urlencode({'city': slug})}" if base else ""

    points: dict[str, maps.Point] = {}
    origin = page.city.slug if page.city_id else None
    if origin:
        point = _point(origin, request, link(origin), [_("where it started")], current=True)
        if point is not None:
            points[origin] = point
    kind = "adoption"
    for adoption in adoptions:
        slug = adoption.city.slug
        if slug in points:
            continue
        said = _("adopted in %(year)s") % {"year": adoption.year} if adoption.year else _("adopted it")
        point = _point(slug, request, link(slug), [said])
        if point is not None:
            points[slug] = point
    if not adoptions:
        kind = "partner"
        towns = for_page(request, f"map-partner-towns:{page.pk}", lambda: _organisation_towns(organisations))
        for slug in towns:
            if slug not in points:
                point = _point(slug, request, link(slug), [_("partner organisation")])
                if point is not None:
                    points[slug] = point
    if len(points) < 2:
        return ""
    lines = [maps.Line(origin, slug, kind) for slug in points if origin and slug != origin]
    title = (
        _("Where it started and who took it over")
        if kind == "adoption"
        else _("Where it started and its partners")
    )
    return maps.render(
        ("practice", page.pk),
        {
            "dom_id": "practice-map",
            "title": title,
            "points": list(points.values()),
            "lines": lines,
            "zoom": True,
        },
    )


def _organisation_towns(organisations) -> list[str]:
    """The towns of the practice's partner organisations, in one query (the listed
    organisations come without their city)."""
    from network.models import Organisation

    keys = [organisation.pk for organisation in organisations]
    if not keys:
        return []
    return list(
        Organisation.objects.filter(pk__in=keys, city__isnull=False)
        .order_by("city__slug")
        .values_list("city__slug", flat=True)
        .distinct()
    )


@register.simple_tag(takes_context=True)
def help_points_map(
    context: template.Context, chosen: str = "", country=None, status: str = ""
) -> SafeString | str:
    """Where the help points are: every town with some (in ``country`` only, for a country's
    checklist), the chosen town marked; a point leads to that town's help points or checklist."""
    request = context.get("request")
    counts = maps.city_counts(Locale.get_active().pk, kinds=("help",))
    code = getattr(country, "code", None)
    points = []
    for slug, numbers in sorted(counts.items()):
        if not numbers.get("help"):
            continue
        query = {"status": status, "city": slug} if status else {"city": slug}
        point = _point(
            slug, request, "?" + urlencode(query), _counts(numbers, "help"), current=slug == chosen
        )
        if point is not None and (code is None or point.country == code):
            points.append(point)
    if not points:
        return ""
    title = _("Help points on the map")
    return maps.render(
        ("help", code, chosen, status),
        {"dom_id": "help-map", "title": title, "points": points, "lines": [], "zoom": True},
    )
