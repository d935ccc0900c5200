"""Maps of the network (home/maps.py) and "the network in numbers" (home/figures.py): what a
reader sees on the directory, a twin-city page, a practice, a checklist and the help points,
checked against the database, in two languages."""

from __future__ import annotations

import io
import time
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from guides.models import HelpPoint
from home import maps
from network.factories import CityFactory
from network.models import City, Country, PractitionerPage, Theme, TwinningPage
from practices.models import EventPage, PracticePage

from .conftest import html

pytestmark = pytest.mark.django_db


def city_names(language: str) -> dict[str, str]:
    return dict(City.objects.filter(locale__language_code=language).values_list("slug", "name"))


def map_of(doc, dom_id: str):
    figure = doc.select_one(f"figure.map:has(#{dom_id}-title)")
    assert figure is not None, f"no map {dom_id}"
    return figure


def drawn_points(figure) -> dict[str, str]:
    """``{link: title}`` of the points drawn in the SVG."""
    return {
        point["href"]: point.select_one("title").get_text(strip=True)
        for point in figure.select("svg a.map-point")
    }


def listed_points(figure) -> dict[str, tuple[str, str]]:
    """The text alternative: ``{link: (country, the line's text)}``."""
    listed = {}
    for country in figure.select(".map-list > ul > li"):
        name = country.find(string=True, recursive=False).strip()
        for item in country.select("ul > li"):
            listed[item.a["href"]] = (name, item.get_text(" ", strip=True))
    return listed


def people_per_city(language: str, **filters) -> dict[str, int]:
    rows = (
        PractitionerPage.objects.live()
        .public()
        .filter(locale__language_code=language, **filters)
        .order_by()
        .values_list("city__slug")
        .annotate(n=Count("pk", distinct=True))
    )
    return dict(rows)


@pytest.mark.parametrize("language", ["en", "lv"])
def test_the_directory_map_shows_each_city_of_the_results_with_its_count(client, language):
    doc = html(client.get(f"/{language}/network/"))
    figure = map_of(doc, "directory-map")
    names = city_names(language)
    expected = people_per_city(language)
    drawn = drawn_points(figure)
    assert set(drawn) == {f"?city={slug}" for slug in expected}
    for slug, n in expected.items():
        title = drawn[f"?city={slug}"]
        assert title.startswith(names[slug]), title
        assert f" {n} " in f" {title} ".replace(",", " "), (title, n)
    # The same points in the list, grouped by country in the reader's language.
    listed = listed_points(figure)
    assert set(listed) == set(drawn)
    countries = dict(Country.objects.filter(locale__language_code=language).values_list("code", "name"))
    riga = listed["?city=riga"]
    assert riga[0] == countries["LV"] and riga[1].startswith(names["riga"])


@pytest.mark.parametrize("language", ["en", "lt"])
def test_the_directory_map_follows_the_filters(client, language):
    everyone = drawn_points(map_of(html(client.get(f"/{language}/network/")), "directory-map"))
    assert "?city=riga" in everyone and "?city=vilnius" in everyone

    doc = html(client.get(f"/{language}/network/", {"country": "LT"}))
    drawn = drawn_points(map_of(doc, "directory-map"))
    expected = people_per_city(language, city__country__code="LT")
    # Riga's people are filtered out: Riga leaves the map; Lithuania's cities stay, with the
    # counts of the filtered results, and their links keep the filter.
    assert set(drawn) == {f"?country=LT&city={slug}" for slug in expected}
    assert "?country=LT&city=riga" not in drawn
    vilnius = drawn["?country=LT&city=vilnius"]
    assert str(expected["vilnius"]) in vilnius
    assert set(listed_points(map_of(doc, "directory-map"))) == set(drawn)

    # Narrowed to one city: only that city, marked as the one chosen.
    doc = html(client.get(f"/{language}/network/", {"country": "LT", "city": "vilnius"}))
    figure = map_of(doc, "directory-map")
    assert list(drawn_points(figure)) == ["?country=LT&city=vilnius"]
    assert figure.select("svg a.map-current")


def test_a_person_moving_to_a_town_an_editor_placed_appears_there_on_the_map(
    client, django_capture_on_commit_callbacks
):
    latvia = Country.objects.get(locale__language_code="en", code="LV")
    cesis = CityFactory(
        name="Cēsis",
        slug="cesis",
        country=latvia,
        locale=latvia.locale,
        latitude=Decimal("57.31190"),
        longitude=Decimal("25.27070"),
    )
    assert "?city=cesis" not in drawn_points(map_of(html(client.get("/en/network/")), "directory-map"))
    person = PractitionerPage.objects.get(locale__language_code="en", slug="ilze-kalnina")
    person.city = cesis
    with django_capture_on_commit_callbacks(execute=True):  # the stored pages are renewed at commit
        person.save_revision().publish()
    drawn = drawn_points(map_of(html(client.get("/en/network/")), "directory-map"))
    assert drawn["?city=cesis"] == "Cēsis: 1 practitioner, Latvia"


