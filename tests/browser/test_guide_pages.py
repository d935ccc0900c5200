"""Guides in a real browser: accessible, the chooser works without JavaScript, and the
bilingual printout fits on one or two A4 pages as Chromium prints it to PDF."""

import re

import pytest

from ..conftest import LANGUAGES
from .test_public_pages import blocking_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/en/guides/",
        "/lv/guides/latvia/?status=refugee&city=riga",
        "/ru/guides/latvia/valka/?status=temporary-protection&city=valka",
        "/lt/guides/lithuania/?status=nonsense",
        "/et/guides/help-points/?city=tartu",
        "/ru/guides/estonia/print/?status=asylum-seeker",
    ],
)
def test_guide_pages_have_no_serious_accessibility_violations(page, live_site, path):
    page.goto(live_site + path)
    assert blocking_violations(page) == [], path


def test_chooser_works_without_javascript_and_the_url_can_be_shared(browser, live_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 720})
    page = context.new_page()
    page.goto(f"{live_site}/ru/guides/")
    page.get_by_label("Я", exact=True).select_option("temporary-protection")
    page.locator("#choose-city").select_option("valka")
    page.locator(".chooser button[type=submit]").click()
    page.wait_for_url("**/ru/guides/latvia/valka/?status=temporary-protection&city=valka")
    steps = page.locator("ol.steps li.step h3").all_inner_texts()
    assert steps
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    # The same URL opened afresh gives the same checklist.
    other = context.new_page()
    other.goto(page.url)
    assert other.locator("ol.steps li.step h3").all_inner_texts() == steps
    context.close()


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("language", LANGUAGES)
def test_printout_fits_two_pages_with_both_languages(page, live_site, language):
    for slug in ("latvia", "lithuania", "estonia", "finland", "latvia/valka"):
        for query in ("", "?status=refugee"):  # the whole guide, and one status's checklist
            page.goto(f"{live_site}/{language}/guides/{slug}/print/{query}")
            languages = set(page.locator("td[lang]").evaluate_all("cells => cells.map(c => c.lang)"))
            if not (language == "en" and slug == "finland"):
                assert len(languages) == 1 and language not in languages, (slug, languages)
            pages = _pdf_pages(page.pdf(format="A4"))
            assert 1 <= pages <= 2, (language, slug, query, pages)
