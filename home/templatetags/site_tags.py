from django import template
from django.http import HttpRequest
from wagtail.models import Page, Site

from home.i18n import alternate_links, language_links, untranslated_source

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


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> list[Page]:
    """Top-level sections of the home page in the active language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    home = site.root_page.localized
    return list(home.get_children().live().public().in_menu().specific())


@register.simple_tag(takes_context=True)
def localized_home(context: template.Context) -> Page | None:
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page.localized if site else None


@register.filter
def in_section(page: Page | None, section: Page) -> bool:
    """True when ``page`` is ``section`` or below it, for ``aria-current`` in the menu."""
    return page is not None and hasattr(page, "path") and page.path.startswith(section.path)


@register.filter
def get_item(mapping: dict, key):
    """``mapping[key]`` in templates, the key itself when it is missing."""
    return mapping.get(key, key) if isinstance(mapping, dict) else key
