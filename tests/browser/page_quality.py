"""What a reader would notice, checked in a real browser: the page types of the site found from
the site itself, and one list of everything wrong on each of them.

Used by tests/browser/test_page_quality.py (the suite) and tools/screenshots.py (the same pages
photographed for reviewers). Nothing here imports Django: it talks to a running site over HTTP,
so it works against `make run`, a test server or a deployed copy alike.

Discovery asks the site's own page API (`/api/v2/pages/?locale=…`) for its pages and takes the
first of each Wagtail page type (all general pages), then follows the site's links and forms for
what is not a Wagtail page: a filtered listing (first checkbox of each filter form), the
routable sub-pages linked from a page's content (organisations, help points, the printout…), the
newcomer's checklist through the guide chooser's form, the search form with a query and with
none found, the account links of the header, and a 404. Page kinds are named from the page
type and the route, so the same kind has the same name in every language.
"""

from __future__ import annotations

import gzip
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
NARROWEST = {"width": 320, "height": 640}

# README, "First-aid guides": "a guide page is at most about 40 kB of HTML plus an 8 kB
# stylesheet (tested under 100 kB)": the heaviest page type sets the budget for all of them.
# Measured as the bytes of the HTML, stylesheets and scripts of a page, uncompressed (what
# tests/browser/test_public_pages.py::test_home_page_is_light reads); the compressed size is
# reported beside it.
PAGE_WEIGHT_BUDGET = 100_000
# Distinct URLs whose answer is checked per run, and query-string variants per path (filter
# links repeat the same view with other values).
MAX_LINK_CHECKS = 2000
MAX_QUERY_VARIANTS = 3
NOT_FOUND_PATH = "quality-check-no-such-page/"
NO_RESULTS_QUERY = "zqxwvjkq"

# A value made only of separators: a list whose items all rendered empty (", , , ,").
SEPARATORS_ONLY = re.compile(r"^[\s,;·|/•–—:()\-]+$")
EMPTY_LIST_ITEM = re.compile(r"[,;·|]\s*[,;·|]|\(\s*\)")
# What a template leaks when a variable is missing or a Python value is printed as it is.
LEAKS = [
    (re.compile(r"\{\{|\}\}"), "an unfilled variable"),
    (re.compile(r"\{%|%\}"), "an unfilled template tag"),
    (re.compile(r"\[\s*\]"), "an empty list printed as []"),
    (re.compile(r"\{\s*\}"), "an empty dict printed as {}"),
    (re.compile(r"\[\s*(['\"]).*?\1\s*\]|\[None\]"), "a Python list printed"),
    (re.compile(r"\bobject at 0x[0-9a-f]+|<(QuerySet|bound method|function) "), "a Python object printed"),
    (re.compile(r"</?(p|div|span|a|strong|em|br|ul|li|h\d)\b[^>]*>"), "escaped HTML printed as text"),
    (re.compile(r"&(amp|lt|gt|quot|#\d+);"), "a doubly escaped entity"),
]
NONE_ANY = re.compile(r"\bNone\b")
# In English text "None of them…" is prose; a "None" not followed by a lower-case word is not.
NONE_ENGLISH = re.compile(r"\bNone\b(?!\s+[a-z])")
ATTRIBUTE_LEAK = re.compile(r"\{\{|\{%|(^|[/=])None($|[/&?#])|^\s*(\[\s*\]|\{\s*\})\s*$")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{|\{%")

# Short words that are frequent in one of the five languages and in none of the others (the
# shared ones are dropped below): enough to tell a sentence's language without a library.
FUNCTION_WORDS = {
    "en": "the and of to in for with is are was were that on by from who what their this it as at be "
    "have has not or an about which they we you our these into",
    "lv": "un ar par ir kas no uz ka arī vai kā lai bet pie pēc tiek jūs savu kur tas līdz nav var "
    "viņi mēs šo kuri kādu ļoti",
    "lt": "ir kad su iš į kaip yra bet ar tai jų kurie apie nuo už dėl arba taip jūs savo prie kur "
    "buvo kuris mes jie šio",
    "et": "ja on et ei see kui ka mis oma või kes nad ning kõik pärast seda mida abil kuni ole saab "
    "meie teie need",
    "ru": "и в на не что с для по как это из к о от вы их или так но они мы при без также",
}
_COUNTS: dict[str, int] = {}
for _words in FUNCTION_WORDS.values():
    for _word in set(_words.split()):
        _COUNTS[_word] = _COUNTS.get(_word, 0) + 1
MARKERS = {lang: {w for w in words.split() if _COUNTS[w] == 1} for lang, words in FUNCTION_WORDS.items()}


@dataclass(frozen=True)
class Target:
    """One page to check: its kind (the same name in every language), URL and expected status."""

    kind: str
    url: str
    status: int = 200


@dataclass
class Discovery:
    language: str
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be found

    def add(self, kind: str, url: str, status: int = 200) -> Target | None:
        if any(t.url == url for t in self.targets):
            return None
        while any(t.kind == kind for t in self.targets):
            kind = _next_name(kind)
        target = Target(kind, url, status)
        self.targets.append(target)
        return target

    def kinds(self) -> set[str]:
        return {t.kind for t in self.targets}


def _next_name(kind: str) -> str:
    match = re.fullmatch(r"(.*)-(\d+)", kind)
    return f"{match[1]}-{int(match[2]) + 1}" if match else f"{kind}-2"


# --- talking to the site --------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, *, timeout: float = 30, follow: bool = True) -> tuple[int, str, str, bytes]:
    """(status, final URL, content type, body) for a GET; errors are answers, not exceptions."""
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"User-Agent": "nbnet-page-quality"})  # noqa: S310
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.url, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        body = error.read() if error.fp else b""
        return (
            error.code,
            error.url or url,
            error.headers.get("Content-Type", "") if error.headers else "",
            body,
        )


