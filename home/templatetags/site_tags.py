import functools
import hashlib
from dataclasses import dataclass

from django import template
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, Site

from home.i18n import alternate_links, language_links, untranslated_source
from nbnet.page_cache import TREE, fragment

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context: template.Context, page: Page | None = None) -> dict:
    """Everything the layout needs about languages, computed once per request."""
    request: HttpRequest | None = context.get("request")
    page = page if isinstance(page, Page) else None  # templates pass "" for a missing variable
    if request is None:
        return {"links": [], "alternates": [], "source": None}
    links = language_links(request, page)
    source = untranslated_source(page)
    return {
        "links": links,
        "available": [link for link in links if link.is_translation],
        "alternates": [] if source else alternate_links(request, links),
        "source": source,
        # Absolute URLs from the request's own host, like the hreflang alternates.
        "canonical": request.build_absolute_uri((source or page).get_url(request))
        if page is not None
        else None,
    }


@dataclass(frozen=True)
class Link:
    """A page as the layout shows it: kept in the cache instead of the page object."""

    title: str
    url: str
    path: str  # the tree path, for "is this page in that section"
    intro: str = ""


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
            "sections": [Link(page.title, page.get_url(request), page.path) for page in sections],
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
def localized_home(context: template.Context) -> Link | None:
    request = context.get("request")
    return navigation(request)["home"] if request else None


@register.filter
def in_section(page: Page | None, section) -> bool:
    """True when ``page`` is ``section`` or below it, for ``aria-current`` in the menu."""
    return page is not None and hasattr(page, "path") and page.path.startswith(section.path)


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
