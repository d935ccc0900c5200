"""The site search: one query over every kind of content, in every site language.

1. The query is cleaned (``search.query``) and each word expanded to the forms it may
   be indexed under in any language (``search.text``); words must all match (AND),
   and if nothing matches the search relaxes to any word (OR) and says so.
2. Wagtail's search backend ranks the entries of every language; the best
   ``CANDIDATES`` are kept.
   We re-rank them the same way on every backend; a guide one step of which answers
   the query goes first (``newcomer_guides_first``).
3. Translations of one item collapse into one result, shown in the reader's language
   when a translation exists, otherwise in the language it matched in (and marked).
4. Facets (kind, country, theme, target group) are counted over those results, each
   as if its own filter were not set; filters then apply; the list is paginated.
"""

from __future__ import annotations

import html
import logging
import math
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from home.facets import clean_values

from . import concepts, translit, vocabulary
from .extract import ENDS_SENTENCE
from .models import Kind, SearchEntry
from .query import clean_query
from .text import WORD, fold, query_forms, query_words, split_words, stem

logger = logging.getLogger(__name__)

CANDIDATES = 300
PER_PAGE = 10
SNIPPET_WORDS = 32
MAX_SNIPPET_HITS = 200  # windows tried per snippet, however often a word occurs
# Guides that go before everything else when one of their steps answers the query.
NEWCOMER_GUIDES = 2
FACETS = ("type", "country", "theme", "group")
# When fewer items than this have every query word, those with most of the words follow them.
RELAX_BELOW = PER_PAGE
# The query parameter that turns spelling correction off ("Search instead for …").
VERBATIM = "verbatim"


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
    partial: bool = False  # few results had every word; those with most of them follow
    fallback: bool = False  # the search server did not answer; the database searched
    # Words of the query that matched nothing were corrected (spelling, alphabet): this is
    # the query searched for instead, ``query`` what was typed.
    corrected_query: str = ""
    # Themes, target groups and countries the query names (in any language): items tagged
    # with them are found too, below the text matches; ``tagged`` counts those added so.
    concepts: list[concepts.Concept] = field(default_factory=list)
    tagged: int = 0


def _expression(words: list[str], operator: str):
    groups = [Or([PlainText(form) for form in sorted(query_forms(word))]) for word in words]
    if len(groups) == 1:
        return groups[0]
    return And(groups) if operator == "and" else Or(groups)


def _fts5_match(words: list[str], operator: str) -> str:
    """An FTS5 MATCH expression over the title and body columns, every token quoted."""
    groups = [
        "(" + " OR ".join('"' + form.replace('"', '""') + '"' for form in sorted(query_forms(word))) + ")"
        for word in words
    ]
    return "{title body} : (" + f" {operator.upper()} ".join(groups) + ")"


# Rows of the index ranked per query before they are matched to search entries (see
# ``_fts5_ids``): the index also holds the pages, snippets and images of the admin's
# search, about half of its rows on the demo site.
OVERFETCH = 3


