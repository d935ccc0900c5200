"""Exporting the records in the importer's own format, so an export imports back as it was.

Public fields only, unless the caller is an administrator and asks for the private ones
(the practitioners' e-mail, phone and their visibility, from ``PractitionerContact``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.utils import timezone
from wagtail.models import Locale

from guides.models import GuideIndexPage, GuidePage, HelpPoint
from network.models import Organisation, PractitionerContact, PractitionerPage
from practices.models import PracticePage

from .formats import write_csv
from .importer import COLUMNS, KINDS, PRIVATE_COLUMNS
from .models import ImportedRecord

FORMAT_NAME = "nbnet-exchange"
FORMAT_VERSION = 1


class Keys:
    """The external key of each record: the partner's key if it was imported, else its translation key."""

    def __init__(self):
        self._keys = {
            (record.kind, record.translation_key): record.key for record in ImportedRecord.objects.all()
        }

    def __call__(self, kind: str, instance) -> str:
        return self._keys.get((kind, instance.translation_key), str(instance.translation_key))


def _slugs(items: Iterable) -> list[str]:
    return sorted(item.slug for item in items)


def _date(value) -> str:
    return value.isoformat() if value else ""


def _locale_rows(source, model, queryset_filter=None) -> list:
    """The record in the default language first, then its translations."""
    translations = model.objects.filter(translation_key=source.translation_key).exclude(pk=source.pk)
    if queryset_filter is not None:
        translations = queryset_filter(translations)
    return [source, *sorted(translations, key=lambda item: item.locale.language_code)]


def _pages(model, default, include_drafts: bool):
    pages = model.objects.filter(locale=default, alias_of__isnull=True)
    if not include_drafts:
        pages = pages.live().public()
    return pages.order_by("path")


