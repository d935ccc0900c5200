"""Page routing remembered per URL until the content changes.

Wagtail finds the page for ``/en/practices/roma-mediation-latvia/`` by walking the tree
from the language's home page: for each path segment one query for the child with that
slug and one for its specific type, so a page two levels down costs five queries before
anything is rendered. Which page a URL leads to changes only when the tree does (a page
published, unpublished, moved or given a new slug renews the ``tree`` tag,
``nbnet/invalidation.py``), so the answer (the page's id and type, and how many segments its
ancestors consumed) is kept in the fragment cache and the page is fetched with a single
query. The rest of the path is
still routed by the page itself (a routable page's sub-URLs), ``live`` is still checked,
and the result is handed to Wagtail's own ``serve`` the way Wagtail memoises it
(``request._wagtail_route_for_request``), so its hooks and view restrictions run as
before. Wagtail offers no hook for routing, hence this wrapper of its view. Still needed
with scoped invalidation: every page the page cache cannot serve (signed-in readers, a new
choice of filters, the first view after a change) is routed, and this spares it five queries;
``tests/test_wagtail_contracts.py`` checks that Wagtail still serves the memoised route.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page, Site


def _route_from_cache(request, path: str) -> None:
    from nbnet.page_cache import TREE, remember, remembered

    site = Site.find_for_request(request)
    if site is None:
        return
    components = [component for component in path.split("/") if component]
    name = f"route:{site.pk}:{translation.get_language()}:{path}"
    entry = remembered(name, depends=(TREE,))
    if entry is not None:
        page_id, content_type_id, consumed = entry
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        try:
            pages = model.objects.select_related(*getattr(model, "route_select_related", ()))
            page = pages.get(pk=page_id)
            active = Locale.get_active()  # from the request's memo (home/locales.py)
            if page.locale_id == active.pk:
                page.locale = active  # spares the query for it wherever the page is shown
            request._wagtail_route_for_request = page.route(request, components[consumed:])
            return
        except (Http404, Page.DoesNotExist, AttributeError):
            pass  # moved on since (the version says not): route the long way below
    result = Page.route_for_request(request, path)  # Wagtail memoises it on the request
    if result is None:
        return  # not found: not remembered, so made-up URLs cannot fill the cache
    page = result.page
    consumed = page.depth - site.root_page.depth  # one segment per level below the home page
    if 0 <= consumed <= len(components):
        remember(name, (page.pk, page.content_type_id, consumed), depends=(TREE,))


def serve(request, path):
    _route_from_cache(request, path)
    return wagtail_views.serve(request, path)
