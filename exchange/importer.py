"""Importing organisations, practitioners, practices, help points and guide steps.

One run is one database transaction. Each row runs in its own savepoint: a rejected row
leaves nothing behind and the report says why; ``strict`` rolls the whole file back if
any row is rejected, and a dry run always rolls back. The dry run runs the real import's code
for every check that can reject a row or decide its action (cells, keys, slugs, the model's
validation, paragraph counts of translations), and saves new and changed pages so that the
rows after them see them, but it does not revise, publish or alias pages and reads translation
rows instead of writing them through wagtail-localize (``_dry_run_create``, ``_dry_run_update``,
``_dry_run_translation``): that work cannot change the report and is rolled back anyway.
``tests/test_import_dry_run.py`` holds the dry run's report to the import's, row by row.

Rows in the default language (English) create or update the record itself; rows in
another language with the same ``key`` are its translations and go through
wagtail-localize (a ``TranslationSource``, ``StringTranslation``s from the row's text,
then ``create_or_update_translation``), as a translator's work in the admin does.

Thousands of rows: what every row would look up again is read once per run (``Context``: the
external keys, the records cells name, the records the next rows update with their links, the
place and free slugs of new pages under their parent, the synchronised language trees), the
keys are written together once the rows are done, and Wagtail's search- and reference-index
tasks, which it enqueues on every save of a page (about ten per new practitioner), are done
once per record when the import commits (``DeferredIndexing``). The pages themselves are still
created, revised and published by Wagtail and translated by wagtail-localize, row by row; a new
page's aliases in the synchronised languages are written together (``exchange.aliases``).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import logging
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from guides.models import STEP_FEATURES, GuideIndexPage, GuidePage, GuideStep, HelpPoint, LegalStatus, Topic
from home.blocks import RICH_TEXT_FEATURES
from home.seeding import save_string_translation
from nbnet import invalidation
from network.models import (
    City,
    Country,
    NetworkIndexPage,
    Organisation,
    OrganisationType,
    PractitionerContact,
    PractitionerPage,
    SpokenLanguage,
    TargetGroup,
    Theme,
    Visibility,
)
from practices.models import PracticeIndexPage, PracticePage
from practices.models.base import CURRENCIES
from practices.models.practices import PracticeStatus

from .cells import Cells, RowRejected, as_uuid, validation_reasons
from .formats import FileError, ParsedFile, parse
from .models import ImportedRecord

logger = logging.getLogger(__name__)

# Dependency order: what a later kind refers to is imported first.
KINDS = ["organisation", "help_point", "practitioner", "practice", "guide_step"]
MODELS = {
    "organisation": Organisation,
    "help_point": HelpPoint,
    "practitioner": PractitionerPage,
    "practice": PracticePage,
    "guide_step": GuideStep,
}
KIND_ALIASES = {
    **{kind: kind for kind in KINDS},
    "organisations": "organisation",
    "organization": "organisation",
    "organizations": "organisation",
    "partner": "organisation",
    "partners": "organisation",
    "help_points": "help_point",
    "helppoint": "help_point",
    "practitioners": "practitioner",
    "people": "practitioner",
    "person": "practitioner",
    "practices": "practice",
    "good_practice": "practice",
    "guide_steps": "guide_step",
    "step": "guide_step",
    "steps": "guide_step",
}

# Columns a translation row may carry (the text translators translate), by kind and field.
TRANSLATED = {
    "organisation": {"name": "name", "description": "description"},
    "help_point": {"name": "name", "opening_hours": "opening_hours", "helps_with": "helps_with"},
    "practitioner": {"name": "title", "slug": "slug", "role": "role", "bio": "bio"},
    "practice": {
        "title": "title",
        "slug": "slug",
        "intro": "intro",
        "funding": "funding",
        **{name: name for name in ("goals", "activities", "results", "evaluation", "lessons", "transfer")},
    },
    "guide_step": {
        **{name: name for name in ("title", "what", "where", "documents", "duration", "cost", "rights")}
    },
}
REQUIRED = {
    "organisation": ["key", "name", "type", "country"],
    "help_point": ["key", "organisation", "city", "address"],
    "practitioner": ["key", "name", "role", "city"],
    "practice": ["key", "title", "country", "start_date"],
    "guide_step": ["key", "guide", "topic", "title", "what"],
}
COLUMNS = {
    "organisation": ["key", "language", "name", "slug", "type", "country", "city", "website", "description"],
    "help_point": [
        "key",
        "language",
        "organisation",
        "name",
        "city",
        "address",
        "opening_hours",
        "phone",
        "website",
        "languages",
        "helps_with",
        "last_verified",
    ],
    "practitioner": [
        "key",
        "language",
        "name",
        "slug",
        "role",
        "organisation",
        "city",
        "country",
        "bio",
        "themes",
        "target_groups",
        "languages",
        "open_to_exchange",
        "looking_for_partners",
        "last_confirmed",
    ],
    "practice": [
        "key",
        "language",
        "title",
        "slug",
        "intro",
        "country",
        "city",
        "start_date",
        "end_date",
        "status",
        "themes",
        "target_groups",
        "goals",
        "activities",
        "results",
        "evaluation",
        "cost",
        "currency",
        "funding",
        "lessons",
        "transfer",
        "organisations",
        "contacts",
    ],
    "guide_step": [
        "key",
        "language",
        "guide",
        "order",
        "topic",
        "title",
        "what",
        "where",
        "documents",
        "duration",
        "cost",
        "rights",
        "statuses",
        "help_points",
    ],
}
# Private columns: imported by editors, exported only to administrators.
PRIVATE_COLUMNS = {"practitioner": ["email", "email_visibility", "phone", "phone_visibility"]}
# Columns that only describe a row and are never an error.
META_COLUMNS = {"kind", "published", "url"}


def known_columns(kind: str) -> set[str]:
    return set(COLUMNS[kind]) | set(PRIVATE_COLUMNS.get(kind, [])) | META_COLUMNS | {"title", "name"}


# The links read with the records a chunk of rows will update (``Context.prefetch``).
PREFETCH = {
    "practitioner": ("themes", "target_groups", "languages"),
    "practice": ("themes", "target_groups", "organisations", "contacts"),
}
PREFETCH_ROWS = 200
UNKNOWN = object()


class _Choices:
    """``CURRENCIES`` (a list of pairs) read like a TextChoices by ``Cells.choice``."""

    def __init__(self, pairs):
        self.choices = pairs
        self.values = [code for code, _label in pairs]


CURRENCY_CHOICES = _Choices(CURRENCIES)


@dataclass
class RowResult:
    line: int
    kind: str
    key: str
    language: str
    action: str = ""  # create, update, unchanged, reject
    title: str = ""
    reasons: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return self.action == "reject"


@dataclass
class Report:
    filename: str = ""
    dry_run: bool = True
    committed: bool = False
    file_error: str = ""
    warnings: list[str] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def rejected(self) -> int:
        return self.count("reject")

    def summary(self) -> str:
        if self.file_error:
            return self.file_error
        counts = _(
            "%(created)s to create, %(updated)s to update, %(unchanged)s unchanged, %(rejected)s rejected."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }
        if self.dry_run:
            return _("Dry run, nothing was saved: %(counts)s") % {"counts": counts}
        if self.committed:
            return _("Imported: %(counts)s") % {"counts": counts}
        return _("Nothing was imported (all or nothing, and some rows were rejected): %(counts)s") % {
            "counts": counts
        }

    def as_dict(self) -> dict:
        return {
            "filename": self.filename,
            "dry_run": self.dry_run,
            "committed": self.committed,
            "file_error": self.file_error,
            "warnings": self.warnings,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "rows": [row.__dict__ for row in self.rows],
        }


class Tree:
    """Where this run's new pages go: for each parent page it adds children to, the path of its
    last child and the slugs of its children, read once (the parent row locked, as treebeard
    locks it for each child, till the run commits) and kept up to date as pages are added, so a
    new page and its aliases in the other languages cost no query to place and name. Forgotten
    after a row is rejected (its pages rolled back) and after work that adds or renames pages
    some other way (translations): read again when next needed.

    The parents' ``numchild`` is written a few times per run, not once per page as treebeard
    does: on PostgreSQL every update of the same row in one transaction leaves one more version
    of it to step over, and a 50,000-row import updated each index page 50,000 times (the run
    slowed by half). What is not yet written waits in ``pending`` and is written every
    ``FLUSH_PLACED`` pages, at the end of the run and before anything else adds pages (Wagtail
    and treebeard read ``numchild``). A parent's first child is written at once, so a parent
    with children never reads as a leaf (treebeard's ``get_children`` trusts ``numchild == 0``)."""

    FLUSH_PLACED = 1000

    def __init__(self):
        self._parents: dict[int, dict] = {}
        self.placed = False  # since the row began: whether a page was placed
        self.pending: dict[int, int] = {}  # parent pk: children added, not yet in its numchild
        self._row_start: dict[int, int] = {}  # ``pending`` as the row began
        self._flushed = False  # since the row began

    def begin_row(self) -> None:
        self.placed = self._flushed = False
        self._row_start = dict(self.pending)

    def _state(self, parent: Page) -> dict:
        state = self._parents.get(parent.pk)
        if state is None:
            locked = Page.objects.select_for_update().filter(pk=parent.pk)
            numchild = locked.values_list("numchild", flat=True).get()
            children = parent.get_children().order_by()
            state = {
                "last": children.order_by("-path").values_list("path", flat=True).first(),
                "slugs": set(children.values_list("slug", flat=True)),
                "leaf": numchild == 0,  # as the database says
            }
            self._parents[parent.pk] = state
        return state

    def slug_taken(self, parent: Page, slug: str) -> bool:
        return slug in self._state(parent)["slugs"]

    def available_slug(self, parent: Page, slug: str) -> str:
        """``wagtail.coreutils.find_available_slug``: ``slug``, else ``slug-1``, ``slug-2``…"""
        taken, candidate, number = self._state(parent)["slugs"], slug, 1
        while candidate in taken:
            candidate = f"{slug}-{number}"
            number += 1
        return candidate

    def place(self, parent: Page, page: Page) -> None:
        """What treebeard's ``add_child`` does before saving: the path after the last child's,
        the parent's ``numchild`` one up (in ``pending`` unless it is the first), the parent
        cached on the page."""
        state = self._state(parent)
        page.depth = parent.depth + 1
        if state["last"] is None:
            page.path = Page._get_path(parent.path, page.depth, 1)
        else:
            page.path = Page(path=state["last"])._inc_path()
        page.numchild = 0
        if state["leaf"]:
            self._add_children(parent.pk, 1)
            state["leaf"] = False
        else:
            self.pending[parent.pk] = self.pending.get(parent.pk, 0) + 1
        parent.numchild += 1
        page._cached_parent_obj = parent
        self.placed = True
        state["last"] = page.path
        state["slugs"].add(page.slug)

    def add_child(self, parent: Page, page: Page) -> Page:
        """``parent.add_child(instance=page)``."""
        self.place(parent, page)
        page.save()
        return page

    @property
    def waiting(self) -> int:
        return sum(self.pending.values())

    def flush(self) -> None:
        """Write the children counts that wait, one update per parent."""
        for pk, added in sorted(self.pending.items()):
            self._add_children(pk, added)
        if self.pending:
            self._flushed = True
        self.pending = {}

    @staticmethod
    def _add_children(pk: int, added: int) -> None:
        Page.objects.filter(pk=pk).update(numchild=F("numchild") + added)

    def forget(self) -> None:
        self.flush()
        self._parents.clear()

    def roll_back(self) -> bool:
        """The row's savepoint was rolled back: what it placed is gone, and so is what it wrote
        of the counts, its own and the earlier rows' (those wait again). True if the places
        known must be read again."""
        self.pending = self._row_start
        if not (self.placed or self._flushed):
            return False
        self._parents.clear()
        return True


class Context:
    """Lookups shared by the rows of one run: taxonomies by code, slug and name, and records by key."""

    def __init__(self, publish: bool, user=None, dry_run: bool = False):
        self.publish = publish
        self.dry_run = dry_run
        self.user = user  # who ran the import: named in the pages' history and the audit log
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.default = Locale.get_default()
        self.countries: dict[str, Country] = {}
        default_countries = {c.translation_key: c for c in Country.objects.filter(locale=self.default)}
        self.country_codes = {c.code for c in default_countries.values()}
        for country in Country.objects.all():
            source = default_countries.get(country.translation_key)
            if source:
                self.countries.setdefault(country.code.lower(), source)
                self.countries.setdefault(country.name.lower(), source)
        default_cities = {c.translation_key: c for c in City.objects.filter(locale=self.default)}
        self.cities: dict[str, City] = {}
        for city in City.objects.all():
            source = default_cities.get(city.translation_key)
            if source:
                self.cities.setdefault(city.slug.lower(), source)
                self.cities.setdefault(city.name.lower(), source)
        self._terms: dict[type, dict] = {}
        self._imported: dict[str, dict[str, uuid.UUID]] = {}
        self.touched_keys: dict[tuple[str, str], uuid.UUID] = {}
        self._references: dict[str, dict[str, Any]] = defaultdict(dict)
        self.tree = Tree()
        self._prefetched: dict[tuple[str, uuid.UUID], Any] = {}
        self._contacts: dict[int, PractitionerContact | None] = {}
        self._indexes: dict[type, Page | None] = {}
        self._translated_parents: dict[tuple[int, int], Page | None] = {}
        self._synchronised: dict[int, list[Locale]] | None = None
        # True: every alias through Wagtail's ``create_alias`` (the tests compare the two ways).
        self.wagtail_aliases = False
        self.spoken_languages = {}
        for language in SpokenLanguage.objects.all():
            self.spoken_languages[language.code.lower()] = language
            self.spoken_languages.setdefault(language.name.lower(), language)
        self.guides: dict[str, GuidePage] = {}
        for index in GuideIndexPage.objects.filter(locale=self.default):
            for guide in GuidePage.objects.descendant_of(index).filter(locale=self.default):
                relative = guide.url_path[len(index.url_path) :].strip("/")
                self.guides[relative.lower()] = guide
                self.guides.setdefault(guide.slug.lower(), guide)
                self.guides.setdefault(str(guide.translation_key), guide)

    def terms(self, model) -> dict:
        if model not in self._terms:
            default = {t.translation_key: t for t in model.objects.filter(locale=self.default)}
            lookup = {}
            for term in model.objects.all():
                source = default.get(term.translation_key)
                if source:
                    lookup.setdefault(term.slug.lower(), source)
                    lookup.setdefault(term.name.lower(), source)
            self._terms[model] = lookup
        return self._terms[model]

    def imported(self, kind: str) -> dict[str, uuid.UUID]:
        """The external keys of ``kind`` seen by earlier imports (and this one's saved rows):
        read once per run, not once per row."""
        if kind not in self._imported:
            self._imported[kind] = dict(
                ImportedRecord.objects.filter(kind=kind).values_list("key", "translation_key")
            )
        return self._imported[kind]

    def translation_key(self, kind: str, key: str) -> uuid.UUID | None:
        found = self.imported(kind).get(key)
        if found:
            return found
        return as_uuid(key)

    def remember_key(self, kind: str, key: str, translation_key: uuid.UUID) -> None:
        """After a row is saved: its key, written to ``ImportedRecord`` once the rows are done."""
        if as_uuid(key) == translation_key:
            return  # the key is the translation key itself (our own exports)
        self.imported(kind)[key] = translation_key
        self.touched_keys[(kind, key)] = translation_key

    def save_keys(self) -> None:
        """What ``update_or_create`` did row by row, in a few statements: new keys are created,
        re-pointed ones updated, and every key of a saved row gets its ``last_imported_at``."""
        if not self.touched_keys:
            return
        now = timezone.now()
        existing: dict[tuple[str, str], tuple[int, uuid.UUID]] = {}
        for kind in {kind for kind, _key in self.touched_keys}:
            keys = [key for k, key in self.touched_keys if k == kind]
            for start in range(0, len(keys), 500):
                for pk, key, translation_key in ImportedRecord.objects.filter(
                    kind=kind, key__in=keys[start : start + 500]
                ).values_list("pk", "key", "translation_key"):
                    existing[(kind, key)] = (pk, translation_key)
        new, same = [], []
        for (kind, key), translation_key in self.touched_keys.items():
            if (kind, key) not in existing:
                new.append(ImportedRecord(kind=kind, key=key, translation_key=translation_key))
                continue
            pk, current = existing[(kind, key)]
            if current == translation_key:
                same.append(pk)
            else:
                ImportedRecord.objects.filter(pk=pk).update(
                    translation_key=translation_key, last_imported_at=now
                )
        ImportedRecord.objects.bulk_create(new, batch_size=500)
        for start in range(0, len(same), 500):
            ImportedRecord.objects.filter(pk__in=same[start : start + 500]).update(last_imported_at=now)
        self.touched_keys.clear()

    def prefetch(self, items: list[tuple[str, str]]) -> None:
        """The records the next rows (``(kind, key)`` of rows in the default language) will
        update, with their links and contact details, read in a few queries instead of a few
        per row. Each is handed out once (``find``), and dropped if another row saves it first."""
        self._prefetched.clear()
        self._contacts.clear()
        wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
        for kind, key in items:
            if kind in PREFETCH:
                translation_key = self.translation_key(kind, key)
                if translation_key:
                    wanted[kind].add(translation_key)
        for kind, translation_keys in wanted.items():
            found = MODELS[kind].objects.filter(translation_key__in=translation_keys, locale=self.default)
            for instance in found.prefetch_related(*PREFETCH[kind]):
                self._prefetched[(kind, instance.translation_key)] = instance
                if kind == "practitioner":
                    self._contacts[instance.pk] = None
            if kind == "practitioner" and self._contacts:
                for contact in PractitionerContact.objects.filter(page_id__in=list(self._contacts)):
                    self._contacts[contact.page_id] = contact

    def contact(self, page) -> PractitionerContact | None:
        """A practitioner's contact details when read with the page (``None``: there are none),
        or ``UNKNOWN`` (then they are read as before)."""
        return self._contacts.pop(page.pk, UNKNOWN)

    def find(self, kind: str, key: str):
        """The default-language record with this external key (or translation key, or slug)."""
        model = MODELS[kind]
        translation_key = self.translation_key(kind, key)
        if translation_key:
            found = self._prefetched.pop((kind, translation_key), None)
            if found is None:
                found = model.objects.filter(translation_key=translation_key, locale=self.default).first()
            if found or kind == "guide_step":
                return found
        if hasattr(model, "slug"):
            return model.objects.filter(slug=key, locale=self.default).first()
        return None

    def reference(self, kind: str, key: str):
        """``find`` for a cell that names another record (a practitioner's organisation): the
        same few records are named by thousands of rows. Only records found are kept, and a
        kind's are forgotten when one of its rows is saved."""
        found = self._references[kind].get(key)
        if found is None:
            found = self.find(kind, key)
            if found is not None:
                self._references[kind][key] = found
        return found

    def saved(self, kind: str, key: str, translation_key: uuid.UUID | None) -> None:
        """A row of ``kind`` was saved (its savepoint released)."""
        self._references.pop(kind, None)
        stale = self._prefetched.pop((kind, translation_key), None)
        if stale is not None:
            self._contacts.pop(stale.pk, None)
        if translation_key is not None:
            self.remember_key(kind, key, translation_key)

    def index(self, model) -> Page | None:
        if model not in self._indexes:
            self._indexes[model] = model.objects.filter(locale=self.default).first()
        return self._indexes[model]

    def synchronised_locales(self, locale_id: int) -> list[Locale]:
        """The locales whose trees are kept in sync with ``locale_id``'s (wagtail-localize's
        ``LocaleSynchronization``), in the order ``create_aliases_for_new_page`` takes them."""
        if self._synchronised is None:
            from wagtail_localize.models import LocaleSynchronization

            pairs = list(LocaleSynchronization.objects.values_list("sync_from_id", "locale_id"))
            self._synchronised = {}
            for source in {source for source, _target in pairs}:
                targets = {target for source_id, target in pairs if source_id == source}
                self._synchronised[source] = list(Locale.objects.filter(id__in=targets))
        return self._synchronised.get(locale_id, [])

    def translated_parent(self, parent: Page, locale: Locale) -> Page | None:
        """``parent.get_translation(locale)``, specific, once per run (None: not translated)."""
        key = (parent.pk, locale.pk)
        if key not in self._translated_parents:
            found = parent.get_translation_or_none(locale)
            self._translated_parents[key] = found.specific if found is not None else None
        return self._translated_parents[key]

    def forget_tree(self, rejected: bool = False) -> None:
        """After work done through other paths (pages may have been added or renamed), or a
        rejected row that placed pages (they are gone with its savepoint)."""
        if rejected:
            if not self.tree.roll_back():
                return
        else:
            self.tree.forget()
        self._indexes.clear()
        self._translated_parents.clear()


# Index work, once per record at the end -------------------------------------------------------

# Wagtail enqueues these on every save of a page or snippet (a new practitioner is saved about
# ten times: created, revised, published, and its aliases in the other languages); each reads
# its record again from the database, so once per record after the last save is the same. The
# site's own search entry (``search.tasks.update_search_entry``, enqueued on each publish) too:
# with tasks run in the process, the entries of the run are written together at the end
# (``search.indexing.update_entries``).
DEFERRED_TASKS = (
    "modelsearch.tasks.insert_or_update_object_task",
    "wagtail.tasks.update_reference_index_task",
    "search.tasks.update_search_entry",
)
SEARCH_TASK, REFERENCE_TASK, ENTRY_TASK = DEFERRED_TASKS
BATCH = 500
PROGRESS_SECONDS = 0.2


class _CollectingBackend:
    """Stands in for a task backend, in this thread only, while the rows run: Wagtail's
    search-index and reference-index tasks are noted (once per record), the rest go on."""

    def __init__(self, backend, collected: dict):
        self._backend = backend
        self._collected = collected

    def enqueue(self, task, args, kwargs):
        if task.module_path in DEFERRED_TASKS and not kwargs:
            self._collected.setdefault((task.module_path, tuple(args)), task)
            return None
        return self._backend.enqueue(task, args, kwargs)

    def __getattr__(self, name):
        return getattr(self._backend, name)


class DeferredIndexing:
    """Collects the index tasks of one run; ``run()`` does them once the rows are done (and
    only if the run commits: a rolled-back run's index work would be rolled back with it)."""

    def __init__(self):
        self.collected: dict[tuple[str, tuple], Any] = {}

    @contextlib.contextmanager
    def collecting(self):
        from django_tasks import task_backends
        from modelsearch.tasks import insert_or_update_object_task
        from wagtail.tasks import update_reference_index_task

        from search.tasks import update_search_entry

        aliases = {
            insert_or_update_object_task.backend,
            update_reference_index_task.backend,
            update_search_entry.backend,
        }
        originals = {alias: task_backends[alias] for alias in aliases}
        for alias, backend in originals.items():
            task_backends[alias] = _CollectingBackend(backend, self.collected)
        try:
            yield self
        finally:
            for alias, backend in originals.items():
                task_backends[alias] = backend

    def run(self) -> None:
        from django_tasks.backends.immediate import ImmediateBackend

        while self.collected:
            collected, self.collected = self.collected, {}
            immediate: dict[str, dict[type, list]] = {path: defaultdict(list) for path in DEFERRED_TASKS}
            for (path, args), task in collected.items():
                if not isinstance(task.get_backend(), ImmediateBackend):
                    task.enqueue(*args)  # a worker's queue: one task per record instead of ten
                    continue
                if path == ENTRY_TASK:
                    content_type_id, pk = args
                    model = ContentType.objects.get_for_id(content_type_id).model_class()
                else:
                    app_label, model_name, pk = args
                    model = apps.get_model(app_label, model_name)
                immediate[path][model].append(pk)
            with self.collecting():  # whatever the index work saves is collected for the next round
                for model, pks in immediate[ENTRY_TASK].items():
                    _update_search_entries(model, pks)
                for model, pks in immediate[SEARCH_TASK].items():
                    _update_search_index(model, pks)
                for model, pks in immediate[REFERENCE_TASK].items():
                    _update_reference_index(model, pks)


def _update_search_entries(model, pks: list) -> None:
    """``search.tasks.update_search_entry`` for many records of one model, 500 at a time."""
    from search import indexing

    for start in range(0, len(pks), BATCH):
        try:
            with transaction.atomic():
                indexing.update_entries(indexing.for_entries(model).filter(pk__in=pks[start : start + BATCH]))
        except Exception:  # as the task backend does: logged, the import goes on
            logger.exception("The search entries of %s could not be updated", model._meta.label)


def _update_search_index(model, pks: list) -> None:
    """``modelsearch.tasks.insert_or_update_object_task`` for many records of one model."""
    from modelsearch.backends import get_search_backends_with_name

    backends = list(get_search_backends_with_name(with_auto_update=True))
    for start in range(0, len(pks), BATCH):
        by_model: dict[type, list] = defaultdict(list)
        for instance in model.objects.filter(pk__in=pks[start : start + BATCH]).order_by("pk"):
            indexed = instance.get_indexed_instance()
            if indexed is not None:
                by_model[type(indexed)].append(indexed)
        for indexed_model, found in by_model.items():
            # Read again through the indexed objects: the ones still indexed, with what their
            # related search fields read joined or prefetched (``RelatedFields.select_on_queryset``).
            items = list(
                indexed_model.get_indexed_objects().filter(pk__in=[item.pk for item in found]).order_by("pk")
            )
            for name, backend in backends:
                try:
                    backend.add_bulk(indexed_model, items)
                except Exception:  # as the task backend does: logged, the import goes on
                    logger.exception(
                        "Exception raised while adding %s into the '%s' search backend", model, name
                    )


def _update_reference_index(model, pks: list) -> None:
    """``wagtail.tasks.update_reference_index_task`` for many records of one model: for a
    record that is not an inline child, what ``ReferenceIndex.create_or_update_for_object``
    does for each, done for 500 at a time (``_references_in_bulk``); else the task itself."""
    from modelcluster.fields import ParentalKey
    from modelcluster.models import get_all_child_relations
    from wagtail.models import ReferenceIndex

    if ReferenceIndex.is_indexed(model) and not any(
        isinstance(field, ParentalKey) for field in model._meta.get_fields()
    ):
        # The child relations whose rows are read for references, one query each per batch.
        children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        for start in range(0, len(pks), BATCH):
            chunk = pks[start : start + BATCH]
            try:
                with transaction.atomic():
                    _references_in_bulk(
                        model, list(model.objects.filter(pk__in=chunk).prefetch_related(*children))
                    )
            except Exception:  # then record by record, as the task does (below)
                logger.exception("The reference index of %s: bulk update failed", model._meta.label)
                _references_one_by_one(model, chunk)
        return
    _references_one_by_one(model, pks)


def _references_one_by_one(model, pks: list) -> None:
    from wagtail.tasks import update_reference_index_task

    for pk in pks:
        try:
            update_reference_index_task.call(model._meta.app_label, model._meta.model_name, pk)
        except model.DoesNotExist:
            continue
        except Exception:  # as the task backend does: logged, the import goes on
            logger.exception("The reference index of %s %s could not be updated", model._meta.label, pk)


def _references_in_bulk(model, instances: list) -> None:
    """``ReferenceIndex.create_or_update_for_object(instance)`` for each of ``instances`` (all
    of ``model``): the same rows added and removed, read and written in one statement each."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import ReferenceIndex

    if not instances:
        return
    content_types = [
        ContentType.objects.get_for_model(item, for_concrete_model=False)
        for item in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    known_content_type_ids = {ct.id for ct in content_types}
    existing: dict[str, dict[tuple, tuple]] = defaultdict(dict)
    rows = ReferenceIndex.objects.filter(
        base_content_type=base_content_type, object_id__in=[str(item.pk) for item in instances]
    ).values_list(
        "id", "content_type_id", "to_content_type", "to_object_id", "model_path", "content_path", "object_id"
    )
    for pk, content_type_id, to_content_type_id, to_object_id, model_path, content_path, object_id in rows:
        existing[object_id][(to_content_type_id, to_object_id, model_path, content_path)] = (
            content_type_id,
            pk,
        )
    new, deleted = [], []
    for instance in instances:
        references = set(ReferenceIndex._extract_references_from_object(instance))
        present = existing.get(str(instance.pk), {})
        for to_content_type_id, to_object_id, model_path, content_path in references - set(present):
            new.append(
                ReferenceIndex(
                    content_type=content_type,
                    base_content_type=base_content_type,
                    object_id=instance.pk,
                    to_content_type_id=to_content_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
        for reference, (content_type_id, pk) in present.items():
            # As Wagtail: a record of a more specific type's relation is not a deletion.
            if reference not in references and content_type_id in known_content_type_ids:
                deleted.append(pk)
    options = {"ignore_conflicts": True} if connection.features.supports_ignore_conflicts else {}
    ReferenceIndex.objects.bulk_create(new, batch_size=BATCH, **options)
    for start in range(0, len(deleted), BATCH):
        ReferenceIndex.objects.filter(id__in=deleted[start : start + BATCH]).delete()


def _changes(instance, values: dict[str, Any]) -> list[str]:
    changed = []
    for name, value in values.items():
        link = _link(type(instance), name)
        if link is not None and (value is None or isinstance(value, models.Model)):
            # A link is compared by the id it holds, without reading the record it points at.
            if getattr(instance, link) != (value.pk if value is not None else None):
                changed.append(name)
            continue
        current = getattr(instance, name)
        if hasattr(current, "all"):
            if {obj.pk for obj in current.all()} != {obj.pk for obj in value}:
                changed.append(name)
        elif current != value:
            changed.append(name)
    return changed


@functools.cache
def _link(model, name: str) -> str | None:
    """The column (``attname``) of ``model``'s foreign key ``name``, if it is one."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field.attname if field.many_to_one and field.concrete else None


def _assign(instance, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(instance, name, value)


def _new_translation_key(key: str) -> uuid.UUID:
    return as_uuid(key) or uuid.uuid4()


# Source rows, one function per kind: (cells, existing or None, context) -> (instance, action)


def _organisation(cells: Cells, key: str, context: Context):
    name = cells.text("name", required=True, max_length=200)
    slug = cells.slug("slug")
    org_type = cells.choice("type", OrganisationType, required=True)
    country = cells.country("country", required=True)
    city = cells.city("city", country=country)
    website = cells.url("website")
    description = cells.text("description", multiline=True)
    cells.check()
    instance = context.find("organisation", key)
    values = {
        "name": name,
        "org_type": org_type,
        "country": country,
        "city": city,
        "website": website,
        "description": description,
    }
    if instance is None:
        instance = Organisation(locale=context.default, translation_key=_new_translation_key(key))
    slug = slug or instance.slug or slugify(name)[:90] or "organisation"
    taken = Organisation.objects.filter(slug=slug, locale=context.default).exclude(pk=instance.pk)
    if taken.exists():
        if cells.has("slug") and cells.raw("slug"):
            raise RowRejected([_("The slug “%(slug)s” is used by another organisation.") % {"slug": slug}])
        base, number = slug, 2
        while Organisation.objects.filter(slug=f"{base}-{number}", locale=context.default).exists():
            number += 1
        slug = f"{base}-{number}"
    values["slug"] = slug
    return _save_snippet(instance, values)


def _save_snippet(instance, values: dict[str, Any]):
    plain = {k: v for k, v in values.items() if not isinstance(v, list)}
    many = {k: v for k, v in values.items() if isinstance(v, list)}
    if instance.pk and not _changes(instance, values):
        return instance, "unchanged"
    action = "update" if instance.pk else "create"
    _assign(instance, plain)
    for name, value in many.items():
        setattr(instance, name, value)  # ParentalManyToMany: written by save()
    instance.full_clean()
    instance.save()
    return instance, action


def _help_point(cells: Cells, key: str, context: Context):
    organisation = cells.reference("organisation", "organisation", required=True)
    values = {
        "organisation": organisation,
        "name": cells.text("name", max_length=200),
        "city": cells.city("city", required=True),
        "address": cells.text("address", required=True, max_length=300),
        "opening_hours": cells.text("opening_hours", max_length=300),
        "phone": cells.text("phone", max_length=40),
        "website": cells.url("website"),
        "languages": cells.languages("languages"),
        "helps_with": cells.text("helps_with", multiline=True),
        "last_verified": cells.date("last_verified"),
    }
    cells.check()
    instance = context.find("help_point", key)
    if instance is None:
        instance = HelpPoint(locale=context.default, translation_key=_new_translation_key(key))
    return _save_snippet(instance, values)


def _save_page(cells: Cells, key: str, kind: str, index_model, values: dict[str, Any], context: Context):
    existing = context.find(kind, key)
    model = MODELS[kind]
    parent = context.index(index_model)
    if parent is None:
        raise RowRejected(
            [
                _("The site has no %(page)s in English to put this under.")
                % {"page": index_model._meta.verbose_name}
            ]
        )
    requested = cells.slug("slug")
    cells.check()
    if existing is not None:
        page = existing.specific
        values["slug"] = requested or page.slug
        if (
            values["slug"] != page.slug
            and page.get_parent().get_children().filter(slug=values["slug"]).exists()
        ):
            raise RowRejected(
                [_("The slug “%(slug)s” is used by another page here.") % {"slug": values["slug"]}]
            )
        if not _changes(page, values) and (page.live or not context.publish):
            return page, "unchanged"
        if values["slug"] != page.slug:
            context.forget_tree()  # its parent's children are named differently now
        page.__dict__.pop("_prefetched_objects_cache", None)  # its links are about to change
        _assign(page, values)
        if context.dry_run:
            _dry_run_update(page, context)
            return page, "update"
        # Validated once: by the publication when there is one (it validates the live page),
        # else by the revision.
        revision = page.save_revision(user=context.user, clean=not context.publish)
        if context.publish:
            revision.publish(user=context.user)
        return page, "update"
    slug = values.pop("slug", "") or requested or slugify(values["title"])[:80] or kind
    if requested and context.tree.slug_taken(parent, slug):
        raise RowRejected([_("The slug “%(slug)s” is used by another page here.") % {"slug": slug}])
    slug = context.tree.available_slug(parent, slug)
    translation_key = as_uuid(key)
    page = model(
        locale=context.default, translation_key=translation_key or uuid.uuid4(), slug=slug, live=False
    )
    _assign(page, values)
    if context.dry_run:
        _dry_run_create(parent, page, context)
        return page, "create"
    context.tree.add_child(parent, page)
    revision = page.save_revision(user=context.user, clean=not context.publish)
    if context.publish:
        revision.publish(user=context.user)
        page.refresh_from_db()
    # As the admin does on creating a page: synchronised language trees get an alias of it.
    _create_aliases(page, context, known_key=translation_key is not None)
    return page, "create"


def _dry_run_create(parent: Page, page: Page, context: Context) -> None:
    """A new page in a dry run: validated as the revision and the publication would validate
    it (``full_clean``, which is what can reject a row there), and saved, so that the rows after
    it find it (its translations, the practices naming it). Not revised, published or aliased:
    nothing that tells which rows would be created, updated or rejected happens there, and the
    run is rolled back anyway. (A translation row of it says "create" either way: its target
    is missing, or an alias.)"""
    context.tree.place(parent, page)
    page.full_clean()
    page.save(clean=False)


def _dry_run_update(page: Page, context: Context) -> None:
    """A changed page in a dry run: validated as the revision and the publication would
    validate it; its new content written to the page row when the import publishes (as the
    publication would, so translation rows compare with the new English), not revised."""
    page.full_clean()
    if context.publish:
        page.save(clean=False)


def _create_aliases(page: Page, context: Context, known_key: bool = False) -> None:
    """``wagtail_localize.synctree.create_aliases_for_new_page(page)``: an alias of the new page
    in each language tree kept in sync with its own, under the translation of its parent, with
    the first free slug. When every language's parent is known, the aliases are written
    together (``exchange.aliases.bulk_aliases``: the rows Wagtail's ``create_alias`` writes for
    each, in a few statements); otherwise, or for a page that shortcut does not cover, Wagtail's
    own ``create_alias`` makes each one, given its place in the tree (``_mpnode_attrs``, as
    Wagtail does for the pages of a tree it copies). A page whose parent is not translated yet,
    or which has a translation already (its translation key came from the file), goes the
    whole way through ``copy_for_translation``."""
    from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
    from wagtail.signals import copy_for_translation_done

    from .aliases import bulk_aliases

    parent = page.get_parent()
    locales = context.synchronised_locales(page.locale_id)
    parents = {}
    for locale in locales:
        translated_parent = None if parent.is_root() else context.translated_parent(parent, locale)
        # A key from the file: a translation of it may exist already (Wagtail refuses a second
        # one), which the whole way through finds out and says as Wagtail would.
        if (
            known_key
            and translated_parent is not None
            and Page.objects.filter(translation_key=page.translation_key, locale=locale).exists()
        ):
            translated_parent = None
        parents[locale.pk] = translated_parent
    # What copy_for_translation aliases: the live page, or a draft's latest revision.
    source = page if page.live else page.get_latest_revision_as_object()
    aliases = None
    if locales and all(parents.values()) and not context.wagtail_aliases:
        places = []
        for locale in locales:
            translated_parent = parents[locale.pk]
            probe = Page(slug=context.tree.available_slug(translated_parent, page.slug))
            context.tree.place(translated_parent, probe)
            places.append((locale, translated_parent, probe.slug, probe.path, probe.depth))
        aliases = bulk_aliases(source, places)
        if aliases is None:  # not covered: the places stay reserved, Wagtail writes the pages
            aliases = [
                source.create_alias(
                    parent=translated_parent,
                    update_slug=slug,
                    update_locale=locale,
                    reset_translation_key=False,
                    _mpnode_attrs=(path, depth),
                )
                for locale, translated_parent, slug, path, depth in places
            ]
            for alias in aliases:
                copy_for_translation_done.send(
                    sender=CopyPageForTranslationAction, source_obj=page, target_obj=alias
                )
    else:
        aliases = []
        for locale in locales:
            translated_parent = parents[locale.pk]
            if translated_parent is None:
                context.forget_tree()
                alias = page.copy_for_translation(locale, copy_parents=True, alias=True)
                context.forget_tree()
            else:
                slug = context.tree.available_slug(translated_parent, page.slug)
                probe = Page(slug=slug)
                context.tree.place(translated_parent, probe)
                alias = source.create_alias(
                    parent=translated_parent,
                    update_slug=slug,
                    update_locale=locale,
                    reset_translation_key=False,
                    _mpnode_attrs=(probe.path, probe.depth),
                )
                copy_for_translation_done.send(
                    sender=CopyPageForTranslationAction, source_obj=page, target_obj=alias
                )
            aliases.append(alias)
    for alias in aliases:
        _create_aliases(alias, context)


def _practitioner(cells: Cells, key: str, context: Context):
    city = cells.city("city", required=True)
    country = cells.country("country")
    if city and country and city.country_id != country.pk:
        cells.fail(_("%(city)s is not in %(country)s.") % {"city": city.name, "country": country.name})
    values = {
        "title": cells.text("name", required=True, max_length=255),
        "role": cells.text("role", required=True, max_length=150),
        "organisation": cells.reference("organisation", "organisation"),
        "city": city,
        "bio": cells.text("bio", max_length=2000, multiline=True),
        "themes": cells.terms("themes", Theme, _("themes")),
        "target_groups": cells.terms("target_groups", TargetGroup, _("target groups")),
        "languages": cells.languages("languages"),
        "open_to_exchange": cells.boolean("open_to_exchange"),
        "looking_for_partners": cells.boolean("looking_for_partners"),
        "last_confirmed": cells.date("last_confirmed"),
    }
    private = {}
    if cells.has("email"):
        private["email"] = cells.email("email")
    if cells.has("phone"):
        private["phone"] = cells.text("phone", max_length=40)
    for column in ("email_visibility", "phone_visibility"):
        if cells.has(column):
            private[column] = cells.choice(column, Visibility, default=Visibility.HIDDEN)
    page, action = _save_page(cells, key, "practitioner", NetworkIndexPage, values, context)
    contact = UNKNOWN if action == "create" else context.contact(page)
    if private and (action == "create" or contact is None):
        PractitionerContact.objects.create(page=page, **private)
    elif private:
        if contact is UNKNOWN:
            contact, created = PractitionerContact.objects.get_or_create(page=page, defaults=private)
        else:
            created = False
        if not created and _changes(contact, private):
            _assign(contact, private)
            contact.full_clean()
            contact.save()
            action = "update" if action == "unchanged" else action
    return page, action


def _practice(cells: Cells, key: str, context: Context):
    country = cells.country("country", required=True)
    values = {
        "title": cells.text("title", required=True, max_length=255),
        "intro": cells.text("intro", multiline=True),
        "country": country,
        "city": cells.city("city", country=country),
        "start_date": cells.date("start_date", required=True),
        "end_date": cells.date("end_date"),
        "status": cells.choice("status", PracticeStatus, default=PracticeStatus.ONGOING),
        "themes": cells.terms("themes", Theme, _("themes")),
        "target_groups": cells.terms("target_groups", TargetGroup, _("target groups")),
        "cost": cells.decimal("cost"),
        "currency": cells.choice("currency", CURRENCY_CHOICES, default="EUR"),
        "funding": cells.text("funding", max_length=300),
        "organisations": cells.references("organisations", "organisation"),
        "contacts": cells.references("contacts", "practitioner"),
    }
    for name in ("goals", "activities", "results", "evaluation", "lessons", "transfer"):
        values[name] = cells.rich_text(name, RICH_TEXT_FEATURES)
    return _save_page(cells, key, "practice", PracticeIndexPage, values, context)


def _guide_step(cells: Cells, key: str, context: Context):
    guide_name = cells.text("guide", required=True, max_length=200)
    guide = context.guides.get(guide_name.lower()) if guide_name else None
    if guide_name and guide is None:
        cells.fail(
            _("Unknown guide “%(guide)s” (use its path, e.g. %(examples)s).")
            % {
                "guide": guide_name[:60],
                "examples": ", ".join(sorted(k for k in context.guides if "-" not in k)[:6]),
            }
        )
    values = {
        "topic": cells.choice("topic", Topic, required=True),
        "title": cells.text("title", required=True, max_length=200),
        "what": cells.rich_text("what", STEP_FEATURES, required=True),
        "where": cells.text("where", max_length=300),
        "documents": cells.text("documents", multiline=True),
        "duration": cells.text("duration", max_length=200),
        "cost": cells.text("cost", max_length=200),
        "rights": cells.text("rights", multiline=True),
        "statuses": cells.terms("statuses", LegalStatus, _("legal statuses")),
        "help_points": cells.references("help_points", "help_point"),
    }
    order = cells.integer("order")
    cells.check()
    # Fresh from the database: an earlier row of this run may have saved a newer revision.
    guide = GuidePage.objects.get(pk=guide.pk)
    page = guide.get_latest_revision_as_object()
    translation_key = context.translation_key("guide_step", key) or uuid.uuid4()
    steps = list(page.steps.all())
    step = next((s for s in steps if s.translation_key == translation_key), None)
    if step is None:
        existing = GuideStep.objects.filter(translation_key=translation_key, locale=context.default).first()
        if existing is not None and existing.guide_id != guide.pk:
            raise RowRejected(
                [_("This step belongs to another guide: %(guide)s.") % {"guide": existing.guide.title}]
            )
        step = GuideStep(translation_key=translation_key, locale=context.default)
        action = "create"
    else:
        action = "update" if _changes(step, values) else "unchanged"
        if action == "unchanged" and (order is None or steps.index(step) == order - 1):
            return step, "unchanged", guide
        steps.remove(step)
    _assign(step, values)
    position = len(steps) if order is None else max(0, min(order - 1, len(steps)))
    steps.insert(position, step)
    for number, item in enumerate(steps):
        item.sort_order = number
    page.steps = steps
    revision = page.save_revision(user=context.user)
    if context.publish:
        revision.publish(user=context.user)
    return step, action, guide


SOURCE_HANDLERS = {
    "organisation": _organisation,
    "help_point": _help_point,
    "practitioner": _practitioner,
    "practice": _practice,
}


# Translation rows ---------------------------------------------------------------------------


def _strings_by_path(instance, prefix: str = "") -> dict[str, list[str]]:
    strings = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            strings[prefix + segment.path].append(segment.string.data)
    return strings


def _translate(cells: Cells, kind: str, key: str, locale: Locale, context: Context) -> str:
    source_record = context.find(kind, key)
    if source_record is None:
        raise RowRejected(
            [
                _("There is no English record with the key “%(key)s” to translate (add its English row).")
                % {"key": key}
            ]
        )
    fields = TRANSLATED[kind]
    values: dict[str, str] = {}
    for column, name in fields.items():
        if not cells.has(column):
            continue
        if name in ("goals", "activities", "results", "evaluation", "lessons", "transfer"):
            value = cells.rich_text(column, RICH_TEXT_FEATURES)
        elif kind == "guide_step" and name == "what":
            value = cells.rich_text(column, STEP_FEATURES)
        elif name == "slug":
            value = cells.slug(column)
        else:
            model_field = MODELS[kind]._meta.get_field(name)
            value = cells.text(column, max_length=model_field.max_length, multiline=True)
        if value:
            values[name] = value
    cells.check()

    if kind == "guide_step":
        unit = source_record.guide.specific
        prefix = f"steps.{source_record.translation_key}."
        original, changed = source_record, copy.copy(source_record)
    else:
        unit = source_record.specific if isinstance(source_record, Page) else source_record
        prefix = ""
        original, changed = unit, copy.copy(unit)
    _assign(changed, values)
    before, after = _strings_by_path(original, prefix), _strings_by_path(changed, prefix)
    pairs: dict[tuple[str, str], str] = {}
    for name in values:
        path = prefix + name
        if len(before.get(path, [])) != len(after.get(path, [])):
            raise RowRejected(
                [
                    _(
                        "“%(column)s” has %(here)s paragraphs here but %(there)s in English; "
                        "translate it paragraph by paragraph."
                    )
                    % {"column": name, "here": len(after.get(path, [])), "there": len(before.get(path, []))}
                ]
            )
        pairs.update(zip(((path, text) for text in before.get(path, [])), after.get(path, []), strict=True))

    if context.dry_run:
        return _dry_run_translation(unit, source_record, kind, locale, values, pairs)
    source, _created = TranslationSource.update_or_create_from_instance(unit)
    changed_strings = False
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = pairs.get((segment.context.path, segment.string.data))
        if text is None:
            continue
        changed_strings = save_string_translation(segment, locale, text) or changed_strings
    Translation.objects.get_or_create(source=source, target_locale=locale)
    target = unit.get_translation_or_none(locale)
    if (
        not changed_strings
        and target is not None
        and not getattr(target, "alias_of_id", None)
        and _target_matches(target, source_record, kind, values)
    ):
        return "unchanged"
    is_page = isinstance(unit, Page)
    publish = context.publish or not is_page
    translation, _created = source.create_or_update_translation(
        locale,
        user=context.user,
        # wagtail-localize publishes a page's translation when the transaction commits, one
        # by one after thousands of rows; here it is published in its row, as it would be then
        # (the new revision, no user named), and not at all in a dry run, as then.
        publish=publish and not is_page,
        copy_parent_pages=True,
        fallback=True,
    )
    if is_page and publish and not context.dry_run:
        translation.latest_revision.publish()
    return "create" if target is None or getattr(target, "alias_of_id", None) else "update"


def _dry_run_translation(unit, source_record, kind: str, locale: Locale, values: dict, pairs: dict) -> str:
    """What the translation would be, read, not written: "create" when there is no translation
    yet (or an alias), "unchanged" when it shows these texts and wagtail-localize holds them
    already, else "update" — what the import says after writing it. The checks that can
    reject a translation row (its English record, paragraph counts) ran before."""
    target = unit.get_translation_or_none(locale)
    if target is None or getattr(target, "alias_of_id", None):
        return "create"
    known = set(
        StringTranslation.objects.filter(locale=locale, context__object_id=unit.translation_key).values_list(
            "context__path", "translation_of__data", "data"
        )
    )
    changed = any((path, original, text) not in known for (path, original), text in pairs.items())
    if not changed and _target_matches(target, source_record, kind, values):
        return "unchanged"
    return "update"


def _target_matches(target, source_record, kind: str, values: dict[str, str]) -> bool:
    """Whether the translation already shows these texts (its strings may be known to
    wagtail-localize from before while the translated record itself lost them)."""
    if kind == "guide_step":
        target = target.specific.steps.filter(translation_key=source_record.translation_key).first()
        if target is None:
            return False
    elif isinstance(target, Page):
        target = target.specific
    return all(getattr(target, name) == value for name, value in values.items())


# The run --------------------------------------------------------------------------------------


def _language(value: Any, context: Context) -> str | None:
    text = str(value or "").strip().lower().replace("_", "-")
    if not text:
        return context.default.language_code
    code = text.split("-")[0]
    names = {name.lower(): lang for lang, name in settings.LANGUAGES}
    code = names.get(text, code)
    return code if code in context.locales else None


def run_import(
    data: bytes,
    *,
    filename: str = "",
    kind: str = "",
    dry_run: bool = True,
    publish: bool = False,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
    user=None,
) -> Report:
    """Import ``data`` (CSV or JSON bytes). Never raises for anything in the file."""
    started = time.monotonic()
    report = Report(filename=filename, dry_run=dry_run)
    try:
        parsed = parse(data, filename)
    except FileError as error:
        report.file_error = str(error)
        return report
    default_kind = KIND_ALIASES.get(kind.strip().lower().replace(" ", "_"), "") if kind else ""
    if kind and not default_kind:
        report.file_error = _("Unknown kind “%(kind)s”.") % {"kind": kind}
        return report
    try:
        # Thousands of rows: the page cache is renewed once, when they commit.
        with transaction.atomic(), invalidation.bulk():
            context = Context(publish=publish, user=user, dry_run=dry_run)
            indexing = DeferredIndexing()
            with indexing.collecting():
                _check_columns(parsed, default_kind, report)
                _run_rows(parsed, default_kind, context, report, progress)
                context.tree.flush()
                context.save_keys()
            if dry_run or (strict and report.rejected):
                transaction.set_rollback(True)
            else:
                indexing.run()
                report.committed = True
    except Exception as error:  # outside any row (the database itself failed): nothing landed
        logger.exception("Import of %s failed", filename)
        report.committed = False
        report.file_error = _("The import stopped on a database error and nothing was saved: %(error)s") % {
            "error": str(error)[:200]
        }
    report.rows.sort(key=lambda row: row.line)
    report.seconds = time.monotonic() - started
    return report


def _check_columns(parsed: ParsedFile, default_kind: str, report: Report) -> None:
    if parsed.format != "csv":
        return
    kinds = {default_kind} if default_kind else set()
    if "kind" in parsed.columns:
        kinds |= {KIND_ALIASES.get(str(row.get("kind", "")).strip().lower(), "") for row in parsed.rows}
    for kind in sorted(k for k in kinds if k):
        missing = [column for column in REQUIRED[kind] if column not in parsed.columns]
        if (
            kind in ("practitioner", "organisation")
            and "name" not in parsed.columns
            and "title" in parsed.columns
        ):
            missing = [column for column in missing if column != "name"]
        if missing:
            report.warnings.append(
                _("Missing columns for %(kind)s: %(columns)s.")
                % {"kind": kind, "columns": ", ".join(missing)}
            )
        unknown = [c for c in parsed.columns if c not in known_columns(kind) and not c.startswith("column_")]
        if unknown:
            report.warnings.append(
                _("Columns ignored (unknown for %(kind)s): %(columns)s.")
                % {"kind": kind, "columns": ", ".join(unknown)}
            )


def _run_rows(parsed: ParsedFile, default_kind: str, context: Context, report: Report, progress) -> None:
    queue: list[tuple[int, int, dict, RowResult]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in zip(parsed.line_numbers, parsed.rows, strict=True):
        if "__invalid__" in row:
            report.rows.append(
                RowResult(line, "", "", "", "reject", reasons=[_("This record is not an object of fields.")])
            )
            continue
        kind = (
            KIND_ALIASES.get(str(row.get("kind") or "").strip().lower().replace(" ", "_"), "") or default_kind
        )
        key = str(row.get("key") or "").strip()[:200]
        if "title" in row and "name" not in row and kind in ("practitioner", "organisation"):
            row["name"] = row["title"]
        language = _language(row.get("language"), context)
        title = str(row.get("name") or row.get("title") or "")[:120]
        result = RowResult(line, kind, key, language or str(row.get("language", ""))[:10], title=title)
        report.rows.append(result)
        reasons = []
        if not kind:
            reasons.append(
                _("Unknown kind “%(kind)s” (use one of: %(kinds)s).")
                % {"kind": str(row.get("kind") or "")[:40], "kinds": ", ".join(KINDS)}
            )
        if not key:
            reasons.append(_("The row has no key."))
        if language is None:
            reasons.append(
                _("Unknown language “%(language)s” (use %(languages)s).")
                % {"language": str(row.get("language"))[:20], "languages": ", ".join(context.locales)}
            )
        if not reasons:
            previous = seen.get((kind, key, language))
            if previous is not None:
                reasons.append(
                    _("Duplicate: the same key and language as the row on line %(line)s.")
                    % {"line": previous}
                )
            else:
                seen[(kind, key, language)] = line
        if reasons:
            result.action, result.reasons = "reject", reasons
            continue
        order = KINDS.index(kind) * 2 + (0 if language == context.default.language_code else 1)
        queue.append((order, line, row, result))
    queue.sort(key=lambda item: (item[0], item[1]))
    total = len(queue)
    reported = 0.0
    for done, (_order, _line, row, result) in enumerate(queue, start=1):
        if done % PREFETCH_ROWS == 1:
            chunk = queue[done - 1 : done - 1 + PREFETCH_ROWS]
            context.prefetch(
                [(r.kind, r.key) for _o, _l, _r, r in chunk if r.language == context.default.language_code]
            )
        _run_row(row, result, context)
        if context.tree.waiting >= context.tree.FLUSH_PLACED:
            context.tree.flush()
        # A few times a second at most (a progress page reads it), and always the last row.
        if progress and (done == total or time.monotonic() - reported >= PROGRESS_SECONDS):
            reported = time.monotonic()
            progress(done, total)


def _run_row(row: dict, result: RowResult, context: Context) -> None:
    cells = Cells(row, context)
    context.tree.begin_row()
    try:
        with transaction.atomic():
            if result.language == context.default.language_code:
                if result.kind == "guide_step":
                    step, action, _guide = _guide_step(cells, result.key, context)
                    translation_key = step.translation_key
                else:
                    instance, action = SOURCE_HANDLERS[result.kind](cells, result.key, context)
                    translation_key = instance.translation_key
            else:
                translation_key = None
                context.tree.flush()  # wagtail-localize adds pages through treebeard
                try:
                    action = _translate(
                        cells, result.kind, result.key, context.locales[result.language], context
                    )
                finally:
                    context.forget_tree()  # wagtail-localize may have added or renamed pages
        # Saved: its key is remembered (and written with the others once the rows are done).
        if translation_key is not None:
            context.saved(result.kind, result.key, translation_key)
        result.action = action
    except RowRejected as rejected:
        context.forget_tree(rejected=True)
        result.action, result.reasons = "reject", rejected.reasons
    except ValidationError as error:
        context.forget_tree(rejected=True)
        result.action, result.reasons = "reject", validation_reasons(error)
    except Exception as error:
        context.forget_tree(rejected=True)
        # Anything the checks above did not foresee (a database constraint, an error raised by
        # wagtail-localize or Wagtail): the row is refused with the reason, logged with its
        # traceback for the developers, and the run goes on. Never a crash for the editor.
        logger.exception("Import row %s failed", result.line)
        result.action = "reject"
        result.reasons = [_("This row could not be saved: %(error)s") % {"error": str(error)[:300]}]


def import_file(path: str, **options) -> Report:
    with open(path, "rb") as handle:
        data = handle.read()
    return run_import(data, filename=str(path), **options)
