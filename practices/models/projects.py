from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from editorial.pickers import RecordPicker
from home.blocks import RICH_TEXT_FEATURES
from home.models import BASE_PAGE_TRANSLATABLE, BasePage, as_links
from nbnet.page_cache import for_page
from network.models.taxonomy import in_default_locale

from .base import CURRENCIES, ListingIndexMixin, in_locale


class ProjectIndexPage(ListingIndexMixin, BasePage):
    cache_lists = ("practices.ProjectPage", "network.Organisation", "network.Country", "network.Theme")
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.ProjectPage"]
    listing_template = "practices/project_index_page.html"
    listing_function = "practices.listings.project_listing"
    feed_class = "practices.feeds.ProjectFeed"

    translatable_fields = BASE_PAGE_TRANSLATABLE

    class Meta:
        verbose_name = _("project index")
        verbose_name_plural = _("project indexes")


class ProjectPage(BasePage):
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    total_cost = models.DecimalField(_("total cost"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=CURRENCIES,
        default="EUR",
        help_text=_("Old Latvian amounts are in LVL."),
    )
    cost_note = models.CharField(
        _("about the cost"), max_length=200, blank=True, help_text=_("e.g. for one partner")
    )
    lead_partner = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead partner"),
    )
    partners = ParentalManyToManyField(
        "network.Organisation", blank=True, limit_choices_to=in_default_locale, verbose_name=_("partners")
    )
    contact_persons = ParentalManyToManyField(
        "network.PractitionerPage",
        blank=True,
        related_name="projects_as_contact",
        verbose_name=_("contact persons"),
    )
    authors = ParentalManyToManyField(
        "network.PractitionerPage", blank=True, related_name="projects_as_author", verbose_name=_("authors")
    )
    countries = ParentalManyToManyField(
        "network.Country", blank=True, limit_choices_to=in_default_locale, verbose_name=_("countries")
    )
    themes = ParentalManyToManyField(
        "network.Theme", blank=True, limit_choices_to=in_default_locale, verbose_name=_("themes")
    )
    aims = RichTextField(_("aims"), blank=True, features=RICH_TEXT_FEATURES)
    activities = RichTextField(_("activities"), blank=True, features=RICH_TEXT_FEATURES)
    results = RichTextField(_("results"), blank=True, features=RICH_TEXT_FEATURES)
    publications = ParentalManyToManyField(
        "practices.Publication", blank=True, related_name="projects", verbose_name=_("publications")
    )

    parent_page_types = ["practices.ProjectIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *BasePage.content_panels[:2],
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("total_cost"), FieldPanel("currency"), FieldPanel("cost_note")]),
                InlinePanel("fundings", heading=_("Funders and shares"), label=_("Funder")),
            ],
            heading=_("Period and funding"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_partner"),
                FieldPanel("partners", widget=RecordPicker("organisations")),
                FieldPanel("contact_persons", widget=RecordPicker("people")),
                FieldPanel("authors", widget=RecordPicker("people")),
            ],
            heading=_("People and partners"),
        ),
        FieldPanel("countries"),
        FieldPanel("themes"),
        FieldPanel("aims"),
        FieldPanel("activities"),
        FieldPanel("results"),
        FieldPanel("publications"),
        FieldPanel("body"),
    ]
    translatable_fields = [
        *BASE_PAGE_TRANSLATABLE,
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("total_cost"),
        SynchronizedField("currency"),
        TranslatableField("cost_note"),
        TranslatableField("fundings"),
        TranslatableField("lead_partner"),
        SynchronizedField("partners"),
        SynchronizedField("contact_persons"),
        SynchronizedField("authors"),
        SynchronizedField("countries"),
        SynchronizedField("themes"),
        TranslatableField("aims"),
        TranslatableField("activities"),
        TranslatableField("results"),
        SynchronizedField("publications"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("aims"),
        index.SearchField("activities"),
        index.SearchField("results"),
    ]

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def get_context(self, request, *args, **kwargs):
        from network.models import PractitionerPage

        from .events import EventPage
        from .practices import PracticePage

        def related() -> dict:
            contacts, authors = list(self.contact_persons.all()), list(self.authors.all())
            people = in_locale(PractitionerPage, [*contacts, *authors], self.locale_id)
            by_key = {
                person.translation_key: person
                for person in PractitionerPage.as_cards(people, "translation_key")
            }
            return {
                "fundings": list(self.fundings.all()),
                "themes": list(self.themes.all()),
                "countries": list(self.countries.all()),
                "partners": list(self.partners.all()),
                "publications": list(self.publications.all()),
                "contacts": [by_key[p.translation_key] for p in contacts if p.translation_key in by_key],
                "authors_here": [by_key[p.translation_key] for p in authors if p.translation_key in by_key],
                # Linked from the other side, to any translation of this project
                "practices": list(
                    as_links(
                        PracticePage.objects.live()
                        .public()
                        .filter(locale_id=self.locale_id, project__translation_key=self.translation_key),
                        "intro",
                    ).order_by("title")
                ),
                "meetings": list(
                    as_links(
                        EventPage.objects.live()
                        .public()
                        .filter(locale_id=self.locale_id, project__translation_key=self.translation_key),
                        *("intro", "start"),
                    ).order_by("-start")
                ),
            }

        context = super().get_context(request, *args, **kwargs)
        context.update(for_page(request, f"project:{self.pk}", related))
        return context


class ProjectFunding(TranslatableMixin, Orderable):
    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="fundings")
    funder = models.CharField(_("funder"), max_length=200)
    share = models.DecimalField(_("share, %"), max_digits=5, decimal_places=2, null=True, blank=True)

    panels = [FieldPanel("funder"), FieldPanel("share")]
    translatable_fields = [TranslatableField("funder"), SynchronizedField("share")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")
