"""Translatable taxonomies: countries, cities, themes and target groups.

Each item has a stable ``slug`` (or ISO ``code``) shared by all its translations;
filters and URLs use it, so a filtered directory URL means the same thing in every
language. Pages link to the items of the default language; templates show the
name in the reader's language (see ``network.localize``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


def in_default_locale() -> Q:
    """``limit_choices_to`` for relations that point at the canonical taxonomy items.

    Matches ``Locale.get_default()`` without a query, so it is safe at import time.
    """
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class Region(models.TextChoices):
    BALTIC = "baltic", _("Baltic states")
    NORDIC = "nordic", _("Nordic countries")


class Country(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("ISO code"), max_length=2, help_text=_("Two letters, e.g. LV, LT, EE, SE."))
    region = models.CharField(_("region"), max_length=10, choices=Region.choices)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("region")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("code", overridable=False),
        SynchronizedField("region", overridable=False),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_country_code_per_locale")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.code = self.code.upper()
        super().save(*args, **kwargs)


class City(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in filter URLs; same in all languages.")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="cities", verbose_name=_("country")
    )
    # The name as it reads after "in" (locative): "Rīgā", "Rygoje", "Riias", "в Риге".
    name_in = models.CharField(
        _("name after “in”"),
        max_length=120,
        blank=True,
        help_text=_("How the language writes “in <city>”, e.g. Rīgā, Rygoje, Riias, в Риге."),
    )

    # Where it is on the maps (home.maps): decimal degrees, WGS 84, as any map site shows them.
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees north, e.g. 56.94965 for Riga. Empty: not shown on maps."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees east, e.g. 24.10519 for Riga."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("name_in"),
        FieldPanel("slug"),
        FieldPanel("country"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Place on the map")),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("name_in"),
        SynchronizedField("slug", overridable=False),
        TranslatableField("country"),
        # One place in every language: translators do not move cities.
        SynchronizedField("latitude", overridable=False),
        SynchronizedField("longitude", overridable=False),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("city or municipality")
        verbose_name_plural = _("cities and municipalities")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_city_slug_per_locale")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: _("Give both the latitude and the longitude, or neither.")})


class _Term(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in filter URLs; same in all languages.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    # Slugs tie the translations together in URLs and filters: translators cannot change them.
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug", overridable=False)]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Theme(_Term):
    """An area of expertise: local integration planning, education, housing, Roma inclusion…"""

    class Meta(_Term.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_per_locale")
        ]


class TargetGroup(_Term):
    """Who the work is for: refugees, asylum seekers, labour migrants, Roma, youth…"""

    class Meta(_Term.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_target_group_slug_per_locale")
        ]


class SpokenLanguage(models.Model):
    """A language a practitioner speaks. Named through Django's own language names."""

    code = models.CharField(_("language code"), max_length=10, unique=True)
    name = models.CharField(_("English name"), max_length=60, help_text=_("Used where Django has no name."))

    class Meta:
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        try:
            return str(translation.get_language_info(self.code)["name_translated"])
        except KeyError:
            return self.name
