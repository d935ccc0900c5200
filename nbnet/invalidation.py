"""What a change renews: the tags of ``nbnet.page_cache`` that a save or a delete bumps.

Stored pages and fragments name the tags they depend on (see ``nbnet.page_cache``); a change
renews exactly what depends on the tags it bumps, once its transaction commits (everything one
transaction changed together, ``_Renewal``):

- **Nothing**, for what readers never see (``INVISIBLE_MODELS``; a page save that writes only
  ``DRAFT_FIELDS``): draft revisions and Wagtail 8's autosave (a draft about every half
  second while an editor types), locks, workflow and moderation states, comments, audit
  entries, the reference index, renditions made while a page is viewed, contact-form
  records and link-check results.
- For a record readers see (a page published, unpublished or deleted; a snippet, image or
  document saved or deleted): the record itself in every language (its object tag: pages and
  translatable snippets by translation key); every record linked to it, as it was before the
  change and as it is after, in either direction: its foreign keys and many-to-many fields,
  the records whose foreign keys or many-to-many fields point at it (an inline child's link
  counts as its page's), and what Wagtail's reference index knows points at it (links in
  StreamField blocks and rich text); the listings and counts of its kind (its list tag) when
  the change touches what they read of it (``listing_state``), and its card wherever it is
  shown (its record tag) in any case; for a page, its parent (which may list its children),
  and TREE when which page a URL leads to or the menu may change (published, unpublished, a
  new slug, the home page and its sections). Publishing a practitioner thus renews their
  profile in every language, the practices, projects, events and twin-city pages that show
  them, their organisation's page, pages that link to them, their card on every directory
  page, and, when their city, organisation, themes, languages or place in the alphabet
  changed, the directory's listings and counts; a guide page, a help-point list or a practice
  that does not show them stays stored.
- **Everything** (SITE) for the rest of the content apps: sites, locales, view restrictions,
  redirects, collections; a page moved (its subtree's URLs change everywhere they are
  linked); imports and seeds, which change many records at once (``bulk``).

Written here, not taken from a library: Wagtail's frontend-cache app purges URLs of one page
(and not the filtered listings or the pages that show it), and its reference index leaves
out many-to-many fields, which is how practices name their contacts.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections import defaultdict
from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from modelcluster.fields import ParentalKey

from . import page_cache
from .page_cache import SITE, TREE, kind_tag, list_tag, object_tag

logger = logging.getLogger(__name__)

# Apps whose models are shown on public pages.
CONTENT_APPS = {
    "home",
    "network",
    "practices",
    "guides",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtail_localize",
    "wagtailredirects",
    "taggit",
}
# The content apps' models that readers never see: their saves leave stored pages valid.
INVISIBLE_MODELS = {
    # Editors' drafts, moderation, comments, subscriptions, audit and bookkeeping.
    "wagtailcore.Revision", "wagtailcore.WorkflowState", "wagtailcore.TaskState",
    "wagtailcore.Workflow", "wagtailcore.WorkflowTask", "wagtailcore.WorkflowPage",
    "wagtailcore.WorkflowContentType", "wagtailcore.Task", "wagtailcore.GroupApprovalTask",
    "wagtailcore.Comment", "wagtailcore.CommentReply", "wagtailcore.PageSubscription",
    "wagtailcore.PageLogEntry", "wagtailcore.ModelLogEntry", "wagtailcore.ReferenceIndex",
    "wagtailcore.UploadedFile", "wagtailcore.APIToken", "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission", "wagtailcore.GroupSitePermission",
    # Made while a reader views a page: the page that shows it is already built.
    "wagtailimages.Rendition",
    # Records for moderators and editors' reports.
    "network.ContactMessage", "guides.LinkCheck",
    # wagtail-localize's working copies: a translation reaches readers when it is published
    # (a page save). StringTranslation is handled apart: it decides the machine-translation
    # notice of one page.
    "wagtail_localize.TranslationLog", "wagtail_localize.TranslationSource",
    "wagtail_localize.TranslationContext", "wagtail_localize.String",
    "wagtail_localize.StringSegment", "wagtail_localize.Template",
    "wagtail_localize.TemplateSegment", "wagtail_localize.RelatedObjectSegment",
    "wagtail_localize.OverridableSegment",
    # Tags of images and documents: searched by editors, never shown on a public page.
    "taggit.Tag", "taggit.TaggedItem",
}  # fmt: skip
# The page fields Wagtail writes alone when it saves a draft revision (``save_revision``:
# every autosave) or locks a page: the live page readers see is unchanged.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision", "latest_revision_created_at", "draft_title", "has_unpublished_changes",
        "wagtail_admin_comments", "locked", "locked_by", "locked_at",
    }
)  # fmt: skip
# Apps whose records are renewed one by one (with their links and their kind); the other
# content apps' models renew everything.
SCOPED_APPS = {"home", "network", "practices", "guides", "wagtailimages", "wagtaildocs"}
# Records that are part of another one: a change of theirs is a change of the owner's (the
# contact details and their visibility are shown on the profile and wherever it is shown).
PART_OF = {"network.PractitionerContact": "page"}
# Page fields whose change may change which page a URL leads to, or the menu.
TREE_FIELDS = ("live", "url_path", "show_in_menus", "title")  # url_path second: see _renewed_after
MENU_DEPTH = 3  # the home page (2) and its sections (3): the menu and the home page's cards
# A record linked from more records than this (a country, a big organisation) renews
# everything rather than thousands of tags one by one.
MAX_LINKED = 2000

_state = threading.local()


def _bulk_depth() -> int:
    return getattr(_state, "bulk", 0)


def in_bulk() -> bool:
    """Whether this thread runs inside ``bulk()``: per-record bookkeeping can wait, since
    everything is renewed when it commits."""
    return _bulk_depth() > 0


@contextlib.contextmanager
def bulk():
    """Many changes at once (an import, a seed): no per-record work while they run, then
    everything is renewed once (when the transaction commits)."""
    _state.bulk = _bulk_depth() + 1
    try:
        yield
    finally:
        _state.bulk -= 1
        if not _bulk_depth():  # when what was done commits (never, for a dry run rolled back)
            transaction.on_commit(_renew_everything)


def _renew_everything() -> None:
    from home import facet_index

    page_cache.renew({SITE})
    facet_index.invalidate()


def _shown(model) -> bool:
    return model._meta.app_label in CONTENT_APPS and model._meta.label not in INVISIBLE_MODELS


def _scoped(model) -> bool:
    return model._meta.app_label in SCOPED_APPS and _shown(model)


def _is_page(model) -> bool:
    from wagtail.models import Page

    return issubclass(model, Page)


@functools.cache
def _forward(model) -> tuple:
    """``model``'s own links to records readers see: foreign keys and many-to-many fields (an
    inline child's link to its page, the ParentalKey, is its owner, not a link)."""
    return tuple(
        field
        for field in model._meta.get_fields()
        if field.concrete
        and field.is_relation
        and (field.many_to_one or field.one_to_one or field.many_to_many)
        and not isinstance(field, ParentalKey)
        and not getattr(field.remote_field, "parent_link", False)
        and field.related_model is not None
        and _scoped(field.related_model)
    )


