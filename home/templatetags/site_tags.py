from dataclasses import dataclass

from django import template
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, Site

from home.i18n import alternate_links, language_links, untranslated_source
from nbnet.page_cache import fragment

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


def navigation(request: HttpRequest) -> dict:
    """The localized home page and its sections in the menu, built once per content change
    (``nbnet.page_cache.fragment``) rather than with several queries on every page."""
    site = Site.find_for_request(request)
    if site is None:
        return {"home": None, "sections": []}

    def build() -> dict:
        home = site.root_page.localized
        sections = home.get_children().live().public().in_menu().specific()
        return {
            "home": Link(home.title, home.get_url(request), home.path),
            "sections": [
                Link(page.title, page.get_url(request), page.path, getattr(page, "intro", ""))
                for page in sections
            ],
        }

    memo = getattr(request, "_navigation", None)
    if memo is None:
        memo = request._navigation = fragment(f"navigation:{site.pk}:{translation.get_language()}", build)
    return memo


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> list[Link]:
    """Top-level sections of the home page in the active language."""
    request = context.get("request")
    return navigation(request)["sections"] if request else []


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