@pytest.mark.parametrize("language", ["en", "et"])
def test_valka_and_valga_are_both_on_the_twin_city_map_on_their_own_side(client, language):
    page = TwinningPage.objects.get(slug="valka-valga", locale__language_code=language)
    doc = html(client.get(page.url))
    figure = map_of(doc, "twinning-map")
    names = city_names(language)
    labels = [text.get_text() for text in figure.select("svg a.map-point text")]
    assert sorted(labels) == sorted([names["valka"], names["valga"]])
    assert len(figure.select("svg line.map-line-twin")) == 1
    listed = listed_points(figure)
    countries = dict(Country.objects.filter(locale__language_code=language).values_list("code", "name"))
    by_country = {text.split(":")[0].strip(): country for country, text in listed.values()}
    assert by_country == {names["valka"]: countries["LV"], names["valga"]: countries["EE"]}
    # Both towns drawn apart (west and east), the border between them on a close-up.
    x = {
        point.select_one("text").get_text(): float(point.select_one("circle")["cx"])
        for point in figure.select("svg a.map-point")
    }
    assert x[names["valka"]] < x[names["valga"]]
    width = float(figure.select_one("svg")["viewbox"].split()[2])  # the parser lowercases names
    assert width <= 200  # km: a close-up, not the whole region


def point_inside(point: tuple[float, float], ring: list) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def distance_to(point: tuple[float, float], ring: list) -> float:
    """Kilometres from ``point`` to the nearest edge of ``ring``."""
    x, y = point
    best = float("inf")
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / ((dx * dx + dy * dy) or 1)))
        best = min(best, ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5)
    return best


def test_the_demo_cities_fall_in_their_own_country_on_the_outlines():
    """Valka in Latvia and Valga in Estonia, Riga in Latvia…: the coordinates and the outlines
    agree. A town on a coast or a border river (Copenhagen, Narva) may lie just off the drawn
    outline (1:50m simplified to 1.6 km; 1:10m to 0.25 km), never farther than a few kilometres."""
    countries = maps.region()["countries"]
    for city in City.objects.filter(locale__language_code="en").select_related("country"):
        assert city.latitude is not None, city.slug
        xy = maps.project(float(city.latitude), float(city.longitude))
        _member, _rings, detail = countries[city.country.code]
        inside = any(point_inside(xy, ring) for ring in detail)
        if city.slug in ("valka", "valga"):  # one town across the border: each on its side
            assert inside, city.slug
        else:
            assert inside or min(distance_to(xy, ring) for ring in detail) < 4, city.slug


def test_a_practice_map_joins_where_it_started_to_the_cities_that_adopted_it(client):
    for language in ("en", "ru"):
        page = PracticePage.objects.get(slug="roma-mediation-latvia", locale__language_code=language)
        figure = map_of(html(client.get(page.url)), "practice-map")
        names = city_names(language)
        labels = {text.get_text() for text in figure.select("svg a.map-point text")}
        assert labels == {names["jelgava"], names["valmiera"], names["ventspils"]}
        assert len(figure.select("svg line.map-line-adoption")) == 2
        assert figure.select_one("a.map-current text").get_text() == names["jelgava"]
        listed = " ".join(text for _country, text in listed_points(figure).values())
        assert "2020" in listed and "2021" in listed


def test_the_checklist_of_a_town_maps_the_help_points_of_its_country(client):
    doc = html(client.get("/en/guides/latvia/valka/?status=refugee&city=valka"))
    figure = map_of(doc, "help-map")
    counts = dict(
        HelpPoint.objects.filter(city__country__code="LV")
        .order_by()
        .values_list("city__slug")
        .annotate(n=Count("translation_key", distinct=True))
    )
    links = set(drawn_points(figure))
    assert links == {f"?status=refugee&city={slug}" for slug in counts}
    assert figure.select_one("a.map-current text").get_text() == "Valka"
    assert set(listed_points(figure)) == links


def test_the_help_point_list_maps_every_town_with_help_points(client):
    doc = html(client.get("/lv/guides/help-points/"))
    figure = map_of(doc, "help-map")
    towns = set(HelpPoint.objects.values_list("city__slug", flat=True))
    assert set(drawn_points(figure)) == {f"?city={slug}" for slug in towns}
    assert set(listed_points(figure)) == set(drawn_points(figure))


