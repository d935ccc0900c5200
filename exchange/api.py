"""The open API: Wagtail's API v2 (pages, images, documents) plus the directory's filters.

``/api/v2/pages/?type=network.PractitionerPage&locale=lv&country=LV&theme=roma-inclusion``
Read-only, public pages only (Wagtail's own endpoints already limit themselves to live,
public pages and visible collections), rate-limited per client with DRF's throttling.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from guides.models import GuidePage
from network.models import PractitionerPage
from practices.models import EventPage, PracticePage, ProjectPage
from search.text import WORD

# Our filters, by page type: what "country" and "theme" mean for each.
COUNTRY_LOOKUPS = {
    PractitionerPage: "city__country__code__in",
    PracticePage: "country__code__in",
    GuidePage: "country__code__in",
    EventPage: "country__code__in",
    ProjectPage: "countries__code__in",
}
THEME_LOOKUPS = {
    PractitionerPage: "themes__slug__in",
    PracticePage: "themes__slug__in",
    EventPage: "themes__slug__in",
    ProjectPage: "themes__slug__in",
}
OUR_PARAMETERS = ("country", "theme")


def _values(request, name: str) -> list[str]:
    return [part.strip() for value in request.GET.getlist(name) for part in value.split(",") if part.strip()]


class DirectoryFilter(BaseFilterBackend):
    """``?country=LV,LT`` (ISO codes) and ``?theme=roma-inclusion`` (slugs), on the page types with them."""

    def filter_queryset(self, request, queryset, view):
        for name, lookups, normalise in (
            ("country", COUNTRY_LOOKUPS, str.upper),
            ("theme", THEME_LOOKUPS, str.lower),
        ):
            values = [normalise(value) for value in _values(request, name)]
            if not values:
                continue
            condition = Q()
            for model, lookup in lookups.items():
                if issubclass(queryset.model, model) or issubclass(model, queryset.model):
                    condition |= Q(pk__in=model.objects.filter(**{lookup: values}).values("pk"))
            queryset = queryset.filter(condition) if condition else queryset.none()
        return queryset


class FieldsFilterExceptOurs(FieldsFilter):
    """Wagtail's field filter would read ``?country=LV`` as the id of a page's ``country``
    and answer 400; our parameters are handled by ``DirectoryFilter`` instead."""

    def filter_queryset(self, request, queryset, view):
        django_request = request._request
        original = django_request.GET
        trimmed = original.copy()
        for name in OUR_PARAMETERS:
            trimmed.pop(name, None)
        django_request.GET = trimmed
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError) as error:
            # Wagtail converts only booleans, numbers and ids: "?cost=abc" or "?start_date=x"
            # would otherwise fail inside the database layer (a 500).
            raise BadRequestError("invalid value for a field filter") from error
        finally:
            django_request.GET = original


class SafeSearchFilter(SearchFilter):
    """Only words reach the search backend, as in the site's own search: SQLite's FTS5
    fails on quotes and NUL (an error page instead of an answer)."""

    def filter_queryset(self, request, queryset, view):
        django_request = request._request
        original = django_request.GET
        if "search" in original:
            cleaned = original.copy()
            cleaned["search"] = " ".join(WORD.findall(original.get("search", ""))[:12])[:200]
            django_request.GET = cleaned
        try:
            return super().filter_queryset(request, queryset, view)
        finally:
            django_request.GET = original


def _replace(backends, old, new):
    return [new if backend is old else backend for backend in backends]


class JSONNotFoundMixin:
    """A 404 from the API stays a JSON 404: without this, LocaleMiddleware would redirect
    ``/api/v2/pages/999/`` to ``/en/api/v2/pages/999/`` (Wagtail's catch-all page route
    makes any prefixed path look valid). It reads ``request.urlconf``: an API-only one has
    no language prefixes, so it leaves the answer alone."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 404:
            request._request.urlconf = "exchange.api_urls"
        return response


class DirectoryPagesAPIViewSet(JSONNotFoundMixin, PagesAPIViewSet):
    filter_backends = [
        DirectoryFilter,
        *_replace(
            _replace(PagesAPIViewSet.filter_backends, FieldsFilter, FieldsFilterExceptOurs),
            SearchFilter,
            SafeSearchFilter,
        ),
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(OUR_PARAMETERS)


class PublicImagesAPIViewSet(JSONNotFoundMixin, ImagesAPIViewSet):
    """Only images the public can already see: used by a live, public page or by a directory
    entry (organisation logos). A photo uploaded with a profile that waits for moderation, or
    was withdrawn, stays out (Wagtail's endpoint lists every image in an open collection)."""

    filter_backends = _replace(ImagesAPIViewSet.filter_backends, SearchFilter, SafeSearchFilter)

    def get_queryset(self):
        from network.models import Organisation

        image_type = ContentType.objects.get_for_model(get_image_model())
        live_pages = Page.objects.live().public().annotate(key=Cast("pk", CharField())).values("key")
        references = ReferenceIndex.objects.filter(to_content_type=image_type)
        used = (
            references.filter(
                Q(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=live_pages)
                | Q(base_content_type=ContentType.objects.get_for_model(Organisation))
            )
            # A plain "pk in (subquery)" on the images, which the search backend can filter on.
            .annotate(image_id=Cast("to_object_id", IntegerField()))
            .values("image_id")
        )
        return super().get_queryset().filter(pk__in=used)


class PublicDocumentsAPIViewSet(JSONNotFoundMixin, DocumentsAPIViewSet):
    filter_backends = _replace(DocumentsAPIViewSet.filter_backends, SearchFilter, SafeSearchFilter)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", DirectoryPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
