"""The directory's listings: practitioners and organisations, filtered by facets (see
``home.facets``), and the peers of a practitioner."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from home import facet_index
from home.facets import PER_PAGE, Facet, faceted_listing
from home.models import as_links
from nbnet.page_cache import for_page, fragment, kind_tag

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


def _locale_rows(model, request) -> list[tuple[str, str]]:
    return sorted(term_names(model, request).items(), key=lambda item: item[1].casefold())


def _cities(request) -> list[tuple[str, str]]:
    active = Locale.get_active()
    return fragment(
        f"city-options:{active.pk}",
        lambda: list(City.objects.filter(locale=active).values_list("slug", "name")),
        depends=(kind_tag(City),),
    )


def _languages(request) -> list[tuple[str, str]]:
    # Named by Django in the reader's language (SpokenLanguage.display_name).
    return fragment(
        f"language-options:{translation.get_language()}",
        lambda: sorted(
            ((language.code, language.display_name) for language in SpokenLanguage.objects.all()),
            key=lambda item: item[1].casefold(),
        ),
        depends=(kind_tag(SpokenLanguage),),
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
            "open",
            _("Availability"),
            "open_to_exchange",
            lambda r: [("1", str(_("Open to peer exchange")))],
            flag=True,  # "1" means True: counted as such, not grouped by the column's values
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


def _people(index_page) -> QuerySet:
    return PractitionerPage.as_cards(PractitionerPage.objects.live().public().child_of(index_page))


def _organisations(locale_id: int) -> QuerySet:
    return Organisation.objects.filter(locale_id=locale_id).select_related("country", "city", "logo")


def _people_listing(index_page_id: str):
    index_page = Page.objects.filter(pk=int(index_page_id)).first()
    return None if index_page is None else (_people(index_page), practitioner_facets(), ["title"])


# The directory's listings keep facet indexes (home.facet_index), named by their ``cache_as``;
# ``depends``: the records their facets read, by the lookup from a row to them.
facet_index.register(
    "people",
    PractitionerPage,
    _people_listing,
    depends={
        City: "city",
        Country: "city__country",
        Organisation: "organisation",
        Theme: "themes",
        TargetGroup: "target_groups",
        SpokenLanguage: "languages",
    },
)
facet_index.register(
    "organisations",
    Organisation,
    lambda locale_id: (_organisations(int(locale_id)), organisation_facets(), ["name"]),
    depends={Country: "country", City: "city"},
)


def practitioner_directory(index_page, request: HttpRequest) -> dict:
    facets = practitioner_facets()
    base = _people(index_page)
    active = Locale.get_active()

    def beside() -> dict:
        return {
            "twinnings": list(
                as_links(TwinningPage.objects.live().public().child_of(index_page), "intro").order_by("title")
            ),
            "organisation_count": Organisation.objects.filter(locale=active).count(),
        }

    return {
        **for_page(request, f"directory:{index_page.pk}:{active.pk}", beside),
        **faceted_listing(request, base, facets, ["title"], cache_as=f"people:{index_page.pk}"),
    }


def organisation_directory(index_page, request: HttpRequest) -> dict:
    facets = organisation_facets()
    base = _organisations(Locale.get_active().pk)
    return faceted_listing(
        request, base, facets, ["name"], cache_as=f"organisations:{Locale.get_active().pk}"
    )


def organisation_detail(index_page, request: HttpRequest, slug: str) -> dict | None:
    organisation = (
        Organisation.objects.filter(locale=Locale.get_active(), slug=slug[:100])
        .select_related("country", "city", "logo")
        .first()
    )
    if organisation is None:
        return None
    people = PractitionerPage.as_cards(
        PractitionerPage.objects.live()
        .public()
        .child_of(index_page)
        .filter(organisation__slug=organisation.slug)
    ).order_by("title", "pk")
    # A page at a time: a large organisation has hundreds of people (a municipality at 100k
    # practitioners thousands: 2 s to render them all after each change of one of them).
    paginator = Paginator(people, PER_PAGE)
    results = paginator.get_page(request.GET.get("page"))
    return {
        "organisation": organisation,
        **organisation_work(organisation, organisation.locale_id),
        "people": results.object_list,
        "results": results,
        "paginator": paginator,
        "page_query_prefix": "?page=",
    }


def organisation_work(organisation: Organisation, locale_id: int) -> dict:
    """What the network knows of an organisation besides its people, in the reader's language:
    the practices it is a partner of, the projects it leads or is a partner in, and its help
    points for newcomers. Pages link to the default-language organisation (or, for a project's
    lead partner, its translation): all share the slug."""
    from django.db.models import Q

    from guides.models import HelpPoint
    from practices.models import PracticePage, ProjectPage

    slug = organisation.slug

    def here(model, *shown):
        return as_links(model.objects.live().public().filter(locale_id=locale_id), "intro", *shown)

    return {
        "practices_here": list(
            here(PracticePage).filter(organisations__slug=slug).distinct().order_by("-start_date", "title")
        ),
        "projects_here": list(
            here(ProjectPage, "start_date", "end_date")
            .filter(Q(lead_partner__slug=slug) | Q(partners__slug=slug))
            .distinct()
            .order_by("-start_date", "title")
        ),
        "help_points": list(
            HelpPoint.objects.filter(locale_id=locale_id, organisation__slug=slug)
            .select_related("city", "organisation")
            .prefetch_related("languages")
            .order_by("city__name", "name", "pk")
        ),
    }


def _shared(through, column: str, ids: list[int]) -> Coalesce:
    """How many of ``ids`` the practitioner in the outer query is linked to."""
    if not ids:
        return Value(0)
    shared = (
        through.objects.filter(practitionerpage_id=OuterRef("pk"), **{f"{column}__in": ids})
        .order_by()
        .values("practitionerpage_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(shared, output_field=IntegerField()), 0)


def peers_of(page: PractitionerPage, limit: int) -> QuerySet:
    """Practitioners in other countries who share themes or target groups, best matches first."""
    theme_ids = [theme.pk for theme in page.themes.all()]
    group_ids = [group.pk for group in page.target_groups.all()]
    if not theme_ids and not group_ids:
        return PractitionerPage.objects.none()
    peers = (
        PractitionerPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .exclude(translation_key=page.translation_key)
        .exclude(city__country__code=page.city.country.code)
        # Two correlated counts over the link tables, not Count() over both joins: joining
        # themes and target groups multiplies the rows (2 s per profile at 100k people).
        .annotate(
            shared_themes=_shared(PractitionerPage.themes.through, "theme_id", theme_ids),
            shared_groups=_shared(PractitionerPage.target_groups.through, "targetgroup_id", group_ids),
        )
        .annotate(score=F("shared_themes") + F("shared_groups"))
        .filter(score__gt=0)
    )
    return PractitionerPage.as_cards(peers).order_by("-score", "-open_to_exchange", "title")[:limit]
