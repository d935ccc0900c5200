"""The open API: Wagtail's API v2 (pages, images, documents) plus the directory's filters.

``/api/v2/pages/?type=network.PractitionerPage&locale=lv&country=LV&theme=roma-inclusion``
Read-only, public pages only (Wagtail's own endpoints already limit themselves to live,
public pages and visible collections), rate-limited per client with DRF's throttling.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection
from django.db.models import CharField, ForeignKey, IntegerField, Q
from django.db.models.functions import Cast
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.serializers import ImageSerializer
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


def _check_integer_filters(model, params, fields) -> None:
    """An integer filter (``?city=<id>``) outside what the database column holds is a 400:
    Wagtail hands it on as it is, and for a foreign key Django sends it to the database, where
    SQLite cannot even take it (OverflowError: "Python int too large to convert to SQLite
    INTEGER", a 500). Django itself only guards plain integer columns, not foreign keys."""
    for name, value in params.items():
        if name not in fields:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        target = field.target_field if isinstance(field, ForeignKey) else field
        if not isinstance(target, IntegerField):  # AutoField and BigAutoField are IntegerFields
            continue
        try:
            number = int(value)
        except ValueError:
            continue  # Wagtail answers 400 for what is not a number
        low, high = connection.ops.integer_field_range(target.get_internal_type())
        if (low is not None and number < low) or (high is not None and number > high):
            raise BadRequestError(f"field filter error. {name} is out of range")


class FieldsFilterExceptOurs(FieldsFilter):
    """Wagtail's field filter would read ``?country=LV`` as the id of a page's ``country``
    and answer 400; our parameters are handled by ``DirectoryFilter`` instead."""

    def filter_queryset(self, request, queryset, view):
        django_request = request._request
        original = django_request.GET
        trimmed = original.copy()
        for name in OUR_PARAMETERS:
            trimmed.pop(name, None)
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        _check_integer_filters(queryset.model, trimmed, fields)
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


# The largest ``?offset=`` answered: far beyond any listing; Wagtail passes the number to the
# database as it is, and 2**63 fails there (a 500 on SQLite and PostgreSQL).
MAX_OFFSET = 1_000_000_000
SEARCH_OPERATORS = ("and", "or")


class QueryGuardMixin:
    """Hostile query parameters are a JSON 400 with a message, on every endpoint and action
    (listing, detail, ``find``), checked after authentication and throttling (DRF's
    ``initial``): NUL characters (PostgreSQL cannot compare text holding one: ``?locale=%00``,
    ``?country=%00``, ``/find/?html_path=%00`` were 500s), an offset the database cannot
    take, and a search operator the search backend refuses with a ValueError (a 500)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        params = request._request.GET
        for name, values in params.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise BadRequestError("query parameters cannot contain NUL characters")
        offset = params.get("offset", "")
        if offset.strip().lstrip("+-").isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        operator = params.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")


class JSONNotFoundMixin(QueryGuardMixin):  # every endpoint of ours has both
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


# --- Images: renditions only, never the original file (issue 25, item 7) -------------------
# Wagtail's endpoint links every image's original (``download_url``): for a profile photo, the
# file as the person uploaded it, at full size. Profile photos share the root collection with
# every other image, so the rule is the same for all: the API offers a rendition (at most
# 1200 px, re-encoded like every rendition) in ``meta.rendition``, also where a page nests an
# image (a practitioner's ``photo``), and ``download_url`` is no longer a field.
RENDITION_SPEC = "max-1200x1200"


class PublicImageSerializer(ImageSerializer):
    rendition = ImageRenditionField(RENDITION_SPEC, source="*", read_only=True)


def _without_original(fields):
    return [("rendition" if field == "download_url" else field) for field in fields]


class PublicImagesAPIViewSet(JSONNotFoundMixin, ImagesAPIViewSet):
    """Only images the public can already see: used by a live, public page or by a directory
    entry (organisation logos). A photo uploaded with a profile that waits for moderation, or
    was withdrawn, stays out (Wagtail's endpoint lists every image in an open collection)."""

    base_serializer_class = PublicImageSerializer
    meta_fields = _without_original(ImagesAPIViewSet.meta_fields)
    listing_default_fields = _without_original(ImagesAPIViewSet.listing_default_fields)
    nested_default_fields = _without_original(ImagesAPIViewSet.nested_default_fields)
    # --- end of the images part of issue 25 -----------------------------------------------

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