def _fts5_ids(match: str, weights: str, limit: int, language: str | None = None) -> list[int]:
    """Ids of the search entries that FTS5 ranks best for ``match``, on SQLite.

    Written by hand because the SQLite backend (modelsearch 1.3) scores every match with
    a correlated subquery that re-runs the MATCH per row: 3-4 s per query at 10k entries
    on this machine, and as slow for autocomplete. One MATCH ordered by FTS5's own bm25()
    does the same ranking in milliseconds. Indexing still goes through the backend, so
    the table read here is the one it keeps current.

    The best ``limit * OVERFETCH`` rows are ranked inside the full-text index first, and
    only those are looked up in the index's own table (wide rows: each lookup reads the
    row's text) to keep the search entries: at 100k entries, a word in 8,000 of them took
    38 ms when every match was looked up, 25 ms so. When those rows hold fewer than
    ``limit`` entries but the index had more matches, every match is looked up as before.
    """
    from wagtail.search.models import IndexEntry

    table = IndexEntry._meta.db_table
    entries = SearchEntry._meta.db_table
    content_type = ContentType.objects.get_for_model(SearchEntry).pk
    join, wanted, values, first = "", "e.content_type_id = %s", [content_type], limit * OVERFETCH
    if language:
        join = f"LEFT JOIN {entries} s ON s.id = CAST(e.object_id AS INTEGER) "
        wanted += " AND s.language = %s"
        values.append(language)
        first *= len(settings.LANGUAGES)  # one language's entries among those of all
    # Only table names are interpolated; every value is a parameter.
    ranked = (
        f"SELECT rowid AS id, bm25({table}_fts, {weights}) AS score FROM {table}_fts "  # noqa: S608
        f"WHERE {table}_fts MATCH %s ORDER BY score"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.object_id, {wanted} FROM ({ranked} LIMIT %s) r "  # noqa: S608
            f"LEFT JOIN {table} e ON e.id = r.id {join}ORDER BY r.score",
            [*values, match, first],
        )
        rows = cursor.fetchall()
        found = [int(object_id) for object_id, keep in rows if keep]
        if len(found) >= limit or len(rows) < first:
            return found[:limit]
        cursor.execute(
            f"SELECT e.object_id FROM ({ranked}) r JOIN {table} e ON e.id = r.id {join}"  # noqa: S608
            f"WHERE {wanted} ORDER BY r.score LIMIT %s",
            [match, *values, limit],
        )
        return [int(row[0]) for row in cursor.fetchall()]


# What the re-rank, the facets and the tags read of a candidate. The raw text is long and
# only needed for the snippets of one page of results, whose entries are read whole.
CANDIDATE_FIELDS = (
    "id",
    "item_type_id",
    "item_id",
    "group_key",
    "language",
    "kind",
    "title",
    "url",
    "countries",
    "themes",
    "target_groups",
    "cities",
    "legal_statuses",
    "guide_steps",
    "title_terms",
    "terms",
)


class Candidate:
    """One search entry as the ranking sees it: its fields, read as a row.

    Up to ``CANDIDATES`` of them per query, most never shown: building a model instance
    for each (Django's ``Model.__init__`` and deferred loading) took 5 of the 9 ms of
    reading 300 of them at 100k entries; the shown page's entries are full
    ``SearchEntry`` objects (``search``)."""

    __slots__ = CANDIDATE_FIELDS

    def __init__(self, *values):
        for name, value in zip(CANDIDATE_FIELDS, values, strict=True):
            setattr(self, name, value)

    @property
    def pk(self) -> int:
        return self.id

    def __eq__(self, other) -> bool:  # the same entry, as model instances compare
        return isinstance(other, Candidate) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"<Candidate {self.id}: {self.title} ({self.language})>"


def _candidates(queryset, fields=CANDIDATE_FIELDS) -> list[Candidate]:
    blank = ("",) * (len(CANDIDATE_FIELDS) - len(fields))  # the fields not read (terms) stay empty
    return [Candidate(*row, *blank) for row in queryset.values_list(*fields)]


def _in_order(ids: list[int]) -> list[Candidate]:
    entries = {entry.pk: entry for entry in _candidates(SearchEntry.objects.filter(pk__in=ids))}
    return [entries[pk] for pk in ids if pk in entries]


def _sqlite_ranked(words: list[str], operator: str) -> list[Candidate]:
    # FTS5 columns are (autocomplete, body, title). A search entry's folded title is in body,
    # its title column is empty (see _postgres_ranked): the title's weight changes nothing.
    return _in_order(_fts5_ids(_fts5_match(words, operator), "0.0, 1.0, 5.0", CANDIDATES))


def _tsquery(words: list[str], operator: str) -> str:
    """A tsquery of our own folded word tokens, each quoted: ``('beg' | 'begl') & ('riga')``."""
    groups = ["(" + " | ".join(f"'{form}'" for form in sorted(query_forms(word))) + ")" for word in words]
    return (" & " if operator == "and" else " | ").join(groups)