def _soup(body: bytes) -> BeautifulSoup:
    return BeautifulSoup(body.decode("utf-8", "replace"), "html.parser")


def _path(url: str) -> str:
    return urllib.parse.urlsplit(url).path


def kind_of(page_type: str) -> str:
    """`network.PractitionerPage` → `practitioner`, `practices.EventIndexPage` → `event-index`."""
    name = re.sub(r"Page$", "", page_type.rsplit(".", 1)[-1]) or page_type
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def api_pages(base_url: str, language: str) -> list[dict]:
    """Every live page of one language, as the site's page API lists them (in tree order)."""
    pages, offset = [], 0
    while True:
        query = urllib.parse.urlencode({"locale": language, "limit": 100, "offset": offset})
        status, _, _, body = fetch(f"{base_url}/api/v2/pages/?{query}")
        if status != 200:
            raise RuntimeError(f"the page API answered {status} for {language}: {body[:300]!r}")
        data = json.loads(body)
        pages += data["items"]
        offset += len(data["items"])
        if not data["items"] or offset >= data["meta"]["total_count"]:
            return pages


def discover(base_url: str, language: str) -> Discovery:
    """The page types of one language, found from the site (see the module's docstring)."""
    base_url = base_url.rstrip("/")
    found = Discovery(language)
    home = f"{base_url}/{language}/"
    pages = api_pages(base_url, language)
    page_paths = {_path(item["meta"]["html_url"]) for item in pages}
    by_kind: dict[str, list[dict]] = {}
    for item in pages:
        by_kind.setdefault(kind_of(item["meta"]["type"]), []).append(item)
    found.add("home", home)
    for kind, items in by_kind.items():
        # Every general page (about, privacy, contact… each is its own kind of content);
        # the first of every other type.
        for item in items if kind == "standard" else items[:1]:
            found.add(kind, base_url + _path(item["meta"]["html_url"]))

    cache: dict[str, tuple[int, str, str, bytes]] = {}

    def get(url: str) -> tuple[int, str, str, bytes]:
        if url not in cache:
            cache[url] = fetch(url)
        return cache[url]

    def html_of(url: str) -> BeautifulSoup | None:
        status, _, content_type, body = get(url)
        return _soup(body) if status == 200 and "html" in content_type else None

    # A listing with a filter: the first checkbox of its filter form.
    for target in list(found.targets):
        soup = html_of(target.url)
        form = soup and _main(soup).find("form", method=re.compile("get", re.I))
        box = form and form.find("input", type="checkbox", attrs={"name": True, "value": True})
        if box:
            query = urllib.parse.urlencode({box["name"]: box["value"]})
            found.add(f"{target.kind}-filtered", f"{target.url}?{query}")

    # The newcomer's checklist: the guide chooser's form (selects), a town that has its own guide.
    # The first such form found (the guide index's; each guide repeats it) is enough.
    guide_paths = [p for p in page_paths if "guide" in p]
    choosers = [
        (target, form)
        for target in list(found.targets)
        for form in _main(html_of(target.url)).find_all("form", method=re.compile("get", re.I))
        if form.find("select", attrs={"name": True}) and not form.find("input", type="checkbox")
    ]
    for target, form in choosers[:1]:
        query = {}
        for select in form.find_all("select", attrs={"name": True}):
            values = [o["value"] for o in select.find_all("option") if o.get("value")]
            own = [v for v in values if any(f"/{v}/" in p for p in guide_paths)]
            if values:
                query[select["name"]] = (own or values)[0]
        action = urllib.parse.urljoin(target.url, form.get("action") or target.url)
        status, final, _, _ = get(f"{action}?{urllib.parse.urlencode(query)}")
        if status == 200:
            found.add("guide-checklist" if "guide" in target.kind else f"{target.kind}-chosen", final)
        else:
            found.notes.append(f"the chooser form of {target.url} answered {status}")
    if not choosers:
        found.notes.append("no chooser form (a GET form with selects) on any page: no checklist")

    # Routable sub-pages linked from the content: a link under the page's own path that is not a
    # Wagtail page (organisations, help points, the printout); one per page, two levels deep.
    def sub_pages(target: Target, depth: int) -> None:
        soup = html_of(target.url)
        if soup is None:
            return
        own = _path(target.url)
        for link in _main(soup).find_all("a", href=True):
            url = urllib.parse.urljoin(target.url, link["href"]).split("#")[0]
            path = _path(url)
            if not url.startswith(base_url) or not path.startswith(own) or path == own or path in page_paths:
                continue
            status, final, content_type, _ = get(url)
            if status != 200 or "html" not in content_type or _path(final) != path:
                continue  # a feed, a calendar, or a page that sends visitors elsewhere (sign in)
            segment = path[len(own) :].strip("/").split("/")[0]
            sub = found.add(f"{target.kind}/{segment}" if depth == 1 else f"{target.kind}/item", url)
            if sub and depth < 2:
                sub_pages(sub, depth + 1)
            return

    for target in list(found.targets):
        sub_pages(target, 1)

    # The header: the search form, with a query that finds something and one that finds nothing,
    # and the account links (sign in, and from there sign up).
    home_soup = html_of(home)
    search_form = home_soup and home_soup.find("form", attrs={"role": "search"})
    if search_form:
        action = urllib.parse.urljoin(home, search_form.get("action") or home)
        field_name = search_form.find("input", attrs={"type": "search"}) or search_form.find("input")
        name = field_name.get("name", "q") if field_name else "q"
        word = _search_word(by_kind, language)
        found.add("search", f"{action}?{urllib.parse.urlencode({name: word})}")
        found.add("search-empty", f"{action}?{urllib.parse.urlencode({name: NO_RESULTS_QUERY})}")
    else:
        found.notes.append("no search form (form[role=search]) on the home page")
    for header in home_soup.find_all("header") if home_soup else []:
        for link in header.find_all("a", href=True):
            url = urllib.parse.urljoin(home, link["href"]).split("#")[0]
            if not url.startswith(home) or _path(url) in page_paths:
                continue
            account = found.add(_route_kind(url, home), url)
            account_soup = account and html_of(url)
            for inner in _main(account_soup).find_all("a", href=True) if account_soup else []:
                inner_url = urllib.parse.urljoin(url, inner["href"]).split("#")[0]
                if inner_url.startswith(home) and _path(inner_url) not in page_paths and "?" not in inner_url:
                    found.add(_route_kind(inner_url, home), inner_url)
    found.add("not-found", f"{home}{NOT_FOUND_PATH}", status=404)
    return found


