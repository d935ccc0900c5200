"""The listings one can follow, filtered with the listings' own facets (``home.facets``).

A follow stores the chosen values that the listing knows; unknown values are dropped (and
the person told). Matching new items reuses ``home.facets.apply_facets`` on a request made
from the stored filters, so a follow means what the listing's own filters mean.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _

from home.facets import Facet, apply_facets, clean_values


def _practice_facets() -> list[Facet]:
    from network.models import Country, TargetGroup, Theme
    from practices.listings import _choices, _terms
    from practices.models import PracticeStatus

    return [
        Facet("country", _("Country"), "country__code", _terms(Country)),
        Facet("theme", _("Theme"), "themes__slug", _terms(Theme)),
        Facet("group", _("Target group"), "target_groups__slug", _terms(TargetGroup)),
        Facet("status", _("Status"), "status", _choices(PracticeStatus.choices)),
    ]


def _project_facets() -> list[Facet]:
    from network.models import Country, Theme
    from practices.listings import _terms

    return [
        Facet("country", _("Country"), "countries__code", _terms(Country)),
        Facet("theme", _("Theme"), "themes__slug", _terms(Theme)),
    ]


def _event_facets() -> list[Facet]:
    from network.models import Country, Theme
    from practices.listings import _choices, _terms
    from practices.models import EventKind

    return [
        Facet("kind", _("Kind"), "kind", _choices(EventKind.choices)),
        Facet("country", _("Country"), "country__code", _terms(Country)),
        Facet("theme", _("Theme"), "themes__slug", _terms(Theme)),
    ]


def _directory_facets() -> list[Facet]:
    from network.directory import practitioner_facets

    return practitioner_facets()


def _model(name: str):
    def get():
        from network.models import PractitionerPage
        from practices.models import EventPage, PracticePage, ProjectPage

        return {
            "practices": PracticePage,
            "projects": ProjectPage,
            "events": EventPage,
            "directory": PractitionerPage,
        }[name]

    return get


@dataclass(frozen=True)
class Listing:
    name: str
    label: object
    model: Callable
    facets: Callable[[], list[Facet]]


LISTINGS: dict[str, Listing] = {
    "practices": Listing("practices", _("Practices"), _model("practices"), _practice_facets),
    "projects": Listing("projects", _("Projects"), _model("projects"), _project_facets),
    "events": Listing("events", _("Events"), _model("events"), _event_facets),
    "directory": Listing("directory", _("Practitioners"), _model("directory"), _directory_facets),
}

# Which listing an index page is, by its model (for the button on listing pages).
INDEX_MODELS = {
    "practices.practiceindexpage": "practices",
    "practices.projectindexpage": "projects",
    "practices.eventindexpage": "events",
    "network.networkindexpage": "directory",
}


def _request(params: QueryDict) -> HttpRequest:
    request = HttpRequest()
    request.GET = params
    return request


def normalise(listing: Listing, params: QueryDict) -> tuple[dict[str, list[str]], list[str]]:
    """The known values per facet, sorted (so the same choice is one follow), and the values
    dropped as unknown."""
    request = _request(params)
    filters: dict[str, list[str]] = {}
    ignored: list[str] = []
    for facet in listing.facets():
        known = {str(value) for value, _label in facet.options_for(request)}
        chosen = clean_values(params, facet.param)
        kept = sorted(value for value in chosen if value in known)
        ignored += [value for value in chosen if value not in known]
        if kept:
            filters[facet.param] = kept
    return filters, ignored


def as_querydict(filters: dict[str, list[str]]) -> QueryDict:
    params = QueryDict(mutable=True)
    for name, values in filters.items():
        params.setlist(name, [str(value) for value in values])
    return params


def matching(listing: Listing, filters: dict[str, list[str]]) -> QuerySet:
    """Every live, public item of the listing (all languages) that the filters choose."""
    base = listing.model().objects.live().public()
    results, _ignored = apply_facets(base, listing.facets(), _request(as_querydict(filters)), counts=False)
    return results


def describe(listing: Listing, filters: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """(facet label, chosen option labels) in the active language, for the account page."""
    request = _request(as_querydict(filters))
    described = []
    for facet in listing.facets():
        values = filters.get(facet.param)
        if not values:
            continue
        labels = {str(value): str(label) for value, label in facet.options_for(request)}
        described.append((str(facet.label), [labels.get(value, value) for value in values]))
    return described
