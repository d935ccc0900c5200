"""The network in numbers on the home page (issue 23): the short version of the counted figures
(``NetworkFiguresBlock`` with ``short``, home/templates/home/blocks/network_figures_short.html):
the totals and the largest groups of each chart, each number beside a ``<meter>``, checked
against the database in two languages, and renewed through the cache when the content changes.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from home.figures import SHORT_BARS
from network.models import City, Country, PractitionerPage, Theme, TwinningPage
from practices.models import EventPage, PracticePage

from .conftest import html

pytestmark = pytest.mark.django_db


def home_numbers(client, language: str) -> dict:
    """What a reader of the home page reads in its "network in numbers"."""
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    block = html(response).select_one("main .network-figures")
    assert block is not None, "no network in numbers on the home page"
    totals = [int(dd.get_text(strip=True)) for dd in block.select(".figures-totals dd")]
    charts = []
    for chart in block.select("ul.bar-chart"):
        rows = []
        for row in chart.select("li"):
            meter = row.select_one("meter")
            assert meter is not None and meter["aria-hidden"] == "true"  # the number says it
            label = row.find(string=True, recursive=False).strip()
            value = int(row.select_one("b").get_text(strip=True))
            assert label and int(meter["value"]) == value and int(meter["max"]) >= value
            rows.append((label, value))
        charts.append(rows)
    more = [p.get_text(" ", strip=True) for p in block.select("p")]
    return {"totals": totals, "charts": charts, "more": more, "text": block.get_text(" ", strip=True)}


def database_numbers(language: str) -> dict:
    def live(model):
        return model.objects.live().public().filter(locale__language_code=language).order_by()

    countries = dict(Country.objects.filter(locale__language_code=language).values_list("code", "name"))
    themes = dict(Theme.objects.filter(locale__language_code=language).values_list("slug", "name"))
    people = {
        countries[code]: n
        for code, n in live(PractitionerPage).values_list("city__country__code").annotate(n=Count("pk"))
    }
    practices = {
        themes[slug]: n
        for slug, n in live(PracticePage)
        .filter(themes__isnull=False)
        .values_list("themes__slug")
        .annotate(n=Count("pk", distinct=True))
    }
    year = timezone.localdate().year
    return {
        "totals": [
            live(PractitionerPage).count(),
            live(PracticePage).count(),
            live(TwinningPage).count(),
            live(EventPage).filter(start__year=year).count(),
        ],
        "people": people,
        "practices": practices,
    }


def largest_first(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda row: (-row[1], row[0].casefold()))


@pytest.mark.parametrize("language", ["en", "lv"])
def test_the_home_page_shows_the_counts_of_the_database(client, language):
    shown = home_numbers(client, language)
    expected = database_numbers(language)
    assert shown["totals"] == expected["totals"]
    assert expected["totals"][0] >= 40 and expected["totals"][2] >= 3  # the demo's, not zeros
    people, practices = shown["charts"]
    assert people == largest_first(expected["people"])[:SHORT_BARS]
    assert practices == largest_first(expected["practices"])[:SHORT_BARS]
    # the groups left out are counted, in the reader's language
    left_out = [len(expected["people"]) - SHORT_BARS, len(expected["practices"]) - SHORT_BARS]
    assert all(n > 0 for n in left_out)  # the demo has more groups than the short charts show
    assert [int("".join(c for c in text if c.isdigit())) for text in shown["more"]] == left_out
    if language == "lv":
        assert people[0][0] == "Latvija"
        assert str(timezone.localdate().year) in shown["text"]
    assert "None" not in shown["text"].split()


@pytest.mark.parametrize("language", ["en", "lv"])
def test_a_practitioner_published_in_a_country_changes_the_home_page(
    client, language, django_capture_on_commit_callbacks
):
    before = home_numbers(client, language)  # now stored in the page cache
    assert home_numbers(client, language) == before
    city = City.objects.filter(locale__language_code=language, country__code="LV").order_by("pk").first()
    latvia = Country.objects.get(locale__language_code=language, code="LV").name
    directory = (
        PractitionerPage.objects.filter(locale__language_code=language, live=True).first().get_parent()
    )
    with django_capture_on_commit_callbacks(execute=True):
        person = PractitionerPage(
            title="Daina Ozola",
            slug="daina-ozola-figures",
            role="Roma mediator",
            city=city,
            locale=city.locale,
        )
        directory.add_child(instance=person)
        person.save_revision().publish()
    after = home_numbers(client, language)
    assert after["totals"][0] == before["totals"][0] + 1
    assert dict(after["charts"][0])[latvia] == dict(before["charts"][0])[latvia] + 1
    assert after["totals"][1:] == before["totals"][1:]

    with django_capture_on_commit_callbacks(execute=True):
        person.unpublish()
    assert home_numbers(client, language) == before


def test_the_seed_puts_the_counted_figures_on_the_home_page_of_an_existing_database(
    client, django_capture_on_commit_callbacks
):
    """``make setup`` on a database seeded before (the hand-typed figures on the home page):
    the home page gets the short counted figures in every language, and a second run changes
    nothing."""
    from home import demo
    from home.models import HomePage
    from home.seeding import ensure_locales, translate

    english = HomePage.objects.get(locale__language_code="en")
    english.body = [demo.HOME_BODY[0], demo.KEY_FIGURES]  # the home page as the last release seeded it
    english.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate(english, demo.MEMORY, ensure_locales(), force=True)
    assert html(client.get("/lv/")).select_one(".network-figures") is None

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--skip-index", stdout=io.StringIO())
    for language in ("en", "lv", "lt", "et", "ru"):
        doc = html(client.get(f"/{language}/"))
        assert doc.select_one(".key-figures") is None, language
        assert len(doc.select(".network-figures ul.bar-chart")) == 2, language
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--skip-index", stdout=out)
    assert "already up to date" in out.getvalue()


def test_the_short_version_counts_with_the_same_cached_figures_as_the_full_one(
    client, django_assert_max_num_queries
):
    """The home page and the about page read the same counts: once they are stored, showing
    them costs no query for counting."""
    from wagtail.models import Locale

    from home.figures import counts

    english = Locale.objects.get(language_code="en").pk
    year = timezone.localdate().year
    client.get("/en/")  # stores the counts
    with django_assert_max_num_queries(0):
        stored = counts(english, year)
    assert stored["people_total"] == database_numbers("en")["totals"][0]
