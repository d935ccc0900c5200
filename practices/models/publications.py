from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

from home.models import BASE_PAGE_TRANSLATABLE, BasePage

from .base import ListingIndexMixin


class PublicationKind(models.TextChoices):
    REPORT = "report", _("Report")
    STUDY = "study", _("Study")
    PRESENTATION = "presentation", _("Presentation")
    GUIDE = "guide", _("Guide")
    MINUTES = "minutes", _("Minutes")
    OTHER = "other", _("Other")


def publication_languages():
    return [*settings.LANGUAGES, ("other", _("Other language"))]


class Publication(AbstractDocument):
    """A Wagtail document with what a library needs: kind, language, year and authors."""

    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices, default="report")
    language = models.CharField(_("language"), max_length=10, choices=publication_languages, default="en")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)

    admin_form_fields = (*Document.admin_form_fields, "kind", "language", "year", "authors", "summary")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        # As Wagtail's own Document: lets a group choose documents in a collection.
        permissions = [("choose_document", "Can choose document")]


class LibraryPage(ListingIndexMixin, BasePage):
    """Browse the publications by kind, language and year."""

    cache_lists = ("practices.Publication", "network.Theme", "network.Country")

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    listing_template = "practices/library_page.html"
    listing_function = "practices.listings.library_listing"

    translatable_fields = BASE_PAGE_TRANSLATABLE

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")
