"""The site search: one query over every kind of content, in five languages.

1. The query is cleaned (``search.query``) and each word expanded to the forms it may
   be indexed under in any language (``search.text``); words must all match (AND),
   and if nothing matches the search relaxes to any word (OR) and says so.
2. Wagtail's search backend ranks the entries of every language; the best
   ``CANDIDATES`` are kept.
3. Translations of one item collapse into one result, shown in the reader's language
   when a translation exists, otherwise in the language it matched in (and marked).
4. Facets (kind, country, theme, target group) are counted over those results, each
   as if its own filter were not set; filters then apply; the list is paginated.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from home.facets import clean_values

from .models import Kind, SearchEntry
from .query import clean_query
from .text import WORD, fold, query_forms, query_words, stem

logger = logging.getLogger(__name__)

CANDIDATES = 300
PER_PAGE = 10
SNIPPET_WORDS = 32
FACETS = ("type", "country", "theme", "group")


@dataclass
class Result:
    entry: SearchEntry
    snippet: SafeString
    other_language: bool


@dataclass
class SearchOutcome:
    query: str
    results: list[Result] = field(default_factory=list)
    page: object = None
    paginator: object = None
    count: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    selected: dict[str, list[str]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    relaxed: bool = False  # no result had every word; showing those with any
    fallback: bool = False  # the search server did not answer; the database searched


def _expression(words: list[str], operator: str):
    groups = [Or([PlainText(form) for form in sorted(query_forms(word))]) for word in words]
    if len(groups) == 1:
        return groups[0]
    return And(groups) if operator == "and" else Or(groups)


def _ranked(expression) -> tuple[list[SearchEntry], bool]:
    queryset = SearchEntry.objects.all()
    try:
        return list(get_search_backend().search(expression, queryset)[:CANDIDATES]), False
    except Exception:
        if "fallback" not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        # The search server is down or refused: answer from the database instead.
        logger.exception("search backend failed; using the database backend")
        return list(get_search_backend("fallback").search(expression, queryset)[:CANDIDATES]), True


def rerank(entries: list[SearchEntry], words: list[str]) -> list[SearchEntry]:
    """Order the backend's candidates the same way on every backend.

    Backends rank differently (SQLite's BM25 ignores field boosts), so the final order is
    ours: the share of query words found in the title counts most, then how many query
    words the entry has at all, then the backend's own order.
    """
    forms = [query_forms(word) for word in words]

    def score(position_entry):
        position, entry = position_entry
        title = set(entry.title_terms.split())
        body = set(entry.terms.split())
        in_title = sum(1 for word_forms in forms if word_forms & title) / len(forms)
        anywhere = sum(1 for word_forms in forms if word_forms & (title | body)) / len(forms)
        return (-(3 * in_title + anywhere), position)

    return [entry for _position, entry in sorted(enumerate(entries), key=score)]


def _dimension(entry: SearchEntry, name: str) -> list[str]:
    if name == "type":
        return [entry.kind]
    if name == "country":
        return entry.countries.split()
    if name == "theme":
        return entry.themes.split()
    return entry.target_groups.split()


def highlight(text: str, words: list[str], language: str) -> SafeString:
    """A window of ``text`` around the first matching word, matches wrapped in <mark>."""
    forms = set().union(*(query_forms(word) for word in words)) if words else set()
    tokens = text.split()
    seen: dict[str, bool] = {}

    def matches(token: str) -> bool:
        if token not in seen:
            seen[token] = any(
                {fold(word), fold(stem(word, language)), stem(fold(word), language)} & forms
                for word in WORD.findall(token)
            )
        return seen[token]

    first = next((i for i, token in enumerate(tokens) if matches(token)), 0)
    start = max(0, first - SNIPPET_WORDS // 3)
    window = tokens[start : start + SNIPPET_WORDS]
    rendered = [f"<mark>{html.escape(t)}</mark>" if matches(t) else html.escape(t) for t in window]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(tokens) else ""
    return mark_safe(prefix + " ".join(rendered) + suffix)  # noqa: S308 (every token escaped above)


def search(raw_query: str | None, language: str, params: QueryDict, page_number=None) -> SearchOutcome:
    query = clean_query(raw_query)
    outcome = SearchOutcome(query=query)
    words = query_words(query)
    known_kinds = set(Kind.values)
    outcome.selected = {}
    for name in FACETS:
        values = clean_values(params, name)
        if name == "type":
            outcome.ignored += [v for v in values if v not in known_kinds]
            values = [v for v in values if v in known_kinds]
        outcome.selected[name] = values
    if not words:
        return outcome

    ranked, outcome.fallback = _ranked(_expression(words, "and"))
    if not ranked and len(words) > 1:
        ranked, fallback = _ranked(_expression(words, "or"))
        outcome.relaxed, outcome.fallback = bool(ranked), outcome.fallback or fallback

    ranked = rerank(ranked, words)
    # One result per item, in the reader's language where it exists.
    best: dict[str, SearchEntry] = {}
    for entry in ranked:
        best.setdefault(entry.group_key, entry)
    own = {
        entry.group_key: entry
        for entry in SearchEntry.objects.filter(group_key__in=list(best), language=language)
    }
    items = [own.get(key, entry) for key, entry in best.items()]

    def passes(entry: SearchEntry, skip: str | None = None) -> bool:
        for name, values in outcome.selected.items():
            if name != skip and values and not set(values) & set(_dimension(entry, name)):
                return False
        return True

    for name in FACETS:
        counts: dict[str, int] = {}
        for entry in items:
            if passes(entry, skip=name):
                for value in _dimension(entry, name):
                    counts[value] = counts.get(value, 0) + 1
        outcome.facets[name] = counts
    filtered = [entry for entry in items if passes(entry)]
    outcome.count = len(filtered)
    outcome.paginator = Paginator(filtered, PER_PAGE)
    outcome.page = outcome.paginator.get_page(page_number)
    outcome.results = [
        Result(
            entry=entry,
            snippet=highlight(entry.text or entry.summary, words, entry.language),
            other_language=entry.language != language,
        )
        for entry in outcome.page.object_list
    ]
    return outcome


def suggestions(raw_query: str | None, language: str, limit: int = 8) -> list[str]:
    """Titles that start like what is being typed, in the reader's language first."""
    # Only word characters reach the backend: quotes and operators break SQLite FTS5.
    text = " ".join(query_words(clean_query(raw_query)))
    if len(text) < 2:
        return []
    results = get_search_backend().autocomplete(text, SearchEntry.objects.filter(language=language))[:limit]
    return list(dict.fromkeys(entry.title for entry in results))
