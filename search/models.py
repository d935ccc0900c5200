"""One search index over everything the site publishes.

Each public item — a practitioner, an organisation, a practice, a project, an event, a
publication, a twin-city page — has one ``SearchEntry`` per language it exists in. The
entries carry language-aware terms (see ``search.text``) and what results and facets
need, so one query through Wagtail's search backend (database or Elasticsearch/
OpenSearch) ranks all kinds of content together.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class Kind(models.TextChoices):
    PRACTITIONER = "practitioner", _("Practitioner")
    ORGANISATION = "organisation", _("Organisation")
    PRACTICE = "practice", _("Good practice")
    PROJECT = "project", _("Project")
    EVENT = "event", _("Meeting or event")
    PUBLICATION = "publication", _("Publication")
    TWINNING = "twinning", _("Twin cities")
    GUIDE = "guide", _("Guide")
    HELP_POINT = "help_point", _("Help point")
    PAGE = "page", _("Page")


# Elasticsearch/OpenSearch built-in analyzers for each site language's raw text field. Neither
# ships one for Ukrainian (it is a plugin, analysis-ukrainian): "standard" only splits and
# lowercases; the stemmed terms (``search.text``) are what match in every language anyway.
ES_ANALYZERS = {
    "en": "english",
    "lv": "latvian",
    "lt": "lithuanian",
    "et": "estonian",
    "ru": "russian",
    "uk": "standard",
}


class SearchEntry(index.Indexed, models.Model):
    # Not "object_id"/"content_type": the search backend annotates querysets with those names.
    item_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    item_id = models.PositiveBigIntegerField()
    # Ties the translations of one item together; for untranslatable items, a stable key of their own.
    group_key = models.CharField(max_length=64)
    language = models.CharField(max_length=10, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    countries = models.CharField(max_length=100, blank=True, help_text="Space-separated ISO codes.")
    themes = models.CharField(max_length=500, blank=True, help_text="Space-separated slugs.")
    target_groups = models.CharField(max_length=500, blank=True, help_text="Space-separated slugs.")
    cities = models.CharField(max_length=500, blank=True, help_text="Space-separated slugs.")
    legal_statuses = models.CharField(
        max_length=500, blank=True, help_text="Space-separated slugs: the statuses a guide's steps are for."
    )
    title_terms = models.TextField(blank=True)
    terms = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="The readable text, for snippets.")
    # Guides only: for each step, where it is in ``text`` (word positions) and its terms, as
    # {"start": 12, "end": 80, "terms": "…"}: a query one step answers puts the guide first
    # and its snippet in that step (see ``search.engine``).
    guide_steps = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("title_terms", boost=5),
        index.SearchField("terms"),
        # Folded terms, not the title as written: autocomplete then ignores case, diacritics
        # and ё/е on every backend (``search.engine.suggestions``).
        index.AutocompleteField("title_terms"),
        index.FilterField("language"),
        index.FilterField("kind"),
        # On Elasticsearch/OpenSearch, the raw text is also analysed by the language's own analyzer.
        *[
            index.SearchField(f"text_{code}", es_extra={"analyzer": analyzer})
            for code, analyzer in ES_ANALYZERS.items()
        ],
    ]

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["item_type", "item_id"], name="one_search_entry_per_object")
        ]
        # An item's translations, and its entry in the reader's language: the search looks up
        # the results' own-language entries by both (on the language index alone that read
        # every entry of the language, 55 ms at 100k).
        indexes = [models.Index(fields=["group_key", "language"], name="search_entry_group_language")]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def _text_in(self, code: str) -> str:
        return self.text if self.language == code else ""

    def text_en(self) -> str:
        return self._text_in("en")

    def text_lv(self) -> str:
        return self._text_in("lv")

    def text_lt(self) -> str:
        return self._text_in("lt")

    def text_et(self) -> str:
        return self._text_in("et")

    def text_ru(self) -> str:
        return self._text_in("ru")

    def text_uk(self) -> str:
        return self._text_in("uk")


class SearchTerm(models.Model):
    """How many entries of one language hold one index token: the index's vocabulary.

    Kept in step with ``SearchEntry`` by ``search.vocabulary`` (on every entry update and
    by ``rebuild_search``). It gives the ranking its document frequencies (rarer words
    weigh more) and the spelling correction its words, on every backend alike.
    """

    term = models.CharField(max_length=100)
    language = models.CharField(max_length=10)
    entries = models.PositiveIntegerField(default=0)
    # A written form (lowercase, diacritics kept) when the token is a folded word, not a stem:
    # only such tokens are offered as corrections.
    word = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(fields=["term", "language"], name="one_search_term_per_language")
        ]
        indexes = [models.Index(fields=["term"], name="search_term_term")]

    def __str__(self) -> str:
        return f"{self.term} ({self.language}: {self.entries})"