def _postgres_ranked(words: list[str], operator: str) -> list[Candidate]:
    """Rank on PostgreSQL with the GIN indexes of the index Wagtail's backend maintains.

    Written by hand for the same reason as on SQLite: the backend (modelsearch 1.3)
    matches ``title || body``, which no index serves, and computes six ts_rank() per
    row; at 100k entries that took 1.3 s per query here. Only ``body`` is matched, through
    its GIN index: the backend fills ``title`` from a field named ``title`` alone, which a
    search entry does not index (its folded title, ``title_terms``, is in ``body``, weighted
    by its boost), so matching and ranking ``title`` only cost a scan of its index (5-8 ms
    at 100k). The vectors ranked are stored uncompressed (``search`` migration 0006).
    """
    from wagtail.search.models import IndexEntry

    table = IndexEntry._meta.db_table
    # Only the table name is interpolated; every value is a parameter. "+ 0" keeps the
    # content-type index out of the plan: through it the planner tested every entry of the
    # site's search (all of them but the admin's pages and snippets) against the query,
    # 32 ms at 10k entries for a word found nowhere, 2 ms through the GIN indexes.
    sql = (
        "WITH q AS (SELECT to_tsquery('simple', %s) AS query) "  # noqa: S608
        f"SELECT e.object_id FROM {table} e, q WHERE e.content_type_id + 0 = %s "
        "AND e.body @@ q.query ORDER BY ts_rank(e.body, q.query) DESC, e.id LIMIT %s"
    )
    content_type = ContentType.objects.get_for_model(SearchEntry).pk
    with _through_gin_indexes() as cursor:
        cursor.execute(sql, [_tsquery(words, operator), content_type, CANDIDATES])
        ids = [int(row[0]) for row in cursor.fetchall()]
    return _in_order(ids)


# Planner settings for the ranking query alone (see _through_gin_indexes).
GIN_ONLY = {"enable_seqscan": "off", "enable_indexscan": "off"}


@contextmanager
def _through_gin_indexes():
    """A cursor whose next query finds its matches through the GIN indexes, on PostgreSQL.

    For a word in a few percent of 100k entries the planner chose to read the whole table
    (or every entry by the content-type index) and test each row: its cost model counts
    neither the reading of each row's body vector out of TOAST nor its decompression, so
    a scan that unpacks 100k vectors looked cheaper than a bitmap of the 6k that match:
    200–350 ms against 30–60 ms (``bench/search_bench.py``'s index). The ranking has to
    unpack the matching rows' vectors anyway, so the bitmap is never the worse plan. The
    settings hold for this transaction only (``set_config(…, true)``); inside an enclosing
    transaction (a test's, a view's) they are put back as they were, so that its other
    queries plan as before (a failed query's savepoint rollback undoes them by itself).
    """
    names = list(GIN_ONLY)
    enclosed = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        before = None
        if enclosed and names:
            cursor.execute("SELECT " + ", ".join(["current_setting(%s)"] * len(names)), names)
            before = cursor.fetchone()
        _set_config(cursor, dict(GIN_ONLY))
        yield cursor
        if before is not None:
            _set_config(cursor, dict(zip(names, before, strict=True)))


def _set_config(cursor, values: dict[str, str]) -> None:
    if not values:
        return
    cursor.execute(
        "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(values)),
        [item for pair in values.items() for item in pair],
    )


def _database_backend(alias: str) -> bool:
    backend = settings.WAGTAILSEARCH_BACKENDS[alias]["BACKEND"]
    return backend.startswith(("wagtail.search.backends.database", "modelsearch", "search.backend"))


def _uses_sqlite_fts(alias: str) -> bool:
    return connection.vendor == "sqlite" and _database_backend(alias)