@functools.cache
def _incoming(model) -> tuple:
    """Relations from records readers see to ``model`` (or to the Page table, for a page)."""
    owners = [model, *model._meta.get_parent_list()]
    return tuple(
        relation
        for owner in owners
        for relation in owner._meta.related_objects
        if not relation.parent_link
        and _scoped(relation.related_model)
        and not isinstance(relation.remote_field, ParentalKey)
        and (relation.one_to_many or relation.one_to_one or relation.many_to_many)
    )


@functools.cache
def _owner_field(model) -> str | None:
    """The ParentalKey of an inline child (a guide's step), or the field naming the owner of a
    record that is part of another (PART_OF)."""
    if model._meta.label in PART_OF:
        return PART_OF[model._meta.label]
    for field in model._meta.concrete_fields:
        if isinstance(field, ParentalKey):
            return field.name
    return None


def _tags_of(model, pks, known: dict | None = None) -> set[str]:
    """The object tags of ``model``'s records ``pks`` (their owners' for parts and children).
    ``known`` maps the pks whose translation keys were read with the links (``_linked_ids``):
    only the others are asked for."""
    pks = {pk for pk in pks if pk is not None}
    if not pks:
        return set()
    owner = _owner_field(model)
    if owner is not None:
        field = model._meta.get_field(owner)
        owners = model._base_manager.filter(pk__in=pks).values_list(field.attname, flat=True)
        return _tags_of(field.related_model, owners)
    if not _keyed(model):
        return {object_tag(model._meta.label, pk) for pk in pks}
    known = known or {}
    keys = {known[pk] for pk in pks if pk in known}
    missing = {pk for pk in pks if pk not in known}
    if missing:
        if _is_page(model):
            from wagtail.models import Page

            keys.update(Page.objects.filter(pk__in=missing).values_list("translation_key", flat=True))
        else:
            keys.update(model._base_manager.filter(pk__in=missing).values_list("translation_key", flat=True))
    label = "page" if _is_page(model) else model._meta.label
    return {object_tag(label, key) for key in keys}


