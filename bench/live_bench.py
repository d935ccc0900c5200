"""Readers while editors work: the production server under reader load, three ways in one run.

    make bench-live                          # demo and 100k, SQLite and PostgreSQL
    make bench-live DB=demo ENGINE=sqlite    # one of them; BENCH_SECONDS=20 per mode

Per database: starts gunicorn (production settings from the environment, 2 workers of 4 threads:
gunicorn.conf.py) and one background worker (``manage.py worker``: the search and reference
index updates a publish queues run there; its CPU per mode is printed under the row) with the
page cache in ``CACHE_URL`` under a key prefix of this run's own (``CACHE_KEY_PREFIX``: it
starts empty, no other process on the same database and Redis shares it, and its keys are
deleted at the end), collects 400+ public URLs from the database in five languages (pages of
every kind, guide checklists with a status and a town, directory and listing filter choices and
pages, organisations, some profiles: never page-cached, they carry a contact form) and drives
them with ``--readers`` client threads, each cycling over all of them, for ``--seconds`` in each
mode:

1. nobody edits;
2. an editor's draft of one practitioner autosaved every second: the admin's page edit form
   posted with ``Accept: application/json``, as Wagtail's autosave does (later saves overwrite
   the autosave revision, ``overwrite_revision_id``);
3. a practitioner published every 10 s and a practice every 30 s through the admin edit form
   (``action-publish``), their titles changed; after each publish, a page that shows the
   changed item is read anonymously and must show the new title ("seen").

The editor signs in as a superuser ``bench-editor`` (created in the bench database, with a new
password each run) through the admin login form; the production settings' Secure cookies are
kept by hand since this is plain HTTP. It opens both edit pages once, before the modes, and
keeps them open (at 100k the practice's takes tens of seconds: its contacts field lists every
practitioner; gunicorn gets ``--timeout 300`` for it unless GUNICORN_CMD_ARGS says otherwise).
At the end the original titles are published back.

The three modes run in turn, ``--rounds`` times (default 3): on a shared machine the throughput
drifts by 10–20 % within a minute, which a single pass of each mode would read as the editor's
doing; taken in turn, each mode sees the same drift. Each round's rows are printed, and the
summary pools the rounds (all requests over all their seconds, with each round's req/s beside).
Each mode starts after a warm-up pass over every URL. Printed per mode: readers' requests/s,
p50 and p99 latency, the workers' CPU ms per reader request (from /proc; it includes the
editor's requests, which are otherwise counted apart), the share of ``X-Page-Cache`` hit /
miss / absent answers, errors (non-200) and the editor's requests. Figures only, no asserts.
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from serve_bench import cpu_seconds, family, free_port, start

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "lv", "lt", "et", "ru")
EDITOR = "bench-editor"
READER_HEADERS = {"Accept-Encoding": "gzip"}  # as browsers ask


# --- What to read and what to edit: collected from the database, in a Django process ------------


def collect() -> None:
    """Print (as JSON) the URLs, the pages to edit and the cache key prefix, and make the
    editor account. Runs with the server's environment."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale

    from guides.models import GuideIndexPage, GuidePage, LegalStatus
    from home.models import HomePage, StandardPage
    from network.models import (
        City,
        Country,
        NetworkIndexPage,
        Organisation,
        OrganisationType,
        PractitionerPage,
        SpokenLanguage,
        TargetGroup,
        Theme,
        TwinningPage,
    )
    from practices.models import (
        EventIndexPage,
        EventKind,
        EventPage,
        LibraryPage,
        PracticeIndexPage,
        PracticePage,
        PracticeStatus,
        ProjectIndexPage,
        ProjectPage,
    )

    en = Locale.get_default()
    countries = list(Country.objects.filter(locale=en).values_list("code", flat=True))
    cities = list(City.objects.filter(locale=en).values_list("slug", "country__code"))
    themes = list(Theme.objects.filter(locale=en).values_list("slug", flat=True))
    groups = list(TargetGroup.objects.filter(locale=en).values_list("slug", flat=True))
    spoken = list(SpokenLanguage.objects.values_list("code", flat=True))
    org_types = list(OrganisationType.values)
    statuses = list(LegalStatus.objects.filter(locale=en).values_list("slug", flat=True))
    rng = random.Random(2026)
    urls: list[tuple[str, str]] = []

    def add(kind: str, path: str, query: dict | None = None) -> None:
        query = {key: value for key, value in (query or {}).items() if value}
        urls.append((kind, path + ("?" + urlencode(query) if query else "")))

    def path_of(page) -> str:
        return urlsplit(page.get_url()).path

    def pages(model, locale, limit=None, newest=0):
        live = model.objects.live().public().filter(locale=locale)
        found = list(live.order_by("path")[:limit] if limit else live.order_by("path"))
        if newest:  # seed_scale's generated pages come last in the tree
            found += [p for p in live.order_by("-path")[:newest] if p not in found]
        return found

    for locale in Locale.objects.filter(language_code__in=LANGUAGES).order_by("pk"):
        for model in (HomePage, StandardPage, ProjectIndexPage, EventIndexPage, LibraryPage, GuideIndexPage):
            for page in pages(model, locale):
                add("home and index pages", path_of(page))
        for kind, model, limit, newest in (
            ("practice pages", PracticePage, 15, 3),
            ("project pages", ProjectPage, 6, 0),
            ("event pages", EventPage, 9, 0),
            ("twinning pages", TwinningPage, 3, 0),
        ):
            for page in pages(model, locale, limit, newest):
                add(kind, path_of(page))
        for page in pages(PractitionerPage, locale, 3, 1):
            add("profiles (contact form: not page-cached)", path_of(page))
        guides = pages(GuidePage, locale)
        towns_with_guides = {guide.city.slug for guide in guides if guide.city_id}
        for guide in guides:
            # A country's guide redirects a town with its own guide there: not those.
            guide_cities = [
                s for s, code in cities if code == guide.country.code and s not in towns_with_guides
            ]
            if guide.city_id:
                guide_cities = [guide.city.slug]
            add("guide checklists", path_of(guide))
            for status in rng.sample(statuses, min(3, len(statuses))):
                add("guide checklists", path_of(guide), {"status": status, "city": rng.choice(guide_cities)})
        for index in pages(GuideIndexPage, locale):
            add("home and index pages", path_of(index) + "help-points/")
            for city, _code in rng.sample(cities, 2):
                add("home and index pages", path_of(index) + "help-points/", {"city": city})
        for directory in pages(NetworkIndexPage, locale):
            base = path_of(directory)
            add("directory listings", base)
            for page in (2, 3, 5):
                add("directory listings", base, {"page": page})
            for _ in range(14):
                country = rng.choice(countries)
                choice = rng.choice(
                    [
                        {"country": country},
                        {"country": country, "theme": rng.choice(themes)},
                        {"theme": rng.choice(themes), "group": rng.choice(groups)},
                        {"type": rng.choice(org_types), "open": "1"},
                        {"lang": rng.choice(spoken), "country": country},
                        {"city": rng.choice(cities)[0]},
                    ]
                )
                choice["page"] = rng.choice([None, None, 2, 4])
                add("directory listings", base, choice)
            add("directory listings", base + "organisations/")
            for choice in ({"country": rng.choice(countries)}, {"type": rng.choice(org_types)}):
                add("directory listings", base + "organisations/", choice)
            for organisation in Organisation.objects.filter(locale=locale).order_by("pk")[:10]:
                add("organisation pages", f"{base}organisations/{organisation.slug}/")
        for index in pages(PracticeIndexPage, locale):
            base = path_of(index)
            add("practice listings", base)
            for page in (2, 4):
                add("practice listings", base, {"page": page})
            for _ in range(9):
                choice = rng.choice(
                    [
                        {"theme": rng.choice(themes)},
                        {"country": rng.choice(countries), "status": rng.choice(PracticeStatus.values)},
                        {"group": rng.choice(groups), "theme": rng.choice(themes)},
                        {"status": rng.choice(PracticeStatus.values)},
                    ]
                )
                choice["page"] = rng.choice([None, None, 2, 3])
                add("practice listings", base, choice)
        for index in pages(EventIndexPage, locale):
            add("home and index pages", path_of(index), {"kind": rng.choice(EventKind.values)})
        for index in pages(ProjectIndexPage, locale):
            add("home and index pages", path_of(index), {"country": rng.choice(countries)})
    urls = list(dict.fromkeys(urls))  # distinct, in order

    # The practitioner an editor works on, shown on a practice page (a page-cached page
    # readers read); the practice published, one readers read too.
    practice = PracticePage.objects.live().filter(locale=en, contacts__isnull=False).order_by("path").first()
    person = practice.contacts.order_by("pk").first().specific
    other = PracticePage.objects.live().filter(locale=en).exclude(pk=practice.pk).order_by("path").first()

    user = get_user_model().objects.filter(username=EDITOR).first()
    if user is None:
        user = get_user_model().objects.create_superuser(EDITOR, f"{EDITOR}@example.org", None)
    user.is_superuser = user.is_staff = user.is_active = True
    user.set_password(os.environ["LIVE_BENCH_PASSWORD"])
    user.save()

    print(
        json.dumps(
            {
                "urls": urls,
                "practitioner": {
                    "pk": person.pk,
                    "title": original_title(person),
                    "shown_on": path_of(practice),
                    "stream_data": stream_form_data(person),
                },
                "practice": {
                    "pk": other.pk,
                    "title": original_title(other),
                    "shown_on": path_of(other),
                    "stream_data": stream_form_data(other),
                },
                "key_prefix": settings.CACHES["default"].get("KEY_PREFIX", ""),
                "page_cache_seconds": getattr(settings, "PAGE_CACHE_SECONDS", None),
            }
        )
    )


