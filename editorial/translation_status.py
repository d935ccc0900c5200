"""Where each page stands in each language: up to date, outdated, machine-translated or missing.

Built on wagtail-localize's own records:

- *missing*: no page in that language, only the alias that stands in for it (readers
  see the original with a notice), or a translation not published yet;
- *outdated*: the original was published after its text was last handed to translators
  (``TranslationSource.last_updated_at``), or some of its current strings have no
  translation yet;
- *machine*: some of the original's current strings were machine-translated
  (``StringTranslation.translation_type``) and nobody has reviewed them yet (``mark_reviewed``
  turns them into reviewed ones);
- *up to date*: none of these.
A translation can be outdated and machine-translated at once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

UP_TO_DATE = "up_to_date"
OUTDATED = "outdated"
MACHINE = "machine"
MISSING = "missing"
STATUS_LABELS = {
    UP_TO_DATE: _("Up to date"),
    OUTDATED: _("Outdated"),
    MACHINE: _("Machine-translated, not reviewed"),
    MISSING: _("Missing"),
}


@dataclass
class LanguageStatus:
    locale: Locale
    statuses: set[str] = field(default_factory=set)
    page: Page | None = None  # the translation, when there is one
    translated: int = 0
    total: int = 0

    @property
    def labels(self) -> list[str]:
        return [
            STATUS_LABELS[status]
            for status in (MISSING, OUTDATED, MACHINE, UP_TO_DATE)
            if status in self.statuses
        ]


@dataclass
class PageStatus:
    page: Page
    languages: list[LanguageStatus]


def _current_machine_strings():
    """Machine-made translations of strings the original still has (a string dropped from the
    English text no longer counts, even if its old machine translation is kept)."""
    return StringTranslation.objects.filter(
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    ).filter(
        Exists(
            StringSegment.objects.filter(
                string_id=OuterRef("translation_of_id"), context_id=OuterRef("context_id")
            )
        )
    )


def machine_translated(page: Page) -> bool:
    """True when ``page`` (a translation) has machine-translated strings nobody has reviewed."""
    if page is None or getattr(page, "alias_of_id", None):
        return False
    if page.locale_id == Locale.get_default().pk:
        return False
    return (
        _current_machine_strings()
        .filter(locale_id=page.locale_id, context__object_id=page.translation_key)
        .exists()
    )


@transaction.atomic
def mark_reviewed(page: Page, user) -> int:
    """A person has read the machine translation of ``page`` and accepts it: its strings become
    reviewed (manual) translations by ``user``, and the review is in the audit log."""
    reviewed = StringTranslation.objects.filter(
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        locale_id=page.locale_id,
        context__object_id=page.translation_key,
    ).update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        last_translated_by=user,
        updated_at=timezone.now(),
    )
    if reviewed:
        log(page, "editorial.translation_reviewed", user=user, data={"strings": reviewed})
        from nbnet import page_cache

        page_cache.bump(page_cache.page_tag(page))  # the readers' notice goes away; update() sends no signal
    return reviewed


def statuses_for(pages: list[Page], locales: list[Locale]) -> list[PageStatus]:
    """The status of each original page in each language, in a fixed number of queries."""
    keys = [page.translation_key for page in pages]
    default = Locale.get_default()
    page_types = ContentType.objects.get_for_models(*{type(page) for page in pages}).values() if pages else []

    translations: dict[tuple, Page] = {}
    for page in (
        Page.objects.filter(translation_key__in=keys, locale__in=locales)
        .exclude(locale=default)
        .only(
            "id",
            "title",
            "translation_key",
            "locale_id",
            "alias_of_id",
            "live",
            "last_published_at",
            "path",
            "depth",
            "owner_id",
            "locked",
            "content_type_id",
        )
    ):
        translations[(page.translation_key, page.locale_id)] = page

    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            object_id__in=keys, locale=default, specific_content_type__in=list(page_types)
        )
    }
    totals = dict(
        StringSegment.objects.filter(source__in=sources.values())
        .values("source_id")
        .annotate(n=Count("id"))
        .values_list("source_id", "n")
    )
    translated: dict[tuple, int] = {}
    for locale in locales:
        done = Exists(
            StringTranslation.objects.filter(
                translation_of_id=OuterRef("string_id"),
                context_id=OuterRef("context_id"),
                locale_id=locale.pk,
                has_error=False,
            )
        )
        for source_id, n in (
            StringSegment.objects.filter(source__in=sources.values())
            .filter(done)
            .values("source_id")
            .annotate(n=Count("id"))
            .values_list("source_id", "n")
        ):
            translated[(source_id, locale.pk)] = n
    machine = set(
        _current_machine_strings()
        .filter(locale__in=locales, context__object_id__in=keys)
        .values_list("context__object_id", "locale_id")
        .distinct()
    )

    result = []
    for page in pages:
        source = sources.get(page.translation_key)
        row = []
        for locale in locales:
            status = LanguageStatus(locale)
            if locale.pk == default.pk:
                continue
            translation = translations.get((page.translation_key, locale.pk))
            if translation is None or translation.alias_of_id or not translation.live:
                # Readers see the original (an alias) or nothing (a draft translation).
                status.statuses.add(MISSING)
                row.append(status)
                continue
            status.page = translation
            if source is not None:
                status.total = totals.get(source.pk, 0)
                status.translated = translated.get((source.pk, locale.pk), 0)
                changed_since = page.last_published_at and page.last_published_at > source.last_updated_at
                if changed_since or status.translated < status.total:
                    status.statuses.add(OUTDATED)
            elif (
                page.last_published_at
                and translation.last_published_at
                and page.last_published_at > translation.last_published_at
            ):
                # Translated by hand in the page editor, without wagtail-localize.
                status.statuses.add(OUTDATED)
            if (page.translation_key, locale.pk) in machine:
                status.statuses.add(MACHINE)
            if not status.statuses:
                status.statuses.add(UP_TO_DATE)
            row.append(status)
        result.append(PageStatus(page, row))
    return result


def filter_pages(pages: list[PageStatus], language: str | None, status: str | None) -> list[PageStatus]:
    if not language and not status:
        return pages
    kept = []
    for row in pages:
        languages = [item for item in row.languages if not language or item.locale.language_code == language]
        if status:
            languages = [item for item in languages if status in item.statuses]
        if languages:
            kept.append(row)
    return kept


def counts(pages: list[PageStatus]) -> dict[str, dict[str, int]]:
    """Per language code, how many pages are in each status."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUS_LABELS, 0))
    for row in pages:
        for item in row.languages:
            for status in item.statuses:
                table[item.locale.language_code][status] += 1
    return dict(table)


def original_pages():
    """Every page in the default language except the tree's root, in tree order."""
    return (
        Page.objects.filter(locale=Locale.get_default(), depth__gt=1)
        .filter(~Q(alias_of__isnull=False))
        .order_by("path")
        .specific()
    )
