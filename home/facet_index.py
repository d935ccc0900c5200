"""Facet indexes: a listing's counts and ordered ids without a grouped count per facet.

At 100k practitioners the first view of the directory after a change (or of a new choice of
filters) cost 0.3-1 s: one grouped count per facet over every row, and a sort. Here each
listing (``cache_as`` of ``home.facets.faceted_listing``, for the kinds registered below)
keeps, in the shared cache and in each worker's memory:

- ``order``: the listing's ids in display order (``array('I')``);
- ``all``: a bitmask (a Python int, bit ``pk`` set) of the rows in the listing, and per facet
  option a bitmask of the rows that have it.

A choice of filters is then a few ANDs and ORs of masks: an option's count is
``(others & mask).bit_count()``, the results are walked off ``order`` and stop after the
page (microseconds to a millisecond at 100k).

**Maintenance on change, not on read.** A save, delete, move or many-to-many change of a row of
a registered kind (a practitioner, a practice, an organisation), or of a record its facets read
(a city's slug, an organisation's type), marks the row's id *pending* in the kind's small
state key at once, inside the writer's transaction; once the transaction commits, the writer
re-reads that id alone (one query per facet) in every stored index of the kind, flips its
bits, re-reads ``order`` (one lean ordered query) and stores the result, then clears its mark.
A reader who finds ids pending re-reads them itself from what its own snapshot shows before
using the index (not stored), so a reader right after the commit, before the writer's update
is stored, still sees the change. Changes too wide to patch (more than ``MAX_PATCH`` rows, a
deleted city or theme, a view restriction) invalidate the kind's indexes (the next reader
rebuilds them: correct, only slower once), now and again on commit. Bulk writes that send no
signals (``seed_scale``, imports) must call ``invalidate()``.

**Concurrency.** State changes run under a lock in the cache (``cache.add``). The kind's
``gen`` is bumped by every writer's update: a reader rebuilding an index reads ``gen`` before
reading the database and stores its rebuild only if ``gen`` has not moved meanwhile, so a
rebuild from a snapshot older than an update never overwrites it. ``epoch`` is renewed by an
invalidation: an index built under another epoch is never used. When the lock cannot be had
the kind is invalidated. Indexes are used only when this process has connected the signals
(``connect()``, from ``HomeConfig.ready``) and the fragment cache is on; otherwise, and if the
cache fails, listings are counted in SQL as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
import time
import uuid
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import islice

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet

# The page fields a draft save or a lock writes alone (every autosave): the live row is unchanged.
from nbnet.invalidation import DRAFT_FIELDS, in_bulk

logger = logging.getLogger(__name__)

FORMAT = 1  # renew with any change of what is stored
PREFIX = "facet-index"
MAX_PATCH = 5000  # rows re-read one by one after a change; more invalidate instead
MAX_PLACED = 30  # rows placed in the order one by one (a binary search each); more re-read it
PENDING_SECONDS = 120  # a mark whose transaction neither committed nor cleared it by then
LOCK_SECONDS = 30  # a lock left by a process that died expires after this long
LOCK_WAIT = LOCK_SECONDS + 2
DATA_SECONDS = 7 * 24 * 3600  # an index not renewed for a week is rebuilt by its next reader
CHUNK = 500  # ids per ``pk__in``


@dataclass(frozen=True)
class Kind:
    name: str
    model: type
    # The listing named ``f"{name}:{arg}"``: its base queryset, facets and order, or None.
    listing: Callable[[str], tuple[QuerySet, list, list[str]] | None]
    # Records whose change changes what the facets read: model -> lookup from ``model`` (the
    # listing's rows) to that record's primary key.
    depends: dict[type, str] = field(default_factory=dict)


KINDS: dict[str, Kind] = {}


def register(name: str, model: type, listing, depends: dict[type, str] | None = None) -> None:
    """Keep facet indexes for the listings named ``f"{name}:…"`` (``cache_as``)."""
    KINDS[name] = Kind(name, model, listing, dict(depends or {}))


@dataclass
class FacetIndex:
    schema: str
    epoch: int
    stamp: int
    order: array
    all: int
    masks: dict[str, dict[str, int]]

    def chosen(self, facets) -> dict[str, int]:
        """Per facet with chosen values, the rows matching any of them."""
        found = {}
        for facet in facets:
            if facet.selected:
                values = self.masks.get(facet.param, {})
                mask = 0
                for value in facet.selected:
                    mask |= values.get(value, 0)
                found[facet.param] = mask
        return found

    def results(self, facets) -> int:
        mask = self.all
        for chosen in self.chosen(facets).values():
            mask &= chosen
        return mask

    def counts(self, facets) -> dict[str, dict[str, int]]:
        """What ``home.facets`` counts in SQL: the total, and per facet and option the
        number of results if the option were added to the other facets' choices."""
        chosen = self.chosen(facets)
        total = self.all
        for mask in chosen.values():
            total &= mask
        counts = {"": {"total": total.bit_count()}}
        for facet in facets:
            others = self.all
            for param, mask in chosen.items():
                if param != facet.param:
                    others &= mask
            values = self.masks.get(facet.param, {})
            counts[facet.param] = {
                option.value: (others & values[option.value]).bit_count()
                for option in facet.options
                if option.value in values
            }
        return counts

    def ids(self, facets) -> IdList:
        mask = self.results(facets)
        return IdList(self.order, None if mask == self.all else mask, mask.bit_count())


