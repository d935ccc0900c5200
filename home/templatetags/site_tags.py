import functools
import hashlib
from dataclasses import dataclass

from django import template
from django.http import HttpRequest
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from wagtail.models import Page, Site

from home.i18n import (
    alternate_links,
    language_links,
    reader_query,
    routed_subpath,
    switcher_links,
    untranslated_source,
    with_subpath,
)
from nbnet.page_cache import TREE, fragment

register = template.Library()


# ``og:locale`` wants a territory; the site's languages are spoken in these countries.
OG_LOCALES = {"en": "en_GB", "lv": "lv_LV", "lt": "lt_LT", "et": "et_EE", "ru": "ru_RU", "uk": "uk_UA"}


@register.simple_tag(takes_context=True)
def page_languages(context: template.Context, page: Page | None = None) -> dict:
    """Everything the layout needs about languages, computed once per request.

    ``links``, ``canonical`` and ``alternates`` are canonical URLs, without a query;
    ``switch`` (the language switcher) and ``available`` (the untranslated-page notice) carry
    the reader's query, so that a filtered listing or a checklist for one status and town
    stays filtered in the other language. Base templates bind it to ``language_links``, a
    name no view uses (a profile's ``languages`` are the languages its person speaks)."""
    request: HttpRequest | None = context.get("request")
    page = page if isinstance(page, Page) else None  # templates pass "" for a missing variable
    if request is None:
        return {"links": [], "switch": [], "available": [], "alternates": [], "source": None, "subpath": ""}
    source = untranslated_source(page)
    subpath = routed_subpath(request, page)
    links = with_subpath(language_links(request, page), subpath)
    switch = switcher_links(links, reader_query(request))
    current = translation.get_language()
    # Absolute URLs from the request's own host, like the hreflang alternates.
    if page is not None:
        canonical = request.build_absolute_uri((source or page).get_url(request) + subpath)
    else:
        canonical = None
    return {
        "links": links,
        "switch": switch,
        "current": next((link for link in links if link.is_current), None),
        "available": [link for link in switch if link.is_translation],
        "alternates": [] if source else alternate_links(request, links),
        "source": source,
        "subpath": subpath,  # a routable page's own view: the page's description is not its own
        "canonical": canonical,
        # For social-share metadata: the page's canonical address, or this view's own.
        "share_url": canonical or request.build_absolute_uri(request.path),
        "og_locale": OG_LOCALES.get(current, (current or "").replace("-", "_")),
        "og_alternates": [
            OG_LOCALES.get(link.code, link.code)
            for link in links
            if link.is_translation and not link.is_current and not source
        ],
    }


@dataclass(frozen=True)
class Link:
    """A page as the layout shows it: kept in the cache instead of the page object."""

    title: str
    url: str
    path: str  # the tree path, for "is this page in that section"
    intro: str = ""
    menu_title: str = ""  # what the menu calls it, when not its title


# The newcomers' guides are the door for people who have just arrived: first in the menu,
# named as they would ask it, whatever the section's title ("Guides", "First steps"…).
NEWCOMER_SECTION = "guides.guideindexpage"


def _menu_link(page: Page, request: HttpRequest) -> Link:
    if page.specific_class is not None and page.specific_class._meta.label_lower == NEWCOMER_SECTION:
        return Link(page.title, page.get_url(request), page.path, menu_title=gettext("Just arrived?"))
    return Link(page.title, page.get_url(request), page.path)


def _menu_sections(home: Page):
    return home.get_children().live().public().in_menu()


