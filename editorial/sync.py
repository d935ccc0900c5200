"""Translations kept in step with their English original, without anyone pressing a button.

When an original in the default language is published (pages) or saved (translatable
snippets: help points, organisations, taxonomies), a background task does what
wagtail-localize's "Sync translated pages" / "Update existing translations" does: the
``TranslationSource`` is read again from the database (``update_from_db``) and every enabled
translation is written again from it (``create_or_update_translation``, with ``fallback``).
So the synchronised fields (opening hours' neighbours: address, phone, "last verified",
dates, contacts, links, ...) reach every language; strings translators already translated
stay; a new or changed English string appears in English in the translation until it is
translated, and the translation status report lists the translation as outdated (strings
untranslated). A translation that readers see is published again; a translation that was
only a draft gets a new draft revision, still unpublished.

Only objects that wagtail-localize translates (a ``TranslationSource`` with enabled
``Translation`` records) are synchronised: an alias follows its original through Wagtail
itself, and a translation someone turned into a manual one ("stop synchronising") is left
alone, as in wagtail-localize's own view.
"""

from __future__ import annotations

import datetime
import logging
import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail.signals import page_published
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

logger = logging.getLogger(__name__)


def _has_translations(instance) -> bool:
    return Translation.objects.filter(
        source__object_id=instance.translation_key, source__locale_id=instance.locale_id, enabled=True
    ).exists()


def _is_original(instance) -> bool:
    return isinstance(instance, TranslatableMixin) and instance.locale_id == Locale.get_default().pk


def schedule(instance, user=None) -> bool:
    """Queue the synchronisation of ``instance``'s translations once the current transaction
    commits (the task reads what was committed). False when there is nothing to keep in step."""
    if not _is_original(instance) or not _has_translations(instance):
        return False
    model = instance.specific_class if isinstance(instance, Page) else type(instance)
    content_type_id = ContentType.objects.get_for_model(model).pk
    changed_at = timezone.now().isoformat()
    user_id = getattr(user, "pk", None)

    def enqueue() -> None:
        from .tasks import sync_translations

        sync_translations.enqueue(content_type_id, instance.pk, changed_at, user_id)

    transaction.on_commit(enqueue)
    return True


def synchronise(content_type_id: int, object_id: int, changed_at: str | None = None, user_id=None) -> dict:
    """Update every enabled translation of one original from its current state.

    ``changed_at`` is when the original changed: when its source was read again after that
    (by the seed, an import, a person pressing "Sync", or a task queued twice for the same
    change), translations written from that fresh source are current and not written again.
    """
    from django.contrib.auth import get_user_model

    result = {"published": [], "drafts": [], "skipped": [], "failed": []}
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    try:
        instance = model._default_manager.get(pk=object_id)
    except ObjectDoesNotExist:
        return result  # deleted since
    source = TranslationSource.objects.get_for_instance_or_none(instance)
    if source is None:
        return result
    translations = list(source.translations.filter(enabled=True).select_related("target_locale"))
    if not translations:
        return result
    since = datetime.datetime.fromisoformat(changed_at) if changed_at else None
    fresh = since is not None and source.last_updated_at >= since
    if fresh:
        # The source was read again after this change; translations written from it since
        # then are current (a translation published from the older source is not).
        current = set(
            TranslationLog.objects.filter(source=source, created_at__gte=source.last_updated_at).values_list(
                "locale_id", flat=True
            )
        )
        translations = [t for t in translations if t.target_locale_id not in current]
        if not translations:
            return result
    user = get_user_model()._default_manager.filter(pk=user_id).first() if user_id else None

    if not fresh:
        before = source.content_json
        with transaction.atomic():
            source.update_from_db()
        if not _synchronised_change(model, before, source.content_json):
            # Only text translators translate changed (a corrected title, a new summary): the
            # translations keep their own until translated (the status report shows them as
            # outdated). Writing them again would publish four pages for nothing, and, with
            # the fallback, put the English text in them.
            result["skipped"] = [record.target_locale.language_code for record in translations]
            return result
    for record in translations:
        locale = record.target_locale
        code = locale.language_code
        try:
            target = source.get_translated_instance(locale)
        except ObjectDoesNotExist:
            result["skipped"].append(code)  # not created yet: translators start it when they choose
            continue
        if isinstance(target, Page) and target.alias_of_id:
            result["skipped"].append(code)  # an alias follows its original through Wagtail
            continue
        publish = not isinstance(target, DraftStateMixin) or target.live
        try:
            with transaction.atomic():
                source.create_or_update_translation(
                    locale, user=user, publish=publish, fallback=True, copy_parent_pages=True
                )
        except ValidationError as error:
            # As wagtail-localize's own view: the translation editor shows the error on the string.
            logger.warning("Translation of %s into %s not updated: %s", source.object_repr, code, error)
            result["failed"].append(code)
            continue
        except Exception:
            logger.exception("Translation of %s into %s not updated", source.object_repr, code)
            result["failed"].append(code)
            continue
        result["published" if publish else "drafts"].append(code)
    logger.info("Translations of %s brought in step with the original: %s", source.object_repr, result)
    return result


