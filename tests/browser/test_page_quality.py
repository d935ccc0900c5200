"""Every public page type, in every language, as a reader sees it in Chromium: nothing printed
that a template leaked, nothing empty where a name or a value belongs, no interface text in
another language, no dead internal link or image, no image without a text alternative, no
sideways scrolling on a 320 px screen, no serious axe violation, within the README's weight
budget. The checks are in page_quality.py; the last tests here feed them broken pages, so
the checker itself is tested."""

from __future__ import annotations

import polib
import pytest

from ..conftest import LANGUAGES
from .page_quality import DESKTOP, ROOT, Catalogues, PageChecker, Target, discover, report

pytestmark = pytest.mark.browser

# The page kinds discovery must find in every language (page types by the page API, the rest
# by following the site's links and forms); a kind missing means the walk missed part of the site.
REQUIRED_KINDS = {
    "home",
    "standard",
    "network-index",
    "network-index-filtered",
    "practitioner",
    "twinning",
    "network-index/organisations",
    "network-index/organisations/item",
    "practice-index",
    "practice",
    "project-index",
    "project",
    "event-index",
    "event",
    "library",
    "guide-index",
    "guide",
    "guide-checklist",
    "guide-checklist/print",
    "guide-index/help-points",
    "search",
    "search-empty",
    "account/login",
    "account/signup",
    "not-found",
}


@pytest.fixture(scope="module")
def quality_page(browser):
    """One browser context and one tab for the whole walk."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def checker():
    """Shared by the five languages, so each internal URL and asset is fetched once."""
    return PageChecker(Catalogues.load(LANGUAGES))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_type_reads_right(quality_page, checker, live_site, language):
    if checker.server_down:
        pytest.fail("the test server stopped answering during an earlier language", pytrace=False)
    found = discover(live_site, language)
    missing = sorted(REQUIRED_KINDS - found.kinds())
    notes = [*found.notes, *(f"no page of kind {kind!r} found" for kind in missing)]
    results = {}
    for target in found.targets:
        results[target] = checker.check(quality_page, target, language)
        if checker.server_down:
            notes.append(f"the server stopped answering at {target.url}: the walk stopped there")
            break
    if checker.links.skipped:
        notes.append(f"{checker.links.skipped} links not checked (over the cap of {checker.links.limit})")
    if missing or any(results.values()):
        pytest.fail(report(language, results, notes), pytrace=False)


# --- the checker, on pages broken on purpose ------------------------------------------------

BROKEN_PAGE = """<!DOCTYPE html>
<html lang="lv"><head><meta charset="utf-8"><title>Salauzta lapa</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/css/site.css"></head>
<body><main>
  <h1>Salauzta lapa</h1>
  <h2></h2>
  <section class="key-figures"><dl>
    <div class="key-figure"><dt>None</dt><dd>None</dd></div>
  </dl></section>
  <dl class="facts"><dt>Valodas</dt><dd>, , , , </dd><dt>Tēmas</dt></dl>
  <p>Sveiki, {{ page.owner }}!</p>
  <p>Birkas: []</p>
  <a href="/lv/quality-check-broken-link/"></a>
  <a href="/lv/quality-check-broken-link/">Salauzta saite</a>
  <form><label for="q"></label><input id="q" name="q"><button type="submit"></button></form>
  <p>Search the site</p>
  <p>Meklēt vietnē</p>
  <img src="/static/no-such-image.png">
  <img src="/static/css/site.css" alt="">
  <div style="width: 700px">Plats bloks</div>
  <p style="color: #eee; background: #fff">Gandrīz neredzams teksts</p>
  <a href="/lv/?theme=None">Tēma</a>
