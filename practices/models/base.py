"""What the knowledge base's pages share: the translatable page fields, and showing
pages that are linked once, in the original, in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from home.models import as_links

CURRENCIES = [(code, code) for code in ("EUR", "LVL", "LTL", "EEK", "DKK", "ISK", "NOK", "SEK", "USD")]


def in_locale(model: type[Page], pages: Iterable[Page], locale_id: int) -> QuerySet:
    """The live translations, in ``locale_id``, of pages linked in the original language.

    Links between records are made once, by an editor, on one side and in one language;
    both sides show them in the reader's language (or not at all if untranslated there).
    """
    if isinstance(pages, QuerySet):
        # A subquery, not a list: one query instead of two (a preview's in-memory
        # relations are not querysets and take the other branch).
        keys = pages.order_by().values("translation_key")
    else:
        keys = [page.translation_key for page in pages]
    return model.objects.live().public().filter(translation_key__in=keys, locale_id=locale_id)


def linked_in_locale(
    model: type[Page], page_id: int | None, locale_id: int, *, link_only: bool = False
) -> Page | None:
    """The live translation in ``locale_id`` of one linked page (a foreign key), in one query;
    with ``link_only``, only what a link to it needs (``home.models.as_links``)."""
    if page_id is None:
        return None
    pages = in_locale(model, model.objects.filter(pk=page_id), locale_id)
    return (as_links(pages) if link_only else pages).first()


class ListingIndexMixin(RoutablePageMixin):
    """An index page whose main view is a filtered listing, with an RSS feed if it names one.

    Dotted paths, not imports: the listings and feeds import these models.
    """

    listing_template = ""
    listing_function = ""  # called with (index page, request), returns the template context
    feed_class = ""

    @path("")
    def listing(self, request):
        listing = import_string(self.listing_function)
        return TemplateResponse(
            request, self.listing_template, {**self.get_context(request), **listing(self, request)}
        )

    @path("feed/")
    def feed(self, request):
        if not self.feed_class:
            raise Http404
        return import_string(self.feed_class)(self)(request)