@functools.cache
def _keyed(model) -> bool:
    """Whether ``model``'s tags name its records by translation key (pages and translatable
    snippets: one tag for a record in every language), not by primary key."""
    return _is_page(model) or any(field.name == "translation_key" for field in model._meta.concrete_fields)


def _tagged_by_key(model) -> bool:
    """Whether ``_tags_of`` names ``model``'s records by their own translation key (not by an
    owner's tags, nor by primary key): the key read with a link then spares it a query."""
    return _keyed(model) and _owner_field(model) is None


def _linked_ids(instance, keys: dict | None = None) -> dict:
    """The records ``instance`` links to, as the instance holds them (loaded from the database
    before a change, or as saved: an inline panel's many-to-many values are written after the
    page's row), and those that link to it: ``{model: {pk, ...}}``. The translation keys read
    on the way go into ``keys`` (``{model: {pk: key}}``), so that ``_tags_of`` does not ask
    for them again (a practitioner's publish asked for them in 24 queries of its 226)."""
    linked: dict = defaultdict(set)
    keys = {} if keys is None else keys
    for field in _forward(type(instance)):
        target = field.related_model
        if field.many_to_many:
            for related in getattr(instance, field.name).all():
                linked[target].add(related.pk)
                if _tagged_by_key(target):
                    keys.setdefault(target, {})[related.pk] = related.translation_key
        else:
            linked[target].add(getattr(instance, field.attname))
    for relation in _incoming(type(instance)):
        source = relation.related_model
        rows = source._base_manager.filter(**{relation.field.name: instance.pk})
        if _tagged_by_key(source):
            for pk, key in rows.values_list("pk", "translation_key")[: MAX_LINKED + 1]:
                linked[source].add(pk)
                keys.setdefault(source, {})[pk] = key
        else:
            linked[source].update(rows.values_list("pk", flat=True)[: MAX_LINKED + 1])
    return linked


