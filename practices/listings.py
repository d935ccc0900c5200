"""Filtered, paginated listings of the knowledge base (see ``home.facets``)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Max, Min, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from home import facet_index
from home.facets import Facet, apply_facets, faceted_listing
from home.models import as_links
from nbnet.page_cache import for_page
from network.localize import term_names
from network.models import Country, TargetGroup, Theme

from .models import (
    EventKind,
    EventPage,
    PracticePage,
    PracticeStatus,
    ProjectPage,
    Publication,
    PublicationKind,
)


def _terms(model):
    return lambda request: sorted(term_names(model, request).items(), key=lambda item: item[1].casefold())


def _years(queryset: QuerySet, field: str, name: str):
    """The years from the first to the last in ``field``, newest first, kept in the fragment
    cache as ``name``. The earliest and latest dates only: truncating 20k dates to their years
    (``.dates()``, a Python function per row on SQLite) cost 0.3 s after every change at 100k
    practices. A year between with nothing in it is counted 0, and hidden as such options are."""

    def years() -> list[int]:
        found = queryset.order_by().aggregate(first=Min(field), last=Max(field))
        if found["first"] is None:
            return []
        return list(range(found["last"].year, found["first"].year - 1, -1))

    def options(request):
        # Renewed with the listing's page (what it lists, nbnet.page_cache.for_page).
        return [(str(year), str(year)) for year in for_page(request, name, years)]

    return options


def _choices(choices):
    return lambda request: [(value, str(label)) for value, label in choices]


def _practices(index_page) -> QuerySet:
    # What a card of the listing shows, and no more (see home.models.as_links).
    return as_links(
        PracticePage.objects.live().public().child_of(index_page).select_related("country", "city"),
        *("intro", "start_date", "status", "city__name", "country__name"),
    )


def _practice_facets(index_page, base: QuerySet) -> list[Facet]:
    years_name = f"years:{index_page.pk}"
    return [
        Facet("country", _("Country"), "country__code", _terms(Country)),
        Facet("theme", _("Theme"), "themes__slug", _terms(Theme)),
        Facet("group", _("Target group"), "target_groups__slug", _terms(TargetGroup)),
        Facet("status", _("Status"), "status", _choices(PracticeStatus.choices)),
        Facet(
            "year",
            _("Year started"),
            "start_date__year",
            _years(base, "start_date", years_name),
        ),
    ]


PRACTICE_ORDER = ["-start_date", "title"]


def _practice_listing(index_page_id: str):
    index_page = Page.objects.filter(pk=int(index_page_id)).first()
    if index_page is None:
        return None
    base = _practices(index_page)
    return base, _practice_facets(index_page, base), PRACTICE_ORDER


# The practice index keeps a facet index (home.facet_index), named by its ``cache_as``.
facet_index.register(
    "practices",
    PracticePage,
    _practice_listing,
    depends={Country: "country", Theme: "themes", TargetGroup: "target_groups"},
)


def practice_listing(index_page, request: HttpRequest) -> dict:
    base = _practices(index_page)
    facets = _practice_facets(index_page, base)
    return faceted_listing(request, base, facets, PRACTICE_ORDER, cache_as=f"practices:{index_page.pk}")


def project_listing(index_page, request: HttpRequest) -> dict:
    base = as_links(
        ProjectPage.objects.live().public().child_of(index_page), *("intro", "start_date", "end_date")
    )
    years_name = f"years:{index_page.pk}"
    facets = [
        Facet("country", _("Country"), "countries__code", _terms(Country)),
        Facet("theme", _("Theme"), "themes__slug", _terms(Theme)),
        Facet(
            "year",
            _("Year started"),
            "start_date__year",
            _years(base, "start_date", years_name),
        ),
    ]
    return faceted_listing(
        request, base, facets, ["-start_date", "title"], cache_as=f"listing:{index_page.pk}"
    )


def event_listing(index_page, request: HttpRequest) -> dict:
    base = EventPage.objects.live().public().child_of(index_page).select_related("city", "country")
    years_name = f"years:{index_page.pk}"
    facets = [
        Facet("kind", _("Kind"), "kind", _choices(EventKind.choices)),
        Facet("country", _("Country"), "country__code", _terms(Country)),
        Facet("theme", _("Theme"), "themes__slug", _terms(Theme)),
        Facet("year", _("Year"), "start__year", _years(base, "start", years_name)),
    ]
    now = timezone.now()
    filtered, _ignored = apply_facets(base, facets, request, counts=False)
    upcoming = list(filtered.filter(start__gte=now).order_by("start")[:50])
    # Past and upcoming change with the clock, not only with content: counted on every request.
    past = faceted_listing(request, base.filter(start__lt=now), facets, ["-start"])
    return {**past, "upcoming": upcoming}


def library_listing(index_page, request: HttpRequest) -> dict:
    base = Publication.objects.all()
    facets = [
        Facet("kind", _("Kind"), "kind", _choices(PublicationKind.choices)),
        Facet(
            "language",
            _("Language"),
            "language",
            lambda request: (
                [
                    (code, str(get_language_info(code)["name_translated"]))
                    for code, _name in settings.LANGUAGES
                ]
                + [("other", str(_("Other language")))]
            ),
        ),
        Facet("year", _("Year"), "year", lambda request: [(str(y), str(y)) for y in _publication_years()]),
    ]
    return faceted_listing(request, base, facets, ["-year", "title"], cache_as="library")


def _publication_years() -> list[int]:
    return sorted({year for year in Publication.objects.values_list("year", flat=True) if year}, reverse=True)