def _backend_ranked(alias: str, words: list[str], operator: str) -> list[SearchEntry]:
    if _uses_sqlite_fts(alias):
        return _sqlite_ranked(words, operator)
    if connection.vendor == "postgresql" and _database_backend(alias):
        return _postgres_ranked(words, operator)
    queryset = SearchEntry.objects.all()
    return list(get_search_backend(alias).search(_expression(words, operator), queryset)[:CANDIDATES])


def _ranked(words: list[str], operator: str) -> tuple[list[SearchEntry], bool]:
    try:
        return _backend_ranked("default", words, operator), False
    except Exception:
        if "fallback" not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        # The search server is down or refused: answer from the database instead.
        logger.exception("search backend failed; using the database backend")
        return _backend_ranked("fallback", words, operator), True


def word_weights(words: list[str]) -> list[float]:
    """How much each query word weighs: rarer words more (inverse document frequency).

    A word's frequency is that of its most frequent form in the index's vocabulary;
    a word the vocabulary does not know weighs as the rarest.
    """
    forms = [query_forms(word) for word in words]
    counts = vocabulary.frequencies(set().union(*forms)) if forms else {}
    total = max(vocabulary.entry_total(), 1)
    weights = []
    for word_forms in forms:
        frequency = max((counts.get(form, 0) for form in word_forms), default=0)
        weights.append(math.log(1 + (total - frequency + 0.5) / (frequency + 0.5)))
    return weights


def words_matched(entry: SearchEntry, forms: list[set[str]]) -> int:
    tokens = set(entry.title_terms.split()) | set(entry.terms.split())
    return sum(1 for word_forms in forms if word_forms & tokens)


def rerank(
    entries: list[SearchEntry],
    words: list[str],
    language: str | None = None,
    weights: list[float] | None = None,
) -> list[SearchEntry]:
    """Order the backend's candidates the same way on every backend.

    Backends rank differently (SQLite's bm25() and PostgreSQL's ts_rank() weigh terms
    differently), so the final order is ours and depends only on the entries: first the
    entries that have every query word; then the (rarity-weighted) share of query words
    in the title, which counts three times, plus the share found anywhere, plus a
    BM25-like term-frequency score; ties go by title, then the item's stable key (not
    row ids, which change on a re-index). Guides a step of which answers the query go
    before all of that (``newcomer_guides_first``).
    """
    forms = [query_forms(word) for word in words]
    if weights is None:
        weights = word_weights(words)
    total_weight = sum(weights) or 1.0
    every_form = set().union(*forms)
    parsed = []
    for entry in entries:
        body = entry.terms.split()
        # How often each query word occurs, counted only for the forms the entry has (one
        # set intersection and list.count, both in C: a Counter of every token of 300
        # entries, or a count of every form, cost most of the re-rank at 100k entries).
        present = every_form.intersection(body)
        counts = [sum(body.count(form) for form in word_forms & present) for word_forms in forms]
        parsed.append((entry, set(entry.title_terms.split()), counts, len(body)))
    average = (sum(size for *_rest, size in parsed) / len(parsed)) if parsed else 1.0
    k1, b = 1.2, 0.75

    def score(item):
        entry, title, counts, size = item
        in_title = anywhere = frequency = 0.0
        matched = 0
        for word_forms, weight, count in zip(forms, weights, counts, strict=True):
            if word_forms & title:
                in_title += weight
            if count or word_forms & title:
                anywhere += weight
                matched += 1
            if count:
                norm = k1 * (1 - b + b * size / max(average, 1.0))
                frequency += weight * count / (count + norm)
        value = (3 * in_title + anywhere + 0.5 * frequency) / total_weight
        return (
            matched < len(forms),
            -round(value, 9),
            entry.title.casefold(),
            entry.group_key,
            entry.language,
        )

    ranked = [item[0] for item in sorted(parsed, key=score)]
    return newcomer_guides_first(ranked, forms, language)


