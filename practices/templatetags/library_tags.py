"""How the library names a publication's language and picks the summary a reader sees."""

from __future__ import annotations

from django import template
from django.utils import translation
from django.utils.translation import gettext_lazy as _

register = template.Library()

# "(Study, 2012, in Latvian, PDF, 240 KB)": the language a publication is written in, as a
# phrase of the reader's language. Not the language switcher's own names ("Latviešu"), which
# are each language's name for itself and read as another language's words on the page.
WRITTEN_IN = {
    "en": _("in English"),
    "lv": _("in Latvian"),
    "lt": _("in Lithuanian"),
    "et": _("in Estonian"),
    "ru": _("in Russian"),
    "other": _("in another language"),
}


@register.filter
def written_in(code: str) -> str:
    """``{{ publication.language|written_in }}``: "in Latvian", in the reader's language."""
    return str(WRITTEN_IN.get(code, WRITTEN_IN["other"]))


@register.simple_tag
def publication_summary(publication) -> dict:
    """``{"text": …, "language": …}``: the summary in the reader's language when an editor
    gave one, otherwise the publication's own, with the language it is written in (the
    template marks it with ``lang`` when it is not the page's)."""
    text, language = publication.summary_in(translation.get_language() or "en")
    return {"text": text, "language": language if language != "other" else ""}
