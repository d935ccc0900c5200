"""Country editors may change only their countries' content.

Wagtail's page permissions follow the tree; ours is by section (every country's practices
are siblings under one index), so the country part is applied here, on top of Wagtail's
permission tester, for every page type (``BasePage.permissions_for_user``) and in the
editor's form (a country editor cannot give a page another team's country).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import GroupPagePermission, PagePermissionTester

# Fields through which a page names its countries, directly or through its cities.
COUNTRY_FIELDS = ("country", "countries")
CITY_FIELDS = ("city", "cities")


def _codes_of(values: Iterable, through_city: bool) -> set[str]:
    codes = set()
    for value in values:
        if value is None:
            continue
        country = value.country if through_city else value
        if country is not None and country.code:
            codes.add(country.code.upper())
    return codes


def _field_values(page, name: str) -> list:
    if not hasattr(page, name):
        return []
    value = getattr(page, name)
    if hasattr(value, "all"):  # a (parental) many-to-many relation
        return list(value.all())
    return [value]


def page_countries(page) -> set[str]:
    """ISO codes of the countries a page is about; empty for pages shared by all (home, indexes)."""
    page = getattr(page, "specific_deferred", page) if type(page).__name__ == "Page" else page
    codes: set[str] = set()
    for name in COUNTRY_FIELDS:
        codes |= _codes_of(_field_values(page, name), through_city=False)
    for name in CITY_FIELDS:
        codes |= _codes_of(_field_values(page, name), through_city=True)
    return codes


def user_country_codes(user) -> set[str] | None:
    """The countries a user is limited to, or None when nothing limits them.

    Limited: members of country teams with no other group that gives page permissions
    (a moderator who is also on the Latvian team moderates every country).
    """
    if not user.is_active or user.is_superuser:
        return None
    cached = getattr(user, "_editorial_country_codes", False)
    if cached is not False:
        return cached
    codes: set[str] = set()
    unrestricted = False
    page_groups = set(
        GroupPagePermission.objects.filter(group__user=user).values_list("group_id", flat=True).distinct()
    )
    teams = {group.pk: group for group in user.groups.select_related("country_team")}
    for group_id in page_groups:
        group = teams.get(group_id)
        team = getattr(group, "country_team", None) if group is not None else None
        if team is None:
            unrestricted = True
        else:
            codes |= team.codes
    result = None if unrestricted or not codes else codes
    user._editorial_country_codes = result
    return result


class CountryScopedPermissionTester(PagePermissionTester):
    """Wagtail's tester, with no permission at all on pages of other countries."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if not hasattr(self, "permissions"):
            return  # superusers and inactive users: Wagtail decides
        codes = user_country_codes(user)
        if codes is None:
            return
        countries = page_countries(page)
        if countries and not countries & codes:
            self.permissions = set()


def _countries_in(cleaned_data: dict) -> set[str]:
    codes: set[str] = set()
    for name in COUNTRY_FIELDS:
        value = cleaned_data.get(name)
        values = list(value) if hasattr(value, "__iter__") else [value]
        codes |= _codes_of(values, through_city=False)
    for name in CITY_FIELDS:
        value = cleaned_data.get(name)
        values = list(value) if hasattr(value, "__iter__") else [value]
        codes |= _codes_of(values, through_city=True)
    return codes


class EditorialPageForm(WagtailAdminPageForm):
    """The page editor's form: a country editor's page must be about one of their countries."""

    def clean(self):
        cleaned_data = super().clean()
        user = getattr(self, "for_user", None)
        codes = user_country_codes(user) if user is not None else None
        if codes is None:
            return cleaned_data
        countries = _countries_in(cleaned_data)
        if countries and not countries & codes:
            self.add_error(
                None,
                ngettext(
                    "As a country editor you can only save pages about your country (%(codes)s).",
                    "As a country editor you can only save pages about your countries (%(codes)s).",
                    len(codes),
                )
                % {"codes": ", ".join(sorted(codes))},
            )
        return cleaned_data