def _main(soup: BeautifulSoup | None) -> BeautifulSoup:
    return (soup.find("main") or soup) if soup is not None else BeautifulSoup("", "html.parser")


def _route_kind(url: str, home: str) -> str:
    """`/lv/account/signup/` → `account/signup`: a route of the code, the same in every language."""
    return urllib.parse.urlsplit(url).path[len(_path(home)) :].strip("/") or "home"


def _search_word(by_kind: dict[str, list[dict]], language: str) -> str:
    """A word the site surely has: the longest word of the first practice's (or page's) title."""
    for kind in ("practice", "standard", "home"):
        for item in by_kind.get(kind, []):
            words = re.findall(r"\w{4,}", item.get("title", ""))
            if words:
                return max(words, key=len)
    return {"en": "network"}.get(language, "network")


# --- the interface strings ------------------------------------------------------------------


@dataclass
class Catalogues:
    """Which texts are interface text, from locale/<lang>/LC_MESSAGES/django.po."""

    translated: dict[str, set[str]]  # language → English msgids with a real translation there
    own: dict[str, set[str]]  # language → its translations

    @classmethod
    def load(cls, languages: Iterable[str], locale_dir: Path = ROOT / "locale") -> Catalogues:
        import polib

        translated, own = {}, {}
        for language in languages:
            translated[language], own[language] = set(), set()
            po_path = locale_dir / language / "LC_MESSAGES" / "django.po"
            if language == "en" or not po_path.exists():
                continue
            for entry in polib.pofile(str(po_path)):
                if entry.obsolete or "fuzzy" in entry.flags:
                    continue
                pairs = (
                    [(entry.msgid, s) for s in entry.msgstr_plural.values()]
                    + [(entry.msgid_plural, s) for s in entry.msgstr_plural.values()]
                    if entry.msgid_plural
                    else [(entry.msgid, entry.msgstr)]
                )
                for english, text in pairs:
                    english, text = _norm(english), _norm(text)
                    if not text or text == english:
                        continue
                    if not PLACEHOLDER.search(english) and re.search(r"[^\W\d_]{2}", english):
                        translated[language].add(english)
                    if not PLACEHOLDER.search(text) and len(text) >= 4:
                        own[language].add(text)
        return cls(translated, own)

    def problem(self, text: str, text_language: str) -> str | None:
        """What is wrong with this interface text on a page in `text_language`, if anything."""
        if text_language not in self.translated:
            return None
        if text in self.translated[text_language]:
            return f"English interface text left untranslated: {text!r}"
        if text in self.own.get(text_language, set()) or any(text in s for s in self.translated.values()):
            return None
        for other, strings in self.own.items():
            if other != text_language and text in strings:
                return f"interface text in {other} on a {text_language} page: {text!r}"
        return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


