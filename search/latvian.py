"""A light stemmer for Latvian: no maintained package has one.

Algorithm: the light variant of Kārlis Kreslins' stemmer — K. Kreslins, *A stemming
algorithm for Latvian*, PhD thesis, Loughborough University, 1996 — as described and
evaluated for retrieval by J. Savoy and used by Apache Lucene's LatvianStemmer. It
removes only the inflectional endings of nouns and adjectives (case, number, gender,
definiteness), keeps at least one vowel and three letters of stem, and undoes the
consonant change (palatalisation) that some endings cause in declensions II, V and VI,
so that "bēgļi", "bēgļu" and "bēgļiem" all become "bēgl".

Written here from the published description because no PyPI or Debian package provides
it; it is small, and the tests in tests/test_search_text.py pin its behaviour on real
word forms.
"""

from __future__ import annotations

VOWELS = frozenset("aeiouāēīū")

# (ending, vowels the word must have more than, whether removing it may undo palatalisation),
# longest and most specific first: the first ending that fits is removed.
ENDINGS: tuple[tuple[str, int, bool], ...] = (
    ("ajiem", 3, False),
    ("ajai", 3, False),
    ("ajam", 2, False),
    ("ajām", 2, False),
    ("ajos", 2, False),
    ("ajās", 2, False),
    ("iem", 2, True),
    ("ajā", 2, False),
    ("ais", 2, False),
    ("ai", 2, False),
    ("ei", 2, False),
    ("ām", 1, False),
    ("am", 1, False),
    ("ēm", 1, False),
    ("īm", 1, False),
    ("im", 1, False),
    ("um", 1, False),
    ("us", 1, True),
    ("as", 1, False),
    ("ās", 1, False),
    ("es", 1, False),
    ("os", 1, True),
    ("ij", 1, False),
    ("īs", 1, False),
    ("ēs", 1, False),
    ("is", 1, False),
    ("ie", 1, False),
    ("u", 1, True),
    ("a", 1, True),
    ("i", 1, True),
    ("e", 1, False),
    ("ā", 1, False),
    ("ē", 1, False),
    ("ī", 1, False),
    ("ū", 1, False),
    ("o", 1, False),
    ("s", 0, False),
    ("š", 0, False),
)

# Consonant pairs changed before some endings, and what they were: "šņ" in "ziņa"-type
# words stays; these are the unambiguous reversals (s/t->š and d/z->ž are ambiguous).
_PAIRS = {"šņ": "sn", "žņ": "zn", "šļ": "sl", "žļ": "zl", "ļņ": "ln", "ļļ": "ll"}
_SINGLE = {"č": "c", "ļ": "l", "ņ": "n"}
_LABIAL_J = ("pj", "bj", "mj", "vj")


def _unpalatalise(stem: str, removed: str) -> str:
    if removed.startswith("u"):  # genitive plural of declensions II, V, VI
        if stem.endswith("kš"):
            return stem[:-2] + "kst"
        if stem.endswith("ņņ"):
            return stem[:-2] + "nn"
    if stem.endswith(_LABIAL_J):
        return stem[:-1]
    pair = stem[-2:]
    if pair in _PAIRS:
        return stem[:-2] + _PAIRS[pair]
    if stem[-1:] in _SINGLE:
        return stem[:-1] + _SINGLE[stem[-1]]
    return stem


def stem(word: str) -> str:
    """The stem of one lowercase Latvian word."""
    vowels = sum(1 for char in word if char in VOWELS)
    for ending, min_vowels, palatalises in ENDINGS:
        if vowels > min_vowels and len(word) >= len(ending) + 3 and word.endswith(ending):
            base = word[: -len(ending)]
            return _unpalatalise(base, ending) if palatalises else base
    return word