def navigation(request: HttpRequest) -> dict:
    """The localized home page and its sections in the menu, built once per content change
    (``nbnet.page_cache.fragment``) rather than with several queries on every page."""
    site = Site.find_for_request(request)
    if site is None:
        return {"home": None, "sections": []}

    def build() -> dict:
        home = site.root_page.localized
        # Plain pages, not ``.specific()``: the menu shows titles only, and the specific
        # rows cost a query per section type (8 queries, 6 ms, on every page after each
        # content change). The home page's cards, with intros, are ``section_cards``.
        sections = _menu_sections(home)
        return {
            "home": Link(home.title, home.get_url(request), home.path),
            # The newcomers' door first, the other sections in the editors' order.
            "sections": sorted(
                (_menu_link(page, request) for page in sections), key=lambda link: not link.menu_title
            ),
        }

    memo = getattr(request, "_navigation", None)
    if memo is None:
        memo = request._navigation = fragment(
            f"navigation:{site.pk}:{translation.get_language()}", build, depends=(TREE,)
        )
    return memo


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> list[Link]:
    """Top-level sections of the home page in the active language."""
    request = context.get("request")
    return navigation(request)["sections"] if request else []


@register.simple_tag(takes_context=True)
def section_cards(context: template.Context) -> list[Link]:
    """The menu's sections with their introductions, for the home page's cards."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []

    def build() -> list[Link]:
        sections = _menu_sections(site.root_page.localized).specific()
        return [Link(p.title, p.get_url(request), p.path, getattr(p, "intro", "")) for p in sections]

    return fragment(f"section-cards:{site.pk}:{translation.get_language()}", build, depends=(TREE,))


@register.simple_tag(takes_context=True)
def newcomer_door(context: template.Context) -> dict | None:
    """The way in for people who have just arrived: the guides' index in the reader's language
    and its country guides, for the home page (``None`` when the site has no guides)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None

    def build() -> dict | None:
        from guides.models import GuidePage

        # The country guides (two levels below the home page the menu has found) in one
        # query; their index is the menu's section above them.
        menu = navigation(request)
        home = menu["home"]
        if home is None:
            return None
        depth = len(home.path) // Page.steplen
        guides = list(
            GuidePage.objects.live()
            .public()
            .filter(path__startswith=home.path, depth=depth + 2)
            .order_by("path")
            .only("title", "url_path", "path")
        )
        if not guides:
            return None
        parent = guides[0].path[: -Page.steplen]
        index = next((link for link in menu["sections"] if link.path == parent), None)
        if index is None:  # not in the menu
            page = Page.objects.get(path=parent)
            index = Link(page.title, page.get_url(request), page.path)
        return {
            "url": index.url,
            "title": index.title,
            "guides": [
                Link(guide.title, guide.get_url(request), guide.path)
                for guide in guides
                if guide.path.startswith(parent)
            ],
        }

    return fragment(f"newcomer-door:{site.pk}:{translation.get_language()}", build, depends=(TREE,))


@register.simple_tag(takes_context=True)
def trust_pages(context: template.Context) -> dict:
    """``{"privacy": Link, "contact": Link}``: the privacy notice and the contact page in the
    reader's language (a name is missing when the site has no such page), for the sign-up
    consent, the account pages and the footer. Found by their page types, whatever an
    editor calls them."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {}

    def build() -> dict:
        from home.models import ContactPage, PrivacyPage

        home = site.root_page.localized
        found = {}
        for name, model in (("privacy", PrivacyPage), ("contact", ContactPage)):
            page = model.objects.live().public().child_of(home).first()
            if page is not None:
                found[name] = Link(page.title, page.get_url(request), page.path)
        return found

    return fragment(f"trust-pages:{site.pk}:{translation.get_language()}", build, depends=(TREE,))


@register.simple_tag(takes_context=True)
def localized_home(context: template.Context) -> Link | None:
    request = context.get("request")
    return navigation(request)["home"] if request else None


@register.filter
def in_section(page: Page | None, section) -> bool:
    """True when ``page`` is ``section`` or below it, for ``aria-current`` in the menu."""
    return page is not None and hasattr(page, "path") and page.path.startswith(section.path)


@register.simple_tag(takes_context=True)
def block_text(context: template.Context, name: str) -> str:
    """What ``{% block name %}`` shows in the template being rendered (the most derived
    one), for a second use: the ``<title>`` again as ``og:title``. Django allows a block
    once per template; "" when the template extends nothing."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context is not None else None
    if block is None:
        return ""
    with context.push(block=block):
        return block.nodelist.render(context).strip()


