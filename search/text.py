"""Language-aware text processing shared by indexing and querying, on every backend.

Words are stemmed with the page's language (Snowball for lt, et, ru, en; our Latvian
light stemmer for lv), then folded: lowercase, no diacritics, Cyrillic yo as ye. A document is indexed
under each word's folded form, its folded stem, and the stem of its folded form (so
text typed without diacritics still meets text written with them). A query word is
expanded to the same forms under *every* language's stemmer, so a Latvian reader finds
Lithuanian text too; the search backend only ever compares plain tokens, which is why
SQLite, PostgreSQL and Elasticsearch behave alike.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

from . import latvian

LANGUAGES = ("en", "lv", "lt", "et", "ru")
_SNOWBALL = {"en": "english", "lt": "lithuanian", "et": "estonian", "ru": "russian"}
WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORD = 40


@functools.cache
def _snowball(language: str):
    return snowballstemmer.stemmer(_SNOWBALL[language])


def fold(text: str) -> str:
    """Lowercase without diacritics: "Rīgā" → "riga", "ёлка" → "елка", "Šiaulių" → "siauliu"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    word = word.casefold().replace("ё", "е")
    if language == "lv":
        return latvian.stem(word)
    if language in _SNOWBALL:
        return _snowball(language).stemWord(word)
    return word


def words(text: str) -> list[str]:
    return [word for word in WORD.findall(text.casefold()) if len(word) <= MAX_WORD]


def word_forms(word: str, language: str) -> set[str]:
    """The tokens a document in ``language`` is indexed under for ``word``."""
    return {fold(word), fold(stem(word, language)), stem(fold(word), language)} - {""}


def index_terms(text: str, language: str) -> str:
    """Space-separated tokens to index for ``text`` written in ``language``."""
    terms: list[str] = []
    for word in words(text):
        forms = word_forms(word, language)
        terms.extend(sorted(forms))
    return " ".join(terms)


def query_forms(word: str) -> set[str]:
    """Every token a query word may have been indexed under, in any of the site's languages."""
    forms: set[str] = set()
    for language in LANGUAGES:
        forms |= word_forms(word, language)
    return forms


def query_words(query: str, limit: int = 12) -> list[str]:
    """The words of a cleaned query, at most ``limit`` of them (the rest add nothing but cost)."""
    return words(query)[:limit]
