"""What the knowledge base's pages share: the translatable page fields, and showing
pages that are linked once, in the original, in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

BASE_PAGE_TRANSLATABLE = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus"),
    TranslatableField("intro"),
    TranslatableField("body"),
]

CURRENCIES = [(code, code) for code in ("EUR", "LVL", "LTL", "EEK", "DKK", "ISK", "NOK", "SEK", "USD")]


def in_locale(model: type[Page], pages: Iterable[Page], locale_id: int) -> QuerySet:
    """The live translations, in ``locale_id``, of pages linked in the original language.

    Links between records are made once, by an editor, on one side and in one language;
    both sides show them in the reader's language (or not at all if untranslated there).
    """
    keys = [page.translation_key for page in pages]
    return model.objects.live().public().filter(translation_key__in=keys, locale_id=locale_id)
