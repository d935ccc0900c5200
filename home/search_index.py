"""Wagtail's search index (the admin's page search), kept current without the draft saves.

Wagtail connects a ``post_save`` handler to every indexed model that re-indexes the saved
record (a task, run by the worker in production). A page's draft save (every autosave, about
once a second while an editor types, and every lock) writes only bookkeeping columns of the
live row (``nbnet.invalidation.DRAFT_FIELDS``), so re-indexing it does the same work for the
same text: 0.12 s of the worker's time per autosave at 100k pages on SQLite. Page types set
Wagtail's documented ``search_auto_update = False`` (``home.models.BasePage``) and these
handlers, connected in ``HomeConfig.ready``, call Wagtail's own ones for every other save and
every delete.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler

from nbnet.invalidation import DRAFT_FIELDS


def _saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if update_fields and DRAFT_FIELDS.issuperset(update_fields):
        return  # a draft revision or a lock: the live page, and so its index entry, is unchanged
    post_save_signal_handler(instance, raw=raw, update_fields=update_fields, **kwargs)


def connect() -> None:
    from .models import BasePage

    for model in apps.get_models():
        if issubclass(model, BasePage) and not model._meta.abstract:
            uid = f"search_index_{model._meta.label}"
            post_save.connect(_saved, sender=model, weak=False, dispatch_uid=f"{uid}_save")
            post_delete.connect(
                post_delete_signal_handler, sender=model, weak=False, dispatch_uid=f"{uid}_delete"
            )