def original_title(page) -> str:
    """The title without a suffix of ours, left by a run that was interrupted."""
    return re.sub(r" \((?:v|draft )\d+\)$", "", page.title)


def stream_form_data(page) -> dict[str, list[str]]:
    """The inputs Wagtail's StreamField widget makes in the browser (with JavaScript; the
    page's HTML has none of them) for the page's StreamFields as stored, read back as the edit
    form will to check that no block is lost (rich text gains block keys, as in the admin)."""
    from wagtail.fields import StreamField

    data: dict[str, list[str]] = {}
    for model_field in type(page)._meta.get_fields():
        if isinstance(model_field, StreamField):
            block, value = model_field.stream_block, getattr(page, model_field.name)
            _block_data(block, value, model_field.name, data)
            flat = {key: values[0] for key, values in data.items()}
            again = block.value_from_datadict(flat, {}, model_field.name)
            if [(c.block_type, c.id) for c in again] != [(c.block_type, c.id) for c in value]:
                raise SystemExit(f"{page}: the form data made for {model_field.name} loses blocks")
    return data


def _block_data(block, value, prefix: str, data: dict[str, list[str]]) -> None:
    from wagtail import blocks
    from wagtail.contrib.table_block.blocks import TableBlock

    if isinstance(block, blocks.StreamBlock | blocks.ListBlock):
        children = list(value or [])
        if isinstance(block, blocks.ListBlock) and value is not None:
            children = list(value.bound_blocks)
        data[f"{prefix}-count"] = [str(len(children))]
        for number, child in enumerate(children):
            item = f"{prefix}-{number}"
            data.update(
                {f"{item}-deleted": [""], f"{item}-order": [str(number)], f"{item}-id": [child.id or ""]}
            )
            if isinstance(block, blocks.StreamBlock):
                data[f"{item}-type"] = [child.block_type]
            _block_data(child.block, child.value, f"{item}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _block_data(child_block, value.get(name) if value else None, f"{prefix}-{name}", data)
    else:
        state = block.get_form_state(value)
        if isinstance(block, TableBlock) or isinstance(state, list):  # JSON text in the input
            state = json.dumps(state)
        elif isinstance(state, dict) and "id" in state:  # choosers: the chosen object's id
            state = state["id"]
        if state is True:
            data[prefix] = ["on"]
        elif state not in (None, False):
            data[prefix] = [str(state)]


# --- HTTP ------------------------------------------------------------------------------------


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, str | None, bytes]:
    """One anonymous request on a new connection, as serve_bench's readers make them."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.getheader("X-Page-Cache"), response.read()
    finally:
        connection.close()


class Browser:
    """A signed-in admin user over plain HTTP: keeps the cookies the production settings mark
    Secure (which a real client would only send over HTTPS)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)  # see --timeout
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.getheader("Location"), content

    def sign_in(self, password: str) -> None:
        status, _location, content = self.request("GET", "/admin/login/")
        data = form_fields(content, action="/admin/login/")
        data.update(username=[EDITOR], password=[password])
        status, location, _content = self.request("POST", "/admin/login/", data)
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"The editor could not sign in (HTTP {status}, to {location}).")


