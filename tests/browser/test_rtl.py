"""A right-to-left language (issue 21): the layout mirrors, so Arabic or Farsi guides can be
added by editors later. Arabic ("ar", bidi in Django's LANG_INFO) is added to the site's
languages for this test only, with a translated guide index and an untranslated page; Chromium
at a phone's width reads them from the test's own database (each request is answered by
Django's test client, so the test's data and settings are the ones served)."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test import Client, override_settings
from wagtail.models import Locale

from guides.models import GuideIndexPage
from network.models import NetworkIndexPage

from .test_public_pages import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTH, HEIGHT = 360, 780
ORIGIN = "http://testserver"
ARABIC = ("ar", "العربية")


@pytest.fixture
def arabic(settings):
    languages = [*settings.LANGUAGES, ARABIC]
    with override_settings(LANGUAGES=languages, WAGTAIL_CONTENT_LANGUAGES=languages):
        locale = Locale.objects.create(language_code="ar")
        index = GuideIndexPage.objects.get(locale__language_code="en")
        translated = index.copy_for_translation(locale, copy_parents=True)
        translated.title = "وصلت للتو: الخطوات الأولى"
        translated.intro = "ماذا تفعل أولاً بعد الوصول، وبأي ترتيب، وإلى أين تذهب ومن يساعد."
        translated.save_revision().publish()
        # Not translated: the English original under /ar/, with the notice.
        network = NetworkIndexPage.objects.get(locale__language_code="en")
        network.copy_for_translation(locale, copy_parents=True, alias=True)
        yield translated.specific


@pytest.fixture
def phone(browser):
    """A phone-sized page whose requests are answered by Django's test client."""
    client = Client()
    test_connection = connections["default"]

    def answer(route):
        # Playwright calls this in a greenlet of its own, which would open a second database
        # connection (and wait on the test's transaction): answer on the test's connection.
        connections["default"] = test_connection
        url = route.request.url
        path = url[len(ORIGIN) :] or "/"
        response = client.get(path, follow=False)
        headers = {key: value for key, value in response.items() if key.lower() != "content-length"}
        body = b"".join(response.streaming_content) if response.streaming else response.content
        route.fulfill(status=response.status_code, headers=headers, body=body)

    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    page.route(f"{ORIGIN}/**", answer)
    yield page
    context.close()


TEXT_BOX = """(selector) => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(selector));
    const box = range.getBoundingClientRect();
    return [box.left, box.right];
}"""


def edges(page, selector: str) -> tuple[float, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["x"], box["x"] + box["width"]


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_a_right_to_left_language_mirrors_the_layout(arabic, phone):
    phone.goto(f"{ORIGIN}/en/guides/")
    assert phone.locator("html").get_attribute("dir") == "ltr"
    ltr_summary = edges(phone, ".fold--languages > summary")
    ltr_title = phone.evaluate(TEXT_BOX, "main h1")

    phone.goto(f"{ORIGIN}{arabic.url}")
    html = phone.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert phone.locator("main h1").inner_text() == arabic.title
    # The language fold starts on the right instead of the left, as far from the edge.
    rtl_summary = edges(phone, ".fold--languages > summary")
    assert ltr_summary[0] < WIDTH / 2 < rtl_summary[1]
    assert abs((WIDTH - rtl_summary[1]) - ltr_summary[0]) <= 1
    # The heading's text runs from the right edge of the column.
    rtl_title = phone.evaluate(TEXT_BOX, "main h1")
    assert ltr_title[0] < WIDTH / 2 < rtl_title[1]
    assert abs((WIDTH - rtl_title[1]) - ltr_title[0]) <= 1
    # The chooser's sentence reads from the right: "I am" comes before the status, on its right.
    label_left, _label_right = edges(phone, "label[for=choose-status]")
    _status_left, status_right = edges(phone, "#choose-status")
    assert status_right <= label_left + 1
    assert no_sideways_scrolling(phone)


def test_an_untranslated_page_in_a_right_to_left_language_keeps_its_notice_on_the_start_side(arabic, phone):
    phone.goto(f"{ORIGIN}/ar/network/")
    assert phone.locator("html").get_attribute("dir") == "rtl"
    notice = phone.locator(".notice--untranslated")
    assert notice.count() == 1
    borders = notice.evaluate(
        "(el) => { const s = getComputedStyle(el); return [s.borderRightWidth, s.borderLeftWidth]; }"
    )
    assert borders == ["6px", "0px"]  # border-inline-start: on the right in a right-to-left page
    assert no_sideways_scrolling(phone)


@pytest.mark.parametrize("path", ["{guides}", "/ar/network/"])
def test_right_to_left_pages_pass_axe_with_the_folds_open(arabic, phone, path):
    phone.goto(ORIGIN + path.format(guides=arabic.url))
    for summary in phone.locator("details > summary").all():
        summary.click()
    assert no_sideways_scrolling(phone)
    assert blocking_violations(phone) == []
