"""Guides for newcomers: what a newcomer does first, for their legal status, in their town.

A ``GuidePage`` per country holds ordered ``GuideStep``s; a guide for a municipality
is a child page that holds only the steps that differ there (same topic: it replaces
the country's step). Each step names the ``LegalStatus``es it applies to and the
``HelpPoint``s that help with it. Relations point at the default-language taxonomy
items and help points, as everywhere on the site; pages show them in the reader's
language.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from editorial.permissions import EditorialSnippetForm
from home import api
from home.models import BASE_PAGE_TRANSLATABLE, BasePage
from network.models.taxonomy import in_default_locale

STEP_FEATURES = ["bold", "italic", "ol", "ul", "link"]

# A guide, help point or link not checked by an editor for this long is listed for review.
VERIFY_EVERY = datetime.timedelta(days=183)


def verification_due(verified: datetime.date | None, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return verified is None or today - verified > VERIFY_EVERY


class Topic(models.TextChoices):
    REGISTRATION = "registration", _("Registration and address")
    RESIDENCE = "residence", _("Residence permit")
    WORK = "work", _("Work")
    BENEFITS = "benefits", _("Social benefits")
    HEALTH = "health", _("Health care")
    HOUSING = "housing", _("Housing")
    SCHOOL = "school", _("School and kindergarten")
    LANGUAGE = "language", _("Language courses")
    QUALIFICATIONS = "qualifications", _("Recognition of qualifications")


class LegalStatus(TranslatableMixin, models.Model):
    """Asylum seeker, refugee, temporary protection…: what a step applies to."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in checklist URLs; same in all languages.")
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order in lists"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug", overridable=False),
        TranslatableField("description"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("legal status")
        verbose_name_plural = _("legal statuses")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_legal_status_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name


class HelpPoint(TranslatableMixin, ClusterableModel):
    """An office of an institution or NGO from the directory where newcomers get help."""

    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="help_points",
        verbose_name=_("organisation"),
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("Leave empty to use the organisation's name.")
    )
    city = models.ForeignKey(
        "network.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("city")
    )
    address = models.CharField(_("address"), max_length=300)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True, help_text=_("Leave empty to use the organisation's."))
    languages = ParentalManyToManyField(
        "network.SpokenLanguage", blank=True, related_name="+", verbose_name=_("languages spoken")
    )
    helps_with = models.TextField(_("what they help with"), blank=True)
    last_verified = models.DateField(
        _("last verified"), null=True, blank=True, help_text=_("When an editor last checked these details.")
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("address")]),
        FieldPanel("opening_hours"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("website")]),
        FieldPanel("languages"),
        FieldPanel("helps_with"),
        FieldPanel("last_verified"),
    ]
    translatable_fields = [
        TranslatableField("organisation"),
        TranslatableField("name"),
        TranslatableField("city"),
        SynchronizedField("address"),
        TranslatableField("opening_hours"),
        SynchronizedField("phone"),
        SynchronizedField("website"),
        SynchronizedField("languages"),
        TranslatableField("helps_with"),
        SynchronizedField("last_verified"),
    ]

    # Country editors save only their countries' help points (editorial.permissions).
    base_form_class = EditorialSnippetForm

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("help point")
        verbose_name_plural = _("help points")
        ordering = ["city__name", "name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.organisation.name

    @property
    def link(self) -> str:
        return self.website or self.organisation.website

    @property
    def verification_due(self) -> bool:
        return verification_due(self.last_verified)


class GuideIndexPage(RoutablePageMixin, BasePage):
    """/guides/: the list of guides and the "I am a … in …" chooser."""

    cache_lists = ("guides.GuidePage", "network.Country")

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["guides.GuidePage"]

    translatable_fields = BASE_PAGE_TRANSLATABLE

    class Meta:
        verbose_name = _("guide index")
        verbose_name_plural = _("guide indexes")

    @path("")
    def chooser(self, request):
        from .views import guide_index

        return guide_index(self, request)

    @path("help-points/")
    def help_points(self, request):
        from .views import help_point_list

        return help_point_list(self, request)


class GuidePage(RoutablePageMixin, BasePage):
    """The newcomer guide of a country, or of a municipality where things differ."""

    # The checklist lists the country's help points and cities beside the steps' own links.
    cache_lists = ("guides.HelpPoint", "guides.LegalStatus", "network.City", "network.Organisation")

    # Fetched with the page when it is served (home/routing.py): shown at the top of it.
    route_select_related = ("country", "city")

    country = models.ForeignKey(
        "network.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    city = models.ForeignKey(
        "network.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_(
            "Only for a municipality's guide: its steps replace the country guide's steps of the same topic."
        ),
    )
    easy_summary = models.TextField(
        _("easy-language summary"),
        help_text=_("A few short sentences in plain words, shown at the top of the guide."),
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    illustrative = models.BooleanField(
        _("illustrative content"),
        default=False,
        help_text=_("Show readers that this guide is an example, not legal advice."),
    )

    parent_page_types = ["guides.GuideIndexPage", "guides.GuidePage"]
    subpage_types = ["guides.GuidePage"]
    content_panels = [
        *BasePage.content_panels[:2],
        FieldPanel("easy_summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("last_verified"), FieldPanel("illustrative")]),
            ],
            heading=_("Where and how current"),
        ),
        InlinePanel("steps", heading=_("Steps, in order"), label=_("Step"), min_num=1),
        InlinePanel("hotlines", heading=_("Emergency and hotline numbers"), label=_("Number")),
        FieldPanel("body", heading=_("More information")),
    ]
    translatable_fields = [
        *BASE_PAGE_TRANSLATABLE,
        TranslatableField("country"),
        TranslatableField("city"),
        TranslatableField("easy_summary"),
        SynchronizedField("last_verified"),
        SynchronizedField("illustrative"),
        TranslatableField("steps"),
        TranslatableField("hotlines"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("easy_summary")]
    api_fields = [
        *BasePage.api_fields,
        APIField("country", serializer=api.CountrySerializer(read_only=True)),
        APIField("city", serializer=api.CitySerializer(read_only=True)),
        APIField("easy_summary"),
        APIField("last_verified"),
        APIField("illustrative"),
        APIField("steps", serializer=api.GuideStepSerializer(many=True, read_only=True)),
        APIField("hotlines", serializer=api.HotlineSerializer(many=True, read_only=True)),
    ]

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    @property
    def verification_due(self) -> bool:
        return verification_due(self.last_verified)

    def clean(self):
        """A country guide sits under the guide index; a municipality's guide under its
        country's guide, in the same country."""
        from django.core.exceptions import ValidationError

        super().clean()
        parent = self.get_parent().specific if self.pk or self.depth else None
        if parent is None:
            return
        if isinstance(parent, GuidePage):
            if parent.city_id:
                raise ValidationError(_("A guide can only be placed under a country's guide, not a town's."))
            if not self.city_id:
                raise ValidationError(
                    {"city": _("A guide under a country's guide is for a municipality: choose it.")}
                )
            if self.country_id != parent.country_id or (
                self.city and self.city.country_id != parent.country_id
            ):
                raise ValidationError(
                    {"city": _("The municipality must be in the country of the guide above.")}
                )
        elif self.city_id:
            raise ValidationError({"city": _("A municipality's guide goes under its country's guide.")})

    @property
    def official_language(self) -> str:
        """The language shown next to the reader's in the printout."""
        return settings.OFFICIAL_LANGUAGES.get(self.country.code, settings.LANGUAGE_CODE)

    @path("")
    def checklist(self, request):
        from .views import guide_checklist

        return guide_checklist(self, request)

    @path("print/")
    def printout(self, request):
        from .views import guide_printout

        return guide_printout(self, request)


class GuideStep(TranslatableMixin, Orderable, ClusterableModel):
    guide = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="steps")
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    title = models.CharField(_("what to do"), max_length=200)
    what = RichTextField(_("how"), features=STEP_FEATURES)
    where = models.CharField(_("where"), max_length=300, blank=True)
    documents = models.TextField(_("documents to bring"), blank=True, help_text=_("One per line."))
    duration = models.CharField(_("how long it takes"), max_length=200, blank=True)
    cost = models.CharField(_("what it costs"), max_length=200, blank=True)
    rights = models.TextField(_("rights and duties"), blank=True)
    statuses = ParentalManyToManyField(
        LegalStatus,
        blank=True,
        limit_choices_to=in_default_locale,
        related_name="+",
        verbose_name=_("applies to"),
        help_text=_("Leave empty if the step applies to everyone."),
    )
    help_points = ParentalManyToManyField(
        HelpPoint,
        blank=True,
        limit_choices_to=in_default_locale,
        related_name="+",
        verbose_name=_("who helps"),
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("topic")]),
        FieldPanel("what"),
        FieldPanel("where"),
        FieldPanel("documents"),
        FieldRowPanel([FieldPanel("duration"), FieldPanel("cost")]),
        FieldPanel("rights"),
        FieldPanel("statuses"),
        FieldPanel("help_points"),
    ]
    translatable_fields = [
        SynchronizedField("topic"),
        TranslatableField("title"),
        TranslatableField("what"),
        TranslatableField("where"),
        TranslatableField("documents"),
        TranslatableField("duration"),
        TranslatableField("cost"),
        TranslatableField("rights"),
        SynchronizedField("statuses"),
        SynchronizedField("help_points"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.title

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]


class Hotline(TranslatableMixin, Orderable):
    guide = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="hotlines")
    label = models.CharField(_("what it is for"), max_length=200)
    number = models.CharField(_("number"), max_length=40)
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("number")]), FieldPanel("note")]
    translatable_fields = [TranslatableField("label"), SynchronizedField("number"), TranslatableField("note")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("hotline")
        verbose_name_plural = _("hotlines")


class LinkCheck(models.Model):
    """The last result of ``manage.py check_links`` for one external address."""

    url = models.URLField(_("address"), max_length=500, unique=True)
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    ok = models.BooleanField(_("working"), default=False)
    checked_at = models.DateTimeField(_("checked"))
    found_on = models.TextField(
        _("found on"), blank=True, help_text=_("Where the address is used, one per line.")
    )

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        ordering = ["ok", "url"]

    def __str__(self) -> str:
        return self.url