def form_fields(page: bytes, form_id: str | None = None, action: str | None = None) -> dict[str, list[str]]:
    """What a browser would send for the form as it stands (tests/test_live_editing.py)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.decode(), "html.parser")
    form = soup.find("form", id=form_id) if form_id else soup.find("form", action=action) or soup.find("form")
    if form is None:
        raise SystemExit(f"No form {form_id or action} on the page.")
    data: dict[str, list[str]] = {}
    for item in form.find_all(["input", "textarea", "select"]):
        name = item.get("name")
        if not name or item.has_attr("disabled"):
            continue
        kind = item.get("type", "text")
        if item.name == "input" and kind in ("submit", "button", "file", "image", "reset"):
            continue
        if kind in ("checkbox", "radio") and not item.has_attr("checked"):
            continue
        if item.name == "textarea":
            value = [item.text]
        elif item.name == "select":
            value = [option.get("value", option.text) for option in item.find_all("option", selected=True)]
        else:
            value = [item.get("value", "on" if kind in ("checkbox", "radio") else "")]
        data.setdefault(name, []).extend(value)
    return data


# --- The editor --------------------------------------------------------------------------------


@dataclass
class EditorLog:
    seconds: dict[str, list[float]] = field(default_factory=dict)  # per kind of request
    ok: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)
    seen: int = 0
    stale: int = 0
    notes: list[str] = field(default_factory=list)


class Editor:
    def __init__(self, browser: Browser, port: int, log: EditorLog):
        self.browser, self.port, self.log = browser, port, log

    def _request(self, kind: str, method: str, path: str, data=None, headers=None):
        started = time.perf_counter()
        try:
            if kind == "reader check":
                return get(self.port, path)
            return self.browser.request(method, path, data, headers)
        finally:
            self.log.seconds.setdefault(kind, []).append(time.perf_counter() - started)

    def load(self, item: dict) -> dict[str, list[str]]:
        """The edit form as a browser would send it, its StreamFields filled as the widget does;
        kept in ``item["form"]``: the editor keeps the edit page open."""
        status, _location, content = self._request("edit page", "GET", f"/admin/pages/{item['pk']}/edit/")
        if status != 200:
            raise RuntimeError(f"edit page of {item['pk']}: HTTP {status}")
        item["form"] = {**form_fields(content, form_id="page-edit-form"), **item["stream_data"]}
        return self.form(item)

    @staticmethod
    def form(item: dict) -> dict[str, list[str]]:
        return {name: list(values) for name, values in item["form"].items()}

    def autosave(self, item: dict, data: dict, title: str) -> None:
        data["title"] = [title]
        status, _location, content = self._request(
            "autosave", "POST", f"/admin/pages/{item['pk']}/edit/", data, {"Accept": "application/json"}
        )
        answer = json.loads(content) if status == 200 else {}
        if answer.get("success"):
            self.log.ok["autosave"] += 1
            # What Wagtail's autosave script does next: overwrite this revision from now on.
            data["overwrite_revision_id"] = [str(answer["revision_id"])]
        else:
            self.log.failed["autosave"] += 1
            self.log.notes.append(f"autosave: HTTP {status} {content[:200]!r}")
            data.clear()
            data.update(self.load(item))

    def publish(self, what: str, item: dict, title: str) -> None:
        data = self.form(item)
        data["title"] = [title]
        data["action-publish"] = ["1"]
        status, _location, content = self._request(
            "publish", "POST", f"/admin/pages/{item['pk']}/edit/", data
        )
        if status != 302:
            self.log.failed[what] += 1
            self.log.notes.append(f"publish {what}: HTTP {status} {content[:200]!r}")
            return
        self.log.ok[what] += 1
        # A reader right after: the page that shows the item must show its new title.
        status, _cache, body = self._request("reader check", "GET", item["shown_on"])
        if html.escape(title).encode() in body:
            self.log.seen += 1
        else:
            self.log.stale += 1
            self.log.notes.append(f"stale: {item['shown_on']} (HTTP {status}) lacks {title!r}")


def edit_autosaves(editor: Editor, plan: dict, stop: threading.Event) -> None:
    """An editor typing into one practitioner's draft: an autosave every second."""
    person = plan["practitioner"]
    data = editor.form(person)
    number = 0
    while not stop.is_set():
        number += 1
        editor.autosave(person, data, f"{person['title']} (draft {number})")
        stop.wait(1.0 - time.time() % 1.0)


