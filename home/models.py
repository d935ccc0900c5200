from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from editorial.permissions import CountryScopedPermissionTester, EditorialPageForm

from .blocks import BodyBlock, PageBodyBlock


class BasePage(Page):
    """Fields every public page shares: a lead paragraph and a body of blocks.

    Title, slug, intro and the text inside ``body`` are translated with
    wagtail-localize (they are text); nothing else is on this class.
    """

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences shown under the title.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("locale_id"),
    ]
    # The open API (exchange/api.py): public fields only, page types add theirs.
    api_fields = [APIField("intro"), APIField("body")]

    # Country editors edit only their countries' pages (see editorial.permissions).
    base_form_class = EditorialPageForm

    # Wagtail's search index (the admin's page search) is updated by ``home.search_index``
    # instead of its own signal handlers, which re-index the live page on every draft save:
    # once a second per editor typing (Wagtail 8's autosave), for a live page that did not change.
    search_auto_update = False

    # The models whose records this page type lists or counts, by label: a change of one of them
    # that changes what listings read of it renews it (``list_tag``; a change of a record it
    # links to renews it anyway, nbnet/invalidation.py). What it shows of each listed record
    # must be inside a card fragment of that record (``{% fragment … of=item %}``).
    cache_lists: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def cache_tags(self) -> tuple[str, ...]:
        """What a stored copy of this page depends on (``nbnet.page_cache``): its own record in
        every language, the tree (its URL, menu and breadcrumbs) and what it lists."""
        from nbnet.page_cache import TREE, list_tag, page_tag

        return (page_tag(self), TREE, *(list_tag(label) for label in self.cache_lists))

    def permissions_for_user(self, user):
        return CountryScopedPermissionTester(user, self)


# What a link to a page needs: its title and its URL (Wagtail builds the URL from
# ``url_path`` alone), and its translation key, which names it in the page cache (a card
# of it is renewed with it, ``{% fragment … of=page %}``). Lists of linked pages load only
# these columns: a page row is some 30 columns over two tables, and building the query and
# the objects for them cost a millisecond per list here, the largest part of an uncached page.
LINK_FIELDS = ("title", "url_path", "translation_key")


def as_links(queryset: models.QuerySet, *extra: str) -> models.QuerySet:
    """``queryset`` loading only what a link needs (plus ``extra`` fields the template shows).

    A field left out is loaded by Django on first use, one query per page: the query-count
    tests (tests/test_query_counts.py) catch a template that starts showing one.
    """
    return queryset.only(*LINK_FIELDS, *extra)


# What wagtail-localize translates and synchronises on every BasePage; page types add theirs.
BASE_PAGE_TRANSLATABLE = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus"),
    TranslatableField("intro"),
    TranslatableField("body"),
]


class HomePage(BasePage):
    """The root of each language's tree: explains the network and leads to its sections."""

    body = StreamField(PageBodyBlock(), blank=True, verbose_name=_("body"))

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    translatable_fields = BASE_PAGE_TRANSLATABLE

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_sections(self):
        """The sections the home page leads to: its children that are in the menu."""
        return self.get_children().live().public().in_menu().specific()


class StandardPage(BasePage):
    """A general page: about the network, privacy notice, how to join."""

    body = StreamField(PageBodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    translatable_fields = BASE_PAGE_TRANSLATABLE

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class PrivacyPage(BasePage):
    """The privacy notice: what the site keeps, why, for how long, and the reader's rights.

    A type of its own, one per language tree, so that the sign-up consent and the footer find
    it whatever an editor calls it (``site_tags.trust_pages``).
    """

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "home/standard_page.html"

    translatable_fields = BASE_PAGE_TRANSLATABLE

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")


class ContactPage(BasePage):
    """Who runs the site and how to reach the editors of a country.

    Its form e-mails the country team the reader chooses (``home.contact``): "ask the editor in
    your country" leads here, and nobody's address is shown.
    """

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    translatable_fields = BASE_PAGE_TRANSLATABLE

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def get_context(self, request, *args, **kwargs):
        from .contact import EditorContactForm

        context = super().get_context(request, *args, **kwargs)
        context["contact_form"] = kwargs.get("contact_form") or EditorContactForm(request=request)
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from .contact import handle_post

            return handle_post(self, request)
        return super().serve(request, *args, **kwargs)
