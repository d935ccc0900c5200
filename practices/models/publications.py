import contextlib

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


# The site's languages a summary can be given in besides the publication's own (one field each,
# so that an editor fills them in the document form like any other field).
SUMMARY_LANGUAGES = ("en", "lv", "lt", "et", "ru")


class Publication(AbstractDocument):
    """A Wagtail document with what a library needs: kind, language, year and authors."""

    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices, default="report")
    language = models.CharField(_("language"), max_length=10, choices=publication_languages, default="en")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, max_length=2000, help_text=_("In the publication's own language.")
    )
    # What readers of the other languages see instead of the summary in the publication's
    # language (which they see, marked with its language, when their own is empty).
    summary_en = models.TextField(_("summary in English"), blank=True, max_length=2000)
    summary_lv = models.TextField(_("summary in Latvian"), blank=True, max_length=2000)
    summary_lt = models.TextField(_("summary in Lithuanian"), blank=True, max_length=2000)
    summary_et = models.TextField(_("summary in Estonian"), blank=True, max_length=2000)
    summary_ru = models.TextField(_("summary in Russian"), blank=True, max_length=2000)

    admin_form_fields = (
        *Document.admin_form_fields,
        "kind",
        "language",
        "year",
        "authors",
        "summary",
        *(f"summary_{code}" for code in SUMMARY_LANGUAGES),
    )

    class Meta(AbstractDocument.Meta):
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        # As Wagtail's own Document: lets a group choose documents in a collection.
        permissions = [("choose_document", "Can choose document")]

    def save(self, *args, **kwargs):
        # The library shows each file's size ("PDF, 240 kB"): Wagtail's admin form records it on
        # upload, and so does every other way a document is made (the seed's factory, imports).
        if self.file and self.file_size is None and not kwargs.get("update_fields"):
            with contextlib.suppress(OSError):  # a file missing from storage: the size stays unknown
                self.file_size = self.file.size
        super().save(*args, **kwargs)

    def summary_in(self, language: str) -> tuple[str, str]:
        """The summary to show a reader of ``language`` and the language it is written in:
        theirs when an editor gave one, otherwise the publication's own."""
        if language != self.language and language in SUMMARY_LANGUAGES:
            text = getattr(self, f"summary_{language}", "")
            if text:
                return text, language
        return self.summary, self.language


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
