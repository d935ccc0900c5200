"""The dashboard's "my work" panels, one per kind of work (issue 24: roles that fit the work).

- Translators, moderators and administrators: outdated and machine-made translations in their
  languages (the admin language they chose, or every language when they work in English),
  counted as the translation status report counts them, each count leading to that report.
- Country editors, moderators and administrators: profiles their owners have not confirmed
  for a year, and guides and help points due for review, in their countries (all countries
  for those not limited to some), the oldest first, each leading to its editor.

Each panel renders nothing when there is nothing to do, so a dashboard stays a list of work.
"""

from __future__ import annotations

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from . import translation_status as ts
from .permissions import user_country_codes
from .roles import ADMINISTRATORS, COUNTRY_TEAMS, MODERATORS, TRANSLATORS

SHOWN = 5  # records listed per panel; the count says how many there are in all


def _groups(user) -> set[str]:
    cached = getattr(user, "_editorial_dashboard_groups", None)
    if cached is None:
        cached = user._editorial_dashboard_groups = set(user.groups.values_list("name", flat=True))
    return cached


def translates(user) -> bool:
    return user.is_superuser or bool(_groups(user) & {TRANSLATORS, MODERATORS, ADMINISTRATORS})


def keeps_records(user) -> bool:
    return user.is_superuser or bool(_groups(user) & {MODERATORS, ADMINISTRATORS, *COUNTRY_TEAMS})


def my_locales(user) -> list[Locale]:
    """The languages ``user`` translates into: the admin language they chose when it is one
    of the site's translations, otherwise every translation language."""
    default = Locale.get_default()
    locales = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
    chosen = (UserProfile.get_for_user(user).get_preferred_language() or "").split("-")[0].lower()
    mine = [locale for locale in locales if locale.language_code == chosen]
    return mine or locales


class TranslationsPanel(Component):
    name = "my_translations"
    order = 60
    template_name = "editorial/dashboard/translations.html"

    def get_context_data(self, parent_context=None):
        request = parent_context["request"]
        locales = my_locales(request.user)
        totals = ts.counts(ts.statuses_for(list(ts.original_pages()), locales))
        report = reverse("editorial_translation_status")
        rows = []
        for locale in locales:
            counted = totals.get(locale.language_code, {})
            rows.append(
                {
                    "locale": locale,
                    "outdated": counted.get(ts.OUTDATED, 0),
                    "machine": counted.get(ts.MACHINE, 0),
                    "outdated_url": f"{report}?language={locale.language_code}&status={ts.OUTDATED}",
                    "machine_url": f"{report}?language={locale.language_code}&status={ts.MACHINE}",
                }
            )
        return {"rows": [row for row in rows if row["outdated"] or row["machine"]]}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        return render_to_string(self.template_name, context) if context["rows"] else ""


class RecordsPanel(Component):
    """Profiles not confirmed for a year; guides and help points due for review."""

    name = "my_records"
    order = 70
    template_name = "editorial/dashboard/records.html"

    def get_context_data(self, parent_context=None):
        from guides import review
        from network.models import PractitionerPage
        from network.models.people import CONFIRMATION_MAX_AGE

        user = parent_context["request"].user
        codes = user_country_codes(user)
        default = Locale.get_default()
        unconfirmed_before = timezone.localdate() - CONFIRMATION_MAX_AGE
        profiles = PractitionerPage.objects.filter(locale=default, alias_of__isnull=True).filter(
            Q(last_confirmed__lt=unconfirmed_before) | Q(last_confirmed__isnull=True)
        )
        guides, points = review.due_guides(), review.due_help_points()
        if codes is not None:
            profiles = profiles.filter(city__country__code__in=codes)
            guides = guides.filter(country__code__in=codes)
            points = points.filter(city__country__code__in=codes)
        profiles = profiles.select_related("city").order_by("last_confirmed", "title")
        sections = [
            _section(profiles, lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
                     lambda page: page.last_confirmed, "profiles"),
            _section(guides, lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
                     lambda page: page.last_verified, "guides"),
            _section(points, lambda point: reverse("wagtailsnippets_guides_helppoint:edit", args=[point.pk]),
                     lambda point: point.last_verified, "help_points"),
        ]  # fmt: skip
        return {
            "sections": {section["kind"]: section for section in sections},
            "any": any(section["count"] for section in sections),
            "limited": codes is not None,
            "review_url": reverse("guides_review"),
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        return render_to_string(self.template_name, context) if context["any"] else ""


def _section(queryset, edit_url, date_of, kind: str) -> dict:
    items = [
        {"record": record, "url": edit_url(record), "date": date_of(record)} for record in queryset[:SHOWN]
    ]
    return {"kind": kind, "count": queryset.count() if len(items) == SHOWN else len(items), "items": items}


@hooks.register("construct_homepage_panels")
def add_my_work_panels(request, panels):
    if translates(request.user):
        panels.append(TranslationsPanel())
    if keeps_records(request.user):
        panels.append(RecordsPanel())
