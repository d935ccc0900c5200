"""Save for offline in a real browser (README, "Save for offline"): a newcomer on a phone keeps a
checklist, loses the connection and still reads it, with its printout, help points and hotlines;
other pages offline show the offline page; nothing signed-in is ever kept or answered from the
worker's cache; a deploy (a new worker version) replaces the old cache."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ..conftest import free_port
from .conftest import ROOT, site_env
from .test_public_pages import blocking_violations

pytestmark = pytest.mark.browser

CHECKLIST = "/lv/guides/latvia/?status=refugee&city=riga"
PRINTOUT = "/lv/guides/latvia/print/?status=refugee&city=riga"
HELP_POINTS = "/lv/guides/help-points/?city=riga"
PHONE = {"width": 360, "height": 720}
READER = ("reader@example.net", "offline-reader-pass-1")
MANAGE = [sys.executable, str(ROOT / "manage.py")]

# Every response in the worker's caches: [cache name, URL, body length, kept-on header, body].
CACHED = """async () => {
  const out = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const body = await response.text();
      const size = new TextEncoder().encode(body).length;
      out.push([name, request.url, size, response.headers.get("x-kept-on"), body]);
    }
  }
  return out;
}"""


def keep(page, site: str, path: str = CHECKLIST) -> None:
    page.goto(site + path)
    button = page.locator("[data-keep-button]")
    button.wait_for(state="visible")  # shown once the page's script found the Cache API
    button.click()
    page.locator("[data-keep-note]").wait_for(state="visible", timeout=20_000)


def ask_worker(page, message: dict):
    """What the worker answers the page's own message (nbnet/static/js/offline.js)."""
    return page.evaluate(
        """async (message) => {
            const registration = await navigator.serviceWorker.ready;
            return await new Promise((resolve) => {
                const channel = new MessageChannel();
                channel.port1.onmessage = (event) => resolve(event.data);
                registration.active.postMessage(message, [channel.port2]);
            });
        }""",
        message,
    )


def heading(site: str, path: str) -> str:
    with urllib.request.urlopen(site + path, timeout=10) as response:  # noqa: S310 (loopback)
        return BeautifulSoup(response.read(), "html.parser").h1.get_text(strip=True)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context
    context.close()


def test_kept_checklist_opens_offline_with_help_points_printout_and_saved_note(phone, live_site):
    page = phone.new_page()
    page.goto(live_site + CHECKLIST)
    steps = page.locator("ol.steps li.step h3").all_inner_texts()
    points = page.locator("ol.steps .help-point").count()
    hotlines = page.locator("ul.hotlines li").all_inner_texts()
    assert steps and points and hotlines
    keep(page, live_site)
    note = page.locator("[data-keep-note]")
    assert page.locator("[data-keep-button]").is_hidden()
    assert note.locator("time").inner_text().strip()  # the date, in the page's language
    assert blocking_violations(page) == []

    cached = page.evaluate(CACHED)
    urls = {url.removeprefix(live_site) for _name, url, *_rest in cached}
    assert {CHECKLIST, PRINTOUT, HELP_POINTS, "/lv/offline/", "/static/css/site.css"} <= urls
    assert len({name for name, *_rest in cached}) == 1
    # Small: the checklist with its printout, help points, offline page, styles and scripts.
    assert sum(size for _name, _url, size, *_rest in cached) < 150_000
    assert not any("csrfmiddlewaretoken" in body for *_rest, body in cached)

    phone.set_offline(True)
    page.reload()
    assert page.locator("html[data-kept-copy]").count() == 1  # the copy, not the network
    assert page.locator("ol.steps li.step h3").all_inner_texts() == steps
    assert page.locator("ol.steps .help-point").count() == points
    assert page.locator("ul.hotlines li").all_inner_texts() == hotlines
    copy_note = page.locator("[data-keep-copy]")
    copy_note.wait_for(state="visible")
    assert copy_note.locator("time").inner_text().strip()
    assert page.locator("[data-keep-update]").is_visible()
    # Styled from the cache too.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") != "inline"
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 10

    page.goto(live_site + PRINTOUT)
    assert page.locator("table.sheet tbody tr").count() >= len(steps)
    assert page.locator("tr.hotlines").count() == 1
    page.goto(live_site + HELP_POINTS)
    assert page.locator(".help-points > li.card").count() >= 1


def test_unsaved_page_offline_shows_the_offline_page_listing_what_is_kept(phone, live_site):
    page = phone.new_page()
    offline_heading = heading(live_site, "/lv/offline/")
    keep(page, live_site)
    phone.set_offline(True)
    page.goto(live_site + "/lv/practices/")
    assert page.locator("h1").inner_text() == offline_heading
    assert page.locator("html").get_attribute("lang") == "lv"
    kept = page.locator("[data-kept-list] a")
    kept.first.wait_for(state="visible")
    hrefs = {href.removeprefix(live_site) for href in kept.evaluate_all("links => links.map(a => a.href)")}
    assert hrefs == {CHECKLIST, PRINTOUT, HELP_POINTS}
    assert blocking_violations(page) == []
    # Followed from the list, the kept checklist opens.
    page.locator(f'[data-kept-list] a[href="{live_site}{CHECKLIST}"]').click()
    page.locator("ol.steps li.step").first.wait_for()


