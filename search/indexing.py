"""Keeping ``SearchEntry`` in step with what is published.

Each indexed model has an adapter that turns one object into the fields of its entry.
Signals update an entry when a page is published, unpublished, moved or deleted, and
when an organisation or publication is saved or deleted; ``manage.py rebuild_search``
recreates them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils import translation
from wagtail.models import Page

from . import vocabulary
from .extract import readable, segments
from .models import Kind, SearchEntry
from .text import index_terms


def _names(terms: Iterable[models.Model], language_id: int) -> list[str]:
    """Names of default-language taxonomy terms in the entry's language."""
    terms = list(terms)
    if not terms:
        return []
    model = type(terms[0])
    key = "code" if hasattr(terms[0], "code") else "slug"
    values = [getattr(term, key) for term in terms]
    names = dict(
        model.objects.filter(locale_id=language_id, **{f"{key}__in": values}).values_list(key, "name")
    )
    return [names.get(value, term.name) for value, term in zip(values, terms, strict=True)]


def _page_base(page: Page, kind: str, *text: Any, keywords: Iterable[Any] = ()) -> dict:
    """``text`` is what snippets show; ``keywords`` (places, taxonomy terms, names) are
    found by the search but never shown as a snippet, where they would read as a list."""
    return {
        "group_key": str(page.translation_key),
        "language": page.locale.language_code,
        "kind": kind,
        "title": page.title,
        "summary": getattr(page, "intro", "") or page.search_description or "",
        "url": page.get_url() or "",
        "text": readable(getattr(page, "intro", ""), *text),
        "keywords": list(keywords),
    }


def practitioner(page) -> dict:
    themes, groups = list(page.themes.all()), list(page.target_groups.all())
    country = page.city.country if page.city_id else None
    return {
        **_page_base(
            page,
            Kind.PRACTITIONER,
            page.role,
            page.bio,
            keywords=[
                page.organisation.name if page.organisation else "",
                page.city.name if page.city_id else "",
                country.name if country else "",
                *_names(themes, page.locale_id),
                *_names(groups, page.locale_id),
            ],
        ),
        "summary": page.role + (f", {page.organisation.name}" if page.organisation else ""),
        "countries": country.code if country else "",
        "cities": page.city.slug if page.city_id else "",
        "themes": " ".join(theme.slug for theme in themes),
        "target_groups": " ".join(group.slug for group in groups),
    }


def practice(page) -> dict:
    themes, groups = list(page.themes.all()), list(page.target_groups.all())
    return {
        **_page_base(
            page,
            Kind.PRACTICE,
            page.goals,
            page.activities,
            page.results,
            page.evaluation,
            page.lessons,
            page.transfer,
            page.funding,
            [adoption.changes for adoption in page.adoptions.all()],
            page.body,
            keywords=[
                page.city.name if page.city_id else "",
                page.country.name,
                *_names(themes, page.locale_id),
                *_names(groups, page.locale_id),
            ],
        ),
        "countries": page.country.code,
        "cities": page.city.slug if page.city_id else "",
        "themes": " ".join(theme.slug for theme in themes),
        "target_groups": " ".join(group.slug for group in groups),
    }


def project(page) -> dict:
    themes = list(page.themes.all())
    return {
        **_page_base(
            page,
            Kind.PROJECT,
            page.aims,
            page.activities,
            page.results,
            page.body,
            keywords=[
                *(funding.funder for funding in page.fundings.all()),
                *_names(themes, page.locale_id),
            ],
        ),
        "countries": " ".join(country.code for country in page.countries.all()),
        "themes": " ".join(theme.slug for theme in themes),
    }


def event(page) -> dict:
    themes = list(page.themes.all())
    return {
        **_page_base(
            page,
            Kind.EVENT,
            page.agenda,
            page.agreements,
            page.follow_ups,
            page.body,
            keywords=[page.location, page.city.name if page.city_id else "", *_names(themes, page.locale_id)],
        ),
        "countries": page.country.code if page.country_id else "",
        "cities": page.city.slug if page.city_id else "",
        "themes": " ".join(theme.slug for theme in themes),
    }


