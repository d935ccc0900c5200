"""The maps in a real browser: drawn, accessible (axe), reachable by keyboard, readable as a list,
on a phone and a desktop."""

import pytest

from .test_public_pages import blocking_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/en/network/valka-valga/",
        "/lv/network/?country=LT",
        "/et/practices/roma-mediation-latvia/",
        "/ru/o-seti/",
    ],
)
def test_map_pages_have_no_serious_accessibility_violations(page, live_site, path):
    page.goto(live_site + path)
    assert page.locator("figure.map svg, .network-figures").count() >= 1, path
    assert blocking_violations(page) == [], path


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 780}, {"width": 1280, "height": 900}])
def test_the_twin_city_map_shows_both_towns_and_reads_as_a_list(browser, live_site, viewport):
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_site}/en/network/valka-valga/")
    svg = page.locator("figure.map svg")
    box = svg.bounding_box()
    assert box["width"] > 250 and box["height"] > 150
    # No sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for town in ("Valka", "Valga"):
        label = page.locator("figure.map svg a.map-point text", has_text=town)
        assert label.is_visible()
    # Labels do not cover each other.
    first, second = (page.locator("figure.map svg a.map-point text").nth(i).bounding_box() for i in (0, 1))
    assert first["x"] + first["width"] <= second["x"] or second["x"] + second["width"] <= first["x"]
    # The text alternative, grouped by country.
    page.get_by_text("The places on this map, as a list").click()
    listed = page.locator(".map-list").inner_text()
    assert "Latvia" in listed and "Estonia" in listed
    context.close()


def test_map_points_are_links_reached_with_the_keyboard(page, live_site):
    page.goto(f"{live_site}/en/network/?country=LT")
    focused = []
    for _ in range(80):
        page.keyboard.press("Tab")
        name = page.evaluate(
            "document.activeElement.closest && document.activeElement.closest('svg')"
            " ? document.activeElement.getAttribute('href') : null"
        )
        if name:
            focused.append(name)
        if len(focused) >= 2:
            break
    assert focused and all(href.startswith("?country=LT&city=") for href in focused)
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/network/?country=LT&city=*")
    assert page.locator("figure.map svg a.map-current").count() == 1