def answering_steps(entry: SearchEntry, forms: list[set[str]]) -> list[dict]:
    """The steps of a guide that contain every query word (none for anything but a guide)."""
    if entry.kind != Kind.GUIDE or not forms:
        return []
    return [
        step
        for step in entry.guide_steps or []
        if (terms := set(step.get("terms", "").split())) and all(word_forms & terms for word_forms in forms)
    ]


def newcomer_guides_first(
    ranked: list[SearchEntry], forms: list[set[str]], language: str | None
) -> list[SearchEntry]:
    """Put first the guides (at most ``NEWCOMER_GUIDES``) one step of which answers the query.

    Someone who searches "работа", "dzīvoklis" or "work permit" has most likely just
    arrived: the checklist step that tells them what to do comes before the practitioners
    and projects that mention the word. Among such guides, the one for the reader's own
    country comes first (the country whose official language the page is in), then the
    guide with more answering steps, then the usual order. Only a few go first, so a
    practitioner's query that a step happens to answer still finds its practice on top.
    """
    home = {country for country, code in settings.OFFICIAL_LANGUAGES.items() if code == language}
    answering = []
    for position, entry in enumerate(ranked):
        steps = len(answering_steps(entry, forms))
        if steps:
            answering.append(((not home & set(entry.countries.split()), -steps, position), entry))
    if not answering:
        return ranked
    answering.sort(key=lambda item: item[0])
    chosen = list(dict.fromkeys(entry.group_key for _key, entry in answering))[:NEWCOMER_GUIDES]
    first = [entry for _key, entry in answering if entry.group_key in chosen]
    taken = {id(entry) for entry in first}
    return first + [entry for entry in ranked if id(entry) not in taken]


def _dimension(entry: SearchEntry, name: str) -> list[str]:
    if name == "type":
        return [entry.kind]
    if name == "country":
        return entry.countries.split()
    if name == "theme":
        return entry.themes.split()
    return entry.target_groups.split()


def _window_start(tokens: list[str], hit: int) -> int:
    """Where a snippet around ``tokens[hit]`` starts: at its sentence's start when that is
    near enough, otherwise a few words before it."""
    lead = SNIPPET_WORDS // 3
    for start in range(hit, max(0, hit - lead) - 1, -1):
        if start == 0 or ENDS_SENTENCE.search(tokens[start - 1]):
            return start
    return max(0, hit - lead)


def highlight(
    text: str,
    words: list[str],
    language: str,
    within: list[tuple[int, int]] | None = None,
    seen: dict[tuple[str, str], frozenset[int]] | None = None,
) -> SafeString:
    """A window of ``text`` around the matching words, matches wrapped in <mark>.

    The window is the one that holds the most of the query's words, then the most
    matches (the earliest of equals), and it starts at a sentence's start when one is
    near. ``within`` (word positions) keeps it to those parts of the text, such as the
    steps of a guide that answer the query. ``seen`` remembers which tokens matched
    across the snippets of one page of results (for the same ``words``).
    """
    forms = [query_forms(word) for word in words]
    tokens = text.split()
    seen = {} if seen is None else seen

    def matched(token: str) -> frozenset[int]:
        """Which query words ``token`` is a form of."""
        key = (language, token)
        if key not in seen:
            token_forms: set[str] = set()
            for word in split_words(token):
                token_forms |= {fold(word), fold(stem(word, language)), stem(fold(word), language)}
            seen[key] = frozenset(i for i, word_forms in enumerate(forms) if word_forms & token_forms)
        return seen[key]

    hits = [i for i, token in enumerate(tokens) if matched(token)]
    if within:
        # Only hits inside the preferred parts, each with where its part starts (to show its heading);
        # a part preferred for its terms alone (a step's topic, say) still starts the snippet.
        candidates = [(i, begin) for i in hits for begin, end in within if begin <= i < end]
        start = within[0][0]
    else:
        candidates, start = [(i, None) for i in hits], 0
    best = (0, 0)
    for hit, begin in candidates[:MAX_SNIPPET_HITS]:
        if begin is not None and hit - begin < SNIPPET_WORDS * 2 // 3:
            candidate = begin
        else:
            candidate = _window_start(tokens, hit)
        marks = [matched(token) for token in tokens[candidate : candidate + SNIPPET_WORDS]]
        # The most of the query's words, then the most matches, then the earliest.
        covered = (len(frozenset().union(*marks)), sum(1 for mark in marks if mark))
        if covered > best:
            start, best = candidate, covered
    window = tokens[start : start + SNIPPET_WORDS]
    rendered = [f"<mark>{html.escape(t)}</mark>" if matched(t) else html.escape(t) for t in window]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(tokens) else ""
    return mark_safe(prefix + " ".join(rendered) + suffix)  # noqa: S308 (every token escaped above)