def twinning(page) -> dict:
    cities = list(page.cities.select_related("country"))
    return {
        **_page_base(page, Kind.TWINNING, page.body, keywords=_names(cities, page.locale_id)),
        "countries": " ".join(sorted({city.country.code for city in cities})),
        "cities": " ".join(sorted({city.slug for city in cities})),
    }


def _in_language(language: str, label: Callable[[], Any]) -> str:
    """A choice's label in the entry's language, not the language of whoever saved it."""
    with translation.override(language):
        return str(label())


def _step_parts(step, language: str) -> tuple:
    """A step as its checklist shows it: title, topic, how, where, what to bring, rights."""
    topic = _in_language(language, step.get_topic_display)
    return (step.title, topic, step.what, step.where, step.documents, step.rights)


def _words(*parts: Any) -> int:
    return sum(len(segment.split()) for segment in segments(*parts))


def guide(page) -> dict:
    steps = list(page.steps.prefetch_related("statuses"))
    language = page.locale.language_code
    parts = [_step_parts(step, language) for step in steps]
    # Where each step's words are in the text: joining segments adds no words, so sizes add up.
    position = _words(getattr(page, "intro", ""), page.easy_summary)
    guide_steps = []
    for step in parts:
        size = _words(*step)
        guide_steps.append(
            {"start": position, "end": position + size, "terms": index_terms(readable(*step), language)}
        )
        position += size
    base = _page_base(
        page,
        Kind.GUIDE,
        page.easy_summary,
        parts,
        [f"{line.label}: {line.number}" for line in page.hotlines.all()],
        page.body,
        keywords=[page.city.name if page.city_id else "", page.country.name],
    )
    statuses = {status.slug for step in steps for status in step.statuses.all()}
    return {
        **base,
        "summary": page.easy_summary,
        "countries": page.country.code,
        "cities": page.city.slug if page.city_id else "",
        "legal_statuses": " ".join(sorted(statuses)),
        "guide_steps": guide_steps,
    }


def help_point(obj) -> dict | None:
    from guides.models import GuideIndexPage

    index = _listing_url(GuideIndexPage, obj)
    if index is None:
        return None
    return {
        "group_key": str(obj.translation_key),
        "language": obj.locale.language_code,
        "kind": Kind.HELP_POINT,
        "title": obj.display_name,
        "summary": obj.helps_with,
        "url": f"{index}help-points/?city={obj.city.slug}#help-point-{obj.translation_key}",
        "text": readable(obj.helps_with, obj.address),
        "keywords": [obj.city.name, obj.city.country.name, obj.organisation.name],
        "countries": obj.city.country.code,
        "cities": obj.city.slug,
    }


def general_page(page) -> dict:
    return _page_base(page, Kind.PAGE, getattr(page, "body", ""))


def _listing_url(index_model: type[Page], obj: models.Model) -> str | None:
    """URL of the live index page, in ``obj``'s language, that lists a snippet; None if none."""
    index = index_model.objects.live().filter(locale_id=obj.locale_id).first()
    return index.get_url() if index is not None else None


def organisation(obj) -> dict | None:
    from network.models import NetworkIndexPage

    directory = _listing_url(NetworkIndexPage, obj)
    if directory is None:
        return None
    return {
        "group_key": str(obj.translation_key),
        "language": obj.locale.language_code,
        "kind": Kind.ORGANISATION,
        "title": obj.name,
        "summary": obj.description,
        "url": f"{directory}organisations/{obj.slug}/",
        "text": readable(obj.description),
        "keywords": [
            obj.city.name if obj.city_id else "",
            obj.country.name,
            _in_language(obj.locale.language_code, obj.get_org_type_display),
        ],
        "countries": obj.country.code,
        "cities": obj.city.slug if obj.city_id else "",
    }