</main></body></html>
"""


CLEAN_PAGE = """<!DOCTYPE html>
<html lang="lv"><head><meta charset="utf-8"><title>Tīra lapa</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>
  <h1>Tīra lapa</h1>
  <dl><dt>Valodas</dt><dd>latviešu, krievu</dd></dl>
  <p>Meklēt vietnē</p>
  <blockquote lang="en"><p>Search the site</p><p>None of them came.</p></blockquote>
  <img src="/static/css/site.css" alt="" role="presentation">
  <p><a href="/lv/">Sākums</a> · <a href="/lv/network/">Katalogs</a></p>
</main></body></html>
"""


def _serve(page, url: str, html: str) -> None:
    """Show `html` in the browser at `url` (on the live site's host, so its links are internal)."""
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(url)


def test_the_checker_finds_what_a_broken_template_shows(quality_page, live_site):
    catalogues = Catalogues.load(LANGUAGES)
    assert "Search the site" in catalogues.translated["lv"]
    # Russian interface text on this Latvian page, as the Russian catalogue has it.
    russian = polib.pofile(str(ROOT / "locale/ru/LC_MESSAGES/django.po")).find("Search the site").msgstr
    checker = PageChecker(catalogues, budget=2_000)
    url = f"{live_site}/lv/quality-check-broken-page/"
    _serve(quality_page, url, BROKEN_PAGE.replace("</main>", f"<p>{russian}</p></main>"))
    problems = checker.check_loaded(quality_page, BROKEN_PAGE.encode(), "lv", key=url)
    quality_page.unroute(url)
    text = "\n".join(problems)
    expected = {
        "the key figures' None": "'None' printed: None (dl > div.key-figure > dt)",
        "the key figures' None value": "'None' printed: None (dl > div.key-figure > dd)",
        "the empty languages row": "'Valodas' has no value (shows ', , , ,')",
        "a term with no value": "'Tēmas' has no value (shows nothing)",
        "an empty heading": "empty heading (main > h2)",
        "an unfilled variable": "an unfilled variable: Sveiki, {{ page.owner }}!",
        "an empty list": "an empty list printed as []: Birkas: []",
        "an empty link": "empty link text (main > a)",
        "an empty label": "empty label (main > form > label)",
        "an empty button": "empty button text (main > form > button)",
        "English interface text": "English interface text left untranslated: 'Search the site'",
        "Russian interface text": f"interface text in ru on a lv page: {russian!r}",
        "a dead link": "link to /lv/quality-check-broken-link/ answers 404",
        "a missing image": "link to /static/no-such-image.png answers 404",
        "an image without alt": "image without alt: /static/no-such-image.png",
        "an undeclared decorative image": 'image with alt="" but not marked decorative',
        "None in a link": "href='/lv/?theme=None' on a",
        "sideways scrolling": "scrolls sideways at 320 px",
        "an axe violation": "axe: color-contrast (serious)",
        "the weight": "over the README's budget of 2,000",
    }
    missed = [f"{what}: expected {line!r}" for what, line in expected.items() if line not in text]
    assert not missed, "\n".join(missed) + "\n\nThe checker said:\n" + text
    # "Meklēt vietnē" is the page's own language: not reported.
    assert "Meklēt" not in text


def test_the_checker_passes_a_clean_page(quality_page, live_site):
    """No false alarms: English in a lang="en" quote, "None of" in English prose, a decorative
    image marked so, a "·" between links."""
    checker = PageChecker(Catalogues.load(LANGUAGES))
    url = f"{live_site}/lv/quality-check-clean-page/"
    _serve(quality_page, url, CLEAN_PAGE)
    problems = checker.check_loaded(quality_page, CLEAN_PAGE.encode(), "lv", key=url)
    quality_page.unroute(url)
    assert problems == []


def test_a_page_answering_the_wrong_status_is_reported(quality_page, live_site):
    checker = PageChecker(Catalogues.load(LANGUAGES), run_axe=False)
    problems = checker.check(quality_page, Target("broken", f"{live_site}/en/quality-check-gone/"), "en")
    assert "answers 404, expected 200" in problems
