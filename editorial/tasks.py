"""Editorial work done in the background (Django's task framework, ``TASKS`` in the settings)."""

from __future__ import annotations

from django_tasks import task

from . import sync


@task()
def sync_translations(
    content_type_id: int, object_id: int, changed_at: str | None = None, user_id=None
) -> dict:
    """Bring every translation of one original in step with it (``editorial.sync``)."""
    return sync.synchronise(content_type_id, object_id, changed_at, user_id)