# Wagtail's own bookkeeping of a page, serialised with it: never copied to a translation.
BOOKKEEPING = frozenset(
    {
        "draft_title", "has_unpublished_changes", "first_published_at", "last_published_at",
        "latest_revision", "latest_revision_created_at", "live_revision", "live", "locked",
        "locked_at", "locked_by", "wagtail_admin_comments", "owner", "numchild", "content_type",
        "depth", "path", "url_path",
    }
)  # fmt: skip


def _synchronised_change(model, before: str | None, after: str) -> bool:
    """Whether the original changed in anything but its translatable plain text (and Wagtail's
    bookkeeping): a synchronised field, a link to another record, a StreamField or rich text
    (images and links inside it are synchronised), an inline child. Unknown: changed."""
    import json

    from django.db import models as django_models
    from wagtail_localize.fields import TranslatableField, get_translatable_fields

    if not before:
        return True
    try:
        old, new = json.loads(before), json.loads(after)
    except ValueError:
        return True
    text = set()
    for field in get_translatable_fields(model):
        if not isinstance(field, TranslatableField):
            continue
        try:
            model_field = model._meta.get_field(field.field_name)
        except FieldDoesNotExist:  # a property or a child relation: compared whole
            continue
        if type(model_field) in (django_models.CharField, django_models.TextField, django_models.SlugField):
            text.add(field.field_name)
    changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    return any(
        not _same_value(model, key, old.get(key), new.get(key)) for key in changed - text - BOOKKEEPING
    )


def _same_value(model, name: str, old, new) -> bool:
    """Whether two serialised values of field ``name`` mean the same: a source read from an
    object in memory holds a cost as it was typed ("3000"), one read from the database as
    the column gives it back ("3000.00"); likewise dates and times with or without their
    fractions. Each is compared as the field's own Python value."""
    if old is None or new is None:
        return False
    if (
        isinstance(old, str)
        and isinstance(new, str)
        and _without_editor_marks(old) == _without_editor_marks(new)
    ):
        return True
    try:
        field = model._meta.get_field(name)
        return field.to_python(old) == field.to_python(new)
    except (FieldDoesNotExist, ValidationError, TypeError, ValueError):
        return False


# Draftail's paragraph keys: the admin's rich text editor writes ``<p data-block-key="x1b2c">``
# where an import, the seed or the API wrote ``<p>``, and an empty field as an empty paragraph.
# Neither is a change a reader sees: without this, the first time an editor saves a page that
# was imported, every rich text field looks changed and its four translations are written and
# published again for a corrected title. Inside a StreamField's JSON the quotes are escaped.
_BLOCK_KEY = re.compile(r' data-block-key=\\?"[^"\\]*\\?"')
_EMPTY_RICH_TEXT = {"<p></p>", "<p><br/></p>"}


def _without_editor_marks(value: str) -> str:
    value = _BLOCK_KEY.sub("", value)
    return "" if value.strip() in _EMPTY_RICH_TEXT else value


# Signals ------------------------------------------------------------------------------------


def _page_published(sender, instance, revision=None, **kwargs) -> None:
    user = getattr(revision, "user", None) if revision is not None else None
    schedule(instance, user=user)


_snippet_models: frozenset | None = None


def translatable_snippet_models() -> frozenset:
    """The translatable snippet models (help points, organisations, taxonomies), read once the
    snippets are registered (after the apps' ``ready``)."""
    global _snippet_models
    if _snippet_models is None:
        from wagtail.snippets.models import get_snippet_models

        _snippet_models = frozenset(
            model
            for model in get_snippet_models()
            if issubclass(model, TranslatableMixin) and not issubclass(model, Page)
        )
    return _snippet_models


def _snippet_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    if raw or created or not isinstance(instance, TranslatableMixin) or isinstance(instance, Page):
        return  # fixtures; a new original has no translations yet; pages go by publishing
    if sender in translatable_snippet_models():
        schedule(instance)


def connect() -> None:
    page_published.connect(_page_published, dispatch_uid="editorial_sync_translations_page")
    post_save.connect(_snippet_saved, dispatch_uid="editorial_sync_translations_snippet")
