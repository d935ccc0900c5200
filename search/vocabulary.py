"""The index's vocabulary: which tokens the entries of each language hold, and how often.

``SearchTerm`` rows follow ``SearchEntry``: ``entry_changed`` adjusts the counts of the
tokens an entry gains or loses (in the same transaction as the entry itself) and
``recount`` rebuilds them all (``rebuild_search``, or after entries were bulk-created).
Queries read it for two things:

- document frequencies (``frequencies``): a rare query word weighs more in the ranking;
- spelling correction (``closest``): a query word with no match in the index becomes the
  nearest written word of the vocabulary, by edit distance (RapidFuzz), in the reader's
  language first. The words are held in memory per process and reloaded when the index
  changes: every change of the entries sets a new version in the shared cache (now and
  when it commits), so a query checks one cache key; without a shared cache (the fragment
  cache off) the entries' count, last update and last id are compared instead, an
  aggregate over every entry (110 ms at 100k entries on SQLite).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Max, Sum
from django.db.models.functions import Greatest
from rapidfuzz import process
from rapidfuzz.distance import OSA

from nbnet import page_cache

from .models import SearchEntry, SearchTerm
from .text import fold, split_words

logger = logging.getLogger(__name__)

MAX_TERM = 100  # SearchTerm.term's length; longer tokens (never real words) are not counted
BATCH = 300


def written_forms(*texts: str) -> dict[str, str]:
    """Each folded word of ``texts`` with one way it is written (lowercase, diacritics kept)."""
    forms: dict[str, str] = {}
    for text in texts:
        for word in split_words((text or "").casefold()):
            if len(word) <= MAX_TERM and not word.isdigit():
                forms.setdefault(fold(word), word)
    return forms


def entry_tokens(title_terms: str, terms: str) -> set[str]:
    return {token for token in f"{title_terms} {terms}".split() if len(token) <= MAX_TERM}


def _table() -> str:
    return SearchTerm._meta.db_table


def _add(language: str, counts: Counter[str], written: dict[str, str]) -> None:
    """Each token of ``counts`` is held by that many more entries of ``language``."""
    rows = sorted(counts)
    table = _table()
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
        params: list = []
        for token in chunk:
            params += [token, language, counts[token], written.get(token, "")]
        # Only the table name is interpolated; every value is a parameter.
        sql = (
            f"INSERT INTO {table} (term, language, entries, word) VALUES {values} "  # noqa: S608
            "ON CONFLICT (term, language) DO UPDATE SET entries = "
            f"{table}.entries + excluded.entries, word = CASE WHEN excluded.word <> '' THEN excluded.word "
            f"ELSE {table}.word END"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def _remove(language: str, counts: Counter[str]) -> None:
    """Each token of ``counts`` is held by that many fewer entries of ``language`` (never below 0)."""
    by_count: dict[int, list[str]] = {}
    for token, count in counts.items():
        by_count.setdefault(count, []).append(token)
    for count, tokens in by_count.items():
        rows = sorted(tokens)
        for start in range(0, len(rows), BATCH):
            SearchTerm.objects.filter(
                language=language, term__in=rows[start : start + BATCH], entries__gt=0
            ).update(entries=Greatest(F("entries") - count, 0))


def entry_changed(before: tuple[str, set[str]] | None, after: SearchEntry | None) -> None:
    """Adjust the counts for one entry: ``before`` is its (language, tokens) before the change
    (None if it did not exist), ``after`` the entry now (None if it was removed)."""
    entries_changed([(before, after)])


def entries_changed(changes: Iterable[tuple[tuple[str, set[str]] | None, SearchEntry | None]]) -> None:
    """``entry_changed`` for many entries: the counts they change added up, then written in
    one statement per language (and per count removed), not a few per entry. A token's written
    form is the last changed entry's that has one, as when they are written one by one."""
    added: dict[str, Counter[str]] = {}
    removed: dict[str, Counter[str]] = {}
    written: dict[str, dict[str, str]] = {}
    for before, after in changes:
        new_language, new_tokens = "", set()
        if after is not None:
            new_language = after.language
            new_tokens = entry_tokens(after.title_terms, after.terms)
        if before is not None:
            old_language, old_tokens = before
            if old_language == new_language:
                removed.setdefault(old_language, Counter()).update(old_tokens - new_tokens)
                new_tokens = new_tokens - old_tokens
            else:
                removed.setdefault(old_language, Counter()).update(old_tokens)
        if new_tokens:
            added.setdefault(new_language, Counter()).update(new_tokens)
            forms = written.setdefault(new_language, {})
            for token, word in written_forms(after.title, after.summary, after.text).items():
                if token in new_tokens:
                    forms[token] = word
    with transaction.atomic():
        for language, counts in removed.items():
            _remove(language, counts)
        for language, counts in added.items():
            _add(language, counts, written.get(language, {}))
    changed()


def snapshot(queryset) -> list[tuple[str, set[str]]]:
    """The (language, tokens) of entries about to change or go, for ``entry_changed``."""
    return [
        (language, entry_tokens(title_terms, terms))
        for language, title_terms, terms in queryset.values_list("language", "title_terms", "terms")
    ]


