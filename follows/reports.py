"""For editors: how many people follow each theme and each country. Counts only: no names,
no addresses, no single follow can be seen."""

from __future__ import annotations

from collections import defaultdict

from wagtail.models import Locale

from .models import Follow


def counts() -> dict[str, list[tuple[str, str, int]]]:
    """{"theme": [(slug, name, people)], "country": [(code, name, people)]}, most followed first."""
    from network.models import Country, Theme

    people: dict[str, dict[str, set[int]]] = {"theme": defaultdict(set), "country": defaultdict(set)}
    for user_id, filters in Follow.objects.exclude(kind=Follow.Kind.RECORD).values_list("user_id", "filters"):
        if not isinstance(filters, dict):
            continue
        for name in people:
            for value in filters.get(name) or []:
                people[name][str(value)].add(user_id)
    locale = Locale.get_active()
    names = {
        "theme": dict(Theme.objects.filter(locale=locale).values_list("slug", "name"))
        or dict(Theme.objects.filter(locale=Locale.get_default()).values_list("slug", "name")),
        "country": {
            code.upper(): name
            for code, name in Country.objects.filter(locale=locale).values_list("code", "name")
        },
    }
    result = {}
    for name, found in people.items():
        rows = [
            (value, names[name].get(value, names[name].get(value.upper(), value)), len(users))
            for value, users in found.items()
        ]
        result[name] = sorted(rows, key=lambda row: (-row[2], row[1].casefold()))
    return result
