from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from editorial.permissions import CountryScopedPermissionTester, EditorialPageForm

from .blocks import BodyBlock


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

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return CountryScopedPermissionTester(user, self)


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

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    translatable_fields = BASE_PAGE_TRANSLATABLE

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
