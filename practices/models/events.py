from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from editorial.pickers import RecordPicker
from home.blocks import RICH_TEXT_FEATURES
from home.models import BASE_PAGE_TRANSLATABLE, BasePage
from nbnet.page_cache import for_page
from network.models import OrganisationType
from network.models.taxonomy import in_default_locale

from .base import ListingIndexMixin, in_locale, linked_in_locale


class EventKind(models.TextChoices):
    COALITION_MEETING = "coalition_meeting", _("Coalition meeting")
    CONFERENCE = "conference", _("Conference")
    STUDY_VISIT = "study_visit", _("Study visit")
    TRAINING = "training", _("Training")
    SEMINAR = "seminar", _("Seminar")


class EventIndexPage(ListingIndexMixin, BasePage):
    cache_lists = (
        "practices.EventPage", "network.Country", "network.City", "network.Theme", "network.Organisation",
    )  # fmt: skip
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.EventPage"]
    listing_template = "practices/event_index_page.html"
    listing_function = "practices.listings.event_listing"
    feed_class = "practices.feeds.EventFeed"

    translatable_fields = BASE_PAGE_TRANSLATABLE

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    @path("calendar/")  # Wagtail routes only slash-terminated paths; served as text/calendar
    def calendar(self, request):
        from practices.feeds import icalendar_response

        return icalendar_response(self, request)


class EventPage(BasePage):
    # Fetched with the page when it is served (home/routing.py): shown at the top of it.
    route_select_related = ("city", "country")
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices, default="coalition_meeting")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    online = models.BooleanField(_("online"), default=False)
    location = models.CharField(_("place"), max_length=200, blank=True, help_text=_("Venue and address."))
    city = models.ForeignKey(
        "network.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    country = models.ForeignKey(
        "network.Country",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    organiser = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organiser"),
    )
    project = models.ForeignKey(
        "practices.ProjectPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    themes = ParentalManyToManyField(
        "network.Theme", blank=True, limit_choices_to=in_default_locale, verbose_name=_("themes")
    )
    people = ParentalManyToManyField(
        "network.PractitionerPage",
        blank=True,
        related_name="events",
        verbose_name=_("practitioners taking part"),
    )
    agenda = RichTextField(_("agenda"), blank=True, features=RICH_TEXT_FEATURES)
    agreements = RichTextField(_("agreements and decisions"), blank=True, features=RICH_TEXT_FEATURES)
    follow_ups = RichTextField(_("follow-ups"), blank=True, features=RICH_TEXT_FEATURES)
    minutes = models.ForeignKey(
        "practices.Publication",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minutes"),
    )

    parent_page_types = ["practices.EventIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *BasePage.content_panels[:2],
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("online"),
                FieldPanel("location"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("organiser"),
                FieldPanel("project"),
            ],
            heading=_("When and where"),
        ),
        InlinePanel("participation", heading=_("Who took part"), label=_("Participants")),
        FieldPanel("people", widget=RecordPicker("people")),
        FieldPanel("themes"),
        FieldPanel("agenda"),
        FieldPanel("agreements"),
        FieldPanel("follow_ups"),
        FieldPanel("minutes"),
        FieldPanel("body"),
    ]
    translatable_fields = [
        *BASE_PAGE_TRANSLATABLE,
        SynchronizedField("kind"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("online"),
        TranslatableField("location"),
        TranslatableField("city"),
        TranslatableField("country"),
        TranslatableField("organiser"),
        SynchronizedField("project"),
        SynchronizedField("participation"),
        SynchronizedField("people"),
        SynchronizedField("themes"),
        TranslatableField("agenda"),
        TranslatableField("agreements"),
        TranslatableField("follow_ups"),
        SynchronizedField("minutes"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("agenda"),
        index.SearchField("agreements"),
        index.SearchField("follow_ups"),
    ]

    class Meta:
        verbose_name = _("meeting or event")
        verbose_name_plural = _("meetings and events")

    @property
    def is_upcoming(self) -> bool:
        return (self.end or self.start) >= timezone.now()

    def get_context(self, request, *args, **kwargs):
        from network.models import PractitionerPage

        from .projects import ProjectPage

        def related() -> dict:
            rows = list(self.participation.all())
            return {
                "rows": rows,
                "participants_total": sum(row.count for row in rows),
                "people_here": list(
                    PractitionerPage.as_cards(in_locale(PractitionerPage, self.people.all(), self.locale_id))
                ),
                "project_here": linked_in_locale(
                    ProjectPage, self.project_id, self.locale_id, link_only=True
                ),
            }

        context = super().get_context(request, *args, **kwargs)
        context.update(for_page(request, f"event:{self.pk}", related))
        return context


class EventParticipation(Orderable):
    """How many people of one kind of stakeholder took part."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="participation")
    stakeholder = models.CharField(_("kind of stakeholder"), max_length=20, choices=OrganisationType.choices)
    count = models.PositiveIntegerField(_("number of people"))

    panels = [FieldRowPanel([FieldPanel("stakeholder"), FieldPanel("count")])]

    class Meta(Orderable.Meta):
        verbose_name = _("participation")
        verbose_name_plural = _("participation")