# --- what the browser sees ------------------------------------------------------------------

# One pass over the rendered document: its texts (with the language each is written in), the
# elements that need a name, definition lists and tables, images, links and assets, attributes.
COLLECT_JS = r"""
() => {
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const root = document.documentElement;
  const pageLang = (root.getAttribute('lang') || '').toLowerCase();
  const langOf = (el) => {
    const holder = el.closest('[lang]');
    return holder ? holder.getAttribute('lang').toLowerCase().split('-')[0] : '';
  };
  const where = (el) => {
    const parts = [];
    for (let node = el; node && node !== document.body && parts.length < 3; node = node.parentElement) {
      let part = node.tagName.toLowerCase();
      if (node.id) { part += '#' + node.id; parts.unshift(part); break; }
      const cls = (node.getAttribute('class') || '').trim().split(/\s+/)[0];
      if (cls) part += '.' + cls;
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const SKIP = 'script, style, noscript, template';
  const textOf = (el, skipControls) => {
    let out = '';
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) { out += child.nodeValue; continue; }
        if (child.nodeType !== Node.ELEMENT_NODE || child.matches(SKIP)) continue;
        const tag = child.tagName;
        if (tag === 'IMG' || tag === 'AREA') { out += ' ' + (child.getAttribute('alt') || ''); continue; }
        if (tag === 'svg' || tag === 'SVG') {
          const title = child.querySelector('title');
          out += ' ' + (child.getAttribute('aria-label') || (title && title.textContent) || '');
          continue;
        }
        if (skipControls && (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA')) continue;
        if (child.getAttribute('aria-hidden') === 'true') continue;
        out += ' ';
        walk(child);
      }
    };
    walk(el);
    return norm(out);
  };
  const nameOf = (el) => {
    const label = norm(el.getAttribute('aria-label'));
    if (label) return label;
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const labelled = norm(ids.map((id) => document.getElementById(id)).filter(Boolean)
      .map((node) => node.textContent).join(' '));
    if (labelled) return labelled;
    if (el.tagName === 'INPUT') return norm(el.value || el.getAttribute('alt') || el.getAttribute('type'));
    return textOf(el, el.tagName === 'LABEL') || norm(el.getAttribute('title'));
  };

  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest(SKIP)) continue;
    const text = norm(node.nodeValue);
    if (!text) continue;
    texts.push({text, lang: langOf(parent), where: where(parent), inValue: !!parent.closest('dd, td')});
  }
  texts.push({text: norm(document.title), lang: pageLang, where: 'title', inValue: false});

  const NAMED = 'a[href], button, input[type=submit], input[type=button], input[type=reset], label, '
    + 'h1, h2, h3, h4, h5, h6, [role=heading], legend, summary, caption, th, dt, option';
  const named = [...document.body.querySelectorAll(NAMED)].map((el) => ({
    tag: el.tagName.toLowerCase(), name: nameOf(el), lang: langOf(el), where: where(el),
    hidden: !!el.closest('[hidden], [aria-hidden=true]'),
  }));

  // A term and its value: <dt> with the <dd>s up to the next <dt>; a header cell with its row or
  // column.
  const pairs = [];
  for (const dt of document.body.querySelectorAll('dt')) {
    const values = [];
    for (let next = dt.nextElementSibling; next && next.tagName !== 'DT'; next = next.nextElementSibling) {
      if (next.tagName === 'DD') values.push(next);
    }
    pairs.push({term: textOf(dt), values: values.map((dd) => textOf(dd)),
      media: values.some((dd) => dd.querySelector('img, svg, input, select, textarea, iframe')),
      where: where(dt)});
  }
  for (const table of document.body.querySelectorAll('table')) {
    const rows = [...table.rows];
    rows.forEach((row, r) => {
      [...row.cells].forEach((cell, c) => {
        if (cell.tagName !== 'TH') return;
        const scope = cell.getAttribute('scope');
        const rowHeader = scope === 'row' || (!scope && c === 0 && row.parentElement.tagName === 'TBODY');
        const isData = (other) => other && other !== cell && other.tagName === 'TD';
        const cells = rowHeader
          ? [...row.cells].filter(isData)
          : rows.slice(r + 1).map((other) => other.cells[c]).filter(isData);
        if (!cells.length) return;
        pairs.push({term: textOf(cell), values: cells.map((td) => textOf(td)),
          media: cells.some((td) => td.querySelector('img, svg, input, select, textarea, iframe')),
          where: where(cell), header: true, corner: r === 0 && c === 0});
      });
    });
  }
  // Values made only of separators, outside <dd>/<td> (reported with their term above).
  const separators = [];
  for (const el of document.body.querySelectorAll('p, li, span, div, small, strong, em, b')) {
    if (el.closest(SKIP) || el.closest('dd, td, [aria-hidden=true]')) continue;
    if (el.querySelector('img, svg, input, select, textarea, button, iframe')) continue;
    const text = textOf(el);
    // A lone "·" or "|" between links is decoration; commas, or two marks, are a list left empty.
    const marks = text.replace(/\s/g, '');
    if (text && /^[\s,;·|/•–—:()\-]+$/.test(text) && (text.includes(',') || marks.length > 1)) {
      separators.push({text, where: where(el)});
    }
  }

  const images = [...document.querySelectorAll('img')].map((img) => ({
    src: img.currentSrc || img.src, alt: img.getAttribute('alt'),
    decorative: ['presentation', 'none'].includes(img.getAttribute('role'))
      || !!img.closest('[aria-hidden=true]'),
    where: where(img),
  }));

  const origin = location.origin;
  const urls = new Set();
  const add = (value) => {
    // A same-page anchor (the skip link) is not a request for the page again.
    if (!value || value.startsWith('#')) return;
    try {
      const url = new URL(value, document.baseURI);
      url.hash = '';
      if (url.origin === origin) urls.add(url.href);
    } catch (error) { /* not a URL */ }
  };
  document.querySelectorAll('a[href], area[href], link[href]').forEach((el) => add(el.getAttribute('href')));
  document.querySelectorAll('img[src], script[src], iframe[src], video[src], audio[src], source[src]')
    .forEach((el) => add(el.getAttribute('src')));
  document.querySelectorAll('img[srcset], source[srcset]').forEach((el) => {
    el.getAttribute('srcset').split(',').forEach((part) => add(part.trim().split(/\s+/)[0]));
  });
  document.querySelectorAll('form[action]').forEach((form) => {
    if ((form.getAttribute('method') || 'get').toLowerCase() === 'get') add(form.getAttribute('action'));
  });
  const assets = [...document.querySelectorAll('link[rel~=stylesheet][href], script[src]')]
    .map((el) => new URL(el.getAttribute('href') || el.getAttribute('src'), document.baseURI).href);

  const attributes = [];
  const LABELS = ['aria-label', 'title', 'placeholder', 'alt', 'aria-description'];
  for (const el of document.querySelectorAll('*')) {
    for (const attribute of el.attributes) {
      const value = attribute.value;
      const button = el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type);
      const labelLike = LABELS.includes(attribute.name) || (attribute.name === 'value' && button);
      attributes.push({tag: el.tagName.toLowerCase(), name: attribute.name, value,
        lang: langOf(el), label: labelLike, where: where(el)});
    }
  }
  // Blocks of running text with the language they declare, without their parts in another
  // declared language, for the check that content in another language says so (lang="…").
  const blocks = [];
  const BLOCKS = 'p, li, dd, td, h1, h2, h3, h4, h5, h6, figcaption, blockquote, caption, summary';
  for (const el of document.body.querySelectorAll(BLOCKS)) {
    if (el.closest(SKIP) || el.querySelector(BLOCKS)) continue;
    const lang = langOf(el);
    let out = '';
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) out += child.nodeValue;
        else if (child.nodeType === Node.ELEMENT_NODE && !child.matches(SKIP)
                 && !(child.hasAttribute('lang') && langOf(child) !== lang)) { out += ' '; walk(child); }
      }
    };
    walk(el);
    const text = norm(out);
    if (text) blocks.push({text, lang, where: where(el)});
  }
  return {pageLang, texts, named, pairs, separators, images, urls: [...urls], assets, attributes, blocks};
}
"""

