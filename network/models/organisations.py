from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from editorial.permissions import EditorialSnippetForm

from .taxonomy import City, Country


class OrganisationType(models.TextChoices):
    MINISTRY = "ministry", _("Ministry or state agency")
    MUNICIPALITY = "municipality", _("Municipality")
    NGO = "ngo", _("NGO")
    MIGRANT_LED = "migrant_led", _("Refugee- or immigrant-led organisation")
    ROMA = "roma", _("Roma organisation")
    INTERNATIONAL = "international", _("International organisation")
    RESEARCH = "research", _("University or think tank")
    RED_CROSS = "red_cross", _("Red Cross society")
    ASSOCIATION = "association", _("Association of local governments")


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("Used in the organisation's URL."))
    org_type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    city = models.ForeignKey(
        City, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("city")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("org_type"),
        FieldPanel("country"),
        FieldPanel("city"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("logo"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("org_type"),
        TranslatableField("country"),
        TranslatableField("city"),
        SynchronizedField("website"),
        TranslatableField("description"),
        SynchronizedField("logo"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale_id"),
        index.FilterField("org_type"),
    ]

    # Country editors save only their countries' organisations (editorial.permissions).
    base_form_class = EditorialSnippetForm

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_organisation_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name