def export_records(kinds: Iterable[str] | None = None, *, private: bool = False) -> dict[str, list[dict]]:
    """Rows per kind, each record's default-language row followed by its translations."""
    kinds = [kind for kind in KINDS if kinds is None or kind in kinds]
    default = Locale.get_default()
    key = Keys()
    records: dict[str, list[dict]] = {}

    def live_only(queryset):
        if private:
            return queryset.filter(alias_of__isnull=True)
        return queryset.filter(alias_of__isnull=True).live().public()

    if "organisation" in kinds:
        rows = []
        for source in Organisation.objects.filter(locale=default).select_related("country", "city"):
            for org in _locale_rows(source, Organisation):
                rows.append(
                    {
                        "key": key("organisation", source),
                        "language": org.locale.language_code,
                        "name": org.name,
                        "slug": org.slug,
                        "type": org.org_type,
                        "country": source.country.code,
                        "city": source.city.slug if source.city else "",
                        "website": org.website,
                        "description": org.description,
                    }
                )
        records["organisation"] = rows

    if "help_point" in kinds:
        rows = []
        for source in HelpPoint.objects.filter(locale=default).select_related("organisation", "city"):
            for point in _locale_rows(source, HelpPoint):
                rows.append(
                    {
                        "key": key("help_point", source),
                        "language": point.locale.language_code,
                        "organisation": key("organisation", source.organisation),
                        "name": point.name,
                        "city": source.city.slug,
                        "address": point.address,
                        "opening_hours": point.opening_hours,
                        "phone": point.phone,
                        "website": point.website,
                        "languages": sorted(language.code for language in source.languages.all()),
                        "helps_with": point.helps_with,
                        "last_verified": _date(point.last_verified),
                    }
                )
        records["help_point"] = rows

    if "practitioner" in kinds:
        rows = []
        contacts = (
            {contact.page_id: contact for contact in PractitionerContact.objects.all()} if private else {}
        )
        for source in _pages(PractitionerPage, default, private).select_related(
            "city__country", "organisation"
        ):
            for page in _locale_rows(source, PractitionerPage, live_only):
                row = {
                    "key": key("practitioner", source),
                    "language": page.locale.language_code,
                    "name": page.title,
                    "slug": page.slug,
                    "role": page.role,
                    "organisation": key("organisation", source.organisation) if source.organisation else "",
                    "city": source.city.slug,
                    "country": source.city.country.code,
                    "bio": page.bio,
                    "themes": _slugs(source.themes.all()),
                    "target_groups": _slugs(source.target_groups.all()),
                    "languages": sorted(language.code for language in source.languages.all()),
                    "open_to_exchange": source.open_to_exchange,
                    "looking_for_partners": source.looking_for_partners,
                    "last_confirmed": _date(source.last_confirmed),
                    "published": page.live,
                }
                contact = contacts.get(source.pk)
                if private and page.pk == source.pk:
                    row.update(
                        {
                            "email": contact.email if contact else "",
                            "email_visibility": contact.email_visibility if contact else "",
                            "phone": contact.phone if contact else "",
                            "phone_visibility": contact.phone_visibility if contact else "",
                        }
                    )
                rows.append(row)
        records["practitioner"] = rows

    if "practice" in kinds:
        rows = []
        for source in _pages(PracticePage, default, private).select_related("country", "city"):
            for page in _locale_rows(source, PracticePage, live_only):
                rows.append(
                    {
                        "key": key("practice", source),
                        "language": page.locale.language_code,
                        "title": page.title,
                        "slug": page.slug,
                        "intro": page.intro,
                        "country": source.country.code,
                        "city": source.city.slug if source.city else "",
                        "start_date": _date(source.start_date),
                        "end_date": _date(source.end_date),
                        "status": source.status,
                        "themes": _slugs(source.themes.all()),
                        "target_groups": _slugs(source.target_groups.all()),
                        "goals": page.goals,
                        "activities": page.activities,
                        "results": page.results,
                        "evaluation": page.evaluation,
                        "cost": str(source.cost) if source.cost is not None else "",
                        "currency": source.currency,
                        "funding": page.funding,
                        "lessons": page.lessons,
                        "transfer": page.transfer,
                        "organisations": sorted(
                            key("organisation", org) for org in source.organisations.all()
                        ),
                        "contacts": sorted(key("practitioner", person) for person in source.contacts.all()),
                        "published": page.live,
                    }
                )
        records["practice"] = rows

    if "guide_step" in kinds:
        rows = []
        for index in GuideIndexPage.objects.filter(locale=default):
            for guide in _pages(GuidePage, default, private).descendant_of(index):
                path = guide.url_path[len(index.url_path) :].strip("/")
                translations = {
                    page.locale.language_code: {step.translation_key: step for step in page.steps.all()}
                    for page in _locale_rows(guide, GuidePage, live_only)[1:]
                }
                for order, step in enumerate(guide.steps.all(), start=1):
                    versions = [(default.language_code, step)] + [
                        (language, steps[step.translation_key])
                        for language, steps in sorted(translations.items())
                        if step.translation_key in steps
                    ]
                    for language, version in versions:
                        rows.append(
                            {
                                "key": key("guide_step", step),
                                "language": language,
                                "guide": path,
                                "order": order,
                                "topic": step.topic,
                                "title": version.title,
                                "what": version.what,
                                "where": version.where,
                                "documents": version.documents,
                                "duration": version.duration,
                                "cost": version.cost,
                                "rights": version.rights,
                                "statuses": _slugs(step.statuses.all()),
                                "help_points": sorted(
                                    key("help_point", point) for point in step.help_points.all()
                                ),
                            }
                        )
        records["guide_step"] = rows
    return records


def export_json(kinds: Iterable[str] | None = None, *, private: bool = False) -> str:
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "private_fields": private,
        "records": export_records(kinds, private=private),
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def export_csv(kind: str, *, private: bool = False) -> str:
    rows = export_records([kind], private=private)[kind]
    columns = ["kind", *COLUMNS[kind]]
    if kind in ("practitioner", "practice"):
        columns.append("published")
    if private:
        columns += PRIVATE_COLUMNS.get(kind, [])
    return write_csv(columns, [{"kind": kind, **row} for row in rows])
