"""Names of taxonomy terms in the reader's language, looked up once per request.

Pages relate to the default-language terms (see ``network.models.taxonomy``); every
translation of a term shares its ``slug`` (countries: ``code``), so the name to show
is the one with the same slug in the active locale, or the default-language one.
The names are kept in the fragment cache until content changes (``nbnet.page_cache``).
"""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest
from wagtail.models import Locale

from nbnet.page_cache import fragment, kind_tag


def _key_field(model: type[models.Model]) -> str:
    return "code" if any(f.name == "code" for f in model._meta.fields) else "slug"


def term_names(model: type[models.Model], request: HttpRequest | None = None) -> dict[str, str]:
    """``{slug: name}`` for every term of ``model`` in the active language (with fallback)."""
    active = Locale.get_active()
    memo_key = (model._meta.label, active.pk)
    memo = getattr(request, "_term_names", None) if request is not None else None
    if memo is not None and memo_key in memo:
        return memo[memo_key]
    names = fragment(
        f"terms:{memo_key[0]}:{active.pk}", lambda: _names(model, active), depends=(kind_tag(model),)
    )
    if request is not None:
        if memo is None:
            memo = request._term_names = {}
        memo[memo_key] = names
    return names


def _names(model: type[models.Model], active: Locale) -> dict[str, str]:
    key = _key_field(model)
    default = Locale.get_default()
    names: dict[str, str] = {}
    rows = model.objects.filter(locale__in=[default, active]).values_list(key, "name", "locale_id")
    for slug, name, _locale in sorted(rows, key=lambda row: row[2] == active.pk):
        names[slug] = name  # the active locale's row comes last and wins
    return names


def term_label(term: models.Model, request: HttpRequest | None = None) -> str:
    key = getattr(term, _key_field(type(term)))
    return term_names(type(term), request).get(key, str(term))
