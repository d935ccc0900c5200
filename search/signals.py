"""Signal handlers that keep the search entries current (see ``search.indexing``)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexing, tasks


def _on_publish(sender, instance, **kwargs):
    tasks.enqueue_update(instance)


def _on_unpublish(sender, instance, **kwargs):
    indexing.remove_entry(instance)


def _on_move(sender, instance, **kwargs):
    for page in Page.objects.descendant_of(instance, inclusive=True).live():
        tasks.enqueue_update(page)


def _on_save(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        tasks.enqueue_update(instance)


def _on_delete(sender, instance, **kwargs):
    indexing.remove_entry(instance)


def connect() -> None:
    page_published.connect(_on_publish, dispatch_uid="search_entry_publish")
    page_unpublished.connect(_on_unpublish, dispatch_uid="search_entry_unpublish")
    post_page_move.connect(_on_move, dispatch_uid="search_entry_move")
    for model in indexing.adapters():
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search_entry_delete_{model._meta.label}")
        if not issubclass(model, Page):
            post_save.connect(_on_save, sender=model, dispatch_uid=f"search_entry_save_{model._meta.label}")
