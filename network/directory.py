"""Filtering the directory by facets, with counts, from a shareable query string.

Within one facet the chosen values are alternatives (OR); facets combine (AND). Each
option's count is the number of results if it were added to the *other* facets'
choices, as in any faceted catalogue. Unknown values are ignored and reported, never
an error; parameters are bounded in number and length.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .localize import term_names
from .models import (
    City,
    Country,
    Organisation,
    OrganisationType,
    PractitionerPage,
    SpokenLanguage,
    TargetGroup,
    Theme,
    TwinningPage,
)

PER_PAGE = 20
MAX_VALUES_PER_FACET = 20
MAX_VALUE_LENGTH = 100
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


@dataclass
class Facet:
    param: str
    label: str
    lookup: str  # the ORM path the values are matched against
    options_for: Callable[[HttpRequest], Iterable[tuple[str, str]]]
    options: list[Option] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)

    @property
    def visible_options(self) -> list[Option]:
        return [option for option in self.options if option.count or option.selected]


def clean_values(params: QueryDict, name: str) -> list[str]:
    values = []
    for raw in params.getlist(name)[:MAX_VALUES_PER_FACET]:
        value = _UNSAFE.sub("", raw).strip()[:MAX_VALUE_LENGTH]
        if value and value not in values:
            values.append(value)
    return values


def _locale_rows(model, request) -> list[tuple[str, str]]:
    return sorted(term_names(model, request).items(), key=lambda item: item[1].casefold())


def _cities(request) -> list[tuple[str, str]]:
    active = Locale.get_active()
    return [(slug, name) for slug, name in City.objects.filter(locale=active).values_list("slug", "name")]


def _languages(request) -> list[tuple[str, str]]:
    return sorted(
        ((language.code, language.display_name) for language in SpokenLanguage.objects.all()),
        key=lambda item: item[1].casefold(),
    )


def practitioner_facets() -> list[Facet]:
    return [
        Facet("country", _("Country"), "city__country__code", lambda r: _locale_rows(Country, r)),
        Facet("city", _("City or municipality"), "city__slug", _cities),
        Facet(
            "type",
            _("Type of organisation"),
            "organisation__org_type",
            lambda r: [(value, str(label)) for value, label in OrganisationType.choices],
        ),
        Facet("theme", _("Area of expertise"), "themes__slug", lambda r: _locale_rows(Theme, r)),
        Facet("group", _("Target group"), "target_groups__slug", lambda r: _locale_rows(TargetGroup, r)),
        Facet("lang", _("Language spoken"), "languages__code", _languages),
        Facet(
            "open", _("Availability"), "open_to_exchange", lambda r: [("1", str(_("Open to peer exchange")))]
        ),
    ]


def organisation_facets() -> list[Facet]:
    return [
        Facet("country", _("Country"), "country__code", lambda r: _locale_rows(Country, r)),
        Facet(
            "type",
            _("Type of organisation"),
            "org_type",
            lambda r: [(value, str(label)) for value, label in OrganisationType.choices],
        ),
        Facet("city", _("City or municipality"), "city__slug", _cities),
    ]


def _condition(facet: Facet) -> Q:
    if facet.lookup == "open_to_exchange":
        return Q(open_to_exchange=True)
    return Q(**{f"{facet.lookup}__in": facet.selected})


def apply_facets(base: QuerySet, facets: list[Facet], request: HttpRequest) -> tuple[QuerySet, list[str]]:
    """Filter ``base`` by the chosen values and fill in every facet's options and counts."""
    ignored: list[str] = []
    for facet in facets:
        known = dict(facet.options_for(request))
        chosen = clean_values(request.GET, facet.param)
        facet.selected = [value for value in chosen if value in known]
        ignored += [value for value in chosen if value not in known]
        facet.options = [
            Option(value, label, selected=value in facet.selected) for value, label in known.items()
        ]

    def filtered(skip: Facet | None = None) -> QuerySet:
        queryset = base
        for facet in facets:
            if facet is not skip and facet.selected:
                queryset = queryset.filter(_condition(facet))
        return queryset

    for facet in facets:
        if facet.lookup == "open_to_exchange":
            counts = {"1": filtered(facet).filter(open_to_exchange=True).values("pk").distinct().count()}
        else:
            rows = (
                filtered(facet)
                .order_by()
                .values(facet.lookup)
                .annotate(n=Count("pk", distinct=True))
                .values_list(facet.lookup, "n")
            )
            counts = {str(value): n for value, n in rows if value is not None}
        for option in facet.options:
            option.count = counts.get(option.value, 0)

    return filtered().distinct(), ignored


