"""Wagtail's database search backend, with a title-norm refresh that costs what the change costs.

After every object it indexes, modelsearch (under ``wagtail.search.backends.database``)
refreshes ``title_norm``: the average title length of the *whole* index, then an update of
every entry whose norm is still 1.0, two scans of the whole table. At 500k index entries on
SQLite that is 135 ms for each object written (``make bench-title-norms``), and a published
profile writes its page in every language, its aliases and what shows it: most of the
background worker's time while editors publish (issue 17). The average title length of a large
index barely moves from one object to the next, so here it is read at most once every
``AVERAGE_MAX_AGE`` seconds per process, and only the entries just written get their norm.
Rebuilding the index (``update_index``, ``rebuild_search``) still ends with modelsearch's
full refresh of every entry.

Why by hand: modelsearch has no setting for this; its vendor backends are extended, not copied.
"""

from __future__ import annotations

import time

from django.db.models import Avg, F
from django.db.models.functions import Length
from modelsearch.backends.database import SearchBackend as vendor_backend
from modelsearch.utils import get_content_type_pk

AVERAGE_MAX_AGE = 600.0
_averages: dict[str, tuple[float, float]] = {}  # database alias -> (average, when read)


def average_title_length(index) -> float | None:
    alias = index.write_connection.alias
    known = _averages.get(alias)
    now = time.monotonic()
    if known is not None and now - known[1] < AVERAGE_MAX_AGE:
        return known[0]
    average = (
        index.entries.annotate(title_length=Length("title"))
        .filter(title_length__gt=0)
        .aggregate(Avg("title_length"))["title_length__avg"]
    )
    if average is not None:
        _averages[alias] = (average, now)
    return average


def forget_average() -> None:
    _averages.clear()


class WrittenEntriesTitleNorms:
    """Mixed into the vendor's index class: norms for the entries ``add_items`` wrote."""

    _written: tuple[int, list[str]] | None = None

    def add_items(self, model, objs):
        objs = list(objs)
        self._written = (get_content_type_pk(model), [str(obj.pk) for obj in objs])
        try:
            return super().add_items(model, objs)
        finally:
            self._written = None

    def _refresh_title_norms(self, full=False):
        if full or self._written is None:
            forget_average()
            return super()._refresh_title_norms(full=full)
        average = average_title_length(self)
        if average is None:
            return None
        content_type_id, object_ids = self._written
        self.entries.filter(content_type_id=content_type_id, object_id__in=object_ids).annotate(
            title_length=Length("title")
        ).filter(title_length__gt=0).update(title_norm=average / F("title_length"))
        return None


def SearchBackend(params):  # the name Wagtail looks for in a backend module
    backend = vendor_backend(params)
    index_class = backend.index_class
    if hasattr(index_class, "_refresh_title_norms") and not issubclass(index_class, WrittenEntriesTitleNorms):
        backend.index_class = type(index_class.__name__, (WrittenEntriesTitleNorms, index_class), {})
    return backend
