"""The search page, its JSON API and autocomplete, all answered by ``search.engine``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from exchange.throttling import SearchRateThrottle, throttled
from network.localize import term_names
from network.models import Country, TargetGroup, Theme

from . import concepts, engine
from .models import Kind

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def facet_labels(request: HttpRequest | None) -> dict[str, dict[str, str]]:
    return {
        "type": {value: str(label) for value, label in Kind.choices},
        "country": term_names(Country, request),
        "theme": term_names(Theme, request),
        "group": term_names(TargetGroup, request),
    }


def _concept_label(concept, labels, request: HttpRequest | None) -> str:
    """A concept's name in the reader's language; a kind that is not a facet (a city, a legal
    status: ``search.concepts``) has its names read only when a query names one."""
    names = labels.get(concept.kind)
    if names is None:
        names = labels[concept.kind] = term_names(concepts.model_of(concept.kind), request)
    return names.get(concept.value, concept.value)


FACET_TITLES = {
    "type": translation.gettext_lazy("Type"),
    "country": translation.gettext_lazy("Country"),
    "theme": translation.gettext_lazy("Theme"),
    "group": translation.gettext_lazy("Target group"),
}


def _facet_context(outcome: engine.SearchOutcome, labels) -> list[dict]:
    facets = []
    for name in engine.FACETS:
        options = [
            {
                "value": value,
                "label": labels[name].get(value, value),
                "count": outcome.facets.get(name, {}).get(value, 0),
                "selected": value in outcome.selected.get(name, []),
            }
            for value in labels[name]
        ]
        options = [o for o in options if o["count"] or o["selected"]]
        facets.append({"param": name, "label": FACET_TITLES[name], "visible_options": options})
    return facets


# How alike a theme's name and the query must be (RapidFuzz's WRatio, 0–100) to be offered as
# a related theme when nothing was found; below it every theme is offered.
RELATED_THEME_SCORE = 70


def _no_results_help(outcome: engine.SearchOutcome, labels, language: str) -> dict:
    """What a reader who found nothing can do next: drop their filters (with the number of
    results that gives), a theme whose name is like what they typed (or every theme), and the
    directory and the practices in their language with the filters they chose that those
    listings know (country, theme, target group)."""
    from rapidfuzz import fuzz, process, utils

    from home.maps import section_url

    help_ = {}
    if any(outcome.selected.values()):
        unfiltered = engine.search(outcome.query, language, QueryDict(), None)
        if unfiltered.count:
            help_["without_filters"] = {"count": unfiltered.count, "query": urlencode([("q", outcome.query)])}
    shared = [
        (name, value) for name in ("country", "theme", "group") for value in outcome.selected.get(name, [])
    ]
    query = "?" + urlencode(shared) if shared else ""
    directory, practices = section_url("network.NetworkIndexPage"), section_url("practices.PracticeIndexPage")
    help_["directory"] = directory + query if directory else ""
    help_["practices"] = practices + query if practices else ""
    help_["filtered"] = bool(shared)
    themes = labels["theme"]
    alike = process.extract(
        outcome.corrected_query or outcome.query,
        themes,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=RELATED_THEME_SCORE,
        limit=3,
    )
    chosen = [slug for _name, _score, slug in alike] or sorted(themes, key=lambda slug: themes[slug])
    country = [("country", value) for value in outcome.selected.get("country", [])]
    help_["related_themes"] = bool(alike)
    help_["themes"] = (
        [
            {"label": themes[slug], "url": practices + "?" + urlencode([*country, ("theme", slug)])}
            for slug in chosen
        ]
        if practices
        else []
    )
    return help_


def _concept_labels(outcome: engine.SearchOutcome, labels, request: HttpRequest) -> list[str]:
    return [_concept_label(concept, labels, request) for concept in outcome.concepts]


@require_GET
@never_cache
def search(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    outcome = engine.search(request.GET.get("q"), language, request.GET, request.GET.get("page"))
    labels = facet_labels(request)
    filters = [(name, v) for name, values in outcome.selected.items() for v in values]
    keep = [("q", outcome.query), *filters]
    if request.GET.get(engine.VERBATIM) == "1":
        keep.append((engine.VERBATIM, "1"))
    corrected_link = original_link = ""
    if outcome.corrected_query:
        corrected_link = format_html(
            '<a href="?{}">{}</a>',
            urlencode([("q", outcome.corrected_query), *filters]),
            outcome.corrected_query,
        )
        original_link = format_html(
            '<a href="?{}">{}</a>',
            urlencode([("q", outcome.query), *filters, (engine.VERBATIM, "1")]),
            outcome.query,
        )
    response = TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": outcome.query,
            "corrected_link": corrected_link,
            "concept_names": _concept_labels(outcome, labels, request) if outcome.tagged else [],
            "original_link": original_link,
            "outcome": outcome,
            "search_results": outcome.page,
            "paginator": outcome.paginator,
            "facets": _facet_context(outcome, labels),
            "kind_labels": labels["type"],
            "country_labels": labels["country"],
            "page_query_prefix": "?" + urlencode(keep) + "&page=",
            "ignored_filters": outcome.ignored,
            "no_results": (
                _no_results_help(outcome, labels, language) if outcome.query and not outcome.count else None
            ),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _api_language(request: HttpRequest) -> str:
    requested = (request.GET.get("lang") or "")[:10]
    return requested if requested in LANGUAGE_CODES else settings.LANGUAGE_CODE


@require_GET
@throttled(SearchRateThrottle, language=_api_language)
def api_search(request: HttpRequest) -> JsonResponse:
    """``GET /api/search/?q=…&lang=…&type=…&country=…&theme=…&group=…&page=…``"""
    language = _api_language(request)
    with translation.override(language):
        outcome = engine.search(request.GET.get("q"), language, request.GET, request.GET.get("page"))
        labels = facet_labels(None)
        page = outcome.page
        data = {
            "query": outcome.query,
            "lang": language,
            "count": outcome.count,
            "page": page.number if page else 1,
            "pages": outcome.paginator.num_pages if outcome.paginator else 0,
            "relaxed": outcome.relaxed,
            "partial": outcome.partial,
            "corrected_query": outcome.corrected_query or None,
            "concepts": [
                {
                    "kind": concept.kind,
                    "value": concept.value,
                    "label": _concept_label(concept, labels, None),
                }
                for concept in outcome.concepts
            ],
            "fallback": outcome.fallback,
            "ignored_filters": outcome.ignored,
            "results": [
                {
                    "title": result.entry.title,
                    "url": request.build_absolute_uri(result.entry.url),
                    "type": result.entry.kind,
                    "type_label": labels["type"].get(result.entry.kind, result.entry.kind),
                    "locale": result.entry.language,
                    "countries": result.entry.countries.split(),
                    "snippet": str(result.snippet),
                }
                for result in outcome.results
            ],
            "facets": {
                name: [
                    {"value": value, "label": labels[name].get(value, value), "count": count}
                    for value, count in sorted(
                        outcome.facets.get(name, {}).items(), key=lambda item: -item[1]
                    )
                ]
                for name in engine.FACETS
            },
        }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
@throttled(SearchRateThrottle, language=_api_language)
def api_suggest(request: HttpRequest) -> JsonResponse:
    language = _api_language(request)
    return JsonResponse({"suggestions": engine.suggestions(request.GET.get("q"), language)})
