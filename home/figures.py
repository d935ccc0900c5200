"""The network in numbers: counted from the published content in the reader's language.

Four grouped counts, kept in the fragment cache until a record of a kind they count changes
(``nbnet.page_cache``): the home and about pages that show them (``NetworkFiguresBlock``)
cost no query for them while nothing changed, and a fixed number when something did.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from wagtail.models import Locale

from nbnet.page_cache import fragment, kind_tag, list_tag


@dataclass
class Bar:
    label: str
    value: int
    percent: int  # of the largest bar of its chart, for its length


def _bars(rows: list[tuple[str, int]]) -> list[Bar]:
    largest = max((n for _label, n in rows), default=0) or 1
    return [Bar(label, n, max(1, round(100 * n / largest))) for label, n in rows if n]


def counts(locale_id: int, year: int) -> dict:
    """Raw counts by stable key (country code, theme slug), cached: names are added per request.
    Four queries and the view restrictions' one when built, whatever the amount of content."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q
    from wagtail.models import Page

    from network.models import City, Country, PractitionerPage, Theme, TwinningPage
    from practices.models import EventPage, PracticePage

    def build() -> dict:
        private = Page.objects.all().private_q()  # read once, not once per count

        def live(model):
            return model.objects.live().exclude(private).filter(locale_id=locale_id).order_by()

        people = dict(live(PractitionerPage).values_list("city__country__code").annotate(n=Count("pk")))
        themes = dict(
            live(PracticePage)
            .filter(themes__isnull=False)
            .values_list("themes__slug")
            .annotate(n=Count("pk", distinct=True))
        )
        types = {
            model: ContentType.objects.get_for_model(model).pk
            for model in (PracticePage, TwinningPage, EventPage)
        }
        totals = {
            kind: (n, this_year)
            for kind, n, this_year in live(Page)
            .filter(content_type_id__in=types.values())
            .values_list("content_type_id")
            .annotate(n=Count("pk"), this_year=Count("pk", filter=Q(eventpage__start__year=year)))
        }
        return {
            "people": {code: n for code, n in people.items() if code},
            "people_total": sum(people.values()),
            "practices": themes,
            "practices_total": totals.get(types[PracticePage], (0, 0))[0],
            "twins": totals.get(types[TwinningPage], (0, 0))[0],
            "events": totals.get(types[EventPage], (0, 0))[1],
        }

    depends = (
        # Counted by country and theme: renewed when a count may move, not with every publish.
        list_tag(PractitionerPage),
        list_tag(PracticePage),
        kind_tag(TwinningPage),
        kind_tag(EventPage),
        kind_tag(City),
        kind_tag(Country),
        kind_tag(Theme),
    )
    return fragment(f"network-figures:{locale_id}:{year}", build, depends=depends)


def network_figures(request=None) -> dict:
    """What the "network in numbers" block shows, in the reader's language: bars of
    practitioners per country and practices per theme (largest first), and single figures."""
    from network.localize import term_names
    from network.models import Country, Theme

    year = timezone.localdate().year
    numbers = counts(Locale.get_active().pk, year)
    countries = term_names(Country, request)
    themes = term_names(Theme, request)

    def named(values: dict, names: dict) -> list[tuple[str, int]]:
        rows = [(names.get(key, key), n) for key, n in values.items()]
        return sorted(rows, key=lambda row: (-row[1], row[0].casefold()))

    return {
        "year": year,
        "people_by_country": _bars(named(numbers["people"], countries)),
        "practices_by_theme": _bars(named(numbers["practices"], themes)),
        "people_total": numbers["people_total"],
        "practices_total": numbers["practices_total"],
        "twins": numbers["twins"],
        "events": numbers["events"],
    }


# The short version (the home page's): the largest groups of each chart, the rest counted.
SHORT_BARS = 3


def shortened(figures: dict) -> dict:
    """``figures`` with each chart cut to its ``SHORT_BARS`` largest groups, the largest
    value (``…_most``, a meter's maximum) and how many groups were left out (``…_more``)."""
    short = dict(figures)
    for key in ("people_by_country", "practices_by_theme"):
        bars = figures[key]
        short[key] = bars[:SHORT_BARS]
        short[f"{key}_most"] = max((bar.value for bar in bars), default=0)
        short[f"{key}_more"] = max(0, len(bars) - SHORT_BARS)
    return short


def sample_figures() -> dict:
    """Made-up figures for the block's preview in the editor's block picker: no query, and
    bars to see even on an empty database."""
    from django.utils.translation import gettext as _

    people = [(_("Latvia"), 12), (_("Lithuania"), 9), (_("Estonia"), 7), (_("Finland"), 4), (_("Sweden"), 3)]
    themes = [(_("Housing"), 6), (_("Employment"), 5), (_("Language learning"), 3)]
    return {
        "year": timezone.localdate().year,
        "people_by_country": _bars(people),
        "practices_by_theme": _bars(themes),
        "people_total": sum(n for _label, n in people),
        "practices_total": 11,
        "twins": 3,
        "events": 8,
    }