def publication(obj) -> dict:
    language = obj.language if obj.language != "other" else "en"
    return {
        "group_key": f"publication-{obj.pk}",
        "language": language,
        "kind": Kind.PUBLICATION,
        "title": obj.title,
        "summary": obj.summary,
        "url": obj.url,
        "text": readable(obj.summary),
        "keywords": [obj.authors, _in_language(language, obj.get_kind_display), str(obj.year or "")],
    }


def adapters() -> dict[type[models.Model], Callable[[Any], dict | None]]:
    from guides.models import GuideIndexPage, GuidePage, HelpPoint
    from home.models import ContactPage, HomePage, PrivacyPage, StandardPage
    from network.models import NetworkIndexPage, Organisation, PractitionerPage, TwinningPage
    from practices.models import (
        EventIndexPage,
        EventPage,
        LibraryPage,
        PracticeIndexPage,
        PracticePage,
        ProjectIndexPage,
        ProjectPage,
        Publication,
    )

    return {
        PractitionerPage: practitioner,
        PracticePage: practice,
        ProjectPage: project,
        EventPage: event,
        TwinningPage: twinning,
        StandardPage: general_page,
        ContactPage: general_page,
        PrivacyPage: general_page,
        HomePage: general_page,
        NetworkIndexPage: general_page,
        PracticeIndexPage: general_page,
        ProjectIndexPage: general_page,
        EventIndexPage: general_page,
        LibraryPage: general_page,
        GuidePage: guide,
        GuideIndexPage: general_page,
        Organisation: organisation,
        HelpPoint: help_point,
        Publication: publication,
    }


def _should_index(obj: models.Model) -> bool:
    if isinstance(obj, Page):
        # Aliases stand in for missing translations: the original is found instead.
        return obj.live and not obj.alias_of_id and obj.get_view_restrictions().count() == 0
    return True


def _entry_data(obj: models.Model) -> tuple[models.Model, ContentType | None, dict | None]:
    """``obj`` (specific), its content type and its entry's fields: no content type when the
    model has no entry, no fields when the object should have none (unpublished, restricted)."""
    if isinstance(obj, Page):
        obj = obj.specific
    adapter = adapters().get(type(obj))
    if adapter is None:
        return obj, None, None
    content_type = _content_type(obj)
    data = adapter(obj) if _should_index(obj) else None
    if data is not None:
        keywords = " ".join(str(keyword) for keyword in data.pop("keywords", ()) if keyword)
        data.setdefault("guide_steps", [])
        data["title_terms"] = index_terms(data["title"], data["language"])
        data["terms"] = index_terms(f"{data['summary']} {data['text']} {keywords}", data["language"])
    return obj, content_type, data


def update_entry(obj: models.Model, count_terms: bool = True) -> SearchEntry | None:
    """Create, update or remove the search entry of ``obj``.

    ``count_terms`` keeps the vocabulary (``search.vocabulary``) in step; ``rebuild``
    turns it off and recounts once at the end."""
    obj, content_type, data = _entry_data(obj)
    if content_type is None:
        return None
    if data is None:
        remove_entry(obj)
        return None
    with transaction.atomic():
        before = vocabulary.snapshot(SearchEntry.objects.filter(item_type=content_type, item_id=obj.pk))
        entry, _created = SearchEntry.objects.update_or_create(
            item_type=content_type, item_id=obj.pk, defaults=data
        )
        if count_terms:
            vocabulary.entry_changed(before[0] if before else None, entry)
    return entry


def for_entries(model: type[models.Model]) -> models.QuerySet:
    """``model``'s records with what the adapters read of each joined or prefetched: for
    ``update_entries`` on many of them."""
    fields = {field.name: field for field in model._meta.get_fields()}

    def joined(name: str, among: dict) -> bool:
        return name in among and among[name].many_to_one and among[name].concrete

    select = [name for name in ("locale", "organisation", "country", "city") if joined(name, fields)]
    if "city" in select:
        city_fields = {field.name: field for field in fields["city"].related_model._meta.get_fields()}
        if joined("country", city_fields):
            select.append("city__country")
    prefetch = [name for name in ("themes", "target_groups") if name in fields and fields[name].many_to_many]
    return model._default_manager.select_related(*select).prefetch_related(*prefetch)