def edit_publishes(editor: Editor, plan: dict, stop: threading.Event) -> None:
    """A practitioner published every 10 s (from 1 s in) and a practice every 30 s (from 6 s)."""
    started = time.perf_counter()
    schedule = {"practitioner": (1.0, 10.0), "practice": (6.0, 30.0)}
    done = Counter()
    while not stop.is_set():
        elapsed = time.perf_counter() - started
        for what, (first, every) in schedule.items():
            if elapsed >= first + every * done[what]:
                done[what] += 1
                item = plan[what]
                editor.publish(what, item, f"{item['title']} (v{done[what]})")
        stop.wait(0.1)


def restore(editor: Editor, plan: dict) -> None:
    """Publish the original titles back (this also drops the autosaved draft)."""
    for what in ("practitioner", "practice"):
        item = plan[what]
        editor.publish(f"restore {what}", item, item["title"])


# --- Readers -----------------------------------------------------------------------------------


@dataclass
class Reads:
    latencies: list[float] = field(default_factory=list)
    cache: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    failed: dict = field(default_factory=dict)  # URL: status, for answers other than 200
    missed: Counter = field(default_factory=Counter)  # URLs answered "X-Page-Cache: miss"


def read(port: int, urls: list[str], readers: int, seconds: float | None, once: bool = False) -> Reads:
    """``readers`` threads cycling over ``urls`` from evenly spaced starts; with ``once``,
    every URL read once in all (a warm-up pass), at most ``seconds``."""
    reads = Reads()
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds if seconds else float("inf")
    position = iter(range(len(urls)))

    def client(number: int) -> None:
        mine = Reads()
        step = number * len(urls) // readers
        while time.perf_counter() < deadline:
            if once:
                with lock:
                    index = next(position, None)
                if index is None:
                    break
            else:
                index, step = step % len(urls), step + 1
            started = time.perf_counter()
            try:
                status, cache, _body = get(port, urls[index], READER_HEADERS)
            except OSError:
                status, cache = "error", None
            mine.latencies.append(time.perf_counter() - started)
            mine.statuses[status] += 1
            mine.cache[cache or "absent"] += 1
            if status != 200:
                mine.failed[urls[index]] = status
            if cache == "miss":
                mine.missed[urls[index]] += 1
        with lock:
            reads.latencies.extend(mine.latencies)
            reads.cache.update(mine.cache)
            reads.statuses.update(mine.statuses)
            reads.failed.update(mine.failed)
            reads.missed.update(mine.missed)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return reads


