"""Words typed in the other alphabet: Russian on a Latin keyboard, Baltic names in Cyrillic.

A reader without a Cyrillic keyboard types "bezhency", "bezhentsy" or "beženci" for
"беженцы"; one without a Latin keyboard types "Тарту" for "Tartu" or "Елгава" for
"Jelgava". Transliteration is ambiguous (e may be е or э, y may be ы, й or и, c may be ц
or к, several schemes write щ, я and ю differently), so each word gives the few spellings
the common schemes allow (GOST/ISO-like, BGN/PCGN-like, Polish/Czech-like, Ukrainian
national and the informal "volapuk" ones), and the search keeps those the index holds
(``search.engine``). The tables are our own: a transliteration library (cyrtranslit,
for one) writes one scheme's spelling, while a reader's typing has to be undone from
any of them.
"""

from __future__ import annotations

import re

MAX_VARIANTS = 64

# Latin sequences (longest first at each position) and the Cyrillic they may stand for.
LATIN_TO_CYRILLIC: dict[str, tuple[str, ...]] = {
    "shch": ("щ",),
    "sch": ("щ", "ш"),
    "zh": ("ж",),
    "kh": ("х",),
    "ts": ("ц", "тс"),
    "tz": ("ц",),
    "ch": ("ч",),
    "sh": ("ш",),
    "ya": ("я", "ья"),
    "ja": ("я",),
    "ia": ("я", "иа"),
    "yu": ("ю", "ью"),
    "ju": ("ю",),
    "iu": ("ю",),
    "yo": ("ё", "ьё"),
    "jo": ("ё",),
    "ye": ("е", "ье"),
    "je": ("е",),
    "ie": ("ие", "є"),
    "yi": ("ый", "ї"),
    "ji": ("ї",),
    "iy": ("ий",),
    "yy": ("ый",),
    "a": ("а",),
    "b": ("б",),
    "v": ("в",),
    "w": ("в",),
    "g": ("г",),
    "d": ("д",),
    "e": ("е", "э"),
    "z": ("з",),
    "i": ("и", "й", "і"),
    "y": ("ы", "й", "и"),
    "j": ("й",),
    "k": ("к",),
    "l": ("л",),
    "m": ("м",),
    "n": ("н",),
    "o": ("о",),
    "p": ("п",),
    "r": ("р",),
    "s": ("с",),
    "t": ("т",),
    "u": ("у",),
    "f": ("ф",),
    "h": ("х", "г"),
    "x": ("кс", "х"),
    "c": ("ц", "к", "ч"),
    "q": ("к",),
    "'": ("ь",),
    # Czech/Polish-style letters, for readers who type the scholarly way.
    "ž": ("ж",),
    "č": ("ч",),
    "š": ("ш",),
    "ŝ": ("щ",),
    "é": ("э",),
}
_LATIN_KEYS = sorted(LATIN_TO_CYRILLIC, key=len, reverse=True)

CYRILLIC_TO_LATIN: dict[str, tuple[str, ...]] = {
    "а": ("a",),
    "б": ("b",),
    "в": ("v",),
    "г": ("g", "h"),
    "д": ("d",),
    "е": ("e", "je"),
    "ё": ("jo", "e"),
    "ж": ("z", "zh"),
    "з": ("z",),
    "и": ("i",),
    "й": ("j", "i"),
    "і": ("i",),
    "ї": ("ji",),
    "є": ("je",),
    "к": ("k",),
    "л": ("l",),
    "м": ("m",),
    "н": ("n",),
    "о": ("o",),
    "п": ("p",),
    "р": ("r",),
    "с": ("s",),
    "т": ("t",),
    "у": ("u",),
    "ф": ("f",),
    "х": ("h", "ch"),
    "ц": ("c",),
    "ч": ("c",),
    "ш": ("s",),
    "щ": ("sc",),
    "ъ": ("",),
    "ы": ("i", "y"),
    "ь": ("",),
    "э": ("e",),
    "ю": ("ju",),
    "я": ("ja",),
}

LATIN_WORD = re.compile(r"[a-zžčšŝé']+")
CYRILLIC_WORD = re.compile(r"[а-яёіїєґ]+")


def is_latin(word: str) -> bool:
    return bool(LATIN_WORD.fullmatch(word.casefold()))


def is_cyrillic(word: str) -> bool:
    return bool(CYRILLIC_WORD.fullmatch(word.casefold()))


def _expand(word: str, pieces: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    variants = [""]
    for _source, options in pieces:
        variants = [variant + option for variant in variants for option in options][:MAX_VARIANTS]
    return variants


def to_cyrillic(word: str) -> list[str]:
    """The Cyrillic spellings a Latin-typed word may stand for, most literal first."""
    text = word.casefold()
    if not is_latin(text):
        return []
    pieces: list[tuple[str, tuple[str, ...]]] = []
    position = 0
    while position < len(text):
        for key in _LATIN_KEYS:
            if text.startswith(key, position):
                options = LATIN_TO_CYRILLIC[key]
                # A digraph may also be its two letters apart ("ts" in "sovetskiy" is т+с):
                # covered by the options above where it matters.
                pieces.append((key, options))
                position += len(key)
                break
        else:  # pragma: no cover - is_latin admits only letters of the table
            return []
    return _expand(text, pieces)


def to_latin(word: str) -> list[str]:
    """The Latin spellings (without diacritics) a Cyrillic-typed word may stand for."""
    text = word.casefold()
    if not is_cyrillic(text):
        return []
    pieces = [(char, CYRILLIC_TO_LATIN.get(char, (char,))) for char in text]
    return _expand(text, pieces)