class IdList:
    """The results' ids in order, for a Paginator: a slice walks ``order`` and stops after it."""

    def __init__(self, order: array, mask: int | None, count: int):
        self.order, self.mask, self.count = order, mask, count
        self._bits: bytes | None = None

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        if self.mask is None:  # every row: a slice of the order
            return list(self.order[item])
        if self._bits is None:
            # One byte per id, 1 where the bit is set: a C-speed test for ``filter``.
            reversed_bits = format(self.mask, "b")[::-1].encode().translate(_BITS)
            self._bits = reversed_bits.ljust(max(self.order, default=0) + 1, b"\x00")
        return list(islice(filter(self._bits.__getitem__, self.order), item.start, item.stop, item.step))


_BITS = bytes.maketrans(b"01", b"\x00\x01")


def _mask(ids: Iterable[int]) -> int:
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray((max(ids) >> 3) + 1)
    for pk in ids:
        buffer[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(buffer, "little")


def ordering(order_by: Iterable[str]) -> list[str]:
    """``order_by`` with the primary key last, so that no two rows tie: the index places a
    changed row by comparisons, and SQL pages the listing in the same order."""
    order_by = list(order_by)
    return order_by if order_by and order_by[-1] in ("pk", "-pk") else [*order_by, "pk"]


def schema(base: QuerySet, facets, order_by: list[str]) -> str:
    """What an index is of: the listing's SQL (its section, language, view restrictions),
    its facets' lookups and its order. An index of anything else is not used."""
    order_by = ordering(order_by)
    parts = (FORMAT, str(base.order_by().values("pk").query), [(f.param, f.lookup, f.flag) for f in facets])
    return hashlib.sha256(repr((*parts, list(order_by))).encode()).hexdigest()[:20]


def _values(queryset: QuerySet, facet) -> Iterable[tuple[int, str]]:
    if facet.flag:
        for pk in queryset.filter(**{facet.lookup: True}).order_by().values_list("pk", flat=True):
            yield pk, "1"
        return
    for pk, value in queryset.order_by().values_list("pk", facet.lookup):
        if value is not None:
            yield pk, str(value)


def _order(base: QuerySet, order_by: list[str]) -> array:
    return array("I", base.order_by(*ordering(order_by)).values_list("pk", flat=True))


def build(base: QuerySet, facets, order_by: list[str], epoch: int = 0) -> FacetIndex:
    """The index of a listing, from the database (one query per facet, one for the order)."""
    order = _order(base, order_by)
    masks = {}
    for facet in facets:
        groups: dict[str, list[int]] = defaultdict(list)
        for pk, value in _values(base, facet):
            groups[value].append(pk)
        masks[facet.param] = {value: _mask(ids) for value, ids in groups.items()}
    return FacetIndex(schema(base, facets, order_by), epoch, time.time_ns(), order, _mask(order), masks)


def patch(index: FacetIndex, ids: Iterable[int], base: QuerySet, facets, order_by: list[str]) -> FacetIndex:
    """``index`` with the rows ``ids`` read again from the database (a new object; ``index``
    is unchanged, it may be shared). The order is read again if any of them is, or was, in
    the listing."""
    ids = sorted(set(ids))
    if not ids:
        return index
    cleared = ~_mask(ids)
    members: list[int] = []
    for start in range(0, len(ids), CHUNK):
        members += base.filter(pk__in=ids[start : start + CHUNK]).order_by().values_list("pk", flat=True)
    if not members and not index.all & ~cleared:
        return index
    masks = {}
    for facet in facets:
        values = {value: mask & cleared for value, mask in index.masks.get(facet.param, {}).items()}
        added: dict[str, list[int]] = defaultdict(list)
        for start in range(0, len(members), CHUNK):
            for pk, value in _values(base.filter(pk__in=members[start : start + CHUNK]), facet):
                added[value].append(pk)
        for value, pks in added.items():
            values[value] = values.get(value, 0) | _mask(pks)
        masks[facet.param] = {value: mask for value, mask in values.items() if mask}
    return replace(
        index,
        all=(index.all & cleared) | _mask(members),
        masks=masks,
        order=_reorder(index, ids, members, base, order_by),
        stamp=time.time_ns(),
    )


def _reorder(index: FacetIndex, ids: list[int], members: list[int], base: QuerySet, order_by: list[str]):
    """The order with ``ids`` taken out and ``members`` put back where the database sorts
    them: each by a binary search over the order in which the database compares its sort key
    with that of the probed row (one small query per probe, about 17 at 100k rows, and no
    collation to imitate). Many rows, or a sort key that is null, read the whole order again
    (hundreds of ms at 100k on SQLite). ``order_by`` must end with the primary key, so that
    no two rows compare equal."""
    order_by = ordering(order_by)
    fields = [name.lstrip("-") for name in order_by]
    bits = format(index.all & _mask(ids), "b")[::-1]
    was = [pk for pk in ids if pk < len(bits) and bits[pk] == "1"]
    if max(len(members), len(was)) > MAX_PLACED or fields[-1] not in ("pk", "id"):
        return _order(base, order_by)
    keys = list(base.model._default_manager.filter(pk__in=members).values_list(*fields))
    if any(value is None for key in keys for value in key):
        return _order(base, order_by)
    order = array("I", index.order)
    for pk in was:
        with contextlib.suppress(ValueError):
            order.remove(pk)
    rows = base.model._default_manager.order_by()
    for key in keys:
        before = _before(order_by, key)
        low, high = 0, len(order)
        while low < high:
            middle = (low + high) // 2
            if rows.filter(before, pk=order[middle]).exists():
                low = middle + 1
            else:
                high = middle
        order.insert(low, key[-1])
    return order


def _before(order_by: list[str], key: tuple) -> Q:
    """The rows that ``order_by`` puts before the row whose sort key is ``key``."""
    before, equal = Q(), {}
    for term, value in zip(order_by, key, strict=True):
        name = term.lstrip("-")
        before |= Q(**equal, **{f"{name}__{'gt' if term.startswith('-') else 'lt'}": value})
        equal[name] = value
    return before


# --- The shared state --------------------------------------------------------------------


def _state_key(kind: str) -> str:
    return f"{PREFIX}:state:{kind}"


def _data_key(name: str) -> str:
    return f"{PREFIX}:data:{name}"


def _stamp_key(name: str) -> str:
    return f"{PREFIX}:stamp:{name}"


def _new_state() -> dict:
    now = time.time_ns()
    # gen: bumped by each update; epoch: renewed by each invalidation; pending: id -> marks
    # [(token, time)] of transactions not yet applied; names: the listings stored.
    return {"gen": now, "epoch": now, "pending": {}, "names": set()}


def _state(kind: str) -> dict:
    state = cache.get(_state_key(kind))
    if state is None:
        # Evicted or never made: a new epoch, so nothing stored before is used.
        cache.add(_state_key(kind), _new_state(), None)
        state = cache.get(_state_key(kind)) or _new_state()
    return state


@contextlib.contextmanager
def _locked(kind: str, wait: float = LOCK_WAIT):
    """Holds the kind's lock (yields True), or yields False after ``wait`` seconds."""
    key, token = f"{PREFIX}:lock:{kind}", uuid.uuid4().hex
    deadline = time.monotonic() + wait
    held = cache.add(key, token, LOCK_SECONDS)
    while not held and time.monotonic() < deadline:
        time.sleep(0.005)
        held = cache.add(key, token, LOCK_SECONDS)
    try:
        yield held
    finally:
        if held and cache.get(key) == token:
            cache.delete(key)


def _live_marks(state: dict) -> set[int]:
    oldest = time.time_ns() - PENDING_SECONDS * 10**9
    return {pk for pk, marks in state["pending"].items() if any(at > oldest for _token, at in marks)}


# Each worker's copy of the indexes it read, by listing name: (stamp, index).
_local: dict[str, FacetIndex] = {}
_connected = [False]


def current(name: str, base: QuerySet, facets, order_by: list[str]) -> FacetIndex | None:
    """The index of the listing ``name`` (``cache_as``) as the database is now, or None
    when there is none to use (a kind not registered, the cache off or failing)."""
    kind = KINDS.get(name.split(":", 1)[0])
    if kind is None or not _connected[0] or settings.FRAGMENT_CACHE_SECONDS <= 0:
        return None
    try:
        return _current(kind, name, base, facets, list(order_by))
    except Exception:
        logger.warning("facet index unavailable for %s", name, exc_info=True)
        return None


def _current(kind: Kind, name: str, base: QuerySet, facets, order_by: list[str]) -> FacetIndex:
    wanted = schema(base, facets, order_by)
    found = cache.get_many([_state_key(kind.name), _stamp_key(name)])
    state = found.get(_state_key(kind.name)) or _state(kind.name)
    index = _local.get(name)
    if not (index and index.stamp == found.get(_stamp_key(name)) and _usable(index, state, wanted)):
        index = cache.get(_data_key(name))
        if index is None or not _usable(index, state, wanted):
            index = build(base, facets, order_by, state["epoch"])
            _store_rebuild(kind.name, name, index, state)
        _local[name] = index
    pending = _live_marks(state)
    if pending:
        # Changes committed, or about to, that the writer has not stored yet: read them here.
        index = patch(index, pending, base, facets, order_by)
    return index


def _usable(index: FacetIndex, state: dict, wanted: str) -> bool:
    return index.epoch == state["epoch"] and index.schema == wanted


def _store_rebuild(kind: str, name: str, index: FacetIndex, before: dict) -> None:
    """Store a reader's rebuild unless an update or an invalidation came after ``before``
    (the state read before the database was): the rebuild may then miss it."""
    with _locked(kind, wait=0.5) as held:
        if not held:
            return
        state = cache.get(_state_key(kind))
        if state is None or state["gen"] != before["gen"] or state["epoch"] != before["epoch"]:
            return
        cache.set(_data_key(name), index, DATA_SECONDS)
        cache.set(_stamp_key(name), index.stamp, DATA_SECONDS)
        state["names"].add(name)
        cache.set(_state_key(kind), state, None)


# --- Writers -------------------------------------------------------------------------------

_recent = threading.local()  # what this thread applied last: (kind, id) -> time


class _Batch:
    """What one transaction changed, applied once it commits (however many signals it sent).
    Registered with ``transaction.on_commit`` and found there again by later signals of the
    same transaction: a rollback drops it with the transaction, so a later one starts afresh."""

    def __init__(self):
        self.token = uuid.uuid4().hex
        self.ids: dict[str, set[int]] = defaultdict(set)
        self.overflow: set[str] = set()
        self.done = False

    def __call__(self) -> None:
        self.done = True  # (tests' captured callbacks stay listed once run)
        _recent.applied = {(kind, pk): time.monotonic() for kind, ids in self.ids.items() for pk in ids}
        for kind, ids in self.ids.items():
            try:
                if kind in self.overflow:
                    _invalidate_now(kind)
                _apply(kind, set() if kind in self.overflow else ids, self.token)
            except Exception:
                logger.warning("facet index: could not update %s", kind, exc_info=True)
                _invalidate_now(kind)


def _batch() -> tuple[_Batch, bool]:
    """The current transaction's batch, and whether it is new (and must be registered)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _Batch) and not callback.done:
                return callback, False
    return _Batch(), True


def changed(kind: str, ids: Iterable[int]) -> None:
    """Rows ``ids`` of ``kind`` were written in the current transaction: marked pending now,
    applied to the stored indexes once it commits (at once outside a transaction). Inside
    ``invalidation.bulk()`` (an import, a seed) nothing: every index is dropped when it commits,
    and marking thousands of rows one save at a time cost an import a tenth of its time."""
    if in_bulk():
        return
    ids = {int(pk) for pk in ids if pk is not None}
    if not ids:
        return
    batch, new_batch = _batch()
    if kind not in batch.overflow:
        new = ids - batch.ids[kind]
        batch.ids[kind] |= ids
        if len(batch.ids[kind]) > MAX_PATCH:  # too many to read one by one: rebuilt by a reader
            batch.overflow.add(kind)
            _invalidate_now(kind)  # and again when the batch runs
        elif new:
            try:
                _mark(kind, new, batch.token)
            except Exception:
                logger.warning("facet index: could not mark %s", kind, exc_info=True)
                batch.overflow.add(kind)
                _invalidate_now(kind)
    if new_batch:
        transaction.on_commit(batch)


def _mark(kind: str, ids: set[int], token: str) -> None:
    with _locked(kind) as held:
        if not held:
            raise TimeoutError(f"facet index lock of {kind}")
        state = _state(kind)
        now = time.time_ns()
        for pk in ids:
            state["pending"].setdefault(pk, []).append((token, now))
        cache.set(_state_key(kind), state, None)


def _apply(kind_name: str, ids: set[int], token: str) -> None:
    kind = KINDS[kind_name]
    with _locked(kind_name) as held:
        if not held:
            raise TimeoutError(f"facet index lock of {kind_name}")
        state = _state(kind_name)
        state["gen"] += 1
        # Rows of other transactions committed but not applied yet are read again too: their
        # place in the order is stale, and a binary search must not probe a misplaced row.
        ids = ids | _live_marks(state)
        for name in sorted(state["names"]):
            index = cache.get(_data_key(name))
            listing = kind.listing(name.split(":", 1)[1]) if index is not None else None
            if listing is not None:
                base, facets, order_by = listing
                if index.epoch == state["epoch"] and index.schema == schema(base, facets, order_by):
                    updated = patch(index, ids, base, facets, order_by)
                    if updated is not index:
                        cache.set(_data_key(name), updated, DATA_SECONDS)
                        cache.set(_stamp_key(name), updated.stamp, DATA_SECONDS)
                    continue
            # Gone, invalidated, or of a listing since changed: the next reader rebuilds it.
            state["names"].discard(name)
            cache.delete_many([_data_key(name), _stamp_key(name)])
        oldest = time.time_ns() - PENDING_SECONDS * 10**9
        for pk in list(state["pending"]):
            # This transaction's marks are applied (or, if it overflowed, invalidated).
            marks = [(other, at) for other, at in state["pending"][pk] if at > oldest and other != token]
            if marks:
                state["pending"][pk] = marks
            else:
                del state["pending"][pk]
        cache.set(_state_key(kind_name), state, None)


def invalidate(*kinds: str) -> None:
    """Drop the indexes of ``kinds`` (all when none is named): now, and again once the current
    transaction commits (a reader between the two may have rebuilt from the old rows). For
    bulk writes that send no signals: ``seed_scale``, imports."""
    for kind in kinds or tuple(KINDS):
        _invalidate_now(kind)
        transaction.on_commit(lambda kind=kind: _invalidate_now(kind))


def _invalidate_now(kind: str) -> None:
    try:
        with _locked(kind, wait=2) as held:
            state = cache.get(_state_key(kind)) or _new_state()
            fresh = time.time_ns()
            # Marks stay: their writers still apply them to whatever is rebuilt meanwhile.
            state.update(epoch=fresh, gen=fresh, names=set())
            cache.set(_state_key(kind), state, None)
            if not held:
                logger.warning("facet index: invalidated %s without its lock", kind)
    except Exception:
        logger.warning("facet index: could not invalidate %s", kind, exc_info=True)
    _local.clear()


# --- Signals -------------------------------------------------------------------------------


def _kinds_of(model) -> list[Kind]:
    return [kind for kind in KINDS.values() if model is not None and issubclass(model, kind.model)]


def _row_model(sender, instance):
    # A base ``Page`` saved (Wagtail's move saves one) stands for its specific type.
    specific = getattr(instance, "specific_class", None)
    return specific if specific is not None else sender


def _on_save(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields and DRAFT_FIELDS.issuperset(update_fields):
        return
    _on_row(sender, instance)


def _on_row(sender, instance, deleted: bool = False, **kwargs) -> None:
    if in_bulk():  # see changed()
        return
    for kind in _kinds_of(_row_model(sender, instance)):
        changed(kind.name, [instance.pk])
    for kind in KINDS.values():
        for model, lookup in kind.depends.items():
            if isinstance(instance, model):
                if deleted:  # what pointed at it is gone or changed already: which rows is not said
                    invalidate(kind.name)
                    continue
                ids = list(
                    kind.model._default_manager.filter(**{lookup: instance.pk})
                    .order_by()
                    .values_list("pk", flat=True)[: MAX_PATCH + 1]
                )
                changed(kind.name, ids)


def _on_delete(sender, instance, **kwargs) -> None:
    _on_row(sender, instance, deleted=True)


def _on_m2m(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if not action.startswith("post_") or in_bulk():
        return
    for kind in KINDS.values():
        if isinstance(instance, kind.model):
            changed(kind.name, [instance.pk])
        elif issubclass(model, kind.model):
            if pk_set is None:  # cleared from the other side: which rows is not said
                invalidate(kind.name)
            else:
                changed(kind.name, pk_set)


def _on_wagtail(sender, instance, **kwargs) -> None:
    """Wagtail's page_published, page_unpublished and post_page_move: the page was saved in
    the same action (post_save), so this thread has usually just applied it; otherwise (a
    signal sent by other code) it is applied now."""
    applied, now = getattr(_recent, "applied", {}), time.monotonic()
    kinds = _kinds_of(_row_model(sender, instance))
    if any(now - applied.get((kind.name, instance.pk), -60) > 5 for kind in kinds):
        _on_row(sender, instance)


def _on_restriction(sender, **kwargs) -> None:
    invalidate()


def connect() -> None:
    """Keep the registered listings' indexes up to date: call once every app is loaded
    (``HomeConfig.ready``). Until it is called in a process, that process does not use them."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    # The listings register their kinds when imported.
    import network.directory  # noqa: F401
    import practices.listings  # noqa: F401

    watched = {Page}
    for kind in KINDS.values():
        watched |= {kind.model, *kind.depends}
        for related in kind.model._meta.many_to_many:
            through = related.remote_field.through
            uid = f"facet_index_m2m_{through._meta.label}"
            m2m_changed.connect(_on_m2m, sender=through, weak=False, dispatch_uid=uid)
    for model in watched:
        label = model._meta.label
        post_save.connect(_on_save, sender=model, weak=False, dispatch_uid=f"facet_index_save_{label}")
        post_delete.connect(_on_delete, sender=model, weak=False, dispatch_uid=f"facet_index_delete_{label}")
    page_published.connect(_on_wagtail, weak=False, dispatch_uid="facet_index_published")
    page_unpublished.connect(_on_wagtail, weak=False, dispatch_uid="facet_index_unpublished")
    post_page_move.connect(_on_wagtail, weak=False, dispatch_uid="facet_index_move")
    for signal, uid in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(
            _on_restriction, sender=PageViewRestriction, weak=False, dispatch_uid=f"facet_index_vr_{uid}"
        )
    _connected[0] = True