def _find(words: list[str], outcome: SearchOutcome) -> tuple[list[SearchEntry], bool]:
    """The candidates for ``words`` and whether any has every word.

    Every word must match (AND). When that finds fewer than ``RELAX_BELOW`` items, the
    entries with most of the words (at least half) follow them, ranked below
    (``rerank``); when it finds none, those with any word are shown, and the outcome
    says so.
    """
    ranked, outcome.fallback = _ranked(words, "and")
    complete = bool(ranked)
    if len(words) > 1 and len(ranked) < RELAX_BELOW:
        more, fallback = _ranked(words, "or")
        outcome.fallback = outcome.fallback or fallback
        if not ranked:
            ranked, outcome.relaxed = more, bool(more)
        else:
            forms = [query_forms(word) for word in words]
            need = math.ceil(len(words) / 2)
            seen = {entry.pk for entry in ranked}
            extra = [entry for entry in more if entry.pk not in seen and words_matched(entry, forms) >= need]
            ranked, outcome.partial = ranked + extra, bool(extra)
    return ranked, complete


TAG_FIELDS = {
    "theme": "themes",
    "group": "target_groups",
    "country": "countries",
    "city": "cities",
    "status": "legal_statuses",
}


def _tagged(
    named: list[tuple[concepts.Concept, frozenset[int]]], words: list[str], seen: set[int]
) -> list[SearchEntry]:
    """Entries tagged with a concept the query names, in any language, that have the query's
    other words (those not part of the concept's name) and are not among ``seen``."""
    found: list[SearchEntry] = []
    seen = set(seen)
    for concept, covered in named:
        name = TAG_FIELDS[concept.kind]
        remaining = [word for position, word in enumerate(words) if position not in covered]
        if remaining:
            pool, _fallback = _ranked(remaining, "and")
        else:
            # A LIKE, not a regex (SQLite runs regexes in Python, row by row); exact in Python.
            rows = SearchEntry.objects.filter(**{f"{name}__contains": concept.value}).values_list("pk", name)
            ids = [pk for pk, values in rows[: CANDIDATES * 4] if concept.value in values.split()]
            pool = _in_order(ids[:CANDIDATES])
        for entry in pool:
            if entry.pk not in seen and concept.value in getattr(entry, name).split():
                seen.add(entry.pk)
                found.append(entry)
    return found


def _known(words: list[str]) -> list[bool]:
    """Whether each word has a form the index holds (one query for all of them)."""
    forms = [query_forms(word) for word in words]
    present = set(vocabulary.frequencies(set().union(*forms))) if forms else set()
    return [bool(word_forms & present) for word_forms in forms]


def _most_common(candidates: list[str], language: str) -> str | None:
    """The candidate spelling whose own form (else any form) the index holds most often."""
    if not candidates:
        return None
    counts = vocabulary.frequencies(
        {fold(candidate) for candidate in candidates} | set().union(*(query_forms(c) for c in candidates))
    )
    best = None
    for order, candidate in enumerate(candidates):
        own = counts.get(fold(candidate), 0)
        stems = max((counts.get(form, 0) for form in query_forms(candidate)), default=0)
        if own or stems:
            key = (not own, -(own or stems), order)
            if best is None or key < best[0]:
                best = (key, candidate)
    return best[1] if best else None


