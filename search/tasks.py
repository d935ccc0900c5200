"""Search entries are written by the background worker, not in the editor's request: building an
entry (the text of every block, stemmed in its language) costs a publish at 100k records about a
third of a second. Removals stay in the request (``search.signals``): an unpublished or erased
record leaves search results at once."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django_tasks import task
from wagtail.models import Page

from . import indexing


@task()
def update_search_entry(content_type_id: int, pk: int) -> bool:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    obj = model._default_manager.filter(pk=pk).first() if model else None
    if obj is None:  # deleted meanwhile: its entry went with it
        return False
    return indexing.update_entry(obj) is not None


def enqueue_update(obj) -> None:
    if isinstance(obj, Page):  # the page's own record names its specific type
        content_type_id = obj.content_type_id
    else:
        content_type_id = ContentType.objects.get_for_model(type(obj)).pk
    update_search_entry.enqueue(content_type_id, obj.pk)
