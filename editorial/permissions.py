"""Country editors may change only their countries' content.

Wagtail's page permissions follow the tree; ours is by section (every country's practices
are siblings under one index), so the country part is applied here, on top of Wagtail's
permission tester, for every page type (``BasePage.permissions_for_user``), in the page and
directory-entry forms (a country editor cannot give a record another team's country, or
none), and for directory entries in the snippet views (``editorial.wagtail_hooks``).

A country team's group permissions count only on pages about the team's countries; what the
same person may do through another group (e.g. Translators, in the translation trees) is
unaffected. A Translators group's permissions count only on translations of an original
(``is_translation``) and never include "add": translators translate, they create nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext, ngettext
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import GroupPagePermission, Locale, Page, PagePermissionTester, TranslatableMixin

# Fields through which a record names its countries, directly or through its cities.
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


def _field_values(instance, name: str) -> list:
    if not hasattr(instance, name):
        return []
    value = getattr(instance, name)
    if hasattr(value, "all"):  # a (parental) many-to-many relation
        return list(value.all())
    return [value]


def has_country_fields(model) -> bool:
    names = {field.name for field in model._meta.get_fields()}
    return bool(names & {*COUNTRY_FIELDS, *CITY_FIELDS})


def record_countries(instance) -> set[str]:
    """ISO codes of the countries a page or directory entry is about; empty for shared pages
    (home, indexes). Kept on the instance: the admin asks several times per page."""
    cached = getattr(instance, "_editorial_countries", None)
    if cached is not None:
        return cached
    if type(instance) is Page:
        instance = instance.specific_deferred
    codes: set[str] = set()
    for name in COUNTRY_FIELDS:
        codes |= _codes_of(_field_values(instance, name), through_city=False)
    for name in CITY_FIELDS:
        codes |= _codes_of(_field_values(instance, name), through_city=True)
    if not codes and hasattr(instance, "organisation") and getattr(instance, "organisation_id", None):
        codes = record_countries(instance.organisation)  # a help point without a city
    instance._editorial_countries = codes
    return codes


def _teams(user) -> dict[int, set[str]]:
    """The user's country-team groups and their codes, read once per request (user object)."""
    cached = getattr(user, "_editorial_teams", None)
    if cached is None:
        cached = {
            group.pk: group.country_team.codes
            for group in user.groups.filter(country_team__isnull=False).select_related("country_team")
        }
        user._editorial_teams = cached
    return cached


def user_country_codes(user) -> set[str] | None:
    """The countries a user is limited to when creating or editing records, or None.

    Limited: country-team members with no other group that may edit the whole tree (a
    moderator who is also on the Latvian team moderates every country; a translator's rights
    cover only the translation trees and do not lift the limit).
    """
    if user is None or not user.is_active or user.is_superuser:
        return None
    teams = _teams(user)
    if not teams:
        return None
    whole_tree = (
        GroupPagePermission.objects.filter(group__user=user, page__depth=1)
        .exclude(group_id__in=teams)
        .exists()
    )
    if whole_tree:
        return None
    return set().union(*teams.values())


def _translator_groups(user) -> set[int]:
    """The user's Translators groups, read once per request (user object)."""
    cached = getattr(user, "_editorial_translator_groups", None)
    if cached is None:
        from .roles import TRANSLATORS

        cached = set(user.groups.filter(name=TRANSLATORS).values_list("pk", flat=True))
        user._editorial_translator_groups = cached
    return cached


def is_translation(page) -> bool:
    """Whether ``page`` is the translation of an original: a page of another language's tree
    sharing its ``translation_key`` with a page of the default language (how wagtail-localize,
    and Wagtail's own copy for translation, make them). A page created directly in a
    translation tree has a key of its own: it is an original, not a translation."""
    cached = getattr(page, "_editorial_is_translation", None)
    if cached is None:
        default = Locale.get_default()
        cached = page.locale_id != default.pk and (
            Page.objects.filter(translation_key=page.translation_key, locale_id=default.pk).exists()
        )
        page._editorial_is_translation = cached
    return cached