WIDE_JS = r"""
() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  // The deepest elements that stick out of the screen, or whose content (a long word or URL)
  // sticks out of them without a scroll box of their own.
  const wide = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width === 0) return false;
    if (box.right > width + 1) return true;
    const overflow = getComputedStyle(el).overflowX;
    return el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && overflow === 'visible';
  };
  const found = [...document.body.querySelectorAll('*')].filter(wide);
  const culprits = found.filter((el) => !found.some((other) => other !== el && el.contains(other)))
    .slice(0, 3).map((el) => {
      const cls = (el.getAttribute('class') || '').trim().split(/\s+/)[0];
      const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50);
      return el.tagName.toLowerCase() + (el.id ? '#' + el.id : cls ? '.' + cls : '')
        + (text ? ' "' + text + '"' : '');
    });
  return {scrollWidth: root.scrollWidth, clientWidth: width, culprits};
}
"""


def content_problems(data: dict, language: str, catalogues: Catalogues | None) -> list[str]:
    """Leaks, empty names and values, other-language interface text, images without alternative."""
    problems: list[str] = []
    page_lang = data["pageLang"]
    if page_lang.split("-")[0] != language:
        problems.append(f'<html lang="{page_lang}">, expected "{language}"')
    for item in data["texts"]:
        text, where = item["text"], item["where"]
        none = NONE_ENGLISH if item["lang"] == "en" else NONE_ANY
        if none.search(text):
            problems.append(f"'None' printed: {_excerpt(text)} ({where})")
        for pattern, what in LEAKS:
            if pattern.search(text):
                problems.append(f"{what}: {_excerpt(text)} ({where})")
        if EMPTY_LIST_ITEM.search(text) and not item["inValue"]:
            problems.append(f"a list with empty items: {_excerpt(text)} ({where})")
    for item in data["named"]:
        if not item["name"] and item["tag"] not in ("option", "th", "dt") and not item["hidden"]:
            what = {"a": "link text", "button": "button text", "label": "label", "legend": "legend"}.get(
                item["tag"], "heading" if re.fullmatch(r"h\d|\[role=heading\]", item["tag"]) else item["tag"]
            )
            problems.append(f"empty {what} ({item['where']})")
    for pair in data["pairs"]:
        values = [v for v in pair["values"] if v and not SEPARATORS_ONLY.match(v)]
        term = pair["term"]
        if not term and not pair.get("corner") and (values or not pair.get("header")):
            problems.append(f"empty {'header cell' if pair.get('header') else 'term (dt)'} ({pair['where']})")
        elif term and not values and not pair["media"]:
            shown = ", ".join(repr(v) for v in pair["values"]) or "nothing"
            problems.append(f"{term!r} has no value (shows {shown}) ({pair['where']})")
    for item in data["separators"]:
        problems.append(f"a value made only of separators: {item['text']!r} ({item['where']})")
    for image in data["images"]:
        if image["alt"] is None:
            problems.append(f"image without alt: {_short_url(image['src'])} ({image['where']})")
        elif not image["alt"].strip() and not image["decorative"]:
            problems.append(
                f'image with alt="" but not marked decorative (role="presentation" or aria-hidden): '
                f"{_short_url(image['src'])} ({image['where']})"
            )
    for attribute in data["attributes"]:
        if attribute["tag"] in ("script", "style") or attribute["name"] in ("nonce", "integrity"):
            continue
        value = attribute["value"]
        if attribute["name"] == "value" and attribute["tag"] == "input" and not attribute["label"]:
            continue  # what a reader typed (or a token), not the page's text
        if ATTRIBUTE_LEAK.search(value) or (attribute["label"] and NONE_ANY.fullmatch(value.strip())):
            problems.append(
                f"{attribute['name']}={_excerpt(value)!r} on {attribute['tag']} ({attribute['where']})"
            )
    for block in data.get("blocks", []):
        other = language_of(block["text"])
        if other and other != block["lang"]:
            problems.append(
                f'text in {other} without lang="{other}": {_excerpt(block["text"], 70)!r} ({block["where"]})'
            )
    if catalogues is not None:
        seen = set()
        candidates = [(t["text"], t["lang"], t["where"]) for t in data["texts"]]
        candidates += [(n["name"], n["lang"], n["where"]) for n in data["named"] if n["name"]]
        candidates += [(a["value"], a["lang"], a["where"]) for a in data["attributes"] if a["label"]]
        for text, text_lang, where in candidates:
            text = _norm(text)
            if not text or text_lang != language or (text, where) in seen:
                continue
            seen.add((text, where))
            problem = catalogues.problem(text, language)
            if problem:
                problems.append(f"{problem} ({where})")
    return problems


