"""Faceted filtering with counts, from a shareable query string; shared by every listing.

Within one facet the chosen values are alternatives (OR); facets combine (AND). Each
option's count is the number of results if it were added to the *other* facets'
choices, as in any faceted catalogue. Unknown values are ignored and reported, never
an error; parameters are bounded in number and length.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlencode

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from nbnet.page_cache import for_page, fragment, list_tag

from . import facet_index

PER_PAGE = 20
# A filtered listing's ids, in order, are kept with its counts when there are at most this
# many: paging through them is then a slice (at 100k people, two filters matched 5,000
# whom SQLite had to sort by name again for every page: 40 ms). Kept as 4-byte integers
# in the shared cache only (100 kB at most), not in each worker's memory. Larger listings
# (no filter at all) walk an index in order and stop after one page: quick without this.
MAX_REMEMBERED_IDS = 25000
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
    # A flag facet has the single option "1" and means ``lookup=True``.
    flag: bool = False
    options: list[Option] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)

    @property
    def visible_options(self) -> list[Option]:
        return [option for option in self.options if option.count or option.selected]

    def condition(self) -> Q:
        if self.flag:
            return Q(**{self.lookup: True})
        return Q(**{f"{self.lookup}__in": self.selected})


def clean_values(params: QueryDict, name: str) -> list[str]:
    values = []
    for raw in params.getlist(name)[:MAX_VALUES_PER_FACET]:
        value = _UNSAFE.sub("", raw).strip()[:MAX_VALUE_LENGTH]
        if value and value not in values:
            values.append(value)
    return values


def apply_facets(
    base: QuerySet,
    facets: list[Facet],
    request: HttpRequest,
    cache_as: str | None = None,
    counts: bool = True,
) -> tuple[QuerySet, list[str]]:
    results, ignored, _total, _index = _apply_facets(base, facets, request, cache_as, counts)
    return results, ignored


def _apply_facets(
    base: QuerySet,
    facets: list[Facet],
    request: HttpRequest,
    cache_as: str | None = None,
    counts: bool = True,
    order_by: list[str] | None = None,
) -> tuple[QuerySet, list[str], int | None, facet_index.FacetIndex | None]:
    """Filter ``base`` by the chosen values and fill in every facet's options and counts.

    With ``cache_as`` (a name for ``base``) and ``order_by``, a listing of a kind registered
    in ``home.facet_index`` is counted from its facet index (bitmasks kept up to date as
    content changes; also returned, for the ordered ids). Otherwise counting is a grouped
    query per facet over the whole listing, the costly part at 100k rows: with ``cache_as``
    the counts for one choice of filters, and the number of results, are kept until content
    changes (``nbnet.page_cache.fragment``). ``counts=False`` only filters.
    """
    ignored: list[str] = []
    for facet in facets:
        known = {str(value): label for value, label in facet.options_for(request)}
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
                queryset = queryset.filter(facet.condition())
        return queryset

    def results() -> QuerySet:
        # Matching ids in a subquery rather than DISTINCT over whole joined rows: the filters
        # join many-to-many tables (duplicates), and DISTINCT over every column of 100k
        # pages took a quarter of a second before the first 20 could be picked.
        # One subquery per chosen facet, over the link tables alone (the live, public,
        # in-this-section conditions are checked once, outside): joining every candidate
        # to the page table inside the subquery cost 100 ms for two filters at 100k.
        # A facet on a plain column or a foreign key filters the listing itself (no duplicates).
        queryset = base
        for facet in facets:
            if not facet.selected:
                continue
            if _many_valued(base.model, facet.lookup):
                matching = base.model._default_manager.filter(facet.condition()).order_by().values("pk")
                queryset = queryset.filter(pk__in=matching)
            else:
                queryset = queryset.filter(facet.condition())
        return queryset

    def count_all() -> dict[str, dict[str, int]]:
        all_counts = {"": {"total": results().count()}}
        for facet in facets:
            if facet.flag:
                all_counts[facet.param] = {
                    "1": filtered(facet).filter(**{facet.lookup: True}).values("pk").distinct().count()
                }
                continue
            rows = (
                filtered(facet)
                .order_by()
                .values(facet.lookup)
                .annotate(n=Count("pk", distinct=True))
                .values_list(facet.lookup, "n")
            )
            all_counts[facet.param] = {str(value): n for value, n in rows if value is not None}
        return all_counts

    if counts:
        index = (
            facet_index.current(cache_as, base, facets, order_by)
            if cache_as and order_by is not None
            else None
        )
        if index is not None:
            all_counts = index.counts(facets)
        elif cache_as:
            all_counts = for_page(request, f"facets:{cache_as}:{_choice_key(facets)}", count_all)
        else:
            all_counts = count_all()
        for facet in facets:
            for option in facet.options:
                option.count = all_counts[facet.param].get(option.value, 0)
        return results(), ignored, all_counts[""]["total"], index
    return results(), ignored, None, None


def _choice_key(facets: list[Facet]) -> str:
    return hashlib.sha256(repr([(facet.param, facet.selected) for facet in facets]).encode()).hexdigest()


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


def _many_valued(model, lookup: str) -> bool:
    """Whether ``lookup`` crosses a many-to-many or reverse relation (rows would repeat)."""
    for name in lookup.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a transform such as ``year``: the path ends here
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


def faceted_listing(
    request: HttpRequest,
    base: QuerySet,
    facets: list[Facet],
    order_by: Iterable[str],
    per_page: int = PER_PAGE,
    cache_as: str | None = None,
) -> dict:
    """Everything a filtered, paginated listing template needs."""
    # The primary key last, so that no two rows tie: pages are then the same from one query to
    # the next, and a facet index can place a changed row with a few comparisons.
    order_by = facet_index.ordering(order_by)
    results, ignored, total, index = _apply_facets(base, facets, request, cache_as, order_by=order_by)
    # The page's ids first (from the facet index, or in a lean query over the listing's own
    # tables), then its rows with everything joined: ordering 100k joined rows (with the
    # city, country and organisation of each) made SQLite sort them all in a temporary tree
    # (110 ms for 20 practitioners); the lean query walks an index in order and stops after
    # one page.
    choice = _choice_key(facets)  # names this choice of filters' ids and sidebar
    ordered = results.order_by(*order_by).values_list("pk", flat=True)
    if index is not None:
        ordered = index.ids(facets)
    elif cache_as and total is not None and total <= MAX_REMEMBERED_IDS:
        name = f"ids:{cache_as}:{choice}:{','.join(order_by)}"
        ordered = for_page(request, name, partial(array, "I", ordered), local=False)
    paginator = Paginator(ordered, per_page)
    paginator.count = total  # counted (and cached) with the facets
    page_obj = paginator.get_page(request.GET.get("page"))
    ids = list(page_obj.object_list)
    rows = {row.pk: row for row in base.filter(pk__in=ids).order_by()}
    page_obj.object_list = [rows[pk] for pk in ids if pk in rows]
    query = urlencode([(facet.param, value) for facet in facets for value in facet.selected])
    active_filters = _active_filters(facets)

    def sidebar() -> str:
        # A GET form (no token) made of the options and counts alone.
        return render_to_string("includes/facets.html", {"facets": facets, "active_filters": active_filters})

    # Rendered once per choice of filters, language and counts: with a city facet at 100k
    # people it is the largest part of the page. Named by its counts rather than renewed with
    # the listing, so that a publish that moves no count (a new title, a new photo) does not
    # render it again for every choice of filters; renewed with the labels' kinds.
    language = translation.get_language()
    counted = hashlib.sha256(repr([[o.count for o in f.options] for f in facets]).encode()).hexdigest()[:16]
    listed = list_tag(base.model)
    labels = [tag for tag in getattr(request, "_page_cache_tags", None) or () if tag != listed] or None
    if cache_as and not getattr(request, "is_preview", False):
        facets_html = fragment(
            f"facets-html:{cache_as}:{choice}:{language}:{counted}", sidebar, depends=labels
        )
    else:
        facets_html = sidebar()
    return {
        "facets": facets,
        "facets_html": facets_html,
        "ignored_filters": ignored,
        "active_filters": active_filters,
        "results": page_obj,
        "paginator": paginator,
        "filter_query": query,
        "page_query_prefix": f"?{query}&page=" if query else "?page=",
    }