def recount(progress=None) -> int:
    """Rebuild the whole vocabulary from the entries. Returns how many tokens it holds."""
    counts: Counter[tuple[str, str]] = Counter()
    written: dict[tuple[str, str], str] = {}
    rows = SearchEntry.objects.values_list("language", "title_terms", "terms", "title", "summary", "text")
    for number, (language, title_terms, terms, title, summary, text) in enumerate(
        rows.iterator(chunk_size=500)
    ):
        tokens = entry_tokens(title_terms, terms)
        counts.update((token, language) for token in tokens)
        for token, word in written_forms(title, summary, text).items():
            if token in tokens:
                written.setdefault((token, language), word)
        if progress and number and number % 10_000 == 0:
            progress(f"vocabulary: {number} entries counted")
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(
            (
                SearchTerm(
                    term=term, language=language, entries=entries, word=written.get((term, language), "")
                )
                for (term, language), entries in counts.items()
            ),
            batch_size=2000,
        )
        changed()
    return len(counts)


def frequencies(tokens: Iterable[str]) -> dict[str, int]:
    """How many entries (all languages) hold each of ``tokens``; absent tokens are left out."""
    tokens = sorted(set(tokens))
    if not tokens:
        return {}
    rows = (
        SearchTerm.objects.filter(term__in=tokens, entries__gt=0)
        .values("term")
        .annotate(total=Sum("entries"))
        .values_list("term", "total")
    )
    return dict(rows)


_total: tuple[float, str, int] = (0.0, "", 0)
TOTAL_SECONDS = 60


def entry_total() -> int:
    """How many entries there are, for inverse document frequencies: counted at most once a
    minute per process (a count at 100k entries costs more than the rest of a query, and
    the weights need only its order of magnitude)."""
    global _total
    now, database = time.monotonic(), str(connection.settings_dict.get("NAME"))
    if _total[1] != database or now - _total[0] > TOTAL_SECONDS or not _total[2]:
        _total = (now, database, SearchEntry.objects.count())
    return _total[2]


# --- Spelling correction -------------------------------------------------------------


@dataclass
class _Words:
    version: tuple = ()
    # By length: the folded written words, and for each its entries and written form per language.
    by_length: dict[int, list[str]] = field(default_factory=dict)
    entries: dict[str, int] = field(default_factory=dict)
    written: dict[str, dict[str, str]] = field(default_factory=dict)


_cache = _Words()
_lock = threading.Lock()


# The vocabulary's version, a tag of the page cache's (``nbnet.page_cache.mark``) that no page
# depends on.
VERSION_TAG = "search-vocabulary"
VERSION_KEY = page_cache.TAG_KEY + VERSION_TAG


def _shared_version() -> int | None:
    """The vocabulary's version in the shared cache (None without one, or when it fails)."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:  # no shared cache: see settings.production
        return None
    try:
        return page_cache.versions((VERSION_TAG,))[VERSION_TAG]
    except Exception:
        logger.warning("search vocabulary: cache unavailable", exc_info=True)
        return None


def changed() -> None:
    """The entries changed: every process reloads the words, now and once the change has
    committed (a query in between may have loaded the old words under the first version)."""
    if settings.FRAGMENT_CACHE_SECONDS > 0:
        page_cache.mark(VERSION_TAG)


def _version() -> tuple:
    database = (connection.alias, connection.settings_dict.get("NAME"))
    shared = _shared_version()
    if shared is not None:
        return (*database, shared)
    row = SearchEntry.objects.aggregate(count=Count("id"), last=Max("updated_at"), top=Max("id"))
    return (*database, row["count"], row["last"], row["top"])


def _words() -> _Words:
    global _cache
    version = _version()
    if _cache.version == version:
        return _cache
    with _lock:
        if _cache.version == version:
            return _cache
        words = _Words(version=version)
        rows = (
            SearchTerm.objects.filter(entries__gt=0)
            .exclude(word="")
            .values_list("term", "language", "entries", "word")
        )
        for term, language, entries, word in rows.iterator(chunk_size=5000):
            if term not in words.entries:
                words.by_length.setdefault(len(term), []).append(term)
            words.entries[term] = words.entries.get(term, 0) + entries
            words.written.setdefault(term, {})[language] = word
        _cache = words
        return words


def written(word: str, language: str) -> str:
    """How the index writes ``word`` (in the reader's language first): "kalnina" → "kalniņa"."""
    forms = _words().written.get(fold(word))
    if not forms:
        return word
    return forms.get(language) or forms[min(forms)]


def max_edits(word: str) -> int:
    """One edit for short words (up to five letters), two for longer ones."""
    return 1 if len(word) <= 5 else 2


def closest(word: str, language: str, alphabet=None) -> str | None:
    """The written word of the index nearest to ``word`` (None if none is near enough).

    Nearest by optimal-string-alignment distance (a swap of two neighbouring letters is
    one edit) on folded forms, within ``max_edits``; among the nearest, a word found in
    the reader's language first, then the most common. ``alphabet`` (a predicate on a
    word) restricts the candidates, e.g. to Cyrillic.
    """
    folded = fold(word)
    if len(folded) < 3:
        return None
    limit = max_edits(folded)
    words = _words()
    best = None
    for length in range(len(folded) - limit, len(folded) + limit + 1):
        choices = words.by_length.get(length)
        if not choices:
            continue
        for term, distance, _index in process.extract(
            folded, choices, scorer=OSA.distance, score_cutoff=limit, limit=None
        ):
            if alphabet is not None and not alphabet(term):
                continue
            written = words.written[term]
            key = (distance, language not in written, -words.entries[term], term)
            if best is None or key < best[0]:
                best = (key, written.get(language) or next(iter(sorted(written.items())))[1])
    return best[1] if best else None
