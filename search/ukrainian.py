"""A light stemmer for Ukrainian: Snowball (snowballstemmer, PyStemmer 3.1) has none.

Approach: J. Savoy's light stemming for Slavic languages — remove only the inflectional
endings of nouns and adjectives (case and number), the way Apache Lucene's
RussianLightStemmer does for Russian (J. Savoy, *Searching strategies for the Russian
language*, Information Processing & Management 43, 2007) — with the endings of Ukrainian
declension instead of Russian ones. Verbs are left whole (their short endings -ти, -ла,
-ли collide with noun stems: "роботи" would lose "ти"); a reader's query is mostly nouns.

Three normalisations after that, which Ukrainian needs and Russian does not:

- the fleeting vowel of the nominative in -ець and (in words of six letters or more) -ок is
  dropped, as the other cases drop it ("біженець"/"біженця", "притулок"/"притулку");

- the second palatalisation: к, г, х become ц, з, с before -і in the dative and locative
  ("посвідка" → "посвідці", "допомога" → "допомозі"); a stem ending in ц, з or с is
  written back with к, г, х. This is done for every form, so the forms of one word still
  meet ("вулиця" and "вулиці" both become "вулик"); it is a key, not a word.
- a doubled н of verbal nouns ("навчання", "навчанням") becomes one, as in Lucene's
  Russian light stemmer.

Written here from the published descriptions because no maintained package has a Ukrainian
stemmer (PyPI's few are unmaintained ports with no tests); tests/test_ukrainian_search.py
pins its behaviour on real word forms. Vowel alternation in closed syllables
("робота"/"робіт", "школа"/"шкіл") is beyond a light stemmer and stays unmatched.
"""

from __future__ import annotations

VOWELS = frozenset("аеиіїоуюяє")

# Endings by length, longest first; each is removed only when the word is longer than the
# given length, so that at least three letters of stem stay (Savoy's rule).
_ENDINGS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (6, ("ього", "ьому", "іями")),
    (
        5,
        ("ями", "ами", "ові", "еві", "єві", "ого", "ому", "ими", "іми", "ією", "іям", "іях", "ьої", "ьою"),
    ),
    (
        4,
        (
            "ах", "ях", "ам", "ям", "ом", "ем", "єм", "ою", "ею", "єю", "ої", "ій", "ий", "ім", "им",
            "их", "іх", "ів", "їв", "ую", "юю", "ія", "ії", "ію", "ей", "ий", "ая", "яя", "іє", "еє",
        ),
    ),
    (3, ("а", "е", "и", "і", "ї", "о", "у", "ю", "я", "є", "й", "ь")),
)  # fmt: skip

_PALATALISED = {"ц": "к", "з": "г", "с": "х"}


def _remove_case(word: str) -> str:
    for longer_than, endings in _ENDINGS:
        if len(word) > longer_than:
            for ending in endings:
                if word.endswith(ending):
                    return word[: -len(ending)]
    return word


def stem(word: str) -> str:
    """The stem of one lowercase Ukrainian word (apostrophes already removed)."""
    if not any(char in VOWELS for char in word):
        return word  # an abbreviation or a number: nothing to remove
    base = _remove_case(word)
    # The fleeting vowel of -ець and -ок ("біженець" → "біженця", "притулок" → "притулку").
    if word.endswith("ець") and len(word) >= 5:
        base = word[:-3] + "ц"
    elif word.endswith("ок") and len(word) >= 6:
        base = word[:-2] + "к"
    if len(base) > 3 and base.endswith("нн"):
        base = base[:-1]
    if len(base) >= 3 and base[-1] in _PALATALISED:
        base = base[:-1] + _PALATALISED[base[-1]]
    return base
