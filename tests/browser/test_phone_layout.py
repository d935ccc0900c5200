"""Phone first, in Chromium at 320 and 360 px: results before the folded filters, a compact
header whose language switcher and menu fold without JavaScript, titles on the first screen,
nothing scrolling sideways, 44 px tap targets; and a desktop that keeps its full menu and
side filters."""

import pytest

from ..conftest import LANGUAGES
from .test_public_pages import blocking_violations

pytestmark = pytest.mark.browser

PHONES = [(320, 640), (360, 780)]
TAP = 44

LISTINGS = [
    "/en/network/",
    "/ru/network/organisations/",
    "/lv/practices/",
    "/lt/projects/",
    "/et/events/",
    "/en/guides/help-points/",
    "/ru/search/?q=roma",
]
# A checklist, a profile, a practice and a listing: the title and the start of the content.
DETAILS = [
    "/{lang}/guides/latvia/?status=refugee&city=riga",
    "/{lang}/network/andris-liepins/",
    "/{lang}/practices/roma-mediation-latvia/",
    "/{lang}/network/",
]


@pytest.fixture(params=PHONES, ids=lambda size: f"{size[0]}px")
def phone(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=False)
    page = context.new_page()
    page.size = (width, height)
    yield page
    context.close()


def accessibility_with_folds_open(browser, url: str, size: tuple[int, int]) -> list[str]:
    """axe's serious and critical findings at a phone's size, every fold opened (axe needs
    JavaScript, which the phone fixture turns off)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(url)
    for summary in page.locator("details > summary").all():
        summary.click()
    try:
        return blocking_violations(page)
    finally:
        context.close()


def box(page, selector):
    locator = page.locator(selector).first
    assert locator.count(), selector
    return locator.bounding_box()


@pytest.mark.parametrize("path", LISTINGS)
def test_the_first_result_is_on_the_first_screen(phone, live_site, path):
    phone.goto(live_site + path)
    width, height = phone.size
    first = box(phone, "main .cards > li h3, main .help-points > li.card > strong, main ol.results > li h2")
    assert first["y"] + first["height"] <= height, f"{path}: first result at {first['y']:.0f} px"
    # The filters are folded above it; their summary is one tap target.
    if phone.locator("details.filters").count():
        assert not phone.locator("form.facets fieldset").first.is_visible()
        summary = box(phone, "details.filters > summary")
        assert summary["height"] >= TAP and summary["y"] < first["y"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= width, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_title_and_start_of_content_on_the_first_screen_and_no_sideways_scrolling(phone, live_site, language):
    width, height = phone.size
    for path in DETAILS:
        url = path.format(lang=language)
        phone.goto(live_site + url)
        title = box(phone, "main h1")
        assert title["y"] + title["height"] <= height * 0.6, (
            f"{url}: title ends at {title['y'] + title['height']}"
        )
        # Something of the content itself (a paragraph, a section, a card) starts on the first screen.
        start = phone.evaluate(
            """() => {
                const h1 = document.querySelector('main h1');
                let next = h1.nextElementSibling || h1.parentElement.nextElementSibling;
                while (next && next.getBoundingClientRect().height === 0) { next = next.nextElementSibling; }
                return next ? next.getBoundingClientRect().top : null;
            }"""
        )
        assert start is not None and start < height - 40, f"{url}: content starts at {start}"
        assert phone.evaluate("document.documentElement.scrollWidth") <= width, url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_folds_with_the_current_language_in_view(phone, live_site, language):
    from django.conf import settings

    phone.goto(f"{live_site}/{language}/practices/")
    width = phone.size[0]
    header = box(phone, ".site-header")
    assert header["height"] <= 140, f"the header takes {header['height']} px"
    languages = phone.locator("details.fold--languages > summary")
    menu = phone.locator("details.fold--menu > summary")
    assert dict(settings.LANGUAGES)[language] in languages.inner_text()
    for summary in (languages, menu):
        target = summary.bounding_box()
        assert target["height"] >= TAP and target["width"] >= TAP
    assert not phone.locator("nav.main-nav").is_visible()  # folded

    # Both open without JavaScript; every link in them is a full tap target.
    languages.click()
    menu.click()
    links = phone.locator("nav.language-switcher a, nav.main-nav a")
    assert links.count() >= len(LANGUAGES) + 5
    for index in range(links.count()):
        link = links.nth(index)
        assert link.is_visible()
        assert link.bounding_box()["height"] >= TAP, link.inner_text()
    assert phone.locator("#site-search").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
    assert accessibility_with_folds_open(phone.context.browser, phone.url, phone.size) == []

    # The switcher keeps the reader's choice.
    phone.goto(f"{live_site}/{language}/practices/?theme=roma-inclusion&country=LV")
    count = phone.locator("main .cards > li").count()
    other = "ru" if language != "ru" else "lv"
    phone.locator("details.fold--languages > summary").click()
    phone.locator(f"nav.language-switcher a[hreflang={other}]").click()
    phone.wait_for_url(f"**/{other}/practices/?theme=roma-inclusion&country=LV")
    assert phone.locator("main .cards > li").count() == count
    assert phone.locator("details.filters > summary").inner_text().endswith("(2)")


def test_filters_open_and_apply_without_javascript_on_a_phone(phone, browser, live_site):
    phone.goto(f"{live_site}/en/network/")
    summary = phone.locator("details.filters > summary")
    assert summary.inner_text() == "Filters"
    summary.click()
    country = phone.locator("fieldset", has_text="Country").get_by_label("Lithuania")
    assert country.is_visible()
    label = (
        phone.locator("fieldset", has_text="Country").locator("label", has_text="Lithuania").bounding_box()
    )
    assert label["height"] >= TAP
    country.check()
    phone.get_by_role("button", name="Apply filters").click()
    phone.wait_for_url("**/en/network/?country=LT")
    assert phone.locator("details.filters > summary").inner_text() == "Filters (1)"
    assert phone.locator(".cards .person").count() == 6
    assert accessibility_with_folds_open(browser, phone.url, phone.size) == []


def test_desktop_keeps_the_full_menu_and_side_filters(browser, live_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{live_site}/lv/practices/")
    # No summaries: the menu, the languages and the filters are all in view.
    assert not page.locator("details > summary").first.is_visible()
    assert page.locator("nav.main-nav a").first.is_visible()
    assert page.locator("nav.language-switcher a[hreflang=ru]").is_visible()
    filters = page.locator("form.facets")
    assert filters.locator("input[type=checkbox]").first.is_visible()
    side, results = filters.bounding_box(), page.locator("main .cards").first.bounding_box()
    assert side["x"] + side["width"] <= results["x"] and side["y"] < results["y"] + results["height"]
    assert page.locator("#filters-heading").is_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 180  # the menu and six languages in at most two rows (lv: long words)
    assert blocking_violations(page) == []
    context.close()