def language_of(text: str) -> str | None:
    """The language a sentence is surely in, from its function words (None when unsure).

    Conservative on purpose: three words in Cyrillic are Russian; otherwise at least eight words,
    four markers of one language, a fifth of the words, and at most one marker of any other, so
    names and short labels never qualify.
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    cyrillic = [w for w in words if re.fullmatch(r"[а-яё]+", w)]
    if len(cyrillic) >= 3 and len(cyrillic) >= 0.6 * len(words):
        return "ru"  # the only language of the five in Cyrillic
    if len(words) < 8:
        return None
    hits = {lang: sum(w in markers for w in words) for lang, markers in MARKERS.items()}
    best = max(hits, key=hits.get)
    others = max(count for lang, count in hits.items() if lang != best)
    if hits[best] >= 4 and hits[best] >= len(words) / 5 and others <= 1:
        return best
    return None


def _excerpt(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "") or url


class LinkChecker:
    """Each distinct internal URL asked once per run: a 404 or a server error is a problem."""

    def __init__(self, limit: int = MAX_LINK_CHECKS, per_path: int = MAX_QUERY_VARIANTS):
        self.limit, self.per_path = limit, per_path
        self.status: dict[str, int | str] = {}
        self.variants: dict[str, int] = {}
        self.skipped = 0
        self.unanswered = 0  # in a row: a server that stopped answering ends the walk

    def check(self, urls: Iterable[str]) -> list[str]:
        problems = []
        for url in sorted(set(urls)):
            if url not in self.status:
                path = url.split("?")[0]
                if "?" in url and self.variants.get(path, 0) >= self.per_path:
                    continue
                if len(self.status) >= self.limit:
                    self.skipped += 1
                    continue
                self.variants[path] = self.variants.get(path, 0) + ("?" in url)
                try:
                    self.status[url] = fetch(url, timeout=15)[0]
                    self.unanswered = 0
                except OSError as error:
                    self.status[url] = f"no answer ({error})"
                    self.unanswered += 1
                    if self.unanswered >= 3:
                        return [*problems, f"link to {_short_url(url)} answers {self.status[url]}"]
            status = self.status[url]
            if isinstance(status, str) or status == 404 or status == 410 or status >= 500:
                problems.append(f"link to {_short_url(url)} answers {status}")
        return problems


class Weigher:
    """Bytes of a page's HTML plus its stylesheets and scripts, each asset fetched once."""

    def __init__(self) -> None:
        self.assets: dict[str, bytes] = {}

    def weigh(self, html: bytes, assets: Iterable[str]) -> tuple[int, int]:
        parts = [html]
        for url in dict.fromkeys(assets):
            if url not in self.assets:
                status, _, _, body = fetch(url)
                self.assets[url] = body if status == 200 else b""
            parts.append(self.assets[url])
        return sum(len(p) for p in parts), sum(len(gzip.compress(p, 6)) for p in parts)


