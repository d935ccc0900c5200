from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail_localize.fields import SynchronizedField

from editorial.pickers import RecordPicker
from home.models import BASE_PAGE_TRANSLATABLE, BasePage, as_links
from nbnet import page_cache
from nbnet.page_cache import TREE, for_page, kind_tag, object_tag

from .taxonomy import City, Country, in_default_locale


class NetworkIndexPage(RoutablePageMixin, BasePage):
    """The directory: practitioners (filterable), organisations and twinning cities."""

    cache_lists = (
        "network.PractitionerPage", "network.TwinningPage", "network.Organisation", "network.City",
        "network.Country", "network.Theme", "network.TargetGroup", "network.SpokenLanguage",
        "wagtailimages.Image",
    )  # fmt: skip

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.PractitionerPage", "network.TwinningPage"]

    translatable_fields = BASE_PAGE_TRANSLATABLE

    class Meta:
        verbose_name = _("network directory")
        verbose_name_plural = _("network directories")

    @path("")
    def directory(self, request):
        from network.directory import practitioner_directory

        return TemplateResponse(
            request,
            "network/network_index_page.html",
            {**self.get_context(request), **practitioner_directory(self, request)},
        )

    @path("organisations/")
    def organisations(self, request):
        from network.directory import organisation_directory

        return TemplateResponse(
            request,
            "network/organisation_index.html",
            {**self.get_context(request), **organisation_directory(self, request)},
        )

    @path("organisations/<slug:slug>/")
    def organisation(self, request, slug):
        from network.directory import organisation_detail

        context = organisation_detail(self, request, slug)
        if context is None:
            raise Http404
        # Not the whole directory's tags: the organisation, the names of places, the tree (the
        # directory's title in the breadcrumbs). What it lists (its people, practices, projects,
        # events and help points) links to it, and any change of such a record, its link made or
        # undone, renews the organisation's tag (nbnet/invalidation.py): not the listings' tags,
        # which every practice added or renamed anywhere renews, and with them every
        # organisation's page in five languages. Not the directory page's own record either:
        # every practitioner published renews it (it is their parent).
        organisation = context["organisation"]
        context["events_here"] = organisation_events(organisation)
        page_cache.serving_only(
            request,
            TREE,
            object_tag("network.Organisation", organisation.translation_key),
            *(kind_tag(model) for model in (City, Country)),
        )
        return TemplateResponse(
            request, "network/organisation_detail.html", {**self.get_context(request), **context}
        )


def organisation_events(organisation) -> list:
    """The live events ``organisation`` organised, in its language, the latest first. An
    event's organiser is translated with it (``TranslatableField``): the translation names the
    translated organisation, which shares its slug."""
    from practices.models import EventPage

    events = (
        EventPage.objects.live()
        .public()
        .filter(locale_id=organisation.locale_id, organiser__slug=organisation.slug)
    )
    return list(as_links(events, "start").order_by("-start", "title"))


class TwinningPage(BasePage):
    """Two or more cities across a border that work together, e.g. Valka (LV) and Valga (EE)."""

    cities = ParentalManyToManyField(
        "network.City", limit_choices_to=in_default_locale, verbose_name=_("cities"), related_name="+"
    )
    since = models.PositiveSmallIntegerField(_("cooperating since (year)"), null=True, blank=True)
    organisations = ParentalManyToManyField(
        "network.Organisation",
        blank=True,
        limit_choices_to=in_default_locale,
        verbose_name=_("who cooperates"),
        related_name="+",
    )
    people = ParentalManyToManyField(
        "network.PractitionerPage", blank=True, verbose_name=_("people involved"), related_name="twinnings"
    )

    parent_page_types = ["network.NetworkIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *BasePage.content_panels[:2],
        FieldPanel("cities"),
        FieldPanel("since"),
        FieldPanel("organisations", widget=RecordPicker("organisations")),
        FieldPanel("people", widget=RecordPicker("people")),
        FieldPanel("body", heading=_("What they do together")),
    ]
    translatable_fields = [
        *BASE_PAGE_TRANSLATABLE,
        SynchronizedField("cities"),
        SynchronizedField("since"),
        SynchronizedField("organisations"),
        SynchronizedField("people"),
    ]

    class Meta:
        verbose_name = _("twinning cities page")
        verbose_name_plural = _("twinning cities pages")

    def get_context(self, request, *args, **kwargs):
        from practices.models import PracticePage

        from .people import PractitionerPage

        def related() -> dict:
            # People are chosen once, in the original; show each in this page's language.
            keys = [person.translation_key for person in self.people.all()]
            return {
                "directory": self.get_parent().specific,
                "cities": list(self.cities.all()),
                "organisations": list(self.organisations.all()),
                "people": list(
                    PractitionerPage.as_cards(
                        PractitionerPage.objects.live().filter(
                            translation_key__in=keys, locale_id=self.locale_id
                        )
                    ).order_by("title")
                ),
                "practices_here": list(
                    as_links(
                        PracticePage.objects.live()
                        .public()
                        .filter(locale_id=self.locale_id, twinnings__translation_key=self.translation_key)
                        .distinct(),
                        "intro",
                    ).order_by("title")
                ),
            }

        context = super().get_context(request, *args, **kwargs)
        context.update(for_page(request, f"twinning:{self.pk}", related))
        return context

    def clean(self):
        super().clean()
        # ParentalManyToMany values are available before saving through the cluster.
        cities = list(self.cities.all())
        if cities and len({city.country_id for city in cities}) < 2:
            raise ValidationError({"cities": _("Choose cities in at least two countries.")})