def test_maps_are_cheap_once_the_outlines_are_cached(client):
    client.get("/en/network/")  # outlines and places read once
    start = time.perf_counter()
    points = [
        maps.Point(slug, slug, "LV", "Latvia", float(lat), float(lon))
        for slug, lat, lon in City.objects.filter(locale__language_code="en").values_list(
            "slug", "latitude", "longitude"
        )
    ]
    built = maps.build_map("m", "Map", points, [maps.Line("valka", "valga")])
    elapsed = time.perf_counter() - start
    assert len(built.points) == len(points) and built.lines
    assert elapsed < 0.05, f"{elapsed * 1000:.1f} ms"


def test_editors_set_a_citys_place_in_the_admin(admin_client):
    city = City.objects.get(locale__language_code="en", slug="tartu")
    url = f"/admin/snippets/network/city/edit/{city.pk}/"
    doc = html(admin_client.get(url))
    assert doc.select_one("input[name=latitude]")["value"] == "58.37800"
    assert doc.select_one("input[name=longitude]")
    data = {
        "name": city.name,
        "name_in": city.name_in,
        "slug": city.slug,
        "country": city.country_id,
        "latitude": "58.38000",
        "longitude": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200  # one without the other is refused
    city.refresh_from_db()
    assert city.latitude == Decimal("58.37800")


def test_the_seed_puts_back_the_coordinates_of_the_demo_cities(django_capture_on_commit_callbacks):
    City.objects.filter(slug__in=["valka", "valga"]).update(latitude=None, longitude=None)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--skip-index", stdout=io.StringIO())
    for city in City.objects.filter(slug__in=["valka", "valga"]):
        assert city.latitude is not None and city.longitude is not None, (city.slug, city.locale_id)
    assert City.objects.get(locale__language_code="lv", slug="valka").latitude == Decimal("57.77560")


# --- The network in numbers ------------------------------------------------------------------


def figure_numbers(doc) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    block = doc.select_one(".network-figures")
    assert block is not None
    totals = {
        item.select_one("dt").get_text(strip=True): int(item.select_one("dd").get_text(strip=True))
        for item in block.select(".figures-totals > div")
    }
    charts = []
    for chart in block.select(".bar-chart"):
        charts.append(
            {
                row.select_one(".bar-label").get_text(strip=True): int(
                    row.select_one(".bar-value").get_text(strip=True)
                )
                for row in chart.select("li")
            }
        )
    return totals, charts[0], charts[1]


@pytest.mark.parametrize("language", ["en", "lv"])
@pytest.mark.parametrize("path", ["about/"])
def test_the_network_in_numbers_are_the_counts_of_the_database(client, language, path):
    from home.demo import MEMORY

    url = f"/{language}/{path}" if language == "en" or not path else None
    if url is None:  # the about page's slug in that language
        url = f"/{language}/{MEMORY['about'][language]}/"
    response = client.get(url)
    assert response.status_code == 200, url
    totals, per_country, per_theme = figure_numbers(html(response))

    def live(model):
        return model.objects.live().public().filter(locale__language_code=language)

    countries = dict(Country.objects.filter(locale__language_code=language).values_list("code", "name"))
    themes = dict(Theme.objects.filter(locale__language_code=language).values_list("slug", "name"))
    expected_people = {
        countries[code]: n
        for code, n in live(PractitionerPage)
        .order_by()
        .values_list("city__country__code")
        .annotate(n=Count("pk"))
    }
    expected_themes = {
        themes[slug]: n
        for slug, n in live(PracticePage)
        .order_by()
        .filter(themes__isnull=False)
        .values_list("themes__slug")
        .annotate(n=Count("pk", distinct=True))
    }
    assert per_country == expected_people
    assert per_theme == expected_themes
    values = list(totals.values())
    year = timezone.localdate().year
    assert values == [
        live(PractitionerPage).count(),
        live(PracticePage).count(),
        live(TwinningPage).count(),
        live(EventPage).filter(start__year=year).count(),
    ]
    assert values[0] >= 40 and values[2] >= 3
    if language == "lv":
        assert "Latvija" in per_country and f"{year}" in " ".join(totals)


def test_the_numbers_follow_the_content(client):
    def twins() -> int:
        totals, _people, _themes = figure_numbers(html(client.get("/en/about/")))
        return list(totals.values())[2]

    before = twins()
    TwinningPage.objects.get(slug="valka-valga", locale__language_code="en").unpublish()
    assert twins() == before - 1
