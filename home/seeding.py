"""Building blocks of the demo seed: idempotent pages, and translations made the editors' way.

Demo translations go through wagtail-localize exactly as a translator's work does
(a ``TranslationSource``, one ``StringTranslation`` per segment, then
``create_or_update_translation``), so the demo pages are real translations that
the admin's translation editor opens, not independent copies.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import models
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

# English source text -> {language code: translated text}. A key may also be
# (field path, text) where one text translates differently in two fields, e.g. a
# city's name and its locative: ("name_in", "Riga") -> {"lv": "Rīgā", ...}.
Memory = Mapping[str | tuple[str, str], Mapping[str, str]]

_HAS_LETTER = re.compile(r"[^\W\d_]")


class MissingDemoTranslation(Exception):
    def __init__(self, text: str, language: str):
        super().__init__(f"The demo content has no {language!r} translation of: {text!r}")


class Counts(dict):
    """What a demo builder changed, by kind: ``{"pages changed": 3, ...}``."""

    def add(self, key: str, changed: bool | int) -> None:
        self[key] = self.get(key, 0) + int(changed)


def with_slug(memory: Memory, slug: str) -> dict:
    """``memory`` plus the page slug kept as it is in every language."""
    return {**memory, slug: dict.fromkeys(target_languages(), slug)}


# Languages the demo translates only the newcomers' part into: the guides, legal statuses and
# help points, with the countries, towns and organisations they name (guides/demo.py). Every
# other page stays the English original there, shown with a notice (home/i18n.py), which is
# what a real site looks like while its translators start on a new language.
NEWCOMER_ONLY_LANGUAGES = ("uk",)


def target_languages() -> list[str]:
    """Every site language but the default: each gets a tree kept in sync with English."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def demo_languages() -> list[str]:
    """The languages the whole demo is translated into."""
    return [code for code in target_languages() if code not in NEWCOMER_ONLY_LANGUAGES]


def ensure_locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES}


def lookup(memory: Memory, text: str, language: str, path: str = "") -> str:
    """The translation of ``text``; figures and other letterless strings stay as they are."""
    if not _HAS_LETTER.search(text):
        return text
    if (
        "<br/>" in text
    ):  # wagtail-localize keeps a multi-line text field as one segment, lines joined by <br/>
        return "<br/>".join(lookup(memory, line, language, path) for line in text.split("<br/>"))
    for key in ((path, text), text):
        if key in memory and language in memory[key]:
            return memory[key][language]
    raise MissingDemoTranslation(text, language)


# Stable ids for the demo's list items: uuid5 in a namespace of our own.
_DEMO_IDS = uuid.UUID("6f0f3c1e-2b1d-4c55-9a53-0d3f8a7e4b10")


def list_items(name: str, values: list[Any]) -> list[dict]:
    """``values`` as the items of a ListBlock in the format Wagtail stores (``{"type": "item",
    "value": …, "id": …}``), with ids derived from ``name`` and the position.

    Wagtail reads an item as in that format only when it has all three keys; an item with a
    ``type`` and a ``value`` but no ``id`` is taken for a bare value of the old format, and the
    fields of the child block come out as ``None`` (the home page's key figures printed
    "None" eight times). Plain values (the old format) would work, but their items get new random
    ids on every save, and wagtail-localize names a segment by those ids: the demo's
    translations must find the same segments on every run.
    """
    return [
        {"type": "item", "value": value, "id": str(uuid.uuid5(_DEMO_IDS, f"{name}:{position}"))}
        for position, value in enumerate(values)
    ]


_ABSENT = object()


def _stream_differs(stored: Any, wanted: Any) -> bool:
    """Whether stored StreamField data differs from what the seed wants.

    Ids the seed leaves out (Wagtail adds random ones to blocks) are ignored; ids it gives
    (list items, ``list_items``) must match, so data stored in another shape, e.g. list items
    without ids, is written again by the next run.
    """
    if isinstance(wanted, dict):
        if not isinstance(stored, dict):
            return True
        keys = set(wanted) | (set(stored) - {"id"})
        return any(_stream_differs(stored.get(key, _ABSENT), wanted.get(key, _ABSENT)) for key in keys)
    if isinstance(wanted, list):
        if not isinstance(stored, list) or len(stored) != len(wanted):
            return True
        return any(_stream_differs(old, new) for old, new in zip(stored, wanted, strict=True))
    return stored != wanted


_BOOKKEEPING = {"id", "sort_order", "translation_key", "locale"}