def axe_problems(page) -> list[str]:
    """axe-core, serious and critical impacts, as tests/browser/test_public_pages.py runs it."""
    from .test_public_pages import blocking_violations

    return [f"axe: {violation}" for violation in blocking_violations(page)]


@dataclass
class PageChecker:
    """Everything on one page; the problems as sentences, in one list."""

    catalogues: Catalogues | None
    links: LinkChecker = field(default_factory=LinkChecker)
    weigher: Weigher = field(default_factory=Weigher)
    run_axe: bool = True
    budget: int = PAGE_WEIGHT_BUDGET
    weights: dict[str, tuple[int, int]] = field(default_factory=dict)

    unloaded: int = 0  # pages in a row that did not load

    @property
    def server_down(self) -> bool:
        """The server stopped answering: walking on would only add a timeout per page."""
        return self.unloaded >= 2 or self.links.unanswered >= 3

    def check(self, page, target: Target, language: str) -> list[str]:
        try:
            page.set_viewport_size(DESKTOP)
            response = page.goto(target.url, wait_until="load", timeout=30_000)
        except Exception as error:  # a page that does not load says so, it does not stop the walk
            self.unloaded += 1
            return [f"did not load: {str(error).splitlines()[0]}"]
        self.unloaded = 0
        problems = []
        status = response.status if response else None
        if status != target.status:
            problems.append(f"answers {status}, expected {target.status}")
        html = response.body() if response else b""
        return problems + self.check_loaded(page, html, language, key=target.url)

    def check_loaded(self, page, html: bytes, language: str, key: str) -> list[str]:
        """The checks on what the browser shows now (also for pages given with set_content)."""
        data = page.evaluate(COLLECT_JS)
        problems = content_problems(data, language, self.catalogues)
        problems += self.links.check(data["urls"])
        raw, compressed = self.weigher.weigh(html, data["assets"])
        self.weights[key] = (raw, compressed)
        if raw > self.budget:
            problems.append(
                f"page weight {raw:,} bytes of HTML, CSS and JS (gzip {compressed:,}) "
                f"over the README's budget of {self.budget:,}"
            )
        if self.run_axe:
            problems += axe_problems(page)
        page.set_viewport_size(NARROWEST)
        wide = page.evaluate(WIDE_JS)
        page.set_viewport_size(DESKTOP)
        if wide:
            problems.append(
                f"scrolls sideways at {NARROWEST['width']} px (scrollWidth {wide['scrollWidth']} > "
                f"{wide['clientWidth']}): {', '.join(wide['culprits']) or 'no single element found'}"
            )
        return list(dict.fromkeys(problems))


def report(language: str, results: dict[Target, list[str]], notes: Iterable[str] = ()) -> str:
    """One readable list: page → problems."""
    lines = [f"Page quality, {language}:"]
    lines += [f"  discovery: {note}" for note in notes]
    for target, problems in results.items():
        if problems:
            lines.append(f"- {target.kind}: {target.url}")
            lines += [f"    · {problem}" for problem in problems]
    return "\n".join(lines)