def correct_word(word: str, language: str) -> str | None:
    """What a word that matches nothing was most likely meant to be, or None.

    In order: the same word typed in the other alphabet ("bezhency" → "беженцы",
    "Тарту" → "tartu"), the nearest written word of the index within one or two edits
    ("imigrnti" → "imigranti"), and the nearest word to its Cyrillic spelling
    ("bezhenci" → "беженцы").
    """
    if translit.is_latin(word):
        variants = translit.to_cyrillic(word)
    elif translit.is_cyrillic(word):
        variants = translit.to_latin(word)
    else:
        variants = []
    found = _most_common(variants, language)
    if found:
        return vocabulary.written(found, language)
    found = vocabulary.closest(word, language)
    if found:
        return found
    for variant in variants[:4]:
        found = vocabulary.closest(variant, language, alphabet=translit.is_cyrillic)
        if found:
            return found
    return None


MAX_CORRECTIONS = 4  # words corrected per query; the rest of a long unknown query stays as typed


def corrections(words: list[str], language: str) -> list[list[str]]:
    """Corrected versions of ``words`` to try, most conservative first (none if none is found).

    First each word that matches nothing is corrected. Then, as a query of several words
    may be Russian typed on a Latin keyboard although some of its words exist in English
    ("romskij mediator"), every Latin word is tried in Cyrillic. Last, a word that matches
    only through a stray stem ("mediatrs" → "mediatr") is replaced by its nearest written
    word. The search keeps the first version with which every word matches.
    """
    known = _known(words)
    written = set(vocabulary.frequencies(fold(word) for word in words))
    base, tried = [], 0
    for word, is_known in zip(words, known, strict=True):
        if not is_known and tried < MAX_CORRECTIONS and not word.isdigit():
            tried += 1
            word = correct_word(word, language) or word
        base.append(word)
    versions = [base]
    if len(words) > 1:
        stray = [i for i, word in enumerate(words) if known[i] and fold(word) not in written]
        stray = stray[:MAX_CORRECTIONS]
        alphabet, nearest = list(base), list(base)
        # Russian typed on a Latin keyboard: every Latin word, not only those that match nothing.
        latin = [i for i, word in enumerate(base) if word == words[i] and translit.is_latin(word)]
        for i in latin[:MAX_CORRECTIONS]:
            alphabet[i] = nearest[i] = _most_common(translit.to_cyrillic(words[i]), language) or words[i]
        for i in stray:
            if nearest[i] == words[i]:
                nearest[i] = vocabulary.closest(words[i], language) or words[i]
        versions += [alphabet, nearest]
    unique = []
    for version in versions:
        if version != words and version not in unique:
            unique.append(version)
    return unique


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

    ranked, complete = _find(words, outcome)
    if not complete and params.get(VERBATIM) != "1":
        for corrected in corrections(words, language):
            attempt = SearchOutcome(query=query)
            again, complete_again = _find(corrected, attempt)
            if complete_again or (again and not ranked):
                ranked, words = again, corrected
                outcome.relaxed, outcome.partial = attempt.relaxed, attempt.partial
                outcome.fallback = outcome.fallback or attempt.fallback
                outcome.corrected_query = " ".join(corrected)
            if complete_again:
                break

    named = concepts.named([query_forms(word) for word in words])
    outcome.concepts = [concept for concept, _covered in named]
    if named:
        extra = _tagged(named, words, {entry.pk for entry in ranked})
        ranked, outcome.tagged = ranked + extra, len(extra)

    ranked = rerank(ranked, words, language)
    # One result per item, in the reader's language where it exists.
    best: dict[str, SearchEntry] = {}
    for entry in ranked:
        best.setdefault(entry.group_key, entry)
    # Only the items found in another language; their terms are not needed after the re-rank.
    others = [key for key, entry in best.items() if entry.language != language]
    own = {
        entry.group_key: entry
        for entry in _candidates(
            SearchEntry.objects.filter(group_key__in=others, language=language),
            CANDIDATE_FIELDS[: CANDIDATE_FIELDS.index("title_terms")],
        )
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
    # The page's entries whole (with their text, for the snippets), in the page's order.
    shown = SearchEntry.objects.in_bulk([candidate.pk for candidate in outcome.page.object_list])
    forms = [query_forms(word) for word in words]
    seen: dict[tuple[str, str], frozenset[int]] = {}
    for candidate in outcome.page.object_list:
        entry = shown[candidate.pk]
        snippet = highlight(
            entry.text or entry.summary,
            words,
            entry.language,
            within=[(step["start"], step["end"]) for step in answering_steps(entry, forms)],
            seen=seen,
        )
        other_language = entry.language != language
        outcome.results.append(Result(entry=entry, snippet=snippet, other_language=other_language))
    return outcome


def _postgres_suggest(words: list[str], language: str, limit: int) -> list[SearchEntry]:
    """Entries of ``language`` whose title has every word, the last one as a prefix, on PostgreSQL.

    By hand because the backend's autocomplete matches the title as typed (no folding):
    the autocomplete column holds the folded title terms, so "beg" finds "Bēgļi" here too.
    """
    from wagtail.search.models import IndexEntry

    table, entries = IndexEntry._meta.db_table, SearchEntry._meta.db_table
    tsquery = " & ".join(f"'{word}'" + (":*" if i == len(words) - 1 else "") for i, word in enumerate(words))
    # Only table names are interpolated; every value is a parameter.
    sql = (
        "WITH q AS (SELECT to_tsquery('simple', %s) AS query) "  # noqa: S608
        f"SELECT e.object_id FROM {table} e JOIN {entries} s ON s.id = CAST(e.object_id AS INTEGER), q "
        "WHERE e.content_type_id = %s AND s.language = %s AND e.autocomplete @@ q.query "
        "ORDER BY ts_rank(e.autocomplete, q.query) DESC, s.title, s.group_key LIMIT %s"
    )
    content_type = ContentType.objects.get_for_model(SearchEntry).pk
    with connection.cursor() as cursor:
        cursor.execute(sql, [tsquery, content_type, language, limit])
        return _in_order([int(row[0]) for row in cursor.fetchall()])


def suggestions(raw_query: str | None, language: str, limit: int = 8) -> list[str]:
    """Titles that start like what is being typed, in the reader's language first.

    Folded like the search (case, diacritics, ё/е) on every backend: the titles are
    matched through their folded terms (``SearchEntry.title_terms``).
    """
    # Only word characters reach the backend: quotes and operators break SQLite FTS5.
    words = [token for word in query_words(clean_query(raw_query)) for token in WORD.findall(fold(word))]
    text = " ".join(words)
    if len(text) < 2:
        return []
    if _uses_sqlite_fts("default"):
        match = "{autocomplete} : " + " AND ".join(
            '"' + word.replace('"', '""') + '"' + ("*" if i == len(words) - 1 else "")
            for i, word in enumerate(words)
        )
        results = _in_order(_fts5_ids(match, "1.0, 0.0, 0.0", limit * 2, language=language))
    elif connection.vendor == "postgresql" and _database_backend("default"):
        results = _postgres_suggest(words, language, limit * 2)
    else:
        queryset = SearchEntry.objects.filter(language=language)
        try:
            results = list(get_search_backend().autocomplete(text, queryset)[: limit * 2])
        except Exception:  # suggestions are a convenience: without the server there are none
            logger.exception("autocomplete failed on the search backend")
            return []
    return list(dict.fromkeys(entry.title for entry in results))[:limit]
