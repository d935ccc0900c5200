"""Save for offline without a browser (README, "Save for offline"): the worker's answer, the web
app manifest in each language, the offline page, the "Keep on this phone" markup (hidden until
the script shows it), the policy and weights. tests/browser/test_offline.py drives the worker."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from nbnet.offline import worker_version

from .conftest import html

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in settings.LANGUAGES]
CHECKLIST = "/lv/guides/latvia/?status=refugee&city=riga"
OFFLINE_JS = Path(finders.find("js/offline.js"))


def policy(response) -> str:
    return response["Content-Security-Policy"]


def test_the_worker_is_served_for_the_whole_site_with_its_version(client):
    response = client.get("/sw.js")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"  # an update check always reaches the server
    assert response["Service-Worker-Allowed"] == "/"
    assert f'const VERSION = "{worker_version()}";' in body and "__VERSION__" not in body
    assert "unsafe-inline" not in policy(response)
    assert client.post("/sw.js").status_code == 405


def test_the_worker_and_its_script_are_small():
    worker = len(Path(finders.find("sw.js")).read_bytes().replace(b"__VERSION__", worker_version().encode()))
    assert worker + OFFLINE_JS.stat().st_size < 10_000


@pytest.mark.parametrize("code", CODES)
def test_the_manifest_speaks_the_readers_language(client, code):
    response = client.get(f"/{code}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    with translation.override(code):
        assert manifest["name"] == gettext("Nordic-Baltic Integration Network")
        assert manifest["dir"] == ("rtl" if translation.get_language_bidi() else "ltr")
    assert manifest["lang"] == code and manifest["start_url"] == f"/{code}/"
    assert manifest["short_name"] and len(manifest["short_name"]) <= 15
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix(settings.STATIC_URL))
        assert path, icon
        if icon["type"] == "image/png":
            width, height = Image.open(path).size
            assert icon["sizes"] == f"{width}x{height}"
    assert {icon["type"] for icon in manifest["icons"]} == {"image/svg+xml", "image/png"}


def test_the_manifest_names_differ_by_language(client):
    names = {
        json.loads(client.get(f"/{code}/manifest.webmanifest").content)["name"] for code in ("en", "lv", "ru")
    }
    assert len(names) == 3


@pytest.mark.parametrize(
    "start, expected",
    [
        (CHECKLIST, CHECKLIST),  # the home-screen shortcut opens the checklist it was added from
        ("/en/guides/", "/lv/"),  # another language's page
        ("//evil.example/lv/", "/lv/"),
        ("https://evil.example/lv/", "/lv/"),
        ("/lv/\\\\evil.example", "/lv/"),
    ],
)
def test_the_manifest_starts_only_on_this_sites_pages(client, start, expected):
    manifest = json.loads(client.get("/lv/manifest.webmanifest", {"start": start}).content)
    assert manifest["start_url"] == expected


def test_pages_link_the_manifest_in_their_language(client):
    home = html(client.get("/et/"))
    assert home.select_one("head link[rel=manifest]")["href"] == "/et/manifest.webmanifest"
    checklist = html(client.get(CHECKLIST))
    href = checklist.select_one("head link[rel=manifest]")["href"]
    manifest = json.loads(client.get(href).content)
    assert manifest["start_url"] == CHECKLIST and manifest["lang"] == "lv"


def test_the_checklist_has_a_hidden_keep_button_that_lists_what_to_keep(client):
    response = client.get(CHECKLIST)
    document = html(response)
    box = document.select_one(".keep")
    # Without JavaScript nothing of it shows: the box and the button carry `hidden`.
    assert box.has_attr("hidden")
    button = box.select_one("button[data-keep-button]")
    with translation.override("lv"):
        assert button.has_attr("hidden") and button.get_text(strip=True) == gettext("Keep on this phone")
    assert box["data-worker"] == "/sw.js" and box["data-offline"] == "/lv/offline/"
    urls = box["data-keep"].split()
    assert urls == [
        CHECKLIST,
        "/lv/guides/latvia/print/?status=refugee&city=riga",
        "/lv/guides/help-points/?city=riga",
    ]
    # The printout is the one the page links, and every kept page answers.
    assert document.select_one(f'a[href="{urls[1]}"]') is not None
    for url in urls:
        assert client.get(url).status_code == 200, url
    script = document.select_one("head script[src$='js/offline.js']")
    assert script is not None and script.has_attr("defer")
    assert not document.select("script:not([src])")  # nothing inline (the policy allows none)
    assert "unsafe-inline" not in policy(response) and "script-src 'self'" in policy(response)


def test_the_kept_pages_say_when_they_were_kept_and_only_checklists_offer_keeping(client):
    for url in ("/lv/guides/latvia/print/?status=refugee&city=riga", "/lv/guides/help-points/?city=riga"):
        box = html(client.get(url)).select_one(".keep")
        assert box.has_attr("hidden") and box["data-keep"] == url
        assert box.select_one("[data-keep-note] time") is not None
        assert box.select_one("[data-keep-button]") is None
    # The whole guide, with no status or town chosen, is not a checklist to keep.
    assert html(client.get("/lv/guides/latvia/")).select_one(".keep") is None


@pytest.mark.parametrize("code", CODES)
def test_the_offline_page_speaks_the_readers_language(client, code):
    response = client.get(f"/{code}/offline/")
    document = html(response)
    assert response.status_code == 200
    assert document.html["lang"] == code
    with translation.override(code):
        assert document.h1.get_text(strip=True) == gettext("You are offline")
    assert document.select_one('meta[name=robots][content="noindex"]') is not None
    # The list of kept pages is filled by the script; without it the page still reads well.
    assert document.select_one("[data-kept][hidden] ul[data-kept-list]") is not None
    assert document.select_one("main a[href='']") is not None  # "Try again"
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "unsafe-inline" not in policy(response)


def test_the_policy_is_the_same_on_the_new_pages(client):
    site_policy = policy(client.get("/en/"))
    assert "unsafe-inline" not in site_policy
    for url in ("/sw.js", "/en/offline/", "/en/manifest.webmanifest", CHECKLIST):
        assert policy(client.get(url)) == site_policy, url


def test_what_a_checklist_keeps_weighs_under_150_kb(client):
    """The kept pages and what they load (the worker keeps exactly these, see the browser test)."""
    urls = [*html(client.get(CHECKLIST)).select_one(".keep")["data-keep"].split(), "/lv/offline/"]
    total = 0
    assets = set()
    for url in urls:
        body = client.get(url).content
        total += len(body)
        assets |= set(re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js|svg|png))"', body.decode()))
    assert "/static/css/site.css" in assets and "/static/js/offline.js" in assets
    for asset in assets:
        total += Path(finders.find(asset.removeprefix(settings.STATIC_URL))).stat().st_size
    assert total < 150_000


def test_signed_in_pages_tell_the_worker_they_are_private(client):
    """The worker refuses to keep what is private or carries a CSRF token; sign-in and account
    pages must say so (and it fetches what it keeps without cookies in any case)."""
    response = client.get("/en/account/login/")
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" in response.content.decode()
    # Without cookies, as the worker asks, an account page is the sign-in page.
    assert client.get("/en/account/", follow=True).redirect_chain[-1][0].startswith("/en/account/login/")
    user = get_user_model().objects.create_user("keeper@example.net", "keeper@example.net", "pass-1234-x")
    client.force_login(user)
    # Signed in, a page says it varies on the cookie: never a shared copy.
    assert "Cookie" in client.get(CHECKLIST)["Vary"]
