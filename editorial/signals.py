"""Audit of translation work wagtail-localize does not log itself."""

from __future__ import annotations

import datetime

from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry
from wagtail_localize.models import StringTranslation

ACTION = "editorial.machine_translated"


def _machine_translation_saved(sender, instance: StringTranslation, created: bool, **kwargs) -> None:
    """One audit entry per page, language and person when strings are machine-translated.

    wagtail-localize saves one row per string and logs nothing; the entry is written with the
    first string (in the same transaction, so a rolled-back translation leaves no entry) and
    not repeated for the rest of that batch.
    """
    if not created or instance.translation_type != StringTranslation.TRANSLATION_TYPE_MACHINE:
        return
    if instance.context_id is None:
        return  # wagtail-localize keeps strings whose context was deleted
    page = Page.objects.filter(
        translation_key=instance.context.object_id, locale_id=instance.locale_id
    ).first()
    if page is None:
        return  # a snippet's strings, or a page not created yet
    recent = PageLogEntry.objects.filter(
        page=page,
        action=ACTION,
        user_id=instance.last_translated_by_id,
        timestamp__gte=timezone.now() - datetime.timedelta(minutes=1),
    )
    if not recent.exists():
        log(page.specific, ACTION, user=instance.last_translated_by, data={"tool": instance.tool_name})


def connect() -> None:
    post_save.connect(
        _machine_translation_saved, sender=StringTranslation, dispatch_uid="editorial_machine_translation"
    )
