"""What a visitor with a browser gets: accessible pages, a working switcher, no JavaScript needed."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..conftest import LANGUAGES

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


def blocking_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_has_no_serious_accessibility_violations(page, live_site, language):
    page.goto(f"{live_site}/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    assert blocking_violations(page) == []


def test_general_page_and_search_have_no_serious_accessibility_violations(page, live_site):
    for path in ("/ru/o-seti/", "/lt/search/?q=tinklas", "/et/no-such-page/"):
        page.goto(live_site + path)
        assert blocking_violations(page) == [], path


def test_language_switcher_leads_to_the_same_page(page, live_site):
    page.goto(f"{live_site}/en/about/")
    page.get_by_role("navigation", name="Choose language").get_by_role("link", name="Latviešu").click()
    page.wait_for_url(f"{live_site}/lv/par-tiklu/")
    assert page.locator("html").get_attribute("lang") == "lv"
    assert page.get_by_role("heading", level=1).inner_text() == "Par tīklu"


def test_search_works_without_javascript(browser, live_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_site}/et/")
    page.get_by_label("Otsi veebilehelt").fill("kutset")
    page.get_by_role("button", name="Otsi").click()
    page.wait_for_url("**/et/search/?q=kutset")
    # The page that names the word is at the top, beside a short page with a related form
    # (kutsus): the about page is long, and length weighs in the ranking.
    titles = page.locator("ol.results a").all_inner_texts()
    assert "Võrgustikust" in titles[:2] and len(titles) >= 3
    context.close()


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, live_site):
    page.goto(f"{live_site}/lt/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_small_phone_screen_needs_no_sideways_scrolling(browser, live_site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for language in LANGUAGES:
        page.goto(f"{live_site}/{language}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, language
    context.close()


def test_home_page_is_light(page, live_site):
    """HTML plus CSS of the home page stay small for a cheap phone on a slow network."""
    sizes = {}
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    page.goto(f"{live_site}/ru/", wait_until="networkidle")
    # The page, its stylesheet, the small suggestions script and the favicon (0.3 kB).
    assert len(sizes) <= 4, sizes.keys()
    assert sum(sizes.values()) < 30_000, sizes