# --- One database ------------------------------------------------------------------------------

MODES = (
    ("nobody edits", None),
    ("draft autosaved every 1 s", edit_autosaves),
    ("publish: person 10 s, practice 30 s", edit_publishes),
)
COLUMNS = (
    f"{'mode':<37} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms/req':>10} "
    f"{'hit %':>6} {'miss %':>6} {'absent %':>8} {'errors':>6}  editor"
)


def drain_queue(port: int, limit: float = 120.0) -> int:
    """Wait until the background worker has done every waiting task (``/health/`` counts
    them), at most ``limit`` seconds; the number still waiting."""
    deadline = time.perf_counter() + limit
    while True:
        status, _cache, body = get(port, "/health/")
        waiting = json.loads(body).get("queue", {}).get("waiting", 0) if status in (200, 503) else 0
        if not waiting or time.perf_counter() > deadline:
            return waiting
        time.sleep(0.5)


def percentile(ordered: list[float], share: float) -> float:
    return ordered[max(0, int(len(ordered) * share) - 1)] * 1000 if ordered else 0.0


@dataclass
class ModeTotals:
    """One mode's readers, workers' CPU and editor, over one round or pooled over several."""

    reads: Reads = field(default_factory=Reads)
    log: EditorLog = field(default_factory=EditorLog)
    cpu: float = 0.0
    rounds: int = 0
    rates: list[float] = field(default_factory=list)  # req/s of each round

    def add(self, other: ModeTotals) -> None:
        self.reads.latencies.extend(other.reads.latencies)
        for name in ("cache", "statuses", "missed"):
            getattr(self.reads, name).update(getattr(other.reads, name))
        self.reads.failed.update(other.reads.failed)
        self.log.ok.update(other.log.ok)
        self.log.failed.update(other.log.failed)
        self.log.seen += other.log.seen
        self.log.stale += other.log.stale
        self.log.notes.extend(other.log.notes)
        for kind, times in other.log.seconds.items():
            self.log.seconds.setdefault(kind, []).extend(times)
        self.cpu += other.cpu
        self.rounds += other.rounds
        self.rates.extend(other.rates)

    def row(self, mode: str, seconds: float) -> str:
        reads = self.reads
        ordered = sorted(reads.latencies)
        count = len(ordered) or 1
        errors = sum(n for status, n in reads.statuses.items() if status != 200)
        share = {key: 100 * reads.cache[key] / count for key in ("hit", "miss", "absent")}
        others = {key: n for key, n in reads.cache.items() if key not in share}
        editing = describe(self.log) if self.log.ok or self.log.failed else "-"
        row = (
            f"{mode:<37} {len(ordered) / seconds:>7.1f} {statistics.median(ordered or [0]) * 1000:>7.1f} "
            f"{percentile(ordered, 0.99):>7.1f} {self.cpu / count * 1000:>10.2f} {share['hit']:>6.1f} "
            f"{share['miss']:>6.1f} {share['absent']:>8.1f} {errors:>6}  {editing}"
        )
        return row + (f"  other X-Page-Cache values: {others}" if others else "")