def update_entries(objs: Iterable[models.Model], count_terms: bool = True) -> int:
    """``update_entry`` for many objects (an import's once its rows are done, ``rebuild``'s):
    the same entries and vocabulary counts, read and written a few statements at a time
    instead of about nine per object. New entries are created together (with the
    ``post_save`` each would send, so the entries' own index hears of them); changed ones are
    saved one by one. Returns how many entries there are for them now."""
    prepared: dict[tuple[int, int], tuple[models.Model, dict | None]] = {}
    for obj in objs:
        obj, content_type, data = _entry_data(obj)
        if content_type is not None:
            prepared[(content_type.pk, obj.pk)] = (obj, data)
    if not prepared:
        return 0
    by_type: dict[int, list[int]] = {}
    for content_type_id, pk in prepared:
        by_type.setdefault(content_type_id, []).append(pk)
    with transaction.atomic():
        existing: dict[tuple[int, int], SearchEntry] = {}
        for content_type_id, pks in by_type.items():
            for entry in SearchEntry.objects.filter(item_type_id=content_type_id, item_id__in=pks):
                existing[(entry.item_type_id, entry.item_id)] = entry
        changes, created, gone = [], [], []
        for key, (_obj, data) in prepared.items():
            entry = existing.get(key)
            before = (
                (entry.language, vocabulary.entry_tokens(entry.title_terms, entry.terms)) if entry else None
            )
            if data is None:
                if entry is not None:
                    gone.append(entry.pk)
                    changes.append((before, None))
                continue
            if entry is None:
                entry = SearchEntry(item_type_id=key[0], item_id=key[1], **data)
                created.append(entry)
            else:
                for name, value in data.items():
                    setattr(entry, name, value)
                entry.save()
            changes.append((before, entry))
        SearchEntry.objects.filter(pk__in=gone).delete()
        SearchEntry.objects.bulk_create(created)  # which sets ``updated_at`` (``auto_now``) as save does
        for entry in created:
            post_save.send(
                sender=SearchEntry,
                instance=entry,
                created=True,
                update_fields=None,
                raw=False,
                using=entry._state.db,
            )
        if count_terms:
            vocabulary.entries_changed(changes)
    return sum(1 for _obj, data in prepared.values() if data is not None)


def _content_type(obj: models.Model) -> ContentType:
    if isinstance(obj, Page):  # the page's own record names its specific type
        return ContentType.objects.get_for_id(obj.content_type_id)
    return ContentType.objects.get_for_model(type(obj))


def remove_entry(obj: models.Model) -> None:
    with transaction.atomic():
        entries = SearchEntry.objects.filter(item_type=_content_type(obj), item_id=obj.pk)
        for before in vocabulary.snapshot(entries):
            vocabulary.entry_changed(before, None)
        entries.delete()


REBUILD_BATCH = 500


def rebuild(progress: Callable[[str], None] | None = None) -> int:
    """Recreate every entry from what is published now. Returns how many there are."""
    SearchEntry.objects.all().delete()
    count = 0
    for model in adapters():
        queryset = for_entries(model)
        if issubclass(model, Page):
            queryset = queryset.live().filter(alias_of__isnull=True)
        pks = list(queryset.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), REBUILD_BATCH):
            chunk = queryset.filter(pk__in=pks[start : start + REBUILD_BATCH]).order_by("pk")
            count += update_entries(chunk, count_terms=False)
        if progress:
            progress(f"{model._meta.verbose_name_plural}: {count} entries so far")
    terms = vocabulary.recount(progress)
    if progress:
        progress(f"vocabulary: {terms} terms")
    return count