def _querystring(facets: list[Facet], **extra) -> str:
    pairs = [(facet.param, value) for facet in facets for value in facet.selected]
    pairs += [(key, value) for key, value in extra.items() if value]
    return urlencode(pairs)


def _paginate(request: HttpRequest, queryset: QuerySet, facets: list[Facet]) -> dict:
    paginator = Paginator(queryset, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = _querystring(facets)
    return {
        "results": page_obj,
        "paginator": paginator,
        "filter_query": query,
        "page_query_prefix": f"?{query}&page=" if query else "?page=",
    }


def _active_filters(facets: list[Facet]) -> list[dict]:
    """Each chosen value with a link that removes it, for people who filtered too far."""
    active = []
    for facet in facets:
        for option in facet.options:
            if option.selected:
                remaining = [
                    (f.param, v) for f in facets for v in f.selected if not (f is facet and v == option.value)
                ]
                active.append(
                    {"facet": facet.label, "label": option.label, "remove_query": "?" + urlencode(remaining)}
                )
    return active


def practitioner_directory(index_page, request: HttpRequest) -> dict:
    facets = practitioner_facets()
    base = (
        PractitionerPage.objects.live()
        .public()
        .child_of(index_page)
        .select_related("city__country", "organisation", "photo")
        .prefetch_related("themes")
    )
    results, ignored = apply_facets(base, facets, request)
    results = results.order_by("title")
    return {
        "facets": facets,
        "ignored_filters": ignored,
        "active_filters": _active_filters(facets),
        "twinnings": TwinningPage.objects.live().public().child_of(index_page).order_by("title"),
        "organisation_count": Organisation.objects.filter(locale=Locale.get_active()).count(),
        **_paginate(request, results, facets),
    }


def organisation_directory(index_page, request: HttpRequest) -> dict:
    facets = organisation_facets()
    base = Organisation.objects.filter(locale=Locale.get_active()).select_related("country", "city", "logo")
    results, ignored = apply_facets(base, facets, request)
    return {
        "facets": facets,
        "ignored_filters": ignored,
        "active_filters": _active_filters(facets),
        **_paginate(request, results.order_by("name"), facets),
    }


def organisation_detail(index_page, request: HttpRequest, slug: str) -> dict | None:
    organisation = (
        Organisation.objects.filter(locale=Locale.get_active(), slug=slug[:MAX_VALUE_LENGTH])
        .select_related("country", "city", "logo")
        .first()
    )
    if organisation is None:
        return None
    people = (
        PractitionerPage.objects.live()
        .public()
        .child_of(index_page)
        .filter(organisation__slug=organisation.slug)
        .select_related("city__country")
        .order_by("title")
    )
    return {"organisation": organisation, "people": people}


def peers_of(page: PractitionerPage, limit: int) -> QuerySet:
    """Practitioners in other countries who share themes or target groups, best matches first."""
    theme_ids = [theme.pk for theme in page.themes.all()]
    group_ids = [group.pk for group in page.target_groups.all()]
    if not theme_ids and not group_ids:
        return PractitionerPage.objects.none()
    return (
        PractitionerPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .exclude(translation_key=page.translation_key)
        .exclude(city__country__code=page.city.country.code)
        .annotate(
            shared_themes=Count("themes", filter=Q(themes__in=theme_ids), distinct=True),
            shared_groups=Count("target_groups", filter=Q(target_groups__in=group_ids), distinct=True),
        )
        .annotate(score=F("shared_themes") + F("shared_groups"))
        .filter(score__gt=0)
        .select_related("city__country", "organisation")
        .order_by("-score", "-open_to_exchange", "title")[:limit]
    )