def run_mode(port, urls, plan, browser, pids, worker, mode, edits, args) -> ModeTotals:
    """A warm-up pass over every URL, then the readers for ``args.seconds`` while the editor
    does what ``edits`` says (nothing when ``None``)."""
    started = time.perf_counter()
    warm = read(port, urls, args.readers, args.warmup_limit, once=True)
    warm_seconds = time.perf_counter() - started
    print(
        f"  (warm-up: {len(warm.latencies)} URLs in {warm_seconds:.1f} s, statuses "
        f"{dict(warm.statuses)}, cache {dict(warm.cache)})",
        flush=True,
    )
    for path, status in list(warm.failed.items())[:5]:
        print(f"    HTTP {status}: {path}")
    log = EditorLog()
    stop = threading.Event()
    editor_thread = None
    if edits:
        editor_thread = threading.Thread(target=edits, args=(Editor(browser, port, log), plan, stop))
    cpu_before = cpu_seconds(pids)
    worker_before = cpu_seconds([worker.pid])
    if editor_thread:
        editor_thread.start()
    reads = read(port, urls, args.readers, args.seconds)
    stop.set()
    if editor_thread:
        editor_thread.join()
    cpu = cpu_seconds(pids) - cpu_before
    log.notes.insert(0, f"background worker: {cpu_seconds([worker.pid]) - worker_before:.2f} s CPU")
    return ModeTotals(reads, log, cpu, 1, [len(reads.latencies) / args.seconds])