class CountryScopedPermissionTester(PagePermissionTester):
    """Wagtail's tester, counting a country team's permissions only on its countries' pages,
    and a translator's only on translations (and never "add": translators create nothing,
    so ``can_add_subpage()`` is False for them and Wagtail's add, copy and move views refuse)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if not hasattr(self, "permissions"):
            return  # superusers and inactive users: Wagtail decides
        teams = _teams(user)
        translators = _translator_groups(user)
        if not teams and not translators:
            return
        # Shared pages (home, indexes) have no countries: the team's tree permissions apply.
        countries = record_countries(page) if teams else set()
        translation = is_translation(page) if translators else False

        def counts(perm, action: str) -> bool:
            if perm.group_id in teams and countries and not countries & teams[perm.group_id]:
                return False
            return perm.group_id not in translators or (translation and action != "add")

        self.permissions = set()
        for perm in self.permission_policy.get_cached_permissions_for_user(user):
            action = perm.permission.codename.rsplit("_", maxsplit=1)[0]
            if self.page.path.startswith(perm.page.path) and counts(perm, action):
                self.permissions.add(action)


def _countries_in(cleaned_data: dict) -> set[str]:
    codes: set[str] = set()
    for names, through_city in ((COUNTRY_FIELDS, False), (CITY_FIELDS, True)):
        for name in names:
            value = cleaned_data.get(name)
            values = list(value) if hasattr(value, "__iter__") else [value]
            codes |= _codes_of(values, through_city=through_city)
    organisation = cleaned_data.get("organisation")
    if not codes and organisation is not None:
        codes = record_countries(organisation)
    return codes


def check_country_scope(form, cleaned_data: dict) -> None:
    """A country editor's record must be about one of their countries (and about some country,
    when the record type has one: otherwise every team could edit it)."""
    codes = user_country_codes(getattr(form, "for_user", None))
    if codes is None or not has_country_fields(form._meta.model):
        return
    countries = _countries_in(cleaned_data)
    if not countries & codes:
        form.add_error(
            None,
            ngettext(
                "As a country editor you can only save pages about your country (%(codes)s).",
                "As a country editor you can only save pages about your countries (%(codes)s).",
                len(codes),
            )
            % {"codes": ", ".join(sorted(codes))},
        )


def _term_name(term) -> str:
    """A country's or city's name in the editor's language (the admin's active language)."""
    from network.localize import term_label

    return term_label(term)


def _as_list(value) -> list:
    if value is None:
        return []
    return [item for item in value if item is not None] if hasattr(value, "__iter__") else [value]


def check_city_in_country(form, cleaned_data: dict) -> None:
    """A record with both a country and a city (or several of either) names only cities of its
    countries: "Lithuania, Jelgava" is refused with an error on the city field."""
    country_field = next((name for name in COUNTRY_FIELDS if name in form.fields), None)
    city_field = next((name for name in CITY_FIELDS if name in form.fields), None)
    if country_field is None or city_field is None:
        return
    countries = _as_list(cleaned_data.get(country_field))
    cities = _as_list(cleaned_data.get(city_field))
    if not countries or not cities:
        return
    codes = {country.code.upper() for country in countries if country.code}
    for city in cities:
        if city.country is None or city.country.code.upper() in codes:
            continue
        names = {"city": _term_name(city), "city_country": _term_name(city.country)}
        if len(countries) == 1:
            message = gettext(
                "%(city)s is in %(city_country)s, not in %(country)s. "
                "Choose a city in %(country)s, or change the country."
            ) % {**names, "country": _term_name(countries[0])}
        else:
            message = (
                gettext(
                    "%(city)s is in %(city_country)s, which is not one of the countries chosen. "
                    "Choose a city in those countries, or add %(city_country)s to them."
                )
                % names
            )
        form.add_error(city_field, message)
        return


# Taxonomies named in the editor's language in choice lists (``network.localize``); other
# models (organisations, people) may have 100k rows and keep their own labels.
LABELLED_TERMS = {
    "network.country",
    "network.city",
    "network.theme",
    "network.targetgroup",
    "guides.legalstatus",
}


def _selected_pks(value) -> list:
    if value is None or value == "":
        return []
    values = value if isinstance(value, list | tuple | set) or hasattr(value, "all") else [value]
    if hasattr(values, "all"):
        values = values.all()
    return [getattr(item, "pk", item) for item in values]


def limit_choices_to_language(form) -> None:
    """Choice lists of translatable records offer each record once, not once per language.

    A synchronised relation (themes, contacts, twinnings, partner organisations: the same
    records in every translation) offers the default language's records, the ones it stores; a
    translated one (a profile's city or organisation) offers the records of the form's language.
    What is already chosen stays offered. Taxonomy terms are named in the editor's language.
    """
    from wagtail_localize.fields import SynchronizedField, TranslatableField

    instance = getattr(form, "instance", None)
    locale_id = getattr(instance, "locale_id", None)
    if locale_id is None:
        return
    declared = {field.field_name: field for field in getattr(type(instance), "translatable_fields", [])}
    default_id = None
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not issubclass(queryset.model, TranslatableMixin) or name not in declared:
            continue
        if isinstance(declared[name], SynchronizedField):
            if default_id is None:
                default_id = Locale.get_default().pk
            wanted = default_id
        elif isinstance(declared[name], TranslatableField):
            wanted = locale_id
        else:
            continue
        selected = _selected_pks(form.initial.get(name))
        limit = Q(locale_id=wanted) | Q(pk__in=selected) if selected else Q(locale_id=wanted)
        field.queryset = queryset.filter(limit)
        if queryset.model._meta.label_lower in LABELLED_TERMS and hasattr(field, "label_from_instance"):
            field.label_from_instance = _term_name


class EditorialPageForm(WagtailAdminPageForm):
    """The page editor's form, with the country editors' scope and the place checked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices_to_language(self)

    def clean(self):
        cleaned_data = super().clean()
        check_city_in_country(self, cleaned_data)
        check_country_scope(self, cleaned_data)
        return cleaned_data


class EditorialSnippetForm(WagtailAdminModelForm):
    """The form of directory entries (organisations, help points), with the same checks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices_to_language(self)

    def clean(self):
        cleaned_data = super().clean()
        check_city_in_country(self, cleaned_data)
        check_country_scope(self, cleaned_data)
        return cleaned_data