@register.simple_tag
def share_description(page: Page | None, length: int = 200) -> str:
    """A page's summary for ``<meta name="description">`` and social-share cards: its search
    description, else its introduction or easy-language summary, as plain text."""
    for name in ("search_description", "intro", "easy_summary"):
        value = getattr(page, name, None) if page else None
        if isinstance(value, str) and value.strip():
            return Truncator(" ".join(strip_tags(value).split())).chars(length)
    return ""


def _facet_value(item, name: str):
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


@register.filter
def with_options(facets) -> list:
    """The facets that have something to offer (an option with results, or a chosen one):
    a listing or search with no results shows no empty filter panel."""
    return [facet for facet in facets or () if _facet_value(facet, "visible_options")]


@register.filter
def chosen_count(facets) -> int:
    """How many filter values the reader has chosen, for "Filters (2)"."""
    return sum(
        1
        for facet in facets or ()
        for option in _facet_value(facet, "visible_options") or ()
        if _facet_value(option, "selected")
    )


@register.filter
def get_item(mapping: dict, key):
    """``mapping[key]`` in templates, the key itself when it is missing."""
    return mapping.get(key, key) if isinstance(mapping, dict) else key


@register.filter
def choice_label(instance, field_name: str):
    """``{{ organisation|choice_label:"org_type" }}``: what ``get_org_type_display`` shows.

    Django's ``get_FOO_display`` rebuilds the field's choices and hashes every (lazily
    translated) label on each call, a tenth of a millisecond per card of a listing; the
    labels are made once per field and language here. Unknown values show as they are.
    """
    field = instance._meta.get_field(field_name)
    value = getattr(instance, field.attname)
    return _choice_labels(field, translation.get_language()).get(value, value)


@functools.lru_cache(maxsize=128)
def _choice_labels(field, language: str) -> dict:
    with translation.override(language):
        return {value: str(label) for value, label in field.flatchoices}


@register.tag("fragment")
def do_fragment(parser, token):
    """``{% fragment "step" item.step.pk choice.city %}…{% endfragment %}``: the enclosed HTML,
    rendered once per content change for each combination of the values given (and the
    reader's language, always added), then taken from ``nbnet.page_cache.for_page``.

    Django's ``{% cache %}`` is not used: it keeps fragments for a fixed time whatever
    changes, and costs a cache round trip per fragment (a checklist has a dozen steps);
    these follow the page cache's version and come from the worker's memory. The values
    must name everything the HTML depends on; nothing personal (a user, a form with a
    CSRF token) may be inside. A preview renders it afresh.

    It is renewed with the page being served, or, with ``of=record`` last (a card of one
    practitioner or practice, shown on many pages), with that record's own fields
    (``record_tag``), the tree and the names of cities, countries and organisations: a peer
    renamed is renamed on every profile that suggests them, and publishing one practitioner
    renders one card again, not every card of every listing.
    """
    bits = token.split_contents()[1:]
    of = parser.compile_filter(bits.pop()[3:]) if bits and bits[-1].startswith("of=") else None
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name and the values the HTML depends on")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits], of)


class FragmentNode(template.Node):
    def __init__(self, nodelist, vary_on, of=None):
        self.nodelist = nodelist
        self.vary_on = vary_on
        self.of = of

    def render(self, context):
        from nbnet.page_cache import TREE, for_page, fragment, record_tag

        parts = [translation.get_language() or "", *(str(value.resolve(context)) for value in self.vary_on)]
        name = "html:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
        request = context.get("request")

        def build() -> str:
            return self.nodelist.render(context)

        record = self.of.resolve(context) if self.of is not None else None
        if record is None or getattr(request, "is_preview", False):
            return for_page(request, name, build)
        # Its own fields, and names shown through its links (city, country, organisation).
        names = ("kind:network.City", "kind:network.Country", "kind:network.Organisation")
        return fragment(name + ":of", build, depends=(TREE, record_tag(record), *names))