def bench_database(label: str, url: str, args: argparse.Namespace) -> list[tuple[str, str]]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "LIVE_BENCH_PASSWORD": secrets.token_urlsafe(18),
        # Cache keys of this run's own: it starts empty, no other process on the same database
        # and Redis reads or invalidates them, and they are deleted at the end.
        "CACHE_KEY_PREFIX": f"live-bench-{secrets.token_hex(4)}",
    }
    env.setdefault("CACHE_URL", "redis://127.0.0.1:6379/1")
    # gunicorn's 30 s would kill the worker opening the practice's edit page at 100k.
    env.setdefault("GUNICORN_CMD_ARGS", "--timeout 300")
    collected = subprocess.run(
        [sys.executable, __file__, "--collect"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if collected.returncode:
        raise SystemExit(f"Collecting the URLs from {label} failed:\n{collected.stderr}")
    plan = json.loads(collected.stdout.strip().splitlines()[-1])
    kind_of = {path: kind for kind, path in plan["urls"]}
    kinds = Counter(kind_of.values())
    urls = [path for _kind, path in plan["urls"]]
    random.Random(17).shuffle(urls)
    languages = Counter(path.split("/")[1] for path in urls)

    parts = urlsplit(url)
    shown = url.replace(parts.netloc, parts.netloc.rpartition("@")[2], 1) if parts.netloc else url
    print(f"\n== {label}: {shown}", flush=True)
    print(
        f"{len(urls)} URLs ("
        + ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
        + "; by language "
        + ", ".join(f"{lang} {count}" for lang, count in sorted(languages.items()))
        + ")"
    )
    print(
        f"cache {env['CACHE_URL']}, key prefix {plan['key_prefix']!r} (new, empty); "
        f"PAGE_CACHE_SECONDS={plan['page_cache_seconds']}; gunicorn {env['GUNICORN_CMD_ARGS']}, "
        f"{args.workers} workers, {args.readers} readers "
        f"(gzip), {args.seconds:g} s per mode"
    )
    print(
        f"editing: practitioner {plan['practitioner']['title']!r} (pk {plan['practitioner']['pk']}, "
        f"shown on {plan['practitioner']['shown_on']}), practice {plan['practice']['title']!r} "
        f"(pk {plan['practice']['pk']})"
    )

    port = free_port()
    server = start("nbnet.wsgi", port, env, args.workers)
    # The background worker, as in production: with TASK_BACKEND=database (the production
    # default) Wagtail's search and reference index updates run here, after the publish.
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.5"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        browser = Browser(port)
        browser.sign_in(env["LIVE_BENCH_PASSWORD"])
        # The edit pages are opened once, before the modes: at 100k the practice's takes tens of
        # seconds (its contacts field lists every practitioner), which would swamp the figures.
        opened = []
        for what in ("practitioner", "practice"):
            started = time.perf_counter()
            Editor(browser, port, EditorLog()).load(plan[what])
            opened.append(f"{what} {(time.perf_counter() - started) * 1000:.0f} ms")
        print("edit pages opened before the modes: " + ", ".join(opened), flush=True)
        # Tasks a previous run left (its last publishes' translation sync) would renew pages
        # while nobody edits: the queue is emptied first.
        print(f"tasks waiting before the modes: {drain_queue(port)}", flush=True)
        pids = family(server)
        pooled = {mode: ModeTotals() for mode, _edits in MODES}
        for number in range(1, args.rounds + 1):
            if args.rounds > 1:
                print(f"-- round {number} of {args.rounds}", flush=True)
            if number > 1:  # the edit pages opened again: the last round published newer versions
                for what in ("practitioner", "practice"):
                    Editor(browser, port, EditorLog()).load(plan[what])
            print(COLUMNS, flush=True)
            for mode, edits in MODES:
                totals = run_mode(port, urls, plan, browser, pids, worker, mode, edits, args)
                pooled[mode].add(totals)
                print(totals.row(mode, args.seconds), flush=True)
                for note in totals.log.notes[:5]:
                    print(f"    {note}")
                if totals.reads.missed:
                    by_kind = Counter()
                    for path, n in totals.reads.missed.items():
                        by_kind[kind_of[path]] += n
                    print(
                        f"    misses: {len(totals.reads.missed)} distinct URLs; by kind "
                        + ", ".join(f"{kind} {n}" for kind, n in by_kind.most_common())
                    )
                    if args.list_misses:
                        for path, n in sorted(
                            totals.reads.missed.items(), key=lambda item: (kind_of[item[0]], item[0])
                        ):
                            print(f"      {n:>3}  {kind_of[path]:<22} {path}")
        for mode, _edits in MODES:
            totals = pooled[mode]
            spread = ""
            if args.rounds > 1:
                rates = [f"{rate:.0f}" for rate in totals.rates]
                spread = f"  (req/s by round: {', '.join(rates)})"
            rows.append((mode, totals.row(mode, args.seconds * totals.rounds) + spread))
        log = EditorLog()
        restore(Editor(browser, port, log), plan)
        print(f"(original titles published back: {describe(log)}; tasks left: {drain_queue(port)})")
    finally:
        server.terminate()
        worker.terminate()
        server.wait(timeout=20)
        worker.wait(timeout=20)
        deleted = delete_keys(env["CACHE_URL"], plan["key_prefix"])
        print(f"({deleted} cache keys of this run deleted)")
    return rows


def delete_keys(cache_url: str, prefix: str) -> int:
    import redis

    client = redis.Redis.from_url(cache_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    for first in range(0, len(keys), 1000):
        client.delete(*keys[first : first + 1000])
    return len(keys)


def describe(log: EditorLog) -> str:
    done = ", ".join(f"{n} {what} ok" for what, n in log.ok.items()) or "nothing done"
    failed = ", ".join(f"{n} {what} FAILED" for what, n in log.failed.items())
    seen = f", new title seen {log.seen}/{log.seen + log.stale}" if log.seen or log.stale else ""
    timing = ", ".join(
        f"{len(times)} {kind} {statistics.mean(times) * 1000:.0f} ms" for kind, times in log.seconds.items()
    )
    busy = sum(sum(times) for times in log.seconds.values())
    return (
        f"{done}{', ' + failed if failed else ''}{seen} (requests: {timing or 'none'}; {busy:.1f} s in all)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database",
        action="append",
        metavar="LABEL=URL",
        help="a database to measure (repeatable); default: DATABASE_URL or the demo SQLite",
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="how long each mode runs per round")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="the three modes are run in turn this many times; the summary pools the rounds",
    )
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup-limit", type=float, default=180.0, help="longest warm-up pass, seconds")
    parser.add_argument("--list-misses", action="store_true", help="print each URL that missed")
    parser.add_argument("--collect", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.collect:
        collect()
        return
    if os.environ.get("DJANGO_SETTINGS_MODULE") != "nbnet.settings.production":
        raise SystemExit("Run it through `make bench-live`, or with the environment of `make serve`.")
    databases = args.database or [
        "database=" + os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'db.sqlite3'}")
    ]
    results = []
    for item in databases:
        label, _, url = item.partition("=")
        results.append((label, bench_database(label, url, args)))
    print(
        "\n== Summary (CPU ms/req: the workers' CPU over the readers' requests, editor's requests included)"
    )
    print(f"{'database':<18} {COLUMNS}")
    for label, rows in results:
        for _mode, row in rows:
            print(f"{label:<18} {row}")


if __name__ == "__main__":
    main()
