"""The network in numbers on the home page (issue 23) in a real browser: the short counted
figures drawn with <meter> bars beside their numbers, on a phone and a desktop, with no
script, and read by a screen reader as numbers (the bars are hidden from it)."""

import pytest

from .test_public_pages import blocking_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 780}, {"width": 1280, "height": 900}])
def test_the_home_page_draws_its_numbers_as_bars_beside_the_numbers(browser, live_site, viewport):
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_site}/lv/")
    block = page.locator("main .network-figures")
    assert block.get_by_role("heading", level=2).inner_text() == "Tīkls skaitļos"
    rows = block.locator("ul.bar-chart li")
    assert rows.count() == 6
    widths = []
    for i in range(rows.count()):
        row = rows.nth(i)
        meter, number = row.locator("meter").bounding_box(), row.locator("b").bounding_box()
        assert meter["height"] >= 8 and number["width"] > 0, i
        assert number["x"] >= meter["x"] + meter["width"] - 1, i  # the number beside its bar
        assert int(row.locator("b").inner_text()) == int(row.locator("meter").get_attribute("value"))
        widths.append(meter["width"])
    assert min(widths) > 40  # bars wide enough to compare, on a phone too
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_a_screen_reader_gets_the_numbers_not_the_bars(page, live_site):
    page.goto(f"{live_site}/en/")
    tree = page.locator("main .network-figures").aria_snapshot()
    assert "meter" not in tree  # the number beside each bar says it
    assert "Practitioners per country" in tree and "twin-city pairs" in tree
    assert blocking_violations(page) == []