def _natural(obj: models.Model) -> tuple:
    """A child object's content, without keys and bookkeeping, for comparing inline rows
    (with the targets of its own many-to-many fields, e.g. the statuses of a guide's step)."""
    fields = tuple(
        (field.attname, getattr(obj, field.attname))
        for field in obj._meta.concrete_fields
        if not (field.primary_key or field.name in _BOOKKEEPING or _is_parent_key(field))
    )
    relations = tuple(
        (field.name, tuple(sorted(related.pk for related in getattr(obj, field.name).all())))
        for field in obj._meta.many_to_many
    )
    return fields + relations


def _is_parent_key(field) -> bool:
    from modelcluster.fields import ParentalKey

    return isinstance(field, ParentalKey)


def _field_differs(instance: models.Model, name: str, value: Any) -> bool:
    current = getattr(instance, name)
    if hasattr(current, "raw_data"):  # StreamField: compare the stored block data
        return _stream_differs(list(current.raw_data), list(value))
    if hasattr(current, "all"):
        items = list(value)
        if items and items[0].pk is None:  # inline child rows: compare their content
            return [_natural(obj) for obj in current.all()] != [_natural(obj) for obj in items]
        return {obj.pk for obj in current.all()} != {obj.pk for obj in items}  # many-to-many
    return current != value


def upsert_page(parent: Page, factory: Any, slug: str, **fields: Any) -> tuple[Page, bool]:
    """Create (with ``factory``) or update the child of ``parent`` with ``slug``.

    Publishes a new revision only if a field changed, so a second seed run does nothing.
    """
    model = factory._meta.model
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        page = factory(parent=parent, slug=slug, **fields)
        page.save_revision().publish()
        return page, True
    page = existing.specific
    if not isinstance(page, model):
        raise TypeError(f"{page!r} at slug {slug!r} is a {type(page).__name__}, not a {model.__name__}")
    changed = [name for name, value in fields.items() if _field_differs(page, name, value)]
    if changed:
        for name in changed:
            setattr(page, name, fields[name])
        page.save_revision().publish()
    return page, bool(changed)


def upsert(factory: Any, lookup_fields: Mapping[str, Any], **fields: Any) -> tuple[models.Model, bool]:
    """Create (with ``factory``) or update the object found by ``lookup_fields``."""
    model = factory._meta.model
    instance = model.objects.filter(**lookup_fields).first()
    if instance is None:
        return factory(**lookup_fields, **fields), True
    changed = [name for name, value in fields.items() if _field_differs(instance, name, value)]
    for name in changed:
        setattr(instance, name, fields[name])
    if changed:
        instance.save()
    return instance, bool(changed)


def save_string_translation(segment, locale: Locale, text: str) -> bool:
    """Store a person's translation of one segment, as wagtail-localize's editor does; True
    when it is new or different from the stored one."""
    string_translation, created = StringTranslation.objects.get_or_create(
        translation_of=segment.string,
        locale=locale,
        context=segment.context,
        defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )
    if created or string_translation.data == text:
        return created
    string_translation.data = text
    string_translation.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
    string_translation.save()
    return True


def translate(
    instance: models.Model,
    memory: Memory,
    locales: Mapping[str, Locale],
    *,
    force: bool = False,
    languages: list[str] | None = None,
) -> int:
    """Translate ``instance`` into ``languages`` (by default ``demo_languages()``) from ``memory``.

    Returns how many translations were created or updated (0 when all were current),
    so a second run of the seed does no work. ``force`` (the original was just changed)
    writes the translations again even when no string changed: what is not text (a list
    item's id, a figure, a link) comes from the original too.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    segments = list(source.stringsegment_set.select_related("string", "context"))
    updated = 0
    for language in demo_languages() if languages is None else languages:
        locale = locales[language]
        changed = False
        for segment in segments:
            text = lookup(memory, segment.string.data, language, segment.context.path)
            changed = save_string_translation(segment, locale, text) or changed
        Translation.objects.get_or_create(source=source, target_locale=locale)
        target = instance.get_translation_or_none(locale)
        if force or changed or target is None or getattr(target, "alias_of_id", None):
            source.create_or_update_translation(locale, publish=True, copy_parent_pages=True)
            updated += 1
    return updated


def analyze_database() -> None:
    """Refresh the query planner's statistics after a bulk load. PostgreSQL also does it on
    its own later; SQLite never does, and without them it sorted 100k directory entries
    or scanned every page to find two twinning pages (50 ms) instead of using an index."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
