"""Language-aware text processing shared by indexing and querying, on every backend.

Words are stemmed with the page's language (Snowball for lt, et, ru, en; our light
stemmers for lv and uk, which Snowball lacks), then folded: lowercase, no diacritics, Cyrillic
yo as ye, Ukrainian ґ, є, ї as г, е, і (what a Russian keyboard types), and an apostrophe
inside a Cyrillic word (сім'я, сім’я, сімʼя) dropped, so every way of typing it meets. A document is indexed
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

from . import latvian, ukrainian

LANGUAGES = ("en", "lv", "lt", "et", "ru", "uk")
_SNOWBALL = {"en": "english", "lt": "lithuanian", "et": "estonian", "ru": "russian"}
WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORD = 40
# Ukrainian writes an apostrophe inside words (сім'я "family", п'ять "five"): typed as ', ’ or
# the letter ʼ (U+02BC), or a backtick on some phones. Between Cyrillic letters it is dropped
# before words are split, so "сім’я" is one word "сімя" however it was typed.
_APOSTROPHE = re.compile(r"(?<=[а-яёіїєґ])['’ʼ‘`](?=[а-яёіїєґ])", re.IGNORECASE)
_UKRAINIAN_LETTERS = str.maketrans({"ґ": "г", "є": "е"})


@functools.cache
def _snowball(language: str):
    return snowballstemmer.stemmer(_SNOWBALL[language])


def fold(text: str) -> str:
    """Lowercase without diacritics: "Rīgā" → "riga", "ёлка" → "елка", "Šiaulių" → "siauliu",
    "Її" → "іі", "ґанок" → "ганок", "сім’я" → "симя" (й and ї lose their marks like ё)."""
    decomposed = unicodedata.normalize(
        "NFKD", join_apostrophes(text.casefold()).translate(_UKRAINIAN_LETTERS)
    )
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Function words that name nothing ("Data and evidence", "Лица, ищущие убежища"): a query does
# not need them, and a query word is not expanded to one of them by another language's stemmer
# (Latvian "īre", rent, stems to Lithuanian "ir", "and", which nearly every text holds; "kursi"
# to "kur", "where").
STOP_WORDS = frozenset(
    {
        # en
        "and", "of", "the", "for", "in", "on", "with", "to", "a", "an",
        # lv
        "un", "ar", "par", "uz", "no", "ir", "vai", "kur", "arī",
        # lt
        "su", "už", "iš", "per", "kad", "į",
        # et
        "ja", "ning", "ka", "või",
        # ru
        "и", "в", "на", "по", "для", "с", "или", "не", "что", "как",
        # uk
        "і", "й", "та", "у", "з", "із", "до", "або", "чи", "що", "як",
    }
)  # fmt: skip


def join_apostrophes(text: str) -> str:
    return _APOSTROPHE.sub("", text)


def split_words(text: str) -> list[str]:
    """The words of ``text`` as written (case kept), apostrophes inside Cyrillic words dropped."""
    return WORD.findall(join_apostrophes(text))


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    word = join_apostrophes(word.casefold()).replace("ё", "е")
    if language == "lv":
        return latvian.stem(word)
    if language == "uk":
        return ukrainian.stem(word)
    if language in _SNOWBALL:
        return _snowball(language).stemWord(word)
    return word


def words(text: str) -> list[str]:
    return [word for word in split_words(text.casefold()) if len(word) <= MAX_WORD]


_ET_VOWELS = frozenset("aeiuoõäöü")
_ET_MIN_KEY = 4


def estonian_key(stem: str) -> str:
    """A coarser key under which Estonian dictionary forms and inflected forms meet.

    Snowball leaves "kohvik" but stems "kohvikud" to "kohviku", "töömentorid" to
    "töömentori", "keskus" to "kesku" and "keskuse" to "keskuse": the stem vowel of the
    genitive (and an -s- stem) stays. Dropping trailing stem vowels and one vowel-led
    -s, while at least four letters remain, brings each pair to one key ("kohvik",
    "töömentor", "kesk"). Both the index and the query add this key, so they meet.
    """
    key = stem
    while len(key) > _ET_MIN_KEY and key[-1] in _ET_VOWELS:
        key = key[:-1]
    if len(key) > _ET_MIN_KEY + 1 and key[-1] == "s" and key[-2] in _ET_VOWELS:
        key = key[:-1]
        while len(key) > _ET_MIN_KEY and key[-1] in _ET_VOWELS:
            key = key[:-1]
    return key


_EN_SUFFIXES = ("at", "it", "is", "iz")


def english_key(stem: str) -> str:
    """Where Snowball splits one English word across word classes ("recognition" →
    "recognit", "recognised" → "recognis", "recognized" → "recogn"), a shared key: the
    stem without a final -at/-it/-is/-iz when more than four letters remain."""
    if len(stem) > 6 and stem.endswith(_EN_SUFFIXES):
        return stem[:-2]
    return stem


def word_forms(word: str, language: str) -> set[str]:
    """The tokens a document in ``language`` is indexed under for ``word``."""
    forms = {fold(word), fold(stem(word, language)), stem(fold(word), language)}
    if language == "et":
        forms |= {fold(estonian_key(form)) for form in set(forms)}
    elif language == "en":
        forms |= {english_key(form) for form in set(forms)}
    return forms - {""}


def index_terms(text: str, language: str) -> str:
    """Space-separated tokens to index for ``text`` written in ``language``."""
    terms: list[str] = []
    for word in words(text):
        forms = word_forms(word, language)
        terms.extend(sorted(forms))
    return " ".join(terms)


_STOP_FORMS = frozenset(fold(word) for word in STOP_WORDS)


@functools.lru_cache(maxsize=20_000)
def query_forms(word: str) -> frozenset[str]:
    """Every token a query word may have been indexed under, in any of the site's languages,
    but a function word another language's stemmer made of it (see ``STOP_WORDS``).

    Kept per word: one search asks for a word's forms a dozen times or more (the match,
    the re-rank, the corrections, the concepts, each snippet), and each time folded and
    stemmed it in six languages (5 ms of a query at 100k entries)."""
    forms: set[str] = set()
    for language in LANGUAGES:
        forms |= word_forms(word, language)
    typed = fold(word)
    return frozenset(form for form in forms if form == typed or form not in _STOP_FORMS)


def query_words(query: str, limit: int = 12) -> list[str]:
    """The words of a cleaned query, at most ``limit`` of them (the rest add nothing but cost);
    function words are left out unless the query is nothing else."""
    found = words(query)
    content = [word for word in found if fold(word) not in _STOP_FORMS]
    return (content or found)[:limit]