def _referring(instance) -> dict:
    """What Wagtail's reference index knows links to ``instance`` (StreamField blocks, rich
    text, choosers in inline panels)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    base = Page if isinstance(instance, Page) else type(instance)
    rows = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(base), to_object_id=str(instance.pk)
    ).values_list("content_type_id", "object_id")[: MAX_LINKED + 1]
    linked: dict = defaultdict(set)
    for content_type_id, object_id in rows:
        source = ContentType.objects.get_for_id(content_type_id).model_class()
        if source is not None and _scoped(source):
            linked[source].add(object_id)
    return linked


def _kind_tags(model) -> set[str]:
    """The tags of ``model``'s kind a change of one of its records bumps in any case: its kind,
    and its listings too unless the model says what they read of it (``listing_fields``: then
    ``listing_changed`` decides, once the change has committed)."""
    tags = {kind_tag(model)}
    if _listing_declared(model) is None:
        tags.add(list_tag(model))
    return tags


def _listing_declared(model) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """``(listing_fields, listing_order)`` of a model that declares what its listings read of a
    record: the fields they filter and count by and the fields they are ordered by."""
    fields = getattr(model, "listing_fields", None)
    if fields is None:
        return None
    return tuple(fields), tuple(getattr(model, "listing_order", ()))


# Page fields every listing of pages reads: which pages are listed (live, not expired, in
# which language, under which parent) and whether they may be shown.
LISTED_PAGE_FIELDS = ("live", "expired", "locale_id", "path")


def listing_state(model, pk) -> tuple | None:
    """What the listings of ``model`` read of its record ``pk`` (as the database holds it now):
    the declared fields, many-to-many ones as sorted ids, and the order's fields apart. None
    when the model declares nothing or the record is gone."""
    declared = _listing_declared(model)
    if declared is None:
        return None
    fields, order = declared
    record = model._base_manager.filter(pk=pk).first()
    if record is None:
        return None
    values = []
    for name in fields:
        field = model._meta.get_field(name)
        if field.many_to_many:
            values.append((name, tuple(sorted(related.pk for related in getattr(record, name).all()))))
        else:
            values.append((name, getattr(record, field.attname)))
    if _is_page(model):
        values.extend((name, getattr(record, name)) for name in LISTED_PAGE_FIELDS)
    locale = getattr(record, "locale_id", None)
    return tuple(values), tuple(getattr(record, name.lstrip("-")) for name in order), locale


def listing_changed(model, pk, before: tuple | None, after: tuple | None) -> bool:
    """Whether a change of record ``pk`` changed what the listings of ``model`` show beside its
    card: a field they filter or count by, or its place in their order. A new title moves a
    record only if another record's title lies between the old and the new one (in the
    database's own collation, in the record's language): a corrected typo usually does not."""
    if before is None or after is None:
        return True
    (fields_before, order_before, locale), (fields_after, order_after, _locale) = before, after
    if fields_before != fields_after:
        return True
    if order_before == order_after:
        return False
    _fields, order = _listing_declared(model)
    names = [name.lstrip("-") for name in order]
    others = model._base_manager.exclude(pk=pk)
    if locale is not None:
        others = others.filter(locale_id=locale)
    path = dict(fields_after).get("path") if _is_page(model) else None
    if path:
        # A page is listed among its siblings, all at its depth: the (depth, title) index
        # (home/migrations/0003) then finds the titles in between without reading every
        # page of the language (50 ms per publish at 100k practitioners on PostgreSQL).
        others = others.filter(depth=len(path) // model.steplen)
    for index, (name, old, new) in enumerate(zip(names, order_before, order_after, strict=True)):
        if old is None or new is None:
            return True
        if old != new:
            # Another record whose earlier order fields equal this one's and whose field here
            # lies between the old and the new value (either way round, bounds included) may
            # now be on the other side of it. Later fields are not looked at: over-counting
            # only renews more.
            from django.db.models import Q

            prefix = dict(zip(names[:index], order_after[:index], strict=True))
            between = Q(**{f"{name}__gte": old, f"{name}__lte": new}) | Q(
                **{f"{name}__gte": new, f"{name}__lte": old}
            )
            return others.filter(**prefix).filter(between).exists()
    return False


def renewed_by(instance) -> set[str]:
    """The tags a change of ``instance`` bumps, with its links as the instance holds them (see
    the module's docstring)."""
    model = type(instance)
    if _is_page(model) and instance.specific_class not in (None, model):
        instance, model = instance.specific, instance.specific_class
    owner = _owner_field(model)
    if owner is not None:
        field = model._meta.get_field(owner)
        owner_id = getattr(instance, field.attname)
        if model._meta.label in PART_OF:  # its owner is not saved with it: the owner changed
            found = field.related_model._base_manager.filter(pk=owner_id).first()
            return renewed_by(found) if found is not None else set()
        # An inline child (a guide's step) is saved with its page, which renews its links:
        # here the page itself and what the child links to.
        tags = _tags_of(field.related_model, [owner_id])
        for target in _forward(model):
            if not target.many_to_many:
                tags |= _tags_of(target.related_model, [getattr(instance, target.attname)])
        return tags
    tags = {*_kind_tags(model), *_own_tags(instance)}
    keys: dict = {}
    linked = _linked_ids(instance, keys)
    for source, ids in _referring(instance).items():
        linked[source].update(ids)
    if _is_page(model):
        # Its parent may list its children, unless the parent's type says what it lists
        # (``cache_lists``: the directory lists practitioners, renewed by their kind's tag,
        # and should not renew its every sub-page with each practitioner).
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Page

        parent_path = instance.path[: -Page.steplen]
        parents = Page.objects.filter(path=parent_path)
        for pk, content_type_id, key in parents.values_list("pk", "content_type_id", "translation_key"):
            parent_model = ContentType.objects.get_for_id(content_type_id).model_class()
            if not getattr(parent_model, "cache_lists", ()):
                linked[Page].add(pk)
                keys.setdefault(Page, {})[pk] = key
    for target, ids in linked.items():
        if len(ids) > MAX_LINKED:
            return {SITE}
        tags |= _tags_of(target, ids, keys.get(target))
    return tags


def _listed_model(sender, instance):
    """The model whose listings a save of ``instance`` may change, if it declares what they
    read (``listing_fields``): the page's specific class for a page saved as a plain Page."""
    model = sender
    if _is_page(sender):
        model = getattr(instance, "specific_class", None) or sender
    return model if _listing_declared(model) is not None else None


def _tree_state(instance):
    return tuple(getattr(instance, name, None) for name in TREE_FIELDS)


def _draft_only(update_fields) -> bool:
    return bool(update_fields) and DRAFT_FIELDS.issuperset(update_fields)


def _on_pre_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """Before a change: what the record links to now, which the change may undo."""
    if raw or _bulk_depth() or _draft_only(update_fields) or instance.pk is None or not _scoped(sender):
        return
    try:
        before = sender._base_manager.filter(pk=instance.pk).first()
        if before is None:
            return
        instance._renews_before = renewed_by(before)
        if _is_page(sender):
            instance._tree_before = _tree_state(before)
        listed = _listed_model(sender, instance)
        if listed is not None:
            instance._listing_before = listing_state(listed, instance.pk)
    except Exception:  # a query that fails here fails the save too, and says why there
        logger.warning("page cache: could not read the links before a change", exc_info=True)


def _on_save(sender, instance, created=False, raw=False, update_fields=None, **kwargs) -> None:
    if _bulk_depth() or _draft_only(update_fields):
        return
    if raw or not _scoped(sender):
        _on_other_change(sender, instance)
        return
    before = getattr(instance, "_renews_before", set())
    tree = _is_page(sender) and _tree_changed(instance, created)
    # Once the change has committed, and only then: everything it touches. (Renewing before
    # as well only made the readers who came in between store the old page again, under
    # versions the commit renews once more: two misses a page instead of one.)
    listed = _listed_model(sender, instance)
    listing = None
    if listed is not None:  # decided once the change has committed, from what it wrote
        listing = (listed, None if created else getattr(instance, "_listing_before", None))
    _renew_on_commit(partial(_renewed_after, instance, before, tree, listing))


def _own_tags(instance) -> set[str]:
    """The record's own tags and its kind's, from the instance alone (none for a part)."""
    model = type(instance)
    if _owner_field(model) is not None:
        return set()
    key = getattr(instance, "translation_key", None) or instance.pk
    label = "page" if _is_page(model) else model._meta.label
    kind = instance.specific_class if _is_page(model) and instance.specific_class else model
    return {*_kind_tags(kind), object_tag(label, key), f"rec:{label}:{key}"}


def _tree_changed(page, created: bool) -> bool:
    """Whether a page's change may change which page a URL leads to, the menu, the home
    page's cards or breadcrumbs: a page published or unpublished, a new slug, shown in the
    menu or not, the home page and its sections, a page with children renamed."""
    before = getattr(page, "_tree_before", None)
    if created or before is None or page.depth <= MENU_DEPTH:
        return True
    after = _tree_state(page)
    changed = {name for name, old, new in zip(TREE_FIELDS, before, after, strict=True) if old != new}
    return bool(changed - {"title"}) or ("title" in changed and page.numchild > 0)


class _Renewal:
    """What one transaction's changes renew, worked out and renewed together once it commits.

    A publish saves the page and each of its aliases (and a sync, the translations): renewed
    one by one, each record's links read in turn, the pages they share were renewed several
    times within a tenth of a second, and a reader who came in between built and stored the
    page again for nothing."""

    def __init__(self):
        self.parts: list = []  # callables that return tags, read once the change has committed
        self.done = False

    def __call__(self) -> None:
        self.done = True
        tags: set[str] = set()
        for part in self.parts:
            tags |= part()
        page_cache.renew(tags)


def _renew_on_commit(part) -> None:
    """Renew ``part()``'s tags when the current transaction commits (at once outside one),
    together with the rest of that transaction's changes."""
    connection = transaction.get_connection()
    current = getattr(_state, "renewal", None)
    # Still waiting for this transaction's commit? (Not if it ran, or was rolled back with
    # its transaction or savepoint: Django dropped it from the connection's list.)
    waiting = (
        current is not None
        and not current.done
        and connection.in_atomic_block
        and any(entry[1] is current for entry in getattr(connection, "run_on_commit", ()))
    )
    if waiting:
        current.parts.append(part)
        return
    renewal = _Renewal()
    renewal.parts.append(part)
    _state.renewal = renewal
    transaction.on_commit(renewal)


def _renewed_after(instance, before: set[str], tree: bool, listing=None) -> set[str]:
    """Once the change has committed: the record's links as they are now, and as they were, and
    its kind's listings if what they read of it changed."""
    try:
        tags = before | renewed_by(instance)
        if listing is not None:
            model, state = listing
            if listing_changed(model, instance.pk, state, listing_state(model, instance.pk)):
                tags.add(list_tag(model))
    except Exception:
        logger.warning("page cache: could not read a change's links; renewing everything", exc_info=True)
        tags = {SITE}
    if tree:
        tags.add(TREE)
        if instance.numchild and getattr(instance, "_tree_before", (None,) * 4)[1] != instance.url_path:
            tags.add(SITE)  # its subtree's URLs changed, wherever they are linked
    return tags


def _on_pre_delete(sender, instance, **kwargs) -> None:
    if _bulk_depth() or not _scoped(sender):
        return
    try:
        kind = instance.specific_class if _is_page(sender) and instance.specific_class else sender
        instance._renews_before = (
            renewed_by(instance) | {list_tag(kind)} | ({TREE} if _is_page(sender) else set())
        )
    except Exception:
        instance._renews_before = {SITE}


def _on_delete(sender, instance, **kwargs) -> None:
    if _bulk_depth():
        return
    if not _scoped(sender):
        _on_other_change(sender, instance)
        return
    tags = getattr(instance, "_renews_before", None) or {SITE}
    _renew_on_commit(lambda: tags)


def _on_m2m(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if _bulk_depth() or not action.startswith("post_"):
        return
    # A link added or removed (modelcluster writes only the differences): both kinds' listings.
    tags = {kind_tag(type(instance)), kind_tag(model), *_tags_of(type(instance), [instance.pk])}
    tags |= {list_tag(type(instance)), list_tag(model)}
    tags |= _tags_of(model, pk_set or ())
    _renew_on_commit(lambda: tags)


def _on_other_change(sender, instance) -> None:
    """A change in the content apps outside SCOPED_APPS: a machine translation's string
    renews its page (the notice), anything else everything."""
    if sender._meta.label == "wagtail_localize.StringTranslation":
        with contextlib.suppress(Exception):
            key = instance.context.object_id
            page_cache.bump(object_tag("page", key))
            return
    page_cache.bump(SITE)


def on_page_moved(sender=None, instance=None, **kwargs) -> None:
    """A move changes the URLs of a whole subtree, wherever they are linked: everything."""
    if not _bulk_depth():
        page_cache.bump(SITE)


def connect() -> None:
    from wagtail.signals import post_page_move

    for model in apps.get_models():
        if not _shown(model):
            continue
        uid = f"page_cache_{model._meta.label}"
        pre_save.connect(_on_pre_save, sender=model, weak=False, dispatch_uid=f"{uid}_pre_save")
        post_save.connect(_on_save, sender=model, weak=False, dispatch_uid=f"{uid}_save")
        pre_delete.connect(_on_pre_delete, sender=model, weak=False, dispatch_uid=f"{uid}_pre_delete")
        post_delete.connect(_on_delete, sender=model, weak=False, dispatch_uid=f"{uid}_delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _on_m2m, sender=field.remote_field.through, weak=False, dispatch_uid=f"{uid}_{field.name}"
            )
    post_page_move.connect(on_page_moved, weak=False, dispatch_uid="page_cache_move")
