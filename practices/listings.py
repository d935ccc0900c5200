"""Filtered, paginated listings of the knowledge base (see ``home.facets``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.facets import Facet, apply_facets, faceted_listing
from home.models import as_links
from nbnet.page_cache import fragment
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
    """The years found in ``field``, newest first, kept in the fragment cache as ``name``
    (reading 20k dates into Python on every view of the practice index cost 60 ms)."""

    def years() -> list[int]:
        is_datetime = isinstance(queryset.model._meta.get_field(field), models.DateTimeField)
        values = queryset.order_by()
        values = values.datetimes(field, "year") if is_datetime else values.dates(field, "year")
        return sorted({value.year for value in values}, reverse=True)

    def options(request):
        return [(str(year), str(year)) for year in fragment(name, years)]

    return options


def _choices(choices):
    return lambda request: [(value, str(label)) for value, label in choices]


def practice_listing(index_page, request: HttpRequest) -> dict:
    # What a card of the listing shows, and no more (see home.models.as_links).
    base = as_links(
        PracticePage.objects.live().public().child_of(index_page).select_related("country", "city"),
        *("intro", "start_date", "status", "city__name", "country__name"),
    )
    years_name = f"years:{index_page.pk}"
    facets = [
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
    return faceted_listing(
        request, base, facets, ["-start_date", "title"], cache_as=f"listing:{index_page.pk}"
    )


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
                [(code, name) for code, name in settings.LANGUAGES] + [("other", str(_("Other language")))]
            ),
        ),
        Facet("year", _("Year"), "year", lambda request: [(str(y), str(y)) for y in _publication_years()]),
    ]
    return faceted_listing(request, base, facets, ["-year", "title"], cache_as="library")


def _publication_years() -> list[int]:
    return sorted({year for year in Publication.objects.values_list("year", flat=True) if year}, reverse=True)
