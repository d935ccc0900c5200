"""Page view restrictions read once per content change instead of on every query.

Wagtail asks the database for every ``PageViewRestriction`` each time a queryset calls
``.public()`` (``PageQuerySet.private_q``) and for the restrictions of a page's ancestors
each time a page is served (``Page.get_view_restrictions``, from its ``on_serve_page``
hook): two to six queries per page, nearly always answering "none". Restrictions are
content: saving or deleting one renews everything (``nbnet/invalidation.py``), so the
paths of the restricted pages are kept in the fragment cache and both methods consult them
first. Wagtail has no setting or hook for either, hence the wrapping (as for locales in
``home/locales.py``); with the fragment cache off, nothing changes. Still needed with scoped
invalidation: pages the page cache cannot serve would pay the queries on every view;
``tests/test_wagtail_contracts.py`` checks that Wagtail still goes through both methods.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages that carry a view restriction (the root of a private section)."""
    from nbnet.page_cache import fragment

    return fragment(
        "view-restrictions",
        lambda: tuple(PageViewRestriction.objects.order_by().values_list("page__path", flat=True)),
        depends=(),  # a restriction saved or deleted renews everything (nbnet/invalidation.py)
    )


def _private_q(self) -> Q:
    q = Q()
    for path in restricted_paths():
        # What Wagtail's descendant_of_q(page, inclusive=True) matches: the path and below.
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def install() -> None:
    """Route ``private_q`` and ``get_view_restrictions`` through the cached paths (idempotent)."""
    original_restrictions = getattr(Page.get_view_restrictions, "_original", Page.get_view_restrictions)

    def get_view_restrictions(self):
        # With no restriction anywhere none applies, aliases included; otherwise Wagtail
        # works it out (an alias follows its original's restrictions).
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return original_restrictions(self)

    get_view_restrictions._original = original_restrictions
    Page.get_view_restrictions = get_view_restrictions
    PageQuerySet.private_q = _private_q
