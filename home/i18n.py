"""Which page a reader reaches in each language, and what an untranslated page shows.

Decided behaviour for content that has not been translated yet: wagtail-localize
keeps every language's tree in sync by creating *aliases* of new English pages
(see ``LocaleSynchronization`` in the seed command). An alias answers at its own
prefix (``/lv/about/``) so links never break, but it shows a notice in the
reader's language, declares the original as its canonical URL, and asks search
engines not to index it: one canonical URL per content, no silent duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # the language's name in itself, e.g. "Latviešu"
    url: str
    is_current: bool
    is_translation: bool  # False when the link falls back to that language's home page


def untranslated_source(page: Page | None) -> Page | None:
    """The original page when ``page`` is an alias standing in for a missing translation."""
    if page is None or not getattr(page, "alias_of_id", None):
        return None
    source = page.alias_of
    if source.locale_id == page.locale_id:
        return None  # a same-language alias (a page shown in two places) is not a translation gap
    return source


def _translations_by_language(
    request: HttpRequest, source: Page | None
) -> tuple[dict[str, Page], dict[str, Page]]:
    """The live translations of ``source`` and of the site's home page, by language code,
    in one query (the switcher needs the home pages only where a translation is missing)."""
    site = Site.find_for_request(request)
    home_key = site.root_page.translation_key if site is not None else None
    keys = {key for key in (home_key, source.translation_key if source else None) if key}
    translations: dict[str, Page] = {}
    homes: dict[str, Page] = {}
    for candidate in Page.objects.filter(translation_key__in=keys, live=True).select_related("locale"):
        code = candidate.locale.language_code
        is_source = source is not None and candidate.translation_key == source.translation_key
        if is_source and candidate.alias_of_id is None:
            translations[code] = candidate
        if candidate.translation_key == home_key:
            homes[code] = candidate
    return translations, homes


def language_links(request: HttpRequest, page: Page | None = None) -> list[LanguageLink]:
    """One link per site language: the same page when translated, else that language's home.

    A page's links change only when pages do, so they are built once per content change
    (``nbnet.page_cache.fragment``); pages outside the tree (search, sign-in) link to
    their own URL in each language and are built each time."""
    if page is None or page.pk is None:
        return _language_links(request, page)
    from nbnet.page_cache import TREE, fragment, record_tag

    site = Site.find_for_request(request)
    key = f"languages:{site.pk if site else 0}:{page.pk}:{translation.get_language()}"
    # The links read the page's own records in every language (their titles, URLs and
    # whether they are live) and the home pages (the tree): a new translation shares the
    # page's translation key, and publishing it renews its record tag. Not the page's
    # object tag, which a change of any record it shows bumps (a practice's contact
    # published again: the practice is rebuilt, its language links are not).
    return fragment(key, lambda: _language_links(request, page), depends=(TREE, record_tag(page)))


def _language_links(request: HttpRequest, page: Page | None) -> list[LanguageLink]:
    current = translation.get_language()
    source = (untranslated_source(page) or page) if page is not None else None
    translations, homes = _translations_by_language(request, source)

    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url, is_translation = translations[code].get_url(request), True
        elif page is None and getattr(request, "page_not_found", False):
            # A 404 (nbnet.views.page_not_found): the same path in another language is no
            # more there; that language's home is.
            url, is_translation = f"/{code}/", False
        elif page is None:
            # The path alone: the switcher adds the reader's query (``switcher_links``), the
            # alternates stay canonical.
            url, is_translation = translate_url(request.path, code), True
        elif code in homes:
            url, is_translation = homes[code].get_url(request), False
        else:
            url, is_translation = f"/{code}/", False
        links.append(LanguageLink(code, name, url, code == current, is_translation))
    return links


def alternate_links(request: HttpRequest, links: list[LanguageLink]) -> list[tuple[str, str]]:
    """``hreflang`` alternates: only real translations, as absolute URLs, plus x-default."""
    alternates = [(link.code, request.build_absolute_uri(link.url)) for link in links if link.is_translation]
    if alternates:
        alternates.append(("x-default", request.build_absolute_uri("/")))
    return alternates


# Not carried to another language: a page number may not exist there, and the reader
# wants the start of the same choice.
NOT_CARRIED = ("page",)


def routed_subpath(request: HttpRequest, page: Page | None) -> str:
    """The part of the URL a routable page answers itself (``organisations/``, ``help-points/``,
    ``print/``), so that a link to the page in another language leads to the same view."""
    if page is None:
        return ""
    page_path = urlsplit(page.get_url(request) or "").path
    path = request.path
    if page_path and len(path) > len(page_path) and path.startswith(page_path):
        return path[len(page_path) :]
    return ""


def with_subpath(links: list[LanguageLink], subpath: str) -> list[LanguageLink]:
    """The same view in each language: ``subpath`` added to the real translations (a link
    that falls back to a language's home page stays that home page)."""
    if not subpath:
        return links
    return [replace(link, url=link.url + subpath) if link.is_translation else link for link in links]


def reader_query(request: HttpRequest) -> str:
    """The reader's choice in the query string (filters, a checklist's status and town, a
    search), which means the same in every language: values are codes and slugs."""
    params = request.GET.copy()
    for name in NOT_CARRIED:
        params.pop(name, None)
    return params.urlencode()


def switcher_links(links: list[LanguageLink], query: str) -> list[LanguageLink]:
    """The language switcher's links: the same view with the same query in each language.
    Only the visible links carry it; ``canonical`` and the ``hreflang`` alternates do not."""
    if not query:
        return links
    return [replace(link, url=f"{link.url}?{query}") if link.is_translation else link for link in links]