def test_the_button_is_absent_without_javascript_or_service_workers(browser, live_site):
    no_script = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = no_script.new_page()
    page.goto(live_site + CHECKLIST)
    assert page.locator("ol.steps li.step").count() > 0
    assert page.locator(".keep").is_hidden() and page.locator("[data-keep-button]").is_hidden()
    no_script.close()

    no_worker = browser.new_context(viewport=PHONE)
    no_worker.add_init_script("delete Navigator.prototype.serviceWorker;")
    page = no_worker.new_page()
    page.goto(live_site + CHECKLIST)
    page.wait_for_load_state("load")
    assert page.evaluate("'serviceWorker' in navigator") is False
    assert page.locator(".keep").is_hidden() and page.locator("[data-keep-button]").is_hidden()
    no_worker.close()


def _serve(env: dict, port: int, log) -> subprocess.Popen:
    server = subprocess.Popen(
        [*MANAGE, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/sw.js", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError("the offline test server did not start") from None
            time.sleep(0.3)


@pytest.fixture(scope="module")
def seeded_database(live_site, tmp_path_factory) -> Path:
    """The demo database live_site migrated and seeded (tests/browser/conftest.py)."""
    return next(tmp_path_factory.getbasetemp().glob("live-site*/db.sqlite3"))


@pytest.fixture(scope="module")
def own_site(seeded_database, tmp_path_factory) -> Iterator:
    """A server of its own, on a copy of the database live_site seeded, with a reader's account,
    that can be restarted on the same port (the same origin, so the same worker and caches)
    with other settings, as a deploy would."""
    source = seeded_database
    workdir = tmp_path_factory.mktemp("offline-site")
    with sqlite3.connect(source) as seeded, sqlite3.connect(workdir / "db.sqlite3") as copy:
        seeded.backup(copy)
    if (source.parent / "media").exists():
        shutil.copytree(source.parent / "media", workdir / "media")
    env = site_env(workdir)
    subprocess.run(
        [
            *MANAGE,
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_user({READER[0]!r}, {READER[0]!r}, {READER[1]!r})",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = free_port()
    log = open(workdir / "server.log", "ab")  # noqa: SIM115
    state = {"server": _serve(env, port, log)}

    class Site:
        url = f"http://127.0.0.1:{port}"

        @staticmethod
        def deploy(**settings: str) -> None:
            """Stop the server and start it again with other settings."""
            state["server"].terminate()
            state["server"].wait(timeout=10)
            state["server"] = _serve({**env, **settings}, port, log)

    yield Site
    state["server"].terminate()
    state["server"].wait(timeout=10)
    log.close()


def test_signed_in_pages_are_never_kept_nor_answered_from_the_cache(phone, own_site):
    site = own_site.url
    page = phone.new_page()
    page.goto(site + "/lv/account/login/")
    page.locator("#id_username").fill(READER[0])
    page.locator("#id_password").fill(READER[1])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/lv/account/**")
    account_page = page.url
    assert "/login/" not in account_page

    keep(page, site)  # kept while signed in: fetched without cookies, as anyone sees it
    cached = page.evaluate(CACHED)
    checklist_copy = next(body for _name, url, *_rest, body in cached if url == site + CHECKLIST)
    assert 'href="/lv/account/login/"' in checklist_copy and 'href="/lv/account/"' not in checklist_copy
    # Sign-in and account pages are refused, whoever asks.
    assert ask_worker(page, {"keep": ["/lv/account/", "/lv/account/login/"]}) is False
    urls = {url.removeprefix(site) for _name, url, *_rest in page.evaluate(CACHED)}
    assert not any("/account/" in url for url in urls)

    # Online, the signed-in reader gets the page from the network, never the kept copy.
    page.goto(site + CHECKLIST)
    assert page.locator("html[data-kept-copy]").count() == 0
    assert page.locator('.account-link a[href="/lv/account/"]').count() == 1
    page.goto(account_page)
    assert page.locator("html[data-kept-copy]").count() == 0

    offline_heading = heading(site, "/lv/offline/")
    phone.set_offline(True)
    page.goto(account_page)
    assert page.locator("h1").inner_text() == offline_heading  # the offline page, no account data
    assert READER[0] not in page.content()


def test_a_new_worker_version_moves_what_is_kept_and_deletes_the_old_cache(phone, own_site):
    site = own_site.url
    page = phone.new_page()
    keep(page, site)
    before = page.evaluate("caches.keys()")
    assert len(before) == 1

    # A deploy with other settings: the worker's version (nbnet/offline.py) changes.
    own_site.deploy(ALLOWED_HOSTS="127.0.0.1,localhost,next-deploy.invalid")
    page.goto(site + CHECKLIST)
    page.evaluate("navigator.serviceWorker.getRegistration().then((registration) => registration.update())")
    deadline = time.monotonic() + 30
    while (after := page.evaluate("caches.keys()")) == before and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    while len(after := page.evaluate("caches.keys()")) > 1 and time.monotonic() < deadline:
        page.wait_for_timeout(250)  # the new worker moves what was kept, then deletes the old cache
    assert after != before and len(after) == 1
    cached = page.evaluate(CACHED)
    kept = {url.removeprefix(site) for _name, url, _size, saved, _body in cached if saved}
    assert {CHECKLIST, PRINTOUT, HELP_POINTS} <= kept

    phone.set_offline(True)
    page.reload()
    assert page.locator("html[data-kept-copy]").count() == 1
    assert page.locator("ol.steps li.step").count() > 0
