"""Concepts: a query that names a theme, a target group, a country, a city or a legal status
in any language.

Knowledge is often written once, in one language. A Latvian reader who types "mājoklis"
(housing) must also find the Lithuanian-only practice about "būstas": the words differ,
but both items are tagged with the theme "housing", whose name the site's editors have
translated into every language. So the site's own translated taxonomies are the
thesaurus: when every content word of one of a term's names (in any language) is among
the query's words, the items tagged with that term are found too, ranked below those
that contain the words themselves (``search.engine``).

The names are read once per process and again when a taxonomy changes (row count or
last id), which costs one small aggregate query per taxonomy.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import STOP_WORDS, word_forms, words

# Facet name, model path, the field that identifies a term in every language.
TAXONOMIES = (
    ("theme", "network.Theme", "slug"),
    ("group", "network.TargetGroup", "slug"),
    ("country", "network.Country", "code"),
    ("city", "network.City", "slug"),
    ("status", "guides.LegalStatus", "slug"),
)


@dataclass(frozen=True)
class Concept:
    kind: str  # "theme", "group", "country" (the facets' names), "city" or "status"
    value: str  # the slug or ISO code, as in ``SearchEntry.themes``, ``cities``…


@dataclass
class _Names:
    # (concept, the index forms of each content word of one of its names)
    names: tuple[tuple[Concept, tuple[frozenset[str], ...]], ...] = ()


def _models():
    from django.apps import apps

    return [(kind, apps.get_model(path), key) for kind, path, key in TAXONOMIES]


def model_of(kind: str):
    """The taxonomy model of a concept's kind (``"city"``: ``network.City``)."""
    return next(model for name, model, _key in _models() if name == kind)


def _build() -> _Names:
    names = []
    for kind, model, key in _models():
        rows = model.objects.values_list(key, "name", "locale__language_code")
        for value, name, language in rows:
            content = [word for word in words(name) if word not in STOP_WORDS and len(word) > 1]
            if content:
                forms = tuple(frozenset(word_forms(word, language)) for word in content)
                names.append((Concept(kind, value), forms))
    return _Names(names=tuple(dict.fromkeys(names)))


def _names() -> _Names:
    """Every taxonomy name's index forms, kept in the fragment cache (each worker's memory
    first) until one of those taxonomies changes: a rename is followed at once."""
    from nbnet.page_cache import fragment, kind_tag

    return fragment(
        "search-concepts", _build, depends=tuple(kind_tag(model) for _k, model, _key in _models())
    )


def named(query_word_forms: list[set[str]]) -> list[tuple[Concept, frozenset[int]]]:
    """The concepts the query names, each with the positions of the query words that name it.

    A name counts when each of its content words meets a query word (by the same index
    forms the search uses); a concept named in several languages is listed once, with
    the name that covers the most query words.
    """
    found: dict[Concept, frozenset[int]] = {}
    for concept, name in _names().names:
        covered: set[int] = set()
        for name_forms in name:
            hits = [i for i, forms in enumerate(query_word_forms) if forms & name_forms]
            if not hits:
                break
            covered.update(hits)
        else:
            if len(covered) > len(found.get(concept, ())):
                found[concept] = frozenset(covered)
    return sorted(found.items(), key=lambda item: (item[0].kind, item[0].value))
