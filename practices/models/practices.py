from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from editorial.pickers import RecordPicker
from home import api
from home.blocks import RICH_TEXT_FEATURES
from home.models import BASE_PAGE_TRANSLATABLE, BasePage, as_links
from nbnet.page_cache import for_page
from network.models.taxonomy import in_default_locale

from .base import CURRENCIES, ListingIndexMixin, in_locale, linked_in_locale


class PracticeStatus(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    LOOKING_FOR_PARTNERS = "looking_for_partners", _("Looking for partners")


class PracticeIndexPage(ListingIndexMixin, BasePage):
    cache_lists = (
        "practices.PracticePage", "network.Country", "network.City", "network.Theme", "network.TargetGroup",
    )  # fmt: skip
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticePage"]
    listing_template = "practices/practice_index_page.html"
    listing_function = "practices.listings.practice_listing"
    feed_class = "practices.feeds.PracticeFeed"

    translatable_fields = BASE_PAGE_TRANSLATABLE

    class Meta:
        verbose_name = _("good practice index")
        verbose_name_plural = _("good practice indexes")

    @path("propose/", name="propose")
    def propose(self, request):
        from practices.drafting import propose_practice

        return propose_practice(self, request)


class PracticePage(BasePage):
    # What the practice index and the organisations' pages read of a practice to list, filter,
    # count and order it (practices/listings.py, network/directory.py): a publish that changes
    # none of these renews its card, not every listing page (nbnet/invalidation.py).
    listing_fields = ("country", "city", "themes", "target_groups", "status", "start_date", "organisations")
    listing_order = ("-start_date", "title")
    # Fetched with the page when it is served (home/routing.py): shown at the top of it.
    route_select_related = ("city", "country")
    country = models.ForeignKey(
        "network.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    city = models.ForeignKey(
        "network.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city or municipality"),
    )
    start_date = models.DateField(_("started"))
    end_date = models.DateField(_("ended"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=30, choices=PracticeStatus.choices, default="ongoing")
    themes = ParentalManyToManyField(
        "network.Theme", blank=True, limit_choices_to=in_default_locale, verbose_name=_("themes")
    )
    target_groups = ParentalManyToManyField(
        "network.TargetGroup", blank=True, limit_choices_to=in_default_locale, verbose_name=_("target groups")
    )
    goals = RichTextField(_("goals"), blank=True, features=RICH_TEXT_FEATURES)
    activities = RichTextField(_("what was done"), blank=True, features=RICH_TEXT_FEATURES)
    results = RichTextField(
        _("results"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("With figures: people, families, cities."),
    )
    evaluation = RichTextField(_("evaluation"), blank=True, features=RICH_TEXT_FEATURES)
    cost = models.DecimalField(_("cost"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="EUR")
    funding = models.CharField(
        _("funding"), max_length=300, blank=True, help_text=_("Who paid, and how much.")
    )
    lessons = RichTextField(_("lessons learned"), blank=True, features=RICH_TEXT_FEATURES)
    transfer = RichTextField(
        _("what it takes to transfer it"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("People, money, time."),
    )
    project = models.ForeignKey(
        "practices.ProjectPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    organisations = ParentalManyToManyField(
        "network.Organisation",
        blank=True,
        limit_choices_to=in_default_locale,
        verbose_name=_("partner organisations"),
    )
    contacts = ParentalManyToManyField(
        "network.PractitionerPage",
        blank=True,
        related_name="practices",
        verbose_name=_("contact practitioners"),
    )
    twinnings = ParentalManyToManyField(
        "network.TwinningPage", blank=True, related_name="practices", verbose_name=_("twinning cities")
    )

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *BasePage.content_panels[:2],
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("status")]),
            ],
            heading=_("Where and when"),
        ),
        FieldPanel("themes"),
        FieldPanel("target_groups"),
        FieldPanel("goals"),
        FieldPanel("activities"),
        FieldPanel("results"),
        FieldPanel("evaluation"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("cost"), FieldPanel("currency")]), FieldPanel("funding")],
            heading=_("Cost and funding"),
        ),
        FieldPanel("lessons"),
        FieldPanel("transfer"),
        InlinePanel("adoptions", heading=_("Adopted by"), label=_("City that took it over")),
        MultiFieldPanel(
            [
                FieldPanel("project"),
                FieldPanel("organisations", widget=RecordPicker("organisations")),
                FieldPanel("contacts", widget=RecordPicker("people")),
                FieldPanel("twinnings", widget=RecordPicker("twinnings")),
            ],
            heading=_("Links"),
        ),
        FieldPanel("body", heading=_("Documents, images and more")),
    ]
    translatable_fields = [
        *BASE_PAGE_TRANSLATABLE,
        TranslatableField("country"),
        TranslatableField("city"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("status"),
        SynchronizedField("themes"),
        SynchronizedField("target_groups"),
        TranslatableField("goals"),
        TranslatableField("activities"),
        TranslatableField("results"),
        TranslatableField("evaluation"),
        SynchronizedField("cost"),
        SynchronizedField("currency"),
        TranslatableField("funding"),
        TranslatableField("lessons"),
        TranslatableField("transfer"),
        TranslatableField("adoptions"),
        SynchronizedField("project"),
        SynchronizedField("organisations"),
        SynchronizedField("contacts"),
        SynchronizedField("twinnings"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("country", serializer=api.CountrySerializer(read_only=True)),
        APIField("city", serializer=api.CitySerializer(read_only=True)),
        APIField("start_date"),
        APIField("end_date"),
        APIField("status"),
        APIField("themes", serializer=api.slugs()),
        APIField("target_groups", serializer=api.slugs()),
        *(APIField(name) for name in ("goals", "activities", "results", "evaluation", "lessons", "transfer")),
        APIField("cost"),
        APIField("currency"),
        APIField("funding"),
        APIField("organisations", serializer=api.OrganisationSerializer(many=True, read_only=True)),
        # Only live, public pages in this page's language, as the page itself shows them: a
        # draft or withdrawn profile's name must not leave through the API.
        APIField(
            "contacts", serializer=api.PageRefSerializer(many=True, read_only=True, source="public_contacts")
        ),
        APIField("project", serializer=api.PageRefSerializer(read_only=True, source="public_project")),
    ]

    @property
    def public_contacts(self):
        from network.models import PractitionerPage

        return in_locale(PractitionerPage, self.contacts.all(), self.locale_id)

    @property
    def public_project(self):
        from .projects import ProjectPage

        return linked_in_locale(ProjectPage, self.project_id, self.locale_id)

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("goals"),
        index.SearchField("activities"),
        index.SearchField("results"),
        index.SearchField("lessons"),
    ]

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        # The index lists the newest first: walked in order, not sorted (20k practices).
        indexes = [models.Index(fields=["start_date"], name="practice_start_date")]

    def get_context(self, request, *args, **kwargs):
        from network.models import PractitionerPage, TwinningPage

        from .projects import ProjectPage

        def related() -> dict:
            return {
                "themes": list(self.themes.all()),
                "target_groups": list(self.target_groups.all()),
                "organisations": list(self.organisations.all()),
                "contacts_here": list(
                    PractitionerPage.as_cards(
                        in_locale(PractitionerPage, self.contacts.all(), self.locale_id)
                    )
                ),
                "adoptions": list(self.adoptions.select_related("city")),
                "twinnings_here": list(
                    as_links(in_locale(TwinningPage, self.twinnings.all(), self.locale_id))
                ),
                "project_here": linked_in_locale(
                    ProjectPage, self.project_id, self.locale_id, link_only=True
                ),
            }

        context = super().get_context(request, *args, **kwargs)
        context.update(for_page(request, f"practice:{self.pk}", related))
        return context


class PracticeAdoption(TranslatableMixin, Orderable):
    """Another city took the practice over; what it changed."""

    practice = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="adoptions")
    city = models.ForeignKey(
        "network.City", on_delete=models.CASCADE, related_name="+", verbose_name=_("city")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    changes = models.TextField(_("what they changed"), blank=True)

    panels = [FieldPanel("city"), FieldPanel("year"), FieldPanel("changes")]
    translatable_fields = [
        SynchronizedField("city"),
        SynchronizedField("year"),
        TranslatableField("changes"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
